"""Content binding in storage (reliability.md, promise 13): a version's content read as
stored, its hash kept in the audit chain when it freezes, and the check that every version's
status and frozen content still match the trail.

The content is read with plain column queries, never from the session's objects, so a hash
taken in the transaction that writes a version equals one taken later from the database.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from estimator.domain.binding import FROZEN, BindingProblem, ContentHash, content_hash, judge
from estimator.domain.settlement_payout import ObjectKind
from estimator.persistence import audit
from estimator.persistence.rows import (
    AuditRow,
    CaseRow,
    EstimateLineRow,
    EstimateRow,
    GuaranteeCertificateRow,
    LossObjectRow,
)
from kernel.orm import UtcDateTime

#: What of the case prints on the sheet (header facts).
_CASE_COLUMNS = (
    CaseRow.claim_no,
    CaseRow.insured_name,
    CaseRow.insured_phone,
    CaseRow.plate,
    CaseRow.vin,
    CaseRow.model_code,
    CaseRow.vehicle_class,
    CaseRow.paint_type,
    CaseRow.region,
    CaseRow.shop_name,
    CaseRow.shop_class,
    CaseRow.partner,
)
#: What of the version prices it or prints on the sheet (not the review queue's take).
_VERSION_COLUMNS = (
    EstimateRow.version_no,
    EstimateRow.priced_on,
    EstimateRow.price_type,
    EstimateRow.parts_management_fee_rate,
    EstimateRow.salvage,
    EstimateRow.needs_teardown,
    EstimateRow.catalog_version_id,
    EstimateRow.labor_version_id,
    EstimateRow.created_by,
    EstimateRow.decided_by,
    EstimateRow.decision_reason,
)
_LINE_COLUMNS = (
    EstimateLineRow.line_key,
    EstimateLineRow.position,
    EstimateLineRow.kind,
    EstimateLineRow.part_no,
    EstimateLineRow.qty,
    EstimateLineRow.price_type,
    EstimateLineRow.unit_price,
    EstimateLineRow.component_code,
    EstimateLineRow.operation,
    EstimateLineRow.hours,
    EstimateLineRow.rate,
    EstimateLineRow.panels,
    EstimateLineRow.price_per_panel,
    EstimateLineRow.description,
    EstimateLineRow.entered_amount,
    EstimateLineRow.override_reason,
    EstimateLineRow.amount,
    EstimateLineRow.reviewed_amount,
    EstimateLineRow.review_reason,
    EstimateLineRow.reviewed_by,
)
#: What names a third-party object on its versions' sheets (the insured vehicle's are the
#: case's, above): bound in the header of that object's versions.
_OBJECT_COLUMNS = (
    LossObjectRow.kind,
    LossObjectRow.kind_index,
    LossObjectRow.plate,
    LossObjectRow.vin,
    LossObjectRow.model_code,
    LossObjectRow.vehicle_class,
    LossObjectRow.paint_type,
    LossObjectRow.shop_name,
    LossObjectRow.shop_class,
    LossObjectRow.owner,
    LossObjectRow.description,
)
_CERTIFICATE_COLUMNS = (
    GuaranteeCertificateRow.number,
    GuaranteeCertificateRow.content_hash,
    GuaranteeCertificateRow.valid_to,
    GuaranteeCertificateRow.issued_by,
    GuaranteeCertificateRow.issued_at,
)


def bound_timestamps() -> frozenset[tuple[str, str]]:
    """The (table, column) pairs of the timestamps a version's bound content holds: moving
    one (as the demo moves its clocks to now) would make the version read as altered."""
    columns = (
        *_CASE_COLUMNS,
        *_VERSION_COLUMNS,
        *_LINE_COLUMNS,
        *_CERTIFICATE_COLUMNS,
        *_OBJECT_COLUMNS,
        EstimateRow.customer_signed_at,
    )
    return frozenset(
        (column.table.name, column.name)
        for column in (attribute.expression for attribute in columns)
        if isinstance(column.type, UtcDateTime)
    )


def _totals(text: str) -> Any:
    """The stored totals (names to amounts); the text itself when it is not JSON any more."""
    try:
        stored = json.loads(text)
        return {str(k): Decimal(str(v)) for k, v in stored.items()}
    except (ValueError, TypeError, AttributeError, InvalidOperation):
        return text


def version_content(connection: Connection, estimate_id: uuid.UUID) -> dict[str, Any] | None:
    """A version's content as stored now, by section (see estimator.domain.binding); a
    third-party object's version binds the object's own fields in its header (``object``)."""
    found = connection.execute(
        select(
            *_VERSION_COLUMNS,
            *_CASE_COLUMNS,
            *(c.label(f"object_{c.key}") for c in _OBJECT_COLUMNS),
            EstimateRow.total,
            EstimateRow.tier,
            EstimateRow.totals_json,
            EstimateRow.customer_signature,
            EstimateRow.customer_signed_at,
        )
        .join(CaseRow, CaseRow.id == EstimateRow.case_id)
        .outerjoin(LossObjectRow, LossObjectRow.id == EstimateRow.object_id)
        .where(EstimateRow.id == estimate_id)
    ).first()
    if found is None:
        return None
    facts = found._mapping
    header = {c.key: facts[c.key] for c in (*_VERSION_COLUMNS, *_CASE_COLUMNS)}
    third_party = facts["object_kind"] not in (None, ObjectKind.INSURED_VEHICLE.value)
    if third_party:  # the insured vehicle's header stays as it was bound before objects
        header["object"] = {c.key: facts[f"object_{c.key}"] for c in _OBJECT_COLUMNS}
    lines = [
        {c.key: value for c, value in zip(_LINE_COLUMNS, row, strict=True)}
        for row in connection.execute(
            select(*_LINE_COLUMNS)
            .where(EstimateLineRow.estimate_id == estimate_id)
            .order_by(EstimateLineRow.position)
        )
    ]
    certificate = connection.execute(
        select(*_CERTIFICATE_COLUMNS).where(GuaranteeCertificateRow.estimate_id == estimate_id)
    ).first()
    png = facts["customer_signature"]
    signed_at = facts["customer_signed_at"]
    return {
        "header": header,
        "lines": lines,
        "totals": {
            "total": facts["total"],
            "tier": facts["tier"],
            "totals": _totals(facts["totals_json"]),
        },
        "certificate": None
        if certificate is None
        else {c.key: value for c, value in zip(_CERTIFICATE_COLUMNS, certificate, strict=True)},
        "signature": None
        if png is None and signed_at is None
        else {
            "png_sha256": hashlib.sha256(png).hexdigest() if png is not None else None,
            "signed_at": signed_at,
        },
    }


def _before_objects(content: dict[str, Any]) -> dict[str, Any] | None:
    """A third-party version's content as it was bound before its object's fields were
    (without the header's ``object``); None for a version whose header has none."""
    header = content.get("header")
    if not isinstance(header, dict) or "object" not in header:
        return None
    earlier = {k: v for k, v in header.items() if k != "object"}
    return {**content, "header": earlier}


def binding_detail(session: Session, estimate_id: uuid.UUID) -> dict[str, Any]:
    """What an audit entry keeps of a version's content now: its hash, each section's hash
    and, with a guarantee certificate, the certificate's number and hash."""
    session.flush()  # hash what this transaction wrote, read back as the database has it
    content = version_content(session.connection(), estimate_id)
    assert content is not None  # a version the caller holds
    detail = content_hash(content).as_detail()
    certificate = content["certificate"]
    if certificate is not None:
        detail["certificate"] = {
            "number": certificate["number"],
            "hash": certificate["content_hash"],
        }
    return detail


def rebind_case(session: Session, case_id: uuid.UUID, actor: str, after: str) -> None:
    """Record the new content of every frozen version of a case whose header a permitted
    change (``after``: the audited action) just changed, in the caller's transaction."""
    frozen = [s.value for s in FROZEN]
    versions = session.scalars(
        select(EstimateRow.id).where(EstimateRow.case_id == case_id, EstimateRow.status.in_(frozen))
    ).all()  # read whole before appending: each append queries the trail in this session
    for estimate_id in versions:
        audit.record(
            session,
            actor=actor,
            entity="estimate",
            entity_id=estimate_id,
            action="rebind",
            detail={"after": after, "content": binding_detail(session, estimate_id)},
        )


def _audited(
    connection: Connection, estimate_id: uuid.UUID | None
) -> tuple[dict[str, str], dict[str, ContentHash]]:
    """By version id: the status its last status entry moved it to, its last binding."""
    query = select(AuditRow.entity_id, AuditRow.detail).where(AuditRow.entity == "estimate")
    if estimate_id is not None:
        query = query.where(AuditRow.entity_id == str(estimate_id))
    statuses: dict[str, str] = {}
    bindings: dict[str, ContentHash] = {}
    for entity_id, text in connection.execute(query.order_by(AuditRow.seq)):
        try:
            detail = json.loads(text)
        except ValueError:
            continue  # an edited entry: the chain check names it
        if not isinstance(detail, dict):
            continue
        if isinstance(detail.get("to"), str):
            statuses[entity_id] = detail["to"]
        if isinstance(detail.get("content"), dict):
            bindings[entity_id] = ContentHash.from_detail(detail["content"])
    return statuses, bindings


def _versions(
    connection: Connection, estimate_id: uuid.UUID | None
) -> Iterator[tuple[uuid.UUID, str, int, str]]:
    query = select(EstimateRow.id, CaseRow.claim_no, EstimateRow.version_no, EstimateRow.status)
    query = query.join(CaseRow, CaseRow.id == EstimateRow.case_id)
    if estimate_id is not None:
        query = query.where(EstimateRow.id == estimate_id)
    for row in connection.execute(query.order_by(CaseRow.claim_no, EstimateRow.version_no)):
        yield row[0], row[1], row[2], row[3]


def check_bindings(
    connection: Connection, estimate_id: uuid.UUID | None = None
) -> tuple[int, list[BindingProblem]]:
    """Re-hash every frozen version (or only ``estimate_id``) and compare its status and
    content with the audit trail: (how many frozen versions were checked, the problems)."""
    statuses, bindings = _audited(connection, estimate_id)
    checked = 0
    problems: list[BindingProblem] = []
    frozen = {s.value for s in FROZEN}
    for key, claim_no, version_no, status in _versions(connection, estimate_id):
        content = version_content(connection, key) if status in frozen else None
        checked += status in frozen
        earlier = None if content is None else _before_objects(content)
        found = judge(
            estimate_id=str(key),
            claim_no=claim_no,
            version=version_no,
            status=status,
            audited_status=statuses.get(str(key)),
            recorded=bindings.get(str(key)),
            current=content_hash(content or {}),
            # A third party's version bound before its object's fields were: its binding
            # still holds for what it bound (its object's fields were not).
            earlier=() if earlier is None else (content_hash(earlier),),
        )
        if found is not None:
            problems.append(found)
    return checked, problems


def restate_case(session: Session, case_id: uuid.UUID, actor: str, action: str) -> int:
    """Record, for each version of the case whose stored status or frozen content no longer
    matches the trail (rows written by a check-in, not by the services), what it is now:
    its status and, frozen, its content. The trail then says why it changed. How many."""
    session.flush()
    frozen = {s.value for s in FROZEN}
    versions = session.execute(
        select(EstimateRow.id, EstimateRow.status)
        .where(EstimateRow.case_id == case_id)
        .order_by(EstimateRow.object_id, EstimateRow.version_no)
    ).all()
    restated = 0
    for estimate_id, status in versions:
        _, problems = check_bindings(session.connection(), estimate_id)
        if not problems:
            continue
        detail: dict[str, Any] = {"to": status}
        if status in frozen:
            detail["content"] = binding_detail(session, estimate_id)
        audit.record(
            session,
            actor=actor,
            entity="estimate",
            entity_id=estimate_id,
            action=action,
            detail=detail,
        )
        restated += 1
    return restated


def case_problems(connection: Connection, case_id: uuid.UUID) -> list[BindingProblem]:
    """The versions of one case whose status or frozen content the trail does not back."""
    versions = connection.scalars(select(EstimateRow.id).where(EstimateRow.case_id == case_id))
    problems: list[BindingProblem] = []
    for estimate_id in list(versions):
        problems += check_bindings(connection, estimate_id)[1]
    return problems
