"""A check-in carried as a file (.estsync): signed on the laptop with the user's enrolled
key, imported on the server under the check-in's rules, closed on the laptop by the
receipt; a bundle altered in any way, unsigned or signed with another key is refused and
changes nothing."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
from sqlalchemy import Engine, select

from estimator.domain.errors import DomainError
from estimator.domain.workflow import Role
from estimator.persistence.rows import AuditRow
from estimator.services import sync, sync_bundle
from estimator.services.signers import create_certificate, enrol_certificate, read_certificate_file
from estimator.services.users import User
from tests.services.conftest import make_team
from tests.services.test_sync import assert_trail_sound, new_case, qtys, set_qty

KEY = b"key-pass-1"


@pytest.fixture
def team(priced_db: Engine) -> dict[str, User]:
    return make_team(priced_db, wang={Role.ASSESSOR}, admin={Role.ADMIN}, chen={Role.ASSESSOR})


def _key(server: Engine, username: str, admin: User, enrol: bool = True) -> bytes:
    p12 = create_certificate(server, username, KEY, actor=admin)
    if enrol:
        enrol_certificate(server, username, read_certificate_file(p12, KEY), actor=admin)
    return p12


def _rezip(bundle: bytes, change: dict[str, bytes | None]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(bundle)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            if member.filename in change:
                replacement = change[member.filename]
                if replacement is not None:
                    target.writestr(member.filename, replacement)
            else:
                target.writestr(member.filename, source.read(member))
        for name, data in change.items():
            if data is not None and name not in source.namelist():
                target.writestr(name, data)
    return out.getvalue()


def _head(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(AuditRow.seq).order_by(AuditRow.seq.desc())) or 0)


def test_a_bundle_carries_a_check_in_and_its_receipt_closes_it(
    priced_db: Engine, laptop: Engine, team: dict[str, User]
) -> None:
    case_id, version = new_case(priced_db, "wang", "BUNDLE-1")
    sync.checkout(priced_db, laptop, "wang")
    set_qty(laptop, version, 0, "7", team["wang"])
    bundle = sync_bundle.export_bundle(
        laptop, "wang", _key(priced_db, "wang", team["admin"]), KEY
    ).data
    assert sync.status(laptop).pending_batch  # in flight: read-only until closed
    result, receipt = sync_bundle.import_bundle(priced_db, bundle, team["admin"])
    assert [c.claim_no for c in result.of("accepted")] == ["BUNDLE-1"]
    assert qtys(priced_db, version)[0] == Decimal("7")
    # Imported twice (the stick plugged in again): answered, nothing applied twice.
    again, _ = sync_bundle.import_bundle(priced_db, bundle, team["admin"])
    assert again.resumed and qtys(priced_db, version)[0] == Decimal("7")
    closed = sync_bundle.read_receipt(laptop, receipt, "wang")
    assert closed.of("accepted") and sync.status(laptop).pending_batch == ""
    assert {c.claim_no: c.checked_out for c in sync.status(laptop).cases}["BUNDLE-1"] is False
    assert_trail_sound(priced_db)
    assert_trail_sound(laptop)
    assert case_id


@pytest.mark.parametrize(
    "tamper",
    ["payload changed", "manifest changed", "file added", "file removed", "signature removed"],
)
def test_a_tampered_bundle_is_refused_and_changes_nothing(
    priced_db: Engine, laptop: Engine, team: dict[str, User], tamper: str
) -> None:
    _, version = new_case(priced_db, "wang", "BUNDLE-2")
    sync.checkout(priced_db, laptop, "wang")
    set_qty(laptop, version, 0, "3", team["wang"])
    bundle = sync_bundle.export_bundle(
        laptop, "wang", _key(priced_db, "wang", team["admin"]), KEY
    ).data
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        payload, manifest = archive.read("checkin.json"), archive.read("manifest.json")
    changes: dict[str, dict[str, bytes | None]] = {
        "payload changed": {"checkin.json": payload.replace(b'"qty": "3', b'"qty": "9')},
        "manifest changed": {"manifest.json": manifest.replace(b'"checkin"', b'"checkin" ')},
        "file added": {"photos/extra": b"x"},
        "file removed": {"checkin.json": None},
        "signature removed": {"manifest.sig": None, "signer.der": None},
    }
    before = _head(priced_db)
    with pytest.raises(DomainError) as refused:
        sync_bundle.import_bundle(priced_db, _rezip(bundle, changes[tamper]), team["admin"])
    assert refused.value.code.startswith("bundle_")
    assert _head(priced_db) == before and qtys(priced_db, version)[0] == Decimal("1")


def test_a_bundle_signed_with_a_key_not_enrolled_to_its_user_is_refused(
    priced_db: Engine, laptop: Engine, team: dict[str, User]
) -> None:
    _, version = new_case(priced_db, "wang", "BUNDLE-3")
    sync.checkout(priced_db, laptop, "wang")
    set_qty(laptop, version, 0, "3", team["wang"])
    for key in (
        _key(priced_db, "wang", team["admin"], enrol=False),
        _key(priced_db, "chen", team["admin"]),
    ):
        bundle = sync_bundle.export_bundle(laptop, "wang", key, KEY).data
        with pytest.raises(DomainError) as refused:
            sync_bundle.import_bundle(priced_db, bundle, team["admin"])
        assert refused.value.code == "bundle_signer_not_enrolled"
    assert qtys(priced_db, version)[0] == Decimal("1")


def test_what_is_not_a_bundle_is_refused_in_words(priced_db: Engine, team: dict[str, User]) -> None:
    for junk in (b"", b"PK\x03\x04 broken", b"plain text"):
        with pytest.raises(DomainError) as refused:
            sync_bundle.import_bundle(priced_db, junk, team["admin"])
        assert refused.value.code == "bundle_not_zip" and "zip" in str(refused.value)


def test_a_wrong_passphrase_is_refused_before_the_laptop_is_touched(
    priced_db: Engine, laptop: Engine, team: dict[str, User]
) -> None:
    _, version = new_case(priced_db, "wang", "BUNDLE-4")
    sync.checkout(priced_db, laptop, "wang")
    set_qty(laptop, version, 0, "3", team["wang"])
    key = _key(priced_db, "wang", team["admin"])
    with pytest.raises(DomainError) as refused:
        sync_bundle.export_bundle(laptop, "wang", key, b"not-the-key")
    assert refused.value.code == "cannot_sign"
    assert sync.status(laptop).pending_batch == ""  # no check-in put in flight
    assert sync.status(laptop).pending == 1
