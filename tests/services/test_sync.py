"""Offline work (sync.md): a team server (SQLite and PostgreSQL) and two laptops (their own
SQLite files). Cases are checked out, edited offline on both, checked in in either order;
a clash is settled both ways; both audit chains verify and the server's versions match its
trail afterwards."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, delete, select, update

from estimator.domain.errors import DomainError
from estimator.domain.workflow import EstimateStatus, Role
from estimator.persistence import audit, sync_graph
from estimator.persistence.binding import check_bindings
from estimator.persistence.rows import AuditRow, EstimateRow, GuaranteeCertificateRow
from estimator.persistence.sync_rows import CaseCheckoutRow
from estimator.services import (
    authority,
    case_details,
    estimate_store,
    loss_objects,
    sync,
    sync_checkin,
    workflow,
)
from estimator.services.audit import case_history
from estimator.services.documents import export_signed_sheet
from estimator.services.guarantee import save_partner_shop
from estimator.services.photos import attach_photo, photo_bytes
from estimator.services.signer_trust import verify_sheet
from estimator.services.signers import create_certificate, enrol_certificate, read_certificate_file
from estimator.services.users import User, create_user
from kernel.clock import utcnow
from labor_standards.model import ShopClass
from tests.services.conftest import laptop_database, make_team
from tests.services.documents import document
from tests.services.test_guarantee import AGREEMENT
from tests.services.test_photos import PNG


@pytest.fixture
def team(priced_db: Engine) -> dict[str, User]:
    return make_team(priced_db, wang={Role.ASSESSOR}, chen={Role.ASSESSOR}, li={Role.REVIEWER})


@pytest.fixture
def laptop1(sqlite_template: Path, tmp_path: Path) -> Iterator[Engine]:
    yield from laptop_database(sqlite_template, tmp_path, "laptop1")


@pytest.fixture
def laptop2(sqlite_template: Path, tmp_path: Path) -> Iterator[Engine]:
    yield from laptop_database(sqlite_template, tmp_path, "laptop2")


def new_case(engine: Engine, actor: str, claim_no: str) -> tuple[uuid.UUID, uuid.UUID]:
    """A new case's draft: (case id, version id)."""
    text = json.dumps(document(claim_no=claim_no), ensure_ascii=False)
    created = estimate_store.import_estimate(engine, text, actor=actor)
    assert created.estimate_id is not None, created.problems
    stored = estimate_store.load_estimate(engine, created.estimate_id)
    return stored.case_id, stored.id


def set_qty(engine: Engine, estimate_id: uuid.UUID, position: int, qty: str, actor: User) -> None:
    stored = estimate_store.load_estimate(engine, estimate_id)
    lines = list(stored.estimate.lines)
    lines[position] = replace(lines[position], qty=Decimal(qty))
    estimate_store.replace_lines(engine, estimate_id, lines, actor, based_on=stored)


def qtys(engine: Engine, estimate_id: uuid.UUID) -> list[Decimal]:
    return [line.qty for line in estimate_store.load_estimate(engine, estimate_id).estimate.lines]


def assert_trail_sound(engine: Engine) -> None:
    with engine.connect() as connection:
        check = audit.verify(connection)
        assert check.ok, check
        _, problems = check_bindings(connection)
        assert problems == []


def origin_entries(engine: Engine, device: str) -> list[int]:
    """The laptop's entry numbers as appended to the server's trail."""
    with engine.connect() as connection:
        details = connection.scalars(select(AuditRow.detail).order_by(AuditRow.seq))
        found = [json.loads(d).get("origin") for d in details]
    return [o["seq"] for o in found if isinstance(o, dict) and o.get("device") == device]


