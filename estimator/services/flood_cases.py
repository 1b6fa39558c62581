"""Flood inventory cases (存货水浸定损, #9): a case of its own per claim's site, whose saved
assessments are immutable versions, each in one audited transaction.

A version keeps the inputs (stacks, rules, depths, proposed base height, and the test results,
the policy and the disposal choices when there are any) and the totals they gave (with the payable amount when
there is a policy), with a SHA-256 of both that the audit trail records: loading a version and assessing
its inputs again gives the same figures to the fen.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine

from estimator.documents.flood_report import ReportHeader
from estimator.domain.errors import DomainError
from estimator.domain.field_rules import check_fields
from estimator.domain.flood import FloodAssessment
from estimator.domain.flood_inputs import AssessmentInputs, inputs_document, inputs_from_document
from estimator.domain.workflow import Role
from estimator.persistence.rows import FloodCaseRow, FloodVersionRow
from estimator.persistence.uow import UnitOfWork
from estimator.services.flood_outcome import outcome
from estimator.services.ports import UnitOfWorkLike
from estimator.services.users import User
from kernel.clock import to_local, utcnow
from kernel.money import format_money
from kernel.problems import Problem, described

ENTITY = "flood_case"
#: Who may open and save flood cases.
WRITERS = frozenset({Role.ASSESSOR, Role.ADMIN})


@dataclass(frozen=True)
class FloodCase:
    """A flood case with its newest version's figures (None before the first save)."""

    id: uuid.UUID
    claim_no: str
    insured_name: str
    site: str
    status: str
    created_by: str
    created_at: dt.datetime
    versions: int = 0
    latest_version_id: uuid.UUID | None = None
    net: Decimal | None = None


@dataclass(frozen=True)
class FloodVersionSummary:
    """A saved version as listed (without its inputs)."""

    id: uuid.UUID
    case_id: uuid.UUID
    version_no: int
    loss: Decimal
    salvage: Decimal
    avoided: Decimal
    content_hash: str
    created_by: str
    created_at: dt.datetime

    @property
    def net(self) -> Decimal:
        """Loss less salvage."""
        return self.loss - self.salvage


@dataclass(frozen=True)
class FloodVersion:
    """A saved version with its inputs and the totals stored when it was saved."""

    summary: FloodVersionSummary
    case: FloodCase
    inputs: AssessmentInputs
    totals: dict[str, str]


def _may_write(actor: User) -> None:
    if not actor.roles & WRITERS:
        raise DomainError("not_allowed")


def _parse_id(value: str | uuid.UUID) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value).strip())
    except ValueError:
        raise DomainError("no_flood_case") from None


def _case(row: FloodCaseRow) -> FloodCase:
    return FloodCase(
        row.id,
        row.claim_no,
        row.insured_name,
        row.site,
        row.status,
        row.created_by,
        row.created_at,
    )


def _add_audited(
    uow: UnitOfWorkLike,
    row: FloodCaseRow | FloodVersionRow,
    actor: User,
    entry: Callable[[], tuple[uuid.UUID, str, dict[str, Any]]],
) -> None:
    """Add ``row`` and its audit entry ``(case id, action, detail)`` (not committed)."""
    uow.flood_cases.add(row)
    case_id, action, detail = entry()
    uow.audit.record(
        actor=actor.username,
        entity=ENTITY,
        entity_id=case_id,
        action=action,
        detail=detail,
    )


def create_flood_case(
    engine: Engine, *, claim_no: str, actor: User, insured_name: str = "", site: str = ""
) -> FloodCase:
    """Open a flood case for a claim's site (audited)."""
    _may_write(actor)  # refused before a write transaction is opened
    with UnitOfWork(engine, write=True) as uow:
        created = open_flood_case(
            uow, claim_no=claim_no, actor=actor, insured_name=insured_name, site=site
        )
        uow.commit()
        return created


