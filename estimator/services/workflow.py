"""The workflow of an estimate version: submit, return, approve, sign, close, supplement; the
case's events and time limits; the approval notice. Every step is audited in its own
transaction (one unit of work); a refusal is audited too, in a transaction of its own."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping

from sqlalchemy import Engine
from sqlalchemy.orm import object_session

from estimator.domain.clocks import Deadline, EventKind, LocationClass, deadlines
from estimator.domain.errors import DomainError
from estimator.domain.estimate import Tier
from estimator.domain.field_events import check_note
from estimator.domain.notify import ApprovalNotice
from estimator.domain.notify import approval_notice as make_notice
from estimator.domain.review import ReviewPolicy, blocks_submission
from estimator.domain.routing import belongs_to_large_group
from estimator.domain.settlement_messages import versions_words
from estimator.domain.settlement_payout import ObjectKind
from estimator.domain.words import amount_in_words
from estimator.domain.workflow import Action, EstimateStatus, next_status
from estimator.persistence.estimates import EstimateRepository
from estimator.persistence.rows import EstimateRow
from estimator.persistence.uow import UnitOfWork
from estimator.services.binding import refuse_altered, refuse_problems
from estimator.services.estimate_store import (
    NotFound,
    StoredEstimate,
    approved_totals,
    load_estimate,
    parse_id,
    stored_in,
)
from estimator.services.estimates import price
from estimator.services.review_queue import check_take
from estimator.services.routing import settle_case
from estimator.services.settings import settings_in
from estimator.services.submission import checked, storing
from estimator.services.time_limits import policy_in
from estimator.services.users import User
from kernel.clock import utcnow
from kernel.problems import Worded

_EVENT_OF = {
    Action.SUBMIT: EventKind.SUBMISSION,
    Action.RETURN: EventKind.RETURN,
    Action.APPROVE: EventKind.APPROVAL,
    Action.SIGN: EventKind.CUSTOMER_SIGNATURE,
}


def _on_submit(uow: UnitOfWork, row: EstimateRow, actor: str) -> None:
    """What a submission keeps: the case's first total (the insured vehicle's first
    submitted total), the catalog and standard the version prices with from now on, its
    lines as first submitted, and the large-case group for a large case (over 10,000 or the
    teardown tier)."""
    if uow.estimates.object_kind(row) == "insured_vehicle":
        uow.cases.set_first_total(row.case_id, row.total)  # 首次定损金额, kept for good
    uow.estimates.pin_pricing(row)  # from now on it prices with what it was submitted with
    if not row.first_submission_json:
        row.first_submission_json = uow.estimates.lines_json(row.id)
    large = belongs_to_large_group(row.total, row.tier or None)
    if large and uow.cases.join_large_case_group(row.case_id):
        uow.audit.record(
            actor=actor,
            entity="case",
            entity_id=row.case_id,
            action="assign_large_case_group",
            detail={"tier": row.tier, "total": str(row.total)},
        )


def apply_action(
    uow: UnitOfWork,
    row: EstimateRow,
    action: Action,
    target: EstimateStatus,
    actor: User,
    reason: str,
    apply: Callable[[EstimateRow], None] | None = None,
    extra: Mapping[str, object] | None = None,
) -> None:
    """Move ``row`` to ``target`` with what the action records (event, decision, audit);
    ``apply`` changes the row (and may write more) before the action's audit entry, which
    binds the version's content as the action leaves it (reliability.md, promise 13);
    ``extra`` adds to the entry's detail (an approval within authority says so)."""
    before = row.status
    row.status = target.value
    if action in (Action.RETURN, Action.APPROVE):
        row.decided_by = actor.username
        row.decision_reason = reason
        row.review_taken_by, row.review_taken_at = "", None  # decided: off the queue
    if action in _EVENT_OF:
        uow.cases.add_event(row.case_id, _EVENT_OF[action], actor.username, object_id=row.object_id)
    if action is Action.SUBMIT:
        _on_submit(uow, row, actor.username)
    if apply is not None:
        apply(row)
    uow.audit.record(
        actor=actor.username,
        entity="estimate",
        entity_id=row.id,
        action=action.value,
        detail={
            "from": before,
            "to": target.value,
            "reason": reason,
            "content": uow.audit.binding(row.id),
            **(extra or {}),
        },
    )


