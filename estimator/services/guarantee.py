"""Guarantee use cases: partner shops, qualification, numbered certificates bound to the
approved content."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from estimator.domain.adjustments import ReviewAdjustment
from estimator.domain.errors import DomainError
from estimator.domain.estimate import Estimate
from estimator.domain.guarantee import Disqualification, PartnerAgreement, qualification
from estimator.domain.partners import PartnerShop
from estimator.domain.pricing import PricedEstimate, Totals
from estimator.domain.workflow import EstimateStatus
from estimator.persistence.certificates import CertificateRepository
from estimator.persistence.rows import GuaranteeCertificateRow
from estimator.persistence.uow import AuditTrail, UnitOfWork, advisory_lock
from estimator.services import estimate_store
from estimator.services.partners import partner_shop, save_shop
from estimator.services.ports import AuditLike, CertificatesLike, UnitOfWorkLike
from estimator.services.users import User
from kernel.clock import utcnow
from kernel.problems import Worded
from labor_standards.model import ShopClass
from parts_catalog.model import PriceType

_NUMBERING_LOCK = 0x57434A  # "WCJ": the advisory lock guarding certificate numbers


def save_partner_shop(
    engine: Engine,
    agreement: PartnerAgreement,
    shop_class: ShopClass,
    region: str,
    actor: str,
    contact: str = "",
) -> None:
    """Add or update a partner shop's agreement (audited)."""
    with UnitOfWork(engine, write=True) as uow:
        shop = PartnerShop(agreement, shop_class, region, contact)
        save_shop(uow.partners, uow.audit, shop, actor, "save")
        uow.commit()


def agreement_for(engine: Engine, shop_name: str) -> PartnerAgreement | None:
    """The partner agreement of a shop, if it is a partner."""
    shop = partner_shop(engine, shop_name)
    return None if shop is None else shop.agreement


def agreed_price_type(
    engine: Engine, shop_name: str, category: str, on: dt.date | None = None
) -> PriceType | None:
    """The price type a new part line of ``category`` takes at the shop: the agreed one while
    the shop's agreement is valid, else None (the estimate's own price type applies)."""
    agreement = agreement_for(engine, shop_name)
    if (
        agreement is None
        or not agreement.valid_from <= (on or dt.date.today()) <= agreement.valid_to
    ):
        return None
    return agreement.price_types.get(category, agreement.default_price_type)


def qualify(
    engine: Engine, estimate_id: str | uuid.UUID, on: dt.date | None = None
) -> list[Disqualification]:
    """Why the estimate cannot carry the guarantee (empty: it qualifies)."""
    stored = estimate_store.load_estimate(engine, estimate_id)
    priced, _ = estimate_store.price_stored(stored, engine)
    return qualify_priced(engine, stored, priced, on)


def qualify_priced(
    engine: Engine,
    stored: estimate_store.StoredEstimate,
    priced: PricedEstimate | None,
    on: dt.date | None = None,
) -> list[Disqualification]:
    """``qualify`` for a version already loaded and priced (the editor has both at hand)."""
    with UnitOfWork(engine) as uow:
        return qualify_in(uow, stored.estimate, priced, on or dt.date.today())


def qualify_in(
    uow: UnitOfWorkLike, estimate: Estimate, priced: PricedEstimate | None, on: dt.date
) -> list[Disqualification]:
    """Why the priced ``estimate`` cannot carry the guarantee on ``on`` (empty: it qualifies),
    with the shop's agreement from the registry and its parts' categories from the catalog,
    read in ``uow``."""
    if priced is None or not priced.ok:
        return [Disqualification(None, "cannot_price")]
    categories = uow.catalog.categories([line.part_no for line in estimate.lines if line.part_no])
    shop = uow.partners.get(estimate.shop_name)
    return qualification(priced, None if shop is None else shop.agreement, on, categories)


def approved_content_hash(
    engine: Engine, estimate_id: str | uuid.UUID, totals: Totals | None = None
) -> str:
    """SHA-256 of what was approved: every line and the approved totals (``totals`` when
    the caller has already priced them)."""
    with UnitOfWork(engine) as uow:
        stored = estimate_store.stored_in(uow, estimate_id)
        totals = totals or estimate_store.approved_totals_in(uow, stored)
        return content_hash_of(stored, totals, uow.estimates.adjustments(stored.id))


