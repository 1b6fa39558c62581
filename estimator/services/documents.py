"""Document use cases: the estimate sheet PDF and the JSON export of a stored estimate."""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine

from estimator.documents.estimate_sheet import SheetHeader, in_capitals, render_sheet_with_spot
from estimator.documents.pdf_page import SignatureSpot
from estimator.documents.sheet_flood import SheetFlood
from estimator.documents.sheet_payout import SheetPayout
from estimator.domain.adjustments import reviewed_totals
from estimator.domain.clocks import EventKind
from estimator.domain.diff import VersionDiff, diff_versions
from estimator.domain.errors import DomainError
from estimator.domain.estimate_json import document_of, line_document, priced_document
from estimator.domain.notify import REPAIR_WINDOW_DAYS
from estimator.domain.pricing import PricedEstimate, Totals
from estimator.domain.settlement_inputs import CaseSettlement
from estimator.domain.settlement_payout import CasePayout, ObjectKind
from estimator.domain.workflow import EstimateStatus, Role
from estimator.persistence import audit
from estimator.persistence.uow import UnitOfWork
from estimator.services import estimate_store, settlement
from estimator.services.binding import record_signed_sheet, refuse_problems
from estimator.services.guarantee import certificate_in
from estimator.services.settings import settings_in
from estimator.services.users import User
from kernel.clock import to_local
from kernel.problems import Language, current_language

#: The guarantee's repair window in days from approval (the sheet's guarantee text).
REPAIR_WINDOW_ENV = "ESTIMATOR_REPAIR_WINDOW_DAYS"


def repair_window_days() -> int:
    """ESTIMATOR_REPAIR_WINDOW_DAYS (a whole number of days, at least 1), else 30."""
    chosen = os.environ.get(REPAIR_WINDOW_ENV, "").strip()
    if not chosen:
        return REPAIR_WINDOW_DAYS
    if not chosen.isdigit() or int(chosen) < 1:
        raise DomainError("bad_repair_window_setting", variable=REPAIR_WINDOW_ENV)
    return int(chosen)


def estimate_sheet(
    engine: Engine,
    estimate_id: str | uuid.UUID,
    insurer: str = "",
    *,
    unmasked_for: User | None = None,
    language: Language | None = None,
) -> bytes:
    """The estimate sheet of a stored version as PDF bytes, in ``language`` (else the
    interface's: ESTIMATOR_LANG/LANG); personal data is masked unless an administrator asks
    otherwise (and that is audited)."""
    if unmasked_for is not None:
        if Role.ADMIN not in unmasked_for.roles:
            raise DomainError("not_allowed:unmasked")
        with UnitOfWork(engine, write=True) as uow:
            audit.record(
                uow.session,
                actor=unmasked_for.username,
                entity="estimate",
                entity_id=estimate_id,
                action="print_unmasked",
            )
            uow.commit()
    return estimate_sheet_with_spot(
        engine, estimate_id, insurer, masked=unmasked_for is None, language=language
    )[0]


def estimate_sheet_with_spot(
    engine: Engine,
    estimate_id: str | uuid.UUID,
    insurer: str = "",
    *,
    masked: bool = True,
    language: Language | None = None,
) -> tuple[bytes, SignatureSpot]:
    """The estimate sheet of a stored version; a supplement shows what changed and both
    totals. Also where the digital signature's stamp goes. Everything it shows is read in
    one unit of work (one snapshot): a save meanwhile is either wholly on it or not at all."""
    with UnitOfWork(engine, snapshot=True) as uow:
        priced, header = sheet_facts(uow, estimate_id, insurer, masked=masked, language=language)
    return render_sheet_with_spot(priced, header)


