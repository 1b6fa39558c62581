"""Loss objects on real databases: the migration that gives every case its insured vehicle,
third-party vehicles and property with versions of their own, the case total, the review
queue and clocks per object, and ``estimate import --case``."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Engine, text

from estimator.domain.clocks import ClockState, EventKind
from estimator.domain.errors import DomainError
from estimator.domain.estimate import EstimateLine, LineKind
from estimator.domain.settlement_payout import ObjectKind
from estimator.domain.workflow import EstimateStatus, Role
from estimator.persistence.migrations import alembic_config, current_revision
from estimator.persistence.uow import UnitOfWork
from estimator.services import case_list, documents, estimate_store, loss_objects, workflow
from estimator.services.pending import pending_list
from estimator.services.routing import escalations
from estimator.services.users import User
from kernel.clock import utcnow
from labor_standards.model import ShopClass
from tests.services.conftest import make_team
from tests.services.documents import document

GUARD_RAIL = [
    {"kind": "material", "description": "波形护栏板 4m", "qty": "3", "unit_price": "420.00"},
    {"kind": "material", "description": "立柱", "qty": "2", "unit_price": "180.00"},
    {"kind": "material", "description": "安装人工 (工时)", "qty": "6", "unit_price": "80.00"},
]
RAIL_TOTAL = Decimal("2100.00")  # 1260 + 360 + 480
RAIL = {"kind": "third_party_property", "index": 0, "owner": "路政"}


@pytest.fixture
def team(priced_db: Engine) -> dict[str, User]:
    return make_team(priced_db, wang={Role.ASSESSOR}, li={Role.REVIEWER})


@pytest.fixture
def case(priced_db: Engine, team: dict[str, User]) -> tuple[str, str]:
    """(case id, the insured vehicle's version 1)."""
    made = estimate_store.import_estimate(priced_db, json.dumps(document()), actor="wang")
    assert made.problems == [] and made.case_id and made.estimate_id
    return str(made.case_id), str(made.estimate_id)


def _import(engine: Engine, case_id: str, **changes: Any) -> estimate_store.ImportedEstimate:
    return loss_objects.import_into_case(
        engine, json.dumps(document(**changes), ensure_ascii=False), case_id, actor="wang"
    )


def test_a_new_case_holds_its_insured_vehicle_only(
    priced_db: Engine, case: tuple[str, str]
) -> None:
    objects = loss_objects.case_objects(priced_db, case[0])
    assert [(o.object.kind, o.object.index, o.version_no) for o in objects] == [
        (ObjectKind.INSURED_VEHICLE, 0, 1)
    ]
    assert objects[0].object.plate == "浙K12345"  # the case's own vehicle
    assert objects[0].object.title("zh") == "标的车 浙K12345"
    assert objects[0].estimate_id is not None and str(objects[0].estimate_id) == case[1]


def test_third_parties_get_their_own_first_versions_and_the_case_total_sums_them(
    priced_db: Engine, case: tuple[str, str], team: dict[str, User]
) -> None:
    case_id, insured = case
    vehicle = loss_objects.add_third_party_vehicle(
        priced_db,
        case_id,
        team["wang"],
        plate="浙A54321",
        model_code="TY-CAMRY-18",
        shop_name="杭州某4S店",
        shop_class=ShopClass.FOUR_S,
    )
    rail = loss_objects.add_third_party_property(
        priced_db, case_id, team["wang"], owner="丽水市公路管理局", description="波形护栏"
    )
    assert (vehicle.version_no, vehicle.status, vehicle.total) == (1, "draft", Decimal("0.00"))
    assert vehicle.object.title("zh") == "三者车1 浙A54321"
    assert rail.object.title("zh") == "三者物损1 丽水市公路管理局"
    assert rail.estimate_id is not None
    lines = [
        EstimateLine(
            LineKind.MATERIAL,
            description=g["description"],
            qty=Decimal(g["qty"]),
            unit_price=Decimal(g["unit_price"]),
        )
        for g in GUARD_RAIL
    ]
    estimate_store.replace_lines(priced_db, rail.estimate_id, lines, team["wang"])

    objects = loss_objects.case_objects(priced_db, case_id)
    assert [o.object.kind for o in objects] == list(ObjectKind)
    assert [o.total for o in objects] == [Decimal("6454.00"), Decimal("0.00"), RAIL_TOTAL]
    assert loss_objects.case_total_of(priced_db, case_id) == Decimal("8554.00")
    listed = [c for c in case_list.list_cases(priced_db) if str(c.case_id) == case_id]
    # One row per case: the insured vehicle's version, the case total summed.
    assert len(listed) == 1 and str(listed[0].estimate_id) == insured
    assert listed[0].total == Decimal("8554.00")
    # The third-party vehicle prices at its own shop (a 4S shop), not the case's.
    stored = estimate_store.load_estimate(priced_db, vehicle.estimate_id or "")
    assert (stored.estimate.plate, stored.estimate.shop_class.value) == ("浙A54321", "4s")
    assert stored.estimate.vehicle_class == "C"


def test_an_objects_versions_go_through_review_on_their_own(
    priced_db: Engine, case: tuple[str, str], team: dict[str, User]
) -> None:
    case_id, insured = case
    made = _import(
        priced_db,
        case_id,
        object={"kind": "third_party_property", "index": 0, "owner": "路政"},
        lines=GUARD_RAIL,
    )
    assert made.problems == [] and made.estimate_id is not None
    rail = str(made.estimate_id)
    # Exported as estimate/1, the version names its object (settlement.md, Contract).
    exported = documents.estimate_document(priced_db, rail)["object"]
    assert exported == {**RAIL, "description": ""}
    assert workflow.submit(priced_db, rail, team["wang"]) is EstimateStatus.SUBMITTED
    # The review queue lists the property's version, named, though the insured is a draft.
    queue = case_list.review_queue(priced_db)
    assert [(str(q.estimate_id), q.object_title("zh")) for q in queue] == [(rail, "三者物损1 路政")]
    assert workflow.approve(priced_db, rail, team["li"]) is EstimateStatus.APPROVED
    assert estimate_store.load_estimate(priced_db, insured).status is EstimateStatus.DRAFT
    # A supplement is the object's version 2, not the case's.
    second = workflow.supplement(priced_db, rail, team["wang"])
    assert estimate_store.load_estimate(priced_db, second).version_no == 2
    assert str(estimate_store.previous_version(priced_db, second)) == rail
    assert estimate_store.previous_version(priced_db, insured) is None


def test_review_clocks_run_from_the_objects_own_submission(
    priced_db: Engine, case: tuple[str, str], team: dict[str, User]
) -> None:
    case_id, insured = case
    made = _import(
        priced_db,
        case_id,
        object={"kind": "third_party_property", "index": 0, "owner": "路政"},
        lines=GUARD_RAIL,
    )
    assert made.estimate_id is not None
    workflow.submit(priced_db, made.estimate_id, team["wang"])
    with UnitOfWork(priced_db) as uow:
        rail = estimate_store.stored_in(uow, made.estimate_id)
        mine = [e.kind for e in uow.cases.events(rail.case_id, rail.object_id)]
        vehicle = estimate_store.stored_in(uow, insured)
        theirs = [e.kind for e in uow.cases.events(vehicle.case_id, vehicle.object_id)]
    assert EventKind.SUBMISSION in mine and EventKind.SUBMISSION not in theirs


def test_import_into_a_case_adds_a_vehicle_then_refuses_over_an_open_version(
    priced_db: Engine, case: tuple[str, str]
) -> None:
    case_id, _ = case
    vehicle = {"plate": "浙B11111", "model_code": "TY-CAMRY-18", "paint_type": "solid"}
    made = _import(
        priced_db,
        case_id,
        object={"kind": "third_party_vehicle", "index": 0},
        vehicle=vehicle,
        shop={"name": "乙修理厂", "class": "4s"},
    )
    assert made.problems == [] and str(made.case_id) == case_id
    objects = loss_objects.case_objects(priced_db, case_id)
    assert [(o.object.kind, o.object.plate, o.object.shop_name) for o in objects][1] == (
        ObjectKind.THIRD_PARTY_VEHICLE,
        "浙B11111",
        "乙修理厂",
    )
    again = _import(priced_db, case_id, object={"kind": "third_party_vehicle", "index": 0})
    assert [p.code for p in again.problems] == ["loss_object.version_open"]
    assert "三者车1 浙B11111" in again.problems[0].reason("zh")


def test_property_takes_free_lines_only(priced_db: Engine, case: tuple[str, str]) -> None:
    made = _import(priced_db, case[0], object={"kind": "third_party_property", "owner": "x"})
    assert {p.code for p in made.problems} == {"loss_object.not_property_line"}
    assert len(loss_objects.case_objects(priced_db, case[0])) == 1  # nothing stored


def test_a_new_case_starts_with_its_insured_vehicle(
    priced_db: Engine, team: dict[str, User]
) -> None:
    doc = document(object={"kind": "third_party_vehicle", "index": 0})
    made = estimate_store.import_estimate(priced_db, json.dumps(doc), actor="wang")
    assert [p.code for p in made.problems] == ["loss_object.new_case_insured"]


def test_adding_an_object_needs_an_assessor_and_a_name(
    priced_db: Engine, case: tuple[str, str], team: dict[str, User]
) -> None:
    with pytest.raises(DomainError) as refused:
        loss_objects.add_third_party_property(priced_db, case[0], team["li"], owner="路政")
    assert refused.value.code == "role_required"
    with pytest.raises(DomainError) as nameless:
        loss_objects.add_third_party_vehicle(priced_db, case[0], team["wang"], plate=" ")
    assert nameless.value.code == "loss_object.no_vehicle"
    assert len(loss_objects.case_objects(priced_db, case[0])) == 1


def test_existing_cases_migrate_as_their_insured_vehicle(
    priced_db: Engine, case: tuple[str, str], team: dict[str, User]
) -> None:
    """Down to 0027 with a submitted version 1 and a draft supplement, and up again: every
    version and line is kept, attached to the case's insured vehicle, still open."""
    case_id, first = case
    workflow.submit(priced_db, first, team["wang"])
    workflow.return_estimate(priced_db, first, team["li"], "check the fender")
    before = _counts(priced_db)
    config = alembic_config()
    with priced_db.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0027")
    assert current_revision(priced_db) == "0027" and _counts(priced_db) == before
    with priced_db.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    assert _counts(priced_db) == before
    objects = loss_objects.case_objects(priced_db, case_id)
    assert [(o.object.kind, o.version_no, o.status) for o in objects] == [
        (ObjectKind.INSURED_VEHICLE, 1, "returned")
    ]
    assert estimate_store.load_estimate(priced_db, first).object_id == objects[0].object.id
    assert workflow.submit(priced_db, first, team["wang"]) is EstimateStatus.SUBMITTED


def test_a_database_with_third_parties_does_not_go_below_loss_objects(
    priced_db: Engine, case: tuple[str, str], team: dict[str, User]
) -> None:
    loss_objects.add_third_party_property(priced_db, case[0], team["wang"], owner="路政")
    config = alembic_config()
    with priced_db.begin() as connection:
        config.attributes["connection"] = connection
        with pytest.raises(RuntimeError, match="third-party"):
            command.downgrade(config, "0027")
    assert len(loss_objects.case_objects(priced_db, case[0])) == 2


def _counts(engine: Engine) -> dict[str, int]:
    tables = ("cases", "estimates", "estimate_lines", "case_events", "audit_log")
    with engine.connect() as connection:
        return {
            t: connection.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in tables
        }


def test_a_case_stays_pending_until_every_object_is_approved(
    priced_db: Engine, case: tuple[str, str], team: dict[str, User]
) -> None:
    """The pending list (未决): the insured vehicle approved, the rail still a draft: the case
    is open; the rail approved too: it is settled."""
    case_id, insured = case
    rail = _import(priced_db, case_id, object=RAIL, lines=GUARD_RAIL, salvage="0.00")
    assert rail.estimate_id is not None

    def pending() -> bool:
        listed = pending_list(priced_db, "wang").cases
        return any(str(c.case_id) == case_id for c in listed)

    for version in (insured, str(rail.estimate_id)):
        assert pending()
        workflow.submit(priced_db, version, team["wang"])
        workflow.approve(priced_db, version, team["li"], "已核对")
    assert not pending()


def test_the_cases_first_total_is_the_insured_vehicles(
    priced_db: Engine, case: tuple[str, str], team: dict[str, User]
) -> None:
    """首次定损金额 is kept from the insured vehicle's first submission, whichever object
    is submitted first."""
    case_id, insured = case
    rail = _import(priced_db, case_id, object=RAIL, lines=GUARD_RAIL, salvage="0.00")
    assert rail.estimate_id is not None
    workflow.submit(priced_db, rail.estimate_id, team["wang"])

    def first_total() -> Decimal | None:
        with UnitOfWork(priced_db) as uow:
            found = uow.cases.get(rail.case_id)  # type: ignore[arg-type]
            assert found is not None
            return found.first_total

    assert first_total() is None
    workflow.submit(priced_db, insured, team["wang"])
    assert first_total() == Decimal("6454.00")


def test_a_new_objects_estimate_clock_starts_when_it_is_added(
    priced_db: Engine, case: tuple[str, str], team: dict[str, User]
) -> None:
    """Surveyed 30 hours ago, the insured vehicle's estimate clock (24 h for its standard
    tier) is overdue; a third-party object added now is not: its estimate clock starts at its
    addition, the case's dispatch clocks are the case's."""
    case_id, insured = case
    now = utcnow()
    for kind, hours in (
        (EventKind.DISPATCH, 31),
        (EventKind.FIRST_CONTACT, 30.99),
        (EventKind.SURVEY, 30),
    ):
        workflow.record_event(priced_db, case_id, kind, "wang", now - dt.timedelta(hours=hours))
    rail = loss_objects.add_third_party_property(priced_db, case_id, team["wang"], owner="路政")

    def states(version: object) -> dict[str, ClockState]:
        found = workflow.case_deadlines(priced_db, str(version))
        return {c.name: c.state(utcnow()) for c in found}

    assert states(insured)["standard"] is ClockState.OVERDUE
    mine = states(rail.estimate_id)
    assert mine["on_site"] is ClockState.RUNNING  # an empty draft: the on-site tier
    assert mine["contact"] is ClockState.MET  # the case's contact clock
    own = workflow.case_deadlines(priced_db, str(rail.estimate_id))
    started = next(c.start for c in own if c.name == "on_site")
    assert started is not None and started >= now


def test_a_third_partys_overdue_resubmission_escalates_and_its_resubmission_resolves_it(
    priced_db: Engine, case: tuple[str, str], team: dict[str, User]
) -> None:
    """The rail returned three days ago and not resubmitted: the manager's escalations list
    the case (every object's clocks are read, not the insured vehicle's only), whether one
    case or many are read; the rail's resubmission resolves it."""
    case_id, _insured = case
    boss = make_team(priced_db, boss={Role.MANAGER})["boss"]
    rail = _import(priced_db, case_id, object=RAIL, lines=GUARD_RAIL, salvage="0.00")
    assert rail.estimate_id is not None
    returned = utcnow() - dt.timedelta(days=3)
    with UnitOfWork(priced_db, write=True) as uow:
        rail_object = estimate_store.stored_in(uow, rail.estimate_id).object_id
        uow.cases.add_event(rail.case_id, EventKind.RETURN, "li", returned, "", rail_object)  # type: ignore[arg-type]
        uow.commit()
    found = escalations(priced_db, boss)
    assert [(str(e.case_id), e.returned_at) for e in found] == [(case_id, returned)]
    other = estimate_store.import_estimate(
        priced_db, json.dumps(document(claim_no="RPT-OTHER")), actor="wang"
    )
    assert other.case_id is not None  # two cases: read in bulk
    assert [str(e.case_id) for e in escalations(priced_db, boss)] == [case_id]
    workflow.submit(priced_db, rail.estimate_id, team["wang"])
    assert escalations(priced_db, boss) == []


def test_the_indicators_approved_total_is_the_insured_vehicles_as_its_first_total(
    priced_db: Engine, case: tuple[str, str], team: dict[str, User]
) -> None:
    """Deviation compares the case's first total (the insured vehicle's first submission)
    with its approved total: both the insured vehicle's, so an approved guard rail does
    not read as a 2,100.00 deviation."""
    case_id, insured = case
    rail = _import(priced_db, case_id, object=RAIL, lines=GUARD_RAIL, salvage="0.00")
    assert rail.estimate_id is not None
    for version in (insured, str(rail.estimate_id)):
        workflow.submit(priced_db, version, team["wang"])
        workflow.approve(priced_db, version, team["li"], "已核对")
    with UnitOfWork(priced_db) as uow:
        approved = uow.reports.approved_totals()
        first = uow.cases.get(rail.case_id)  # type: ignore[arg-type]
        assert first is not None
        assert approved[first.id] == first.first_total == Decimal("6454.00")


def test_the_review_report_counts_a_third_partys_findings_at_its_shop(
    priced_db: Engine, case: tuple[str, str], tmp_path: Path
) -> None:
    """The other car's version is reviewed as the insured vehicle's is: its findings count
    at its own shop; the case is counted once."""
    from estimator.services.reports import write_review_report

    vehicle = {"plate": "浙B11111", "model_code": "TY-CAMRY-18", "paint_type": "solid"}
    made = _import(
        priced_db,
        case[0],
        object={"kind": "third_party_vehicle", "index": 0},
        vehicle=vehicle,
        shop={"name": "乙修理厂", "class": "class1"},
    )
    assert made.problems == []
    today = utcnow().date()
    report = write_review_report(
        priced_db, today - dt.timedelta(days=1), today, tmp_path / "review.xlsx"
    )
    assert report.cases == 1
    # The same lines on both vehicles: five findings each (R01, R02, R06 and R14 twice).
    assert report.by_shop == {"丽水某汽修": 5, "乙修理厂": 5}
    assert report.by_rule == {"R01": 2, "R02": 2, "R06": 2, "R14": 4}


def test_the_reports_count_each_third_partys_own_clocks_beside_the_cases(
    priced_db: Engine, case: tuple[str, str], team: dict[str, User]
) -> None:
    """The rail submitted, the insured vehicle still a draft: the time-limit report and the
    indicators hold the rail's review clock (the reviewer's time on it) and its estimate
    clock; the case's dispatch clocks are counted once."""
    from estimator.services.indicators import indicators_document
    from estimator.services.reports import case_timings

    case_id, _insured = case
    now = utcnow()
    workflow.record_event(
        priced_db, case_id, EventKind.DISPATCH, "wang", now - dt.timedelta(hours=2)
    )
    workflow.record_event(priced_db, case_id, EventKind.SURVEY, "wang", now - dt.timedelta(hours=1))
    rail = _import(priced_db, case_id, object=RAIL, lines=GUARD_RAIL, salvage="0.00")
    assert rail.estimate_id is not None
    workflow.submit(priced_db, rail.estimate_id, team["wang"])
    today = now.date()
    (timing,) = case_timings(priced_db, today - dt.timedelta(days=1), today)
    names = sorted(c.name for c in timing.deadlines)
    # The case's contact and arrival, the insured vehicle's and the rail's 24-hour estimate
    # clocks (both standard: 6,454.00 and 2,100.00 are within 10,000), the rail's review.
    assert names == ["arrival", "contact", "review", "standard", "standard"]
    doc = indicators_document(priced_db, today - dt.timedelta(days=1), today + dt.timedelta(days=3))
    (listed,) = doc["cases"]
    assert sorted(c["clock"] for c in listed["clocks"]) == names


def test_a_third_partys_overdue_clock_shows_on_the_pending_and_case_lists_naming_it(
    priced_db: Engine, case: tuple[str, str], team: dict[str, User]
) -> None:
    """The insured vehicle submitted now (its review clock runs a working day), the guard
    rail returned three days ago and not resubmitted (its 2-day resubmission clock overdue):
    the pending list and the case list show the rail's clock, naming the rail; the review
    queue's row of the insured vehicle keeps its own review clock."""
    case_id, insured = case
    workflow.submit(priced_db, insured, team["wang"])
    rail = _import(priced_db, case_id, object=RAIL, lines=GUARD_RAIL, salvage="0.00")
    assert rail.estimate_id is not None
    returned = utcnow() - dt.timedelta(days=3)
    with UnitOfWork(priced_db, write=True) as uow:
        rail_object = estimate_store.stored_in(uow, rail.estimate_id).object_id
        uow.cases.add_event(rail.case_id, EventKind.RETURN, "li", returned, "", rail_object)  # type: ignore[arg-type]
        uow.commit()
    due = returned + dt.timedelta(days=2)

    (pending,) = [c for c in pending_list(priced_db, "wang").cases if str(c.case_id) == case_id]
    assert pending.clock is not None and pending.clock_state is ClockState.OVERDUE
    assert (pending.clock.name, pending.clock.due) == ("resubmission", due)
    assert pending.clock_title("zh") == "三者物损1 路政"

    (listed,) = [c for c in case_list.list_cases(priced_db) if str(c.case_id) == case_id]
    assert (listed.next_due, listed.overdue) == (due, True)
    assert listed.due_object is not None and listed.due_object.title("zh") == "三者物损1 路政"
    assert [str(c.case_id) for c in case_list.list_cases(priced_db, overdue_only=True)] == [case_id]

    (queued,) = [c for c in case_list.review_queue(priced_db) if str(c.case_id) == case_id]
    assert str(queued.estimate_id) == insured and not queued.overdue
    assert queued.next_due is not None and queued.next_due > utcnow()


def test_the_insured_vehicles_clock_stays_the_cases_when_it_is_due_first(
    priced_db: Engine, case: tuple[str, str]
) -> None:
    """Surveyed an hour ago, the insured vehicle's 24-hour estimate clock is due before the
    rail's, which starts when the rail joins the case now: the lists show the insured
    vehicle's, naming no third party."""
    case_id, _insured = case
    surveyed = utcnow() - dt.timedelta(hours=1)
    workflow.record_event(priced_db, case_id, EventKind.SURVEY, "wang", surveyed)
    rail = _import(priced_db, case_id, object=RAIL, lines=GUARD_RAIL, salvage="0.00")
    assert rail.estimate_id is not None
    due = surveyed + dt.timedelta(hours=24)
    (pending,) = [c for c in pending_list(priced_db, "wang").cases if str(c.case_id) == case_id]
    assert pending.clock is not None and (pending.clock.name, pending.clock.due) == (
        "standard",
        due,
    )
    assert pending.clock_object is None and pending.clock_title("zh") == ""
    (listed,) = [c for c in case_list.list_cases(priced_db) if str(c.case_id) == case_id]
    assert (listed.next_due, listed.overdue, listed.due_object) == (due, False, None)
