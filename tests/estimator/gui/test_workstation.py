"""The assessor's main path with the keyboard, on the demo database (pytest-qt, offscreen)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.estimate import LineKind
from estimator.domain.workflow import EstimateStatus
from estimator.gui.models import CaseColumn, LineColumn
from estimator.services import case_list, estimate_store
from estimator.services.users import User
from tests.estimator.gui.conftest import window


def test_models_pass_the_qt_model_tester(
    qtbot: QtBot, qtmodeltester, demo: Engine, assessor: User, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    main = window(qtbot, demo, assessor, tmp_path)
    qtmodeltester.check(main.cases)
    qtmodeltester.check(main.editor.lines)
    main.editor.search.setText("大灯")
    qtbot.waitUntil(lambda: main.editor.matches.rowCount() > 0)
    qtmodeltester.check(main.editor.matches)


def test_case_list_shows_every_case_with_overdue_in_red(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = window(qtbot, demo, assessor, tmp_path)
    # The five base cases and the three settlement cases (demo_settled).
    assert main.cases.rowCount() == 8
    first = main.cases.index(0, CaseColumn.DUE)
    assert main.cases.data(first, Qt.ItemDataRole.ForegroundRole) is not None  # overdue, in red
    main.case_filter.setText("浙K9E")
    assert main.cases.rowCount() == 1


def test_main_path_with_the_keyboard_survives_a_restart(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QDialog

    from estimator.gui.dialogs import NewCaseDialog

    main = window(qtbot, demo, assessor, tmp_path)

    # New case (Ctrl+N): the dialog is filled from the keyboard, Tab from field to field.
    def fill(dialog: NewCaseDialog) -> QDialog.DialogCode:
        qtbot.keyClicks(dialog.claim_no, "RDAA2026330100009999")
        qtbot.keyClick(dialog.claim_no, Qt.Key.Key_Tab)
        dialog.plate.setText("浙K00001")  # QTest types ASCII only (environment-notes.md)
        qtbot.keyClicks(dialog.vin, "LVGBE40K8LG000100")
        assert dialog.vin_note.text() == ""  # the check digit is right
        assert dialog.model_code.text() == "TY-CAMRY-18"  # found by the VIN's prefix
        return QDialog.DialogCode.Accepted

    NewCaseDialog.exec = fill  # type: ignore[method-assign,assignment]
    try:
        assert (
            main.new_case_action.shortcut().matches(QKeySequence("Ctrl+N"))
            == QKeySequence.SequenceMatch.ExactMatch
        )
        main.new_case_action.trigger()  # what Ctrl+N does (offscreen windows get no shortcuts)
    finally:
        del NewCaseDialog.exec  # type: ignore[attr-defined]
    created = next(c for c in case_list.list_cases(demo) if c.claim_no == "RDAA2026330100009999")
    assert main.editor.estimate_id == created.estimate_id
    assert main.editor.search.hasFocus() or main.editor.search.isEnabled()
    editor = main.editor

    # Find 前保险杠皮 by its pinyin initials and add it as "replace" with Enter.
    editor.search.setFocus()
    qtbot.keyClicks(editor.search, "qbxgp")
    qtbot.waitUntil(lambda: editor.matches.rowCount() > 0)
    assert editor.matches.match_at(0).part_no == "521190K280"  # fits the Camry, so first
    qtbot.keyClick(editor.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.lines.rowCount() == 3)
    kinds = [editor.lines.line_at(r).kind for r in range(3)]
    assert kinds == [LineKind.PART, LineKind.LABOR, LineKind.PAINT]
    total_after_add = editor.priced.totals.total  # type: ignore[union-attr]

    # Change the quantity in place, then undo and redo (Ctrl+Z / Ctrl+Shift+Z).
    qty = editor.lines.index(0, LineColumn.QTY)
    editor.table.setCurrentIndex(qty)
    editor.table.edit(qty)
    qtbot.waitUntil(
        lambda: (
            editor.table.indexWidget(qty) is not None
            or editor.table.state() == editor.table.State.EditingState
        )
    )
    editor_widget = editor.table.viewport().focusWidget()
    editor_widget.selectAll()  # type: ignore[union-attr]
    qtbot.keyClicks(editor_widget, "2")
    qtbot.keyClick(editor_widget, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.lines.line_at(0).qty == Decimal(2))
    assert editor.priced.totals.total > total_after_add  # type: ignore[union-attr]
    qtbot.keyClick(main, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.lines.line_at(0).qty == Decimal(1))
    qtbot.keyClick(
        main, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: editor.lines.line_at(0).qty == Decimal(2))

    # Override the part's price: refused without a reason, kept with one, the catalog price beside.
    price = editor.lines.index(0, LineColumn.PRICE)
    catalog_price = editor.lines.line_at(0).unit_price
    editor.ask_reason = lambda _field: ""  # type: ignore[method-assign]
    assert editor.lines.setData(price, "1700")
    qtbot.waitUntil(lambda: "reason" in editor.message.text() or "原因" in editor.message.text())
    assert editor.lines.line_at(0).unit_price == catalog_price
    editor.ask_reason = lambda _field: "shop quote, paint-matched part"  # type: ignore[method-assign]
    assert editor.lines.setData(price, "1700")
    qtbot.waitUntil(lambda: editor.lines.line_at(0).unit_price == Decimal("1700"))
    overridden = editor.lines.line_at(0)
    assert overridden.looked_up_unit_price == catalog_price
    assert "shop quote, paint-matched part" in overridden.notes[0].text()
    qtbot.keyClick(main, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.lines.line_at(0).unit_price == catalog_price)
    qtbot.keyClick(
        main, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: editor.lines.line_at(0).unit_price == Decimal("1700"))
    shown_total = editor.totals_labels["total"].text()
    shown_words = editor.words.text()
    main.close()

    # "Restart": a new window on the same database finds every line and total as left.
    again = window(qtbot, demo, assessor, tmp_path)
    again.editor.open(created.estimate_id)
    assert again.editor.lines.rowCount() == 3
    assert again.editor.lines.line_at(0).qty == Decimal(2)
    assert again.editor.lines.line_at(0).unit_price == Decimal("1700")
    assert again.editor.totals_labels["total"].text() == shown_total
    assert again.editor.words.text() == shown_words
    stored = estimate_store.load_estimate(demo, created.estimate_id)
    assert stored.status is EstimateStatus.DRAFT and len(stored.estimate.lines) == 3


def test_a_submitted_estimate_is_read_only(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = window(qtbot, demo, assessor, tmp_path)
    submitted = next(c for c in case_list.list_cases(demo) if c.status is EstimateStatus.SUBMITTED)
    main.editor.open(submitted.estimate_id)
    assert not main.editor.search.isEnabled()
    flags = main.editor.lines.flags(main.editor.lines.index(0, LineColumn.QTY))
    assert not flags & Qt.ItemFlag.ItemIsEditable


def test_removing_a_line_is_undoable(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = window(qtbot, demo, assessor, tmp_path)
    draft = next(c for c in case_list.list_cases(demo) if c.status is EstimateStatus.DRAFT)
    main.editor.open(draft.estimate_id)
    before = main.editor.lines.rowCount()
    main.editor.table.setCurrentIndex(main.editor.lines.index(0, 0))
    main.editor.remove_selected()
    assert main.editor.lines.rowCount() == before - 1
    main.editor.undo_stack.undo()
    assert main.editor.lines.rowCount() == before
    assert len(estimate_store.load_estimate(demo, draft.estimate_id).estimate.lines) == before


def test_window_layout_is_remembered(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = window(qtbot, demo, assessor, tmp_path)
    width = min(790, main.minimumSizeHint().width() + 2)  # the offscreen screen is 800 × 600
    main.resize(width, 540)
    main.splitter.setSizes([300, 400])
    sizes = main.splitter.sizes()
    main.close()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert settings.value("main/geometry") is not None
    again = window(qtbot, demo, assessor, tmp_path)
    assert again.size().width() == width
    assert again.splitter.sizes() == sizes


def test_filters_history_changes_and_submission(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = window(qtbot, demo, assessor, tmp_path)
    main.overdue_filter.setChecked(True)
    assert main.cases.rowCount() == 1 and main.cases.case_at(0).overdue
    main.overdue_filter.setChecked(False)
    main.status_filter.setCurrentIndex(main.status_filter.findData(EstimateStatus.APPROVED))
    assert [main.cases.case_at(r).status for r in range(main.cases.rowCount())] == [
        EstimateStatus.APPROVED
    ]

    # An approved case: read-only, with its history; start a supplement and see the changes.
    main.case_table.selectRow(0)
    editor = main.editor
    assert editor.supplement_button.isEnabled() and not editor.submit_button.isEnabled()
    actions = [
        editor.history.item(r, 1).data(Qt.ItemDataRole.UserRole)
        for r in range(editor.history.rowCount())
    ]
    assert actions == [
        "case create",
        "case event_survey",
        "estimate submit",
        # At the demo's partner shop, priced as agreed: the certificate is issued in the
        # approval's transaction before the approval is recorded, whose content binding
        # includes it (reliability.md, promise 13).
        "estimate issue_guarantee",
        "estimate approve",
    ]
    editor.supplement()
    assert editor.stored is not None and editor.stored.version_no == 2
    assert editor.changes.rowCount() == 0  # nothing changed yet
    editor.table.setCurrentIndex(editor.lines.index(0, 0))
    editor.remove_selected()
    assert editor.changes.rowCount() == 1 and editor.changes.item(0, 0).text() in (
        "Removed",
        "删除",
    )
    editor.submit()
    assert editor.stored.status is EstimateStatus.SUBMITTED
    assert not editor.search.isEnabled()


def test_approval_notice_is_copied_and_its_sending_recorded(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    from PySide6.QtGui import QGuiApplication

    main = window(qtbot, demo, assessor, tmp_path)
    approved = next(c for c in case_list.list_cases(demo) if c.status is EstimateStatus.APPROVED)
    main.editor.open(approved.estimate_id)
    assert main.editor.notice_button.isEnabled()
    text = main.editor.send_notice()
    assert "沪B55102" in text and "核定金额" in text
    assert QGuiApplication.clipboard().text() == text
    history = main.editor.history
    actions = [history.item(r, 1).data(Qt.ItemDataRole.UserRole) for r in range(history.rowCount())]
    assert actions[-1] == "case event_notification_sent"


def test_first_run_creates_the_administrator_then_signs_in(qtbot: QtBot, engine: Engine) -> None:
    from estimator.domain.workflow import Role
    from estimator.gui.dialogs import SignInDialog

    dialog = SignInDialog(engine)
    qtbot.addWidget(dialog)
    assert dialog.first_run
    dialog.username.setText("admin")
    dialog.password.setText("long enough 1")
    dialog.repeat.setText("different")
    dialog.try_accept()
    assert dialog.user is None and dialog.message.text()
    dialog.repeat.setText("long enough 1")
    dialog.try_accept()
    assert dialog.user is not None and Role.ADMIN in dialog.user.roles
    again = SignInDialog(engine)
    qtbot.addWidget(again)
    assert not again.first_run
    again.username.setText("admin")
    again.password.setText("wrong")
    again.try_accept()
    assert again.user is None and again.password.text() == ""


def test_the_customer_signs_on_the_screen_and_the_sheet_carries_it(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    from PySide6.QtCore import QPointF

    from estimator.gui.signature_pad import SignaturePad

    main = window(qtbot, demo, assessor, tmp_path)
    approved = next(c for c in case_list.list_cases(demo) if c.status is EstimateStatus.APPROVED)
    editor = main.editor
    editor.open(approved.estimate_id)
    assert editor.sign_button.isEnabled()
    pad = SignaturePad()
    qtbot.addWidget(pad)
    assert pad.is_empty()
    pad.add_stroke([QPointF(20 + i * 8, 80 + (i % 5) * 6) for i in range(40)])
    png = pad.png()
    assert png.startswith(b"\x89PNG") and not pad.is_empty()
    editor.customer_signs(png)
    assert editor.stored is not None and editor.stored.status is EstimateStatus.SIGNED
    sheet = editor.write_sheet(tmp_path / "signed-by-customer.pdf").read_bytes()
    assert b"/Subtype /Image" in sheet  # the drawn signature is placed into the sheet


def test_photos_attach_and_show_thumbnails_without_blocking(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    from PySide6.QtGui import QColor, QImage

    main = window(qtbot, demo, assessor, tmp_path)
    editor = main.editor
    paths = []
    for index, color in enumerate(("red", "green", "blue")):
        image = QImage(3000, 2000, QImage.Format.Format_RGB32)  # a large photo
        image.fill(QColor(color))
        path = tmp_path / f"damage-{index}.png"
        assert image.save(str(path))
        paths.append(path)
    bogus = tmp_path / "bogus.jpg"
    bogus.write_text("nope", encoding="utf-8")
    assert editor.photos.add_files([*paths, bogus]) == 3
    assert "bogus.jpg" in editor.photos.message.text()
    qtbot.waitUntil(lambda: editor.photos.thumbnails_ready() == 3, timeout=10_000)
    case_id = editor.stored.case_id  # type: ignore[union-attr]
    editor.photos.open(case_id)  # reopening reads them back from the database
    qtbot.waitUntil(lambda: editor.photos.thumbnails_ready() == 3, timeout=10_000)


def test_a_photo_can_belong_to_a_line(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    from PySide6.QtGui import QColor, QImage

    from estimator.services.photos import list_photos

    main = window(qtbot, demo, assessor, tmp_path)
    editor = main.editor
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("orange"))
    path = tmp_path / "bumper-crack.png"
    assert image.save(str(path))
    editor.table.setCurrentIndex(editor.lines.index(0, 0))
    editor.photos.to_line.setChecked(True)
    assert editor.photos.add_files([path]) == 1
    assert editor.stored is not None
    (photo,) = list_photos(demo, editor.stored.case_id)
    assert photo.line_key == editor.stored.line_keys[0]
    assert editor.photos.list.item(0).text().startswith(("Line 1", "第 1 行"))


def test_the_window_opens_at_200_percent_scaling(tmp_path: Path, demo_template: Path) -> None:
    import os
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from estimator.gui.app import application\n"
        "app = application()\n"
        "from estimator.gui.main_window import MainWindow\n"
        "from estimator.persistence.database import create_database_engine, sqlite_url\n"
        "from estimator.services.demo import DEMO_USERS\n"
        "from estimator.services.users import authenticate\n"
        "engine = create_database_engine(sqlite_url(sys.argv[1]))\n"
        "name, _d, _r, password = DEMO_USERS[0]\n"
        "window = MainWindow(engine, authenticate(engine, name, password))\n"
        "window.show(); app.processEvents()\n"
        "print(window.devicePixelRatio(), window.grab().width() > 0)\n"
    )
    import shutil

    database = tmp_path / "scaled.sqlite3"
    shutil.copy(demo_template, database)  # the template stays untouched for other tests
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "QT_SCALE_FACTOR": "2",
        "HOME": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-c", script, str(database)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-2:] == ["2.0", "True"]


def test_search_shows_each_price_type_and_a_part_line_shows_repair_or_replace(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = window(qtbot, demo, assessor, tmp_path)
    editor = main.editor
    draft = next(
        c for c in case_list.list_cases(demo) if c.claim_no.endswith("0127")
    )  # the full demo estimate
    editor.open(draft.estimate_id)
    editor.search.setText("qbxgp")
    editor.run_search()
    first = [editor.matches.data(editor.matches.index(0, c)) for c in range(8)]
    assert first[0] == "521190K280" and first[4] == "1,850.00"  # 4S price, ZJ, on the pricing date
    assert all(first[4:])  # market, brand and used prices shown too
    from estimator.services.estimates import repair_or_replace_advice

    editor.table.setCurrentIndex(editor.lines.index(0, 0))  # 前保险杠皮, replaced
    assert editor.stored is not None
    expected = repair_or_replace_advice(demo, editor.stored.estimate, "FBUMPER", "521190K280")
    assert expected is not None
    assert f"{expected.repair_cost:,.2f}" in editor.advice.text()
    assert f"{expected.replace_cost:,.2f}" in editor.advice.text()
    header = editor.header.text()
    assert ("due" in header) or ("时限" in header)


def test_the_sheet_prints_page_for_page(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    import shutil
    import subprocess

    from PySide6.QtPrintSupport import QPrinter

    from estimator.gui.printing import MAX_RENDER_DPI, print_pdf
    from estimator.services.documents import estimate_sheet

    submitted = next(c for c in case_list.list_cases(demo) if c.status is EstimateStatus.SUBMITTED)
    sheet = estimate_sheet(demo, submitted.estimate_id)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(target))
    printed = print_pdf(sheet, printer)
    assert printed >= 1
    assert target.stat().st_size > 10_000 * printed  # rendered pages, not blank ones
    if shutil.which("pdfinfo"):
        source = tmp_path / "sheet.pdf"
        source.write_bytes(sheet)
        pages = [
            subprocess.run(["pdfinfo", str(p)], capture_output=True, text=True, check=True)
            .stdout.split("Pages:")[1]
            .split()[0]
            for p in (source, target)
        ]
        assert pages == [str(printed), str(printed)]
    if shutil.which("pdfimages"):
        # Qt's PDF printer reports 1200 dpi; the pages are rendered at a printer's 600 dpi
        # (a 1200-dpi A4 page was 139 megapixels), drawn over the printable area.
        listing = subprocess.run(
            ["pdfimages", "-list", str(target)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        images = [line.split() for line in listing if line.split()[2] == "image"]
        assert len(images) == printed
        for image in images:
            assert abs(int(image[3]) - 210 / 25.4 * MAX_RENDER_DPI) < 2  # A4 wide, in pixels
            assert MAX_RENDER_DPI <= int(image[12]) <= MAX_RENDER_DPI * 1.1  # x-ppi
