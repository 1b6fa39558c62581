"""A laptop's copy of the reference data (services/sync_reference.py): the demo's server,
on SQLite and on PostgreSQL, copied into a fresh migrated SQLite laptop."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import Engine, func, select, update

from estimator.domain.errors import DomainError
from estimator.persistence.database import create_database_engine
from estimator.persistence.rows import PartnerImportRow, PartnerShopRow, UserRow
from estimator.persistence.signer_certificates import SignerCertificateRow
from estimator.services.catalog import (
    correct_part,
    find_model_by_vin,
    import_catalog,
    part_for_edit,
    search_parts,
)
from estimator.services.demo import sample_file
from estimator.services.estimates import price_document
from estimator.services.labor import import_labor_standard
from estimator.services.settings import reset_setting, set_setting
from estimator.services.sync_reference import copy_reference
from estimator.services.users import User, authenticate, find_user, update_user
from labor_standards.rows import (
    LaborRateRow,
    LaborTimeRow,
    LaborVersionRow,
    PaintDiscountRow,
    PaintPanelRow,
    PaintRateRow,
)
from parts_catalog.rows import (
    CatalogVersionRow,
    PartFitmentRow,
    PartPriceRow,
    PartRow,
    VehicleModelRow,
)
from tests.actors import MAINTAINER
from tests.conftest import database_copy, demo_copy, write_workbook
from tests.parts_catalog.catalog_rows import MODEL_HEADER, PART_HEADER

REFERENCE_TABLES = (
    CatalogVersionRow,
    VehicleModelRow,
    PartRow,
    PartPriceRow,
    PartFitmentRow,
    LaborVersionRow,
    LaborTimeRow,
    PartnerShopRow,
    PartnerImportRow,
)
TODAY = dt.date(2026, 11, 20)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """The demo's team database: a copy of the session's demo file, or of the session's
    PostgreSQL database the demo was loaded into once."""
    if request.param == "sqlite":
        path = demo_copy(request.getfixturevalue("demo_template"), tmp_path / "server.sqlite3")
        engine = create_database_engine(f"sqlite+pysqlite:///{path}")
    else:
        template = request.getfixturevalue("demo_postgresql")
        engine = create_database_engine(database_copy(request, template, tmp_path))
    yield engine
    engine.dispose()


def _count(engine: Engine, row: type[Any]) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(row)).scalar_one())


def _priced(engine: Engine) -> dict[str, Any]:
    text = sample_file("demo_estimate.json").read_text(encoding="utf-8")
    result = price_document(engine, text, today=TODAY)
    assert result.document is not None, result.problems
    return result.document


def _admin(engine: Engine) -> User:
    admin = find_user(engine, "admin")
    assert admin is not None
    return admin


def test_the_laptop_prices_searches_and_signs_in_as_the_server(
    server: Engine, laptop: Engine
) -> None:
    copied = copy_reference(server, laptop, "wang")

    assert copied.changed
    for row in REFERENCE_TABLES:
        assert copied.counts[row.__tablename__] == _count(server, row) == _count(laptop, row)
    assert _priced(laptop) == _priced(server)
    for text in ("前保险杠", "qbxg", "52119-0K280", "521190K280"):
        found = [m.part_no for m in search_parts(laptop, text, limit=5)]
        assert found == [m.part_no for m in search_parts(server, text, limit=5)], text
        assert found, text
    assert authenticate(laptop, "wang", "demo-wang-1").username == "wang"
    with laptop.connect() as connection:
        assert connection.execute(select(UserRow.username)).scalars().all() == ["wang"]
    with pytest.raises(DomainError):
        authenticate(laptop, "li", "demo-li-1")


def test_a_second_copy_with_nothing_new_writes_nothing(server: Engine, laptop: Engine) -> None:
    copy_reference(server, laptop, "wang")

    again = copy_reference(server, laptop, "wang")

    assert not again.changed
    assert set(again.counts.values()) == {0}
    assert "part_search_tri" not in again.counts  # the laptop's own index, not a copied table


def _new_catalog(path: Path, also_fits: str = ";TY-CAMRY-18") -> Path:
    """A catalog workbook with one new model and three new parts: 2 price rows each
    (oem_4s and oem_market), the third part fitting the demo's Camry as well."""
    parts = [
        [
            f"SYNC-{n}",
            f"同步测试件{n}",
            f"Sync part {n}",
            "FBUMPER",
            "外观件",
            models,
            "ZJ",
            "100.00",
            "90.00",
            None,
            None,
            "否",
            None,
            "2026-12-01",
        ]
        for n, models in ((1, "SYNC-MODEL"), (2, "SYNC-MODEL"), (3, "SYNC-MODEL" + also_fits))
    ]
    models = [["SYNC-MODEL", "测试", "同步", "同步 1.0", 2020, 2026, "LSYNC1", "B"]]
    return write_workbook(
        path, {"vehicle_models": [MODEL_HEADER, *models], "parts": [PART_HEADER, *parts]}
    )


