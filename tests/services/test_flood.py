"""The flood use cases: read the workbooks once, assess at any depth; refusals and rejections."""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817 - reads like the money constructor
from pathlib import Path

from estimator.documents.flood_sample import write_inventory_workbook, write_rules_workbook
from estimator.services.flood import assess_flood, assess_inputs, read_flood_inputs
from tests import hostile_workbooks as hostile
from tests.conftest import write_workbook
from tests.estimator.domain.test_flood import RULES, site


def _files(tmp_path: Path) -> tuple[Path, Path]:
    inventory, rules = tmp_path / "i.xlsx", tmp_path / "r.xlsx"
    write_inventory_workbook(inventory, site(), {"A": D("70"), "B": D("30")})
    write_rules_workbook(rules, RULES)
    return inventory, rules


def test_read_once_and_assess_at_several_depths(tmp_path: Path) -> None:
    inventory, rules = _files(tmp_path)
    read = read_flood_inputs(inventory, rules, inventory)
    assert read.status == "read" and read.inputs is not None
    assert read.inputs.zone_depths == {"A": D("70"), "B": D("30")}
    # The hand-worked figures of tests/estimator/domain/test_flood.py.
    at_zones = assess_inputs(read.inputs).assessment
    at_70 = assess_inputs(read.inputs, depth_cm=D("70")).assessment
    dry = assess_inputs(read.inputs, depth_cm=D("0")).assessment
    assert at_zones is not None and at_70 is not None and dry is not None
    assert (at_zones.totals.loss, at_70.totals.loss, dry.totals.loss) == (
        D("7120.00"),
        D("7320.00"),
        D("0"),
    )


def test_a_refused_file_is_named_and_bad_rows_reject(tmp_path: Path) -> None:
    inventory, _ = _files(tmp_path)
    bad = hostile.encrypted(tmp_path / "locked.xlsx")
    outcome = assess_flood(inventory, bad, depth_cm=D("70"))
    assert outcome.status == "refused" and outcome.assessment is None
    assert [(p.code, p.path) for p in outcome.problems] == [("encrypted_workbook", str(bad))]
    rows = [
        ["location", "sku", "category", "qty", "units_per_layer", "carton_height_cm", "unit_cost"]
    ]
    empty_rules = write_workbook(tmp_path / "none.xlsx", {"rules": [["category", "state"]]})
    write_workbook(inventory, {"inventory": [*rows, ["A", "S", "indoor", 1, 1, 40, 10]]})
    outcome = assess_flood(inventory, empty_rules, depth_cm=D("70"))
    assert outcome.status == "rejected"
    assert [p.code for p in outcome.problems] == ["flood_no_rules"]


def test_without_any_depth_the_assessment_is_rejected(tmp_path: Path) -> None:
    inventory, rules = _files(tmp_path)
    read = read_flood_inputs(inventory, rules)
    assert read.inputs is not None
    outcome = assess_inputs(read.inputs)
    assert outcome.status == "rejected"
    assert outcome.problems[0].code == "flood_no_depth"
