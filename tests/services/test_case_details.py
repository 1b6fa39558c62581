"""Correcting a case's details: who may, what may change in which status, what is refused,
what is audited, and two people saving at once through two connection pools (on SQLite and
on PostgreSQL) — the later save is refused showing what the first changed; nothing is
overwritten."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy import Engine, select

from estimator.domain.case_details import CaseDetailsInvalid, FieldChange
from estimator.domain.errors import DomainError
from estimator.domain.workflow import Role
from estimator.persistence.rows import AuditRow, EstimateRow
from estimator.services import case_list, estimate_store, workflow
from estimator.services.case_details import CaseEditConflict, case_details, update_case
from estimator.services.users import User
from tests.services.conftest import make_team
from tests.services.documents import document
from tests.services.test_concurrency import _at_once


@pytest.fixture
def team(priced_db: Engine) -> dict[str, User]:
    return make_team(
        priced_db,
        wang={Role.ASSESSOR},
        chen={Role.ASSESSOR},
        li={Role.REVIEWER},
    )


def _case(engine: Engine, actor: str = "wang") -> tuple[uuid.UUID, uuid.UUID]:
    created = estimate_store.import_estimate(
        engine, json.dumps(document(), ensure_ascii=False), actor=actor
    )
    assert created.case_id is not None and created.estimate_id is not None
    return created.case_id, created.estimate_id


def _audit(engine: Engine, case_id: uuid.UUID, action: str) -> list[tuple[str, dict[str, object]]]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(AuditRow.actor, AuditRow.detail)
            .where(
                AuditRow.entity == "case",
                AuditRow.entity_id == str(case_id),
                AuditRow.action == action,
            )
            .order_by(AuditRow.seq)
        ).all()
    return [(actor, json.loads(detail)) for actor, detail in rows]


def test_the_assessor_corrects_identification_fields_and_each_is_audited(
    priced_db: Engine, team: dict[str, User]
) -> None:
    case_id, estimate_id = _case(priced_db)
    before = case_details(priced_db, case_id)
    assert before.values["plate"] == "浙K12345" and before.assessors == ("wang",)
    saved = update_case(
        priced_db,
        case_id,
        {
            "plate": " 浙K54321 ",
            "vin": "lvgbe40k8kg 000001",  # the same VIN, typed loosely: no change
            "insured_name": "张三",
            "insured_phone": "13812345678",
            "claim_no": "RDAA2026330100000124",
        },
        before.row_version,
        team["wang"],
    )
    assert saved.changed == {
        "plate": ("浙K12345", "浙K54321"),
        "insured_name": ("", "张三"),
        "insured_phone": ("", "13812345678"),
        "claim_no": ("RDAA2026330100000123", "RDAA2026330100000124"),
    }
    assert saved.repriced == ()
    now = case_details(priced_db, case_id)
    assert now.row_version == before.row_version + 1 == saved.details.row_version
    assert now.values["plate"] == "浙K54321" and now.values["insured_phone"] == "13812345678"
    stored = estimate_store.load_estimate(priced_db, estimate_id)
    assert stored.estimate.plate == "浙K54321"  # the estimate shows the case's details
    [(actor, detail)] = _audit(priced_db, case_id, "edit_details")
    assert actor == "wang" and detail["version"] == now.row_version
    changes = detail["changes"]
    assert isinstance(changes, dict)
    assert changes["plate"] == ["浙K12345", "浙K54321"]
    assert changes["insured_phone"] == ["", "138****5678"]  # personal data masked in the trail
    # Saving the values it already has writes nothing and moves nothing.
    again = update_case(priced_db, case_id, {"plate": "浙K54321"}, now.row_version, team["wang"])
    assert again.changed == {} and case_details(priced_db, case_id).row_version == now.row_version


def test_a_pricing_change_in_a_draft_reprices_the_stored_version(
    priced_db: Engine, team: dict[str, User]
) -> None:
    case_id, estimate_id = _case(priced_db)
    before = estimate_store.load_estimate(priced_db, estimate_id)
    details = case_details(priced_db, case_id)
    saved = update_case(priced_db, case_id, {"shop_class": "4s"}, details.row_version, team["wang"])
    assert saved.repriced == (estimate_id,)
    after = estimate_store.load_estimate(priced_db, estimate_id)
    assert after.estimate.shop_class.value == "4s"
    # A 4S shop's labor rate in ZJ is 90 (class 1: 70): the stored labor total follows.
    assert after.totals["labor"] > before.totals["labor"]
    priced, _ = estimate_store.price_stored(after, priced_db)
    assert priced is not None and priced.totals is not None
    assert after.totals["total"] == priced.totals.total
    with priced_db.connect() as connection:
        stored_total = connection.execute(
            select(EstimateRow.total).where(EstimateRow.id == estimate_id)
        ).scalar_one()
    assert stored_total == priced.totals.total
    # The version moved: an editor open on the old one is refused, not overwritten.
    assert after.row_version > before.row_version
    with pytest.raises(estimate_store.EditConflict):
        estimate_store.replace_lines(
            priced_db, estimate_id, list(before.estimate.lines), team["wang"], based_on=before
        )


def test_a_model_change_takes_the_models_vehicle_class(
    priced_db: Engine, team: dict[str, User]
) -> None:
    case_id, estimate_id = _case(priced_db)
    details = case_details(priced_db, case_id)
    assert details.vehicle_class == "C"
    update_case(
        priced_db, case_id, {"model_code": "vw-lavida-19"}, details.row_version, team["wang"]
    )
    now = case_details(priced_db, case_id)
    assert now.values["model_code"] == "VW-LAVIDA-19" and now.vehicle_class == "B"
    assert estimate_store.load_estimate(priced_db, estimate_id).estimate.vehicle_class == "B"


def test_pricing_fields_are_locked_once_a_version_is_submitted_identification_is_not(
    priced_db: Engine, team: dict[str, User]
) -> None:
    case_id, estimate_id = _case(priced_db)
    workflow.submit(priced_db, estimate_id, team["wang"])
    details = case_details(priced_db, case_id)
    for field, value in (
        ("region", "SH"),
        ("shop_class", "4s"),
        ("paint_type", "solid"),
        ("model_code", "VW-LAVIDA-19"),
        ("shop_name", "另一家修理厂"),
        ("partner", False),
    ):
        assert details.refusal(field) is not None
        with pytest.raises(DomainError) as refused:
            update_case(priced_db, case_id, {field: value}, details.row_version, team["wang"])
        assert refused.value.code == "priced_field_locked"
        assert "cannot change once a version of the case has been submitted" in str(refused.value)
    assert case_details(priced_db, case_id) == details  # nothing written
    refusals = _audit(priced_db, case_id, "refused_edit_details")
    assert len(refusals) == 6 and refusals[0][1] == {"code": "priced_field_locked"}
    # A typo in the plate is still corrected, and in the same save nothing priced may hide.
    with pytest.raises(DomainError, match="region cannot change"):
        update_case(
            priced_db, case_id, {"plate": "浙K1", "region": "SH"}, details.row_version, team["wang"]
        )
    assert details.refusal("plate") is None
    update_case(priced_db, case_id, {"plate": "浙K54321"}, details.row_version, team["wang"])
    assert case_details(priced_db, case_id).values["plate"] == "浙K54321"


def test_only_the_cases_assessors_change_its_details(
    priced_db: Engine, team: dict[str, User]
) -> None:
    case_id, estimate_id = _case(priced_db)
    details = case_details(priced_db, case_id)
    for outsider in (team["chen"], team["li"]):
        with pytest.raises(DomainError) as refused:
            update_case(priced_db, case_id, {"plate": "浙K1"}, details.row_version, outsider)
        assert refused.value.code == "not_case_assessor"
        assert str(refused.value) == "only the case's assessors (wang) may change its details"
        assert "只有本案的定损员（wang）" in refused.value.message_zh
    assert case_details(priced_db, case_id).values["plate"] == "浙K12345"
    assert [a for a, _ in _audit(priced_db, case_id, "refused_edit_details")] == ["chen", "li"]
    # An assessor who has worked on the case's lines is one of its assessors.
    stored = estimate_store.load_estimate(priced_db, estimate_id)
    estimate_store.replace_lines(
        priced_db, estimate_id, list(stored.estimate.lines), team["chen"], based_on=stored
    )
    assert case_details(priced_db, case_id).assessors == ("wang", "chen")
    update_case(priced_db, case_id, {"plate": "浙K1"}, details.row_version, team["chen"])
    assert case_details(priced_db, case_id).values["plate"] == "浙K1"


def test_values_create_case_would_refuse_are_refused_naming_the_field(
    priced_db: Engine, team: dict[str, User]
) -> None:
    case_id, _estimate_id = _case(priced_db)
    details = case_details(priced_db, case_id)
    with pytest.raises(CaseDetailsInvalid) as refused:
        update_case(
            priced_db,
            case_id,
            {
                "vin": "LVGBE40K8KG00000I",
                "insured_phone": "138-1234-abcd",
                "region": " ",
                "shop_class": "garage",
                "paint_type": "gold",
                "model_code": "NO-SUCH-CAR",
                "claim_no": "R" * 61,
            },
            details.row_version,
            team["wang"],
        )
    by_field = {p.path: p.code for p in refused.value.problems}
    assert by_field == {
        "vin": "vin_malformed",
        "insured_phone": "phone_malformed",
        "region": "required",
        "shop_class": "unknown_choice",
        "paint_type": "unknown_choice",
        "claim_no": "text_too_long",
    }
    message = str(refused.value)
    assert "VIN: a VIN has 17 characters without I, O or Q" in message
    assert "claim no.: text longer than 60 characters" in message
    assert "车牌" not in refused.value.message_zh and "地区: 必填项为空" in refused.value.message_zh
    with pytest.raises(CaseDetailsInvalid, match="model NO-SUCH-CAR is not in the catalog"):
        update_case(
            priced_db, case_id, {"model_code": "NO-SUCH-CAR"}, details.row_version, team["wang"]
        )
    assert case_details(priced_db, case_id) == details  # nothing written
    # A VIN with a wrong check digit is kept (imported cars may not carry one), with a warning.
    saved = update_case(
        priced_db, case_id, {"vin": "LVGBE40K1KG000001"}, details.row_version, team["wang"]
    )
    assert saved.changed["vin"] == ("LVGBE40K8KG000001", "LVGBE40K1KG000001")
    assert saved.warnings and "check digit should be 8" in saved.warnings[0]


def test_a_stale_save_is_refused_showing_what_the_other_person_changed(
    priced_db: Engine, second: Engine, team: dict[str, User]
) -> None:
    case_id, estimate_id = _case(priced_db)
    stored = estimate_store.load_estimate(second, estimate_id)  # chen works on the lines too
    estimate_store.replace_lines(
        second, estimate_id, list(stored.estimate.lines), team["chen"], based_on=stored
    )
    mine = case_details(priced_db, case_id)  # wang opens the details …
    theirs = case_details(second, case_id)  # … and so does chen, on another machine
    update_case(
        second,
        case_id,
        {"plate": "浙K54321", "paint_type": "solid"},
        theirs.row_version,
        team["chen"],
    )
    my_changes = {"insured_name": "张三", "plate": "浙K99999"}
    with pytest.raises(CaseEditConflict) as refused:
        update_case(priced_db, case_id, my_changes, mine.row_version, team["wang"])
    conflict = refused.value
    assert conflict.changed_by == "chen"
    assert conflict.changes == [
        FieldChange("plate", "浙K12345", "浙K54321"),
        FieldChange("paint_type", "metallic", "solid"),
    ]
    assert conflict.mine == my_changes  # kept, to re-apply
    assert str(conflict) == (
        "chen changed this case's details after you opened them (plate 浙K12345 → 浙K54321; "
        "paint type metallic → solid). Your changes were not saved and are kept: re-apply them "
        "on the current details."
    )
    assert "chen 已在您打开后修改了案件信息（车牌 浙K12345 → 浙K54321；漆种 metallic → solid）" in (
        conflict.message_zh
    )
    # Nothing of wang's was written: the case is chen's.
    now = case_details(priced_db, case_id)
    assert now == conflict.theirs and now.values["insured_name"] == ""
    assert now.values["plate"] == "浙K54321" and now.row_version == mine.row_version + 1
    # wang re-applies on the current version.
    update_case(priced_db, case_id, conflict.mine, conflict.theirs.row_version, team["wang"])
    done = case_details(priced_db, case_id)
    assert done.values["plate"] == "浙K99999" and done.values["paint_type"] == "solid"
    assert done.values["insured_name"] == "张三"


def test_two_saves_at_the_same_moment_one_wins_one_is_refused(
    priced_db: Engine, second: Engine, team: dict[str, User]
) -> None:
    case_id, _estimate_id = _case(priced_db)
    base = case_details(priced_db, case_id)
    results = _at_once(
        lambda: update_case(priced_db, case_id, {"plate": "浙A1"}, base.row_version, team["wang"]),
        lambda: update_case(second, case_id, {"plate": "浙B2"}, base.row_version, team["wang"]),
    )
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], CaseEditConflict), results
    now = case_details(priced_db, case_id)
    assert now.row_version == base.row_version + 1
    [change] = refused[0].changes
    assert change.base == "浙K12345" and change.theirs == now.values["plate"] in ("浙A1", "浙B2")


def test_a_submission_neither_moves_the_details_version_nor_trips_on_a_moved_one(
    priced_db: Engine, second: Engine, team: dict[str, User]
) -> None:
    case_id, estimate_id = _case(priced_db)
    opened = case_details(priced_db, case_id)
    # A details edit through one pool, then a submission through another that had read the
    # case before it: no StaleDataError, the first total is kept.
    estimate_store.load_estimate(second, estimate_id)
    update_case(priced_db, case_id, {"plate": "浙K1"}, opened.row_version, team["wang"])
    workflow.submit(second, estimate_id, team["wang"])
    now = case_details(priced_db, case_id)
    assert now.row_version == opened.row_version + 1  # the submission did not move it
    update_case(priced_db, case_id, {"insured_name": "张三"}, now.row_version, team["wang"])
    with priced_db.connect() as connection:
        first_total = connection.exec_driver_sql("SELECT first_total FROM cases").scalar_one()
    assert Decimal(str(first_total)) > 0


def test_a_failed_repricing_writes_nothing(priced_db: Engine, team: dict[str, User]) -> None:
    case_id, estimate_id = _case(priced_db)
    stored = estimate_store.load_estimate(priced_db, estimate_id)
    details = case_details(priced_db, case_id)
    # Region SH has no paint rates in the test standard: the paint lines cannot be priced.
    with pytest.raises(DomainError) as refused:
        update_case(priced_db, case_id, {"region": "SH"}, details.row_version, team["wang"])
    assert refused.value.code == "cannot_price"
    assert case_details(priced_db, case_id) == details
    assert replace(estimate_store.load_estimate(priced_db, estimate_id)) == stored


def test_a_new_case_takes_the_insured_and_refuses_a_malformed_phone(
    priced_db: Engine, team: dict[str, User]
) -> None:
    from labor_standards.model import ShopClass

    opened: dict[str, object] = {
        "claim_no": "RDAA2026330100000077",
        "region": "ZJ",
        "shop_class": ShopClass.CLASS2,
        "plate": "浙A12345",
        "model_code": "TY-CAMRY-18",
    }
    refused = case_list.create_case(
        priced_db, **opened, actor=team["wang"], insured_name="李雷", insured_phone="138-abc"
    )
    assert refused.case_id is None
    assert [(p.code, p.path) for p in refused.problems] == [("phone_malformed", "insured_phone")]
    assert not any(c.claim_no == opened["claim_no"] for c in case_list.list_cases(priced_db))
    created = case_list.create_case(
        priced_db,
        **opened,
        actor=team["wang"],
        insured_name=" 李雷 ",
        insured_phone="138 0000 1234",
    )
    assert created.case_id is not None
    details = case_details(priced_db, created.case_id)
    assert (details.values["insured_name"], details.values["insured_phone"]) == (
        "李雷",
        "138 0000 1234",
    )


def test_a_conflict_shows_personal_data_as_it_was_not_as_the_audit_masks_it(
    priced_db: Engine, second: Engine, team: dict[str, User]
) -> None:
    case_id, _estimate_id = _case(priced_db)
    update_case(priced_db, case_id, {"insured_phone": "13800001234"}, 1, team["wang"])
    mine = case_details(priced_db, case_id)
    theirs = case_details(second, case_id)
    update_case(second, case_id, {"insured_phone": "13900005678"}, theirs.row_version, team["wang"])
    with pytest.raises(CaseEditConflict) as refused:
        update_case(
            priced_db,
            case_id,
            {"plate": "浙K99999"},
            mine.row_version,
            team["wang"],
            based_on_values=mine.values,
        )
    # The audit trail holds the phone masked (138****1234); the conflict shows the numbers.
    assert refused.value.changes == [FieldChange("insured_phone", "13800001234", "13900005678")]
    # A change made and then undone by the other person is no change at all.
    again = case_details(priced_db, case_id)
    update_case(second, case_id, {"plate": "浙K1"}, again.row_version, team["wang"])
    back = case_details(second, case_id)
    update_case(second, case_id, {"plate": again.values["plate"]}, back.row_version, team["wang"])
    with pytest.raises(CaseEditConflict) as refused:
        update_case(
            priced_db,
            case_id,
            {"insured_name": "张三"},
            again.row_version,
            team["wang"],
            based_on_values=again.values,
        )
    assert refused.value.changes == []
