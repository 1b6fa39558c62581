"""The flood screen (存货水浸定损): the demo warehouse loaded, assessed at 70 cm, the what-if
moved, saved as a case and opened again; its models checked without a view."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.documents.flood_workbook import read_inventory, read_rules
from estimator.domain.flood import WaterDepth, assess, sample_size
from estimator.gui.flood import FloodScreen
from estimator.gui.flood_inputs_panel import FloodInputsPanel
from estimator.gui.flood_models import (
    CategoryColumn,
    FloodCategoriesModel,
    ProblemsModel,
    ZoneDepthsModel,
)
from estimator.gui.flood_prevention import PreventionPanel
from estimator.gui.main_window import MainWindow
from estimator.services.flood_cases import list_flood_cases, list_flood_versions
from estimator.services.photos import list_flood_photos
from estimator.services.users import User
from kernel.problems import Problem
from tests.conftest import write_workbook
from tests.flood_site import site
from tests.services.test_photos import PNG

SAMPLES = Path(__file__).resolve().parents[3] / "resources" / "sample_data"
INVENTORY = SAMPLES / "demo_flood_inventory.xlsx"
RULES = SAMPLES / "demo_flood_rules.xlsx"
WAIT = 20_000


def text(model: object, row: int, column: int) -> str:
    return model.data(model.index(row, column))  # type: ignore[attr-defined,no-any-return]


def screen(qtbot: QtBot, engine: Engine, user: User, tmp_path: Path) -> FloodScreen:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    flood = FloodScreen(engine, user, settings=settings)

    def settle(screen: FloodScreen) -> None:  # no thread outlives its test
        qtbot.waitUntil(
            lambda: screen.inputs_panel.reader is None and not screen.busy, timeout=WAIT
        )
        screen.pool.waitForDone()
        screen.photos.pool.waitForDone()

    qtbot.addWidget(flood, before_close_func=settle)
    flood.show()
    return flood


def loaded(qtbot: QtBot, flood: FloodScreen) -> None:
    flood.inputs_panel.inventory_path.setText(str(INVENTORY))
    flood.inputs_panel.rules_path.setText(str(RULES))
    flood.inputs_panel.zones_path.setText(
        str(INVENTORY)
    )  # the demo inventory holds the zone depths
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        flood.inputs_panel.load_button.click()


def at_70(qtbot: QtBot, flood: FloodScreen) -> None:
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        flood.inputs_panel.use_zones.setChecked(False)
        flood.inputs_panel.site_depth.setValue(70)


def test_the_screen_opens_from_the_main_window(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(demo, assessor, settings=settings)
    qtbot.addWidget(main)
    assert (
        main.flood_action.shortcut().matches(QKeySequence("Ctrl+Shift+F"))
        == QKeySequence.SequenceMatch.ExactMatch
    )
    main.flood_action.trigger()
    assert main.flood is not None and main.flood.isVisible()
    main.flood_action.trigger()  # a second time brings the same screen forward
    assert main.flood is main.open_flood()
    main.flood.close()


def test_demo_at_70_cm_shows_the_domain_figures_to_the_fen(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    flood = screen(qtbot, demo, assessor, tmp_path)
    loaded(qtbot, flood)
    assert flood.inputs_panel.use_zones.isChecked()  # the demo inventory carries its zone depths
    at_70(qtbot, flood)
    stacks = read_inventory(INVENTORY).stacks
    rules = read_rules(RULES).rules
    expected = assess(stacks, rules, WaterDepth(Decimal("70")))
    assert flood.assessment == expected
    model = flood.results.categories
    assert model.rowCount() == len(expected.categories) + 1  # and the totals row
    for row, c in enumerate(expected.categories):
        assert text(model, row, CategoryColumn.CATEGORY) == c.category
        assert text(model, row, CategoryColumn.WET) == f"{c.wet_units:,}"
        assert text(model, row, CategoryColumn.SAMPLE) == f"{sample_size(c.wet_units):,}"
        assert text(model, row, CategoryColumn.LOSS) == f"{c.loss:,.2f}"
        assert text(model, row, CategoryColumn.SALVAGE) == f"{c.salvage:,.2f}"
        assert text(model, row, CategoryColumn.NET) == f"{c.net:,.2f}"
    assert f"{expected.totals.net:,.2f}" in flood.results.totals.text()
    assert sum(
        int(text(flood.results.plan, r, 3)) for r in range(flood.results.plan.rowCount())
    ) == sum(c.sample_size for c in expected.categories)
    assert len(flood.results.grid.stacks) == len(stacks)
    assert flood.results.grid.index_at(flood.results.grid.cell(3).center()) == 3

    # The what-if: bases raised to 40 cm avoid less than raised to the default 80 cm.
    assert expected.prevention.proposed_base_height_cm == Decimal("80")
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        flood.prevention.slider.setValue(40)
    raised = assess(stacks, rules, WaterDepth(Decimal("70")), Decimal("40"))
    assert flood.assessment is not None
    assert flood.assessment.prevention == raised.prevention
    assert raised.prevention.avoided < expected.prevention.avoided
    assert f"¥{raised.prevention.avoided:,.2f}" in flood.prevention.what_if.text()
    assert flood.prevention.proposed_label.text() == "40 cm"
    # Moving the depth now keeps the chosen height, until it is reset to depth + 10 cm.
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        flood.inputs_panel.site_depth.setValue(50)
    assert flood.assessment.prevention.proposed_base_height_cm == Decimal("40")
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        flood.reset_proposed()
    assert flood.assessment.prevention.proposed_base_height_cm == Decimal("60")


def test_saved_as_a_case_with_versions_and_opened_again(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    flood = screen(qtbot, demo, assessor, tmp_path)
    loaded(qtbot, flood)
    at_70(qtbot, flood)
    assert not flood.save_version()  # the claim number is required
    assert "claim number" in flood.message.text()
    flood.inputs_panel.claim_no.setText("RQJC2026440100000123")
    flood.inputs_panel.insured.setText("Huanan Appliances")
    assert flood.save_version()
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        flood.prevention.slider.setValue(100)
    assert flood.save_version()
    (case,) = list_flood_cases(demo)
    assert [v.version_no for v in list_flood_versions(demo, case.id)] == [1, 2]
    first = flood.assessment
    photo = tmp_path / "warehouse.png"
    photo.write_bytes(PNG)
    assert flood.photos.add_files([photo]) == 1
    assert [p.filename for p in list_flood_photos(demo, case.id)] == ["warehouse.png"]
    qtbot.waitUntil(lambda: flood.photos.thumbnails_ready() == 1, timeout=WAIT)
    report = tmp_path / "report.pdf"
    assert flood.export_to(report)
    assert report.read_bytes().startswith(b"%PDF")
    assert flood.export_to(tmp_path / "report.xlsx")
    # The screen's reports carry what the workbooks gave: the lots with their disposal, the
    # settlement and the demo books' two differences (账实核对).
    import openpyxl

    sheets = openpyxl.load_workbook(tmp_path / "report.xlsx", read_only=True).sheetnames
    assert {"分批处置", "赔款理算", "账实核对"} <= set(sheets)
    assert flood.book_check is not None and len(flood.book_check) == 2
    flood.close()

    again = screen(qtbot, demo, assessor, tmp_path)
    with qtbot.waitSignal(again.assessed, timeout=WAIT):
        again.open_version(list_flood_versions(demo, case.id)[1].id)
    assert again.assessment == first
    assert (
        again.inputs_panel.claim_no.text() == "RQJC2026440100000123"
        and again.inputs_panel.claim_no.isReadOnly()
    )
    assert again.prevention.slider.value() == 100
    assert again.photos.list.count() == 1
    assert again.save_version()
    assert [v.version_no for v in list_flood_versions(demo, case.id)] == [1, 2, 3]


def test_bad_rows_are_listed_with_where_and_why_and_nothing_is_assessed(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    inventory = write_workbook(
        tmp_path / "inventory.xlsx",
        {
            "inventory": [
                [
                    "location",
                    "sku",
                    "category",
                    "qty",
                    "units_per_layer",
                    "carton_height_cm",
                    "unit_cost",
                ],
                ["A-01", "KFR-35GW", "空调室内机", 10, 5, "25", "1299"],
                ["A-02", "KFR-35GW", "空调室内机", "ten", 5, "25", "1299"],
                ["A-03", "KFR-35GW", "空调室内机", 10, 0, "25", "1299"],
            ]
        },
    )
    flood = screen(qtbot, demo, assessor, tmp_path)
    inputs = flood.inputs_panel
    inputs.inventory_path.setText(str(inventory))
    inputs.rules_path.setText(str(RULES))
    inputs.load_button.click()
    qtbot.waitUntil(lambda: inputs.load_button.isEnabled() and inputs.reader is None, timeout=WAIT)
    assert flood.assessment is None and not flood.save_action.isEnabled()
    rows = {text(inputs.problems, r, 0) for r in range(inputs.problems.rowCount())}
    assert any("row 3" in r and "qty" in r for r in rows)
    assert any("row 4" in r and "units_per_layer" in r for r in rows)
    assert "2" in inputs.read_status.text()

    # A file that is not a workbook at all is refused, and said so.
    junk = tmp_path / "junk.xlsx"
    junk.write_text("not a workbook", encoding="utf-8")
    inputs.inventory_path.setText(str(junk))
    inputs.load_button.click()
    qtbot.waitUntil(lambda: inputs.load_button.isEnabled() and inputs.reader is None, timeout=WAIT)
    assert "junk.xlsx" in text(inputs.problems, 0, 0)


def test_zone_depths_are_edited_in_place(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    flood = screen(qtbot, demo, assessor, tmp_path)
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        flood.set_inputs(site("70"))
    assert not flood.inputs_panel.use_zones.isChecked()
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        flood.inputs_panel.use_zones.setChecked(True)
        assert flood.inputs_panel.zones.setData(
            flood.inputs_panel.zones.index(1, 1), "30"
        )  # zone B
    expected = site("70").stacks
    result = assess(expected, site().rules, WaterDepth(Decimal("70"), {"B": Decimal("30")}))
    assert flood.assessment == result
    assert flood.water().for_zone("B") == Decimal("30")


def test_the_inputs_panel_shows_a_depth_without_saying_it_changed(
    qtbot: QtBot, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    panel = FloodInputsPanel(settings, "en")
    qtbot.addWidget(panel)
    shown = WaterDepth(Decimal("45.5"), {"B": Decimal("30")})
    with qtbot.assertNotEmitted(panel.depth_changed):
        panel.set_depth(shown, ["A", "B"])
    assert panel.water() == shown and panel.zone_table.isEnabled()
    with qtbot.waitSignal(panel.depth_changed):
        panel.use_zones.setChecked(False)
    assert panel.water() == WaterDepth(Decimal("45.5")) and not panel.zone_table.isEnabled()
    panel.load()  # no workbooks chosen: said so, nothing read
    assert panel.reader is None and "first" in panel.read_status.text()


def test_the_proposed_height_follows_the_depth_until_the_user_moves_it(qtbot: QtBot) -> None:
    panel = PreventionPanel()
    qtbot.addWidget(panel)
    water = WaterDepth(Decimal("70"))
    with qtbot.assertNotEmitted(panel.changed):  # placed by the screen, not the user's move
        panel.set_proposed(None, Decimal("300"))
        panel.follow(water)
    assert (panel.slider.maximum(), panel.slider.value()) == (300, 80)
    assert panel.proposed() is None and panel.height_at(water) == Decimal("80")
    with qtbot.waitSignal(panel.changed):
        panel.slider.setValue(40)
    panel.follow(WaterDepth(Decimal("20")))
    assert panel.proposed() == Decimal("40") and panel.slider.value() == 40
    with qtbot.waitSignal(panel.changed):
        panel.reset()
    assert panel.height_at(WaterDepth(Decimal("20"))) == Decimal("30")
    panel.show_prevention(None)
    assert panel.what_if.text() == ""


def test_models_without_a_view(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    a = site("70").assess()
    categories = FloodCategoriesModel()
    categories.set_rows(list(a.categories))
    qtmodeltester.check(categories)
    indoor = next(r for r in range(categories.rowCount()) if text(categories, r, 0) == "indoor")
    c = categories.category_at(indoor)
    assert text(categories, indoor, CategoryColumn.NET) == f"{c.net:,.2f}"
    assert categories.headerData(CategoryColumn.SAMPLE, Qt.Orientation.Horizontal) == "Sample size"

    zones = ZoneDepthsModel()
    zones.set_zones(["A", "B"], {"A": Decimal("85")})
    qtmodeltester.check(zones)
    assert zones.depths() == {"A": Decimal("85")}
    assert not zones.setData(zones.index(1, 1), "deep")
    assert not zones.setData(zones.index(1, 1), "-3")
    assert not zones.setData(zones.index(0, 0), "C")
    assert zones.setData(zones.index(1, 1), "62.5 cm")
    assert zones.setData(zones.index(0, 1), "")
    assert zones.depths() == {"B": Decimal("62.5")}

    problems = ProblemsModel("en")
    problems.set_rows(
        [
            Problem("not_a_number", "inventory", 7, "qty", "ten"),
            Problem(
                "flood_no_state_rule",
                "rules",
                None,
                "state",
                "tv",
                {"category": "tv", "state": "collapsed"},
                severity="note",
            ),
        ]
    )
    qtmodeltester.check(problems)
    assert text(problems, 0, 0) == "inventory · row 7 · qty"
    assert text(problems, 0, 1) == "ten" and text(problems, 0, 2) == "not a number"
    assert text(problems, 1, 2).startswith("Note: ")
    assert problems.errors() == 1


@pytest.mark.parametrize("depth", ["0", "500"])
def test_no_water_or_deep_water_draws_and_assesses(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path, depth: str
) -> None:
    flood = screen(qtbot, demo, assessor, tmp_path)
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        flood.set_inputs(site(depth))
    assert flood.assessment == site(depth).assess()
    flood.results.grid.grab()  # paints every state without failing


def test_the_drawing_repaints_as_often_as_it_is_scrolled(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    flood = screen(qtbot, demo, assessor, tmp_path)
    with qtbot.waitSignal(flood.assessed, timeout=WAIT):
        flood.set_inputs(site("70"))
    for _ in range(200):  # thousands of void QPainter calls (see qt_guard)
        flood.results.stack_scroll.viewport().grab()
    first = flood.assessment.stacks[0]  # type: ignore[union-attr]
    tip = flood.results.grid.tooltip(first)
    assert first.stack.location in tip and "Submerged" in tip


def test_the_open_dialog_lists_cases_and_their_versions_newest_first(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    from estimator.gui.flood_open import OpenFloodCaseDialog
    from estimator.services.flood_cases import create_flood_case, save_flood_version

    case = create_flood_case(demo, claim_no="RQJC-1", actor=assessor, site="3号仓")
    save_flood_version(demo, case.id, site("70"), assessor)
    newest = save_flood_version(demo, case.id, site("45"), assessor)
    dialog = OpenFloodCaseDialog(demo)
    qtbot.addWidget(dialog)
    assert dialog.cases.rowCount() == 1 and dialog.versions.count() == 2
    dialog.filter.setText("nothing like it")
    assert dialog.cases.rowCount() == 0
    dialog.filter.setText("3号")
    dialog._accept()
    assert dialog.version_id == newest.id