def open_flood_case(
    uow: UnitOfWorkLike, *, claim_no: str, actor: User, insured_name: str = "", site: str = ""
) -> FloodCase:
    """``create_flood_case`` in ``uow`` (not committed): assessors only, a claim number
    required, the texts within their columns."""
    _may_write(actor)
    claim_no = claim_no.strip()
    if not claim_no:
        raise DomainError("claim_no_required:flood")
    if len(claim_no) > 60 or len(insured_name) > 200 or len(site) > 200:
        raise DomainError("text_too_long:flood_case")
    check_fields({"claim_no": claim_no, "site": site})  # the characters (lengths: above)
    row = FloodCaseRow(
        claim_no=claim_no,
        insured_name=insured_name.strip(),
        site=site.strip(),
        status="open",
        created_by=actor.username,
        created_at=utcnow(),
    )
    _add_audited(
        uow,
        row,
        actor,
        lambda: (
            row.id,
            "create",
            {"claim_no": row.claim_no, "insured": row.insured_name, "site": row.site},
        ),
    )
    return _case(row)


def _totals(assessment: FloodAssessment) -> dict[str, str]:
    t, p = assessment.totals, assessment.prevention
    return {
        "units": str(t.units),
        "wet_units": str(t.wet_units),
        "loss": format_money(t.loss),
        "salvage": format_money(t.salvage),
        "net": format_money(t.net),
        "proposed_base_height_cm": str(p.proposed_base_height_cm),
        "prevention_loss": format_money(p.loss),
        "avoided": format_money(p.avoided),
    }


