"""Content binding (reliability.md, promise 13; issue #18): the content of every submitted,
approved and signed version is hashed into the audit chain, so that a line, a price, a total,
the header or the certificate changed in the database file, or a status set by SQL, is named
by ``audit verify`` and ``db verify`` (exit 1) and refused by export, the sheet and signing.
On SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from estimator.cli.main import main as cli_main
from estimator.documents.signer_keys import read_certificate
from estimator.documents.signing import create_self_signed_p12
from estimator.domain.binding import (
    ContentHash,
    canonical_json,
    changed_sections,
    content_hash,
    judge,
)
from estimator.domain.errors import DomainError
from estimator.domain.guarantee import PartnerAgreement
from estimator.domain.privacy import mask_numbers, mask_text
from estimator.domain.workflow import Role
from estimator.persistence import audit
from estimator.persistence.database import create_database_engine
from estimator.persistence.uow import UnitOfWork
from estimator.services import documents, estimate_store, review_queue, workflow
from estimator.services.binding import verify_bindings
from estimator.services.case_details import case_details, update_case
from estimator.services.guarantee import save_partner_shop
from estimator.services.signers import enrol_certificate
from estimator.services.users import User
from labor_standards.model import ShopClass
from parts_catalog.model import PriceType
from tests.conftest import database_copy
from tests.services.conftest import import_test_data, make_team
from tests.services.documents import document

AGREEMENT = PartnerAgreement(
    "丽水某汽修",
    dt.date(2026, 1, 1),
    dt.date(2099, 6, 30),
    {"外观件": PriceType.OEM_4S, "灯具": PriceType.BRAND},
    PriceType.OEM_4S,
)
APPROVED, SIGNED, DRAFT, SUBMITTED = (
    "RDAA2026330100000201",
    "RDAA2026330100000202",
    "RDAA2026330100000203",
    "RDAA2026330100000204",
)

#: The placeholders of the SQL below: {approved} is the approved version's id, and so on.
NAMES = {APPROVED: "approved", SIGNED: "signed", DRAFT: "draft", SUBMITTED: "submitted"}


@dataclass
class Claims:
    """A database with an approved, a signed (each with its certificate), a submitted and a
    draft version, each in a case of its own."""

    engine: Engine
    url: str
    team: dict[str, User]
    ids: dict[str, uuid.UUID]


def _drawn_signature() -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (40, 20), "navy").save(buffer, "PNG")
    return buffer.getvalue()


def _imported(engine: Engine, claim_no: str) -> uuid.UUID:
    created = estimate_store.import_estimate(
        engine, json.dumps(document(claim_no=claim_no), ensure_ascii=False), actor="wang"
    )
    assert created.estimate_id is not None, created.problems
    return created.estimate_id


@pytest.fixture(scope="module")
def filled(
    both_engines_template: str, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, User], dict[str, uuid.UUID]]:
    """The module's template database filled once: the team, and the four versions' ids."""
    engine = create_database_engine(both_engines_template)
    try:
        import_test_data(engine, tmp_path_factory.mktemp("content-binding"))
        team = make_team(
            engine,
            wang={Role.ASSESSOR},
            li={Role.REVIEWER},
            zhao={Role.REVIEWER},
            admin={Role.ADMIN},
        )
        save_partner_shop(engine, AGREEMENT, ShopClass.CLASS1, "ZJ", "admin")
        ids = {claim: _imported(engine, claim) for claim in (APPROVED, SIGNED, DRAFT, SUBMITTED)}
        for claim in (APPROVED, SIGNED, SUBMITTED):
            workflow.submit(engine, ids[claim], team["wang"])
        # A reviewer's amount re-binds the submitted content; li became an editor: zhao approves.
        for claim in (APPROVED, SUBMITTED):
            review_queue.adjust_line(
                engine, ids[claim], 9, Decimal("250.00"), "invoice", team["li"]
            )
        for claim in (APPROVED, SIGNED):
            workflow.approve(engine, ids[claim], team["zhao"], "checked with the shop")
        workflow.customer_signed(engine, ids[SIGNED], team["wang"], _drawn_signature())
    finally:
        engine.dispose()  # a template is copied only with nobody connected
    return team, ids


@pytest.fixture
def claims(
    both_engines_template: str,
    filled: tuple[dict[str, User], dict[str, uuid.UUID]],
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> Iterator[Claims]:
    """A copy of the filled database, for one test to alter."""
    url = database_copy(request, both_engines_template, tmp_path)
    engine = create_database_engine(url)
    yield Claims(engine, url, *filled)
    engine.dispose()


def _sql(claims: Claims, statement: str) -> None:
    """Change the database behind the application's back (ids as the tables store them)."""
    with claims.engine.begin() as connection:
        connection.exec_driver_sql(
            statement.format(**{NAMES[claim]: key.hex for claim, key in claims.ids.items()})
        )