def content_hash_of(
    stored: estimate_store.StoredEstimate,
    totals: Totals,
    adjustments: Mapping[int, ReviewAdjustment],
) -> str:
    """``approved_content_hash`` of a version, its approved totals and the reviewer's
    amounts, all read already (in one unit of work)."""
    payload = {
        "lines": [
            [
                str(k),
                line.kind.value,
                line.part_no,
                line.component_code,
                str(line.qty),
                str(amount),
                str(adjustments[i].amount) if i in adjustments else "",
            ]
            for i, (k, line, amount) in enumerate(
                zip(stored.line_keys, stored.estimate.lines, stored.amounts, strict=True)
            )
        ],
        "totals": {k: str(v) for k, v in totals.__dict__.items()},
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class Certificate:
    """A guarantee certificate and whether the estimate still matches what it was issued for."""

    number: str
    estimate_id: uuid.UUID
    valid_to: dt.date
    matches: bool


def issue_certificate(engine: Engine, estimate_id: str | uuid.UUID, actor: User) -> Certificate:
    """Issue the numbered certificate for an approved, qualifying estimate."""
    stored = estimate_store.load_estimate(engine, estimate_id)
    if stored.status is not EstimateStatus.APPROVED:
        raise DomainError("not_approved:guarantee")
    reasons = qualify(engine, estimate_id)
    if reasons:
        raise DomainError(
            "not_qualified",
            reasons=Worded(
                "；".join(r.message_zh for r in reasons), "; ".join(r.message_en for r in reasons)
            ),
        )
    agreement = agreement_for(engine, stored.estimate.shop_name)
    assert agreement is not None
    digest = approved_content_hash(engine, estimate_id)
    with UnitOfWork(engine, write=True) as uow:
        number = store_certificate(uow.session, stored.id, digest, agreement.valid_to, actor)
        uow.commit()
    return Certificate(number, stored.id, agreement.valid_to, True)


def certificate_due(engine: Engine, estimate_id: str | uuid.UUID) -> tuple[str, dt.date] | None:
    """(content hash, valid to) of the certificate the estimate earns when approved now: at a
    partner shop with a valid agreement, priced as agreed; None when it earns none."""
    stored = estimate_store.load_estimate(engine, estimate_id)
    if not stored.estimate.partner or qualify(engine, estimate_id):
        return None
    agreement = agreement_for(engine, stored.estimate.shop_name)
    assert agreement is not None
    return approved_content_hash(engine, estimate_id), agreement.valid_to


def store_certificate(
    session: Session, estimate_id: uuid.UUID, digest: str, valid_to: dt.date, actor: User
) -> str:
    """Number and store a certificate (audited) in the caller's transaction; the number is
    the year's next one. SQLite's writers are already one at a time (BEGIN IMMEDIATE); on
    PostgreSQL a transaction-scoped advisory lock makes concurrent issuers take turns, so
    the count is read after the other's commit: no two certificates share a number, none
    is skipped."""
    advisory_lock(session, _NUMBERING_LOCK)
    certificates, trail = CertificateRepository(session), AuditTrail(session)
    number = number_certificate(certificates, trail, estimate_id, digest, valid_to, actor)
    session.flush()
    return number


def number_certificate(
    certificates: CertificatesLike,
    trail: AuditLike,
    estimate_id: uuid.UUID,
    digest: str,
    valid_to: dt.date,
    actor: User,
) -> str:
    """Add the certificate under the year's next number (WCJ, the year, six digits; on a
    laptop working offline WCJ, the year, its tag and six digits of its own sequence), bound
    to the approved content's ``digest``, and audit it; the caller holds the numbering lock."""
    tag = certificates.numbering_tag()
    prefix = f"WCJ{utcnow().year}" + (f"-{tag}-" if tag else "")
    number = f"{prefix}{certificates.count_numbered(prefix) + 1:06d}"
    certificates.add(
        GuaranteeCertificateRow(
            number=number,
            estimate_id=estimate_id,
            content_hash=digest,
            valid_to=valid_to,
            issued_by=actor.username,
            issued_at=utcnow(),
        )
    )
    trail.record(
        actor=actor.username,
        entity="estimate",
        entity_id=estimate_id,
        action="issue_guarantee",
        # The version's content with its certificate is bound from now on (promise 13).
        detail={"number": number, "hash": digest, "content": trail.binding(estimate_id)},
    )
    return number


def certificate_of(engine: Engine, estimate_id: str | uuid.UUID) -> Certificate | None:
    """The estimate's certificate, and whether its content still matches."""
    with UnitOfWork(engine) as uow:
        return certificate_in(uow, estimate_store.parse_id(estimate_id))


def certificate_in(
    uow: UnitOfWork, estimate_id: uuid.UUID, totals: Totals | None = None
) -> Certificate | None:
    """``certificate_of`` read in ``uow`` (``totals``: the approved totals, when the caller
    has already priced them)."""
    row = uow.certificates.of_estimate(estimate_id)
    if row is None:
        return None
    stored = estimate_store.stored_in(uow, estimate_id)
    totals = totals or estimate_store.approved_totals_in(uow, stored)
    digest = content_hash_of(stored, totals, uow.estimates.adjustments(stored.id))
    return Certificate(row.number, row.estimate_id, row.valid_to, row.content_hash == digest)
