"""One snapshot per document (issue #17, item 5): the estimate sheet, the exports, the flood
report's header and the team reports each read what they show in one unit of work (one
connection, one transaction), and a save landing while a sheet is read is wholly absent from
it. On SQLite and on PostgreSQL (REPEATABLE READ there)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, text

from estimator.documents.estimate_sheet import SheetHeader
from estimator.documents.pdf_page import SignatureSpot
from estimator.domain.pricing import PricedEstimate
from estimator.domain.workflow import Role
from estimator.persistence.uow import UnitOfWork
from estimator.services import documents, estimate_store, reports, workflow
from estimator.services.catalog import search_parts
from estimator.services.flood_cases import create_flood_case, report_header
from estimator.services.guarantee import certificate_of, save_partner_shop
from estimator.services.photos import attach_flood_photo
from estimator.services.review_queue import adjust_line
from estimator.services.users import User
from labor_standards.model import ShopClass
from tests.services.conftest import make_team
from tests.services.documents import document
from tests.services.test_guarantee import AGREEMENT
from tests.services.test_photos import PNG


@contextmanager
def opened(engine: Engine) -> Iterator[Counter[str]]:
    """Count the connections taken from ``engine``'s pool and the transactions begun."""
    seen: Counter[str] = Counter()

    def on_checkout(*_args: Any) -> None:
        seen["connections"] += 1

    def on_begin(*_args: Any) -> None:
        seen["transactions"] += 1

    event.listen(engine, "checkout", on_checkout)
    event.listen(engine, "begin", on_begin)
    try:
        yield seen
    finally:
        event.remove(engine, "checkout", on_checkout)
        event.remove(engine, "begin", on_begin)


@pytest.fixture
def team(priced_db: Engine) -> dict[str, User]:
    return make_team(priced_db, wang={Role.ASSESSOR}, li={Role.REVIEWER}, zhao={Role.REVIEWER})


def _draft(engine: Engine) -> str:
    created = estimate_store.import_estimate(
        engine, json.dumps(document(), ensure_ascii=False), actor="wang"
    )
    assert created.estimate_id is not None
    return str(created.estimate_id)


@pytest.fixture
def approved(priced_db: Engine, team: dict[str, User]) -> str:
    """An approved version with a reviewer's amount and a guarantee certificate."""
    save_partner_shop(priced_db, AGREEMENT, ShopClass.CLASS1, "ZJ", "admin")
    estimate = _draft(priced_db)
    workflow.submit(priced_db, estimate, team["wang"])
    adjust_line(priced_db, estimate, 9, Decimal("250.00"), "towed 8 km, not 12", team["li"])
    # The adjusting reviewer became an editor of the case: another one approves.
    workflow.approve(priced_db, estimate, team["zhao"], "checked with the shop")
    certificate = certificate_of(priced_db, estimate)
    assert certificate is not None and certificate.matches
    return estimate


def _documents(tmp_path: Path) -> dict[str, Callable[[Engine, str], object]]:
    """Every document of a stored version, by name: each must read in one go."""
    return {
        "sheet": lambda e, i: documents.estimate_sheet_with_spot(e, i),
        "signing facts": documents.signing_facts,
        "json": lambda e, i: documents.export_estimate(e, i, "json", tmp_path / "e.json"),
        "xlsx": lambda e, i: documents.export_estimate(e, i, "xlsx", tmp_path / "e.xlsx"),
        "document": documents.estimate_document,
        "guarantee terms": documents.guarantee_terms,
    }


@pytest.mark.parametrize(
    "name", ["sheet", "signing facts", "json", "xlsx", "document", "guarantee terms"]
)
def test_each_document_of_a_version_is_read_on_one_connection_in_one_transaction(
    priced_db: Engine, approved: str, tmp_path: Path, name: str
) -> None:
    make = _documents(tmp_path)[name]
    with opened(priced_db) as seen:
        made = make(priced_db, approved)
    assert seen == Counter(connections=1, transactions=1)
    if name == "guarantee terms":
        assert isinstance(made, tuple) and made[0].startswith("WCJ")  # the certificate found


def test_a_supplements_sheet_reads_its_previous_version_in_the_same_transaction(
    priced_db: Engine, approved: str, team: dict[str, User]
) -> None:
    supplement = workflow.supplement(priced_db, approved, team["wang"])
    with opened(priced_db) as seen:
        pdf, _spot = documents.estimate_sheet_with_spot(priced_db, supplement)
    assert pdf.startswith(b"%PDF")
    assert seen == Counter(connections=1, transactions=1)


