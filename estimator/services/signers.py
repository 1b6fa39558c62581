"""Trusted signers (reliability.md, promise 15): an administrator enrols each user's signing
certificate (its SHA-256 fingerprint with the user, from when until when), or keeps an
organisation CA that issues them; every step is audited.

Replacing a user's certificate ends the old enrolment (``replaced``) without forgetting it,
so sheets signed before still verify as trusted; revoking one ends it for good. What a
verification concludes from the enrolments is in ``signer_trust.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from estimator.documents.signer_keys import (
    CertificateFacts,
    CertificateFileError,
    create_ca_p12,
    issue_p12,
    read_certificate,
)
from estimator.domain import signer_messages  # noqa: F401 - registers the codes raised here
from estimator.domain.errors import DomainError
from estimator.domain.workflow import Role
from estimator.persistence.database import default_data_dir
from estimator.persistence.signer_certificates import (
    CA,
    REPLACED,
    REVOKED,
    USER,
    SignerCertificateRepository,
    SignerCertificateRow,
)
from estimator.persistence.uow import UnitOfWork
from estimator.services.users import User
from kernel.clock import to_local, utcnow

ENTITY = "signer_certificate"


@dataclass(frozen=True)
class Enrolment:
    """One enrolment as the commands list it."""

    kind: str
    username: str
    fingerprint: str
    subject: str
    enrolled_at: dt.datetime
    enrolled_by: str
    ended_at: dt.datetime | None
    ended_how: str
    #: The fingerprint of the enrolment this one replaced ("" for a first one).
    replaced: str = ""


def _enrolment(row: SignerCertificateRow, replaced: str = "") -> Enrolment:
    return Enrolment(
        row.kind,
        row.username,
        row.fingerprint,
        row.subject,
        row.enrolled_at,
        row.enrolled_by,
        row.ended_at,
        row.ended_how,
        replaced,
    )


def _admin(actor: User) -> None:
    if Role.ADMIN not in actor.roles:
        raise DomainError("cert_admin_only")


def stamp(moment: dt.datetime) -> str:
    """A moment as the messages show it (local time, to the second)."""
    return f"{to_local(moment):%Y-%m-%d %H:%M:%S}"


def read_certificate_file(data: bytes, passphrase: bytes | None = None) -> CertificateFacts:
    """A certificate from a PEM, DER or PKCS#12 file, or a refusal saying why not."""
    try:
        return read_certificate(data, passphrase)
    except CertificateFileError as error:
        raise DomainError("cert_unreadable", detail=str(error) or type(error).__name__) from None


def enrol_certificate(
    engine: Engine, username: str, facts: CertificateFacts, *, actor: User
) -> Enrolment:
    """Enrol ``facts`` as ``username``'s signing certificate (administrators only); a
    certificate enrolled before for them is kept, enrolled until now."""
    _admin(actor)
    now = utcnow()
    if not facts.not_before <= now <= facts.not_after:
        raise DomainError(
            "cert_not_valid_now",
            not_before=stamp(facts.not_before),
            not_after=stamp(facts.not_after),
        )
    with UnitOfWork(engine, write=True) as uow:
        user = uow.users.get(username)
        if user is None:
            raise DomainError("cert_no_user", name=username)
        if not facts.names(user.username, user.display_name):
            raise DomainError(
                "cert_subject_mismatch",
                subject=facts.subject,
                name=user.username,
                display=user.display_name,
            )
        enrolments = SignerCertificateRepository(uow.session)
        others = {r.username for r in enrolments.with_fingerprint(facts.fingerprint)}
        if others - {username}:
            raise DomainError("cert_enrolled_elsewhere", other=sorted(others)[0], name=username)
        current = enrolments.current(USER, username)
        if current is not None and current.fingerprint == facts.fingerprint:
            raise DomainError("cert_already_enrolled", name=username)
        replaced = ""
        if current is not None:
            current.ended_at, current.ended_how = now, REPLACED
            replaced = current.fingerprint
        row = enrolments.add(_row(USER, username, facts, now, actor))
        uow.audit.record(
            actor=actor.username,
            entity=ENTITY,
            entity_id=row.id,
            action="replace" if replaced else "enrol",
            detail={
                "username": username,
                "fingerprint": facts.fingerprint,
                "subject": facts.subject,
                "replaced": replaced,
            },
        )
        uow.commit()
        return _enrolment(row, replaced)


def _row(
    kind: str, username: str, facts: CertificateFacts, now: dt.datetime, actor: User
) -> SignerCertificateRow:
    return SignerCertificateRow(
        kind=kind,
        username=username,
        fingerprint=facts.fingerprint,
        subject=facts.subject,
        certificate=facts.der,
        enrolled_at=now,
        enrolled_by=actor.username,
        ended_at=None,
        ended_how="",
    )


