"""Content binding (reliability.md, promise 13): the canonical content hash of an estimate
version, by section, and the words for a version whose stored content or status no longer
matches the audit trail. Pure.

A version's content is a mapping of sections (``header``, ``lines``, ``totals``,
``certificate``, ``signature``) holding only JSON-like values, Decimals, dates and times.
Each section is written as canonical JSON (keys sorted, no spaces, a Decimal as its plain
normalised digits, so 1.0000 and 1 are the same quantity, a time in UTC) and hashed with
SHA-256; the version's hash is the SHA-256 of the canonical JSON of the whole content. The
audit chain keeps both, so a later check can say which section changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from estimator.domain.privacy import mask_numbers
from estimator.domain.workflow import EstimateStatus
from kernel.problems import Language, current_language, register_messages, render

#: The sections of a version's content, in the order their names are reported.
SECTIONS = ("header", "lines", "totals", "certificate", "signature")

#: The statuses whose content is frozen and bound in the audit chain.
FROZEN = frozenset(
    {
        EstimateStatus.SUBMITTED,
        EstimateStatus.APPROVED,
        EstimateStatus.SIGNED,
        EstimateStatus.CLOSED,
    }
)

BINDING_MESSAGES: dict[str, tuple[str, str]] = {
    "binding_section_header": ("表头 (案件、车辆与核损信息)", "header (case, vehicle, review)"),
    "binding_section_lines": ("明细", "lines"),
    "binding_section_totals": ("合计", "totals"),
    "binding_section_certificate": ("无差价承诺书", "guarantee certificate"),
    "binding_section_signature": ("客户签字", "customer's signature"),
    "content_altered": (
        "报案号 {claim_no} 第 {version} 版的内容与审计记录不符，被改动的部分：{sections}",
        "claim {claim_no} version {version}: the content does not match the audit trail; "
        "changed: {sections}",
    ),
    "status_unbacked": (
        "报案号 {claim_no} 第 {version} 版的状态“{status}”没有对应的审计记录 (在程序之外被改动)",
        "claim {claim_no} version {version}: the status '{status}' has no matching audit "
        "entry (changed outside the application)",
    ),
    "content_not_bound": (
        "报案号 {claim_no} 第 {version} 版在启用内容绑定之前已冻结，未绑定，无法校验其内容",
        "claim {claim_no} version {version} was frozen before content binding: not bound, "
        "its content cannot be checked",
    ),
    "content_refused": (
        "{problem}。不能据此出具估损单、导出或签字，请联系管理员核查",
        "{problem}. No sheet, export or signature is made from it: ask the administrator "
        "to investigate",
    ),
    # The same refusal raised as the error ``content_altered``.
    "content_altered:refused": (
        "{problem}。不能据此出具估损单、导出或签字，请联系管理员核查",
        "{problem}. No sheet, export or signature is made from it: ask the administrator "
        "to investigate",
    ),
    "bindings_intact": (
        "内容绑定完好：{count} 个已提交、核定或签字的版本与审计记录一致",
        "content binding intact: {count} submitted, approved or signed version(s) match the "
        "audit trail",
    ),
    "bindings_not_checked": (
        "内容绑定未校验：文件的数据库结构不是本版本的最新结构",
        "content binding not checked: the file's schema is not this version's newest",
    ),
    "bindings_broken": (
        "内容绑定被破坏：{count} 个版本与审计记录不符",
        "content binding broken: {count} version(s) do not match the audit trail",
    ),
}
register_messages(BINDING_MESSAGES)

#: The Chinese words of the statuses (the status itself is a code word).
_STATUS_ZH = {
    "draft": "草稿",
    "submitted": "待核损",
    "returned": "核损退回",
    "approved": "核损通过",
    "signed": "客户已签字",
    "closed": "已结案",
}


def _plain(value: Any) -> Any:
    """``value`` with Decimals, dates and times as canonical strings, containers recursed."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value.is_finite() else str(value)
    if isinstance(value, dt.datetime):
        at = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        return at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, bool)):
        return value
    return str(value)