def sheet_facts(
    uow: UnitOfWork,
    estimate_id: str | uuid.UUID,
    insurer: str = "",
    *,
    masked: bool = True,
    language: Language | None = None,
) -> tuple[PricedEstimate, SheetHeader]:
    """The priced version and the sheet's header (case, previous version, review,
    guarantee, signature, audit head), every part read in ``uow``."""
    stored = estimate_store.stored_in(uow, estimate_id)
    refuse_problems(uow.audit.binding_problems(stored.id))  # never altered content (promise 13)
    priced, _problems = estimate_store.price_stored_in(uow, stored)
    if priced is None or not priced.ok:
        raise DomainError("cannot_price:sheet")
    case = uow.cases.get(stored.case_id)
    assert case is not None  # a stored version's case (cases are archived, never removed)
    object_id = stored.object_id
    previous_id = (
        None if object_id is None else uow.estimates.version_id(object_id, stored.version_no - 1)
    )
    previous = estimate_store.stored_in(uow, previous_id) if previous_id else None
    adjustments = uow.estimates.adjustments(stored.id)
    approved = reviewed_totals(priced, adjustments)
    signature, signed_at = uow.estimates.customer_signature(stored.id)
    zone = settings_in(uow).text("display.timezone")  # the sheet's times as every screen's
    reviewer, opinion, approved_on = _review_of(uow, stored, zone)
    lang = language or current_language()
    obj = stored.loss_object
    third_party = obj is not None and obj.kind.third_party
    header = SheetHeader(
        insurer=insurer,
        version_no=stored.version_no,
        status=stored.status.value,
        assessor=_display_name(uow, stored.created_by),
        insured_name=case.insured_name,
        insured_phone=case.insured_phone,
        diff=None if previous is None else _changes(previous, stored),
        line_keys=tuple(str(k) for k in stored.line_keys),
        previous_total=None if previous is None else previous.totals["total"],
        customer_signature=signature,
        audit_head=audit.verify(uow.session.connection()).head,
        mask_personal_data=masked,
        guarantee=_guarantee_line(uow, stored.id, approved),
        review={i: (a.amount, a.reason) for i, a in adjustments.items()},
        approved_total=approved.total,
        customer_signed_at=f"{to_local(signed_at, zone):%Y-%m-%d %H:%M}" if signed_at else "",
        language=lang,
        reviewer=reviewer,
        review_opinion=opinion,
        approved_on=approved_on,
        repair_window_days=repair_window_days(),
        payout=sheet_payout_in(uow, stored),
        # The flood record is the insured vehicle's; a third party's sheet names its object.
        flood=sheet_flood_in(uow, stored.case_id) if not third_party else None,
        loss_object=obj.title(lang) if obj is not None and third_party else "",
        property_item=obj is not None and obj.kind is ObjectKind.THIRD_PARTY_PROPERTY,
    )
    return priced, header


def sheet_flood_in(uow: UnitOfWork, case_id: uuid.UUID) -> SheetFlood | None:
    """The case's flood record as the sheet prints it; None when it has none."""
    data = uow.settlement.get(case_id)
    if data.water_level is None and data.immersion is None and data.engine_restarted is None:
        return None
    return SheetFlood(data.water_level, data.immersion, data.engine_restarted)


def has_settlement_data(data: CaseSettlement) -> bool:
    """Whether the case gave what a payout is estimated from: the new-vehicle price, the
    policy, or the liability (flood data alone is not a payout)."""
    given = (
        data.new_price,
        data.vehicle_damage_sum_insured,
        data.third_party_limit,
        data.deductible,
        data.liability,
        data.other_party_compulsory,
        data.other_party_liability,
    )
    return any(value is not None for value in given)


def sheet_payout_in(uow: UnitOfWork, stored: estimate_store.StoredEstimate) -> SheetPayout | None:
    """The expected payment the sheet prints, computed by the settlement services from this
    version; None when the case has no settlement data. Stored data that cannot be worked out
    is said on the sheet rather than refusing the whole sheet."""
    data = uow.settlement.get(stored.case_id)
    if data.new_price is None and data.registered_on is not None:
        # A registered vehicle whose model the catalog prices has a value, hence a payout.
        data = replace(data, new_price=settlement.catalog_new_price_in(uow, stored))
    if not has_settlement_data(data):
        return None
    try:
        payout = settlement.payout_in(uow, stored)
        value = settlement.vehicle_value_in(uow, stored)
    except DomainError as error:
        return SheetPayout(problem=(error.message_zh, error.message_en))
    return SheetPayout(payout=payout, value=value)


