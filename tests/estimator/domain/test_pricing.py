from __future__ import annotations

import datetime as dt
from decimal import Decimal as D  # noqa: N817 - reads like the money constructor

import pytest

from estimator.domain.estimate import EstimateLine, LineKind, Tier
from estimator.domain.pricing import price_estimate
from labor_standards.model import LaborStandard, PaintPanels, PaintRate, PaintType, ShopClass
from parts_catalog.model import PriceType
from tests.estimator.domain.fixtures import CATALOG, STANDARD, estimate, labor, paint, part


def priced(*lines: EstimateLine, **header: object):  # type: ignore[no-untyped-def]
    result = price_estimate(estimate(*lines, **header), CATALOG, STANDARD)
    assert result.ok, [p.describe("en") for p in result.problems]
    return result


def test_part_amount_is_qty_times_catalog_price_for_type_region_and_date() -> None:
    result = priced(part("521190K280"), part("521190K280", price_type=PriceType.BRAND))
    assert [p.unit_price for p in result.lines] == [D("1880.00"), D("980.00")]
    assert result.lines[0].sources == ("配件目录 v2 521190K280 ZJ oem_4s 2026-11-01",)
    assert result.totals.parts == D("2860.00")


def test_pricing_date_selects_the_price_in_force() -> None:
    before = priced(part("521190K280"), priced_on=dt.date(2026, 10, 31))
    on = priced(part("521190K280"), priced_on=dt.date(2026, 11, 1))
    assert (before.lines[0].unit_price, on.lines[0].unit_price) == (D("1850.00"), D("1880.00"))


def test_region_selects_the_regional_price() -> None:
    assert priced(part("521190K280"), region="SH", shop_class=ShopClass.CLASS3).lines[
        0
    ].amount == D("1900.00")


def test_line_amounts_round_half_up_at_the_half_fen() -> None:
    # 2.675 and 3 × 1.115 = 3.345: banker's rounding would give 2.67 and 3.34.
    result = priced(part("ODD"), part("CLIP", "3"))
    assert [p.amount for p in result.lines] == [D("2.68"), D("3.35")]
    assert result.totals.parts == D("6.03")


def test_total_rounds_each_line_before_summing() -> None:
    # Three lines of 2.675 → 3 × 2.68 = 8.04, not round(8.025) = 8.03.
    result = priced(part("ODD"), part("ODD"), part("ODD"))
    assert result.totals.parts == D("8.04")


def test_labor_is_hours_times_rate_with_the_most_specific_rows() -> None:
    result = priced(
        labor("FBUMPER", "replace"), labor("FENDER_L", "repair_medium"), labor("ENGINE", "mech")
    )
    bumper, fender, engine = result.lines
    assert (bumper.hours, bumper.rate, bumper.amount) == (
        D("2.00"),
        D("60.00"),
        D("120.00"),
    )  # class C row
    assert (fender.rate, fender.amount) == (D("80.00"), D("240.00"))  # sheet_metal rate
    assert (engine.rate, engine.amount) == (D("70.00"), D("280.00"))  # '*' labor type
    assert bumper.sources == ("工时标准 v3 FBUMPER:replace/C", "工时单价 v3 ZJ/class1/ri")


def test_vehicle_class_without_own_row_uses_the_star_row() -> None:
    assert priced(labor("FBUMPER", "replace"), vehicle_class="B").lines[0].hours == D("1.50")


def test_missing_rate_names_region_shop_class_and_labor_type() -> None:
    result = price_estimate(
        estimate(labor("ENGINE", "mech"), region="SH", shop_class=ShopClass.CLASS3),
        CATALOG,
        STANDARD,
    )
    assert not result.ok and result.totals is None
    (problem,) = result.problems
    assert problem.path == "lines[0].rate"
    assert problem.reason("en") == "no rate for region SH, shop class class3, labor type mech"


@pytest.mark.parametrize(
    ("line", "path", "message"),
    [
        (part("NOPE"), "lines[0].part_no", "part NOPE is not in the catalog"),
        (
            part("8113006B30", price_type=PriceType.USED),
            "lines[0].unit_price",
            "no used price for part 8113006B30 in region ZJ on 2026-11-20",
        ),
        (
            labor("ROOF", "replace"),
            "lines[0].hours",
            "no labor standard for component ROOF, operation replace, vehicle class C",
        ),
        (paint("HEADLAMP_L"), "lines[0].panels", "component HEADLAMP_L has no paint panels"),
    ],
)
def test_lookups_that_find_nothing_say_what_was_missing(
    line: EstimateLine, path: str, message: str
) -> None:
    result = price_estimate(estimate(line), CATALOG, STANDARD)
    assert [(p.path, p.reason("en")) for p in result.problems] == [(path, message)]


