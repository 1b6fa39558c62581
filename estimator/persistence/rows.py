"""Tables of user data: people, cases, estimate versions and lines, events, audit trail.

User data is keyed by UUIDs so that laptops can later synchronise with a team server.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from sqlalchemy import (
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from kernel.orm import Base, ScaledDecimal, UtcDateTime, UuidText

MONEY = 2
PRICE = 4


def new_id() -> uuid.UUID:
    """A new random key."""
    return uuid.uuid4()


class UserRow(Base):
    """A person who signs in; the password only as an Argon2id hash."""

    __tablename__ = "users"

    id: Mapped[uuid.UUID] = mapped_column(UuidText(), primary_key=True, default=new_id)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    roles: Mapped[str] = mapped_column(String(200), default="")  # comma-separated Role values
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    #: large | ordinary (indicators.md): the assessor's group.
    group_name: Mapped[str] = mapped_column(
        "group_name", String(10), default="ordinary", server_default="ordinary"
    )
    #: 定损权限: up to this estimate total the assessor approves their own on-site estimate
    #: (0: none).
    authority: Mapped[Decimal] = mapped_column(
        ScaledDecimal(MONEY), default=Decimal("0.00"), server_default="0"
    )


class SignInThrottleRow(Base):
    """Wrong passwords given for one user name (known or not), and when the next try is
    allowed: the back-off of sign-in. The name is kept only as its SHA-256 (people type
    passwords into the name field)."""

    __tablename__ = "sign_in_throttle"

    name_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    retry_after: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())


class CaseRow(Base):
    """A case (案件): one claim's vehicle, with its estimate versions."""

    __tablename__ = "cases"

    id: Mapped[uuid.UUID] = mapped_column(UuidText(), primary_key=True, default=new_id)
    claim_no: Mapped[str] = mapped_column(String(60), index=True, default="")
    insured_name: Mapped[str] = mapped_column(String(100), default="")
    insured_phone: Mapped[str] = mapped_column(String(30), default="")
    plate: Mapped[str] = mapped_column(String(20), index=True, default="")
    vin: Mapped[str] = mapped_column(String(17), index=True, default="")
    model_code: Mapped[str] = mapped_column(String(60), default="")
    vehicle_class: Mapped[str] = mapped_column(String(20), default="")
    paint_type: Mapped[str] = mapped_column(String(20), default="solid")
    region: Mapped[str] = mapped_column(String(20), default="")
    shop_name: Mapped[str] = mapped_column(String(200), default="")
    shop_class: Mapped[str] = mapped_column(String(20), default="class1")
    partner: Mapped[bool] = mapped_column(default=False)
    large_case_group: Mapped[bool] = mapped_column(default=False)
    #: city | suburban (indicators.md): which arrival limit the case's clock uses.
    location_class: Mapped[str] = mapped_column(String(10), default="city", server_default="city")
    #: simple | ordinary (简易程序 or not): which on-site documents checklist the case has.
    procedure: Mapped[str] = mapped_column(
        String(10), default="ordinary", server_default="ordinary"
    )
    first_total: Mapped[Decimal | None] = mapped_column(ScaledDecimal(MONEY))
    created_by: Mapped[str] = mapped_column(String(60))
    #: The case's assigned assessor (the one who opened it, until taken or assigned).
    assessor: Mapped[str] = mapped_column(String(60), default="", server_default="")
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012 - SQLAlchemy's API


