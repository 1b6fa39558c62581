"""Whether a signed document is trusted (reliability.md, promise 15): intact, and signed with
the certificate enrolled for the signer it names at the signing time, or with one the
organisation's CA issued in the signer's name. Anything else is "not trusted", with why.

pyHanko judges integrity, coverage and the certificate chain (the enrolled certificate
itself, or the CA, as its only trust roots, at the signing time); this module judges whose
certificate it is. The signing time is the one a timestamp authority vouches for (PAdES
B-T) or else the one the signer states (B-B): with B-B, a replaced key's holder could
state an earlier time, which is why a key found compromised is revoked, not replaced.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Engine

import estimator.domain.signer_messages  # noqa: F401 - registers the words used here
from estimator.documents.signer_keys import certificate_facts, fingerprint
from estimator.documents.signing import Verification, verify_pdf
from estimator.domain.errors import DomainError
from estimator.persistence.signer_certificates import (
    CA,
    REVOKED,
    USER,
    SignerCertificateRepository,
)
from estimator.persistence.uow import UnitOfWork
from estimator.services.signers import stamp
from kernel.clock import utcnow
from kernel.problems import Language, Worded, render

TRUSTED, NOT_TRUSTED, ALTERED, UNSIGNED = "trusted", "not_trusted", "altered", "unsigned"
#: Trust reached through a root given for one verification (``pdf verify --trust``).
GIVEN = "given"


@dataclass(frozen=True)
class SheetCheck:
    """A verification and what it concludes: the state, whose signature, and why not."""

    verification: Verification
    state: str
    #: The signer the document names, as a user of this database ("" when none is known).
    username: str = ""
    display_name: str = ""
    #: How trust was reached: "enrolment", "ca", "given" ("" when not trusted).
    via: str = ""
    #: Why an intact signature is not trusted: a message code and its parameters.
    why: str = ""
    why_params: dict[str, object] = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        """The SHA-256 fingerprint of the signer's certificate ("" without one)."""
        certificate = self.verification.certificate
        return fingerprint(certificate) if certificate else ""

    @property
    def holder(self) -> str:
        """The certificate's holder as people read it: 王定损 (wang), without field labels."""
        certificate = self.verification.certificate
        if not certificate:
            return ""
        facts = certificate_facts(certificate)
        name = facts.common_name or self.verification.signer
        return f"{name} ({facts.user_id})" if facts.user_id else name

    @property
    def trusted(self) -> bool:
        """Intact and signed by the signer's own enrolled (or CA-issued) certificate."""
        return self.state == TRUSTED

    def reason(self, language: Language | None = None) -> str:
        """Why it is not trusted, in words ("" when it is, or is not intact)."""
        return render(self.why, self.why_params, language) if self.why else ""

    def words(self, language: Language | None = None) -> str:
        """The one line every place that shows a verification says."""
        if self.state == TRUSTED:
            code = {CA: "sheet_trusted_ca", GIVEN: "sheet_trusted_given"}.get(
                self.via, "sheet_trusted"
            )
            return render(code, {"name": self._who()}, language)
        if self.state == NOT_TRUSTED:
            return render("sheet_not_trusted", {"why": self.reason(language)}, language)
        return render(f"sheet_{self.state}", None, language)

    def _who(self) -> str:
        if self.display_name and self.display_name != self.username:
            return f"{self.display_name} ({self.username})"
        return self.username


@dataclass(frozen=True)
class _Enrolled:
    """One user enrolment of a certificate, as read (the rows stay in their session)."""

    username: str
    enrolled_at: dt.datetime
    ended_at: dt.datetime | None
    ended_how: str


@dataclass(frozen=True)
class _Register:
    """The enrolments and users a verification consults, read once."""

    users: dict[str, str]  # username -> display name
    by_fingerprint: dict[str, list[_Enrolled]]
    authorities: list[bytes]

    def roots(self, certificate: bytes, also: Sequence[bytes]) -> list[bytes]:
        if fingerprint(certificate) in self.by_fingerprint:
            return [certificate]
        return [*self.authorities, *also]


def _register(engine: Engine) -> _Register:
    with UnitOfWork(engine) as uow:
        repository = SignerCertificateRepository(uow.session)
        by_fingerprint: dict[str, list[_Enrolled]] = {}
        for row in repository.of_kind(USER):
            enrolled = _Enrolled(row.username, row.enrolled_at, row.ended_at, row.ended_how)
            by_fingerprint.setdefault(row.fingerprint, []).append(enrolled)
        authorities = [r.certificate for r in repository.of_kind(CA) if r.ended_how != REVOKED]
        return _Register(uow.users.display_names(), by_fingerprint, authorities)