@pytest.mark.parametrize("order", ["laptop1 first", "laptop2 first"])
def test_two_laptops_work_offline_and_check_in_in_either_order(
    priced_db: Engine, laptop1: Engine, laptop2: Engine, team: dict[str, User], order: str
) -> None:
    server = priced_db
    case_a, version_a = new_case(server, "wang", "SYNC-A")
    case_b, version_b = new_case(server, "chen", "SYNC-B")
    out1 = sync.checkout(server, laptop1, "wang")
    out2 = sync.checkout(server, laptop2, "chen")
    assert [c.claim_no for c in out1.of("checked_out")] == ["SYNC-A"]
    assert [c.claim_no for c in out2.of("checked_out")] == ["SYNC-B"]
    # Just checked out: nothing to check in, the copies equal the server's to the fen.
    assert sync.status(laptop1).pending == 0
    assert qtys(laptop1, version_a) == qtys(server, version_a)
    # The case's history travelled with it: what the office did is there offline.
    office = [e.action for e in case_history(server, case_a)]
    assert office and [e.action for e in case_history(laptop1, case_a)] == office
    # Offline: each changes their own case; wang also opens a new case on the laptop.
    set_qty(laptop1, version_a, 0, "2", team["wang"])
    set_qty(laptop2, version_b, 1, "3", team["chen"])
    case_c, version_c = new_case(laptop1, "wang", "SYNC-C")
    assert {c.claim_no for c in sync.status(laptop1).cases if c.changed} == {"SYNC-A", "SYNC-C"}
    first, second = (laptop1, laptop2) if order == "laptop1 first" else (laptop2, laptop1)
    users = {laptop1: "wang", laptop2: "chen"}
    for laptop in (first, second):
        done = sync_checkin.checkin(server, laptop, users[laptop])
        assert done.of("conflict") == [] and done.of("refused") == []
    assert qtys(server, version_a)[0] == Decimal("2")
    assert qtys(server, version_b)[1] == Decimal("3")
    assert qtys(server, version_c) == qtys(laptop1, version_c)
    assert estimate_store.load_estimate(server, version_c).case_id == case_c
    # Checked in: no longer checked out on the server, read-only copies on the laptops.
    with server.connect() as connection:
        assert connection.scalars(select(CaseCheckoutRow.case_id)).all() == []
    status = sync.status(laptop1)
    assert status.pending == 0 and status.unsent_entries == 0
    assert {c.claim_no: c.checked_out for c in status.cases}["SYNC-A"] is False
    # The history shows the offline save once, on both sides, at the time it was made.
    for engine in (server, laptop1):
        saves = [e for e in case_history(engine, case_a) if e.action == "edit"]
        assert len(saves) == 1 and saves[0].actor == "wang"
    # Both chains verify; each laptop entry reached the server exactly once.
    for engine in (server, laptop1, laptop2):
        assert_trail_sound(engine)
    for laptop in (laptop1, laptop2):
        device = sync.device_of(laptop).id
        with laptop.connect() as connection:
            sent = [e["seq"] for e in audit.read_entries(connection, 0)]
        appended = origin_entries(server, device)
        assert appended == sorted(set(appended)) and set(appended) <= set(sent)
        assert appended == sent[: len(appended)]
    assert case_a and case_b


def _clash_on_the_plate(
    server: Engine, laptop: Engine, team: dict[str, User]
) -> tuple[uuid.UUID, uuid.UUID]:
    """wang checks his case out and changes the plate offline; the manager releases the
    check-out and the plate is changed on the server too: a clash."""
    case_id, version = new_case(server, "wang", "SYNC-X")
    sync.checkout(server, laptop, "wang")
    details = case_details.case_details(laptop, case_id)
    case_details.update_case(
        laptop, case_id, {"plate": "浙A11111"}, details.row_version, team["wang"]
    )
    set_qty(laptop, version, 0, "4", team["wang"])
    with server.begin() as connection:  # the manager's release (audited by its service)
        connection.execute(delete(CaseCheckoutRow).where(CaseCheckoutRow.case_id == case_id))
    theirs = case_details.case_details(server, case_id)  # wang again, at the office
    case_details.update_case(
        server, case_id, {"plate": "浙A22222"}, theirs.row_version, team["wang"]
    )
    return case_id, version


