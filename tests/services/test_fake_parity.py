"""The fake unit of work tells the truth: the same operations, through the protocol of
``estimator.services.ports``, give the same answers on the in-memory fake and on a real
unit of work (SQLite and PostgreSQL). A fake that drifted from its repository would let the
rule tests on it pass for a service that fails on a database."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from decimal import Decimal

from sqlalchemy import Engine

from estimator.domain.clocks import EventKind
from estimator.domain.guarantee import PartnerAgreement
from estimator.domain.partners import PartnerShop
from estimator.domain.workflow import EstimateStatus, Role
from estimator.persistence.rows import FloodCaseRow, FloodVersionRow
from estimator.persistence.uow import UnitOfWork
from estimator.services import estimate_store
from estimator.services.ports import UnitOfWorkLike
from labor_standards.model import ShopClass
from parts_catalog.model import PriceType
from tests.services.conftest import make_team
from tests.services.documents import document
from tests.services.fakes import FakeUnitOfWork, FakeVinModel

AT = dt.datetime(2026, 3, 1, 8, 30, tzinfo=dt.UTC)
SHOP = PartnerShop(
    PartnerAgreement(
        "杭州汽修", dt.date(2026, 1, 1), dt.date(2027, 6, 30), {"bumper": PriceType.BRAND}
    ),
    ShopClass.CLASS1,
    "ZJ",
)


def _script(uow: UnitOfWorkLike, case_id: uuid.UUID) -> list[object]:
    """What a case of one draft version (opened by wang) answers, step by step."""
    seen: list[object] = []
    cases, retention, details = uow.cases, uow.retention, uow.case_details
    seen += [cases.exists(case_id), cases.exists(uuid.uuid4()), cases.editors(case_id)]
    cases.add_editor(case_id, "li")
    cases.add_editor(case_id, "li")  # once is enough
    seen.append(cases.editors(case_id))
    seen += [cases.set_first_total(case_id, None), cases.join_large_case_group(case_id)]
    seen += [cases.join_large_case_group(case_id)]  # already in it
    before = len(cases.events(case_id))
    cases.add_event(case_id, EventKind.ARRIVAL, "wang", AT)
    seen.append([(e.kind, e.at) for e in cases.events(case_id)][before:])
    seen += [details.statuses(case_id), details.edits(case_id)]
    uow.audit.record(
        actor="wang",
        entity="case",
        entity_id=case_id,
        action="edit_details",
        detail={"version": 2, "changes": {"region": ["ZJ", "SH"]}},
    )
    seen.append(details.edits(case_id))
    locked = details.locked_case(case_id)
    seen.append(None if locked is None else (locked.claim_no, locked.created_by))
    seen += [retention.latest_status(case_id), retention.closed_at(case_id)]
    seen += [retention.signed_at(case_id), retention.is_archived(case_id)]
    retention.archive(case_id, AT, "wang", "paid")
    seen.append(retention.is_archived(case_id))
    seen.append(uow.users.roles_of({"wang", "li", "nobody"}))
    seen += [uow.certificates.number_of(uuid.uuid4()), uow.flood_cases.exists(case_id)]
    seen += [uow.certificates.count_numbered("WCJ"), uow.partners.get(SHOP.name)]
    for _ in range(2):
        row, before = uow.partners.save(SHOP)
        seen += [before, row.name, row.price_types, row.default_price_type]
    seen.append(uow.partners.get(SHOP.name))
    seen += _flood(uow)
    seen.append(uow.catalog.categories(["521190K280", "NO-SUCH-PART"]))
    found = uow.catalog.models_by_vin_prefix(["LVGBE40K", "LVGBE4", "LSVAG3"])
    seen.append(
        sorted((m.prefix, m.model_code, m.brand, m.model_name, m.vehicle_class) for m in found)
    )
    retention.delete_case(case_id)
    return seen


def _flood(uow: UnitOfWorkLike) -> list[object]:
    """A flood case and two saved versions: its id given on adding, the numbering."""
    flood = FloodCaseRow(
        claim_no="F-1", insured_name="", site="", status="open", created_by="wang", created_at=AT
    )
    uow.flood_cases.add(flood)
    seen: list[object] = [flood.id is not None, uow.flood_cases.exists(flood.id)]
    for number in (1, 2):
        seen.append(uow.flood_cases.last_version_no(flood.id))
        version = FloodVersionRow(
            case_id=flood.id,
            version_no=number,
            inputs_json="{}",
            loss=Decimal("1.00"),
            salvage=Decimal("0.00"),
            avoided=Decimal("0.00"),
            totals_json="{}",
            content_hash="0" * 64,
            created_by="wang",
            created_at=AT,
        )
        uow.flood_cases.add(version)
        seen.append(version.id is not None)
    return [*seen, uow.flood_cases.last_version_no(flood.id)]


def _after_deletion(uow: UnitOfWorkLike, case_id: uuid.UUID) -> list[object]:
    """What is left of the case once its deletion was committed. (In the deleting unit of
    work itself the real session still holds the deleted case's row: the bulk DELETE does
    not synchronise the session, so ask a new one.)"""
    cases, retention = uow.cases, uow.retention
    return [
        cases.exists(case_id),
        cases.editors(case_id),
        cases.events(case_id),
        retention.latest_status(case_id),
        retention.is_archived(case_id),
        uow.case_details.statuses(case_id),
    ]


def test_the_fake_and_a_real_unit_of_work_answer_alike(priced_db: Engine) -> None:
    make_team(priced_db, wang={Role.ASSESSOR}, li={Role.REVIEWER})
    text = json.dumps(document(), ensure_ascii=False)
    created = estimate_store.import_estimate(priced_db, text, actor="wang")
    assert created.case_id is not None
    with UnitOfWork(priced_db, write=True) as uow:
        opened = uow.cases.get(created.case_id)
        assert opened is not None
        claim_no = opened.claim_no
        real = _script(uow, created.case_id)
        uow.commit()
    with UnitOfWork(priced_db) as uow:
        real += _after_deletion(uow, created.case_id)

    fake = FakeUnitOfWork()
    case = fake.cases.add(claim_no=claim_no, created_by="wang")
    fake.cases.add_editor(case.id, "wang")  # as importing a document does
    fake.estimates.add(EstimateStatus.DRAFT, case_id=case.id)
    fake.users.roles = {"wang": "assessor", "li": "reviewer"}
    fake.catalog.models = [  # the test catalog's Camry (tests/parts_catalog/catalog_rows.py)
        FakeVinModel(prefix, "TY-CAMRY-18", "丰田", "凯美瑞 2.0G", "C")
        for prefix in ("LVGBE40K", "LVGBE4")
    ] + [FakeVinModel("LSVAG2", "VW-LAVIDA-19", "大众", "朗逸 1.5L", "B")]
    fake.catalog.part_categories = {"521190K280": "外观件", "8791006A10": "外观件"}
    assert _script(fake, case.id) + _after_deletion(fake, case.id) == real
    assert real[2] == {"wang"} and real[3] == {"wang", "li"}  # not vacuous
    assert real.count(SHOP) == 2  # saved again: what it was before; then read back
    camry = ("LVGBE4", "TY-CAMRY-18", "丰田", "凯美瑞 2.0G", "C")
    assert any(isinstance(seen, list) and camry in seen for seen in real)  # the catalog answered
    assert {"521190K280": "外观件"} in real
    numbering = [True, True, 0, True, 1, True, 2]  # the flood case's versions counted
    assert any(real[i : i + len(numbering)] == numbering for i in range(len(real)))
    assert real[-6:] == [False, set(), [], None, False, []]
