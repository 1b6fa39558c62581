"""Correcting a case's details: who may, which field may change in which status, and what a
save based on a stale version is told, decided on a fake unit of work (no database).

Writing the change, re-pricing the drafts, the values create_case refuses (the catalog's
models), the refusal's own audit entry and two saves at once stay in test_case_details.py."""

from __future__ import annotations

import pytest

from estimator.domain.case_details import FieldChange, Value
from estimator.domain.workflow import EstimateStatus, Role
from estimator.persistence.rows import CaseRow
from estimator.services.case_details import CaseEditConflict, decide_update
from estimator.services.users import User
from tests.services.fakes import FakeUnitOfWork

WANG = User("wang", "王", frozenset({Role.ASSESSOR}))
CHEN = User("chen", "陈", frozenset({Role.ASSESSOR}))
LI = User("li", "李", frozenset({Role.REVIEWER}))


def _case(uow: FakeUnitOfWork, *statuses: EstimateStatus) -> CaseRow:
    """A case opened by wang whose versions have ``statuses`` (a draft by default)."""
    uow.users.roles = {"wang": "assessor", "chen": "assessor", "li": "reviewer"}
    case = uow.cases.add(created_by="wang")
    for number, status in enumerate(statuses or (EstimateStatus.DRAFT,), start=1):
        uow.estimates.add(status, case_id=case.id, version_no=number)
    return case


def test_only_the_cases_assessors_change_its_details() -> None:
    uow = FakeUnitOfWork()
    case = _case(uow)
    for outsider in (CHEN, LI):
        *_, refusal = decide_update(uow, case.id, {"plate": "浙K1"}, 1, outsider)
        assert refusal is not None and refusal.code == "not_case_assessor"
        assert str(refusal) == "only the case's assessors (wang) may change its details"
        assert "只有本案的定损员（wang）" in refusal.message_zh
    # An assessor who worked on the lines is one of them; a reviewer who adjusted is not.
    uow.cases.add_editor(case.id, "chen")
    uow.cases.add_editor(case.id, "li")
    _, details, changed, refusal = decide_update(uow, case.id, {"plate": "浙K1"}, 1, CHEN)
    assert details.assessors == ("wang", "chen") and refusal is None
    assert changed == {"plate": ("浙A12345", "浙K1")}
    *_, refusal = decide_update(uow, case.id, {"plate": "浙K1"}, 1, LI)
    assert refusal is not None and refusal.code == "not_case_assessor"
    assert uow.case_details.locks == [case.id] * 4  # each decision locks the versions
    assert uow.audit.entries == [] and case.plate == "浙A12345"  # the core writes nothing


@pytest.mark.parametrize(
    ("statuses", "field", "value", "code"),
    [
        ((EstimateStatus.SUBMITTED,), "region", "SH", "priced_field_locked"),
        ((EstimateStatus.DRAFT, EstimateStatus.APPROVED), "partner", True, "priced_field_locked"),
        ((EstimateStatus.APPROVED,), "plate", "浙K1", "identification_locked"),
        ((EstimateStatus.SIGNED,), "insured_phone", "13900000000", "identification_locked"),
        ((EstimateStatus.CLOSED,), "insured_name", "李四", "case_closed"),
    ],
)
def test_a_field_the_versions_statuses_lock_is_refused(
    statuses: tuple[EstimateStatus, ...], field: str, value: Value, code: str
) -> None:
    uow = FakeUnitOfWork()
    case = _case(uow, *statuses)
    _, _, changed, refusal = decide_update(uow, case.id, {field: value}, 1, WANG)
    assert field in changed and refusal is not None and refusal.code == code


def test_identification_changes_while_submitted_and_anything_while_draft_or_returned() -> None:
    uow = FakeUnitOfWork()
    submitted = _case(uow, EstimateStatus.SUBMITTED)
    *_, refusal = decide_update(uow, submitted.id, {"plate": "浙K1", "claim_no": "BA9"}, 1, WANG)
    assert refusal is None
    returned = _case(uow, EstimateStatus.DRAFT, EstimateStatus.RETURNED)
    *_, refusal = decide_update(uow, returned.id, {"region": "SH", "shop_class": "4s"}, 1, WANG)
    assert refusal is None


def test_an_unchanged_value_is_no_change_and_a_locked_one_then_no_refusal() -> None:
    uow = FakeUnitOfWork()
    case = _case(uow, EstimateStatus.CLOSED)
    _, _, changed, refusal = decide_update(uow, case.id, {"plate": "浙A12345"}, 1, WANG)
    assert changed == {} and refusal is None


def test_a_stale_save_is_told_what_the_other_person_changed_from_the_audit_trail() -> None:
    uow = FakeUnitOfWork()
    case = _case(uow)
    # chen saved twice after wang read version 1 (the case is at version 3 now)
    uow.cases.add_editor(case.id, "chen")
    for version, changes in (
        (2, {"plate": ["浙A12345", "浙B1"]}),
        (3, {"plate": ["浙B1", "浙B2"]}),
    ):
        uow.audit.record(
            actor="chen",
            entity="case",
            entity_id=case.id,
            action="edit_details",
            detail={"version": version, "changes": changes},
        )
    case.plate, case.row_version = "浙B2", 3
    with pytest.raises(CaseEditConflict) as conflict:
        decide_update(uow, case.id, {"insured_name": "李四"}, 1, WANG)
    assert conflict.value.changes == [FieldChange("plate", "浙A12345", "浙B2")]
    assert conflict.value.changed_by == "chen" and conflict.value.mine == {"insured_name": "李四"}
    assert conflict.value.theirs.values["plate"] == "浙B2"
    # based on version 2, only the second save is news
    with pytest.raises(CaseEditConflict) as conflict:
        decide_update(uow, case.id, {"insured_name": "李四"}, 2, WANG)
    assert conflict.value.changes == [FieldChange("plate", "浙B1", "浙B2")]


def test_the_values_as_read_say_what_changed_where_the_audit_trail_masks_them() -> None:
    uow = FakeUnitOfWork()
    case = _case(uow)
    as_read = {"insured_phone": "13800000000", "plate": "浙A12345"}
    case.insured_phone, case.row_version = "13911112222", 2
    with pytest.raises(CaseEditConflict) as conflict:
        decide_update(uow, case.id, {"plate": "浙K1"}, 1, WANG, as_read)
    assert conflict.value.changes == [FieldChange("insured_phone", "13800000000", "13911112222")]


def test_an_outsiders_stale_save_is_refused_as_an_outsider_not_a_conflict() -> None:
    uow = FakeUnitOfWork()
    case = _case(uow)
    case.row_version = 5
    *_, refusal = decide_update(uow, case.id, {"plate": "浙K1"}, 1, LI)
    assert refusal is not None and refusal.code == "not_case_assessor"