def content_hash(inputs_json: str, totals: dict[str, str]) -> str:
    """SHA-256 of a version's inputs and totals (what the audit trail records)."""
    payload = json.dumps(
        {"inputs": json.loads(inputs_json), "totals": totals},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _check(inputs: AssessmentInputs) -> None:
    if not inputs.stacks:
        raise DomainError("flood_no_stacks")
    negative = [
        d for d in (inputs.depth.site_cm, *inputs.depth.zones.values()) if d is not None and d < 0
    ]
    proposed = inputs.proposed_base_height_cm
    if negative or (proposed is not None and proposed < 0):
        raise DomainError("flood_negative_height")
    _refuse([p for p in inputs.check() if p.severity == "error"])


def _refuse(errors: list[Problem]) -> None:
    """Refuse inputs with these errors, naming the first five."""
    if errors:
        shown = errors[:5]
        more = len(errors) - len(shown)
        wording = "flood_inputs_invalid:more" if more else "flood_inputs_invalid"
        raise DomainError(wording, problems=described(shown), more=more)


def save_flood_version(
    engine: Engine, case_id: str | uuid.UUID, inputs: AssessmentInputs, actor: User
) -> FloodVersionSummary:
    """Assess ``inputs`` and keep them with their totals as the case's next version (one
    transaction, audited with the content hash); refused, with every reason, when the inputs
    cannot be assessed."""
    _may_write(actor)
    key = _parse_id(case_id)
    with UnitOfWork(engine, write=True) as uow:
        saved = add_flood_version(uow, key, inputs, actor)
        uow.commit()
        return saved


def add_flood_version(
    uow: UnitOfWorkLike, key: uuid.UUID, inputs: AssessmentInputs, actor: User
) -> FloodVersionSummary:
    """``save_flood_version`` in ``uow`` (not committed): the case's next version number, the
    assessment's totals and the content hash over inputs and totals, audited."""
    _may_write(actor)
    _check(inputs)
    # The test results and the policy are checked too (against this depth's lots).
    result = outcome(inputs)
    _refuse([p for p in result.problems if p.severity == "error"])
    assert result.assessment is not None
    assessment = result.assessment
    inputs_json = json.dumps(inputs_document(inputs), ensure_ascii=False, separators=(",", ":"))
    totals = _totals(assessment)
    if result.settlement is not None:  # absent without a policy: older totals stay as they were
        totals["payable"] = format_money(result.settlement.payable)
    digest = content_hash(inputs_json, totals)
    if not uow.flood_cases.exists(key):
        raise DomainError("no_flood_case")
    row = FloodVersionRow(
        case_id=key,
        version_no=uow.flood_cases.last_version_no(key) + 1,
        inputs_json=inputs_json,
        loss=assessment.totals.loss,
        salvage=assessment.totals.salvage,
        avoided=assessment.prevention.avoided,
        totals_json=json.dumps(totals, sort_keys=True),
        content_hash=digest,
        created_by=actor.username,
        created_at=utcnow(),
    )
    _add_audited(
        uow,
        row,
        actor,
        lambda: (
            key,
            "save_version",
            {"version": row.version_no, "content_hash": digest, **totals},
        ),
    )
    return _summary(row)


def _summary(row: FloodVersionRow) -> FloodVersionSummary:
    return FloodVersionSummary(
        row.id,
        row.case_id,
        row.version_no,
        row.loss,
        row.salvage,
        row.avoided,
        row.content_hash,
        row.created_by,
        row.created_at,
    )


def list_flood_cases(engine: Engine, text: str = "") -> list[FloodCase]:
    """Flood cases, newest first, filtered by claim number, insured or site."""
    needle = text.strip().upper()
    with UnitOfWork(engine) as uow:
        rows = uow.flood_cases.matching(needle)
        latest: dict[uuid.UUID, FloodVersionRow] = {}
        counts: dict[uuid.UUID, int] = {}
        for version in uow.flood_cases.all_versions():
            latest[version.case_id] = version
            counts[version.case_id] = counts.get(version.case_id, 0) + 1
        result = []
        for row in rows:
            newest = latest.get(row.id)
            result.append(
                replace(
                    _case(row),
                    versions=counts.get(row.id, 0),
                    latest_version_id=None if newest is None else newest.id,
                    net=None if newest is None else newest.loss - newest.salvage,
                )
            )
        return result


def list_flood_versions(engine: Engine, case_id: str | uuid.UUID) -> list[FloodVersionSummary]:
    """A case's saved versions, oldest first."""
    key = _parse_id(case_id)
    with UnitOfWork(engine) as uow:
        return [_summary(r) for r in uow.flood_cases.versions(key)]


def load_flood_version(engine: Engine, version_id: str | uuid.UUID) -> FloodVersion:
    """A saved version with its inputs, checked against its content hash."""
    key = _parse_id(version_id)
    with UnitOfWork(engine) as uow:
        row = uow.flood_cases.version(key)
        if row is None:
            raise DomainError("no_flood_version")
        case = uow.flood_cases.case(row.case_id)
        assert case is not None
        totals = json.loads(row.totals_json)
        if content_hash(row.inputs_json, totals) != row.content_hash:
            raise DomainError("flood_version_altered", version_no=row.version_no)
        return FloodVersion(
            _summary(row), _case(case), inputs_from_document(json.loads(row.inputs_json)), totals
        )


def flood_case_history(
    engine: Engine, case_id: str | uuid.UUID
) -> list[tuple[str, str, dict[str, Any]]]:
    """(actor, action, detail) of every audited change of a flood case, oldest first."""
    key = _parse_id(case_id)
    with UnitOfWork(engine) as uow:
        rows = uow.audit.entries({ENTITY: [str(key)]})
        return [(r.actor, r.action, json.loads(r.detail)) for r in rows]


def report_header(engine: Engine, case_id: uuid.UUID | None, assessor: str) -> ReportHeader:
    """The report's header for a flood case: claim, insured, site, and its photos (the case
    and its photos read in one unit of work, so the report shows one state of the case)."""
    if case_id is None:
        return ReportHeader(assessor=assessor)
    with UnitOfWork(engine, snapshot=True) as uow:
        row = uow.flood_cases.case(case_id)
        if row is None:
            raise DomainError("no_flood_case")
        case = _case(row)
        photos = tuple(
            (data, p.filename)
            for p in uow.photos.of_flood_case(case_id)
            if p.content_type in ("image/png", "image/jpeg")
            and (data := uow.photos.blob(p.sha256)) is not None
        )
    return ReportHeader(
        claim_no=case.claim_no,
        insured_name=case.insured_name,
        site=case.site,
        assessor=assessor,
        surveyed_on=to_local(case.created_at).date().isoformat(),
        photos=photos,
    )
