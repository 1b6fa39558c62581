"""Signed estimate sheets validate; a flipped byte, an appended revision, an added annotation
and a removed page are each reported as altered."""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817 - reads like the money constructor
from io import BytesIO
from pathlib import Path

import pytest

from estimator.documents.estimate_sheet import SheetHeader, render_sheet
from estimator.documents.signing import SigningError, create_self_signed_p12, sign_pdf, verify_pdf
from estimator.domain.estimate import EstimateLine, LineKind
from estimator.domain.pricing import price_estimate
from tests.estimator.domain.fixtures import CATALOG, STANDARD, estimate, part

PASSPHRASE = b"assessor's own"


@pytest.fixture(scope="module")
def p12() -> bytes:
    return create_self_signed_p12("王定损", PASSPHRASE)


@pytest.fixture(scope="module")
def sheet() -> bytes:
    lines = [
        part("521190K280"),
        *(
            EstimateLine(LineKind.SUBLET, description=f"外修{i}", amount=D(100 + i))
            for i in range(80)
        ),
    ]
    priced = price_estimate(estimate(*lines, claim_no="RDAA2026330100000123"), CATALOG, STANDARD)
    return render_sheet(priced, SheetHeader(assessor="王定损"))


@pytest.fixture(scope="module")
def signed(sheet: bytes, p12: bytes) -> bytes:
    return sign_pdf(sheet, p12, PASSPHRASE)


def test_a_signed_sheet_validates_with_signer_and_time(signed: bytes) -> None:
    result = verify_pdf(signed)
    assert result.ok and result.intact and result.coverage == "ENTIRE_FILE"
    assert "王定损" in result.signer and result.signing_time is not None
    assert not result.trusted  # self-signed, not in a trust list


def test_pyhankos_own_validator_agrees(signed: bytes) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature

    status = validate_pdf_signature(PdfFileReader(BytesIO(signed)).embedded_signatures[0])
    assert status.intact and status.valid and status.coverage is SignatureCoverageLevel.ENTIRE_FILE


def test_trusted_when_the_certificate_is_a_trust_root(signed: bytes, p12: bytes) -> None:
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12

    _key, certificate, _ = pkcs12.load_key_and_certificates(p12, PASSPHRASE)
    assert certificate is not None
    assert verify_pdf(signed, certificate.public_bytes(Encoding.DER)).trusted


def test_a_one_byte_change_is_detected(signed: bytes) -> None:
    for position in (len(signed) // 4, len(signed) // 2):
        changed = bytearray(signed)
        changed[position] ^= 0x01
        assert not verify_pdf(bytes(changed)).ok


def test_appended_bytes_are_not_intact_coverage(signed: bytes) -> None:
    result = verify_pdf(signed + b"\n% appended after signing\n")
    assert not result.ok and result.coverage != "ENTIRE_FILE"


def _incremental(signed: bytes, change) -> bytes:  # type: ignore[no-untyped-def]
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(BytesIO(signed))
    change(writer)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def test_an_appended_revision_with_an_annotation_changing_a_total_is_detected(
    signed: bytes,
) -> None:
    from pyhanko.pdf_utils import generic

    def annotate(writer) -> None:  # type: ignore[no-untyped-def]
        page = writer.root["/Pages"]["/Kids"][0].get_object()
        note = generic.DictionaryObject(
            {
                generic.NameObject("/Type"): generic.NameObject("/Annot"),
                generic.NameObject("/Subtype"): generic.NameObject("/FreeText"),
                generic.NameObject("/Rect"): generic.ArrayObject(
                    [generic.NumberObject(v) for v in (400, 300, 560, 320)]
                ),
                generic.NameObject("/Contents"): generic.TextStringObject("合计 ¥1.00"),
                generic.NameObject("/DA"): generic.TextStringObject("/Helv 12 Tf 0 g"),
            }
        )
        annots = page.get("/Annots", generic.ArrayObject())
        annots.append(writer.add_object(note))
        page[generic.NameObject("/Annots")] = annots
        writer.update_container(page)

    result = verify_pdf(_incremental(signed, annotate))
    assert not result.ok and result.later_revisions


def test_a_removed_page_is_detected(signed: bytes) -> None:
    from pyhanko.pdf_utils import generic

    def drop_last_page(writer) -> None:  # type: ignore[no-untyped-def]
        pages = writer.root["/Pages"]
        kids = pages["/Kids"]
        assert len(kids) > 1
        del kids[-1]
        pages[generic.NameObject("/Count")] = generic.NumberObject(len(kids))
        writer.update_container(pages)

    result = verify_pdf(_incremental(signed, drop_last_page))
    assert not result.ok


def test_an_unsigned_sheet_is_reported_unsigned(sheet: bytes) -> None:
    result = verify_pdf(sheet)
    assert not result.signed and not result.ok


def test_a_wrong_passphrase_is_refused(sheet: bytes, p12: bytes) -> None:
    with pytest.raises(SigningError):
        sign_pdf(sheet, p12, b"not the passphrase")


def test_garbage_is_not_a_valid_signature() -> None:
    assert not verify_pdf(b"%PDF-1.4 garbage").ok


def _timestamp_authority():  # type: ignore[no-untyped-def]
    import datetime as dt

    from asn1crypto import keys
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
    from pyhanko.sign.timestamps import DummyTimeStamper

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # the test TSA is RSA-only
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test TSA")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(key, hashes.SHA256())
    )
    der = certificate.public_bytes(serialization.Encoding.DER)
    pkcs8 = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return DummyTimeStamper(asn1_x509.Certificate.load(der), keys.PrivateKeyInfo.load(pkcs8))


def test_with_a_timestamp_authority_the_signature_is_b_t(sheet: bytes, p12: bytes) -> None:
    signed = sign_pdf(sheet, p12, PASSPHRASE, timestamper=_timestamp_authority())
    result = verify_pdf(signed)
    assert result.ok and result.timestamped
    assert not verify_pdf(sign_pdf(sheet, p12, PASSPHRASE)).timestamped  # B-B without one


def test_the_signature_names_the_user_and_the_stamp_the_holder(
    sheet: bytes, tmp_path: Path
) -> None:
    import subprocess

    p12 = create_self_signed_p12("王定损", PASSPHRASE, user_id="wang")
    signed = sign_pdf(sheet, p12, PASSPHRASE, signer_name="wang")
    result = verify_pdf(signed)
    assert result.ok and result.named_signer == "wang" and result.author == "王定损"
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "王定损" in text.splitlines()  # the stamp's own line: the name, not the username
    assert "wang" not in text