def decide(
    uow: UnitOfWork,
    key: uuid.UUID,
    action: Action,
    actor: User,
    reason: str = "",
    check: Callable[[], None] | None = None,
) -> tuple[EstimateRow, EstimateStatus]:
    """The version's row (locked) and the status ``action`` moves it to, in ``uow``: the role
    rules, the review take for a decision, then ``check``; a refusal raises ``DomainError``."""
    # Locked until commit for every action (SQLite's writer lock is taken at BEGIN): a
    # concurrent save or re-pricing waits, then this action sees the version it made.
    row = uow.estimates.row(key, lock=True)
    if row is None:
        raise NotFound(str(key))
    refuse_problems(uow.audit.binding_problems(key))  # nothing moves on from altered content
    target = next_status(
        EstimateStatus(row.status),
        action,
        actor=actor.username,
        roles=actor.roles,
        editors=uow.cases.editors(row.case_id),
        reason=reason,
    )
    if action in (Action.RETURN, Action.APPROVE):
        check_take(row, actor)
    if check is not None:
        check()
    return row, target


def _act(
    engine: Engine,
    estimate_id: str | uuid.UUID,
    action: Action,
    actor: User,
    reason: str = "",
    check: Callable[[], None] | None = None,
    apply: Callable[[EstimateRow], None] | None = None,
) -> EstimateStatus:
    """Move a version through the workflow; ``check`` may refuse after the role rules pass,
    ``apply`` changes the row (and may write more) in the same transaction, before the
    action's audit entry binds the content."""
    key = parse_id(estimate_id)
    failed: DomainError | None = None
    with UnitOfWork(engine, write=True) as uow:
        try:
            row, target = decide(uow, key, action, actor, reason, check)
        except DomainError as refusal:
            uow.session.rollback()
            # The refusal is itself audited (reliability.md, promise 8), once this
            # transaction has ended, in a transaction of its own.
            failed = refusal
        else:
            apply_action(uow, row, action, target, actor, reason, apply)
            uow.commit()
    if failed is not None:
        _audit_refusal(engine, actor.username, key, action, failed)
        raise failed
    return target


def _audit_refusal(
    engine: Engine, actor: str, estimate_id: uuid.UUID, action: Action, refusal: DomainError
) -> None:
    from estimator.services.audit import record_refusal

    record_refusal(engine, actor, "estimate", estimate_id, action.value, refusal.code)


def submit(
    engine: Engine,
    estimate_id: str | uuid.UUID,
    actor: User,
    reasons: Mapping[tuple[str, int | None], str] | None = None,
) -> EstimateStatus:
    """Submit a draft or returned estimate for core-loss review; ``block`` findings of the
    review rules stop it (the assessor's self-check). With ``reasons`` (by rule and line),
    every open warning needs one, kept with the version for the reviewer (issue #26)."""
    from estimator.services.review import review_estimate

    stored = load_estimate(engine, estimate_id)
    if not stored.estimate.lines:  # nothing to review
        raise DomainError("empty_estimate")
    findings = review_estimate(engine, estimate_id)
    if blocks_submission(findings):
        first = next(f for f in findings if f.severity.value == "block")
        raise DomainError(
            "blocked_by_review", rule=first.rule, message=Worded(first.message_zh, first.message_en)
        )
    if reasons is None:
        status = _act(engine, estimate_id, Action.SUBMIT, actor)
    else:
        kept = checked(findings, reasons, ReviewPolicy())
        status = _act(
            engine, estimate_id, Action.SUBMIT, actor, apply=storing(kept, actor.username)
        )
    # A resubmission ends an escalation of its case: audited as it is made (issue #19).
    settle_case(engine, stored.case_id, actor.username)
    return status


def return_estimate(
    engine: Engine, estimate_id: str | uuid.UUID, actor: User, reason: str
) -> EstimateStatus:
    """Return a submitted estimate to the assessor, with reasons (starts the 2-day clock)."""
    return _act(engine, estimate_id, Action.RETURN, actor, reason)