def test_a_new_catalog_version_copies_only_its_rows(
    server: Engine, laptop: Engine, tmp_path: Path
) -> None:
    copy_reference(server, laptop, "wang")
    imported = import_catalog(server, _new_catalog(tmp_path / "new.xlsx"), actor=MAINTAINER)
    assert imported.status == "imported", imported.problems

    copied = copy_reference(server, laptop, "wang")

    written = {table: n for table, n in copied.counts.items() if n}
    assert written == {
        "catalog_versions": 1,
        "vehicle_models": 1,
        "vin_prefixes": 1,
        "parts": 3,
        "part_prices": 6,
        "part_fitments": 4,
    }
    assert [m.part_no for m in search_parts(laptop, "tbcsj")][:3] == ["SYNC1", "SYNC2", "SYNC3"]
    assert next(m.part_no for m in search_parts(laptop, "SYNC-3")) == "SYNC3"
    assert search_parts(laptop, "同步", model_code="TY-CAMRY-18")[0].part_no == "SYNC3"


def test_a_corrected_part_is_updated_with_its_search_entries(
    server: Engine, laptop: Engine
) -> None:
    copy_reference(server, laptop, "wang")
    assert "521190K280" in [m.part_no for m in search_parts(laptop, "qbxgp")]
    before = part_for_edit(server, "52119-0K280")
    after = correct_part(server, _admin(server), "52119-0K280", before, {"name_zh": "前杠蒙皮"})

    copied = copy_reference(server, laptop, "wang")

    assert {t: n for t, n in copied.counts.items() if n} == {"parts": 1}
    assert part_for_edit(laptop, "52119-0K280") == after
    assert next(m.part_no for m in search_parts(laptop, "qgmp")) == after.part_no
    assert after.part_no not in [m.part_no for m in search_parts(laptop, "qbxgp")]


def test_settings_and_the_account_follow_the_server(server: Engine, laptop: Engine) -> None:
    admin = _admin(server)
    set_setting(server, "pending.review_every_days", "5", admin)
    copy_reference(server, laptop, "wang")
    reset_setting(server, "pending.review_every_days", admin)
    update_user(server, "wang", admin, display_name="王大定损")

    copied = copy_reference(server, laptop, "wang")

    assert {t: n for t, n in copied.counts.items() if n} == {"settings": 1, "users": 1}
    wang = find_user(laptop, "wang")
    assert wang is not None and wang.display_name == "王大定损"


def test_only_the_users_and_the_cas_certificates_travel(server: Engine, laptop: Engine) -> None:
    with server.begin() as connection:
        for kind, username in (("ca", ""), ("user", "wang"), ("user", "li")):
            connection.execute(
                SignerCertificateRow.__table__.insert(),  # type: ignore[attr-defined]
                {
                    "id": uuid.uuid4(),
                    "kind": kind,
                    "username": username,
                    "fingerprint": f"{kind}-{username}",
                    "certificate": b"der",
                    "enrolled_at": dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
                },
            )

    copy_reference(server, laptop, "wang")

    with laptop.connect() as connection:
        fingerprints = connection.execute(select(SignerCertificateRow.fingerprint)).scalars()
        assert sorted(fingerprints) == ["ca-", "user-wang"]