def test_each_team_report_is_read_in_one_transaction(
    priced_db: Engine, approved: str, tmp_path: Path
) -> None:
    import datetime as dt

    today = dt.date.today()
    for write in (
        reports.write_time_limit_report,
        reports.write_review_report,
        reports.write_guarantee_report,
    ):
        with opened(priced_db) as seen:
            write(priced_db, today, today, tmp_path / "report.xlsx")  # type: ignore[operator]
        assert seen == Counter(connections=1, transactions=1), write.__name__
    assert len(reports.guarantee_report(priced_db, today, today).certificates) == 1


def test_the_flood_reports_header_reads_the_case_and_its_photos_at_once(
    priced_db: Engine, tmp_path: Path
) -> None:
    assessor = User("wang", "王定损", frozenset({Role.ASSESSOR}))
    case = create_flood_case(priced_db, claim_no="C-9", actor=assessor, site="华南仓")
    photo = tmp_path / "仓库.png"
    photo.write_bytes(PNG)
    attach_flood_photo(priced_db, case.id, photo, "wang")
    with opened(priced_db) as seen:
        header = report_header(priced_db, case.id, "王定损")
    assert seen == Counter(connections=1, transactions=1)
    assert header.site == "华南仓" and header.photos == ((PNG, "仓库.png"),)


def test_a_part_search_with_a_model_takes_one_connection(priced_db: Engine) -> None:
    with opened(priced_db) as seen:
        found = search_parts(priced_db, "52119", model_code="ty-camry-18")
    assert seen == Counter(connections=1, transactions=1)
    assert [m.part_no for m in found][:1] == ["521190K280"]


def test_a_documents_unit_of_work_is_one_read_only_snapshot(priced_db: Engine) -> None:
    with UnitOfWork(priced_db, snapshot=True) as uow:
        connection = uow.session.connection()
        if priced_db.dialect.name == "postgresql":
            level = connection.execute(text("SHOW transaction_isolation")).scalar()
            read_only = connection.execute(text("SHOW transaction_read_only")).scalar()
            assert (level, read_only) == ("repeatable read", "on")
        else:
            assert connection.in_transaction()
    with UnitOfWork(priced_db) as uow:  # an ordinary unit of work is left as it was
        if priced_db.dialect.name == "postgresql":  # the pool's connection was reset
            connection = uow.session.connection()
            level = connection.execute(text("SHOW transaction_isolation")).scalar()
            read_only = connection.execute(text("SHOW transaction_read_only")).scalar()
            assert (level, read_only) == ("read committed", "off")


def test_a_save_landing_while_the_sheet_is_read_is_wholly_absent_from_it(
    priced_db: Engine,
    second: Engine,
    team: dict[str, User],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    estimate = _draft(priced_db)
    before = estimate_store.load_estimate(priced_db, estimate)
    rendered: list[tuple[PricedEstimate, SheetHeader]] = []

    def render(priced: PricedEstimate, header: SheetHeader) -> tuple[bytes, SignatureSpot]:
        rendered.append((priced, header))
        return b"%PDF", SignatureSpot(0, (0, 0, 1, 1))

    monkeypatch.setattr(documents, "render_sheet_with_spot", render)
    landed: list[str] = []

    def save_meanwhile(_c: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        """After the sheet's first read, another machine saves a larger quantity."""
        if landed or not statement.lstrip().upper().startswith("SELECT"):
            return
        landed.append(statement)
        lines = list(before.estimate.lines)
        lines[0] = replace(lines[0], qty=Decimal("3"))
        estimate_store.replace_lines(second, estimate, lines, team["wang"])

    event.listen(priced_db, "after_cursor_execute", save_meanwhile)
    try:
        documents.estimate_sheet_with_spot(priced_db, estimate)
    finally:
        event.remove(priced_db, "after_cursor_execute", save_meanwhile)
    assert landed, "the concurrent save ran during the sheet's reads"
    now = estimate_store.load_estimate(priced_db, estimate)
    assert now.totals["total"] != before.totals["total"]  # the save is stored
    ((priced, header),) = rendered
    # The sheet is the version as it was when its reading began, in every part.
    assert priced.lines[0].qty == Decimal("1")
    assert priced.totals.total == before.totals["total"] == header.approved_total
    assert header.line_keys == tuple(str(k) for k in before.line_keys)
