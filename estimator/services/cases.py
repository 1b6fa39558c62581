"""Cases and estimate versions: import a draft, move it through the workflow, supplement,
compare versions. Every change is audited in its own transaction."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, Engine, exists, func, select, update
from sqlalchemy.orm import Session, object_session
from sqlalchemy.orm.attributes import flag_modified

from estimator.domain.adjustments import ReviewAdjustment, reviewed_totals
from estimator.domain.case_details import check_fields
from estimator.domain.clocks import Deadline, Event, EventKind, deadlines, next_due
from estimator.domain.diff import LineSnapshot, VersionDiff, describe_changes, diff_versions
from estimator.domain.errors import DomainError
from estimator.domain.estimate import Estimate, EstimateLine, LineKind, Tier
from estimator.domain.estimate_json import FORMAT, decode, estimate_from_document
from estimator.domain.notify import ApprovalNotice
from estimator.domain.notify import approval_notice as make_notice
from estimator.domain.pricing import PricedEstimate, PricedLine, Totals
from estimator.domain.review import blocks_submission
from estimator.domain.words import amount_in_words
from estimator.domain.workflow import Action, EstimateStatus, Role, next_status, require_role
from estimator.persistence import audit
from estimator.persistence.queries import latest_versions
from estimator.persistence.rows import (
    ArchivedCaseRow,
    AuditRow,
    CaseEditorRow,
    CaseEventRow,
    CaseRow,
    EstimateLineRow,
    EstimateRow,
)
from estimator.persistence.uow import StorageError as StorageError  # what a refused write raises
from estimator.persistence.uow import UnitOfWork
from estimator.services.estimates import price, resolve_vehicle
from estimator.services.users import User
from kernel.clock import utcnow
from kernel.problems import Problem
from labor_standards import store as labor_store
from labor_standards.model import Operation, PaintType, ShopClass
from parts_catalog import store as catalog_store
from parts_catalog.model import PriceType

TOTAL_NAMES = (
    "parts",
    "management_fee",
    "labor",
    "paint",
    "material",
    "sublet",
    "towing",
    "salvage",
    "total",
)

# A reviewer's take on a queued estimate lapses after this long without activity (taking,
# opening again, adjusting a line): another reviewer may then take it. Long enough for a
# careful review of a large estimate, short enough that a desk left open over lunch does not
# block the queue for the afternoon.
TAKE_EXPIRES = dt.timedelta(minutes=30)


class NotFound(LookupError):
    """No estimate or case with that id."""


@dataclass(frozen=True)
class ImportedEstimate:
    """What ``estimate import`` made, or why it could not."""

    problems: list[Problem]
    case_id: uuid.UUID | None = None
    estimate_id: uuid.UUID | None = None


def parse_id(text: str | uuid.UUID) -> uuid.UUID:
    """A case or estimate id from text (NotFound when it is not one)."""
    try:
        return text if isinstance(text, uuid.UUID) else uuid.UUID(str(text).strip())
    except ValueError:
        raise NotFound(str(text)) from None


def _line_row(
    line: EstimateLine,
    priced: PricedLine | None,
    position: int,
    actor: str,
    line_key: uuid.UUID | None = None,
) -> EstimateLineRow:
    return EstimateLineRow(
        line_key=line_key or uuid.uuid4(),
        position=position,
        kind=line.kind.value,
        part_no=line.part_no,
        qty=line.qty,
        price_type=line.price_type.value if line.price_type else "",
        unit_price=line.unit_price,
        component_code=line.component_code,
        operation=line.operation.value if line.operation else "",
        hours=line.hours,
        rate=line.rate,
        panels=line.panels,
        price_per_panel=line.price_per_panel,
        description=line.description,
        entered_amount=line.amount,
        override_reason=line.override_reason,
        amount=None if priced is None else priced.amount,
        priced_json=json.dumps(_priced_values(priced), ensure_ascii=False),
        changed_by=actor,
    )


def _priced_values(priced: PricedLine | None) -> dict[str, Any]:
    if priced is None:
        return {}
    looked_up = {name: str(value) for name, value in priced.looked_up_values().items()}
    return {
        "name": priced.description,
        "looked_up": looked_up,
        "notes": [n.text("zh") for n in priced.notes],
        "sources": list(priced.sources),
        "included_by": priced.included_by,
    }


def _estimate_line(row: EstimateLineRow) -> EstimateLine:
    return EstimateLine(
        LineKind(row.kind),
        part_no=row.part_no,
        qty=row.qty,
        price_type=PriceType(row.price_type) if row.price_type else None,
        unit_price=row.unit_price,
        component_code=row.component_code,
        operation=Operation(row.operation) if row.operation else None,
        hours=row.hours,
        rate=row.rate,
        panels=row.panels,
        price_per_panel=row.price_per_panel,
        description=row.description,
        amount=row.entered_amount,
        override_reason=row.override_reason,
    )


def _totals_json(priced: PricedEstimate) -> str:
    assert priced.totals is not None
    return json.dumps({name: str(getattr(priced.totals, name)) for name in TOTAL_NAMES})


def _editor(session: Session, case_id: uuid.UUID, username: str) -> None:
    if session.get(CaseEditorRow, (case_id, username)) is None:
        session.add(CaseEditorRow(case_id=case_id, username=username))


def _event(
    session: Session, case_id: uuid.UUID, kind: EventKind, actor: str, at: dt.datetime | None = None
) -> None:
    session.add(CaseEventRow(case_id=case_id, kind=kind.value, at=at or utcnow(), by=actor))


def import_estimate(
    engine: Engine,
    text: str,
    *,
    actor: str,
    today: dt.date | None = None,
    insured: tuple[str, str] = ("", ""),
) -> ImportedEstimate:
    """Store an ``estimate/1`` document as a new case's draft (version 1), priced; ``insured``
    is the insured's name and phone (the document format does not carry them)."""
    document, problems = decode(text)
    if problems:
        return ImportedEstimate(problems)
    estimate, problems = estimate_from_document(document, today=today or dt.date.today())
    if estimate is None:
        return ImportedEstimate(problems)
    estimate, problems, _ = resolve_vehicle(engine, estimate)
    if problems:
        return ImportedEstimate(problems)
    priced, problems = price(engine, estimate)
    if priced is None or not priced.ok:
        return ImportedEstimate(problems or list(priced.problems if priced else ()))
    now = utcnow()
    with UnitOfWork(engine, write=True) as uow:
        case = CaseRow(
            claim_no=estimate.claim_no,
            insured_name=insured[0],
            insured_phone=insured[1],
            plate=estimate.plate,
            vin=estimate.vin,
            model_code=estimate.model_code,
            vehicle_class=estimate.vehicle_class,
            paint_type=estimate.paint_type.value,
            region=estimate.region,
            shop_name=estimate.shop_name,
            shop_class=estimate.shop_class.value,
            partner=estimate.partner,
            created_by=actor,
            created_at=now,
        )
        uow.session.add(case)
        uow.session.flush()
        row = _store_version(uow.session, case.id, 1, estimate, priced, actor, now)
        _editor(uow.session, case.id, actor)
        audit.record(
            uow.session,
            actor=actor,
            entity="case",
            entity_id=case.id,
            action="create",
            detail={
                "claim_no": case.claim_no,
                "plate": case.plate,
                "estimate": str(row.id),
                "total": str(row.total),
            },
        )
        uow.commit()
        return ImportedEstimate([], case.id, row.id)


