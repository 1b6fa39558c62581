"""The flood screen's lots (批次与检测), settlement (赔款理算) and totals row: the demo warehouse
loaded, a lot's test result entered in place and assessed again, bad entries refused, the
tests and the policy saved in a version and opened again."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QDialog, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.flood_lots import TestResult
from estimator.domain.flood_settlement import Policy
from estimator.gui.flood import FloodScreen
from estimator.gui.flood_lots_tab import FloodLotsModel, LotColumn, SettlementPanel
from estimator.gui.flood_models import CategoryColumn, FloodCategoriesModel
from estimator.gui.flood_policy_dialog import FloodPolicyDialog
from estimator.services.flood_cases import list_flood_cases, list_flood_versions
from estimator.services.flood_outcome import outcome
from estimator.services.users import User
from kernel.money import round_fen
from tests.estimator.gui.test_flood_screen import WAIT, at_70, loaded, screen, text
from tests.estimator.gui.test_translations import QM
from tests.flood_site import site

D = Decimal
#: A lot of the demo warehouse at 70 cm without a test result in the tests sheet.
LOT = ("空调室内机", "KFR-35GW/BP3", "submerged")


@contextmanager
def chinese() -> Iterator[None]:
    """The UI's words in Chinese while the block runs."""
    translator = QTranslator()
    assert translator.load(str(QM))
    QCoreApplication.installTranslator(translator)
    try:
        yield
    finally:
        QCoreApplication.removeTranslator(translator)


def demo_at_70(qtbot: QtBot, demo: Engine, user: User, tmp_path: Path) -> FloodScreen:
    flood = screen(qtbot, demo, user, tmp_path)
    loaded(qtbot, flood)
    at_70(qtbot, flood)
    flood.results.tabs.setCurrentWidget(flood.results.lots_tab)
    return flood


def row_of(model: FloodLotsModel, key: tuple[str, str, str]) -> int:
    return next(r for r in range(model.rowCount()) if model.lot_at(r).lot.key == key)


def type_into(qtbot: QtBot, flood: FloodScreen, row: int, column: LotColumn, typed: str) -> None:
    """Type into a cell of the lots table as the adjuster does, and press Return."""
    table = flood.results.lots_tab.table
    index = table.model().index(row, column)
    table.setCurrentIndex(index)
    table.edit(index)
    qtbot.waitUntil(lambda: table.viewport().findChild(QLineEdit) is not None)
    editor = table.viewport().findChild(QLineEdit)
    assert editor is not None
    editor.selectAll()
    if typed:
        qtbot.keyClicks(editor, typed)
    else:
        editor.clear()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: (
            table.state() != table.State.EditingState
            and table.viewport().findChild(QLineEdit) is None
        )
    )


def payable(flood: FloodScreen) -> str:
    return flood.results.lots_tab.settlement.figures["payable"].text()


