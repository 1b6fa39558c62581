"""The issue's example estimate entered with the keyboard alone, every key counted.

Front bumper cover and headlamp replaced, bonnet repaired, a fender painted only, radiator
replaced, clips (part only), a wheel alignment sublet, towing and a material: 14 lines of
every kind. Chinese is typed as pinyin initials and a space (the input method's first
candidate), counted as those keys."""

from __future__ import annotations

import uuid
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.estimate import LineKind
from estimator.services.estimates import part_prices
from estimator.services.users import User
from labor_standards.model import Operation
from tests.estimator.gui.conftest import window
from tests.estimator.gui.keyboard import Keyboard, empty_draft, focused

KEYSTROKE_BUDGET = 80


class MouseWatch(QObject):
    """Counts every mouse press and wheel turn the application sees."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonDblClick,
            QEvent.Type.Wheel,
        ):
            self.count += 1
        return False


def test_the_issue_example_takes_at_most_80_keys_and_no_mouse(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = window(qtbot, demo, assessor, tmp_path)
    main.resize(1366, 768)
    estimate_id = uuid.UUID(empty_draft(demo, assessor))
    main.editor.open(estimate_id)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    editor = main.editor
    mouse = MouseWatch()
    QApplication.instance().installEventFilter(mouse)  # type: ignore[union-attr]
    keys = Keyboard(qtbot)
    try:
        editor.table.setFocus()  # wherever the user was: Ctrl+F brings the search
        keys.press(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.search)

        def part(initials: str, part_no: str, *op: str) -> None:
            keys.type(initials)
            qtbot.waitUntil(
                lambda: (
                    editor.matches.rowCount() > 0 and editor.matches.match_at(0).part_no == part_no
                )
            )
            before = len(editor.stored.estimate.lines)  # type: ignore[union-attr]
            if op:
                keys.press(Qt.Key.Key_Down)
                keys.press(op[0])
            else:
                keys.press(Qt.Key.Key_Return)  # Enter: replace
            qtbot.waitUntil(lambda: len(editor.stored.estimate.lines) > before)  # type: ignore[union-attr]
            qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.search)

        def entered(key: str, *steps: tuple[str, ...]) -> None:
            before = len(editor.stored.estimate.lines)  # type: ignore[union-attr]
            keys.press(Qt.Key.Key_Down)  # into the results (there are some): letters are keys
            keys.press(key)
            qtbot.waitUntil(lambda: editor.line_actions.dialog is not None)
            qtbot.waitUntil(lambda: focused().window() is editor.line_actions.dialog)
            for step in steps:
                if step[0] == "pinyin":
                    keys.pinyin(step[1], step[2])
                elif step[0] == "tab":
                    keys.press(Qt.Key.Key_Tab)
                else:
                    keys.type(step[1])
            keys.press(Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: len(editor.stored.estimate.lines) == before + 1)  # type: ignore[union-attr]
            qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.search)

        part("qbxgp", "521190K280")  # 前保险杠皮: replace (+ labor + paint)
        part("zqdd", "8113006B30")  # 左前大灯总成: replace (+ labor; a lamp is not painted)
        part("fdjg", "167335X461", "2")  # 发动机盖: 钣金中 (+ paint)
        part("zqyzb", "780707R222", "P")  # 左前叶子板: paint only
        part("srq", "723345D148")  # 散热器总成: replace (+ labor)
        part("qbxgkk", "753331P618", "B")  # 前保险杠卡扣: part only
        entered("W", ("pinyin", "sldw", "四轮定位"), ("tab",), ("text", "200"))
        entered("S", ("tab",), ("text", "300"))  # 拖车 is the towing's first description
        entered(
            "F",
            ("pinyin", "kk", "卡扣"),
            ("tab",),
            ("text", "10"),
            ("tab",),
            ("text", "2.5"),
        )
    finally:
        QApplication.instance().removeEventFilter(mouse)  # type: ignore[union-attr]

    print(f"\nkeystrokes: {keys.count}: {' '.join(keys.log)}")
    assert keys.count <= KEYSTROKE_BUDGET
    assert mouse.count == 0

    stored = editor.stored
    priced = editor.priced
    assert stored is not None and priced is not None and priced.totals is not None
    shape = [(p.kind, p.operation, p.part_no or p.component_code) for p in priced.lines]
    assert shape == [
        (LineKind.PART, None, "521190K280"),
        (LineKind.LABOR, Operation.REPLACE, "FBUMPER"),
        (LineKind.PAINT, None, "FBUMPER"),
        (LineKind.PART, None, "8113006B30"),
        (LineKind.LABOR, Operation.REPLACE, "HEADLAMP_L"),
        (LineKind.LABOR, Operation.REPAIR_MEDIUM, "HOOD"),
        (LineKind.PAINT, None, "HOOD"),
        (LineKind.PAINT, None, "FENDER_L"),
        (LineKind.PART, None, "723345D148"),
        (LineKind.LABOR, Operation.REPLACE, "RADIATOR"),
        (LineKind.PART, None, "753331P618"),
        (LineKind.SUBLET, None, ""),
        (LineKind.TOWING, None, ""),
        (LineKind.MATERIAL, None, ""),
    ]
    assert len(stored.estimate.lines) == 14
    assert {p.kind for p in priced.lines} == set(LineKind)
    # The total by hand: parts at the estimate's price type; labor 1.40 h × 60 + 0.80 × 60
    # + 2.72 × 80 + 0.80 × 60 = 397.60; paint (1.5 + 2 + 1 panels) × 380 = 1,710.00, less
    # the 4.5-panel discount (× 0.90) = 1,539.00; sublet 200, towing 300, material 25.
    numbers = ["521190K280", "8113006B30", "723345D148", "753331P618"]
    prices = part_prices(demo, numbers, "ZJ", stored.estimate.priced_on)
    parts = sum((prices[n][stored.estimate.price_type] for n in numbers), Decimal(0))
    assert priced.totals.parts == parts
    assert priced.totals.labor == Decimal("397.60")
    assert priced.totals.paint == Decimal("1539.00")
    assert (priced.totals.material, priced.totals.sublet, priced.totals.towing) == (
        Decimal("25.00"),
        Decimal("200.00"),
        Decimal("300.00"),
    )
    fee = priced.totals.management_fee
    assert priced.totals.total == parts + fee + Decimal("397.60") + Decimal("1539.00") + Decimal(
        "525.00"
    )
    assert editor.totals_labels["total"].text() == f"{priced.totals.total:,.2f}"
