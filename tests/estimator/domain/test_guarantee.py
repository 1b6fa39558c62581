from __future__ import annotations

import datetime as dt
from decimal import Decimal as D  # noqa: N817 - reads like the money constructor

from estimator.domain.estimate import EstimateLine, LineKind
from estimator.domain.guarantee import (
    InvoiceLine,
    Outcome,
    PartnerAgreement,
    approved_items,
    qualification,
    reconcile,
)
from estimator.domain.pricing import price_estimate
from parts_catalog.model import PriceType
from tests.estimator.domain.fixtures import CATALOG, STANDARD, estimate, labor, part

AGREEMENT = PartnerAgreement(
    "丽水某汽修",
    dt.date(2026, 1, 1),
    dt.date(2026, 12, 31),
    {"外观件": PriceType.OEM_4S, "灯具": PriceType.BRAND},
)
CATEGORIES = {"521190K280": "外观件", "8113006B30": "灯具"}
ON = dt.date(2026, 11, 24)


def _priced(*lines: EstimateLine, partner: bool = True):  # type: ignore[no-untyped-def]
    priced = price_estimate(
        estimate(*lines, partner=partner, shop_name="丽水某汽修"), CATALOG, STANDARD
    )
    assert priced.ok
    return priced


def test_an_estimate_priced_as_agreed_qualifies() -> None:
    assert qualification(_priced(part("521190K280")), AGREEMENT, ON, CATEGORIES) == []


def test_each_reason_for_not_qualifying() -> None:
    assert [
        r.message_en
        for r in qualification(
            _priced(part("521190K280"), partner=False), AGREEMENT, ON, CATEGORIES
        )
    ] == ["the shop is not a partner shop"]
    expired = qualification(_priced(part("521190K280")), AGREEMENT, dt.date(2027, 1, 2), CATEGORIES)
    assert "valid from 2026-01-01 to 2026-12-31" in expired[0].message_en
    other_type = qualification(
        _priced(part("8113006B30")), AGREEMENT, ON, CATEGORIES
    )  # 4S, not brand
    assert [(r.line, r.message_en) for r in other_type] == [
        (0, "8113006B30 is priced as oem_4s; the agreement says brand")
    ]
    above = qualification(
        _priced(part("521190K280", unit_price=D("1900"), override_reason="urgent order")),
        AGREEMENT,
        ON,
        CATEGORIES,
    )
    assert [r.message_en for r in above] == ["521190K280 is overridden above the catalog price"]


def test_every_reconciliation_outcome_to_the_fen() -> None:
    priced = _priced(
        part("521190K280"),
        labor("FBUMPER", "replace"),
        labor("FOGLAMP_L", "ri"),
        EstimateLine(LineKind.TOWING, description="拖车", amount=D("300")),
    )
    approved = approved_items(priced, {})
    assert "FOGLAMP_L 拆装" not in {
        name for name, _ in approved.values()
    }  # included: nothing to invoice
    invoice = [
        InvoiceLine("52119-0K280", "前保险杠皮", D("1880.00")),  # matched
        InvoiceLine("FBUMPER 更换", "FBUMPER 更换", D("150.00")),  # over by 30.00
        InvoiceLine("拖车", "拖车", D("250.00")),  # under by 50.00
        InvoiceLine("四轮定位", "四轮定位", D("200.00")),  # not on the estimate
        InvoiceLine("玻璃水", "玻璃水", D("35.00"), customer_own=True),  # the customer's
    ]
    result = {r.description: r for r in reconcile(approved, invoice, guarantee=True)}
    assert result["前保险杠皮"].outcome is Outcome.MATCHED and result["前保险杠皮"].difference == 0
    over = result["FBUMPER 更换"]
    assert (over.outcome, over.difference, over.borne_by) == (Outcome.OVER, D("30.00"), "shop")
    under = result["拖车"]
    assert (under.outcome, under.difference, under.borne_by) == (
        Outcome.UNDER,
        D("-50.00"),
        "insurer",
    )
    without = {r.description: r for r in reconcile(approved, invoice, guarantee=False)}
    assert without["FBUMPER 更换"].borne_by == "customer"


def test_invoice_lines_not_on_the_estimate_are_never_silently_the_shop_s() -> None:
    """Guards issue 26.2: an item never on the estimate is the customer's own purchase when
    confirmed with the customer, otherwise it needs a supplement and nobody bears it yet;
    with or without the guarantee it is not charged to the shop."""
    priced = _priced(part("521190K280"))
    invoice = [
        InvoiceLine("521190K280", "前保险杠皮", D("1880.00")),
        InvoiceLine("四轮定位", "四轮定位", D("200.00")),
        InvoiceLine("玻璃水", "玻璃水", D("35.00"), customer_own=True),
    ]
    for guarantee in (True, False):
        result = {
            r.description: (r.outcome, r.invoice_amount, r.borne_by)
            for r in reconcile(approved_items(priced, {}), invoice, guarantee=guarantee)
        }
        assert result["四轮定位"] == (Outcome.NEEDS_SUPPLEMENT, D("200.00"), "")
        assert result["玻璃水"] == (Outcome.CUSTOMER_OWN, D("35.00"), "customer")


def test_approved_items_not_invoiced_are_listed() -> None:
    priced = _priced(
        part("521190K280"), EstimateLine(LineKind.TOWING, description="拖车", amount=D("300"))
    )
    result = reconcile(
        approved_items(priced, {1: D("200.00")}),
        [InvoiceLine("521190K280", "前保险杠皮", D("1880.00"))],
        guarantee=True,
    )
    missing = [r for r in result if r.outcome is Outcome.NOT_INVOICED]
    assert [(r.description, r.estimate_amount) for r in missing] == [
        ("拖车", D("200.00"))
    ]  # the reviewer's amount