def test_override_keeps_the_looked_up_value_beside_it() -> None:
    line = labor(
        "FENDER_L", "repair_medium", hours=D("4.00"), override_reason="crease across the wheel arch"
    )
    (fender,) = priced(line).lines
    assert (fender.hours, fender.looked_up_hours, fender.amount) == (
        D("4.00"),
        D("3.00"),
        D("320.00"),
    )
    assert fender.overridden == ("hours",)
    assert "standard 3.00 → 4.00; reason: crease across the wheel arch" in fender.notes[0].text(
        "en"
    )


def test_override_without_a_reason_is_refused() -> None:
    result = price_estimate(estimate(part("521190K280", unit_price=D("1700"))), CATALOG, STANDARD)
    assert [(p.path, p.code) for p in result.problems] == [
        ("lines[0].unit_price", "override_without_reason")
    ]


def test_part_missing_from_catalog_may_be_priced_by_override_with_reason() -> None:
    line = part("X1", unit_price=D("800.00"), override_reason="catalog has no price for this trim")
    (x,) = priced(line).lines
    assert (x.amount, x.looked_up_unit_price) == (D("800.00"), None)
    assert x.notes[0].code == "note_not_in_catalog"


def test_included_operation_is_zeroed_with_a_note_naming_the_including_line() -> None:
    result = priced(labor("FOGLAMP_L", "ri"), labor("FBUMPER", "replace"))
    fog, bumper = result.lines
    assert (fog.hours, fog.amount, fog.included_by) == (D("0"), D("0"), 1)
    assert fog.looked_up_hours == D("0.30")
    assert fog.notes[0].text("en") == "included in line 2 (FBUMPER 更换); hours set to 0"
    assert bumper.amount == D("120.00") and result.totals.labor == D("120.00")


def test_inclusion_is_transitive() -> None:
    # HOOD replace includes HOOD_HINGE ri, which includes HOOD_SEAL ri.
    result = priced(labor("HOOD", "replace"), labor("HOOD_SEAL", "ri"))
    assert result.lines[1].amount == D("0") and result.lines[1].included_by == 0


def test_repair_includes_remove_and_refit_of_the_same_panel() -> None:
    result = priced(labor("FENDER_L", "ri"), labor("FENDER_L", "repair_medium"))
    assert result.lines[0].amount == D("0") and result.totals.labor == D("240.00")


def test_inclusion_does_not_depend_on_line_order() -> None:
    lines = [
        labor("HOOD_SEAL", "ri"),
        labor("FOGLAMP_R", "ri"),
        labor("HOOD", "replace"),
        labor("FBUMPER", "replace"),
        labor("CYCLE_A", "ri"),
        labor("CYCLE_B", "ri"),
    ]
    forward = priced(*lines)
    backward = priced(*reversed(lines))
    assert forward.totals == backward.totals
    amounts = {(p.component_code, p.amount) for p in forward.lines}
    assert amounts == {(p.component_code, p.amount) for p in backward.lines}
    # In a cycle the line with more standard hours keeps its hours.
    assert ("CYCLE_A", D("60.00")) in amounts and ("CYCLE_B", D("0")) in amounts


def test_overridden_line_is_flagged_not_zeroed() -> None:
    fog = labor("FOGLAMP_L", "ri", hours=D("0.50"), override_reason="bracket seized")
    result = priced(fog, labor("FBUMPER", "replace"))
    assert result.lines[0].amount == D("30.00")
    assert result.lines[0].included_by == 1
    assert result.lines[0].notes[-1].code == "note_included_overridden"


def test_paint_is_panels_times_price_per_panel() -> None:
    (bumper,) = priced(paint("FBUMPER")).lines
    assert (bumper.panels, bumper.price_per_panel, bumper.amount) == (
        D("1.5"),
        D("400.00"),
        D("600.00"),
    )


def test_multi_panel_discount_uses_the_largest_minimum_not_above_the_panels() -> None:
    # 1.5 + 1 + 2 = 4.5 panels → the 3-panel row (0.90); 1800.00 → 1620.00.
    result = priced(paint("FBUMPER"), paint("FENDER_L"), paint("HOOD"))
    (discount,) = result.adjustments
    assert discount.amount == D("-180.00") and discount.adjustment == "paint_discount"
    assert result.totals.paint == D("1620.00")


