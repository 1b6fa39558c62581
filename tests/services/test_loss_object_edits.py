"""Changing and removing a third-party loss object (settlement.md, Loss objects): its details
change while its newest version is open, it is removed while it has never been submitted,
both audited; the insured vehicle is neither; refusals are said by registered messages."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal

import pytest
from sqlalchemy import Engine, select, text

from estimator.domain.binding import content_hash
from estimator.domain.errors import DomainError
from estimator.domain.estimate import EstimateLine, LineKind
from estimator.domain.settlement_payout import ObjectKind
from estimator.domain.workflow import Role
from estimator.persistence import audit
from estimator.persistence.binding import version_content
from estimator.persistence.rows import AuditRow, EstimateLineRow
from estimator.persistence.uow import UnitOfWork
from estimator.services import estimate_store, loss_objects, workflow
from estimator.services.binding import verify_bindings
from estimator.services.loss_object_edits import (
    ObjectDetails,
    remove_third_party_object,
    update_third_party_object,
)
from estimator.services.users import User
from tests.services.conftest import make_team
from tests.services.documents import document

RAIL = {"kind": "third_party_property", "index": 0, "owner": "路政"}
RAIL_LINES = [
    {"kind": "material", "description": "波形护栏板", "qty": "3", "unit_price": "420.00"},
]


@pytest.fixture
def team(priced_db: Engine) -> dict[str, User]:
    return make_team(priced_db, wang={Role.ASSESSOR}, li={Role.REVIEWER})


@pytest.fixture
def case_id(priced_db: Engine, team: dict[str, User]) -> str:
    made = estimate_store.import_estimate(priced_db, json.dumps(document()), actor="wang")
    assert made.problems == [] and made.case_id is not None
    return str(made.case_id)


def _rail(engine: Engine, case_id: str) -> str:
    """The guard rail imported into the case with one line; its version id."""
    doc = document(object=RAIL, lines=RAIL_LINES, salvage="0.00")
    made = loss_objects.import_into_case(
        engine, json.dumps(doc, ensure_ascii=False), case_id, actor="wang"
    )
    assert made.problems == [] and made.estimate_id is not None
    return str(made.estimate_id)


def _actions(engine: Engine, action: str) -> list[dict[str, object]]:
    with UnitOfWork(engine) as uow:
        rows = uow.session.scalars(select(AuditRow).where(AuditRow.action == action))
        return [json.loads(r.detail) for r in rows]


def test_a_third_party_vehicle_changes_while_its_draft_is_open(
    priced_db: Engine, case_id: str, team: dict[str, User]
) -> None:
    added = loss_objects.add_third_party_vehicle(
        priced_db, case_id, team["wang"], plate="浙A54321", model_code="TY-CAMRY-18"
    )
    changed = update_third_party_object(
        priced_db,
        added.object.id,
        team["wang"],
        ObjectDetails(plate=" 浙B11111 ", model_code="ty-camry-18", shop_name="乙修理厂"),
    )
    assert (changed.plate, changed.model_code, changed.shop_name) == (
        "浙B11111",
        "TY-CAMRY-18",
        "乙修理厂",
    )
    assert changed.title("zh") == "三者车1 浙B11111"
    stored = estimate_store.load_estimate(priced_db, str(added.estimate_id))
    assert (stored.estimate.plate, stored.estimate.shop_name) == ("浙B11111", "乙修理厂")
    (entry,) = _actions(priced_db, "edit_loss_object")
    assert entry["changes"] == {"plate": ["浙A54321", "浙B11111"], "shop_name": ["", "乙修理厂"]}


def test_a_model_the_catalog_lacks_or_a_blank_name_is_refused_and_nothing_changes(
    priced_db: Engine, case_id: str, team: dict[str, User]
) -> None:
    added = loss_objects.add_third_party_vehicle(
        priced_db, case_id, team["wang"], plate="浙A54321", model_code="TY-CAMRY-18"
    )
    for details, code in (
        (ObjectDetails(plate="浙A54321", model_code="NO-SUCH-MODEL"), "loss_object.not_priced"),
        (ObjectDetails(plate=" ", vin=""), "loss_object.no_vehicle"),
    ):
        with pytest.raises(DomainError) as refused:
            update_third_party_object(priced_db, added.object.id, team["wang"], details)
        assert refused.value.code == code
    kept = loss_objects.object_of(priced_db, str(added.estimate_id))
    assert (kept.plate, kept.model_code) == ("浙A54321", "TY-CAMRY-18")
    assert _actions(priced_db, "edit_loss_object") == []


def test_a_property_item_changes_until_submitted_then_is_refused(
    priced_db: Engine, case_id: str, team: dict[str, User]
) -> None:
    rail = _rail(priced_db, case_id)
    obj = loss_objects.object_of(priced_db, rail)
    renamed = update_third_party_object(
        priced_db, obj.id, team["wang"], ObjectDetails(owner="丽水市公路管理局", description="G25")
    )
    assert renamed.title("zh") == "三者物损1 丽水市公路管理局"
    workflow.submit(priced_db, rail, team["wang"])
    with pytest.raises(DomainError) as refused:
        update_third_party_object(priced_db, obj.id, team["wang"], ObjectDetails(owner="路政"))
    assert refused.value.code == "loss_object.not_open"
    assert "三者物损1 丽水市公路管理局 的第 1 版已提交或已核定" in refused.value.message_zh
    # Returned, it is open again.
    workflow.return_estimate(priced_db, rail, team["li"], "核对单价")
    again = update_third_party_object(priced_db, obj.id, team["wang"], ObjectDetails(owner="路政"))
    assert again.owner == "路政"


def test_a_never_submitted_object_is_removed_with_its_draft_and_lines(
    priced_db: Engine, case_id: str, team: dict[str, User]
) -> None:
    rail = _rail(priced_db, case_id)
    obj = loss_objects.object_of(priced_db, rail)
    assert loss_objects.case_total_of(priced_db, case_id) == Decimal("7714.00")  # 6,454 + 1,260
    remove_third_party_object(priced_db, obj.id, team["wang"])
    objects = loss_objects.case_objects(priced_db, case_id)
    assert [o.object.kind for o in objects] == [ObjectKind.INSURED_VEHICLE]
    assert loss_objects.case_total_of(priced_db, case_id) == Decimal("6454.00")
    with UnitOfWork(priced_db) as uow:
        lines = uow.session.scalars(
            select(EstimateLineRow).where(EstimateLineRow.estimate_id == uuid.UUID(rail))
        ).all()
    assert lines == []
    with pytest.raises(estimate_store.NotFound):
        estimate_store.load_estimate(priced_db, rail)
    (entry,) = _actions(priced_db, "remove_loss_object")
    assert entry["title"] == "三者物损1 路政" and entry["versions"] == [rail]
    # The next property item takes the free number again.
    again = loss_objects.add_third_party_property(priced_db, case_id, team["wang"], owner="x")
    assert again.object.index == 0


def test_a_submitted_object_and_the_insured_vehicle_are_never_removed(
    priced_db: Engine, case_id: str, team: dict[str, User]
) -> None:
    rail = _rail(priced_db, case_id)
    obj = loss_objects.object_of(priced_db, rail)
    workflow.submit(priced_db, rail, team["wang"])
    workflow.return_estimate(priced_db, rail, team["li"], "核对单价")
    with pytest.raises(DomainError) as submitted:
        remove_third_party_object(priced_db, obj.id, team["wang"])
    assert submitted.value.code == "loss_object.submitted_once"
    assert submitted.value.message_zh == "三者物损1 路政 已提交过估损单，不能删除"
    insured = loss_objects.case_objects(priced_db, case_id)[0].object
    with pytest.raises(DomainError) as fixed:
        remove_third_party_object(priced_db, insured.id, team["wang"])
    assert fixed.value.code == "loss_object.insured_fixed"
    with pytest.raises(DomainError) as role:
        remove_third_party_object(priced_db, obj.id, team["li"])
    assert role.value.code == "role_required"
    assert len(loss_objects.case_objects(priced_db, case_id)) == 2
    assert _actions(priced_db, "remove_loss_object") == []


def test_a_change_after_a_supplement_keeps_the_frozen_versions_verifiable(
    priced_db: Engine, case_id: str, team: dict[str, User]
) -> None:
    """Version 1 approved, version 2 a supplement draft: the vehicle's plate changes (it names
    every version of the object); the content check of the approved version still passes
    and the supplement is then submitted as usual."""
    added = loss_objects.add_third_party_vehicle(
        priced_db, case_id, team["wang"], plate="浙A54321", model_code="TY-CAMRY-18"
    )
    first = str(added.estimate_id)
    stored = estimate_store.load_estimate(priced_db, first)
    line = EstimateLine(kind=LineKind.SUBLET, description="钣金外包", amount=Decimal("800.00"))
    estimate_store.replace_lines(priced_db, first, [line], team["wang"], [None], stored)
    workflow.submit(priced_db, first, team["wang"])
    workflow.approve(priced_db, first, team["li"], "已核对")
    second = workflow.supplement(priced_db, first, team["wang"])
    update_third_party_object(
        priced_db, added.object.id, team["wang"], ObjectDetails(plate="浙B11111")
    )
    check = verify_bindings(priced_db)
    assert check.failures == [] and check.checked >= 1
    assert estimate_store.load_estimate(priced_db, first).estimate.plate == "浙B11111"
    workflow.submit(priced_db, second, team["wang"])


def _approved_vehicle(engine: Engine, case_id: str, team: dict[str, User]) -> tuple[str, str]:
    """A third-party vehicle whose version 1 is approved: (its object id, the version)."""
    added = loss_objects.add_third_party_vehicle(
        engine, case_id, team["wang"], plate="浙A54321", model_code="TY-CAMRY-18"
    )
    version = str(added.estimate_id)
    stored = estimate_store.load_estimate(engine, version)
    line = EstimateLine(kind=LineKind.SUBLET, description="钣金外包", amount=Decimal("800.00"))
    estimate_store.replace_lines(engine, version, [line], team["wang"], [None], stored)
    workflow.submit(engine, version, team["wang"])
    workflow.approve(engine, version, team["li"], "已核对")
    return str(added.object.id), version


def _behind_the_back(engine: Engine, statement: str, **values: str) -> None:
    with engine.begin() as connection:
        connection.execute(text(statement), values)


@pytest.mark.parametrize(
    ("column", "value"),
    [("plate", "浙B99999"), ("vin", "LSVAA4182E2000001"), ("shop_name", "别的修理厂")],
)
def test_a_third_partys_field_changed_under_its_approved_version_is_found(
    priced_db: Engine, case_id: str, team: dict[str, User], column: str, value: str
) -> None:
    """The object's own fields are bound in its versions' header: changed in the database
    (not through the application), the approved version reads as altered in its header."""
    object_id, version = _approved_vehicle(priced_db, case_id, team)
    assert verify_bindings(priced_db).failures == []
    _behind_the_back(
        priced_db,
        f"UPDATE loss_objects SET {column} = :value WHERE id = :key",
        value=value,
        key=uuid.UUID(object_id).hex,
    )
    (problem,) = verify_bindings(priced_db).failures
    assert (problem.estimate_id, problem.kind, problem.sections) == (
        version,
        "altered",
        ("header",),
    )
    with pytest.raises(DomainError) as refused:  # no sheet is made from it
        workflow.supplement(priced_db, version, team["wang"])
    assert refused.value.code == "content_altered"


def test_a_property_items_owner_changed_under_its_submitted_version_is_found(
    priced_db: Engine, case_id: str, team: dict[str, User]
) -> None:
    rail = _rail(priced_db, case_id)
    workflow.submit(priced_db, rail, team["wang"])
    _behind_the_back(priced_db, "UPDATE loss_objects SET owner = '别人' WHERE owner = '路政'")
    (problem,) = verify_bindings(priced_db).failures
    assert (problem.estimate_id, problem.sections) == (rail, ("header",))


def test_a_third_partys_version_bound_before_its_objects_fields_still_verifies(
    priced_db: Engine, case_id: str, team: dict[str, User]
) -> None:
    """An older release bound a third party's version without its object's fields: that
    binding still verifies, and a later change of its lines is named as the lines alone."""
    _object_id, version = _approved_vehicle(priced_db, case_id, team)
    key = uuid.UUID(version)
    with UnitOfWork(priced_db, write=True) as uow:
        content = version_content(uow.session.connection(), key)
        assert content is not None and content["header"]["object"]["plate"] == "浙A54321"
        del content["header"]["object"]  # as the older release bound it
        detail = {"after": "older release", "content": content_hash(content).as_detail()}
        audit.record(
            uow.session,
            actor="wang",
            entity="estimate",
            entity_id=key,
            action="rebind",
            detail=detail,
        )
        uow.commit()
    assert verify_bindings(priced_db).failures == []
    _behind_the_back(
        priced_db,
        "UPDATE estimate_lines SET amount = 900 WHERE estimate_id = :key",
        key=key.hex,
    )
    (problem,) = verify_bindings(priced_db).failures
    assert problem.sections == ("lines",)