def canonical_json(value: Any) -> str:
    """``value`` as canonical JSON: keys sorted, no spaces, Decimals as plain digits."""
    return json.dumps(_plain(value), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ContentHash:
    """A version's content hash and the hash of each of its sections."""

    digest: str
    sections: Mapping[str, str]

    def as_detail(self) -> dict[str, Any]:
        """What an audit entry keeps of it."""
        return {"hash": self.digest, "sections": dict(self.sections)}

    def masked_as_before(self) -> ContentHash:
        """The hash as audit entries kept it before digests were exempt from personal-data
        masking (a run of digits that looked like a phone or ID number masked)."""
        return ContentHash(
            mask_numbers(self.digest), {k: mask_numbers(v) for k, v in self.sections.items()}
        )

    def was_masked(self) -> bool:
        """Whether this recorded hash went through that older masking (hex has no ``*``)."""
        return "*" in self.digest or any("*" in v for v in self.sections.values())

    @staticmethod
    def from_detail(detail: Mapping[str, Any]) -> ContentHash:
        """The hash an audit entry kept (see :meth:`as_detail`)."""
        return ContentHash(str(detail.get("hash", "")), dict(detail.get("sections", {})))


def content_hash(content: Mapping[str, Any]) -> ContentHash:
    """The canonical content hash of a version's ``content`` (its sections, see SECTIONS)."""
    sections = {name: _sha256(canonical_json(content.get(name))) for name in SECTIONS}
    whole = {name: content.get(name) for name in SECTIONS}
    return ContentHash(_sha256(canonical_json(whole)), sections)


def changed_sections(recorded: ContentHash, current: ContentHash) -> tuple[str, ...]:
    """The sections whose hash differs, in SECTIONS order; every section when the whole
    hash differs but no section's does (a recorded hash without sections)."""
    if recorded.digest == current.digest:
        return ()
    changed = tuple(
        name for name in SECTIONS if recorded.sections.get(name) != current.sections.get(name)
    )
    return changed or SECTIONS


@dataclass(frozen=True)
class BindingProblem:
    """A version whose content or status does not match the audit trail."""

    estimate_id: str
    claim_no: str
    version: int
    status: str
    #: ``altered`` (content differs), ``unbacked`` (status without its audit entry) or
    #: ``not_bound`` (frozen before content binding: reported, not a failure).
    kind: str
    sections: tuple[str, ...] = ()

    @property
    def failure(self) -> bool:
        """Whether it shows tampering (a version that is merely not bound does not)."""
        return self.kind != "not_bound"

    def message(self, language: Language | None = None) -> str:
        """The problem in words: the claim, the version and what differs."""
        params: dict[str, object] = {"claim_no": self.claim_no, "version": self.version}
        if self.kind == "altered":
            separator = "、" if _lang(language) == "zh" else ", "
            params["sections"] = separator.join(
                render(f"binding_section_{name}", None, language) for name in self.sections
            )
            return render("content_altered", params, language)
        if self.kind == "unbacked":
            status = _STATUS_ZH.get(self.status, self.status)
            params["status"] = status if _lang(language) == "zh" else self.status
            return render("status_unbacked", params, language)
        return render("content_not_bound", params, language)

    def as_dict(self) -> dict[str, object]:
        """For ``--json`` output."""
        return {
            "estimate_id": self.estimate_id,
            "claim_no": self.claim_no,
            "version": self.version,
            "status": self.status,
            "kind": self.kind,
            "sections": list(self.sections),
        }


def _lang(language: Language | None) -> Language:
    return language or current_language()


def judge(
    *,
    estimate_id: str,
    claim_no: str,
    version: int,
    status: str,
    audited_status: str | None,
    recorded: ContentHash | None,
    current: ContentHash,
    earlier: Sequence[ContentHash] = (),
) -> BindingProblem | None:
    """What is wrong with one version, if anything: its status must be the one its last
    status entry in the audit trail moved it to (a version never moved is a draft), and a
    frozen version's content must hash as its last binding entry recorded. ``earlier``: the
    hashes of the same content as an earlier release bound it (fewer fields), which a binding
    recorded then is compared with; the sections reported are those of the closest form."""

    def problem(kind: str, sections: tuple[str, ...] = ()) -> BindingProblem:
        return BindingProblem(estimate_id, claim_no, version, status, kind, sections)

    if status != (audited_status or EstimateStatus.DRAFT.value):
        return problem("unbacked")
    if status not in {s.value for s in FROZEN}:
        return None
    if recorded is None:
        return problem("not_bound")
    # Older trails masked what looked like a phone or ID number in hex digests too: compare
    # the recomputed hash as such a trail kept it.
    forms = [current, *earlier]
    kept = [f.masked_as_before() for f in forms] if recorded.was_masked() else forms
    changed = min((changed_sections(recorded, form) for form in kept), key=len)
    return problem("altered", changed) if changed else None


def failures(problems: Sequence[BindingProblem]) -> list[BindingProblem]:
    """The problems that show tampering."""
    return [p for p in problems if p.failure]
