"""Sane amounts: salvage never more than what it is deducted from, no submission without
lines, over-precise values refused (never rounded to zero), configurable upper bounds — on
both engines for what is stored, and in place in the editor's entry forms."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.errors import DomainError
from estimator.domain.workflow import Role
from estimator.persistence.database import create_database_engine
from estimator.services import estimate_store, workflow
from estimator.services.estimates import price_document
from estimator.services.salvage import set_salvage
from estimator.services.users import User, create_user
from kernel.money import DEFAULT_LIMITS, NotExactError, limit, parse_decimal
from tests.services.conftest import import_test_data
from tests.services.documents import document

GROSS = Decimal("6544.00")  # the documented example before its 90.00 salvage


@pytest.fixture
def priced(both_engines_url: str, tmp_path: Path) -> Engine:
    engine = create_database_engine(both_engines_url)
    yield import_test_data(engine, tmp_path)
    engine.dispose()


@pytest.fixture
def wang(priced: Engine) -> User:
    return create_user(priced, "wang", "correct horse 1wang", {Role.ASSESSOR}, actor="setup")


def imported(engine: Engine, **changes: object) -> estimate_store.ImportedEstimate:
    text = json.dumps(document(**changes), ensure_ascii=False)
    return estimate_store.import_estimate(engine, text, actor="wang")


def test_salvage_up_to_the_total_is_taken_and_beyond_it_refused(priced: Engine, wang: User) -> None:
    draft = imported(priced)
    assert draft.estimate_id is not None
    whole = set_salvage(priced, draft.estimate_id, GROSS, wang)  # down to zero: allowed
    assert whole.totals is not None and whole.totals.total == Decimal("0.00")
    with pytest.raises(DomainError) as refused:
        set_salvage(priced, draft.estimate_id, GROSS + Decimal("0.01"), wang)
    assert "the salvage 6,544.01 is more than the total 6,544.00" in refused.value.message_en
    stored = estimate_store.load_estimate(priced, draft.estimate_id)
    assert stored.estimate.salvage == GROSS  # nothing written


def test_an_estimate_whose_salvage_exceeds_it_is_neither_priced_nor_imported(
    priced: Engine,
) -> None:
    result = price_document(priced, json.dumps(document(salvage="999999.00")))
    assert [p.code for p in result.problems] == ["salvage_exceeds_total"]
    refused = imported(priced, salvage="6544.01")
    assert refused.estimate_id is None
    assert [(p.code, p.path) for p in refused.problems] == [("salvage_exceeds_total", "salvage")]
    assert imported(priced, salvage="6544.00").estimate_id is not None


def test_an_estimate_without_lines_cannot_be_submitted(priced: Engine, wang: User) -> None:
    empty = imported(priced, lines=[], salvage=None)
    assert empty.estimate_id is not None
    with pytest.raises(DomainError) as refused:
        workflow.submit(priced, empty.estimate_id, wang)
    assert refused.value.code == "empty_estimate"
    assert "has no lines" in refused.value.message_en and "没有任何项目" in refused.value.message_zh
    stored = estimate_store.load_estimate(priced, empty.estimate_id)
    assert stored.status.value == "draft"


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("unit_price", "1e-300", "too_many_places"),
        ("unit_price", "0.00001", "too_many_places"),
        ("unit_price", "10000000.01", "above_maximum"),
        ("qty", "10000", "above_maximum"),
        ("qty", "0.00001", "too_many_places"),
    ],
)
def test_over_precise_and_oversized_values_are_refused_not_rounded(
    priced: Engine, field: str, value: str, code: str
) -> None:
    doc = document()
    doc["lines"][7][field] = value
    result = price_document(priced, json.dumps(doc))
    assert [(p.code, p.path) for p in result.problems] == [(code, f"lines[7].{field}")]


def test_the_upper_bounds_are_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    assert limit("unit_price") == DEFAULT_LIMITS["unit_price"] == Decimal("10000000")
    monkeypatch.setenv("ESTIMATOR_MAX_UNIT_PRICE", "50000000")
    assert limit("unit_price") == Decimal("50000000")
    assert parse_decimal("40000000", max_places=4, maximum=limit("unit_price"))
    monkeypatch.setenv("ESTIMATOR_MAX_QUANTITY", "1e99")  # beyond what any number may be
    assert limit("quantity") == DEFAULT_LIMITS["quantity"]
    monkeypatch.setenv("ESTIMATOR_MAX_HOURS", "not a number")
    assert limit("hours") == DEFAULT_LIMITS["hours"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1e308", "above_maximum"),
        ("-1e308", "below_minimum"),
        ("1e999999999", "above_maximum"),
        ("9" * 101, "number_text_too_long"),
        ("1e-300", "too_many_places"),
        ("NaN", "not_a_number"),
        ("-inf", "not_a_number"),
    ],
)
def test_no_number_escapes_the_absolute_bound(text: str, code: str) -> None:
    with pytest.raises(NotExactError) as refused:
        parse_decimal(text, max_places=4, minimum=None)
    assert refused.value.code == code


def test_the_salvage_form_refuses_more_than_the_total_in_place(qtbot: QtBot) -> None:
    from estimator.gui.line_entry import EntryForms

    dialog = EntryForms().salvage(None, None, Decimal("12.00"), Decimal("100.00"))  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.edits["salvage"].setText("100.01")
    dialog.confirm()
    assert dialog.values == {} and not dialog.result()
    assert "100.01" in dialog.error.text() and "100.00" in dialog.error.text()
    dialog.edits["salvage"].setText("100.00")
    dialog.confirm()
    assert dialog.values == {"salvage": Decimal("100.00")}


@pytest.mark.parametrize("description", ["卡扣\x00", "卡扣\u202e", "卡" * 201])
def test_entry_forms_check_text_by_the_field_rules(qtbot: QtBot, description: str) -> None:
    from estimator.gui.line_entry import EntryForms

    dialog = EntryForms().material(None)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.edits["description"].setText(description)
    dialog.edits["qty"].setText("1")
    dialog.edits["unit_price"].setText("2.50")
    dialog.confirm()
    assert dialog.values == {} and dialog.error.text()
    dialog.edits["description"].setText("卡扣 🔩")
    dialog.confirm()
    assert dialog.values["description"] == "卡扣 🔩"