def test_a_clash_is_reported_and_nothing_of_that_case_written(
    priced_db: Engine, laptop1: Engine, team: dict[str, User]
) -> None:
    case_id, version = _clash_on_the_plate(priced_db, laptop1, team)
    done = sync_checkin.checkin(priced_db, laptop1, "wang")
    [conflict] = done.of("conflict")
    clash = next(c for c in conflict.clashes if c["column"] == "plate")
    assert (clash["mine"], clash["theirs"]) == ("浙A11111", "浙A22222")
    assert case_details.case_details(priced_db, case_id).values["plate"] == "浙A22222"
    assert qtys(priced_db, version)[0] == Decimal("1")  # the laptop's lines not taken either
    # The laptop keeps its work, still checked out there; both trails still sound.
    assert qtys(laptop1, version)[0] == Decimal("4")
    assert sync.status(laptop1).pending == 1
    assert_trail_sound(priced_db)
    assert_trail_sound(laptop1)


def test_a_clash_re_applied_takes_the_laptops_values(
    priced_db: Engine, laptop1: Engine, team: dict[str, User]
) -> None:
    case_id, version = _clash_on_the_plate(priced_db, laptop1, team)
    assert sync_checkin.checkin(priced_db, laptop1, "wang").of("conflict")
    done = sync_checkin.checkin(priced_db, laptop1, "wang", {case_id: "reapply"})
    assert [c.claim_no for c in done.of("accepted")] == ["SYNC-X"]
    assert case_details.case_details(priced_db, case_id).values["plate"] == "浙A11111"
    assert qtys(priced_db, version)[0] == Decimal("4")
    assert qtys(laptop1, version) == qtys(priced_db, version)
    assert_trail_sound(priced_db)
    assert_trail_sound(laptop1)


def test_a_clash_discarded_keeps_the_servers_case_and_the_laptop_takes_it(
    priced_db: Engine, laptop1: Engine, team: dict[str, User]
) -> None:
    case_id, version = _clash_on_the_plate(priced_db, laptop1, team)
    assert sync_checkin.checkin(priced_db, laptop1, "wang").of("conflict")
    done = sync_checkin.checkin(priced_db, laptop1, "wang", {case_id: "discard"})
    assert [c.claim_no for c in done.of("discarded")] == ["SYNC-X"]
    assert case_details.case_details(priced_db, case_id).values["plate"] == "浙A22222"
    assert case_details.case_details(laptop1, case_id).values["plate"] == "浙A22222"
    assert qtys(laptop1, version)[0] == Decimal("1")
    assert sync.status(laptop1).pending == 0
    assert_trail_sound(priced_db)
    assert_trail_sound(laptop1)


def test_a_case_checked_out_to_one_laptop_is_refused_to_another(
    priced_db: Engine, laptop1: Engine, laptop2: Engine, team: dict[str, User]
) -> None:
    case_id, _ = new_case(priced_db, "wang", "SYNC-Y")
    sync.checkout(priced_db, laptop1, "wang")
    again = sync.checkout(priced_db, laptop2, "wang", [case_id])
    [refused] = again.of("refused")
    assert refused.code == "sync_checked_out_elsewhere" and "已检出到" in refused.reason("zh")
    # Nor is another assessor's case checked out.
    other = sync.checkout(priced_db, laptop2, "wang", [new_case(priced_db, "chen", "SYNC-Z")[0]])
    assert other.of("refused")[0].code == "sync_not_yours"


def test_a_laptop_works_for_one_assessor(
    priced_db: Engine, laptop1: Engine, team: dict[str, User]
) -> None:
    sync.checkout(priced_db, laptop1, "wang")
    with pytest.raises(DomainError) as refused:
        sync.checkout(priced_db, laptop1, "chen")
    assert refused.value.code == "sync_wrong_user"


