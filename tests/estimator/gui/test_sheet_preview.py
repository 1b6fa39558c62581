"""The estimate sheet's in-app preview (pages, Save as, Print) and the customer's signature:
what the customer sees while signing, and who may collect it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.errors import DomainError
from estimator.domain.words import amount_in_words
from estimator.domain.workflow import EstimateStatus, Role
from estimator.gui import sheet_preview
from estimator.gui.sheet_preview import SheetPreview
from estimator.services import case_list, estimate_store, workflow
from estimator.services.documents import may_sign, signing_facts
from estimator.services.users import User, create_user
from tests.estimator.gui.conftest import window


def _approved(demo: Engine) -> case_list.CaseSummary:
    return next(c for c in case_list.list_cases(demo) if c.status is EstimateStatus.APPROVED)


def _no_external_viewer(monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtGui import QDesktopServices

    def refuse(*_args: object) -> bool:
        raise AssertionError("an external viewer was launched")

    monkeypatch.setattr(QDesktopServices, "openUrl", refuse)


def _pdf_pages(pdf: bytes, tmp_path: Path) -> int:
    path = tmp_path / "shown.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(next(x for x in info.stdout.splitlines() if x.startswith("Pages:")).split()[1])


def _shown(qtbot: QtBot, preview: SheetPreview) -> None:
    qtbot.waitUntil(lambda: preview.page_count() > 0, timeout=30_000)


def test_the_sheet_opens_in_the_preview_with_pages_save_as_and_print(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_external_viewer(monkeypatch)
    main = window(qtbot, demo, assessor, tmp_path)
    editor = main.editor
    editor.open(_approved(demo).estimate_id)
    preview = editor.open_sheet()
    assert preview is not None
    assert preview.isVisible() and not preview.save_button.isEnabled()  # still being built
    _shown(qtbot, preview)
    assert preview.pdf is not None and preview.busy.isHidden()
    count = preview.page_count()
    if shutil.which("pdfinfo"):
        assert count == _pdf_pages(preview.pdf, tmp_path)
    assert str(count) in preview.page_label.text() and "1" in preview.page_label.text()
    assert preview.save_button.isEnabled() and preview.print_button.isEnabled()
    assert not preview.previous_button.isEnabled()
    if count > 1:
        preview.next_button.click()
        assert preview.current_page() == 1 and preview.previous_button.isEnabled()
        preview.go_to(count + 5)  # kept within the sheet
        assert preview.current_page() == count - 1 and not preview.next_button.isEnabled()
    before = preview.view.zoomFactor()
    preview.zoom_in_button.click()
    assert preview.view.zoomFactor() > before

    chosen = tmp_path / "saved-sheet"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(chosen), ""))
    preview.save_button.click()
    saved = chosen.with_name("saved-sheet.pdf")
    assert saved.read_bytes() == preview.pdf  # the very bytes shown
    assert str(saved) in preview.status.text()

    target = tmp_path / "printed.pdf"

    def printer(_parent: QWidget | None) -> QPrinter:
        chosen = QPrinter(QPrinter.PrinterMode.HighResolution)
        chosen.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        chosen.setOutputFileName(str(target))
        return chosen

    monkeypatch.setattr(sheet_preview, "ask_printer", printer)
    preview.print_button.click()
    assert target.stat().st_size > 10_000  # rendered pages, not blank ones
    if shutil.which("pdfinfo"):
        assert _pdf_pages(target.read_bytes(), tmp_path) == count


def test_print_opens_the_print_dialog_once_the_sheet_is_shown_and_cancel_prints_nothing(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_external_viewer(monkeypatch)
    asked: list[int] = []

    def cancelled(_parent: QWidget | None) -> None:
        asked.append(1)

    monkeypatch.setattr(sheet_preview, "ask_printer", cancelled)
    main = window(qtbot, demo, assessor, tmp_path)
    main.editor.open(_approved(demo).estimate_id)
    preview = main.editor.print_sheet()
    assert preview is not None
    qtbot.waitUntil(lambda: asked == [1], timeout=30_000)
    assert preview.print_sheet() == 0 and preview.isVisible()


def test_a_refused_sheet_says_why_and_offers_nothing_to_save(qtbot: QtBot) -> None:
    preview = SheetPreview("估损单.pdf")
    qtbot.addWidget(preview)

    def refused() -> bytes:
        raise DomainError("cannot_price:sheet")

    preview.build(refused)
    qtbot.waitUntil(lambda: preview.busy.isHidden(), timeout=10_000)
    assert preview.status.text() in ("无法定价，不能出具估损单", "the estimate cannot be priced")
    assert not preview.save_button.isEnabled() and preview.save_as() is None
    assert preview.page_count() == 0


def test_the_signature_dialog_shows_the_claim_the_customer_and_the_total_in_words(
    qtbot: QtBot, demo: Engine
) -> None:
    from sqlalchemy import update

    from estimator.gui.signature_pad import CustomerSignatureDialog
    from estimator.persistence.rows import CaseRow

    approved = _approved(demo)
    case_id = estimate_store.load_estimate(demo, approved.estimate_id).case_id
    with demo.begin() as connection:  # the demo's cases carry no insured; this one does
        connection.execute(update(CaseRow).where(CaseRow.id == case_id).values(insured_name="张三"))
    facts = signing_facts(demo, approved.estimate_id)
    total = estimate_store.approved_totals(demo, approved.estimate_id).total
    assert facts.total == total and facts.total_in_words == "人民币" + amount_in_words(total)
    assert facts.claim_no == approved.claim_no and facts.insured_name == "张三"
    dialog = CustomerSignatureDialog(None, facts)
    qtbot.addWidget(dialog)
    shown = "\n".join(label.text() for label in dialog.facts)
    assert facts.claim_no in shown and facts.insured_name in shown
    assert f"{total:,.2f}" in shown and facts.total_in_words in shown


def test_only_the_cases_assessor_is_offered_the_signature_and_may_record_it(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    approved = _approved(demo).estimate_id
    chen = create_user(demo, "chen", "second assessor", {Role.ASSESSOR}, actor="admin")
    assert may_sign(demo, approved, assessor) and not may_sign(demo, approved, chen)
    other = window(qtbot, demo, chen, tmp_path / "chen")
    other.editor.open(approved)
    assert other.editor.sign_button.isHidden() and not other.editor.sign_button.isEnabled()
    with pytest.raises(DomainError) as refused:
        workflow.customer_signed(demo, approved, chen)
    assert refused.value.code == "not_the_cases_assessor"
    assert estimate_store.load_estimate(demo, approved).status is EstimateStatus.APPROVED
    main = window(qtbot, demo, assessor, tmp_path / "wang")
    main.editor.open(approved)
    assert not main.editor.sign_button.isHidden() and main.editor.sign_button.isEnabled()
    assert workflow.customer_signed(demo, approved, assessor) is EstimateStatus.SIGNED