def _store_version(
    session: Session,
    case_id: uuid.UUID,
    version_no: int,
    estimate: Estimate,
    priced: PricedEstimate,
    actor: str,
    now: dt.datetime,
    keys: list[uuid.UUID] | None = None,
) -> EstimateRow:
    assert priced.totals is not None
    assert priced.tier is not None
    row = EstimateRow(
        case_id=case_id,
        version_no=version_no,
        status=EstimateStatus.DRAFT.value,
        priced_on=estimate.priced_on,
        price_type=estimate.price_type.value,
        parts_management_fee_rate=estimate.parts_management_fee_rate,
        salvage=estimate.salvage,
        needs_teardown=estimate.needs_teardown,
        total=priced.totals.total,
        tier=priced.tier.value,
        totals_json=_totals_json(priced),
        created_by=actor,
        created_at=now,
    )
    session.add(row)
    session.flush()
    by_index = {p.index: p for p in priced.lines}
    for position, line in enumerate(estimate.lines):
        key = keys[position] if keys else None
        line_row = _line_row(line, by_index.get(position), position, actor, key)
        line_row.estimate_id = row.id
        session.add(line_row)
    session.flush()
    return row


@dataclass(frozen=True)
class StoredEstimate:
    """An estimate version as stored, rebuilt for pricing, showing and review."""

    id: uuid.UUID
    case_id: uuid.UUID
    version_no: int
    status: EstimateStatus
    estimate: Estimate
    line_keys: tuple[uuid.UUID, ...]
    amounts: tuple[Decimal | None, ...]
    totals: dict[str, Decimal]
    tier: Tier | None
    created_by: str
    catalog_version: int | None = None
    labor_version: int | None = None
    #: The row's version when it was read: a save based on it is refused once it has moved.
    row_version: int = 0


class EditConflict(DomainError):
    """Someone saved the estimate after this edit's version was loaded: refused, not merged.

    ``theirs`` is the estimate as it now is; ``changes`` what they changed (from the version
    the edit was based on), also spelled out in the message."""

    def __init__(self, mine: StoredEstimate, theirs: StoredEstimate, changed_by: str) -> None:
        self.theirs = theirs
        self.changes = diff_versions(
            _snapshots(mine), _snapshots(theirs), mine.totals, theirs.totals
        )
        self.changed_by = changed_by
        zh, en = describe_changes(self.changes)
        if mine.status is not theirs.status:
            zh = "；".join(
                x for x in (f"状态 {mine.status.value} → {theirs.status.value}", zh) if x
            )
            en = "; ".join(
                x for x in (f"status {mine.status.value} → {theirs.status.value}", en) if x
            )
        who = changed_by or "someone"
        super().__init__(
            "edit_conflict",
            f"{who} 已在您打开后保存了此估损单（{zh or '无明细变动'}）。您的修改未保存，仍保留，"
            "请在最新版本上重新应用。",
            f"{who} saved this estimate after you opened it ({en or 'no line changes'}). "
            "Your edit was not saved and is kept: re-apply it on the current version.",
        )


def _last_actor(session: Session, estimate_id: uuid.UUID) -> str:
    """Who last changed an estimate version, from the audit trail."""
    return (
        session.scalar(
            select(AuditRow.actor)
            .where(AuditRow.entity == "estimate", AuditRow.entity_id == str(estimate_id))
            .order_by(AuditRow.seq.desc())
            .limit(1)
        )
        or ""
    )


def load_estimate(engine: Engine, estimate_id: str | uuid.UUID) -> StoredEstimate:
    """A stored estimate version."""
    key = parse_id(estimate_id)
    with UnitOfWork(engine) as uow:
        row = uow.session.get(EstimateRow, key)
        if row is None:
            raise NotFound(str(estimate_id))
        return _stored(uow.session, row)


