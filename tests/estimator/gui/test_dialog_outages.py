"""The database server goes away under the remaining dialogs (the invoice, the partner
registry, the import, the backup, the flood case picker): each says so in the dialog, keeps
what was typed or chosen, and does it when tried again once the server is back."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

import estimator.gui.backup_dialog as backup_module
import estimator.gui.flood_open as flood_module
import estimator.gui.import_dialog as import_module
import estimator.gui.invoice_dialog as invoice_module
import estimator.gui.partners as partners_module
from estimator.gui.backup_dialog import BackupDialog
from estimator.gui.flood_open import OpenFloodCaseDialog
from estimator.gui.import_dialog import ImportDialog
from estimator.gui.invoice_dialog import InvoiceColumn, InvoiceDialog
from estimator.gui.partners import PartnerRegistryDialog
from estimator.persistence.uow import StorageError
from estimator.services import case_list, workflow
from estimator.services.backup import DatabaseCheck
from estimator.services.catalog import catalog_versions, import_catalog
from estimator.services.connection import DatabaseUnavailable
from estimator.services.demo import sample_file
from estimator.services.flood_cases import create_flood_case, save_flood_version
from estimator.services.invoices import reconciliations
from estimator.services.users import User
from kernel.problems import Problem
from tests.actors import MAINTAINER, maintainer
from tests.estimator.gui.test_guarantee import CLAIM_SUBMITTED, _user
from tests.estimator.gui.test_offline_banner import Server, _fast
from tests.flood_site import site


def _invoice(qtbot: QtBot, demo: Engine) -> tuple[InvoiceDialog, uuid.UUID]:
    """The invoice dialog of the demo's submitted estimate, approved by li."""
    li = _user(demo, "li")
    estimate_id = next(c.estimate_id for c in case_list.list_cases(demo, CLAIM_SUBMITTED))
    workflow.approve(demo, estimate_id, li, "已与修理厂核对")
    dialog = InvoiceDialog(demo, estimate_id, li)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, estimate_id


