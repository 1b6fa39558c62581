"""A check-in carried as a file (sync.md): the laptop writes its check-in as a bundle
(``.estsync``) signed with the user's enrolled key; the server imports it under the same
rules as an online check-in (the laptop's audit chain continued, each case merged, a batch
applied once) and writes a receipt; the laptop reads the receipt to close the check-in and
take the server's cases. Until then the laptop's cases stay read-only, as for any check-in
in flight; an online check-in closes it too.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from estimator.documents.signer_keys import CertificateFileError, certificate_facts
from estimator.documents.sync_bundle import (
    Bundle,
    BundleError,
    read_bundle,
    signing_key,
    write_bundle,
)
from estimator.domain.errors import DomainError
from estimator.persistence import audit
from estimator.persistence.signer_certificates import REVOKED, USER, SignerCertificateRepository
from estimator.persistence.uow import UnitOfWork
from estimator.services.sync import graph_from_json, graph_to_json
from estimator.services.sync_checkin import (
    CheckinResult,
    Choice,
    apply,
    close,
    outcome_of,
    prepare,
    settled_cases,
)
from estimator.services.users import User

CHECKIN, RECEIPT = "checkin", "receipt"
_PAYLOAD, _RECEIPT = "checkin.json", "receipt.json"


def _photo_files(photos: Mapping[str, bytes]) -> dict[str, bytes]:
    return {f"photos/{sha}": data for sha, data in photos.items()}


def _photos_of(bundle: Bundle) -> dict[str, bytes]:
    found = {}
    for name, data in bundle.files.items():
        if name.startswith("photos/"):
            sha = name.removeprefix("photos/")
            if hashlib.sha256(data).hexdigest() != sha:
                raise DomainError("bundle_file_altered", name=name)
            found[sha] = data
    return found


def open_bundle(data: bytes) -> Bundle:
    """A bundle file read and checked whole (every file hashed, the signature verified);
    its refusal in words."""
    try:
        return read_bundle(data)
    except BundleError as error:
        raise DomainError(error.code, **error.params) from None


def _read(data: bytes | Bundle, kind: str) -> Bundle:
    bundle = data if isinstance(data, Bundle) else open_bundle(data)
    if bundle.kind != kind:
        raise DomainError("bundle_kind", found=bundle.kind, expected=kind)
    return bundle


@dataclass(frozen=True)
class ExportedBundle:
    """A check-in written as a bundle: its bytes and what it carries."""

    data: bytes
    cases: int
    entries: int
    photos: int


def export_bundle(
    laptop: Engine,
    username: str,
    p12: bytes,
    passphrase: bytes,
    choices: Mapping[uuid.UUID, Choice] | None = None,
) -> ExportedBundle:
    """The laptop's check-in as a signed bundle (the check-in stays in flight until its
    receipt is read or an online check-in closes it). A key that cannot sign (a wrong
    passphrase) is refused before the laptop is touched: no check-in is put in flight."""
    try:
        key = signing_key(p12, passphrase)
    except CertificateFileError as error:
        raise DomainError("cannot_sign", error=str(error)) from None
    payload = prepare(laptop, username)
    photos = {sha: base64.b64decode(text) for sha, text in payload.pop("photos").items()}
    payload["choices"] = {str(k): v for k, v in (choices or {}).items()}
    files = {_PAYLOAD: json.dumps(payload, ensure_ascii=False).encode(), **_photo_files(photos)}
    return ExportedBundle(
        write_bundle(CHECKIN, files, key),
        sum(1 for case in payload["cases"] if not case.get("unchanged")),
        len(payload["audit"]["entries"]),
        len(photos),
    )


def _check_signer(server: Engine, bundle: Bundle, username: str) -> None:
    """The bundle must be signed with a certificate enrolled to its user and not revoked."""
    if bundle.certificate is None:
        raise DomainError("bundle_unsigned")
    facts = certificate_facts(bundle.certificate)
    with UnitOfWork(server) as uow:
        rows = SignerCertificateRepository(uow.session).with_fingerprint(facts.fingerprint)
        mine = [r for r in rows if r.kind == USER and r.username == username]
        if not mine or any(r.ended_how == REVOKED for r in mine):
            raise DomainError("bundle_signer_not_enrolled", username=username)


def import_bundle(server: Engine, data: bytes | Bundle, actor: User) -> tuple[CheckinResult, bytes]:
    """Apply a laptop's bundle (its bytes, or as :func:`open_bundle` read it) on the server;
    its outcome and the receipt for the laptop."""
    bundle = _read(data, CHECKIN)
    try:
        payload: dict[str, Any] = json.loads(bundle.files[_PAYLOAD])
    except (KeyError, ValueError):
        raise DomainError("bundle_file_missing", name=_PAYLOAD) from None
    _check_signer(server, bundle, str(payload.get("user", "")))
    payload["photos"] = {
        sha: base64.b64encode(raw).decode() for sha, raw in _photos_of(bundle).items()
    }
    result = apply(server, payload, {})
    with UnitOfWork(server, write=True) as uow:
        detail = {"batch": result["batch"], "user": payload["user"], "resumed": result["resumed"]}
        audit.record(
            uow.session,
            actor=actor.username,
            entity="sync_bundle",
            entity_id=result["batch"],
            action="imported",
            detail=detail,
        )
        uow.commit()
    graphs, blobs, histories = settled_cases(server, None, result)
    document = {
        "user": payload["user"],
        "result": result,
        "cases": {str(k): graph_to_json(g) for k, g in graphs.items()},
        "history": {str(k): entries for k, entries in histories.items()},
    }
    files = {_RECEIPT: json.dumps(document, ensure_ascii=False).encode()}
    files.update(_photo_files(dict(blobs)))
    return outcome_of(result), write_bundle(RECEIPT, files)


def read_receipt(laptop: Engine, data: bytes | Bundle, username: str) -> CheckinResult:
    """Close the laptop's check-in with the server's receipt (its bytes, or as
    :func:`open_bundle` read it; again: nothing changes)."""
    bundle = _read(data, RECEIPT)
    try:
        document = json.loads(bundle.files[_RECEIPT])
    except (KeyError, ValueError):
        raise DomainError("bundle_file_missing", name=_RECEIPT) from None
    if document.get("user") != username:
        raise DomainError("sync_wrong_user", owner=document.get("user"), username=username)
    result = document["result"]
    graphs = {uuid.UUID(k): graph_from_json(v) for k, v in document["cases"].items()}
    histories = {uuid.UUID(k): list(v) for k, v in document.get("history", {}).items()}
    close(laptop, username, result, graphs, list(_photos_of(bundle).items()), histories)
    return outcome_of(result)


def bundle_kind(data: bytes) -> str:
    """What a bundle file is (check-in or receipt), read and checked whole."""
    return open_bundle(data).kind