def test_no_discount_below_the_smallest_minimum_or_without_a_schedule() -> None:
    assert priced(paint("FBUMPER"), paint("FENDER_L")).adjustments == ()  # 2.5 panels
    no_schedule = LaborStandard(
        3,
        paint_panels=[PaintPanels("HOOD", D("2")), PaintPanels("ROOF", D("2.5"))],
        paint_rates=[PaintRate("ZJ", "C", PaintType.METALLIC, D("400.00"), D("4500.00"))],
    )
    result = price_estimate(estimate(paint("HOOD"), paint("ROOF")), CATALOG, no_schedule)
    assert result.adjustments == () and result.totals is not None
    assert result.totals.paint == D("1800.00")


def test_paint_cap_brings_the_total_down_to_the_full_vehicle_price() -> None:
    panels = [
        "FBUMPER",
        "FENDER_L",
        "HOOD",
        "ROOF",
        "FDOOR_L",
        "FDOOR_R",
        "RDOOR_L",
        "RDOOR_R",
        "TRUNK",
        "QUARTER_L",
        "QUARTER_R",
    ]
    result = priced(*(paint(c) for c in panels))
    # 15.5 panels × 400 = 6200.00; × 0.80 = 4960.00; capped at 4500.00.
    discount, cap = result.adjustments
    assert (discount.amount, cap.amount) == (D("-1240.00"), D("-460.00"))
    assert cap.notes[0].text("zh") == "全车喷漆封顶 4500.00"
    assert result.totals.paint == D("4500.00")


def test_management_fee_is_rounded_once_on_the_parts_total() -> None:
    result = priced(part("521190K280"), part("CLIP", "3"), parts_management_fee_rate=D("0.05"))
    # parts 1880.00 + 3.35 = 1883.35; × 0.05 = 94.1675 → 94.17.
    assert result.totals.management_fee == D("94.17")


def test_salvage_is_suggested_per_part_and_the_agreed_amount_is_deducted() -> None:
    result = priced(part("521190K280"), part("ODD"), salvage=D("90.00"))
    # round(1880.00 × 0.05) + round(2.68 × 0.10) = 94.00 + 0.27
    assert result.salvage_suggestion == D("94.27")
    assert result.totals.salvage == D("90.00")
    assert result.totals.total == D("1880.00") + D("2.68") - D("90.00")


def test_material_sublet_and_towing_are_entered_amounts() -> None:
    result = priced(
        EstimateLine(LineKind.MATERIAL, description="卡扣", qty=D("10"), unit_price=D("2.50")),
        EstimateLine(LineKind.SUBLET, description="四轮定位", amount=D("200")),
        EstimateLine(LineKind.TOWING, description="拖车", amount=D("300")),
    )
    t = result.totals
    assert (t.material, t.sublet, t.towing, t.total) == (
        D("25.00"),
        D("200.00"),
        D("300.00"),
        D("525.00"),
    )


def test_totals_words_and_tier_of_a_full_estimate() -> None:
    result = priced(
        part("521190K280"),
        labor("FBUMPER", "replace"),
        labor("FOGLAMP_L", "ri"),
        paint("FBUMPER"),
        EstimateLine(LineKind.TOWING, description="拖车", amount=D("300")),
        parts_management_fee_rate=D("0.05"),
        salvage=D("94.00"),
    )
    t = result.totals
    assert (t.parts, t.management_fee, t.labor, t.paint, t.towing, t.salvage) == (
        D("1880.00"),
        D("94.00"),
        D("120.00"),
        D("600.00"),
        D("300.00"),
        D("94.00"),
    )
    assert t.total == D("2900.00")
    assert result.total_in_words == "贰仟玖佰元整"
    assert result.tier is Tier.STANDARD


@pytest.mark.parametrize(
    ("amount", "teardown", "tier"),
    [
        ("2000.00", False, Tier.ON_SITE),
        ("2000.01", False, Tier.STANDARD),
        ("10000.00", False, Tier.STANDARD),
        ("10000.01", False, Tier.TEARDOWN),
        ("100.00", True, Tier.TEARDOWN),
        ("0.00", False, Tier.ON_SITE),
    ],
)
def test_tier_boundaries(amount: str, teardown: bool, tier: Tier) -> None:
    line = EstimateLine(LineKind.SUBLET, description="外修", amount=D(amount))
    assert priced(line, needs_teardown=teardown).tier is tier
