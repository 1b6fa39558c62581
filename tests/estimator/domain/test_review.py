"""Each rule fires on a planted problem and stays quiet on a correct estimate with similar lines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D  # noqa: N817 - reads like the money constructor

from estimator.domain.estimate import EstimateLine, LineKind
from estimator.domain.guarantee import PartnerAgreement
from estimator.domain.pricing import price_estimate
from estimator.domain.review import Finding, ReviewContext, Severity, blocks_submission, review
from estimator.domain.workflow import Group
from labor_standards.model import ShopClass
from parts_catalog.model import CatalogEntry, CatalogSnapshot, DatedPrice, PriceType
from tests.estimator.domain.fixtures import CATALOG, OCT, STANDARD, estimate, labor, paint, part

TODAY = dt.date(2026, 11, 24)


def rules(
    *lines: EstimateLine,
    catalog=CATALOG,
    large: bool = False,
    group: Group | None = None,
    first=None,
    keys=(),
    first_keys=(),  # type: ignore[no-untyped-def]
    **header: object,
) -> list[tuple[str, int | None]]:
    header.setdefault("salvage", D("500"))
    header.setdefault("shop_class", ShopClass.FOUR_S)  # 4S prices at a 4S shop
    priced = price_estimate(estimate(*lines, **header), catalog, STANDARD)
    assert priced.ok, priced.problems
    context = ReviewContext(
        priced,
        catalog,
        STANDARD,
        TODAY,
        large_case_group=large,
        assessor="wang",
        assessor_group=group,
        first_submission=first,
        line_keys=keys,
        first_keys=first_keys,
    )
    return [(f.rule, f.line) for f in review(context)]


def fired(rule: str, found: list[tuple[str, int | None]]) -> list[int | None]:
    return [line for r, line in found if r == rule]


# A correct estimate: bumper repair with paint, a headlamp replaced, towing.
GOOD = (
    labor("FBUMPER", "repair_medium"),
    paint("FBUMPER"),
    part("8113006B30"),
    EstimateLine(LineKind.TOWING, description="拖车", amount=D("300")),
)


def test_a_correct_estimate_has_no_findings() -> None:
    assert rules(*GOOD) == []


def test_r01_price_above_catalog() -> None:
    found = rules(part("8113006B30", unit_price=D("4500"), override_reason="shop quote, urgent"))
    assert fired("R01", found) == [0]
    assert (
        fired(
            "R01",
            rules(part("8113006B30", unit_price=D("4000"), override_reason="agreed lower price")),
        )
        == []
    )


def test_r01_a_part_not_in_the_catalog_needs_a_price_check() -> None:
    hand = EstimateLine(
        LineKind.PART,
        description="饰板支架",
        qty=D("2"),
        unit_price=D("35.50"),
        override_reason="not in the catalog for this trim",
    )
    priced = price_estimate(estimate(*GOOD, hand, salvage=D("500")), CATALOG, STANDARD)
    findings = [
        f for f in review(ReviewContext(priced, CATALOG, STANDARD, TODAY)) if f.rule == "R01"
    ]
    assert [(f.line, f.severity) for f in findings] == [(4, Severity.WARN)]
    assert "需核价" in findings[0].message_zh and "35.50" in findings[0].message_zh
    assert "price check" in findings[0].message_en


def test_r02_hours_and_rate_above_the_standard() -> None:
    assert fired(
        "R02", rules(labor("ENGINE", "mech", hours=D("5"), override_reason="seized bolts"))
    ) == [0]
    assert fired(
        "R02", rules(labor("ENGINE", "mech", rate=D("95"), override_reason="specialist shop"))
    ) == [0]
    assert (
        fired(
            "R02", rules(labor("ENGINE", "mech", hours=D("3"), override_reason="less work needed"))
        )
        == []
    )


def test_r03_an_included_operation_charged_again() -> None:
    planted = rules(
        labor("FBUMPER", "replace"),
        labor("FOGLAMP_L", "ri", hours=D("0.3"), override_reason="bracket seized"),
    )
    assert fired("R03", planted) == [1]
    assert fired("R03", rules(labor("FBUMPER", "replace"), labor("FOGLAMP_L", "ri"))) == []


def test_r04_repaired_and_replaced_blocks() -> None:
    planted = rules(
        labor("FENDER_L", "repair_medium"),
        labor("FENDER_L", "replace", hours=D("2"), override_reason="no row in the standard"),
    )
    assert fired("R04", planted) == [0]
    priced = price_estimate(
        estimate(
            labor("FENDER_L", "repair_medium"),
            labor("FENDER_L", "replace", hours=D("2"), override_reason="no row in the standard"),
        ),
        CATALOG,
        STANDARD,
    )
    assert blocks_submission(review(ReviewContext(priced, CATALOG, STANDARD, TODAY)))
    assert (
        fired("R04", rules(labor("FENDER_L", "repair_medium"), labor("FBUMPER", "replace"))) == []
    )


def test_r05_duplicates_but_not_a_pair_in_quantity_two() -> None:
    assert fired("R05", rules(part("8113006B30"), part("8113006B30"))) == [1]
    assert fired("R05", rules(part("8113006B30", "2"))) == []
    assert fired("R05", rules(paint("HOOD"), paint("HOOD"))) == [1]


def test_r06_replacement_where_repair_is_cheaper_needs_a_reason() -> None:
    # The bumper: repair 840.00 against replacement 2600.00.
    assert fired(
        "R06", rules(part("521190K280"), labor("FBUMPER", "replace"), paint("FBUMPER"))
    ) == [0]
    assert (
        fired(
            "R06",
            rules(
                part(
                    "521190K280",
                    unit_price=D("1880.00"),
                    override_reason="cracked through the mounting tabs",
                ),
                labor("FBUMPER", "replace"),
            ),
        )
        == []
    )
    assert fired("R06", rules(part("8113006B30"))) == []  # a lamp is not a repairable panel


def test_r07_salvage_not_deducted() -> None:
    assert fired(
        "R07",
        rules(
            part("521190K280", unit_price=D("1880"), override_reason="cracked through the tabs"),
            salvage=None,
        ),
    ) == [None]
    assert fired("R07", rules(part("8113006B30"), salvage=None)) == []  # no salvage rate


def test_r08_an_implausible_reason() -> None:
    assert fired("R08", rules(part("8113006B30", unit_price=D("4000"), override_reason="无"))) == [
        0
    ]
    assert (
        fired(
            "R08",
            rules(
                part("8113006B30", unit_price=D("4000"), override_reason="shop quote dated 11-20")
            ),
        )
        == []
    )


def test_r09_part_not_listed_for_the_model() -> None:
    catalog = CatalogSnapshot(
        [
            CatalogEntry(
                "8113006B30", "左前大灯总成", "HEADLAMP_L", "灯具", None, True, ("TY-CAMRY-18",)
            )
        ],
        {("8113006B30", "ZJ", PriceType.OEM_4S): [DatedPrice(OCT, 1, D("4200.00"))]},
    )
    assert fired("R09", rules(part("8113006B30"), catalog=catalog, model_code="VW-LAVIDA-19")) == [
        0
    ]
    assert fired("R09", rules(part("8113006B30"), catalog=catalog, model_code="TY-CAMRY-18")) == []


def test_r10_old_prices_and_future_pricing_dates() -> None:
    assert fired("R10", rules(part("8113006B30"), priced_on=dt.date(2027, 6, 1))) == [None, 0]
    assert fired("R10", rules(part("8113006B30"))) == []


def test_r11_a_large_case_estimated_outside_the_large_case_group() -> None:
    big = EstimateLine(LineKind.SUBLET, description="发动机总成外修", amount=D("12000"))
    # Over 10,000: flagged for an ordinary-group assessor or someone who is no assessor …
    assert fired("R11", rules(big, group=Group.ORDINARY)) == [None]
    assert fired("R11", rules(big)) == [None]
    # … even once the case joined the group: it is the estimating assessor that counts.
    assert fired("R11", rules(big, large=True, group=Group.ORDINARY)) == [None]
    assert fired("R11", rules(big, group=Group.LARGE)) == []


def test_r11_needs_teardown_at_a_small_total_is_a_large_case_too() -> None:
    assert fired("R11", rules(*GOOD, needs_teardown=True, group=Group.ORDINARY)) == [None]
    assert fired("R11", rules(*GOOD, needs_teardown=True, group=Group.LARGE)) == []
    # A small case is nobody's large case.
    assert fired("R11", rules(*GOOD, group=Group.ORDINARY)) == []


def test_r11_names_the_assessor_and_the_total() -> None:
    big = EstimateLine(LineKind.SUBLET, description="发动机总成外修", amount=D("12000"))
    priced = price_estimate(
        estimate(big, salvage=D("500"), shop_class=ShopClass.FOUR_S), CATALOG, STANDARD
    )
    context = ReviewContext(priced, CATALOG, STANDARD, TODAY, assessor="wang")
    (finding,) = [f for f in review(context) if f.rule == "R11"]
    assert finding.message_zh == "合计 11,500.00 属大案，定损员 wang 不在大案组"


def test_r12_paint_without_panels_blocks_and_many_panels_without_discount() -> None:
    planted = rules(paint("HEADLAMP_L", panels=D("1"), override_reason="lens housing painted"))
    assert fired("R12", planted) == [0]
    many = rules(paint("HOOD"), paint("ROOF"), region="ZJ")  # 4.5 panels, ZJ has a discount
    assert fired("R12", many) == []


def test_r13_fee_rate_above_the_maximum() -> None:
    assert fired("R13", rules(part("8113006B30"), parts_management_fee_rate=D("0.12"))) == [None]
    assert fired("R13", rules(part("8113006B30"), parts_management_fee_rate=D("0.10"))) == []


def test_r14_4s_price_at_a_shop_that_is_not_4s() -> None:
    assert fired("R14", rules(part("8113006B30"), shop_class=ShopClass.CLASS1)) == [0]
    assert (
        fired(
            "R14",
            rules(
                part("521190K280", price_type=PriceType.BRAND, override_reason=""),
                shop_class=ShopClass.CLASS1,
            ),
        )
        == []
    )
    assert fired("R14", rules(part("8113006B30"), shop_class=ShopClass.FOUR_S)) == []


def test_r15_unexplained_change_since_the_first_submission() -> None:
    first = (part("8113006B30"),)
    planted = rules(part("8113006B30", "2"), first=first, keys=("k1",), first_keys=("k1",))
    assert fired("R15", planted) == [0]
    same = rules(part("8113006B30"), first=first, keys=("k1",), first_keys=("k1",))
    assert fired("R15", same) == []


def test_findings_say_what_was_expected_and_found() -> None:
    priced = price_estimate(
        estimate(
            part("8113006B30", unit_price=D("4500"), override_reason="shop quote, urgent"),
            salvage=D("1"),
            shop_class=ShopClass.FOUR_S,
        ),
        CATALOG,
        STANDARD,
    )
    (finding,) = review(ReviewContext(priced, CATALOG, STANDARD, TODAY))
    assert finding.severity is Severity.WARN
    assert "4,500.00" in finding.message_en and "4,200.00" in finding.message_en
    assert "高于目录价" in finding.message_zh


def _agreement(**price_types: PriceType) -> PartnerAgreement:
    return PartnerAgreement(
        "恒信汽修",
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
        dict(price_types),
    )


def partner_rules(agreement: PartnerAgreement, *lines: EstimateLine) -> list[Finding]:
    priced = price_estimate(
        estimate(*lines, salvage=D("500"), shop_class=ShopClass.CLASS1, partner=True),
        CATALOG,
        STANDARD,
    )
    assert priced.ok, priced.problems
    return review(ReviewContext(priced, CATALOG, STANDARD, TODAY, agreement=agreement))


def test_r14_the_price_type_a_partner_agreement_sets_is_no_finding() -> None:
    """Guards issue 26.1: a 4S price the partner agreement sets for the category (灯具) at a
    class-1 partner shop is what the guarantee asks for, not an R14 finding."""
    found = partner_rules(_agreement(灯具=PriceType.OEM_4S), part("8113006B30"))
    assert [f for f in found if f.rule == "R14"] == []


def test_r14_a_partner_line_priced_above_the_agreed_type_is_a_finding() -> None:
    """Guards issue 26.1: above the agreed type (4S where the agreement sets the market price)
    R14 fires and names both types; a cheaper type than agreed is no finding."""
    agreement = _agreement(外观件=PriceType.OEM_MARKET)
    found = [f for f in partner_rules(agreement, part("521190K280")) if f.rule == "R14"]
    assert [(f.line, f.code) for f in found] == [(0, "review.r14_agreement")]
    assert "市场价" in found[0].message_zh and "4S店价" in found[0].message_zh
    cheaper = part("521190K280", price_type=PriceType.BRAND, override_reason="")
    assert [f for f in partner_rules(agreement, cheaper) if f.rule == "R14"] == []