@pytest.mark.parametrize("username", ["nobody", "inactive"])
def test_an_unknown_or_inactive_user_is_refused(
    server: Engine, laptop: Engine, username: str
) -> None:
    if username == "inactive":
        with server.begin() as connection:
            connection.execute(update(UserRow).where(UserRow.username == "li").values(active=False))
        username = "li"

    with pytest.raises(DomainError) as refused:
        copy_reference(server, laptop, username)

    assert refused.value.code == "sync_unknown_user"
    assert _count(laptop, PartRow) == 0


def test_the_server_is_not_copied_into_itself(server: Engine) -> None:
    with pytest.raises(DomainError) as refused:
        copy_reference(server, server, "wang")

    assert refused.value.code == "sync_same_database"


def test_a_new_labor_standard_copies_that_version_whole(
    server: Engine, laptop: Engine, tmp_path: Path
) -> None:
    copy_reference(server, laptop, "wang")
    book = openpyxl.load_workbook(sample_file("demo_labor.xlsx"))
    book["工时单价"]["D2"] = "80.00"  # ZJ 4s shops' first labor type, was 78.00
    book.save(tmp_path / "labor.xlsx")
    imported = import_labor_standard(server, tmp_path / "labor.xlsx", actor=MAINTAINER)
    assert imported.status == "imported", imported.problems

    copied = copy_reference(server, laptop, "wang")

    tables = (LaborTimeRow, LaborRateRow, PaintPanelRow, PaintRateRow, PaintDiscountRow)
    expected = {row.__tablename__: _count(server, row) // 2 for row in tables}
    assert {t: n for t, n in copied.counts.items() if n} == {"labor_versions": 1, **expected}
    assert _priced(laptop) == _priced(server)
    with server.connect() as on_server, laptop.connect() as on_laptop:
        versions = select(LaborVersionRow.id, LaborVersionRow.content_hash).order_by("id")
        assert on_laptop.execute(versions).all() == on_server.execute(versions).all()


def test_a_laptop_with_a_catalog_of_its_own_is_refused(
    server: Engine, laptop: Engine, tmp_path: Path
) -> None:
    imported = import_catalog(
        laptop, _new_catalog(tmp_path / "own.xlsx", also_fits=""), actor=MAINTAINER
    )
    assert imported.status == "imported", imported.problems

    with pytest.raises(DomainError) as refused:
        copy_reference(server, laptop, "wang")

    assert refused.value.code == "sync_foreign_reference"
    assert refused.value.params == {"tables": "catalog_versions"}
    assert _count(laptop, PartRow) == 3


def test_a_changed_model_brings_its_vin_prefixes(
    server: Engine, laptop: Engine, tmp_path: Path
) -> None:
    copy_reference(server, laptop, "wang")
    camry = ["TY-CAMRY-18", "丰田", "凯美瑞", "凯美瑞 2.0G 豪华版", 2018, 2023]
    camry += ["LVGBE40K;LVGBE4;LSYNC9", "C", "179800.00"]
    part = ["SYNC-9", "同步测试件9", "", "FBUMPER", "外观件", "TY-CAMRY-18", "ZJ", "100.00"]
    part += [None, None, None, "否", None, "2026-12-01"]
    book = {
        "vehicle_models": [[*MODEL_HEADER, "new_price"], camry],
        "parts": [PART_HEADER, part],
    }
    imported = import_catalog(server, write_workbook(tmp_path / "m.xlsx", book), actor=MAINTAINER)
    assert imported.status == "imported", imported.problems

    copied = copy_reference(server, laptop, "wang")

    written = {t: n for t, n in copied.counts.items() if n}
    assert written == {
        "catalog_versions": 1,
        "vehicle_models": 1,
        "vin_prefixes": 2 + 3,  # the two it had removed, the three it has now
        "parts": 1,
        "part_prices": 1,
        "part_fitments": 1,
    }
    assert find_model_by_vin(laptop, "LSYNC9AB0PA000001").model_code == "TY-CAMRY-18"
    with server.connect() as on_server, laptop.connect() as on_laptop:
        models = select(VehicleModelRow.model_code, VehicleModelRow.row_version).order_by("id")
        assert on_laptop.execute(models).all() == on_server.execute(models).all()