def _stored(session: Session, row: EstimateRow) -> StoredEstimate:
    case = session.get(CaseRow, row.case_id)
    assert case is not None
    lines = list(
        session.scalars(
            select(EstimateLineRow)
            .where(EstimateLineRow.estimate_id == row.id)
            .order_by(EstimateLineRow.position)
        )
    )
    estimate = Estimate(
        priced_on=row.priced_on,
        region=case.region,
        shop_class=ShopClass(case.shop_class),
        vehicle_class=case.vehicle_class,
        paint_type=PaintType(case.paint_type),
        price_type=PriceType(row.price_type),
        lines=tuple(_estimate_line(r) for r in lines),
        parts_management_fee_rate=row.parts_management_fee_rate,
        salvage=row.salvage,
        needs_teardown=row.needs_teardown,
        claim_no=case.claim_no,
        shop_name=case.shop_name,
        partner=case.partner,
        vin=case.vin,
        model_code=case.model_code,
        plate=case.plate,
    )
    totals = {name: Decimal(value) for name, value in json.loads(row.totals_json).items()}
    return StoredEstimate(
        row.id,
        row.case_id,
        row.version_no,
        EstimateStatus(row.status),
        estimate,
        tuple(r.line_key for r in lines),
        tuple(r.amount for r in lines),
        totals,
        Tier(row.tier) if row.tier else None,
        row.created_by,
        row.catalog_version_id,
        row.labor_version_id,
        row.row_version,
    )


def _lines_json(session: Session, estimate_id: uuid.UUID) -> str:
    rows = session.scalars(
        select(EstimateLineRow)
        .where(EstimateLineRow.estimate_id == estimate_id)
        .order_by(EstimateLineRow.position)
    )
    return json.dumps(
        [
            {
                "key": str(r.line_key),
                "kind": r.kind,
                "part_no": r.part_no,
                "qty": str(r.qty),
                "price_type": r.price_type,
                "component_code": r.component_code,
                "operation": r.operation,
            }
            for r in rows
        ]
    )


def first_submission(
    engine: Engine, estimate_id: str | uuid.UUID
) -> tuple[tuple[str, ...], tuple[EstimateLine, ...]] | None:
    """(keys, lines) of the version as first submitted, if it has been submitted."""
    with engine.connect() as connection:
        text = connection.execute(
            select(EstimateRow.first_submission_json).where(EstimateRow.id == parse_id(estimate_id))
        ).scalar()
    if not text:
        return None
    items = json.loads(text)
    lines = tuple(
        EstimateLine(
            LineKind(i["kind"]),
            part_no=i["part_no"],
            qty=Decimal(i["qty"]),
            price_type=PriceType(i["price_type"]) if i["price_type"] else None,
            component_code=i["component_code"],
            operation=Operation(i["operation"]) if i["operation"] else None,
        )
        for i in items
    )
    return tuple(i["key"] for i in items), lines


