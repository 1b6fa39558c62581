"""Digital signatures on the estimate sheet (PAdES baseline B-B) with pyHanko, and their
verification: who signed, when, whether anything changed since.

pyHanko validates bytes appended after a signature as "intact" with a narrower coverage
(environment-notes.md); verification therefore reports altered unless the signature covers
the entire file and no later revision exists.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from io import BytesIO
from pathlib import Path
from typing import Any

from platformdirs import user_cache_dir
from pyhanko.sign.timestamps import TimeStamper
from pyhanko_certvalidator import ValidationContext

from estimator.documents.signer_keys import subject_name

FIELD = "EstimatorSignature"


class SigningError(Exception):
    """The certificate cannot be used, or the document cannot be signed; says why."""


def create_self_signed_p12(
    name: str,
    passphrase: bytes,
    *,
    days: int = 3650,
    organization: str = "Estimator",
    user_id: str = "",
) -> bytes:
    """A self-signed certificate and key for one assessor, as PKCS#12 (admin use, or tests);
    ``user_id`` (the username) goes into the subject when given."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
    from cryptography.x509.oid import ExtendedKeyUsageOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = subject_name(name, user_id, organization)
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        name.encode(), key, certificate, None, BestAvailableEncryption(passphrase)
    )


STAMP_CHARACTERS = "0123456789-:/ ()年月日时分签名数字UTCZ+"


def stamp_font(text: str) -> str:
    """A small TrueType file with just the glyphs ``text`` needs, cut from the bundled CJK
    font (pyHanko reads neither a .ttc nor, quickly, a 4 MB font): made once per set of
    characters and kept in the user's cache folder."""
    characters = "".join(sorted(set(text + STAMP_CHARACTERS)))
    key = hashlib.sha1(characters.encode()).hexdigest()[:16]
    target = Path(user_cache_dir("Estimator", "Estimator")) / f"stamp-{key}.ttf"
    if not target.exists():
        from fontTools import subset
        from fontTools.ttLib import TTCollection

        target.parent.mkdir(parents=True, exist_ok=True)
        source = resources.files("estimator.resources").joinpath("fonts", "wqy-microhei.ttc")
        font = TTCollection(str(source)).fonts[0]
        options = subset.Options()
        options.layout_features = ["*"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=[ord(c) for c in characters])
        subsetter.subset(font)
        partial = target.with_suffix(".partial")
        font.save(str(partial))
        partial.replace(target)
    return str(target)


def _stamp_font_engine(path: str) -> Any:
    """pyHanko's glyph accumulator on the stamp font read into memory: pyHanko's own
    factory opens the file and never closes it (a ResourceWarning; on Windows, a cached font
    that cannot be deleted while the program runs)."""
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory

    class InMemory(GlyphAccumulatorFactory):
        def create_font_engine(self, writer: Any, obj_stream: Any = None) -> Any:
            if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
                obj_stream = writer.prepare_object_stream()
            return GlyphAccumulator(
                writer=writer,
                font_handle=BytesIO(Path(self.font_file).read_bytes()),
                font_size=self.font_size,
                ot_script_tag=self.ot_script_tag,
                ot_language_tag=self.ot_language_tag,
                writing_direction=self.writing_direction,
                bcp47_lang_code=self.bcp47_lang_code,
                obj_stream=obj_stream,
            )

    return InMemory(path, font_size=7, ot_script_tag="hani", writing_direction="ltr")


def _common_name(signer: object) -> str:
    certificate = getattr(signer, "signing_cert", None)
    if certificate is None:
        return ""
    return str(certificate.subject.native.get("common_name", ""))


def _whole_points(
    box: tuple[float, float, float, float] | None,
) -> tuple[int, int, int, int] | None:
    if box is None:
        return None
    return (round(box[0]), round(box[1]), round(box[2]), round(box[3]))