def revoke_certificate(
    engine: Engine, username: str, *, actor: User, fingerprint: str = ""
) -> Enrolment:
    """End ``username``'s enrolment (the current one, or the one of the certificate with
    ``fingerprint``, replaced or not) for good: nothing signed with it is trusted any more."""
    _admin(actor)
    with UnitOfWork(engine, write=True) as uow:
        repository = SignerCertificateRepository(uow.session)
        if fingerprint:
            rows = [
                row
                for row in repository.of_kind(USER, username)
                if row.fingerprint == fingerprint.lower() and row.ended_how != REVOKED
            ]
            row = rows[-1] if rows else None
        else:
            row = repository.current(USER, username)
        if row is None:
            raise DomainError("cert_none_enrolled", name=username)
        row.ended_at, row.ended_how = utcnow(), REVOKED
        uow.audit.record(
            actor=actor.username,
            entity=ENTITY,
            entity_id=row.id,
            action="revoke",
            detail={"username": username, "fingerprint": row.fingerprint},
        )
        uow.commit()
        return _enrolment(row)


def enrolments(engine: Engine, username: str | None = None) -> list[Enrolment]:
    """Every user enrolment (of one user when given) and the CA's, oldest first."""
    with UnitOfWork(engine) as uow:
        repository = SignerCertificateRepository(uow.session)
        rows = repository.of_kind(USER, username)
        if username is None:
            rows = repository.of_kind(CA) + rows
        return [_enrolment(row) for row in rows]


def create_certificate(
    engine: Engine, username: str, passphrase: bytes, *, actor: User, name: str = ""
) -> bytes:
    """A new self-signed certificate for ``username`` (PKCS#12, locked with ``passphrase``)
    in their display name (or ``name``); the caller keeps it, then enrols it."""
    from estimator.documents.signing import create_self_signed_p12

    _admin(actor)
    display = _display_name(engine, username)
    return create_self_signed_p12(name or display, passphrase, user_id=username)


def _display_name(engine: Engine, username: str) -> str:
    with UnitOfWork(engine) as uow:
        user = uow.users.get(username)
        if user is None:
            raise DomainError("cert_no_user", name=username)
        return user.display_name or user.username


def create_ca(engine: Engine, name: str, passphrase: bytes, *, actor: User) -> bytes:
    """A new organisation CA (PKCS#12, locked with ``passphrase``): the caller keeps the
    file; its certificate is stored as the CA signatures may chain to."""
    _admin(actor)
    with UnitOfWork(engine) as uow:
        current = SignerCertificateRepository(uow.session).current(CA)
        if current is not None:
            raise DomainError("ca_exists", fingerprint=current.fingerprint)
    return create_ca_p12(name, passphrase)


def configure_ca(engine: Engine, ca_p12: bytes, passphrase: bytes, *, actor: User) -> Enrolment:
    """Store the certificate of the CA in ``ca_p12`` (once its file is safely written)."""
    _admin(actor)
    facts = read_certificate_file(ca_p12, passphrase)
    now = utcnow()
    with UnitOfWork(engine, write=True) as uow:
        repository = SignerCertificateRepository(uow.session)
        current = repository.current(CA)
        if current is not None:
            raise DomainError("ca_exists", fingerprint=current.fingerprint)
        row = repository.add(_row(CA, "", facts, now, actor))
        uow.audit.record(
            actor=actor.username,
            entity=ENTITY,
            entity_id=row.id,
            action="ca_create",
            detail={"fingerprint": facts.fingerprint, "subject": facts.subject},
        )
        uow.commit()
        return _enrolment(row)


def issue_certificate(
    engine: Engine,
    username: str,
    ca_p12: bytes,
    ca_passphrase: bytes,
    passphrase: bytes,
    *,
    actor: User,
) -> bytes:
    """A certificate for ``username`` issued by the organisation's CA (its key in
    ``ca_p12``), as PKCS#12 locked with ``passphrase``; the caller keeps it, then enrols it."""
    _admin(actor)
    facts = read_certificate_file(ca_p12, ca_passphrase)
    with UnitOfWork(engine) as uow:
        current = SignerCertificateRepository(uow.session).current(CA)
        configured = "" if current is None else current.fingerprint
    if not configured:
        raise DomainError("ca_missing")
    if configured != facts.fingerprint:
        raise DomainError("ca_mismatch", fingerprint=configured)
    display = _display_name(engine, username)
    try:
        return issue_p12(
            ca_p12, ca_passphrase, common_name=display, user_id=username, passphrase=passphrase
        )
    except CertificateFileError as error:
        raise DomainError("cert_unreadable", detail=str(error)) from None


def default_ca_path() -> Path:
    """Where ``cert ca create`` keeps the CA's key file unless told otherwise."""
    return default_data_dir() / "ca" / "organisation-ca.p12"