def test_a_test_result_entered_measures_the_lot_and_the_settlement_is_the_services(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    flood = demo_at_70(qtbot, demo, assessor, tmp_path)
    model = flood.results.lots_tab.lots
    row = row_of(model, LOT)
    before = model.lot_at(row)
    lot = before.lot
    # The demo rules: ¥425 a submerged unit, ¥70 to test and repack one that passes; 90 units
    # (the indoor cartons' 3 cm of wicking wets a sixth layer of A-03).
    assert (lot.units, lot.sample_size, lot.assumed_loss, lot.tested_ok_loss) == (
        90,
        13,
        D("38250.00"),
        D("6300.00"),
    )
    assert before.result is None and before.loss == D("38250.00")
    with chinese():
        assert text(model, row, LotColumn.BASIS) == "推定"
        assert text(model, row, LotColumn.STATE) == "完全浸没"
    payable_before = D(payable(flood).replace(",", ""))
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        type_into(qtbot, flood, row, LotColumn.TESTED, "13")
    qtbot.waitUntil(lambda: not flood.busy, timeout=WAIT)
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        type_into(qtbot, flood, row, LotColumn.FAILED, "2")
    qtbot.waitUntil(lambda: not flood.busy, timeout=WAIT)
    row = row_of(model, LOT)
    measured = model.lot_at(row)
    assert measured.result is not None and (measured.result.tested, measured.result.failed) == (
        13,
        2,
    )
    # 2 of 13 failed: (38,250 × 2 + 6,300 × 11) / 13 = 145,800 / 13 = 11,215.38 (to the fen).
    assert measured.loss == D("11215.38")
    assert before.loss - measured.loss == D("27034.62")
    assert text(model, row, LotColumn.LOSS) == "11,215.38"
    with chinese():
        assert text(model, row, LotColumn.BASIS) == "实测"
    assert flood.test_results[-1].key == LOT
    # The settlement panel shows what the service settles for the same inputs.
    expected = outcome(flood.inputs())
    assert expected.settlement is not None and flood.settlement == expected.settlement
    assert payable(flood) == f"{expected.settlement.payable:,.2f}"
    panel = flood.results.lots_tab.settlement
    assert panel.figures["average_ratio"].text() == expected.settlement.shown_ratio
    assert panel.figures["sum_insured"].text() == f"{expected.settlement.sum_insured:,.2f}"
    assert expected.lots == flood.lots
    # The settlement follows the measured lot (分批核定): the net loss falls by 27,034.62 and,
    # under the demo policy (ratio 880,000 / 1,100,000 = 0.8, deductible 5 % of the loss after
    # the ratio, above the 2,000 floor), the payable by 27,034.62 × 0.8 × 0.95 = 20,546.31
    # (each step rounded to the fen, so within a fen of it).
    payable_after = D(payable(flood).replace(",", ""))
    assert abs(payable_before - payable_after - D("20546.31")) <= D("0.01")

    # Undo and redo (Ctrl+Z / Ctrl+Shift+Z): the failed units, then the whole result.
    assert flood.undo_stack.count() == 2
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        qtbot.keyClick(flood, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert model.lot_at(row_of(model, LOT)).result == TestResult(*LOT, 13, 0)
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        flood.undo_stack.undo()
    assert model.lot_at(row_of(model, LOT)) == before
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        flood.undo_stack.redo()
        flood.undo_stack.redo()
    assert model.lot_at(row_of(model, LOT)) == measured
    row = row_of(model, LOT)

    # Clearing the tested units removes the result: the lot is assumed again.
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        type_into(qtbot, flood, row, LotColumn.TESTED, "")
    qtbot.waitUntil(lambda: not flood.busy, timeout=WAIT)
    again = model.lot_at(row_of(model, LOT))
    assert again.result is None and again.loss == D("38250.00")
    assert LOT not in {r.key for r in flood.test_results}


def test_bad_entries_are_refused_with_the_reason_and_nothing_is_lost(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    flood = demo_at_70(qtbot, demo, assessor, tmp_path)
    model = flood.results.lots_tab.lots
    row = row_of(model, LOT)
    kept = flood.test_results
    shown = flood.assessment
    for column, typed, why in (
        (LotColumn.FAILED, "1", "tested first"),
        (LotColumn.TESTED, "91", "more than the lot's 90 units"),
        (LotColumn.TESTED, "0", "at least one unit"),
        (LotColumn.TESTED, "abc", "whole number"),
        (LotColumn.TESTED, "-3", "whole number"),
        (LotColumn.TESTED, "2.5", "whole number"),
        (LotColumn.TESTED, "1" * 12, "whole number"),  # a pasted run of digits, not a count
    ):
        type_into(qtbot, flood, row, column, typed)
        assert why in flood.message.text(), typed
        assert why in model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole)
        assert text(model, row, LotColumn.TESTED) == ""
        assert flood.test_results == kept and not flood.busy
    # A measured lot keeps its result when more failed than tested are typed.
    measured = next(r for r in range(model.rowCount()) if model.lot_at(r).result is not None)
    result = model.lot_at(measured).result
    assert result is not None
    type_into(qtbot, flood, measured, LotColumn.FAILED, str(result.tested + 1))
    assert f"more than the {result.tested} tested" in flood.message.text()
    assert model.lot_at(measured).result == result and flood.test_results == kept
    assert flood.assessment == shown
    # In Chinese, the reason is Chinese.
    chinese_model = FloodLotsModel("zh")
    chinese_model.set_rows(list(flood.lots))
    with qtbot.waitSignal(chinese_model.refused) as refused:
        assert not chinese_model.setData(chinese_model.index(row, LotColumn.TESTED), "91")
    assert refused.args == ["检测数 91 多于批次件数 90"]


def test_tests_and_policy_are_saved_in_the_version_and_opened_again(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    flood = demo_at_70(qtbot, demo, assessor, tmp_path)
    model = flood.results.lots_tab.lots
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        type_into(qtbot, flood, row_of(model, LOT), LotColumn.TESTED, "13")
    qtbot.waitUntil(lambda: not flood.busy, timeout=WAIT)
    flood.inputs_panel.claim_no.setText("RQJC2026440100000777")
    assert flood.save_version()
    entered, policy, lots, settlement = (
        flood.test_results,
        flood.policy,
        flood.lots,
        flood.settlement,
    )
    assert policy is not None and settlement is not None and len(entered) == 6
    shown = payable(flood)
    flood.close()

    (case,) = list_flood_cases(demo)
    (version,) = list_flood_versions(demo, case.id)
    again = screen(qtbot, demo, assessor, tmp_path)
    with qtbot.waitSignal(again.assessed, timeout=WAIT):
        again.open_version(version.id)
    assert again.test_results == entered and again.policy == policy
    assert again.lots == lots and again.settlement == settlement
    assert payable(again) == shown
    reopened = again.results.lots_tab.lots
    assert text(reopened, row_of(reopened, LOT), LotColumn.TESTED) == "13"


def test_the_totals_row_sums_the_categories_in_bold(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    flood = screen(qtbot, demo, assessor, tmp_path)
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        flood.set_inputs(site("70"))
    model = flood.results.categories
    assessment = flood.assessment
    assert assessment is not None
    categories = assessment.categories
    last = model.rowCount() - 1
    assert last == len(categories) and model.is_totals(last)
    assert text(model, last, CategoryColumn.CATEGORY) == "Site total"
    with chinese():
        assert text(model, last, CategoryColumn.CATEGORY) == "合计"
    assert text(model, last, CategoryColumn.UNITS) == f"{sum(c.units for c in categories):,}"
    assert text(model, last, CategoryColumn.WET) == f"{sum(c.wet_units for c in categories):,}"
    for column, field in (
        (CategoryColumn.LOSS, "loss"),
        (CategoryColumn.SALVAGE, "salvage"),
        (CategoryColumn.NET, "net"),
    ):
        total = sum((getattr(c, field) for c in categories), D(0))
        assert text(model, last, column) == f"{total:,.2f}"
    assert text(model, last, CategoryColumn.SAMPLE) == ""
    assert model.data(model.index(last, 0), Qt.ItemDataRole.FontRole).bold()
    # Without a policy the settlement says so; without results every lot is assumed.
    panel = flood.results.lots_tab.settlement
    assert not panel.no_policy.isHidden() and panel.form.isHidden()
    with chinese():
        assert SettlementPanel().no_policy.text() == "未录入保单"


@contextmanager
def qtbot_free_signal(model: FloodLotsModel) -> Iterator[list[tuple[object, object]]]:
    """The results the model announces while the block runs."""
    seen: list[tuple[object, object]] = []

    def keep(key: object, result: object) -> None:
        seen.append((key, result))

    model.result_changed.connect(keep)
    try:
        yield seen
    finally:
        model.result_changed.disconnect(keep)


def test_models_without_a_view(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    inputs = site("70")
    result = outcome(
        dataclasses.replace(inputs, policy=Policy(sum_insured=D("50000"), debris_costs=None))
    )
    lots = FloodLotsModel("en")
    lots.set_rows(list(result.lots))
    qtmodeltester.check(lots)
    with qtbot_free_signal(lots) as changed:
        assert lots.setData(lots.index(0, LotColumn.TESTED), "1")
    assert changed == [(lots.lot_at(0).lot.key, lots.lot_at(0).result)]
    assert lots.lot_at(0).result is not None and lots.lot_at(0).result.failed == 0
    assert not lots.setData(lots.index(0, LotColumn.TESTED), "1,0")
    assert not lots.setData(lots.index(0, LotColumn.LOSS), "1")
    assert not lots.flags(lots.index(0, LotColumn.LOSS)) & Qt.ItemFlag.ItemIsEditable
    assert lots.flags(lots.index(0, LotColumn.FAILED)) & Qt.ItemFlag.ItemIsEditable
    assert round_fen(lots.lot_at(0).loss) == lots.lot_at(0).loss

    categories = FloodCategoriesModel()
    assessment = inputs.assess()
    categories.set_rows(list(assessment.categories), assessment.totals)
    qtmodeltester.check(categories)
    categories.set_rows([], assessment.totals)  # no categories: no totals row either
    assert categories.rowCount() == 0

    panel = SettlementPanel()
    panel.show_settlement(result.settlement)
    assert result.settlement is not None
    assert panel.figures["payable"].text() == f"{result.settlement.payable:,.2f}"
    assert panel.figures["debris"].text() == "not covered"


def test_the_policy_is_entered_on_the_screen_and_settled(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    flood = screen(qtbot, demo, assessor, tmp_path)
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        flood.set_inputs(site("70"))
    panel = flood.results.lots_tab.settlement
    assert flood.settlement is None and not panel.no_policy.isHidden()

    dialog = FloodPolicyDialog(None, "en")
    qtbot.addWidget(dialog)
    assert not dialog.remove.isEnabled()
    for key, typed, why in (
        ("sum_insured", "", "Sum insured: required"),
        ("sum_insured", "abc", "Sum insured: "),
        ("sum_insured", "0", "must be more than 0"),
        ("deductible_rate", "5%", "Deductible rate: enter a plain decimal"),
        ("deductible_rate", "5", "between 0 and 1"),
    ):
        dialog.edits[key].setText(typed)
        dialog._accept()
        assert why in dialog.why.text(), typed
        assert dialog.result() != QDialog.DialogCode.Accepted and dialog.policy is None
        assert dialog.edits[key].text() == typed  # nothing typed is lost
        dialog.edits["sum_insured"].setText("200000")
        dialog.edits["deductible_rate"].setText("")
    dialog.edits["deductible_amount"].setText("1000")
    dialog.edits["deductible_rate"].setText("0.05")
    dialog.edits["rescue_costs"].setText("2000")
    dialog.edits["book_value"].setText("400000")
    dialog._accept()
    entered = Policy(
        sum_insured=D("200000"),
        deductible_amount=D("1000"),
        deductible_rate=D("0.05"),
        rescue_costs=D("2000"),
        debris_costs=None,
        book_value=D("400000"),
    )
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.policy == entered
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        flood.set_policy(dialog.policy)
    expected = outcome(flood.inputs()).settlement
    assert expected is not None and flood.settlement == expected
    # Under-insured by half: the ratio is 0.5; rescue costs are paid at that ratio.
    assert panel.figures["average_ratio"].text() == "0.5000"
    assert panel.figures["rescue"].text() == "1,000.00"
    assert payable(flood) == f"{expected.payable:,.2f}"

    again = FloodPolicyDialog(flood.policy, "en")
    qtbot.addWidget(again)
    assert again.entered() == entered  # shown as it was entered
    again.remove.click()
    assert again.policy is None
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        flood.set_policy(again.policy)
    assert flood.settlement is None and not panel.no_policy.isHidden()
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        flood.undo_stack.undo()  # the removal undone: settled under the policy again
    assert flood.policy == entered and flood.settlement == expected


def test_a_result_that_no_longer_fits_its_lot_is_listed_and_corrected_in_place(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    flood = demo_at_70(qtbot, demo, assessor, tmp_path)
    model = flood.results.lots_tab.lots
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        type_into(qtbot, flood, row_of(model, LOT), LotColumn.TESTED, "60")  # of 90 units
    qtbot.waitUntil(lambda: not flood.busy, timeout=WAIT)
    # At 40 cm the lot holds 48 units: the result is listed, the rest is still assessed.
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        flood.inputs_panel.site_depth.setValue(40)
    problems = flood.inputs_panel.problems
    reasons = [text(problems, r, 2) for r in range(problems.rowCount())]
    assert "60 tested is more than the lot's 48 units" in reasons
    assert flood.assessment is not None and flood.assessment.depth.site_cm == D(40)
    row = row_of(model, LOT)
    assert model.lot_at(row).result is None and model.lot_at(row).lot.units == 48
    assert TestResult(*LOT, 60, 0) in flood.test_results  # kept, not lost
    flood.inputs_panel.claim_no.setText("RQJC2026440100000888")
    assert not flood.save_version()  # the service refuses the result, and says why
    assert "48" in flood.message.text()
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        type_into(qtbot, flood, row, LotColumn.TESTED, "40")
    qtbot.waitUntil(lambda: not flood.busy, timeout=WAIT)
    assert model.lot_at(row_of(model, LOT)).result == TestResult(*LOT, 40, 0)
    assert flood.inputs_panel.problems.errors() == 0
    assert flood.save_version()


def test_a_stacks_tooltip_says_what_the_survey_saw(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    flood = demo_at_70(qtbot, demo, assessor, tmp_path)
    assert flood.assessment is not None
    by_location = {a.stack.location: a for a in flood.assessment.stacks}
    tooltip = flood.results.grid.tooltip
    with chinese():
        # The demo survey: A-05's water mark at 98 cm, A-14 and B-02 seen knocked over.
        assert "实测水位 98 厘米" in tooltip(by_location["A-05"])
        assert "实见倒垛" in tooltip(by_location["A-14"])
        assert "实见倒垛" in tooltip(by_location["B-02"])
        unobserved = tooltip(by_location["A-01"])
        assert "实测" not in unobserved and "实见" not in unobserved
