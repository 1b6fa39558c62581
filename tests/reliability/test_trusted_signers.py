"""Trusted signers (reliability.md, promise 15): ``pdf verify`` says "trusted" only for a
sheet signed with the certificate enrolled for the signer it names at the signing time, or
one the organisation's CA issued in the signer's name; any other intact signature is "not
trusted" with why, exit 1. Enrolments are kept on both engines.

Times are set, not waited for: the services' clock (enrolments) and pyHanko's (signing
times) are moved to fixed moments ahead of now, inside every certificate's validity.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from decimal import Decimal as D  # noqa: N817 - reads like the money constructor
from io import BytesIO
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from estimator.cli.main import main
from estimator.documents.estimate_sheet import SheetHeader, render_sheet
from estimator.documents.signer_keys import create_ca_p12, issue_p12, read_certificate
from estimator.documents.signing import create_self_signed_p12, sign_pdf
from estimator.domain.errors import DomainError
from estimator.domain.estimate import EstimateLine, LineKind
from estimator.domain.pricing import price_estimate
from estimator.domain.workflow import Role
from estimator.persistence.database import create_database_engine
from estimator.persistence.rows import AuditRow
from estimator.services import signer_trust, signers
from estimator.services.users import User, create_user
from tests.estimator.domain.fixtures import CATALOG, STANDARD, estimate, part

PASS = b"own key"
ADMIN = User("admin", "管理员", frozenset({Role.ADMIN}))
#: Moments ahead of now (certificates are valid from a few minutes ago for ten years).
BASE = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=1)


def at(hours: float) -> dt.datetime:
    """``hours`` after the base moment."""
    return BASE + dt.timedelta(hours=hours)


@pytest.fixture(scope="module")
def sheet() -> bytes:
    """王定损's estimate sheet: it names him as the assessor (its author)."""
    lines = [part("521190K280"), EstimateLine(LineKind.SUBLET, description="外修", amount=D(100))]
    priced = price_estimate(estimate(*lines, claim_no="RDAA2026330100000123"), CATALOG, STANDARD)
    return render_sheet(priced, SheetHeader(assessor="王定损"))


@pytest.fixture
def engine(both_engines_url: str) -> Iterator[Engine]:
    """A database with an administrator and two assessors, 王定损 (wang) and 李定损 (li)."""
    engine = create_database_engine(both_engines_url)
    for username, name, role in (
        ("admin", "管理员", Role.ADMIN),
        ("wang", "王定损", Role.ASSESSOR),
        ("li", "李定损", Role.ASSESSOR),
    ):
        create_user(engine, username, "password 123", {role}, display_name=name, actor="test")
    yield engine
    engine.dispose()


