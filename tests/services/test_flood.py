"""The flood use cases: read the workbooks once, assess at any depth; refusals and rejections."""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D  # noqa: N817 - reads like the money constructor
from pathlib import Path

from estimator.documents.flood_sample import write_inventory_workbook, write_rules_workbook
from estimator.domain.flood_settlement import Policy
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


def test_a_policy_sheet_settles_the_net_loss(tmp_path: Path) -> None:
    # The hand site at 70 cm: net 7,176.00; the stock counts 20 × 2,000 + 20 × 360 +
    # 20 × 1,500 = 77,200. Insured for 61,760: ratio 0.8, so 7,176 × 0.8 = 5,740.80; the
    # deductible max(500, 574.08) = 574.08; 5,740.80 − 574.08 = 5,166.72; rescue 1,000 × 0.8
    # = 800 on top: 5,966.72.
    inventory, rules = tmp_path / "i.xlsx", tmp_path / "r.xlsx"
    write_inventory_workbook(inventory, site())
    policy = Policy(
        D("61760"), deductible_amount=D("500"), deductible_rate=D("0.1"), rescue_costs=D("1000")
    )
    write_rules_workbook(rules, RULES, policy=policy)
    outcome = assess_flood(inventory, rules, depth_cm=D("70"))
    assert outcome.status == "assessed" and outcome.settlement is not None
    s = outcome.settlement
    assert (s.counted_value, s.insurable_value, s.average_ratio) == (
        D("77200.00"),
        D("77200.00"),
        D("0.8"),
    )
    assert (s.gross_loss, s.salvage) == (D("7320.00"), D("144.00"))
    assert (s.net_loss, s.adjusted_loss, s.deductible) == (
        D("7176.00"),
        D("5740.80"),
        D("574.08"),
    )
    assert (s.loss_payable, s.rescue, s.debris, s.payable) == (
        D("5166.72"),
        D("800.00"),
        None,
        D("5966.72"),
    )
    # Without the sheet: the same assessment, no settlement.
    (tmp_path / "plain").mkdir()
    inventory2, plain = _files(tmp_path / "plain")
    assert assess_flood(inventory2, plain, depth_cm=D("70")).settlement is None


def test_a_bad_policy_rejects_naming_the_cell_and_nothing_to_insure_is_said(
    tmp_path: Path,
) -> None:
    inventory, rules = tmp_path / "i.xlsx", tmp_path / "r.xlsx"
    write_inventory_workbook(inventory, site())
    write_rules_workbook(rules, RULES, policy=Policy(D("0")))
    outcome = assess_flood(inventory, rules, depth_cm=D("70"))
    assert outcome.status == "rejected" and outcome.assessment is None
    assert [(p.sheet, p.row, p.column, p.code) for p in outcome.problems] == [
        ("保单", 2, "sum_insured", "flood_policy_no_sum_insured")
    ]
    # An empty warehouse and no book value: no insurable value, said in words.
    empty = [dataclasses.replace(s, qty=0) for s in site()]
    write_inventory_workbook(inventory, empty)
    write_rules_workbook(rules, RULES, policy=Policy(D("1000")))
    outcome = assess_flood(inventory, rules, depth_cm=D("70"))
    assert outcome.status == "rejected"
    assert [p.code for p in outcome.problems] == ["flood_policy_no_value"]
    assert "保险价值为 0" in outcome.problems[0].describe("zh")