_EVENT_OF = {
    Action.SUBMIT: EventKind.SUBMISSION,
    Action.RETURN: EventKind.RETURN,
    Action.APPROVE: EventKind.APPROVAL,
    Action.SIGN: EventKind.CUSTOMER_SIGNATURE,
}


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
    ``apply`` changes the row (and may write more) in the same transaction."""
    key = parse_id(estimate_id)
    failed: DomainError | None = None
    deciding = action in (Action.RETURN, Action.APPROVE)
    with UnitOfWork(engine, write=True) as uow:
        # Locked until commit for every action (SQLite's writer lock is taken at BEGIN): a
        # concurrent save or re-pricing waits, then this action sees the version it made.
        row = uow.session.get(EstimateRow, key, with_for_update=True, populate_existing=True)
        if row is None:
            raise NotFound(str(estimate_id))
        editors = set(
            uow.session.scalars(
                select(CaseEditorRow.username).where(CaseEditorRow.case_id == row.case_id)
            )
        )
        try:
            target = next_status(
                EstimateStatus(row.status),
                action,
                actor=actor.username,
                roles=actor.roles,
                editors=editors,
                reason=reason,
            )
            if deciding:
                _check_take(row, actor)
            if check is not None:
                check()
        except DomainError as refusal:
            uow.session.rollback()
            # The refusal is itself audited (reliability.md, promise 8), once this
            # transaction has ended, in a transaction of its own.
            failed = refusal
        else:
            before = row.status
            row.status = target.value
            if deciding:
                row.decided_by = actor.username
                row.decision_reason = reason
                row.review_taken_by, row.review_taken_at = "", None  # decided: off the queue
            if action in _EVENT_OF:
                _event(uow.session, row.case_id, _EVENT_OF[action], actor.username)
            if action is Action.SUBMIT:
                _set_case_column(  # 首次定损金额, kept for good
                    uow.session, row.case_id, CaseRow.first_total.is_(None), first_total=row.total
                )
                # From now on this version prices with what it was submitted with.
                connection = uow.session.connection()
                row.catalog_version_id = catalog_store.newest_version_id(connection)
                current = labor_store.current_version(connection)
                row.labor_version_id = None if current is None else current[0]
            if action is Action.SUBMIT and not row.first_submission_json:
                row.first_submission_json = _lines_json(uow.session, row.id)
            if (
                action is Action.SUBMIT
                and row.tier == Tier.TEARDOWN.value
                and _set_case_column(  # the teardown tier belongs to the large-case group
                    uow.session,
                    row.case_id,
                    CaseRow.large_case_group.is_(False),
                    large_case_group=True,
                )
            ):
                audit.record(
                    uow.session,
                    actor=actor.username,
                    entity="case",
                    entity_id=row.case_id,
                    action="assign_large_case_group",
                    detail={"tier": row.tier},
                )
            audit.record(
                uow.session,
                actor=actor.username,
                entity="estimate",
                entity_id=key,
                action=action.value,
                detail={"from": before, "to": target.value, "reason": reason},
            )
            if apply is not None:
                apply(row)  # after the action's audit entry: what it adds is audited after it
            uow.commit()
    if failed is not None:
        _audit_refusal(engine, actor.username, key, action, failed)
        raise failed
    return target


def _set_case_column(
    session: Session, case_id: uuid.UUID, unless_done: ColumnElement[bool], **values: object
) -> bool:
    """Set a case column that the case details never edit (first total, large-case group)
    with a plain UPDATE: it neither moves the case's ``row_version`` (a "Case details" dialog
    open meanwhile is not made stale by, say, a submission) nor fails with a StaleDataError
    on a version a concurrent details edit moved. True when a row changed."""
    result = session.execute(
        update(CaseRow)
        .where(CaseRow.id == case_id, unless_done)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return bool(cast("CursorResult[Any]", result).rowcount)


def _audit_refusal(
    engine: Engine, actor: str, estimate_id: uuid.UUID, action: Action, refusal: DomainError
) -> None:
    from estimator.services.audit import record_refusal

    record_refusal(engine, actor, "estimate", estimate_id, action.value, refusal.code)


def submit(engine: Engine, estimate_id: str | uuid.UUID, actor: User) -> EstimateStatus:
    """Submit a draft or returned estimate for core-loss review; ``block`` findings of the
    review rules stop it (the assessor's self-check)."""
    from estimator.services.review import review_estimate  # the review layer builds on this one

    findings = review_estimate(engine, estimate_id)
    if blocks_submission(findings):
        first = next(f for f in findings if f.severity.value == "block")
        raise DomainError(
            "blocked_by_review",
            f"{first.rule}: {first.message_zh}",
            f"{first.rule}: {first.message_en}",
        )
    return _act(engine, estimate_id, Action.SUBMIT, actor)


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

    def findings_need_a_reason() -> None:
        from estimator.services.review import review_estimate

        warnings = [f for f in review_estimate(engine, estimate_id) if f.severity.value != "info"]
        if warnings and not reason.strip():
            rules = ", ".join(sorted({f.rule for f in warnings}))
            raise DomainError(
                "reason_for_findings",
                f"仍有审核提示 ({rules})，核准须写明理由",
                f"findings remain ({rules}); approving needs a written reason",
            )

    # At a partner shop, an approved estimate priced as agreed carries the guarantee: the
    # certificate is issued in the approval's own transaction, bound to the content that
    # transaction approves (reliability.md: no approval without its certificate).
    from estimator.services.guarantee import certificate_due, store_certificate

    key = parse_id(estimate_id)
    with UnitOfWork(engine) as uow:
        content = _content_fingerprint(uow.session, key)
    due = certificate_due(engine, key)

    def with_certificate(row: EstimateRow) -> None:
        if due is None:
            return
        session = object_session(row)
        assert session is not None
        session.flush()  # the status update locks the row: the lines stay as they are
        if _content_fingerprint(session, row.id) != content:
            raise DomainError(
                "changed_while_approving",
                "估损单在核准时被修改，请重新核准",
                "the estimate changed while it was being approved; approve again",
            )
        digest, valid_to = due
        store_certificate(session, row.id, digest, valid_to, actor)

    return _act(
        engine, key, Action.APPROVE, actor, reason, findings_need_a_reason, with_certificate
    )


def _content_fingerprint(session: Session, estimate_id: uuid.UUID) -> str:
    """Everything a certificate's content hash is computed from, as stored in ``session``."""
    rows = session.execute(
        select(
            EstimateLineRow.line_key,
            EstimateLineRow.kind,
            EstimateLineRow.part_no,
            EstimateLineRow.qty,
            EstimateLineRow.price_type,
            EstimateLineRow.component_code,
            EstimateLineRow.operation,
            EstimateLineRow.amount,
            EstimateLineRow.reviewed_amount,
        )
        .where(EstimateLineRow.estimate_id == estimate_id)
        .order_by(EstimateLineRow.position)
    )
    return json.dumps([[str(v) for v in r] for r in rows])


def customer_signed(
    engine: Engine, estimate_id: str | uuid.UUID, actor: User, signature_png: bytes | None = None
) -> EstimateStatus:
    """Record that the customer signed the approved estimate sheet: drawn on the screen
    (``signature_png``, placed into the sheet with the time) or in ink on the print. Only
    the case's assessor collects the signature."""
    from estimator.services.documents import signature_refusal  # it builds on this module

    refusal = signature_refusal(engine, estimate_id, actor)

    def only_the_cases_assessor() -> None:
        if refusal is not None:
            raise refusal

    def keep(row: EstimateRow) -> None:
        row.customer_signed_at = utcnow()
        row.customer_signature = signature_png

    return _act(engine, estimate_id, Action.SIGN, actor, check=only_the_cases_assessor, apply=keep)


def customer_signature(
    engine: Engine, estimate_id: str | uuid.UUID
) -> tuple[bytes | None, dt.datetime | None]:
    """The customer's drawn signature and when it was given (None, None before signing)."""
    with engine.connect() as connection:
        row = connection.execute(
            select(EstimateRow.customer_signature, EstimateRow.customer_signed_at).where(
                EstimateRow.id == parse_id(estimate_id)
            )
        ).first()
    return (None, None) if row is None else (row[0], row[1])


def close(engine: Engine, estimate_id: str | uuid.UUID, actor: User) -> EstimateStatus:
    """Close the case once the final invoice is in."""
    return _act(engine, estimate_id, Action.CLOSE, actor)


def approval_notice(engine: Engine, estimate_id: str | uuid.UUID) -> ApprovalNotice:
    """The messages to the customer and to the shop with the approved amount."""
    stored = load_estimate(engine, estimate_id)
    if stored.status not in (EstimateStatus.APPROVED, EstimateStatus.SIGNED, EstimateStatus.CLOSED):
        raise DomainError("not_approved", "估损单尚未核定", "the estimate is not approved yet")
    e = stored.estimate
    total = approved_totals(engine, estimate_id).total
    # The guarantee is named with its certificate (services.documents: its repair window).
    from estimator.services.documents import guarantee_terms

    certificate_no, window = guarantee_terms(engine, stored.id)
    return make_notice(
        claim_no=e.claim_no,
        plate=e.plate,
        shop_name=e.shop_name,
        total=total,
        total_in_words=amount_in_words(total),
        version_no=stored.version_no,
        certificate_no=certificate_no,
        repair_window_days=window,
    )


def record_notification_sent(engine: Engine, estimate_id: str | uuid.UUID, actor: User) -> None:
    """Record when the approval notice was sent."""
    stored = load_estimate(engine, estimate_id)
    approval_notice(engine, estimate_id)  # refuses before approval
    record_event(engine, stored.case_id, EventKind.NOTIFICATION_SENT, actor.username)


def supplement(engine: Engine, estimate_id: str | uuid.UUID, actor: User) -> uuid.UUID:
    """Start a supplement (追加定损): a new draft version with the lines of this one."""
    stored = load_estimate(engine, estimate_id)
    next_status(stored.status, Action.SUPPLEMENT, actor=actor.username, roles=actor.roles)
    priced, _problems = price(engine, stored.estimate)
    if priced is None or not priced.ok:
        raise DomainError("cannot_price", "无法为追加定损定价", "the supplement cannot be priced")
    with UnitOfWork(engine, write=True) as uow:
        latest = uow.session.scalar(
            select(EstimateRow.version_no)
            .where(EstimateRow.case_id == stored.case_id)
            .order_by(EstimateRow.version_no.desc())
        )
        row = _store_version(
            uow.session,
            stored.case_id,
            (latest or 0) + 1,
            stored.estimate,
            priced,
            actor.username,
            utcnow(),
            list(stored.line_keys),
        )
        _editor(uow.session, stored.case_id, actor.username)
        _event(uow.session, stored.case_id, EventKind.SUPPLEMENT, actor.username)
        audit.record(
            uow.session,
            actor=actor.username,
            entity="estimate",
            entity_id=row.id,
            action="supplement",
            detail={"from_version": stored.version_no, "version": row.version_no},
        )
        uow.commit()
        return row.id


def replace_lines(
    engine: Engine,
    estimate_id: str | uuid.UUID,
    lines: list[EstimateLine],
    actor: User,
    keys: list[uuid.UUID | None] | None = None,
    based_on: StoredEstimate | None = None,
) -> PricedEstimate:
    """Replace an editable version's lines, re-price and store. ``keys`` gives each line's
    stable key (a kept line keeps its key; None for a new line); without it, by position.

    ``based_on`` is the version the edit was made on (as loaded): if anyone has saved the
    estimate since, the save is refused with an :class:`EditConflict` showing what they
    changed, and nothing is written; the caller still holds its lines to re-apply."""
    stored = load_estimate(engine, estimate_id)
    base = based_on or stored
    next_status(stored.status, Action.EDIT, actor=actor.username, roles=actor.roles)
    estimate = replace(stored.estimate, lines=tuple(lines))
    priced, _problems = price(engine, estimate)
    if priced is None or not priced.ok:
        raise DomainError("cannot_price", "无法定价", "the estimate cannot be priced")
    with UnitOfWork(engine, write=True) as uow:
        # The row is locked until commit (FOR UPDATE on PostgreSQL; SQLite's writer lock is
        # taken at BEGIN), so a second save waits and then sees the version has moved.
        row = uow.session.get(EstimateRow, stored.id, with_for_update=True, populate_existing=True)
        assert row is not None
        if row.row_version != base.row_version:
            raise EditConflict(base, _stored(uow.session, row), _last_actor(uow.session, row.id))
        for old in uow.session.scalars(
            select(EstimateLineRow).where(EstimateLineRow.estimate_id == row.id)
        ):
            uow.session.delete(old)
        uow.session.flush()
        by_index = {p.index: p for p in priced.lines}
        given = keys if keys is not None else list(stored.line_keys)
        for position, line in enumerate(lines):
            key = given[position] if position < len(given) else None
            line_row = _line_row(line, by_index.get(position), position, actor.username, key)
            line_row.estimate_id = row.id
            uow.session.add(line_row)
        _set_totals(row, priced)
        _editor(uow.session, stored.case_id, actor.username)
        audit.record(
            uow.session,
            actor=actor.username,
            entity="estimate",
            entity_id=row.id,
            action="edit",
            detail={"lines": len(lines), "total": str(row.total)},
        )
        uow.commit()
    return priced


def _set_totals(row: EstimateRow, priced: PricedEstimate) -> None:
    """Store a version's totals and tier; the row's version moves even when they are the same
    (every save moves it once)."""
    assert priced.totals is not None
    assert priced.tier is not None
    row.total, row.tier, row.totals_json = (
        priced.totals.total,
        priced.tier.value,
        _totals_json(priced),
    )
    flag_modified(row, "totals_json")


def _plain(value: object) -> str:
    """A value as compared between versions: 1.0000 and 1 are the same quantity."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _snapshots(stored: StoredEstimate) -> list[LineSnapshot]:
    result = []
    for line, key, amount in zip(
        stored.estimate.lines, stored.line_keys, stored.amounts, strict=True
    ):
        values = {
            name: _plain(value)
            for name, value in (
                ("part_no", line.part_no),
                ("qty", line.qty),
                ("price_type", line.price_type),
                ("unit_price", line.unit_price),
                ("component_code", line.component_code),
                ("operation", line.operation),
                ("hours", line.hours),
                ("rate", line.rate),
                ("panels", line.panels),
                ("price_per_panel", line.price_per_panel),
                ("amount", line.amount),
            )
            if value not in (None, "")
        }
        description = line.description or line.part_no or line.component_code
        result.append(
            LineSnapshot(str(key), line.kind.value, description, values, amount or Decimal("0.00"))
        )
    return result


def diff(engine: Engine, first: str | uuid.UUID, second: str | uuid.UUID) -> VersionDiff:
    """Lines added, changed and removed from ``first`` to ``second``, and each total's change."""
    a, b = load_estimate(engine, first), load_estimate(engine, second)
    return diff_versions(_snapshots(a), _snapshots(b), a.totals, b.totals)


def case_deadlines(engine: Engine, estimate_id: str | uuid.UUID) -> list[Deadline]:
    """The time limits of an estimate's case, from its tier and events."""
    stored = load_estimate(engine, estimate_id)
    with engine.connect() as connection:
        events = [
            Event(EventKind(kind), at)
            for kind, at in connection.execute(
                select(CaseEventRow.kind, CaseEventRow.at).where(
                    CaseEventRow.case_id == stored.case_id
                )
            )
        ]
    return deadlines(stored.tier or Tier.ON_SITE, events)


def record_event(
    engine: Engine,
    case_id: str | uuid.UUID,
    kind: EventKind,
    actor: str,
    at: dt.datetime | None = None,
) -> None:
    """Record a time-stamped case event (survey, teardown, …)."""
    key = parse_id(case_id)
    with UnitOfWork(engine, write=True) as uow:
        if uow.session.get(CaseRow, key) is None:
            raise NotFound(str(case_id))
        _event(uow.session, key, kind, actor, at)
        audit.record(
            uow.session, actor=actor, entity="case", entity_id=key, action=f"event_{kind.value}"
        )
        uow.commit()


@dataclass(frozen=True)
class CaseSummary:
    """A case as the case list shows it: its latest version's status, tier, total, next due."""

    case_id: uuid.UUID
    estimate_id: uuid.UUID
    claim_no: str
    plate: str
    vin: str
    model_code: str
    shop_name: str
    status: EstimateStatus
    version_no: int
    tier: Tier | None
    total: Decimal | None
    next_due: dt.datetime | None
    overdue: bool
    assessor: str = ""
    taken_by: str = ""  # the reviewer who has it from the queue, while the take is fresh


def list_cases(
    engine: Engine,
    text: str = "",
    now: dt.datetime | None = None,
    *,
    status: EstimateStatus | None = None,
    overdue_only: bool = False,
    archived: bool = False,
) -> list[CaseSummary]:
    """Cases, latest version each, filtered by claim number, plate or VIN, status and
    overdue; soonest due first. Archived cases only with ``archived`` (then only they)."""
    now = now or utcnow()
    needle = text.strip().upper()
    with engine.connect() as connection:
        query = latest_versions(
            CaseRow,
            EstimateRow.id.label("estimate_id"),
            EstimateRow.status,
            EstimateRow.version_no,
            EstimateRow.tier,
            EstimateRow.total,
            EstimateRow.review_taken_by,
            EstimateRow.review_taken_at,
        )
        archive = select(ArchivedCaseRow.case_id)
        query = query.where(CaseRow.id.in_(archive) if archived else CaseRow.id.not_in(archive))
        if needle:
            like = f"%{needle}%"
            query = query.where(
                func.upper(CaseRow.claim_no).like(like)
                | func.upper(CaseRow.plate).like(like)
                | func.upper(CaseRow.vin).like(like)
            )
        rows = connection.execute(query).all()
        events: dict[uuid.UUID, list[Event]] = {}
        for case_id, kind, at in connection.execute(
            select(CaseEventRow.case_id, CaseEventRow.kind, CaseEventRow.at)
        ):
            events.setdefault(case_id, []).append(Event(EventKind(kind), at))
    result = []
    for row in rows:
        tier = Tier(row.tier) if row.tier else None
        due = next_due(deadlines(tier or Tier.ON_SITE, events.get(row.id, [])))
        result.append(
            CaseSummary(
                row.id,
                row.estimate_id,
                row.claim_no,
                row.plate,
                row.vin,
                row.model_code,
                row.shop_name,
                EstimateStatus(row.status),
                row.version_no,
                tier,
                row.total,
                due.due if due else None,
                bool(due and due.overdue(now)),
                row.created_by,
                _holder(row.review_taken_by, row.review_taken_at, now),
            )
        )
    result = [
        c
        for c in result
        if (status is None or c.status == status) and (not overdue_only or c.overdue)
    ]
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    return sorted(result, key=lambda c: (c.next_due or far, c.claim_no))


def create_case(
    engine: Engine,
    *,
    claim_no: str,
    region: str,
    shop_class: ShopClass,
    actor: User,
    plate: str = "",
    vin: str = "",
    model_code: str = "",
    paint_type: PaintType = PaintType.SOLID,
    shop_name: str = "",
    partner: bool = False,
    survey_at: dt.datetime | None = None,
    insured_name: str = "",
    insured_phone: str = "",
) -> ImportedEstimate:
    """Open a new case with an empty draft estimate; the survey time starts its clock."""
    from estimator.services.case_choices import new_case_problems

    insured = (insured_name.strip(), insured_phone.strip())
    problems = new_case_problems(
        engine, claim_no=claim_no, plate=plate, vin=vin, model_code=model_code
    )
    problems += check_fields({"insured_name": insured[0], "insured_phone": insured[1]})[0]
    if problems:
        return ImportedEstimate(problems)

    document = {
        "format": FORMAT,
        "claim_no": claim_no,
        "region": region,
        "shop": {"name": shop_name, "class": shop_class.value, "partner": partner},
        "vehicle": {
            "vin": vin,
            "model_code": model_code,
            "plate": plate,
            "paint_type": paint_type.value,
        },
        "lines": [],
    }
    if not model_code:
        del document["vehicle"]["model_code"]  # type: ignore[attr-defined]
    created = import_estimate(
        engine, json.dumps(document, ensure_ascii=False), actor=actor.username, insured=insured
    )
    if created.case_id is not None:
        record_event(engine, created.case_id, EventKind.SURVEY, actor.username, survey_at)
    return created


def previous_version(engine: Engine, estimate_id: str | uuid.UUID) -> uuid.UUID | None:
    """The version before this one in its case, if any."""
    stored = load_estimate(engine, estimate_id)
    with engine.connect() as connection:
        return connection.execute(
            select(EstimateRow.id).where(
                EstimateRow.case_id == stored.case_id,
                EstimateRow.version_no == stored.version_no - 1,
            )
        ).scalar()


def review_queue(
    engine: Engine, tier: Tier | None = None, shop: str | None = None, assessor: str | None = None
) -> list[CaseSummary]:
    """Submitted estimates waiting for core-loss review, oldest due first, by tier, shop and
    assessor."""
    queue = list_cases(engine, status=EstimateStatus.SUBMITTED)
    return [
        c
        for c in queue
        if (tier is None or c.tier == tier)
        and (shop is None or c.shop_name == shop)
        and (assessor is None or c.assessor == assessor)
    ]


def _holder(taken_by: str, taken_at: dt.datetime | None, now: dt.datetime) -> str:
    """Who holds a version from the review queue: "" when nobody does or the take lapsed."""
    if not taken_by or taken_at is None or now - taken_at >= TAKE_EXPIRES:
        return ""
    return taken_by


def _check_take(row: EstimateRow, reviewer: User) -> None:
    """Refuse a review decision on a version another reviewer holds (a fresh take)."""
    holder = _holder(row.review_taken_by, row.review_taken_at, utcnow())
    if holder and holder != reviewer.username:
        assert row.review_taken_at is not None
        since = row.review_taken_at.astimezone().strftime("%H:%M")
        raise DomainError(
            "taken_by_other",
            f"{holder} 自 {since} 起正在核损此单；待其放回队列或 30 分钟无操作后方可处理",
            f"{holder} has had this estimate in review since {since}; it can be decided "
            "once they put it back or after 30 minutes without activity",
        )


def _take(session: Session, row: EstimateRow, reviewer: User) -> None:
    """Mark ``row`` taken by ``reviewer`` now; audited when it changes hands."""
    if row.review_taken_by != reviewer.username:
        audit.record(
            session,
            actor=reviewer.username,
            entity="estimate",
            entity_id=row.id,
            action="take_review",
        )
    row.review_taken_by, row.review_taken_at = reviewer.username, utcnow()


def _locked(session: Session, estimate_id: str | uuid.UUID) -> EstimateRow:
    """A version's row, locked (FOR UPDATE on PostgreSQL) until the transaction ends."""
    row = session.get(EstimateRow, parse_id(estimate_id), with_for_update=True)
    if row is None:
        raise NotFound(str(estimate_id))
    return row


def _need_reviewer(reviewer: User) -> None:
    if Role.REVIEWER not in reviewer.roles:
        raise DomainError(
            "not_reviewer", "只有核损人员可以领取任务", "only a reviewer takes reviews"
        )


def take_for_review(engine: Engine, reviewer: User, tier: Tier | None = None) -> uuid.UUID | None:
    """Take the oldest submitted version nobody holds (never taken, or the take lapsed after
    ``TAKE_EXPIRES``) and the reviewer never edited from the queue; None when there is none.
    Two reviewers never take the same one: on PostgreSQL the candidate row is locked FOR
    UPDATE SKIP LOCKED, so a second reviewer passes over it to the next instead of waiting;
    SQLite serialises writers at BEGIN."""
    _need_reviewer(reviewer)
    edited = select(CaseEditorRow.case_id).where(
        CaseEditorRow.case_id == EstimateRow.case_id, CaseEditorRow.username == reviewer.username
    )
    lapsed = utcnow() - TAKE_EXPIRES
    query = (
        select(EstimateRow)
        .where(
            EstimateRow.status == EstimateStatus.SUBMITTED.value,
            (EstimateRow.review_taken_by == "")
            | EstimateRow.review_taken_at.is_(None)
            | (EstimateRow.review_taken_at <= lapsed),
            ~exists(edited),
        )
        .order_by(EstimateRow.created_at, EstimateRow.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    if tier is not None:
        query = query.where(EstimateRow.tier == tier.value)
    with UnitOfWork(engine, write=True) as uow:
        row = uow.session.scalars(query).first()
        if row is None:
            return None
        _take(uow.session, row, reviewer)
        uow.commit()
        return row.id


def take_estimate(engine: Engine, estimate_id: str | uuid.UUID, reviewer: User) -> None:
    """Take this submitted version from the queue (the desk does so when it is opened), or
    renew one's own take; refused while another reviewer holds it."""
    _need_reviewer(reviewer)
    with UnitOfWork(engine, write=True) as uow:
        row = _locked(uow.session, estimate_id)
        if row.status != EstimateStatus.SUBMITTED.value:
            raise DomainError(
                "not_submitted", "此估损单不在核损队列中", "this estimate is not waiting for review"
            )
        _check_take(row, reviewer)
        _take(uow.session, row, reviewer)
        uow.commit()


def review_holder(engine: Engine, estimate_id: str | uuid.UUID) -> str:
    """The reviewer who holds this version from the queue now ("" when nobody does)."""
    with engine.connect() as connection:
        row = connection.execute(
            select(EstimateRow.review_taken_by, EstimateRow.review_taken_at).where(
                EstimateRow.id == parse_id(estimate_id)
            )
        ).first()
    return "" if row is None else _holder(row[0], row[1], utcnow())


def release_review(engine: Engine, estimate_id: str | uuid.UUID, reviewer: User) -> None:
    """Put a taken version back in the queue (only its taker may)."""
    with UnitOfWork(engine, write=True) as uow:
        row = _locked(uow.session, estimate_id)
        if row.review_taken_by != reviewer.username:
            raise DomainError(
                "not_taken_by_you", "此任务不是您领取的", "you have not taken this review"
            )
        row.review_taken_by, row.review_taken_at = "", None
        audit.record(
            uow.session,
            actor=reviewer.username,
            entity="estimate",
            entity_id=row.id,
            action="release_review",
        )
        uow.commit()


def adjust_line(
    engine: Engine,
    estimate_id: str | uuid.UUID,
    position: int,
    amount: Decimal,
    reason: str,
    reviewer: User,
) -> None:
    """Set the reviewer's amount (核损金额) on a submitted version's line, with a reason.
    The reviewer becomes one of the case's editors, so a second reviewer must approve."""
    require_role(reviewer.username, reviewer.roles, Role.REVIEWER)
    if not reason.strip():
        raise DomainError(
            "reason_required", "核损调整须写明原因", "an adjustment needs a written reason"
        )
    if amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise DomainError(
            "bad_amount",
            "核损金额应为不小于 0 的两位小数",
            "the reviewed amount must be ≥ 0 with at most two decimals",
        )
    key = parse_id(estimate_id)
    with UnitOfWork(engine, write=True) as uow:
        row = _locked(uow.session, estimate_id)
        if row.status != EstimateStatus.SUBMITTED.value:
            raise DomainError(
                "not_submitted",
                "只有待核损的估损单可以核损调整",
                "only a submitted estimate can be adjusted in review",
            )
        _check_take(row, reviewer)
        if row.review_taken_by == reviewer.username:
            row.review_taken_at = utcnow()  # activity keeps the take fresh
        line = uow.session.scalar(
            select(EstimateLineRow).where(
                EstimateLineRow.estimate_id == key, EstimateLineRow.position == position
            )
        )
        if line is None:
            raise DomainError(
                "no_line", f"没有第 {position + 1} 行", f"there is no line {position + 1}"
            )
        before = line.reviewed_amount if line.reviewed_amount is not None else line.amount
        line.reviewed_amount, line.review_reason, line.reviewed_by = (
            amount,
            reason,
            reviewer.username,
        )
        _editor(uow.session, row.case_id, reviewer.username)
        audit.record(
            uow.session,
            actor=reviewer.username,
            entity="estimate",
            entity_id=key,
            action="review_adjust",
            detail={
                "line": position + 1,
                "before": str(before),
                "after": str(amount),
                "reason": reason,
            },
        )
        uow.commit()


def review_adjustments(engine: Engine, estimate_id: str | uuid.UUID) -> dict[int, ReviewAdjustment]:
    """The reviewer's amounts on a version, by line index."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                EstimateLineRow.position,
                EstimateLineRow.reviewed_amount,
                EstimateLineRow.review_reason,
                EstimateLineRow.reviewed_by,
            ).where(
                EstimateLineRow.estimate_id == parse_id(estimate_id),
                EstimateLineRow.reviewed_amount.is_not(None),
            )
        ).all()
    return {
        r.position: ReviewAdjustment(r.position, r.reviewed_amount, r.review_reason, r.reviewed_by)
        for r in rows
    }


def price_stored(
    stored: StoredEstimate, engine: Engine
) -> tuple[PricedEstimate | None, list[Problem]]:
    """Price a stored version: a submitted one with the catalog and standard it was submitted
    with, a draft with the current ones."""
    return price(
        engine,
        stored.estimate,
        catalog_version=stored.catalog_version,
        labor_version=stored.labor_version,
    )


def approved_totals(engine: Engine, estimate_id: str | uuid.UUID) -> Totals:
    """The totals with the reviewer's amounts (核损金额) where set."""
    stored = load_estimate(engine, estimate_id)
    priced, _problems = price_stored(stored, engine)
    if priced is None or not priced.ok:
        raise DomainError("cannot_price", "无法定价", "the estimate cannot be priced")
    return reviewed_totals(priced, review_adjustments(engine, estimate_id))
