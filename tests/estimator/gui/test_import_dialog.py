"""Importing from the workstation: off the GUI thread, with progress, cancel and rejected rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.gui.import_dialog import ImportDialog
from estimator.services.catalog import catalog_versions
from estimator.services.demo import sample_file
from tests.actors import MAINTAINER
from tests.conftest import write_workbook
from tests.parts_catalog.catalog_rows import MODELS, PARTS


def _run(qtbot: QtBot, dialog: ImportDialog) -> None:
    dialog.start()
    assert dialog.worker is not None
    qtbot.waitUntil(lambda: dialog.import_result is not None, timeout=60_000)
    dialog.worker.wait()


def test_the_demo_catalog_imports_with_progress(qtbot: QtBot, engine: Engine) -> None:
    dialog = ImportDialog(engine, MAINTAINER)
    qtbot.addWidget(dialog)
    seen: list[int] = []
    dialog.path.setText(str(sample_file("demo_catalog.xlsx")))
    dialog.start()
    assert dialog.worker is not None
    dialog.worker.progressed.connect(lambda done, _total: seen.append(done))
    qtbot.waitUntil(lambda: dialog.import_result is not None, timeout=60_000)
    dialog.worker.wait()
    assert dialog.import_result.status == "imported"  # type: ignore[union-attr]
    assert seen and seen == sorted(seen)
    assert len(catalog_versions(engine)) == 1 and dialog.start_button.isEnabled()


def test_cancel_writes_nothing(qtbot: QtBot, engine: Engine) -> None:
    dialog = ImportDialog(engine, MAINTAINER)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(sample_file("demo_catalog.xlsx")))
    dialog.start()
    dialog.request_cancel()
    qtbot.waitUntil(lambda: dialog.import_result is not None, timeout=60_000)
    assert dialog.worker is not None
    dialog.worker.wait()  # a QThread collected while still running aborts the process
    assert dialog.import_result.status == "cancelled"  # type: ignore[union-attr]
    assert catalog_versions(engine) == []


def test_rejected_rows_are_listed_with_their_reasons(
    qtbot: QtBot, engine: Engine, tmp_path: Path
) -> None:
    bad = [
        *PARTS,
        ["P-9", "坏", "", "", "", "", "ZJ", "1.23456", None, None, None, None, None, "2026-10-01"],
    ]
    path = write_workbook(tmp_path / "bad.xlsx", {"vehicle_models": MODELS, "parts": bad})
    dialog = ImportDialog(engine, MAINTAINER)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(path))
    _run(qtbot, dialog)
    assert dialog.import_result.status == "rejected"  # type: ignore[union-attr]
    texts = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert any("price_oem_4s" in t and "1.23456" in t for t in texts)
    dialog.skip_invalid.setChecked(True)
    _run(qtbot, dialog)
    assert dialog.import_result.status == "imported" and dialog.save_rejected.isEnabled()  # type: ignore[union-attr]


def test_the_partner_registry_imports_through_the_same_dialog(
    qtbot: QtBot, engine: Engine, tmp_path: Path
) -> None:
    from estimator.services.partners import partner_shops

    bad = write_workbook(
        tmp_path / "partners.xlsx",
        {
            "合作修理厂": [
                ["修理厂名称", "修理厂类别", "地区", "协议起始日期", "协议终止日期"],
                ["丽水某汽修", "一类", "ZJ", "2026-01-01", "2027-12-31"],
                ["金华某汽修", "五类", "ZJ", "2026-01-01", "2027-12-31"],
            ]
        },
    )
    dialog = ImportDialog(engine, MAINTAINER, "partners")
    qtbot.addWidget(dialog)
    assert dialog.kind.currentData() == "partners"
    dialog.path.setText(str(bad))
    _run(qtbot, dialog)
    assert dialog.import_result is not None and dialog.import_result.status == "rejected"
    assert dialog.problems.count() == 1 and "shop_class" in dialog.problems.item(0).text()
    dialog.skip_invalid.setChecked(True)
    _run(qtbot, dialog)
    assert dialog.import_result.status == "imported"
    assert [s.name for s in partner_shops(engine)] == ["丽水某汽修"]
    assert dialog.save_rejected.isEnabled()


def test_a_workbook_of_the_wrong_kind_says_so_first_and_counts_no_rows(
    qtbot: QtBot, engine: Engine, tmp_path: Path
) -> None:
    """Guards issue 26.4: the shop's invoice chosen as a parts catalog says first that it is
    the wrong kind of workbook and which sheets it has, and never "0 rows have errors"."""
    path = write_workbook(
        tmp_path / "invoice.xlsx",
        {"结算单": [["配件编码", "金额"], ["521190K280", "1880"]], "备注": [["说明"]]},
    )
    dialog = ImportDialog(engine, MAINTAINER)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(path))
    _run(qtbot, dialog)
    assert dialog.import_result.status == "rejected"  # type: ignore[union-attr]
    status = dialog.status.text()
    assert status.startswith("Not imported: Wrong kind of workbook: this is not a parts catalog")
    assert "the file has the sheets: 结算单、备注" in status
    assert "rows" not in status  # no row count: none were read
    first = dialog.problems.item(0).text()
    assert first.startswith("Wrong kind of workbook") and catalog_versions(engine) == []
    # The missing sheet is said once, in that first line, not again below it.
    listed = [dialog.problems.item(r).text() for r in range(dialog.problems.count())]
    assert sum("parts" in line for line in listed) == 1, listed


def test_the_flood_guide_imports_whole_or_not_at_all(
    qtbot: QtBot, engine: Engine, tmp_path: Path
) -> None:
    """数据 → 导入水淹车指南: a bad row refuses the whole guide (the row named, the shipped guide
    stays in force); a good one is then the guide in force. No region, no rows set aside."""
    from estimator.persistence.uow import UnitOfWork
    from estimator.services import flood_vehicle
    from tests.estimator.documents.test_flood_vehicle_workbook import GOOD_ITEMS, all_ratios

    dialog = ImportDialog(engine, MAINTAINER, "flood_guide")
    qtbot.addWidget(dialog)
    assert dialog.kind.currentData() == "flood_guide"
    assert not dialog.region.isEnabled() and not dialog.skip_invalid.isEnabled()
    bad_items = [*GOOD_ITEMS, ["3", "H3", "ROOF", "修车顶", "", "paint", *[None] * 5]]
    bad = write_workbook(tmp_path / "bad.xlsx", {"items": bad_items, "ratios": all_ratios()})
    dialog.path.setText(str(bad))
    _run(qtbot, dialog)
    assert dialog.import_result is not None and dialog.import_result.status == "rejected"
    assert dialog.problems.count() == 1 and "5" in dialog.problems.item(0).text()
    assert "Nothing was written" in dialog.status.text() or "未写入" in dialog.status.text()
    with UnitOfWork(engine) as uow:
        assert uow.flood_guides.newest() is None
    good = write_workbook(tmp_path / "good.xlsx", {"items": GOOD_ITEMS, "ratios": all_ratios()})
    dialog.path.setText(str(good))
    _run(qtbot, dialog)
    assert dialog.import_result is not None and dialog.import_result.status == "imported"
    with UnitOfWork(engine) as uow:
        guide = flood_vehicle.guide_in(uow)
    assert [i.code for i in guide.items_for(3, "H3")] == ["BRAKE_INSPECT", "SEAT_CLEAN"]


def test_the_data_menu_opens_the_depreciation_and_guide_imports(
    qtbot: QtBot, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """数据 menu (maintainers): 导入折旧率表… and 导入水淹车指南… open the import dialog on that kind."""
    from tests.estimator.gui.conftest import window

    opened: list[str] = []
    monkeypatch.setattr(ImportDialog, "exec", lambda self: opened.append(self.kind.currentData()))
    main = window(qtbot, engine, MAINTAINER, tmp_path)
    actions = {a.text(): a for a in main.menuBar().actions() if a.menu() is not None}
    data = next(a.menu() for text, a in actions.items() if text in ("&Data", "数据(&D)"))
    by_text = {a.text(): a for a in data.actions()}  # type: ignore[union-attr]
    for text in ("Import &depreciation table…", "Import &flooded-vehicle guide…"):
        by_text[text].trigger()
    assert opened == ["depreciation", "flood_guide"]
