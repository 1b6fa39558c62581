"""Signing certificates as files: an organisation CA, the certificates it issues to users,
and reading a certificate (PEM, DER or PKCS#12) for its SHA-256 fingerprint and subject.

Every key is an ECDSA P-256 key; PKCS#12 files are locked with the passphrase given.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography import x509


class CertificateFileError(ValueError):
    """The bytes are no certificate this application can read (or the passphrase is wrong)."""


@dataclass(frozen=True)
class CertificateFacts:
    """What the application keeps of a certificate: DER, fingerprint, names, validity."""

    der: bytes
    fingerprint: str
    subject: str
    common_name: str
    user_id: str
    not_before: dt.datetime
    not_after: dt.datetime
    is_ca: bool

    def names(self, username: str, display_name: str) -> bool:
        """Whether the subject names this user (its user id, or common name as either name)."""
        if self.user_id:
            return self.user_id == username
        return self.common_name in {username, display_name}


def fingerprint(der: bytes) -> str:
    """The SHA-256 fingerprint of a DER certificate, lowercase hex."""
    return hashlib.sha256(der).hexdigest()


def certificate_facts(der: bytes) -> CertificateFacts:
    """The facts of a DER certificate."""
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    try:
        certificate = x509.load_der_x509_certificate(der)
    except ValueError as error:
        raise CertificateFileError(str(error)) from None

    def first(oid: x509.ObjectIdentifier) -> str:
        values = certificate.subject.get_attributes_for_oid(oid)
        return str(values[0].value) if values else ""

    try:
        constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints)
        is_ca = constraints.value.ca
    except x509.ExtensionNotFound:
        is_ca = False
    return CertificateFacts(
        der=der,
        fingerprint=fingerprint(der),
        subject=certificate.subject.rfc4514_string(),
        common_name=first(NameOID.COMMON_NAME),
        user_id=first(NameOID.USER_ID),
        not_before=certificate.not_valid_before_utc,
        not_after=certificate.not_valid_after_utc,
        is_ca=is_ca,
    )


def read_certificate(data: bytes, passphrase: bytes | None = None) -> CertificateFacts:
    """The certificate in a PEM, DER or PKCS#12 file (the last with its passphrase)."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12

    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            certificate = x509.load_pem_x509_certificate(data)
        else:
            try:
                certificate = x509.load_der_x509_certificate(data)
            except ValueError:
                _key, loaded, _extra = pkcs12.load_key_and_certificates(data, passphrase)
                if loaded is None:
                    raise CertificateFileError("the PKCS#12 file holds no certificate") from None
                certificate = loaded
    except (ValueError, TypeError) as error:
        raise CertificateFileError(str(error)) from None
    return certificate_facts(certificate.public_bytes(Encoding.DER))


def subject_name(common_name: str, user_id: str, organization: str) -> x509.Name:
    """A certificate subject: the holder's name, the username (when given), the organisation."""
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if user_id:
        attributes.append(x509.NameAttribute(NameOID.USER_ID, user_id))
    attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization))
    return x509.Name(attributes)


def _key_usage(*, signs_certificates: bool) -> x509.KeyUsage:
    from cryptography import x509

    return x509.KeyUsage(
        digital_signature=not signs_certificates,
        content_commitment=not signs_certificates,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=signs_certificates,
        crl_sign=signs_certificates,
        encipher_only=False,
        decipher_only=False,
    )


def create_ca_p12(
    name: str, passphrase: bytes, *, days: int = 3650 * 2, organization: str = "Estimator"
) -> bytes:
    """A self-signed organisation CA (key and certificate) as PKCS#12."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12

    key = ec.generate_private_key(ec.SECP256R1())
    subject = subject_name(name, "", organization)
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(signs_certificates=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        name.encode(), key, certificate, None, BestAvailableEncryption(passphrase)
    )


def issue_p12(
    ca_p12: bytes,
    ca_passphrase: bytes,
    *,
    common_name: str,
    user_id: str,
    passphrase: bytes,
    days: int = 3650,
) -> bytes:
    """A user's signing certificate issued by the CA in ``ca_p12``, as PKCS#12 (with the
    CA's certificate, so that a signature carries its chain)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
    from cryptography.x509.oid import ExtendedKeyUsageOID

    try:
        ca_key, ca_certificate, _ = pkcs12.load_key_and_certificates(ca_p12, ca_passphrase)
    except (ValueError, TypeError) as error:
        raise CertificateFileError(str(error)) from None
    if (
        ca_key is None
        or ca_certificate is None
        or not isinstance(ca_key, ec.EllipticCurvePrivateKey)
    ):
        raise CertificateFileError("the CA file holds no usable key and certificate")
    key = ec.generate_private_key(ec.SECP256R1())
    organization = ca_certificate.subject.get_attributes_for_oid(x509.NameOID.ORGANIZATION_NAME)
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(
            subject_name(common_name, user_id, str(organization[0].value) if organization else "")
        )
        .issuer_name(ca_certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(min(now + dt.timedelta(days=days), ca_certificate.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(signs_certificates=False), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        common_name.encode(),
        key,
        certificate,
        [ca_certificate],
        BestAvailableEncryption(passphrase),
    )