def test_a_tampered_laptop_trail_is_refused_and_nothing_changes_on_the_server(
    priced_db: Engine, laptop1: Engine, team: dict[str, User]
) -> None:
    case_id, version = new_case(priced_db, "wang", "SYNC-T")
    sync.checkout(priced_db, laptop1, "wang")
    set_qty(laptop1, version, 0, "5", team["wang"])
    payload = sync_checkin.prepare(laptop1, "wang")
    entries: list[dict[str, Any]] = payload["audit"]["entries"]
    entries[-1] = {**entries[-1], "detail": entries[-1]["detail"].replace("5", "6")}
    with priced_db.connect() as connection:
        before = connection.scalar(select(AuditRow.seq).order_by(AuditRow.seq.desc()).limit(1))
    with pytest.raises(DomainError) as refused:
        sync_checkin.apply(priced_db, payload, {})
    assert refused.value.code == "sync_chain_refused" and "altered" in str(refused.value)
    with priced_db.connect() as connection:
        after = connection.scalar(select(AuditRow.seq).order_by(AuditRow.seq.desc()).limit(1))
    assert after == before and qtys(priced_db, version)[0] == Decimal("1")
    assert case_id


def test_everything_an_assessor_does_offline_reaches_the_server(
    priced_db: Engine, laptop1: Engine, tmp_path: Path
) -> None:
    """A new case made at the shop, a photo, submitted, approved within the assessor's
    authority, the customer's drawn signature: all on the laptop, all on the server after
    the check-in, its trail sound; a certificate issued offline is numbered apart."""
    wang = create_user(
        priced_db,
        "wang",
        "password-wang",
        {Role.ASSESSOR},
        actor="setup",
        authority=Decimal("5000"),
    )
    save_partner_shop(priced_db, AGREEMENT, ShopClass.CLASS1, "ZJ", "admin")
    admin = create_user(priced_db, "admin", "password-admin", {Role.ADMIN}, actor="setup")
    key = create_certificate(priced_db, "wang", b"key-pass-1", actor=admin)
    enrol_certificate(priced_db, "wang", read_certificate_file(key, b"key-pass-1"), actor=admin)
    sync.checkout(priced_db, laptop1, "wang")
    every = document()["lines"]
    chosen = document(claim_no="SYNC-SHOP", lines=[every[i] for i in (7, 8, 9)], salvage="0")
    made = estimate_store.import_estimate(
        laptop1, json.dumps(chosen, ensure_ascii=False), actor="wang"
    )
    assert made.estimate_id is not None and made.case_id is not None
    photo = tmp_path / "front.png"
    photo.write_bytes(PNG)
    attached = attach_photo(laptop1, made.case_id, photo, "wang")
    workflow.submit(laptop1, made.estimate_id, wang)
    assert (
        authority.approve_within_authority(laptop1, made.estimate_id, wang)
        is EstimateStatus.APPROVED
    )
    signed = workflow.customer_signed(laptop1, made.estimate_id, wang, signature_png=PNG)
    assert signed is EstimateStatus.SIGNED
    sheet = tmp_path / "signed.pdf"  # signed with the certificate enrolled on the server
    export_signed_sheet(laptop1, made.estimate_id, sheet, key, b"key-pass-1")
    assert verify_sheet(laptop1, sheet.read_bytes()).trusted
    # Meanwhile at the office a reviewer approves another case: the server's first number.
    li = create_user(priced_db, "li", "password-li", {Role.REVIEWER}, actor="setup")
    _, other = new_case(priced_db, "wang", "SYNC-OFFICE")
    workflow.submit(priced_db, other, wang)
    workflow.approve(priced_db, other, li, "checked")
    done = sync_checkin.checkin(priced_db, laptop1, "wang")
    assert [c.claim_no for c in done.of("accepted")] == ["SYNC-SHOP"] and done.photos == 1
    on_server = estimate_store.load_estimate(priced_db, made.estimate_id)
    assert on_server.status is EstimateStatus.SIGNED
    assert photo_bytes(priced_db, attached.sha256) == PNG
    assert estimate_store.customer_signature(priced_db, made.estimate_id) is not None
    assert_trail_sound(priced_db)
    with priced_db.connect() as connection:
        numbers = connection.scalars(select(GuaranteeCertificateRow.number)).all()
    tag = sync.device_of(laptop1).id.replace("-", "")[:6].upper()
    year = utcnow().year
    assert sorted(numbers) == [f"WCJ{year}-{tag}-000001", f"WCJ{year}000001"]