def approve(
    engine: Engine, estimate_id: str | uuid.UUID, actor: User, reason: str = ""
) -> EstimateStatus:
    """Approve a submitted estimate; refused to anyone who wrote or changed the case's lines,
    and, while ``warn`` findings remain, to anyone who does not write why."""
    from estimator.services.review import review_estimate

    def findings_need_a_reason() -> None:
        warnings = [f for f in review_estimate(engine, estimate_id) if f.severity.value != "info"]
        if warnings and not reason.strip():
            rules = ", ".join(sorted({f.rule for f in warnings}))
            raise DomainError("reason_for_findings", rules=rules)

    key = parse_id(estimate_id)
    with_certificate = certificate_step(engine, key, actor)
    return _act(
        engine, key, Action.APPROVE, actor, reason, findings_need_a_reason, with_certificate
    )


def certificate_step(engine: Engine, key: uuid.UUID, actor: User) -> Callable[[EstimateRow], None]:
    """What an approval does to the row in its transaction: at a partner shop, an approved
    estimate priced as agreed carries the guarantee, issued in the approval's own transaction
    and bound to the content that transaction approves (reliability.md: no approval without
    its certificate)."""
    from estimator.services.guarantee import certificate_due, store_certificate

    with UnitOfWork(engine) as uow:
        content = uow.estimates.content_fingerprint(key)
    due = certificate_due(engine, key)

    def with_certificate(row: EstimateRow) -> None:
        if due is None:
            return
        session = object_session(row)
        assert session is not None
        session.flush()  # the status update locks the row: the lines stay as they are
        if EstimateRepository(session).content_fingerprint(row.id) != content:
            raise DomainError("changed_while_approving")
        digest, valid_to = due
        store_certificate(session, row.id, digest, valid_to, actor)

    return with_certificate


def customer_signed(
    engine: Engine, estimate_id: str | uuid.UUID, actor: User, signature_png: bytes | None = None
) -> EstimateStatus:
    """Record that the customer signed the approved estimate sheet: drawn on the screen
    (``signature_png``, placed into the sheet with the time) or in ink on the print. Only
    the case's assessor collects the signature."""
    from estimator.services.documents import signature_refusal

    refusal = signature_refusal(engine, estimate_id, actor)

    def only_the_cases_assessor() -> None:
        if refusal is not None:
            raise refusal

    def keep(row: EstimateRow) -> None:
        row.customer_signed_at = utcnow()
        row.customer_signature = signature_png

    return _act(engine, estimate_id, Action.SIGN, actor, check=only_the_cases_assessor, apply=keep)


def close(engine: Engine, estimate_id: str | uuid.UUID, actor: User) -> EstimateStatus:
    """Close the case once the final invoice is in."""
    return _act(engine, estimate_id, Action.CLOSE, actor)


def approval_notice(engine: Engine, estimate_id: str | uuid.UUID) -> ApprovalNotice:
    """The messages to the customer and to the shop with the approved amount."""
    stored = load_estimate(engine, estimate_id)
    if stored.status not in (EstimateStatus.APPROVED, EstimateStatus.SIGNED, EstimateStatus.CLOSED):
        raise DomainError("not_approved")
    e = stored.estimate
    total = approved_totals(engine, estimate_id).total
    # The guarantee is named with its certificate (services.documents: its repair window).
    from estimator.services.documents import guarantee_terms, notice_payout

    certificate_no, window = guarantee_terms(engine, stored.id)
    # The one-time disclosure of the expected payment (settlement.md), when the case has
    # settlement data; with several objects, naming the versions not approved yet.
    payout = notice_payout(engine, stored.id)
    several = payout is not None and len(payout.objects) > 1
    unapproved = payout.unapproved_versions("zh") if payout is not None and several else ""
    return make_notice(
        claim_no=e.claim_no,
        plate=e.plate,
        shop_name=e.shop_name,
        total=total,
        total_in_words=amount_in_words(total),
        version_no=stored.version_no,
        certificate_no=certificate_no,
        repair_window_days=window,
        expected_payment=None if payout is None else payout.payable,
        unapproved=unapproved,
        version_words=_version_words(stored),
    )


