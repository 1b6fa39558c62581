"""Approval within the assessor's authority (定损权限) and its sampling (抽检), on both engines."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from sqlalchemy import Engine

from estimator.domain.errors import DomainError
from estimator.domain.workflow import EstimateStatus, Role, sample_drawn
from estimator.services import authority, estimate_store, review_queue, workflow
from estimator.services.audit import verify_audit
from estimator.services.settings import set_setting
from estimator.services.users import User, create_user, update_user
from tests.services.documents import document

ADMIN = User("root", "管理员", frozenset({Role.ADMIN}))
#: An on-site estimate (525.00: clips, wheel alignment, towing) the review rules pass.
ON_SITE_LINES = [7, 8, 9]


@pytest.fixture
def team(priced_db: Engine) -> dict[str, User]:
    made = {}
    for name, roles, amount in (
        ("wang", {Role.ASSESSOR}, "2000"),
        ("chen", {Role.ASSESSOR}, "0"),
        ("li", {Role.REVIEWER}, "0"),
    ):
        made[name] = create_user(
            priced_db, name, "password-" + name, roles, actor="setup", authority=Decimal(amount)
        )
    return made


def submitted(engine: Engine, actor: User, lines: list[int] = ON_SITE_LINES) -> str:
    """A version written and submitted by ``actor``."""
    every = document()["lines"]
    chosen = document(lines=[every[i] for i in lines], salvage="0")
    made = estimate_store.import_estimate(
        engine, json.dumps(chosen, ensure_ascii=False), actor=actor.username
    )
    assert made.problems == [] and made.estimate_id is not None
    workflow.submit(engine, made.estimate_id, actor)
    return str(made.estimate_id)


def audit(engine: Engine) -> list[tuple[str, str, dict[str, object]]]:
    with engine.begin() as connection:
        rows = connection.exec_driver_sql(
            "SELECT actor, action, detail FROM audit_log ORDER BY seq"
        )
        return [(actor, action, json.loads(detail)) for actor, action, detail in rows]


def test_the_author_approves_within_authority_and_the_customer_signs(
    priced_db: Engine, team: dict[str, User]
) -> None:
    estimate = submitted(priced_db, team["wang"])
    assert authority.authority_refusal(priced_db, estimate, team["wang"]) is None
    assert (
        authority.approve_within_authority(priced_db, estimate, team["wang"])
        is EstimateStatus.APPROVED
    )
    stored = estimate_store.load_estimate(priced_db, estimate)
    assert stored.status is EstimateStatus.APPROVED
    assert authority.sample_state(priced_db, estimate).within_authority
    actor, action, detail = audit(priced_db)[-1]
    assert (actor, action) == ("wang", "approve")
    assert detail["within_authority"] is True and detail["to"] == "approved"
    assert detail["content"]  # the approved content is bound, as a reviewer's approval binds it
    assert verify_audit(priced_db).ok
    deadlines = workflow.case_deadlines(priced_db, estimate)
    assert all(d.met_at is not None for d in deadlines if d.name == "review")
    assert workflow.customer_signed(priced_db, estimate, team["wang"]) is EstimateStatus.SIGNED


def test_the_approval_event_is_stamped(priced_db: Engine, team: dict[str, User]) -> None:
    from estimator.persistence.uow import UnitOfWork

    estimate = submitted(priced_db, team["wang"])
    authority.approve_within_authority(priced_db, estimate, team["wang"])
    case_id = estimate_store.load_estimate(priced_db, estimate).case_id
    with UnitOfWork(priced_db) as uow:
        kinds = [e.kind.value for e in uow.cases.events(case_id)]
    assert kinds[-2:] == ["submission", "approval"]


@pytest.mark.parametrize(
    ("who", "lines", "code"),
    [
        ("chen", ON_SITE_LINES, "no_authority"),  # authority 0
        ("wang", [0, 3, 6], "authority_not_on_site"),  # 2,694.00: the standard tier
    ],
)
def test_outside_authority_it_is_refused_and_the_refusal_audited(
    priced_db: Engine, team: dict[str, User], who: str, lines: list[int], code: str
) -> None:
    estimate = submitted(priced_db, team[who], lines)
    with pytest.raises(DomainError) as refused:
        authority.approve_within_authority(priced_db, estimate, team[who])
    assert refused.value.code == code
    assert estimate_store.load_estimate(priced_db, estimate).status is EstimateStatus.SUBMITTED
    assert audit(priced_db)[-1][1] == "refused_approve"
    with pytest.raises(DomainError) as plain:  # and the ordinary approval stays a reviewer's
        workflow.approve(priced_db, estimate, team[who])
    assert plain.value.code == "missing_role"


def test_the_authority_in_force_counts_not_the_one_signed_in_with(
    priced_db: Engine, team: dict[str, User]
) -> None:
    estimate = submitted(priced_db, team["wang"])
    update_user(priced_db, "wang", ADMIN, authority=Decimal("500"))  # the total is 525.00
    refusal = authority.authority_refusal(priced_db, estimate, team["wang"])
    assert refusal is not None and refusal.code == "over_authority"
    with pytest.raises(DomainError):
        authority.approve_within_authority(priced_db, estimate, team["wang"])


def test_another_assessors_version_is_not_within_ones_authority(
    priced_db: Engine, team: dict[str, User]
) -> None:
    estimate = submitted(priced_db, team["chen"])
    refusal = authority.authority_refusal(priced_db, estimate, team["wang"])
    assert refusal is not None and refusal.code == "authority_not_author"


def test_a_draft_is_not_approved(priced_db: Engine, team: dict[str, User]) -> None:
    every = document()["lines"]
    made = estimate_store.import_estimate(
        priced_db,
        json.dumps(document(lines=[every[i] for i in ON_SITE_LINES]), ensure_ascii=False),
        actor="wang",
    )
    refusal = authority.authority_refusal(priced_db, str(made.estimate_id), team["wang"])
    assert refusal is not None and refusal.code == "bad_transition"


def test_rate_one_samples_every_approval_and_a_reviewer_checks_it(
    priced_db: Engine, team: dict[str, User]
) -> None:
    set_setting(priced_db, "authority.sample_rate", "1", ADMIN)
    estimate = submitted(priced_db, team["wang"])
    authority.approve_within_authority(priced_db, estimate, team["wang"])
    assert authority.sample_state(priced_db, estimate).sampled
    assert [str(i) for i in authority.samples_to_check(priced_db)] == [estimate]
    assert audit(priced_db)[-1][2]["sampled"] is True
    with pytest.raises(DomainError) as refused:
        authority.sample_check(priced_db, estimate, team["li"], ok=False, note=" ")
    assert refused.value.code == "sample_note_required"
    with pytest.raises(DomainError):
        authority.sample_check(priced_db, estimate, team["wang"], ok=True)  # not a reviewer
    total = estimate_store.approved_totals(priced_db, estimate).total
    authority.sample_check(priced_db, estimate, team["li"], ok=False, note="拖车费偏高")
    state = authority.sample_state(priced_db, estimate)
    assert (state.outcome, state.checked_by, state.note) == ("failed", "li", "拖车费偏高")
    # A failed check is a finding: the approved amount and the status stay as they were.
    assert estimate_store.approved_totals(priced_db, estimate).total == total
    assert estimate_store.load_estimate(priced_db, estimate).status is EstimateStatus.APPROVED
    assert authority.samples_to_check(priced_db) == []
    actor, action, detail = audit(priced_db)[-1]
    assert (actor, action, detail["ok"], detail["note"]) == (
        "li",
        "sample_check",
        False,
        "拖车费偏高",
    )
    with pytest.raises(DomainError) as again:
        authority.sample_check(priced_db, estimate, team["li"], ok=True)
    assert again.value.code == "sample_checked"
    # The check binds no content: the customer still signs the approved sheet.
    assert workflow.customer_signed(priced_db, estimate, team["wang"]) is EstimateStatus.SIGNED


def test_rate_zero_samples_none_and_an_unsampled_version_is_not_checked(
    priced_db: Engine, team: dict[str, User]
) -> None:
    set_setting(priced_db, "authority.sample_rate", "0", ADMIN)
    estimate = submitted(priced_db, team["wang"])
    authority.approve_within_authority(priced_db, estimate, team["wang"])
    assert not authority.sample_state(priced_db, estimate).sampled
    assert authority.samples_to_check(priced_db) == []
    with pytest.raises(DomainError) as refused:
        authority.sample_check(priced_db, estimate, team["li"], ok=True)
    assert refused.value.code == "not_sampled"


def test_the_default_rate_draws_as_the_hash_predicts(
    priced_db: Engine, team: dict[str, User]
) -> None:
    estimate = submitted(priced_db, team["wang"])
    authority.approve_within_authority(priced_db, estimate, team["wang"])
    predicted = sample_drawn(estimate_store.load_estimate(priced_db, estimate).id, Decimal("0.1"))
    assert authority.sample_state(priced_db, estimate).sampled is predicted


def test_a_version_a_reviewer_holds_is_theirs_to_decide(
    priced_db: Engine, team: dict[str, User]
) -> None:
    estimate = submitted(priced_db, team["wang"])
    review_queue.take_estimate(priced_db, estimate, team["li"])
    refusal = authority.authority_refusal(priced_db, estimate, team["wang"])
    assert refusal is not None and refusal.code == "taken_by_other"
