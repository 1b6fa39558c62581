"""Guarantee decisions on a fake unit of work: a certificate's number (the year's next, never
skipped) and what saving a partner shop audits. Qualification against the priced estimate and
the catalog, the certificate on the sheet and two approvals at once stay in
test_guarantee.py (real databases)."""

from __future__ import annotations

import datetime as dt
import uuid

from estimator.domain.guarantee import PartnerAgreement
from estimator.domain.partners import PartnerShop
from estimator.domain.workflow import Role
from estimator.services.guarantee import number_certificate
from estimator.services.partners import save_shop
from estimator.services.users import User
from kernel.clock import utcnow
from labor_standards.model import ShopClass
from parts_catalog.model import PriceType
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
    assert [(e.entity_id, e.action, e.detail) for e in uow.audit.entries] == [
        (str(first), "issue_guarantee", {"number": numbers[0], "hash": "hash-0"}),
        (str(second), "issue_guarantee", {"number": numbers[1], "hash": "hash-1"}),
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