def _version_words(stored: StoredEstimate) -> str:
    """A third-party object's version in words (三者车1第1版); blank for the insured
    vehicle's, which the notice numbers alone."""
    obj = stored.loss_object
    if obj is None or obj.kind is ObjectKind.INSURED_VEHICLE:
        return ""
    return versions_words([(obj.kind.value, obj.index, stored.version_no)], "zh")


def record_notification_sent(engine: Engine, estimate_id: str | uuid.UUID, actor: User) -> None:
    """Record when the approval notice was sent."""
    stored = load_estimate(engine, estimate_id)
    approval_notice(engine, estimate_id)  # refuses before approval
    record_event(
        engine,
        stored.case_id,
        EventKind.NOTIFICATION_SENT,
        actor.username,
        object_id=stored.object_id,
    )


def supplement(engine: Engine, estimate_id: str | uuid.UUID, actor: User) -> uuid.UUID:
    """Start a supplement (追加定损): a new draft version of the same loss object with the
    lines of this one."""
    stored = load_estimate(engine, estimate_id)
    next_status(stored.status, Action.SUPPLEMENT, actor=actor.username, roles=actor.roles)
    refuse_altered(engine, stored.id)  # a supplement never starts from altered content
    priced, _problems = price(engine, stored.estimate)
    if priced is None or not priced.ok:
        raise DomainError("cannot_price:supplement")
    object_id = stored.object_id
    assert object_id is not None  # every stored version has its loss object
    with UnitOfWork(engine, write=True) as uow:
        row = uow.estimates.add_version(
            stored.case_id,
            uow.estimates.latest_version_no(object_id) + 1,
            stored.estimate,
            priced,
            actor.username,
            utcnow(),
            list(stored.line_keys),
            object_id=object_id,
        )
        uow.cases.add_editor(stored.case_id, actor.username)
        uow.cases.add_event(
            stored.case_id, EventKind.SUPPLEMENT, actor.username, object_id=object_id
        )
        uow.audit.record(
            actor=actor.username,
            entity="estimate",
            entity_id=row.id,
            action="supplement",
            detail={
                "from_version": stored.version_no,
                "version": row.version_no,
                # What the supplement starts from, as it stands (the source stays bound).
                "from_content": uow.audit.binding(stored.id),
            },
        )
        uow.commit()
        return row.id


def case_deadlines(engine: Engine, estimate_id: str | uuid.UUID) -> list[Deadline]:
    """The time limits of an estimate's case, from its tier and events."""
    return case_clocks(engine, estimate_id)[0]


def case_clocks(engine: Engine, estimate_id: str | uuid.UUID) -> tuple[list[Deadline], str]:
    """:func:`case_deadlines` and the display zone they are shown in, read in one
    transaction (a setting changed in between cannot mix two zones' worth of reads)."""
    with UnitOfWork(engine) as uow:
        stored = stored_in(uow, estimate_id)
        events = uow.cases.events(stored.case_id, stored.object_id)  # the object's own clocks
        opened = uow.loss_objects.opened_at(stored.object_id)
        location = LocationClass(uow.cases.location_class(stored.case_id))
        settings = settings_in(uow)
        policy = policy_in(uow, settings)
    found = deadlines(stored.tier or Tier.ON_SITE, events, policy, location, opened)
    return found, settings.text("display.timezone")


def record_event(
    engine: Engine,
    case_id: str | uuid.UUID,
    kind: EventKind,
    actor: str,
    at: dt.datetime | None = None,
    note: str = "",
    object_id: uuid.UUID | None = None,
) -> None:
    """Record a time-stamped case event (survey, teardown, …) with its note (an entrustment's
    party); a version's event names its loss object. The callers that take a typed time
    refuse one in the future (``check_event``)."""
    key = parse_id(case_id)
    text = check_note(kind, note)
    with UnitOfWork(engine, write=True) as uow:
        if not uow.cases.exists(key):
            raise NotFound(str(case_id))
        uow.cases.add_event(key, kind, actor, at, text, object_id)
        detail = {"note": text} if text else None
        action = f"event_{kind.value}"
        uow.audit.record(actor=actor, entity="case", entity_id=key, action=action, detail=detail)
        uow.commit()