def notice_payout(engine: Engine, estimate_id: str | uuid.UUID) -> CasePayout | None:
    """The case's payout estimate (预估赔款) from this version, for the approval notice;
    None when the case has no settlement data or it cannot be worked out."""
    with UnitOfWork(engine, snapshot=True) as uow:
        facts = sheet_payout_in(uow, estimate_store.stored_in(uow, estimate_id))
    return None if facts is None else facts.payout


def _changes(
    previous: estimate_store.StoredEstimate, stored: estimate_store.StoredEstimate
) -> VersionDiff:
    """What changed from the previous version (the supplement's sheet shows it)."""
    return diff_versions(
        estimate_store.snapshots(previous),
        estimate_store.snapshots(stored),
        previous.totals,
        stored.totals,
    )


def _display_name(uow: UnitOfWork, username: str) -> str:
    """A user's display name (王定损), the username when unknown."""
    return uow.users.display_names({username}).get(username, username)


def _review_of(
    uow: UnitOfWork, stored: estimate_store.StoredEstimate, zone: str
) -> tuple[str, str, dt.date | None]:
    """Who approved the version (display name), their opinion, and the day (local time);
    empty before approval."""
    approved = (EstimateStatus.APPROVED, EstimateStatus.SIGNED, EstimateStatus.CLOSED)
    if stored.status not in approved:
        return "", "", None
    row = uow.estimates.row(stored.id)
    assert row is not None
    at = uow.cases.first_event_since(stored.case_id, EventKind.APPROVAL, row.created_at)
    name = _display_name(uow, row.decided_by) if row.decided_by else row.decided_by
    return name, row.decision_reason, to_local(at, zone).date() if at else None


@dataclass(frozen=True)
class SigningFacts:
    """What the customer sees while signing: the claim, their name and the amount."""

    claim_no: str
    insured_name: str
    total: Decimal
    #: The amount in capital numerals with its currency (人民币…).
    total_in_words: str


def signing_facts(engine: Engine, estimate_id: str | uuid.UUID) -> SigningFacts:
    """The claim number, the insured's name and the approved total (figures and 大写)."""
    with UnitOfWork(engine, snapshot=True) as uow:
        stored = estimate_store.stored_in(uow, estimate_id)
        case = uow.cases.get(stored.case_id)
        name = case.insured_name if case is not None else ""
        total = estimate_store.approved_totals_in(uow, stored).total
    return SigningFacts(stored.estimate.claim_no, name or "", total, in_capitals(total))


def signature_refusal(
    engine: Engine, estimate_id: str | uuid.UUID, actor: User
) -> DomainError | None:
    """Why ``actor`` may not collect the customer's signature (None: they may): only the
    case's assessor does (who opened the case or edited its lines, see case_details)."""
    from estimator.services.case_details import case_details

    stored = estimate_store.load_estimate(engine, estimate_id)
    assessors = case_details(engine, stored.case_id).assessors
    if Role.ASSESSOR in actor.roles and actor.username in assessors:
        return None
    return DomainError("not_the_cases_assessor")


def may_sign(engine: Engine, estimate_id: str | uuid.UUID, actor: User) -> bool:
    """Whether ``actor`` is offered the customer's signature (see :func:`signature_refusal`)."""
    return signature_refusal(engine, estimate_id, actor) is None


