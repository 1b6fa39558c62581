"""Enrolled signing certificates: each user's (by SHA-256 fingerprint, with the enrolment's
start and, once replaced or revoked, its end) and the organisation CA's.

Kept apart from the guarantee certificates (``certificates.py``): these are X.509
certificates of people and of the organisation, not repair guarantees. The repository
works in the session it is given and never commits.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import LargeBinary, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from estimator.persistence.rows import new_id
from kernel.orm import Base, UtcDateTime, UuidText

#: The kinds of enrolment: a user's own signing certificate, the organisation's CA.
USER, CA = "user", "ca"
#: How an enrolment ended: replaced by a newer certificate (sheets signed before still
#: verify), or revoked (nothing signed with it is trusted any more).
REPLACED, REVOKED = "replaced", "revoked"


class SignerCertificateRow(Base):
    """One enrolment of a certificate: whose, since when, until when and why it ended."""

    __tablename__ = "signer_certificates"

    id: Mapped[uuid.UUID] = mapped_column(UuidText(), primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(10), default=USER)
    username: Mapped[str] = mapped_column(String(60), default="", index=True)
    fingerprint: Mapped[str] = mapped_column(String(64), index=True)
    subject: Mapped[str] = mapped_column(String(500), default="")
    certificate: Mapped[bytes] = mapped_column(LargeBinary)
    enrolled_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    enrolled_by: Mapped[str] = mapped_column(String(60), default="")
    ended_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    ended_how: Mapped[str] = mapped_column(String(10), default="")


class SignerCertificateRepository:
    """Enrolment rows in one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, row: SignerCertificateRow) -> SignerCertificateRow:
        """A new enrolment (flushed: it has its id)."""
        self.session.add(row)
        self.session.flush()
        return row

    def current(self, kind: str, username: str = "") -> SignerCertificateRow | None:
        """The enrolment in force for this user (or the CA), or None."""
        query = select(SignerCertificateRow).where(
            SignerCertificateRow.kind == kind,
            SignerCertificateRow.username == username,
            SignerCertificateRow.ended_at.is_(None),
        )
        return self.session.scalar(query)

    def with_fingerprint(self, fingerprint: str) -> list[SignerCertificateRow]:
        """Every enrolment of the certificate with this fingerprint, oldest first."""
        query = (
            select(SignerCertificateRow)
            .where(SignerCertificateRow.fingerprint == fingerprint)
            .order_by(SignerCertificateRow.enrolled_at)
        )
        return list(self.session.scalars(query))

    def of_kind(self, kind: str, username: str | None = None) -> list[SignerCertificateRow]:
        """Every enrolment of this kind (of one user when given), oldest first."""
        query = select(SignerCertificateRow).where(SignerCertificateRow.kind == kind)
        if username is not None:
            query = query.where(SignerCertificateRow.username == username)
        return list(self.session.scalars(query.order_by(SignerCertificateRow.enrolled_at)))
