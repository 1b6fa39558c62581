from __future__ import annotations

import pytest

from estimator.domain.errors import DomainError
from estimator.domain.workflow import (
    TRANSITIONS,
    Action,
    EstimateStatus,
    Role,
    is_editable,
    next_status,
)

S = EstimateStatus
ALL_ROLES = set(Role)


@pytest.mark.parametrize(
    ("status", "action", "target"),
    [
        (S.DRAFT, Action.SUBMIT, S.SUBMITTED),
        (S.RETURNED, Action.SUBMIT, S.SUBMITTED),
        (S.SUBMITTED, Action.RETURN, S.RETURNED),
        (S.SUBMITTED, Action.APPROVE, S.APPROVED),
        (S.APPROVED, Action.SIGN, S.SIGNED),
        (S.SIGNED, Action.CLOSE, S.CLOSED),
        (S.APPROVED, Action.SUPPLEMENT, S.APPROVED),
        (S.SIGNED, Action.SUPPLEMENT, S.SIGNED),
        (S.DRAFT, Action.EDIT, S.DRAFT),
        (S.RETURNED, Action.EDIT, S.RETURNED),
    ],
)
def test_every_allowed_transition(
    status: EstimateStatus, action: Action, target: EstimateStatus
) -> None:
    assert next_status(status, action, actor="x", roles=ALL_ROLES, reason="why") is target


def test_every_other_transition_is_refused() -> None:
    for status in EstimateStatus:
        for action in Action:
            if (status, action) in TRANSITIONS:
                continue
            with pytest.raises(DomainError) as refused:
                next_status(status, action, actor="x", roles=ALL_ROLES, reason="why")
            assert refused.value.code == "bad_transition"


@pytest.mark.parametrize("status", [S.SUBMITTED, S.APPROVED, S.SIGNED, S.CLOSED])
def test_submitted_versions_are_immutable(status: EstimateStatus) -> None:
    assert not is_editable(status)
    with pytest.raises(DomainError, match="cannot be given 'edit'"):
        next_status(status, Action.EDIT, actor="a", roles={Role.ASSESSOR})


def test_nobody_approves_what_they_wrote_or_changed() -> None:
    with pytest.raises(DomainError) as refused:
        next_status(
            S.SUBMITTED,
            Action.APPROVE,
            actor="li",
            roles={Role.REVIEWER, Role.ASSESSOR},
            editors={"wang", "li"},
        )
    assert refused.value.code == "self_approval"
    assert (
        next_status(
            S.SUBMITTED, Action.APPROVE, actor="zhao", roles={Role.REVIEWER}, editors={"wang", "li"}
        )
        is S.APPROVED
    )


def test_actions_need_their_role() -> None:
    with pytest.raises(DomainError) as refused:
        next_status(S.SUBMITTED, Action.APPROVE, actor="wang", roles={Role.ASSESSOR})
    assert refused.value.code == "missing_role"
    with pytest.raises(DomainError):
        next_status(S.DRAFT, Action.SUBMIT, actor="zhao", roles={Role.REVIEWER})


def test_a_return_needs_a_reason() -> None:
    with pytest.raises(DomainError) as refused:
        next_status(S.SUBMITTED, Action.RETURN, actor="zhao", roles={Role.REVIEWER}, reason="  ")
    assert refused.value.code == "reason_required"