def test_the_invoice_keeps_its_lines_through_an_outage_and_saves_them_after(
    qtbot: QtBot, demo: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog, estimate_id = _invoice(qtbot, demo)
    _fast(dialog.offline)
    server = Server(monkeypatch)
    server.cut(invoice_module, "reconcile_lines")
    server.cut(invoice_module, "save_reconciliation")

    # Lines typed while the server is away: kept, the banner shows, nothing can be saved.
    row = dialog.invoice.add_line()
    model = dialog.invoice
    assert model.setData(model.index(row, InvoiceColumn.ITEM), "拖车")
    assert model.setData(model.index(row, InvoiceColumn.AMOUNT), "280.01")
    assert dialog.offline.isVisible() and not dialog.save_button.isEnabled()
    assert not dialog.save()
    assert [(x.item, str(x.amount)) for x in model.lines()] == [("拖车", "280.01")]

    # The server answers again: reconciled by the banner's retry, then saved.
    server.down = False
    qtbot.waitUntil(lambda: not dialog.offline.isVisible() and dialog.save_button.isEnabled())
    assert dialog.reconciliation is not None

    # Saving while it is away again: said, the lines kept, Save again works.
    server.down = True
    assert not dialog.save()
    assert "cannot be reached" in dialog.message.text() and "kept" in dialog.message.text()
    assert dialog.offline.isVisible() and dialog.isVisible()
    assert reconciliations(demo, estimate_id) == []
    server.down = False
    assert dialog.save()
    (stored,) = reconciliations(demo, estimate_id)
    assert any(line.item == "拖车" for line in stored.lines)
    assert not dialog.offline.isVisible() and "Not saved" not in dialog.message.text()


def test_the_invoice_says_a_refused_write_and_keeps_the_lines(
    qtbot: QtBot, demo: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog, estimate_id = _invoice(qtbot, demo)
    assert dialog.import_invoice(sample_file("demo_invoice.xlsx"))
    typed = dialog.invoice.lines()

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise StorageError(Problem("disk_full"))

    monkeypatch.setattr(invoice_module, "save_reconciliation", disk_full)
    assert not dialog.save()
    assert "the disk is full" in dialog.message.text() and "kept" in dialog.message.text()
    assert dialog.invoice.lines() == typed and dialog.save_button.isEnabled()
    monkeypatch.undo()
    assert dialog.save() and len(reconciliations(demo, estimate_id)) == 1


def test_the_partner_registry_waits_for_the_server_and_export_says_not_done(
    qtbot: QtBot, demo: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = Server(monkeypatch)
    server.cut(partners_module, "partner_shops")
    server.cut(partners_module, "export_partners")
    dialog = PartnerRegistryDialog(demo, maintainer("admin"))  # opens: no traceback
    qtbot.addWidget(dialog)
    dialog.show()
    _fast(dialog.offline)
    assert dialog.offline.isVisible() and dialog.shops.rowCount() == 0
    exported = tmp_path / "registry.xlsx"
    dialog.export_registry(exported)
    assert "Not done" in dialog.message.text() and not exported.exists()
    server.down = False
    qtbot.waitUntil(lambda: dialog.shops.rowCount() == 2 and not dialog.offline.isVisible())
    dialog.export_registry(exported)  # tried again: done
    assert exported.is_file() and "2 shops written" in dialog.message.text()


def _wait(qtbot: QtBot, dialog: ImportDialog) -> None:
    assert dialog.worker is not None
    qtbot.waitUntil(
        lambda: dialog.worker is not None and dialog.worker.isFinished(), timeout=60_000
    )
    qtbot.waitUntil(dialog.start_button.isEnabled)


def test_an_outage_during_an_import_ends_as_not_done_and_nothing_written(
    qtbot: QtBot, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    real: Callable[..., Any] = import_catalog
    down = [True]

    def lost_midway(*args: Any, progress: Callable[[int, int | None], None], **kw: Any) -> Any:
        def dying(done: int, total: int | None) -> None:
            progress(done, total)
            if down[0]:
                raise DatabaseUnavailable("the database server cannot be reached (test)")

        return real(*args, progress=dying, **kw)

    monkeypatch.setattr(import_module, "import_catalog", lost_midway)
    dialog = ImportDialog(engine, MAINTAINER)
    qtbot.addWidget(dialog)
    dialog.show()
    path = str(sample_file("demo_catalog.xlsx"))
    dialog.path.setText(path)
    dialog.region.setText("ZJ")
    dialog.skip_invalid.setChecked(True)
    dialog.start()
    _wait(qtbot, dialog)
    assert "nothing was written" in dialog.status.text()
    assert "Import again" in dialog.status.text() and dialog.offline.isVisible()
    assert dialog.import_result is None and catalog_versions(engine) == []
    assert (dialog.path.text(), dialog.region.text(), dialog.skip_invalid.isChecked()) == (
        path,
        "ZJ",
        True,
    )
    down[0] = False
    dialog.start()  # Import again, the server back: done
    _wait(qtbot, dialog)
    assert dialog.import_result is not None and dialog.import_result.status == "imported"
    assert len(catalog_versions(engine)) == 1 and not dialog.offline.isVisible()


def test_the_backup_says_not_done_when_the_server_is_away_and_runs_again(
    qtbot: QtBot, demo: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = Server(monkeypatch)
    server.cut(backup_module, "backup_database")
    dialog = BackupDialog(demo)
    qtbot.addWidget(dialog)
    dialog.show()
    target = tmp_path / "backup.sqlite3"
    dialog.path.setText(str(target))

    def back_up() -> None:
        dialog.start()
        qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=60_000)
        assert dialog.worker is not None
        dialog.worker.wait()

    back_up()
    assert "Not backed up" in dialog.status.text() and dialog.offline.isVisible()
    assert dialog.start_button.isEnabled() and dialog.path.text() == str(target)
    assert not target.exists()
    server.down = False
    back_up()
    assert isinstance(dialog.outcome, DatabaseCheck) and dialog.outcome.ok and target.exists()
    assert not dialog.offline.isVisible()


def test_the_flood_case_picker_keeps_the_filter_and_lists_when_the_server_is_back(
    qtbot: QtBot, demo: Engine, assessor: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = create_flood_case(demo, claim_no="RQJC-1", actor=assessor, site="3号仓")
    save_flood_version(demo, case.id, site("70"), assessor)
    newest = save_flood_version(demo, case.id, site("45"), assessor)
    server = Server(monkeypatch)
    server.cut(flood_module, "list_flood_cases")
    server.cut(flood_module, "list_flood_versions")
    dialog = OpenFloodCaseDialog(demo)  # opens: no traceback
    qtbot.addWidget(dialog)
    dialog.show()
    _fast(dialog.offline)
    assert dialog.offline.isVisible() and dialog.cases.rowCount() == 0
    dialog.filter.setText("3号")
    server.down = False
    qtbot.waitUntil(lambda: dialog.versions.count() == 2 and not dialog.offline.isVisible())
    assert dialog.filter.text() == "3号" and dialog.cases.rowCount() == 1
    dialog._accept()
    assert dialog.version_id == newest.id