def export_estimate(engine: Engine, estimate_id: str | uuid.UUID, kind: str, path: Path) -> None:
    """Write a stored estimate as ``pdf`` (the estimate sheet) or ``json`` (estimate/1, priced)."""
    # Never an export of altered content (promise 13): each kind checks in its own snapshot.
    if kind == "pdf":
        path.write_bytes(estimate_sheet(engine, estimate_id))
        return
    if kind == "xlsx":
        from estimator.documents.estimate_workbook import estimate_workbook

        with UnitOfWork(engine, snapshot=True) as uow:
            stored = estimate_store.stored_in(uow, estimate_id)
            refuse_problems(uow.audit.binding_problems(stored.id))
            priced, _ = estimate_store.price_stored_in(uow, stored)
        if priced is None or not priced.ok:
            raise DomainError("cannot_price")
        lines = [line_document(line) for line in stored.estimate.lines]
        path.write_bytes(estimate_workbook(priced, lines))
        return
    if kind == "json":
        path.write_text(
            json.dumps(estimate_document(engine, estimate_id), ensure_ascii=False, indent=2),
            encoding="utf-8",
        )
        return
    raise DomainError("not_yet", kind=kind)


def estimate_document(engine: Engine, estimate_id: str | uuid.UUID) -> dict[str, object]:
    """A stored estimate as a priced ``estimate/1`` document; refused if its content was
    altered outside the application (promise 13)."""
    with UnitOfWork(engine, snapshot=True) as uow:
        stored = estimate_store.stored_in(uow, estimate_id)
        refuse_problems(uow.audit.binding_problems(stored.id))
        priced, _ = estimate_store.price_stored_in(uow, stored)
        certificate = certificate_in(uow, stored.id)
    assert priced is not None
    ref = None if stored.loss_object is None else stored.loss_object.ref
    document = priced_document(document_of(stored.estimate, ref), priced)
    if certificate is not None and certificate.matches:
        # The no-price-difference guarantee travels with the estimate (issue #23).
        document["guarantee_certificate"] = {
            "number": certificate.number,
            "valid_to": certificate.valid_to.isoformat(),
        }
    return document


TSA_ENV = "ESTIMATOR_TSA_URL"


def export_signed_sheet(
    engine: Engine, estimate_id: str | uuid.UUID, path: Path, p12: bytes, passphrase: bytes
) -> None:
    """The estimate sheet, digitally signed (PAdES B-B) with the assessor's own certificate:
    refused unless it verifies as trusted (the certificate enrolled for the sheet's assessor,
    or one the organisation's CA issued them)."""
    from estimator.documents.signing import SigningError, http_timestamper, sign_pdf
    from estimator.services.signer_trust import refuse_untrusted

    sheet, spot = estimate_sheet_with_spot(engine, estimate_id)
    assessor = estimate_store.load_estimate(engine, estimate_id).created_by
    try:
        # With a timestamp authority configured the signature is PAdES B-T, else B-B.
        url = os.environ.get(TSA_ENV)
        stamper = http_timestamper(url) if url else None
        signed = sign_pdf(
            sheet,
            p12,
            passphrase,
            box=spot.box,
            page=spot.page,
            timestamper=stamper,
            signer_name=assessor,
        )
    except SigningError as error:
        raise DomainError("cannot_sign", error=error) from None
    refuse_untrusted(engine, signed)
    # The trusted signed sheet's hash, bound in the audit chain (promise 13).
    path.write_bytes(record_signed_sheet(engine, estimate_id, signed))


def guarantee_terms(engine: Engine, estimate_id: str | uuid.UUID) -> tuple[str, int]:
    """The guarantee certificate's number ("" without one that still matches the estimate)
    and the repair window in days: what the approval notice says of the guarantee."""
    with UnitOfWork(engine, snapshot=True) as uow:
        line = _guarantee_line(uow, estimate_store.parse_id(estimate_id))
    return ("" if line is None else line[0]), repair_window_days()


def _guarantee_line(
    uow: UnitOfWork, estimate_id: uuid.UUID, approved: Totals | None = None
) -> tuple[str, str] | None:
    """(number, valid to) of the version's certificate while its content still matches."""
    certificate = certificate_in(uow, estimate_id, approved)
    if certificate is None or not certificate.matches:
        return None
    return certificate.number, certificate.valid_to.isoformat()