def _cli(claims: Claims, *args: str) -> int:
    return cli_main([*args, "--db", claims.url])


def _sqlite_file(claims: Claims) -> str | None:
    prefix = "sqlite+pysqlite:///"
    return claims.url.removeprefix(prefix) if claims.url.startswith(prefix) else None


# --- an untouched database ----------------------------------------------------------------


def test_an_untouched_database_verifies_and_every_frozen_version_is_bound(
    claims: Claims, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A header correction of the submitted version (allowed until approval) re-binds it.
    details = case_details(
        claims.engine, estimate_store.load_estimate(claims.engine, claims.ids[SUBMITTED]).case_id
    )
    update_case(
        claims.engine,
        details.case_id,
        {"plate": "浙K54321"},
        details.row_version,
        claims.team["wang"],
    )
    assert _cli(claims, "audit", "verify") == 0
    out = capsys.readouterr().out
    assert "content binding intact: 3 submitted, approved or signed version(s)" in out
    with UnitOfWork(claims.engine) as uow:
        approve = [d for _a, _i, d in audit.entries(uow.session, "estimate", "approve")]
        signs = [d for _a, _i, d in audit.entries(uow.session, "estimate", "sign")]
    # The approval binds the certificate issued with it: its number and hash are in the entry.
    assert all(len(d["content"]["hash"]) == 64 for d in approve)
    assert {d["content"]["certificate"]["number"][:3] for d in approve} == {"WCJ"}
    assert set(signs[0]["content"]["sections"]) == {
        "header",
        "lines",
        "totals",
        "certificate",
        "signature",
    }
    database = _sqlite_file(claims)
    if database is not None:
        assert cli_main(["db", "verify", database]) == 0
        assert "content binding intact" in capsys.readouterr().out
    # The digitally signed sheet: its SHA-256 and the content it shows are in the trail.
    signed = tmp_path / "signed.pdf"
    p12 = create_self_signed_p12("王定损", b"pw", user_id="wang")
    enrol_certificate(
        claims.engine, "wang", read_certificate(p12, b"pw"), actor=claims.team["admin"]
    )  # only a trusted certificate signs (promise 15)
    documents.export_signed_sheet(claims.engine, claims.ids[SIGNED], signed, p12, b"pw")
    with UnitOfWork(claims.engine) as uow:
        [(actor, _key, sheet)] = list(audit.entries(uow.session, "estimate", "sign_sheet"))
    assert actor == "wang" and "王定损" in sheet["signer"]
    # The digest is kept whole (before, about one in a hundred was masked like a phone number).
    assert sheet["sheet_sha256"] == hashlib.sha256(signed.read_bytes()).hexdigest()
    assert sheet["content"]["hash"] == signs[0]["content"]["hash"]
    assert _cli(claims, "audit", "verify") == 0
    for kind in ("json", "xlsx", "pdf"):
        target = tmp_path / f"sheet.{kind}"
        assert (
            _cli(
                claims,
                "estimate",
                "export",
                str(claims.ids[SIGNED]),
                "--format",
                kind,
                "-o",
                str(target),
            )
            == 0
        )
        assert target.stat().st_size > 0


# --- each alteration, named and refused ---------------------------------------------------

#: What is changed by SQL, in which claim, and what the check says of it.
ALTERATIONS = {
    "a line": (
        "UPDATE estimate_lines SET qty = qty * 2 WHERE estimate_id = '{approved}' AND position = 0",
        APPROVED,
        "the content does not match the audit trail; changed: lines",
    ),
    "a price": (
        "UPDATE estimate_lines SET amount = amount + 100 WHERE estimate_id = '{approved}' "
        "AND position = 1",
        APPROVED,
        "changed: lines",
    ),
    "the total": (
        "UPDATE estimates SET total = total + 100 WHERE id = '{signed}'",
        SIGNED,
        "changed: totals",
    ),
    "the header": (
        "UPDATE cases SET plate = '浙K99999' WHERE id = "
        "(SELECT case_id FROM estimates WHERE id = '{approved}')",
        APPROVED,
        "changed: header (case, vehicle, review)",
    ),
    "the certificate": (
        "UPDATE guarantee_certificates SET valid_to = '2031-12-31' WHERE estimate_id = '{signed}'",
        SIGNED,
        "changed: guarantee certificate",
    ),
    "the certificate deleted": (
        "DELETE FROM guarantee_certificates WHERE estimate_id = '{approved}'",
        APPROVED,
        "changed: guarantee certificate",
    ),
    "the customer's signature": (
        "UPDATE estimates SET customer_signature = NULL WHERE id = '{signed}'",
        SIGNED,
        "changed: customer's signature",
    ),
    "a draft approved by SQL": (
        "UPDATE estimates SET status = 'approved' WHERE id = '{draft}'",
        DRAFT,
        "the status 'approved' has no matching audit entry",
    ),
    "a submitted version approved by SQL": (
        "UPDATE estimates SET status = 'approved' WHERE id = '{submitted}'",
        SUBMITTED,
        "the status 'approved' has no matching audit entry",
    ),
}


@pytest.mark.parametrize("alteration", list(ALTERATIONS))
def test_an_alteration_is_named_by_both_checks_and_refused_by_export_sheet_and_signing(
    claims: Claims, alteration: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statement, claim, words = ALTERATIONS[alteration]
    _sql(claims, statement)
    named = f"claim {claim} version 1: "

    assert _cli(claims, "audit", "verify") == 1
    err = capsys.readouterr().err
    assert named in err and words in err
    assert _cli(claims, "audit", "verify", "--json") == 1
    report = json.loads(capsys.readouterr().out)
    assert not report["ok"] and not report["content"]["ok"]
    assert [(p["claim_no"], p["version"]) for p in report["content"]["problems"]] == [(claim, 1)]
    # Only the altered version is named.
    assert [c for c in (APPROVED, SIGNED, DRAFT, SUBMITTED) if f"claim {c} " in err] == [claim]
    database = _sqlite_file(claims)
    if database is not None:  # db verify checks a database file (SQLite; pg_dump for servers)
        assert cli_main(["db", "verify", database]) == 1
        err = capsys.readouterr().err
        assert named in err and words in err

    key = claims.ids[claim]
    for kind in ("json", "xlsx", "pdf"):
        target = tmp_path / f"out.{kind}"
        assert (
            _cli(claims, "estimate", "export", str(key), "--format", kind, "-o", str(target)) == 1
        )
        err = capsys.readouterr().err
        assert named in err and words in err and "No sheet, export or signature" in err
        assert not target.exists()
    with pytest.raises(DomainError, match="No sheet, export or signature") as refused:
        documents.estimate_sheet(claims.engine, key)
    assert refused.value.code == "content_altered" and words in refused.value.message_en
    assert "报案号" in refused.value.message_zh and "lines" not in refused.value.message_zh
    with pytest.raises(DomainError) as refused:  # the PAdES-signed sheet: refused before the key
        documents.export_signed_sheet(claims.engine, key, tmp_path / "s.pdf", b"", b"")
    assert refused.value.code == "content_altered"
    before = estimate_store.load_estimate(claims.engine, key).status
    with pytest.raises(DomainError) as refused:  # the customer's signature
        workflow.customer_signed(claims.engine, key, claims.team["wang"])
    assert refused.value.code == "content_altered"
    assert estimate_store.load_estimate(claims.engine, key).status is before


def test_a_supplement_never_starts_from_altered_content(claims: Claims) -> None:
    _sql(claims, ALTERATIONS["a line"][0])
    with pytest.raises(DomainError) as refused:
        workflow.supplement(claims.engine, claims.ids[APPROVED], claims.team["wang"])
    assert refused.value.code == "content_altered"


# --- versions frozen before content binding -----------------------------------------------


def test_a_version_frozen_before_binding_is_reported_not_bound_not_altered(
    claims: Claims, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Chosen: versions submitted before this change carry a status entry without a content
    hash; they are listed as "not bound" (their content cannot be checked) and do not fail
    the check, nor are they refused. Their status must still be backed by the trail."""
    key = claims.ids[DRAFT]
    with UnitOfWork(claims.engine, write=True) as uow:  # what the older release recorded
        audit.record(
            uow.session,
            actor="wang",
            entity="estimate",
            entity_id=key,
            action="submit",
            detail={"from": "draft", "to": "submitted", "reason": ""},
        )
        uow.commit()
    _sql(claims, "UPDATE estimates SET status = 'submitted' WHERE id = '{draft}'")
    assert _cli(claims, "audit", "verify") == 0
    out = capsys.readouterr().out
    assert f"claim {DRAFT} version 1 was frozen before content binding: not bound" in out
    check = verify_bindings(claims.engine)
    assert check.ok and [p.claim_no for p in check.not_bound] == [DRAFT]
    target = tmp_path / "old.json"
    assert _cli(claims, "estimate", "export", str(key), "--format", "json", "-o", str(target)) == 0


# --- the canonical hash -------------------------------------------------------------------


def test_the_canonical_hash_is_independent_of_key_order_and_decimal_scale() -> None:
    first = {
        "lines": [{"qty": Decimal("1.0000"), "part_no": "A"}],
        "totals": {"total": Decimal("10")},
    }
    second = {
        "totals": {"total": Decimal("10.00")},
        "lines": [{"part_no": "A", "qty": Decimal("1")}],
    }
    assert content_hash(first) == content_hash(second)
    assert canonical_json(
        {"b": Decimal("1E+2"), "a": dt.datetime(2026, 1, 1, 8, tzinfo=dt.UTC)}
    ) == ('{"a":"2026-01-01T08:00:00.000000+00:00","b":"100"}')
    changed = content_hash({**first, "totals": {"total": Decimal("10.01")}})
    assert changed_sections(content_hash(first), changed) == ("totals",)
    assert changed_sections(ContentHash("x", {}), changed) == (
        "header",
        "lines",
        "totals",
        "certificate",
        "signature",
    )


def _phone_like_digest() -> tuple[dict[str, Any], ContentHash]:
    """Content whose hash has a run of digits that looks like a mobile number."""
    return next(
        (c, h)
        for i in range(10_000)
        if (h := content_hash(c := {"lines": [{"qty": Decimal(i)}]})).masked_as_before() != h
    )


def test_the_trail_keeps_a_digest_whole_even_where_it_looks_like_a_phone_number() -> None:
    """Digests are exempt from personal-data masking: the trail keeps them as computed."""
    _, digest = _phone_like_digest()
    detail = json.dumps({**digest.as_detail(), "phone": "13812345678"})
    kept = json.loads(mask_text(detail))
    assert ContentHash.from_detail(kept) == digest
    assert kept["phone"] == "138****5678"


def test_a_digest_an_older_trail_masked_as_a_phone_number_still_matches() -> None:
    """Trails written before digests were exempt masked such runs: a version bound then is
    compared as it was kept, and an altered section is still found."""
    content, digest = _phone_like_digest()
    stored = ContentHash.from_detail(json.loads(mask_numbers(json.dumps(digest.as_detail()))))
    assert stored != digest and stored.was_masked()  # the older trail did mask it
    facts = {"estimate_id": "x", "claim_no": "C1", "version": 1, "status": "approved"}
    assert judge(**facts, audited_status="approved", recorded=stored, current=digest) is None
    other = content_hash({**content, "totals": {"total": Decimal(1)}})
    found = judge(**facts, audited_status="approved", recorded=stored, current=other)
    assert found is not None and found.sections == ("totals",)
    recorded_now = judge(**facts, audited_status="approved", recorded=digest, current=other)
    assert recorded_now is not None and recorded_now.sections == ("totals",)


def test_a_binding_of_an_earlier_form_is_compared_with_that_form_only() -> None:
    """A third party's version bound before its object's fields were: the recorded hash is
    the earlier form's; it matches that form, a change is named from the closest form, and
    a binding of the current form is never matched by the earlier one."""
    earlier = {"header": {"claim_no": "C1"}, "lines": [{"qty": Decimal(1)}]}
    current = {**earlier, "header": {"claim_no": "C1", "object": {"plate": "浙A1"}}}
    facts = {"estimate_id": "x", "claim_no": "C1", "version": 1, "status": "approved"}
    old, new = content_hash(earlier), content_hash(current)
    kept = {"audited_status": "approved", "current": new, "earlier": (old,)}
    assert judge(**facts, recorded=old, **kept) is None
    bare = judge(**facts, audited_status="approved", recorded=old, current=new)
    assert bare is not None and bare.sections == ("header",)  # without the earlier form
    moved = {**earlier, "lines": [{"qty": Decimal(2)}]}
    found = judge(
        **facts,
        audited_status="approved",
        recorded=old,
        current=content_hash({**moved, "header": current["header"]}),
        earlier=(content_hash(moved),),
    )
    assert found is not None and found.sections == ("lines",)
    plate = {**current, "header": {"claim_no": "C1", "object": {"plate": "浙A2"}}}
    changed = judge(
        **facts,
        recorded=new,
        audited_status="approved",
        current=content_hash(plate),
        earlier=(old,),
    )
    assert changed is not None and changed.sections == ("header",)