def verify_sheet(engine: Engine, pdf: bytes, also_trust: Sequence[bytes] = ()) -> SheetCheck:
    """Verify a signed document against the enrolled certificates and the organisation CA
    (and ``also_trust``: further roots a CA-issued certificate may chain to)."""
    register = _register(engine)
    verification = verify_pdf(pdf, lambda der: register.roots(der, also_trust))
    if not verification.signed:
        return SheetCheck(verification, UNSIGNED)
    if not verification.ok:
        return SheetCheck(verification, ALTERED)
    return _judge(verification, register)


def _judge(verification: Verification, register: _Register) -> SheetCheck:
    username, problem = _named_signer(verification, register.users)
    display = register.users.get(username, "")
    check = SheetCheck(verification, NOT_TRUSTED, username, display)
    if problem is not None:
        code, params = problem
        return _with(check, code, **params)
    name = check._who()
    facts = certificate_facts(verification.certificate)
    rows = register.by_fingerprint.get(facts.fingerprint, [])
    if not rows:
        if not verification.trusted:
            return _with(check, "why_unknown_certificate", name=name)
        if not facts.names(username, display):
            return _with(check, "why_subject_mismatch", subject=facts.subject, name=name)
        return _trusted(check, CA if verification.anchor in register.authorities else GIVEN)
    mine = [row for row in rows if row.username == username]
    if not mine:
        other = rows[-1].username
        return _with(
            check, "why_enrolled_to_other", other=register.users.get(other, other), name=name
        )
    at = verification.signing_time or utcnow()
    revoked = [row for row in mine if row.ended_how == REVOKED]
    if revoked and revoked[0].ended_at is not None:
        return _with(check, "why_revoked", until=stamp(revoked[0].ended_at))
    if not any(_enrolled_at(row, at) for row in mine):
        first = mine[0]
        if at < _second(first.enrolled_at):
            return _with(
                check,
                "why_not_yet_enrolled",
                at=stamp(at),
                name=name,
                since=stamp(first.enrolled_at),
            )
        ended = max((row.ended_at for row in mine if row.ended_at is not None), default=at)
        return _with(check, "why_replaced", name=name, until=stamp(ended), at=stamp(at))
    # Its own trust root: path validation does not check a root's validity, so it is
    # checked here, at the signing time.
    if not (verification.trusted and facts.not_before <= at <= facts.not_after):
        return _with(
            check,
            "why_expired",
            not_before=stamp(facts.not_before),
            not_after=stamp(facts.not_after),
        )
    return _trusted(check, "enrolment")


def _second(moment: dt.datetime) -> dt.datetime:
    # A PAdES signing time is kept to the second: an enrolment counts from its second.
    return moment.replace(microsecond=0)


def _enrolled_at(row: _Enrolled, at: dt.datetime) -> bool:
    return _second(row.enrolled_at) <= at and (row.ended_at is None or at < row.ended_at)


def _named_signer(
    verification: Verification, users: dict[str, str]
) -> tuple[str, tuple[str, dict[str, object]] | None]:
    """The user the document names as signer: the signature's ``/Name`` (a username, put
    there when the application signs), which must be the document's assessor (its author)
    too; or, for documents signed without it, the user the author names."""
    named, author = verification.named_signer, verification.author
    by_name = {display: user for user, display in users.items()}
    if named:
        if named not in users:
            return "", ("why_no_signer", {"author": named})
        if author and author not in {named, users[named]}:
            return "", ("why_signer_not_assessor", {"named": named, "author": author})
        return named, None
    if author in users:
        return author, None
    if author in by_name and list(users.values()).count(author) == 1:
        return by_name[author], None
    holder = certificate_facts(verification.certificate).common_name
    return "", ("why_no_signer", {"author": author or holder})


def _with(check: SheetCheck, code: str, **params: object) -> SheetCheck:
    return SheetCheck(
        check.verification, NOT_TRUSTED, check.username, check.display_name, "", code, params
    )


def _trusted(check: SheetCheck, via: str) -> SheetCheck:
    return SheetCheck(check.verification, TRUSTED, check.username, check.display_name, via)


def refuse_untrusted(engine: Engine, signed: bytes) -> None:
    """Refuse (a ``DomainError`` saying why) a document just signed that would not verify
    as trusted: the application signs only with the signer's own enrolled certificate."""
    check = verify_sheet(engine, signed)
    if not check.trusted:
        zh, en = (check.reason(lang) or check.words(lang) for lang in ("zh", "en"))
        raise DomainError("sign_not_trusted", why=Worded(zh, en))