def sign_pdf(
    pdf: bytes,
    p12: bytes,
    passphrase: bytes,
    *,
    reason: str = "估损单确认",
    location: str = "",
    box: tuple[float, float, float, float] | None = None,
    page: int = -1,
    visible: bool = True,
    timestamper: TimeStamper | None = None,
    signer_name: str = "",
) -> bytes:
    """Sign ``pdf`` (PAdES B-B, SHA-256) with the signer's own PKCS#12 key; the visible
    stamp (in the CJK font) goes into ``box`` on ``page``. ``signer_name`` (the signing
    assessor's username) goes into the signature's ``/Name``, covered by the signature."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    try:
        signer = signers.SimpleSigner.load_pkcs12_data(p12, other_certs=[], passphrase=passphrase)
    except (ValueError, TypeError) as error:
        raise SigningError(f"cannot read the certificate: {error}") from None
    if signer is None:
        raise SigningError("cannot read the certificate (wrong passphrase?)")
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    if visible and box is None:
        box = (360, 40, 560, 90)
    fields.append_signature_field(
        writer,
        fields.SigFieldSpec(FIELD, box=_whole_points(box) if visible else None, on_page=page),
    )
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
        name=signer_name or None,
    )
    from pyhanko.pdf_utils.text import TextBoxStyle

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # subsetting notes are not news
    style = TextStampStyle(
        # Kept short: pyHanko lays this font's glyphs out wide (a known rough edge).
        stamp_text="%(holder)s\n%(ts)s",
        timestamp_format="%Y-%m-%d",
        text_box_style=TextBoxStyle(font=_stamp_font_engine(stamp_font(_common_name(signer)))),
        border_width=1,
    )
    # With a timestamp authority the signature is PAdES B-T (its time is vouched for).
    output = signers.PdfSigner(
        meta, signer=signer, stamp_style=style, timestamper=timestamper
    ).sign_pdf(
        # The certificate holder's name, not ``/Name`` (a username pyHanko would show).
        writer,
        appearance_text_params={"holder": _common_name(signer)},
    )
    signed: bytes = output.getvalue()
    return signed


#: The trust roots for a signer's certificate (DER in, DERs out): the certificate itself
#: when it is enrolled, the organisation's CA otherwise.
TrustRoots = Callable[[bytes], Sequence[bytes]]


@dataclass(frozen=True)
class Verification:
    """The outcome of checking a signed sheet."""

    signed: bool
    intact: bool
    trusted: bool = False
    signer: str = ""
    signing_time: dt.datetime | None = None
    coverage: str = ""
    later_revisions: bool = False
    timestamped: bool = False
    detail: str = ""
    #: The signer's certificate (DER), the signer the signature names (``/Name``: a
    #: username) and the document's author (the sheet's assessor, a display name).
    certificate: bytes = b""
    named_signer: str = ""
    author: str = ""
    #: The trust root the signer's certificate chains to (DER; empty when not trusted).
    anchor: bytes = b""

    @property
    def ok(self) -> bool:
        """Signed, intact, covering the whole file, nothing added since."""
        return (
            self.signed
            and self.intact
            and self.coverage == "ENTIRE_FILE"
            and not self.later_revisions
        )


def verify_pdf(pdf: bytes, trusted: bytes | TrustRoots | None = None) -> Verification:
    """Check the last signature; report signer, time, whether the document changed since,
    and whether the signer's certificate chains to a trust root (one certificate, or the
    roots ``trusted`` gives for the signer's certificate) at the signing time."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature

    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except Exception as error:  # noqa: BLE001 - a damaged file is "altered" to the user
        return Verification(
            True, False, detail=f"unreadable: {type(error).__name__}: {error}"[:200]
        )
    if not signatures:
        return Verification(False, False, detail="no signature")
    signature = signatures[-1]
    quiet = logging.getLogger("pyhanko")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)  # an untrusted self-signed certificate is reported, not logged
    try:
        certificate = signature.signer_cert.dump()
        roots = [] if trusted is None else _roots(trusted, certificate)
        context = _context(roots, signature.self_reported_timestamp)
        status = validate_pdf_signature(signature, context)
        named, author = _names(reader, signature)
    except Exception as error:  # noqa: BLE001
        return Verification(True, False, detail=f"{type(error).__name__}: {error}"[:200])
    finally:
        quiet.setLevel(level)
    later = signature.signed_revision < reader.xrefs.total_revisions - 1
    coverage = status.coverage.name if status.coverage is not None else ""
    signer = status.signing_cert.subject.human_friendly if status.signing_cert else ""
    return Verification(
        True,
        bool(status.intact and status.valid),
        bool(status.trusted),
        signer,
        status.timestamp_validity.timestamp
        if status.timestamp_validity
        else status.signer_reported_dt,
        coverage,
        bool(later),
        bool(status.timestamp_validity and status.timestamp_validity.intact),
        status.summary(),
        certificate,
        named,
        author,
        _anchor(status) if status.trusted else b"",
    )


def _anchor(status: Any) -> bytes:
    try:
        return bytes(status.validation_path[0].dump())
    except (TypeError, IndexError, AttributeError):
        return b""


def _roots(trusted: bytes | TrustRoots, certificate: bytes) -> list[bytes]:
    return [trusted] if isinstance(trusted, bytes) else list(trusted(certificate))


def _names(reader: Any, signature: Any) -> tuple[str, str]:
    """The signer named in the signature dictionary and the document's author."""
    named = getattr(signature, "sig_object", {}).get("/Name", "")
    try:
        author = reader.trailer["/Info"].get_object().get("/Author", "")
    except (KeyError, AttributeError):
        author = ""
    return str(named or ""), str(author or "")


def _context(roots: Sequence[bytes], moment: dt.datetime | None) -> ValidationContext:
    from asn1crypto import x509

    # Trust only what is given (never the operating system's list): a self-signed assessor
    # certificate is then reported untrusted, while intact-or-altered is decided the same.
    # The chain is judged at the signing time, so a certificate that has expired since
    # still vouches for the sheets signed while it was valid.
    return ValidationContext(
        trust_roots=[x509.Certificate.load(root) for root in roots],
        allow_fetching=False,
        moment=moment,
    )


def http_timestamper(url: str) -> TimeStamper:
    """An RFC 3161 timestamp authority at ``url`` (for PAdES B-T)."""
    try:
        from pyhanko.sign.timestamps import HTTPTimeStamper
    except ImportError as error:  # pragma: no cover - depends on the installed extras
        raise SigningError(f"timestamps need pyHanko's HTTP support: {error}") from None
    return HTTPTimeStamper(url)