class Clocks:
    """The services' clock (enrolment times) and pyHanko's (signing times), set by hand."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import pyhanko.sign.signers.pdf_signer as pdf_signer

        self.now = at(0)
        clocks = self

        class SigningClock(dt.datetime):
            @classmethod
            def now(cls, tz: dt.tzinfo | None = None) -> SigningClock:  # type: ignore[override]
                return clocks.now.astimezone(tz)  # type: ignore[return-value]

        monkeypatch.setattr(signers, "utcnow", lambda: self.now)
        monkeypatch.setattr(pdf_signer, "datetime", SigningClock)

    def set(self, hours: float) -> None:
        self.now = at(hours)


@pytest.fixture
def clocks(monkeypatch: pytest.MonkeyPatch) -> Clocks:
    return Clocks(monkeypatch)


def own_p12(name: str, username: str = "") -> bytes:
    """A self-made certificate (never enrolled unless a test enrols it)."""
    return create_self_signed_p12(name, PASS, user_id=username)


def enrol(engine: Engine, username: str, p12: bytes) -> signers.Enrolment:
    return signers.enrol_certificate(engine, username, read_certificate(p12, PASS), actor=ADMIN)


def signed(sheet: bytes, p12: bytes, signer: str = "wang") -> bytes:
    """The sheet signed as the application signs it (the signer's username in ``/Name``)."""
    return sign_pdf(sheet, p12, PASS, signer_name=signer)


Verify = Callable[..., tuple[int, dict[str, object], str]]
#: What stores nothing new runs on SQLite only (enrolments and the CA on both engines).
SQLITE_ONLY = pytest.mark.parametrize("both_engines_url", ["sqlite"], indirect=True)


@pytest.fixture
def verify(
    both_engines_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Verify:
    """``estimator pdf verify FILE`` on the test's database: exit code, JSON, plain words."""
    monkeypatch.setenv("ESTIMATOR_LANG", "en")

    def run(pdf: bytes, *extra: str) -> tuple[int, dict[str, object], str]:
        path = tmp_path / "sheet.pdf"
        path.write_bytes(pdf)
        command = ["pdf", "verify", str(path), "--db", both_engines_url, *extra]
        code = main([*command, "--json"])
        report = json.loads(capsys.readouterr().out)
        assert main(command) == code
        return code, report, capsys.readouterr().out

    return run


def test_signed_with_the_enrolled_certificate_is_trusted(
    engine: Engine, sheet: bytes, clocks: Clocks, verify: Verify
) -> None:
    enrol(engine, "wang", p12 := own_p12("王定损", "wang"))
    clocks.set(1)
    code, report, words = verify(signed(sheet, p12))
    assert code == 0 and report["state"] == "trusted" and report["signer_user"] == "wang"
    assert words.startswith("trusted: intact, unchanged since signing; 王定损 (wang) signed")
    assert words.splitlines()[1].startswith("signer: 王定损 (wang); time: ")


@SQLITE_ONLY
def test_a_new_self_made_certificate_in_the_assessors_name_is_not_trusted(
    engine: Engine, sheet: bytes, clocks: Clocks, verify: Verify
) -> None:
    enrol(engine, "wang", own_p12("王定损", "wang"))
    clocks.set(1)
    forged = own_p12("王定损", "wang")  # the same name, a new key: what the probe did
    for pdf in (signed(sheet, forged), sign_pdf(sheet, forged, PASS)):  # with /Name, without
        code, report, words = verify(pdf)
        assert code == 1 and report["state"] == "not_trusted" and report["intact"] is True
        assert report["why_code"] == "why_unknown_certificate"
        assert words.splitlines()[0] == (
            "not trusted: the signature is intact, but the certificate is not enrolled for "
            "王定损 (wang) and not issued by the organisation's CA"
        )


@SQLITE_ONLY
def test_the_words_are_chinese_by_default(
    engine: Engine, sheet: bytes, clocks: Clocks, verify: Verify, monkeypatch: pytest.MonkeyPatch
) -> None:
    clocks.set(1)
    monkeypatch.setenv("ESTIMATOR_LANG", "zh")
    code, _, words = verify(signed(sheet, own_p12("王定损", "wang")))
    assert code == 1 and words.startswith("不可信：签名完好，但该证书未为 王定损 (wang) 登记")
    assert words.splitlines()[1].startswith("签名人: 王定损 (wang)；时间: ")


@SQLITE_ONLY
def test_a_certificate_enrolled_to_another_user_is_not_trusted(
    engine: Engine, sheet: bytes, clocks: Clocks, verify: Verify
) -> None:
    enrol(engine, "wang", own_p12("王定损", "wang"))
    enrol(engine, "li", lis := own_p12("李定损", "li"))
    clocks.set(1)
    code, report, _ = verify(signed(sheet, lis))  # li's key on wang's sheet
    assert code == 1 and report["why_code"] == "why_enrolled_to_other"
    assert report["why"] == (
        "the certificate is enrolled to another user, 李定损, while the signer is 王定损 (wang)"
    )
    code, report, _ = verify(signed(sheet, lis, signer="li"))  # naming li: not the assessor
    assert code == 1 and report["why_code"] == "why_signer_not_assessor"


def test_a_certificate_issued_by_the_organisation_ca_is_trusted(
    engine: Engine,
    sheet: bytes,
    clocks: Clocks,
    verify: Verify,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ca = create_ca_p12("某保险公司定损中心 CA", b"ca key")
    signers.configure_ca(engine, ca, b"ca key", actor=ADMIN)
    clocks.set(1)
    # Issued, not enrolled: trusted through the chain, in the signer's name only.
    wangs = issue_p12(ca, b"ca key", common_name="王定损", user_id="wang", passphrase=PASS)
    code, report, words = verify(signed(sheet, wangs))
    assert code == 0 and report["state"] == "trusted" and report["via"] == "ca"
    assert "王定损 (wang)'s certificate was issued by the organisation's CA" in words
    lis = issue_p12(ca, b"ca key", common_name="李定损", user_id="li", passphrase=PASS)
    code, report, _ = verify(signed(sheet, lis))
    assert code == 1 and report["why_code"] == "why_subject_mismatch"
    # Issued and enrolled by `cert issue`; a CA that is not the configured one is refused.
    other_ca = create_ca_p12("别的 CA", b"ca key")
    with pytest.raises(DomainError, match="not the organisation's configured CA"):
        signers.issue_certificate(engine, "wang", other_ca, b"ca key", PASS, actor=ADMIN)
    issued = signers.issue_certificate(engine, "wang", ca, b"ca key", PASS, actor=ADMIN)
    enrol(engine, "wang", issued)
    assert verify(signed(sheet, issued))[0] == 0
    outsider = issue_p12(other_ca, b"ca key", common_name="王定损", user_id="wang", passphrase=PASS)
    assert verify(signed(sheet, outsider))[1]["why_code"] == "why_unknown_certificate"
    # `--trust` adds an issuer for one verification; the subject must still name the signer.
    pem = tmp_path / "other-ca.pem"
    pem.write_bytes(_pem(read_certificate(other_ca, b"ca key").der))
    code, report, words = verify(signed(sheet, outsider), "--trust", str(pem))
    assert code == 0 and report["via"] == "given" and "the trusted issuer given" in words
    stranger = issue_p12(other_ca, b"ca key", common_name="赵某", user_id="zhao", passphrase=PASS)
    code, report, _ = verify(signed(sheet, stranger), "--trust", str(pem))
    assert code == 1 and report["why_code"] == "why_subject_mismatch"


def _pem(der: bytes) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    return x509.load_der_x509_certificate(der).public_bytes(Encoding.PEM)


def test_the_ca_commands_create_issue_and_enrol(
    both_engines_url: str,
    engine: Engine,
    sheet: bytes,
    tmp_path: Path,
    verify: Verify,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ESTIMATOR_PASSWORD", "password 123")
    monkeypatch.setenv("ESTIMATOR_CA_PASSWORD", "ca key")
    monkeypatch.setenv("ESTIMATOR_CERT_PASSWORD", PASS.decode())
    db = ["--db", both_engines_url]
    ca, wang = tmp_path / "ca.p12", tmp_path / "wang.p12"
    assert main(["cert", "ca", "create", "-o", str(ca), "--as", "wang", *db]) == 1  # no admin
    assert "wang may not do this: it needs the admin role" in capsys.readouterr().err
    assert main(["cert", "ca", "create", "-o", str(ca), "--as", "admin", *db]) == 0
    assert main(["cert", "ca", "create", "-o", str(ca), "--as", "admin", *db]) == 1
    assert "exists already" in capsys.readouterr().err and ca.exists()
    assert (
        main(["cert", "issue", "wang", "-o", str(wang), "--ca", str(ca), "--as", "admin", *db]) == 0
    )
    assert "certificate enrolled for wang" in capsys.readouterr().out
    code, report, _ = verify(signed(sheet, wang.read_bytes()))
    assert (
        code == 0 and report["fingerprint"] == read_certificate(wang.read_bytes(), PASS).fingerprint
    )


def test_a_replaced_certificate_keeps_the_sheets_it_signed_trusted(
    engine: Engine, sheet: bytes, clocks: Clocks, verify: Verify
) -> None:
    first, second = own_p12("王定损", "wang"), own_p12("王定损", "wang")
    enrol(engine, "wang", first)
    clocks.set(1)
    before = signed(sheet, first)
    clocks.set(2)
    replaced = enrol(engine, "wang", second)
    assert replaced.replaced == read_certificate(first, PASS).fingerprint
    clocks.set(3)
    assert verify(before)[0] == 0  # signed while the first was enrolled
    code, report, _ = verify(signed(sheet, first))  # the old key after its replacement
    assert code == 1 and report["why_code"] == "why_replaced"
    assert verify(signed(sheet, second))[0] == 0
    enrolled = signers.enrolments(engine, "wang")
    assert [(e.ended_how, e.ended_at) for e in enrolled] == [("replaced", at(2)), ("", None)]
    # A replaced key found compromised later: revoked by its fingerprint, it vouches no more.
    clocks.set(4)
    old = signers.revoke_certificate(
        engine, "wang", actor=ADMIN, fingerprint=replaced.replaced.upper()
    )
    assert (old.fingerprint, old.ended_how) == (replaced.replaced, "revoked")
    assert verify(before)[1]["why_code"] == "why_revoked"
    assert verify(signed(sheet, second))[0] == 0  # the current one is untouched


def test_revoked_not_yet_enrolled_and_expired_are_not_trusted(
    engine: Engine, sheet: bytes, clocks: Clocks, verify: Verify
) -> None:
    p12 = own_p12("王定损", "wang")
    early = signed(sheet, p12)  # at 0, enrolled only at 1
    clocks.set(1)
    enrol(engine, "wang", p12)
    assert verify(early)[1]["why_code"] == "why_not_yet_enrolled"
    clocks.set(24 * 3660)  # past the certificate's ten years, still enrolled
    assert verify(signed(sheet, p12))[1]["why_code"] == "why_expired"
    clocks.set(2)
    good = signed(sheet, p12)
    assert verify(good)[0] == 0
    signers.revoke_certificate(engine, "wang", actor=ADMIN)
    code, report, _ = verify(good)  # revoked: nothing it signed is trusted any more
    assert code == 1 and report["why_code"] == "why_revoked"


@SQLITE_ONLY
def test_tampering_is_still_reported_as_altered(
    engine: Engine, sheet: bytes, clocks: Clocks, verify: Verify
) -> None:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    enrol(engine, "wang", p12 := own_p12("王定损", "wang"))
    clocks.set(1)
    good = signed(sheet, p12)
    flipped = bytearray(good)
    flipped[len(flipped) // 2] ^= 1
    writer = IncrementalPdfFileWriter(BytesIO(good))
    writer.root["/Pages"]["/Kids"][0].get_object()  # any later revision is a change
    writer.update_root()
    revision = BytesIO()
    writer.write(revision)
    for altered in (bytes(flipped), good + b"\n% appended\n", revision.getvalue()):
        code, report, words = verify(altered)
        assert code == 1 and report["state"] == "altered"
        assert words.startswith("altered, or the signature is invalid")
    assert verify(sheet)[1]["state"] == "unsigned"


def test_enrolment_is_audited_and_refuses_what_it_cannot_vouch_for(
    engine: Engine, clocks: Clocks
) -> None:
    wangs = own_p12("王定损", "wang")
    assessor = User("wang", "王定损", frozenset({Role.ASSESSOR}))
    refusals = [
        (
            lambda: signers.enrol_certificate(
                engine, "wang", read_certificate(wangs, PASS), actor=assessor
            ),
            "only an administrator",
        ),
        (lambda: enrol(engine, "zhao", wangs), "no user zhao"),
        (lambda: enrol(engine, "li", wangs), "does not name the user li"),
        (
            lambda: signers.revoke_certificate(engine, "wang", actor=ADMIN),
            "no enrolled certificate",
        ),
        (
            lambda: signers.read_certificate_file(b"not a certificate"),
            "cannot read the certificate",
        ),
    ]
    for attempt, words in refusals:
        with pytest.raises(DomainError) as refused:
            attempt()
        assert words in refused.value.message_en, words
    enrol(engine, "wang", wangs)
    with pytest.raises(DomainError, match="already enrolled for wang"):
        enrol(engine, "wang", wangs)
    create_user(engine, "wang2", "password 123", {Role.ASSESSOR}, display_name="王定损", actor="t")
    named = create_self_signed_p12("王定损", PASS)  # names both by display name alone
    enrol(engine, "wang2", named)
    with pytest.raises(DomainError, match="enrolled to wang2"):
        enrol(engine, "wang", named)
    with engine.connect() as connection:
        entries = connection.execute(
            select(AuditRow.actor, AuditRow.action, AuditRow.detail).where(
                AuditRow.entity == "signer_certificate"
            )
        ).all()
    assert [(actor, action) for actor, action, _ in entries] == [("admin", "enrol")] * 2
    assert json.loads(entries[0].detail)["fingerprint"] == read_certificate(wangs, PASS).fingerprint


@SQLITE_ONLY
def test_the_application_refuses_to_sign_with_a_certificate_that_is_not_trusted(
    engine: Engine, sheet: bytes, clocks: Clocks
) -> None:
    enrol(engine, "li", lis := own_p12("李定损", "li"))
    clocks.set(1)
    with pytest.raises(DomainError) as refused:
        signer_trust.refuse_untrusted(engine, signed(sheet, lis))
    assert refused.value.message_en == (
        "cannot sign with this certificate: the certificate is enrolled to another user, "
        "李定损, while the signer is 王定损 (wang)"
    )
    assert refused.value.message_zh.startswith("不能用此证书签名：该证书登记在另一用户 李定损 名下")


@SQLITE_ONLY
def test_a_document_naming_no_known_signer_is_not_trusted(
    engine: Engine, sheet: bytes, clocks: Clocks, verify: Verify
) -> None:
    enrol(engine, "wang", p12 := own_p12("王定损", "wang"))
    clocks.set(1)
    code, report, _ = verify(signed(sheet, p12, signer="nobody"))
    assert code == 1 and report["why"] == "the document names no signer known here (nobody)"
