"""The sync bundle (``.estsync``, sync.md): a zip of JSON documents and photos with a
manifest of SHA-256 hashes, signed with the user's enrolled key, for a check-in carried on a
USB stick or sent by mail; and the receipt the server gives back (the same form, unsigned:
it only brings the server's cases back to the laptop that sent the bundle).

Read defensively: a bundle is a user's file. Every member is bounded in number and size
before it is read, every file must be in the manifest with its hash, and nothing else may be.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field

from estimator.documents.signer_keys import CertificateFileError

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
SIGNER = "signer.der"
FORMAT = "estsync/1"
#: What a bundle may hold at most: members, and bytes once unpacked.
MAX_MEMBERS = 20_000
MAX_BYTES = 2 * 1024**3


class BundleError(ValueError):
    """Not a bundle this application reads, or one altered since it was made: a message
    code and its parameters (worded by the services' registry)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Bundle:
    """A bundle read and checked: its kind, its files by name, and the signer's certificate
    (DER) when it was signed."""

    kind: str
    files: dict[str, bytes] = field(default_factory=dict)
    certificate: bytes | None = None
    made_at: str = ""


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class SigningKey:
    """A user's key, loaded once from PKCS#12, and its certificate (DER)."""

    key: object
    certificate: bytes


def signing_key(p12: bytes, passphrase: bytes) -> SigningKey:
    """The key and certificate in ``p12`` (a wrong passphrase or no usable ECDSA key:
    ``CertificateFileError``)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12

    try:
        key, certificate, _ = pkcs12.load_key_and_certificates(p12, passphrase)
    except (ValueError, TypeError) as error:
        raise CertificateFileError(str(error)) from None
    if certificate is None or not isinstance(key, ec.EllipticCurvePrivateKey):
        raise CertificateFileError("the file holds no usable key and certificate")
    return SigningKey(key, certificate.public_bytes(serialization.Encoding.DER))


def write_bundle(kind: str, files: dict[str, bytes], key: SigningKey | None = None) -> bytes:
    """A bundle of ``files`` (its manifest signed with ``key`` when given)."""
    manifest = {
        "format": FORMAT,
        "kind": kind,
        "made_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "files": {name: _sha(data) for name, data in sorted(files.items())},
    }
    text = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, text)
        if key is not None:
            archive.writestr(SIGNATURE, _sign(text, key))
            archive.writestr(SIGNER, key.certificate)
        for name, data in sorted(files.items()):
            archive.writestr(name, data)
    return out.getvalue()


def _sign(data: bytes, key: SigningKey) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    assert isinstance(key.key, ec.EllipticCurvePrivateKey)
    return key.key.sign(data, ec.ECDSA(hashes.SHA256()))


def read_bundle(data: bytes) -> Bundle:
    """The bundle in ``data``, checked: every file listed with its hash and nothing else,
    the signature (if any) made by the key of the certificate it carries."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise BundleError("bundle_not_zip") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_BYTES:
            raise BundleError("bundle_too_large")
        try:
            content = {m.filename: archive.read(m) for m in members if not m.is_dir()}
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise BundleError("bundle_not_zip") from None
    text = content.pop(MANIFEST, None)
    if text is None:
        raise BundleError("bundle_no_manifest")
    try:
        manifest = json.loads(text)
        listed = dict(manifest["files"])
        kind, made_at = str(manifest["kind"]), str(manifest.get("made_at", ""))
        if manifest.get("format") != FORMAT:
            raise BundleError("bundle_format", found=str(manifest.get("format")))
    except (ValueError, KeyError, TypeError):
        raise BundleError("bundle_no_manifest") from None
    signature, certificate = content.pop(SIGNATURE, None), content.pop(SIGNER, None)
    for name in sorted(set(listed) | set(content)):
        if name not in content:
            raise BundleError("bundle_file_missing", name=name)
        if name not in listed:
            raise BundleError("bundle_file_unlisted", name=name)
        if _sha(content[name]) != listed[name]:
            raise BundleError("bundle_file_altered", name=name)
    if (signature is None) != (certificate is None):
        raise BundleError("bundle_signature_bad")
    if signature is not None and certificate is not None:
        _verify(text, signature, certificate)
    return Bundle(kind, content, certificate, made_at)


def _verify(data: bytes, signature: bytes, certificate: bytes) -> None:
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    try:
        key = x509.load_der_x509_certificate(certificate).public_key()
        if not isinstance(key, ec.EllipticCurvePublicKey):
            raise BundleError("bundle_signature_bad")
        key.verify(signature, data, ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, ValueError):
        raise BundleError("bundle_signature_bad") from None
