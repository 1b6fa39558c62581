"""Guarantee decisions on a fake unit of work: whether a priced estimate qualifies (the shop's
agreement from the registry, its parts' categories from the catalog), a certificate's number
(the year's next, never skipped) and what saving a partner shop audits. Loading and pricing
the stored version, the certificate on the sheet and two approvals at once stay in
test_guarantee.py (real databases)."""

from __future__ import annotations

import datetime as dt
import uuid

from estimator.domain.guarantee import PartnerAgreement
from estimator.domain.partners import PartnerShop
from estimator.domain.pricing import price_estimate
from estimator.domain.workflow import Role
from estimator.services.guarantee import number_certificate, qualify_in
from estimator.services.partners import save_shop
from estimator.services.users import User
from kernel.clock import utcnow
from labor_standards.model import ShopClass
from parts_catalog.model import PriceType
from tests.estimator.domain.fixtures import CATALOG, STANDARD, estimate, part
from tests.services.fakes import FakeUnitOfWork

LI = User("li", "李", frozenset({Role.REVIEWER}))
VALID_TO = dt.date(2027, 6, 30)


def test_certificates_are_numbered_in_turn_within_the_year_and_audited() -> None:
    uow = FakeUnitOfWork()
    year = utcnow().year
    last_year = f"WCJ{year - 1}000009"
    uow.certificates.numbers[uuid.uuid4()] = last_year  # another year's count is not this one's
    first, second = uuid.uuid4(), uuid.uuid4()
    numbers = [
        number_certificate(uow.certificates, uow.audit, key, f"hash-{i}", VALID_TO, LI)
        for i, key in enumerate((first, second))
    ]
    assert numbers == [f"WCJ{year}000001", f"WCJ{year}000002"]
    row = uow.certificates.rows[0]
    assert (row.estimate_id, row.content_hash, row.valid_to, row.issued_by) == (
        first,
        "hash-0",
        VALID_TO,
        "li",
    )

    def bound(key: uuid.UUID) -> dict[str, object]:  # the content the certificate binds
        return {"content": uow.audit.binding(key)}

    assert [(e.entity_id, e.action, e.detail) for e in uow.audit.entries] == [
        (str(first), "issue_guarantee", {"number": numbers[0], "hash": "hash-0", **bound(first)}),
        (str(second), "issue_guarantee", {"number": numbers[1], "hash": "hash-1", **bound(second)}),
    ]


def _shop(valid_to: dt.date = VALID_TO) -> PartnerShop:
    agreement = PartnerAgreement(
        "杭州汽修",
        dt.date(2026, 1, 1),
        valid_to,
        {"bumper": PriceType.OEM_MARKET},
        PriceType.AFTERMARKET,
    )
    return PartnerShop(agreement, ShopClass.CLASS1, "ZJ", "0571-1234")


def test_a_partner_shop_is_audited_when_new_or_changed_never_when_saved_as_it_was() -> None:
    uow = FakeUnitOfWork()
    save_shop(uow.partners, uow.audit, _shop(), "zhou", "save")
    save_shop(uow.partners, uow.audit, _shop(), "zhou", "import")  # exactly as it was
    save_shop(uow.partners, uow.audit, _shop(dt.date(2028, 6, 30)), "zhou", "import")
    assert uow.partners.get("杭州汽修") == _shop(dt.date(2028, 6, 30))
    assert [e.action for e in uow.audit.entries] == ["save", "import"]
    assert uow.audit.entries[0].detail == {
        "name": "杭州汽修",
        "valid_from": "2026-01-01",
        "valid_to": "2027-06-30",
        "price_types": '{"bumper": "oem_market"}',
        "default_price_type": "aftermarket",
    }
    assert {e.entity for e in uow.audit.entries} == {"partner_shop"}


ON = dt.date(2026, 11, 24)


def _registry() -> FakeUnitOfWork:
    """A registry with 丽水某汽修 (body parts agreed at 4S prices, lamps as brand parts) and
    a catalog that files the bumper cover under body parts and the lamp under lamps."""
    uow = FakeUnitOfWork()
    agreement = PartnerAgreement(
        "丽水某汽修",
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
        {"外观件": PriceType.OEM_4S, "灯具": PriceType.BRAND},
    )
    uow.partners.save(PartnerShop(agreement, ShopClass.CLASS1, "ZJ"))
    uow.catalog.part_categories = {"521190K280": "外观件", "8113006B30": "灯具"}
    return uow


def test_qualification_reads_the_agreement_and_the_categories_in_the_unit_of_work() -> None:
    uow = _registry()
    bumper = estimate(part("521190K280"), partner=True, shop_name="丽水某汽修")
    assert qualify_in(uow, bumper, price_estimate(bumper, CATALOG, STANDARD), ON) == []
    lamp = estimate(part("8113006B30"), partner=True, shop_name="丽水某汽修")  # priced 4S
    reasons = qualify_in(uow, lamp, price_estimate(lamp, CATALOG, STANDARD), ON)
    assert [(r.line, r.message_en) for r in reasons] == [
        (0, "8113006B30 is priced as oem_4s; the agreement says brand")
    ]
    uow.catalog.part_categories["8113006B30"] = "外观件"  # the catalog decides the category
    assert qualify_in(uow, lamp, price_estimate(lamp, CATALOG, STANDARD), ON) == []


def test_a_shop_outside_the_registry_or_an_unpriced_estimate_does_not_qualify() -> None:
    uow = _registry()
    elsewhere = estimate(part("521190K280"), partner=True, shop_name="别家修理厂")
    reasons = qualify_in(uow, elsewhere, price_estimate(elsewhere, CATALOG, STANDARD), ON)
    assert [r.message_en for r in reasons] == ["the shop is not a partner shop"]
    bumper = estimate(part("521190K280"), partner=True, shop_name="丽水某汽修")
    reasons = qualify_in(uow, bumper, None, ON)
    assert [r.message_en for r in reasons] == ["the estimate cannot be priced"]