def test_rows_changed_on_the_laptop_outside_the_application_are_refused(
    priced_db: Engine, laptop1: Engine, team: dict[str, User]
) -> None:
    """The laptop's file edited by hand (a draft marked approved): its trail does not back
    it, so the server refuses the case and keeps its own."""
    _, version = new_case(priced_db, "wang", "SYNC-FORGED")
    sync.checkout(priced_db, laptop1, "wang")
    with laptop1.begin() as connection:
        connection.execute(
            update(EstimateRow)
            .where(EstimateRow.id == version)
            .values(status="approved", row_version=EstimateRow.row_version + 1)
        )
    done = sync_checkin.checkin(priced_db, laptop1, "wang")
    [refused] = done.of("refused")
    assert refused.code == "sync_unbacked" and "审计记录" in refused.reason("zh")
    assert estimate_store.load_estimate(priced_db, version).status is EstimateStatus.DRAFT
    assert_trail_sound(priced_db)


def test_changes_that_cannot_stand_together_are_a_conflict_and_the_server_keeps_its_own(
    priced_db: Engine, laptop1: Engine, team: dict[str, User]
) -> None:
    """Both sides add a third party's property to the case (each its object number 0): the
    two cannot both be stored, so the case conflicts, nothing of it is written, and discard
    settles it."""
    case_id, _ = new_case(priced_db, "wang", "SYNC-TWO")
    sync.checkout(priced_db, laptop1, "wang")
    loss_objects.add_third_party_property(laptop1, case_id, team["wang"], owner="护栏 (本机)")
    with priced_db.begin() as connection:  # the manager's release
        connection.execute(delete(CaseCheckoutRow).where(CaseCheckoutRow.case_id == case_id))
    loss_objects.add_third_party_property(priced_db, case_id, team["wang"], owner="护栏 (服务器)")
    done = sync_checkin.checkin(priced_db, laptop1, "wang")
    [conflict] = done.of("conflict")
    assert conflict.code == "sync_unmergeable" and "放弃" in conflict.reason("zh")
    owners = [
        o.object.owner for o in loss_objects.case_objects(priced_db, case_id) if o.object.owner
    ]
    assert owners == ["护栏 (服务器)"]
    assert_trail_sound(priced_db)
    settled = sync_checkin.checkin(priced_db, laptop1, "wang", {case_id: "discard"})
    assert settled.of("discarded")
    assert [
        o.object.owner for o in loss_objects.case_objects(laptop1, case_id) if o.object.owner
    ] == owners
    assert_trail_sound(laptop1)


def test_a_laptop_cannot_check_in_another_assessors_case(
    priced_db: Engine, laptop1: Engine, team: dict[str, User]
) -> None:
    """A case wang never had (chen's), written into wang's laptop file by hand: refused."""
    case_id, _ = new_case(priced_db, "chen", "SYNC-CHEN")
    sync.checkout(priced_db, laptop1, "wang")
    with priced_db.connect() as connection:
        graph = sync_graph.read_case(connection, case_id)
    changed = {k: dict(v) for k, v in graph.items()}
    changed[("cases", str(case_id))]["plate"] = "浙A99999"
    with laptop1.begin() as connection:
        sync_graph.write(connection, dict(changed), {})
    done = sync_checkin.checkin(priced_db, laptop1, "wang")
    [refused] = done.of("refused")
    assert refused.code == "sync_not_yours"
    assert case_details.case_details(priced_db, case_id).values["plate"] != "浙A99999"


def test_a_closed_case_is_not_checked_out_with_the_open_ones(
    priced_db: Engine, laptop1: Engine, team: dict[str, User]
) -> None:
    _, closed = new_case(priced_db, "wang", "SYNC-CLOSED")
    workflow.submit(priced_db, closed, team["wang"])
    workflow.approve(priced_db, closed, team["li"], "checked")
    workflow.customer_signed(priced_db, closed, team["wang"])
    workflow.close(priced_db, closed, team["wang"])
    new_case(priced_db, "wang", "SYNC-OPEN")
    taken = sync.checkout(priced_db, laptop1, "wang")
    assert [c.claim_no for c in taken.cases] == ["SYNC-OPEN"]