class LossObjectRow(Base):
    """A loss object of a case (损失标的): the insured vehicle (its vehicle and shop are the
    case's), a third-party vehicle (its own plate, VIN, model and shop) or a third-party
    property item (owner and description). Named in its case by kind and index."""

    __tablename__ = "loss_objects"
    __table_args__ = (UniqueConstraint("case_id", "kind", "kind_index"),)

    id: Mapped[uuid.UUID] = mapped_column(UuidText(), primary_key=True, default=new_id)
    case_id: Mapped[uuid.UUID] = mapped_column(UuidText(), ForeignKey("cases.id"), index=True)
    #: insured_vehicle | third_party_vehicle | third_party_property
    kind: Mapped[str] = mapped_column(String(30))
    #: The object's number within its kind in the case, from 0.
    kind_index: Mapped[int] = mapped_column(Integer, default=0)
    plate: Mapped[str] = mapped_column(String(20), default="")
    vin: Mapped[str] = mapped_column(String(17), default="")
    model_code: Mapped[str] = mapped_column(String(60), default="")
    vehicle_class: Mapped[str] = mapped_column(String(20), default="")
    paint_type: Mapped[str] = mapped_column(String(20), default="solid")
    shop_name: Mapped[str] = mapped_column(String(200), default="")
    shop_class: Mapped[str] = mapped_column(String(20), default="class1")
    owner: Mapped[str] = mapped_column(String(100), default="")
    description: Mapped[str] = mapped_column(String(200), default="")
    created_by: Mapped[str] = mapped_column(String(60), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class EstimateRow(Base):
    """One version of a loss object's estimate; immutable once submitted. Version numbers
    count per object (migration 0028)."""

    __tablename__ = "estimates"
    __table_args__ = (UniqueConstraint("object_id", "version_no"),)

    id: Mapped[uuid.UUID] = mapped_column(UuidText(), primary_key=True, default=new_id)
    case_id: Mapped[uuid.UUID] = mapped_column(UuidText(), ForeignKey("cases.id"), index=True)
    object_id: Mapped[uuid.UUID] = mapped_column(
        UuidText(), ForeignKey("loss_objects.id"), index=True
    )
    version_no: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    priced_on: Mapped[dt.date] = mapped_column(Date)
    price_type: Mapped[str] = mapped_column(String(20))
    parts_management_fee_rate: Mapped[Decimal] = mapped_column(
        ScaledDecimal(PRICE), default=Decimal(0)
    )
    salvage: Mapped[Decimal | None] = mapped_column(ScaledDecimal(MONEY))
    needs_teardown: Mapped[bool] = mapped_column(default=False)
    total: Mapped[Decimal | None] = mapped_column(ScaledDecimal(MONEY))
    tier: Mapped[str] = mapped_column(String(20), default="")
    totals_json: Mapped[str] = mapped_column(Text, default="{}")
    created_by: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    #: The catalog and labor standard versions the version was submitted with: it prices
    #: with them ever after, whatever is imported later.
    catalog_version_id: Mapped[int | None] = mapped_column(Integer)
    labor_version_id: Mapped[int | None] = mapped_column(Integer)
    #: The customer's drawn signature (PNG) and when it was given.
    customer_signature: Mapped[bytes | None] = mapped_column(LargeBinary)
    customer_signed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    #: The lines as first submitted (JSON), so a resubmission's changes can be reviewed (R15).
    first_submission_json: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(60), default="")
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    #: The reviewer who took the submitted version from the queue, and when (migration 0011).
    review_taken_by: Mapped[str] = mapped_column(String(60), default="", server_default="")
    review_taken_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    #: Approved by its assessor within their authority (定损权限), and whether that approval
    #: was drawn for a later check (抽检), the check's outcome ("", "ok", "failed"), by whom
    #: and with what note (migration authority_0021).
    within_authority: Mapped[bool] = mapped_column(default=False, server_default=false())
    sampled: Mapped[bool] = mapped_column(default=False, server_default=false())
    sample_outcome: Mapped[str] = mapped_column(String(10), default="", server_default="")
    sample_checked_by: Mapped[str] = mapped_column(String(60), default="", server_default="")
    sample_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012 - SQLAlchemy's API


class EstimateLineRow(Base):
    """A line as entered, with what pricing found (amount, looked-up values, notes, sources)."""

    __tablename__ = "estimate_lines"

    id: Mapped[uuid.UUID] = mapped_column(UuidText(), primary_key=True, default=new_id)
    estimate_id: Mapped[uuid.UUID] = mapped_column(
        UuidText(), ForeignKey("estimates.id"), index=True
    )
    #: Stable across versions, so a supplement's diff matches lines.
    line_key: Mapped[uuid.UUID] = mapped_column(UuidText(), default=new_id)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    part_no: Mapped[str] = mapped_column(String(60), default="")
    qty: Mapped[Decimal] = mapped_column(ScaledDecimal(PRICE), default=Decimal(1))
    price_type: Mapped[str] = mapped_column(String(20), default="")
    unit_price: Mapped[Decimal | None] = mapped_column(ScaledDecimal(PRICE))
    component_code: Mapped[str] = mapped_column(String(60), default="")
    operation: Mapped[str] = mapped_column(String(20), default="")
    hours: Mapped[Decimal | None] = mapped_column(ScaledDecimal(MONEY))
    rate: Mapped[Decimal | None] = mapped_column(ScaledDecimal(PRICE))
    panels: Mapped[Decimal | None] = mapped_column(ScaledDecimal(MONEY))
    price_per_panel: Mapped[Decimal | None] = mapped_column(ScaledDecimal(PRICE))
    description: Mapped[str] = mapped_column(String(200), default="")
    entered_amount: Mapped[Decimal | None] = mapped_column(ScaledDecimal(MONEY))
    override_reason: Mapped[str] = mapped_column(Text, default="")
    amount: Mapped[Decimal | None] = mapped_column(ScaledDecimal(MONEY))
    priced_json: Mapped[str] = mapped_column(Text, default="{}")
    changed_by: Mapped[str] = mapped_column(String(60), default="")
    #: The reviewer's amount (核损金额) for this line, why, and who set it.
    reviewed_amount: Mapped[Decimal | None] = mapped_column(ScaledDecimal(MONEY))
    review_reason: Mapped[str] = mapped_column(Text, default="")
    reviewed_by: Mapped[str] = mapped_column(String(60), default="")


