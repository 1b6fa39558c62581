"""The repositories the services moved their queries into, on both engines: what one unit of
work stores, the next one reads back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import Engine

from estimator.domain.guarantee import PartnerAgreement
from estimator.domain.partners import PartnerShop
from estimator.persistence.rows import PartnerImportRow, UserRow
from estimator.persistence.uow import UnitOfWork
from kernel.clock import utcnow
from labor_standards.model import ShopClass
from parts_catalog.model import PriceType
from tests.parts_catalog.catalog_rows import MODELS
from tests.services.conftest import import_test_data


@pytest.fixture
def db_url(both_engines_url: str) -> str:
    """Every repository test runs on SQLite and on PostgreSQL."""
    return both_engines_url


def _user(username: str, display_name: str = "") -> UserRow:
    return UserRow(
        username=username,
        display_name=display_name,
        roles="estimator",
        password_hash="x",
        created_at=utcnow(),
    )


def test_users_are_found_by_name_counted_and_named(engine: Engine) -> None:
    with UnitOfWork(engine, write=True) as uow:
        assert uow.users.count() == 0
        assert uow.users.get("wang") is None
        uow.users.add(_user("wang", "王定损"))
        uow.users.add(_user("li"))
        uow.commit()
    with UnitOfWork(engine) as uow:
        assert uow.users.count() == 2
        row = uow.users.get("wang")
        assert row is not None and row.display_name == "王定损"
        assert uow.users.display_names() == {"wang": "王定损", "li": "li"}


def test_photo_bytes_are_kept_once_by_hash(engine: Engine) -> None:
    with UnitOfWork(engine, write=True) as uow:
        uow.photos.keep_blob("ab" * 32, b"first")
        uow.photos.keep_blob("ab" * 32, b"second")  # same hash: already there, not replaced
        uow.commit()
    with UnitOfWork(engine) as uow:
        assert uow.photos.blob("ab" * 32) == b"first"
        assert uow.photos.blob("cd" * 32) is None


def _shop(name: str, region: str = "ZJ") -> PartnerShop:
    agreement = PartnerAgreement(
        name,
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
        {"bumper": PriceType.BRAND},
        PriceType.OEM_MARKET,
    )
    return PartnerShop(agreement, ShopClass.CLASS1, region, "0571-1234")


def test_partner_shops_round_trip_and_update_in_place(engine: Engine) -> None:
    with UnitOfWork(engine, write=True) as uow:
        row, before = uow.partners.save(_shop("钱江汽修"))
        assert before is None and row.id is not None
        uow.partners.save(_shop("阿里修理厂"))
        uow.commit()
    with UnitOfWork(engine, write=True) as uow:
        assert uow.partners.get("钱江汽修") == _shop("钱江汽修")
        _, before = uow.partners.save(_shop("钱江汽修", region="SH"))
        assert before == _shop("钱江汽修")
        uow.commit()
    with UnitOfWork(engine) as uow:
        assert [s.name for s in uow.partners.all()] == sorted(["钱江汽修", "阿里修理厂"])
        assert uow.partners.get("钱江汽修") == _shop("钱江汽修", region="SH")
        assert uow.partners.get("无此厂") is None


def test_partner_imports_are_found_by_their_bytes_hash(engine: Engine) -> None:
    with UnitOfWork(engine, write=True) as uow:
        assert uow.partners.import_with_hash("f" * 64) is None
        row = uow.partners.add_import(
            PartnerImportRow(
                source_name="p.xlsx",
                content_hash="f" * 64,
                imported_at=utcnow(),
                imported_by="wang",
                shops_count=2,
            )
        )
        uow.commit()
    with UnitOfWork(engine) as uow:
        assert uow.partners.import_with_hash("f" * 64) == row.id


def test_reference_data_is_empty_before_any_import_then_read(
    engine: Engine, tmp_path: Path
) -> None:
    with UnitOfWork(engine) as uow:
        assert uow.reference.vehicle_models() == []
        assert uow.reference.labor_rate_regions() == set()
    import_test_data(engine, tmp_path)
    with UnitOfWork(engine) as uow:
        codes = [code for code, _, _ in uow.reference.vehicle_models()]
        assert codes == sorted(row[0] for row in MODELS[1:])
        assert uow.reference.labor_rate_regions()


def test_audit_entries_are_read_by_entity_oldest_first(engine: Engine) -> None:
    with UnitOfWork(engine, write=True) as uow:
        uow.audit.record(actor="wang", entity="case", entity_id="c1", action="create")
        uow.audit.record(actor="li", entity="estimate", entity_id="e1", action="submit")
        uow.audit.record(actor="li", entity="case", entity_id="c2", action="create")
        uow.commit()
    with UnitOfWork(engine) as uow:
        found = uow.audit.entries({"case": ["c1"], "estimate": ["e1", "e9"]})
        assert [(e.actor, e.action) for e in found] == [("wang", "create"), ("li", "submit")]
        assert uow.audit.entries({"estimate": []}) == []
        assert uow.audit.entries({}) == []
