"""The assessor's reasons for the warnings open at submission (issue #26): checked against
the findings, kept with the version in the submission's own transaction, read back for the
reviewer."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import object_session

from estimator.domain.errors import DomainError
from estimator.domain.review import Finding, ReviewPolicy, Severity
from estimator.persistence.rows import EstimateRow
from estimator.persistence.submission_reasons import (
    SubmissionReasonRepository,
    SubmissionReasonRow,
)
from estimator.persistence.uow import UnitOfWork
from estimator.services import estimate_store
from kernel.clock import utcnow
from kernel.problems import register_messages

#: A finding as the assessor answers it: its rule and line (None: the whole estimate).
FindingKey = tuple[str, int | None]

register_messages(
    {
        "submit_reasons_missing": (
            "仍有提醒未写提交说明 ({rules})：请为每条提醒写明原因后再提交",
            "warnings remain without a reason ({rules}): write why for each before submitting",
        ),
        "submit_reason_too_short": (
            "{rule} 的提交说明“{reason}”不足以说明原因，请写明具体原因",
            "the reason for {rule} (“{reason}”) does not say why; write the actual reason",
        ),
        "submit_reason_no_warning": (
            "{rule} 没有需要说明的提醒",
            "{rule} has no open warning to explain",
        ),
    }
)


@dataclass(frozen=True)
class SubmissionReason:
    """Why the assessor submitted with a warning open."""

    rule: str
    line: int | None
    reason: str
    written_by: str


def key_of(finding: Finding) -> FindingKey:
    """The key a reason is given under."""
    return (finding.rule, finding.line)


def open_warnings(findings: Sequence[Finding]) -> list[Finding]:
    """The findings that need a reason to submit (warnings)."""
    return [f for f in findings if f.severity is Severity.WARN]


def by_rule(findings: Sequence[Finding], reasons: Mapping[str, str]) -> dict[FindingKey, str]:
    """Reasons given per rule (the command line's ``--reason RULE=TEXT``) as reasons per
    finding; a rule with no open warning is refused in words."""
    warned = {f.rule for f in open_warnings(findings)}
    for rule in reasons:
        if rule not in warned:
            raise DomainError("submit_reason_no_warning", rule=rule)
    return {key_of(f): reasons[f.rule] for f in open_warnings(findings) if f.rule in reasons}


def checked(
    findings: Sequence[Finding], reasons: Mapping[FindingKey, str], policy: ReviewPolicy
) -> dict[FindingKey, str]:
    """The reasons of the open warnings, each plausible; refused in words when a warning has
    none or a reason says nothing."""
    wanted = {key_of(f) for f in open_warnings(findings)}
    missing = sorted({rule for rule, line in wanted if not reasons.get((rule, line), "").strip()})
    if missing:
        raise DomainError("submit_reasons_missing", rules=", ".join(missing))
    found = {}
    for key in sorted(wanted, key=lambda k: (k[0], -1 if k[1] is None else k[1])):
        text = " ".join(reasons[key].split())[:500]
        if len(text) < policy.min_reason_chars or text.lower() in policy.implausible_reasons:
            raise DomainError("submit_reason_too_short", rule=key[0], reason=text)
        found[key] = text
    return found


def storing(reasons: Mapping[FindingKey, str], actor: str) -> Callable[[EstimateRow], None]:
    """What the submission's transaction does with the reasons: keep them with the version."""

    def store(row: EstimateRow) -> None:
        session = object_session(row)
        assert session is not None
        now = utcnow()
        rows = [
            SubmissionReasonRow(
                estimate_id=row.id,
                rule=rule,
                line=line,
                reason=text,
                written_by=actor,
                written_at=now,
            )
            for (rule, line), text in reasons.items()
        ]
        SubmissionReasonRepository(session).replace(row.id, rows)

    return store


def submission_reasons(engine: Engine, estimate_id: str | uuid.UUID) -> list[SubmissionReason]:
    """The reasons the assessor gave when the version was submitted, by rule and line."""
    with UnitOfWork(engine) as uow:
        version = estimate_store.stored_in(uow, estimate_id).id
        return [
            SubmissionReason(r.rule, r.line, r.reason, r.written_by)
            for r in uow.submission_reasons.of_version(version)
        ]
