"""The claim workflow (workflow.md): estimate statuses, transitions and who may make them. Pure.

```
draft ──submit──▶ submitted ──approve──▶ approved ──customer signs──▶ signed ──invoice──▶ closed
  ▲                  │
  └──── returned ◀───┘
approved/signed ──supplement──▶ new draft version
```
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum

from estimator.domain.errors import DomainError
from estimator.domain.estimate import Tier
from kernel.problems import Worded, register_messages

register_messages(
    {
        "no_authority": (
            "{actor} 没有定损权限，须由核损员核定",
            "{actor} has no approval authority: a reviewer must approve",
        ),
        "authority_not_on_site": (
            "只有现场定损档 (不超过 2000 元) 的估损单可在定损权限内核定",
            "only an on-site estimate (2,000 yuan or less) may be approved within authority",
        ),
        "authority_not_author": (
            "{actor} 不是本估损单唯一的编写人，须由核损员核定",
            "{actor} is not the only author of this estimate: a reviewer must approve",
        ),
        "over_authority": (
            "合计 {total} 元超过 {actor} 的定损权限 {authority} 元，须由核损员核定",
            "the total {total} is over {actor}'s authority of {authority}: a reviewer must approve",
        ),
        "authority_findings": (
            "核损规则 {rules} 有提示，须由核损员核定",
            "review rules {rules} have findings: a reviewer must approve",
        ),
    }
)


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


def status_words(status: EstimateStatus) -> Worded:
    """A version's status in words, for messages in either language (核损通过 / approved)."""
    return Worded(STATUS_ZH[status], status.value)


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


def may_approve_within_authority(
    total: Decimal | None,
    tier: str,
    authority: Decimal,
    editors: Iterable[str],
    actor: str,
    roles: Iterable[Role],
) -> DomainError | None:
    """Why ``actor`` may not approve this submitted version within their authority (定损权限,
    indicators.md), or None when they may: an assessor with an authority above 0, the version
    of the on-site tier, written and changed by nobody but ``actor``, and its total within the
    authority. Outside it the rule of :func:`next_status` stands: a reviewer approves."""
    try:
        require_role(actor, roles, Role.ASSESSOR)
    except DomainError as refusal:
        return refusal
    if authority <= 0:
        return DomainError("no_authority", actor=actor)
    if tier != Tier.ON_SITE.value:
        return DomainError("authority_not_on_site")
    if set(editors) != {actor}:
        return DomainError("authority_not_author", actor=actor)
    if total is None or total > authority:
        return DomainError(
            "over_authority", actor=actor, total=f"{total or 0:,.2f}", authority=f"{authority:,.2f}"
        )
    return None


def approved_within_authority(
    status: EstimateStatus,
    *,
    total: Decimal | None,
    tier: str,
    authority: Decimal,
    editors: Iterable[str],
    actor: str,
    roles: Iterable[Role],
) -> EstimateStatus:
    """The status after ``actor`` approves the version within authority (approved), or the
    DomainError saying why not: only a submitted version, and only as
    :func:`may_approve_within_authority` allows."""
    target = TRANSITIONS.get((status, Action.APPROVE))
    if target is None:
        raise DomainError(
            "bad_transition",
            action=Action.APPROVE.value,
            status=Worded(STATUS_ZH[status], status.value),
        )
    refusal = may_approve_within_authority(total, tier, authority, editors, actor, roles)
    if refusal is not None:
        raise refusal
    return target


def sample_drawn(estimate_id: uuid.UUID, rate: Decimal) -> bool:
    """Whether an approval within authority is drawn for a later check (抽检) at ``rate``
    (0–1). The draw is a hash of the version's id, so it is the same on every server and
    every run: rate 0 draws none, rate 1 draws all, and a test can predict it."""
    digest = hashlib.sha256(str(estimate_id).encode("ascii")).digest()
    position = Decimal(int.from_bytes(digest[:8], "big")) / Decimal(2**64)  # in [0, 1)
    return position < rate


def is_editable(status: EstimateStatus) -> bool:
    """Only drafts and returned estimates change; submitted versions are immutable."""
    return status in (EstimateStatus.DRAFT, EstimateStatus.RETURNED)