class CaseEditorRow(Base):
    """Everyone who wrote or changed any line of any version of a case (no self-approval)."""

    __tablename__ = "case_editors"

    case_id: Mapped[uuid.UUID] = mapped_column(UuidText(), ForeignKey("cases.id"), primary_key=True)
    username: Mapped[str] = mapped_column(String(60), primary_key=True)


class CaseEventRow(Base):
    """A time-stamped event of a case (survey, teardown, submission, return, approval …)."""

    __tablename__ = "case_events"

    id: Mapped[uuid.UUID] = mapped_column(UuidText(), primary_key=True, default=new_id)
    case_id: Mapped[uuid.UUID] = mapped_column(UuidText(), ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    by: Mapped[str] = mapped_column(String(60), default="")
    #: What the event keeps besides its time: the entrusted party of 委托查勘, a remark.
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: The loss object a version's event (submission, return, approval, signature,
    #: supplement) is about; None for the case's own events (report, dispatch, arrival …)
    #: and for events recorded before loss objects (they are the insured vehicle's).
    object_id: Mapped[uuid.UUID | None] = mapped_column(UuidText(), index=True)


class AuditRow(Base):
    """An append-only, hash-chained record of a change (triggers refuse UPDATE and DELETE)."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    actor: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class PhotoBlobRow(Base):
    """A photo's bytes, stored once by content hash (SHA-256)."""

    __tablename__ = "photo_blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class PhotoRow(Base):
    """A photo attached to a case, or to one line of its estimate (by the line's stable key)."""

    __tablename__ = "photos"

    id: Mapped[uuid.UUID] = mapped_column(UuidText(), primary_key=True, default=new_id)
    case_id: Mapped[uuid.UUID] = mapped_column(UuidText(), ForeignKey("cases.id"), index=True)
    line_key: Mapped[uuid.UUID | None] = mapped_column(UuidText())
    sha256: Mapped[str] = mapped_column(String(64), ForeignKey("photo_blobs.sha256"))
    filename: Mapped[str] = mapped_column(String(255), default="")
    content_type: Mapped[str] = mapped_column(String(40), default="")
    size: Mapped[int] = mapped_column(Integer, default=0)
    added_by: Mapped[str] = mapped_column(String(60), default="")
    added_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class PartnerShopRow(Base):
    """A partner shop (合作修理厂) and its agreement."""

    __tablename__ = "partner_shops"

    id: Mapped[uuid.UUID] = mapped_column(UuidText(), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    shop_class: Mapped[str] = mapped_column(String(20))
    region: Mapped[str] = mapped_column(String(20), default="")
    contact: Mapped[str] = mapped_column(String(200), default="")
    price_types: Mapped[str] = mapped_column(Text, default="{}")  # JSON: category → price type
    default_price_type: Mapped[str] = mapped_column(String(20), default="oem_market")
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[dt.date] = mapped_column(Date)


class GuaranteeCertificateRow(Base):
    """A numbered guarantee certificate, bound to the approved version's content hash."""

    __tablename__ = "guarantee_certificates"

    number: Mapped[str] = mapped_column(String(30), primary_key=True)
    estimate_id: Mapped[uuid.UUID] = mapped_column(
        UuidText(), ForeignKey("estimates.id"), index=True
    )
    content_hash: Mapped[str] = mapped_column(String(64))
    valid_to: Mapped[dt.date] = mapped_column(Date)
    issued_by: Mapped[str] = mapped_column(String(60))
    issued_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class PartnerImportRow(Base):
    """One import of a partner registry workbook: its content hash makes re-imports no-ops."""

    __tablename__ = "partner_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_name: Mapped[str] = mapped_column(String(500))
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    imported_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    imported_by: Mapped[str] = mapped_column(String(100), default="")
    shops_count: Mapped[int] = mapped_column(Integer, default=0)


class InvoiceReconciliationRow(Base):
    """A shop's final invoice reconciled against an approved version, with its totals."""

    __tablename__ = "invoice_reconciliations"

    id: Mapped[uuid.UUID] = mapped_column(UuidText(), primary_key=True, default=new_id)
    estimate_id: Mapped[uuid.UUID] = mapped_column(
        UuidText(), ForeignKey("estimates.id"), index=True
    )
    certificate_number: Mapped[str] = mapped_column(String(30), default="")
    shop_name: Mapped[str] = mapped_column(String(200), default="")
    guarantee: Mapped[bool] = mapped_column(default=False)
    source: Mapped[str] = mapped_column(String(500), default="")
    estimate_total: Mapped[Decimal] = mapped_column(ScaledDecimal(MONEY))
    invoice_total: Mapped[Decimal] = mapped_column(ScaledDecimal(MONEY))
    reconciled_by: Mapped[str] = mapped_column(String(60))
    reconciled_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class InvoiceReconciliationLineRow(Base):
    """One reconciled item: outcome, both amounts and who bears the difference."""

    __tablename__ = "invoice_reconciliation_lines"
    __table_args__ = (UniqueConstraint("reconciliation_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reconciliation_id: Mapped[uuid.UUID] = mapped_column(
        UuidText(), ForeignKey("invoice_reconciliations.id"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(20))
    item: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(String(200), default="")
    estimate_amount: Mapped[Decimal] = mapped_column(ScaledDecimal(MONEY))
    invoice_amount: Mapped[Decimal] = mapped_column(ScaledDecimal(MONEY))
    borne_by: Mapped[str] = mapped_column(String(20), default="")


class FloodCaseRow(Base):
    """A flood inventory case (存货水浸定损, non-auto): one claim's site, with its versions."""

    __tablename__ = "flood_cases"

    id: Mapped[uuid.UUID] = mapped_column(UuidText(), primary_key=True, default=new_id)
    claim_no: Mapped[str] = mapped_column(String(60), index=True)
    insured_name: Mapped[str] = mapped_column(String(200), default="")
    site: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="open")
    created_by: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class FloodVersionRow(Base):
    """One saved assessment of a flood case: its inputs as JSON and its totals; immutable."""

    __tablename__ = "flood_versions"
    __table_args__ = (UniqueConstraint("case_id", "version_no"),)

    id: Mapped[uuid.UUID] = mapped_column(UuidText(), primary_key=True, default=new_id)
    case_id: Mapped[uuid.UUID] = mapped_column(UuidText(), ForeignKey("flood_cases.id"), index=True)
    version_no: Mapped[int] = mapped_column(Integer)
    #: ``flood-inputs/1``: stacks, rules, depths and the proposed base height.
    inputs_json: Mapped[str] = mapped_column(Text)
    loss: Mapped[Decimal] = mapped_column(ScaledDecimal(MONEY))
    salvage: Mapped[Decimal] = mapped_column(ScaledDecimal(MONEY))
    avoided: Mapped[Decimal] = mapped_column(ScaledDecimal(MONEY))
    totals_json: Mapped[str] = mapped_column(Text, default="{}")
    #: SHA-256 of the inputs and totals, as audited.
    content_hash: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class FloodPhotoRow(Base):
    """A photo attached to a flood case (bytes in ``photo_blobs``, shared by content hash)."""

    __tablename__ = "flood_photos"

    id: Mapped[uuid.UUID] = mapped_column(UuidText(), primary_key=True, default=new_id)
    case_id: Mapped[uuid.UUID] = mapped_column(UuidText(), ForeignKey("flood_cases.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), ForeignKey("photo_blobs.sha256"))
    filename: Mapped[str] = mapped_column(String(255), default="")
    content_type: Mapped[str] = mapped_column(String(40), default="")
    size: Mapped[int] = mapped_column(Integer, default=0)
    added_by: Mapped[str] = mapped_column(String(60), default="")
    added_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class ArchivedCaseRow(Base):
    """A closed case put away: hidden from the default case list, kept in full (retention)."""

    __tablename__ = "archived_cases"

    case_id: Mapped[uuid.UUID] = mapped_column(UuidText(), ForeignKey("cases.id"), primary_key=True)
    archived_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    archived_by: Mapped[str] = mapped_column(String(60))
    reason: Mapped[str] = mapped_column(Text, default="")
