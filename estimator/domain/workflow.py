"""The claim workflow (workflow.md): estimate statuses, transitions and who may make them. Pure.

```
draft ──submit──▶ submitted ──approve──▶ approved ──customer signs──▶ signed ──invoice──▶ closed
  ▲                  │
  └──── returned ◀───┘
approved/signed ──supplement──▶ new draft version
```
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from estimator.domain.errors import DomainError
from kernel.problems import Worded


class Role(StrEnum):
    """What a person may do (workflow.md, People)."""

    ASSESSOR = "assessor"
    REVIEWER = "reviewer"
    MAINTAINER = "maintainer"
    ADMIN = "admin"
    #: The claims manager (理赔经理, indicators.md): escalations, pending lists, indicators.
    MANAGER = "manager"


class Group(StrEnum):
    """The assessors' groups (indicators.md, Groups and authority)."""

    LARGE = "large"  # 大案组: cases over 10,000 or needing teardown
    ORDINARY = "ordinary"  # 普案组


GROUP_ZH = {Group.LARGE: "大案组", Group.ORDINARY: "普案组"}


ROLE_ZH = {
    Role.ASSESSOR: "定损员",
    Role.REVIEWER: "核损员",
    Role.MAINTAINER: "数据维护",
    Role.ADMIN: "管理员",
    Role.MANAGER: "理赔经理",
}


class EstimateStatus(StrEnum):
    """The states of an estimate version."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"
    SIGNED = "signed"
    CLOSED = "closed"


STATUS_ZH = {
    EstimateStatus.DRAFT: "草稿",
    EstimateStatus.SUBMITTED: "待核损",
    EstimateStatus.RETURNED: "核损退回",
    EstimateStatus.APPROVED: "核损通过",
    EstimateStatus.SIGNED: "客户已签字",
    EstimateStatus.CLOSED: "已结案",
}


class Action(StrEnum):
    """Workflow actions."""

    EDIT = "edit"
    SUBMIT = "submit"
    RETURN = "return"
    APPROVE = "approve"
    SIGN = "sign"
    CLOSE = "close"
    SUPPLEMENT = "supplement"


#: (from, action) → to; what is not listed is refused.
TRANSITIONS: dict[tuple[EstimateStatus, Action], EstimateStatus] = {
    (EstimateStatus.DRAFT, Action.EDIT): EstimateStatus.DRAFT,
    (EstimateStatus.RETURNED, Action.EDIT): EstimateStatus.RETURNED,
    (EstimateStatus.DRAFT, Action.SUBMIT): EstimateStatus.SUBMITTED,
    (EstimateStatus.RETURNED, Action.SUBMIT): EstimateStatus.SUBMITTED,
    (EstimateStatus.SUBMITTED, Action.RETURN): EstimateStatus.RETURNED,
    (EstimateStatus.SUBMITTED, Action.APPROVE): EstimateStatus.APPROVED,
    (EstimateStatus.APPROVED, Action.SIGN): EstimateStatus.SIGNED,
    (EstimateStatus.SIGNED, Action.CLOSE): EstimateStatus.CLOSED,
    # A supplement leaves this version as it is and starts a new draft version.
    (EstimateStatus.APPROVED, Action.SUPPLEMENT): EstimateStatus.APPROVED,
    (EstimateStatus.SIGNED, Action.SUPPLEMENT): EstimateStatus.SIGNED,
}

#: The role each action needs.
ROLE_FOR: dict[Action, Role] = {
    Action.EDIT: Role.ASSESSOR,
    Action.SUBMIT: Role.ASSESSOR,
    Action.RETURN: Role.REVIEWER,
    Action.APPROVE: Role.REVIEWER,
    Action.SIGN: Role.ASSESSOR,
    Action.CLOSE: Role.ASSESSOR,
    Action.SUPPLEMENT: Role.ASSESSOR,
}


def require_role(actor: str, roles: Iterable[Role], needed: Role) -> None:
    """A DomainError unless ``roles`` hold ``needed``."""
    if needed not in set(roles):
        raise DomainError("missing_role", actor=actor, needed=Worded(ROLE_ZH[needed], needed.value))


def next_status(
    status: EstimateStatus,
    action: Action,
    *,
    actor: str,
    roles: Iterable[Role],
    editors: Iterable[str] = (),
    reason: str = "",
) -> EstimateStatus:
    """The status after ``action``, or a DomainError saying why it is refused.

    Nobody approves an estimate they wrote or changed (``editors``: everyone who created or
    edited any line of any version of the case); returning needs a written reason.
    """
    target = TRANSITIONS.get((status, action))
    if target is None:
        raise DomainError(
            "bad_transition", action=action.value, status=Worded(STATUS_ZH[status], status.value)
        )
    require_role(actor, roles, ROLE_FOR[action])
    if action is Action.APPROVE and actor in set(editors):
        raise DomainError("self_approval", actor=actor)
    if action is Action.RETURN and not reason.strip():
        raise DomainError("reason_required")
    return target


def is_editable(status: EstimateStatus) -> bool:
    """Only drafts and returned estimates change; submitted versions are immutable."""
    return status in (EstimateStatus.DRAFT, EstimateStatus.RETURNED)
