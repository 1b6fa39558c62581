"""On-site documents (indicators.md): the checklist from the settings, complete at the survey
(later does not count, not needed does), the collection rate, and None without simple cases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from estimator.domain.errors import DomainError
from estimator.domain.onsite_documents import (
    CaseDocuments,
    DocumentRecord,
    DocumentState,
    Procedure,
    checklist_of,
    collected,
    collection_rate,
    collection_rates,
    complete_at_survey,
    parse_checklist,
    parse_item,
    parse_procedure,
    parse_state,
    states,
)
from estimator.domain.settings_schema import Settings, parse_setting, spec_of

SURVEY = dt.datetime(2026, 12, 7, 2, 0, tzinfo=dt.UTC)
BEFORE = SURVEY - dt.timedelta(minutes=20)
AFTER = SURVEY + dt.timedelta(hours=3)
SIMPLE = ("driving_licence", "vehicle_licence", "accident_determination", "bank_card", "id_card")
ON, LATER, NO, MISSING = (
    DocumentState.ONSITE,
    DocumentState.LATER,
    DocumentState.NOT_NEEDED,
    DocumentState.MISSING,
)


def _all(state: DocumentState, at: dt.datetime = BEFORE) -> list[DocumentRecord]:
    return [DocumentRecord(item, state, at, "wang") for item in SIMPLE]


def test_the_simple_checklist_is_the_five_items_and_configurable() -> None:
    assert checklist_of(Procedure.SIMPLE, Settings.of({})) == SIMPLE
    assert "claim_application" in checklist_of(Procedure.ORDINARY, Settings.of({}))
    stored = Settings.of({"documents.checklist.simple": "id_card, 银行卡"})
    assert checklist_of(Procedure.SIMPLE, stored) == ("id_card", "bank_card")
    assert parse_setting("documents.checklist.simple", "身份证，driving_licence") == (
        "id_card,driving_licence"
    )
    spec = spec_of("documents.checklist.simple")
    assert spec.shown("id_card,bank_card", "zh") == "身份证、银行卡"
    assert spec.problem("id_card,passport") is not None
    assert spec.problem(" , ") is not None


def test_an_item_never_recorded_is_missing_and_the_newest_record_wins() -> None:
    records = [
        DocumentRecord("id_card", LATER, BEFORE),
        DocumentRecord("id_card", ON, SURVEY),
        DocumentRecord("bank_card", ON, AFTER),
    ]
    found = states(SIMPLE, records)
    assert found["id_card"] is ON and found["bank_card"] is ON
    assert found["driving_licence"] is MISSING
    assert states(SIMPLE, records, BEFORE)["id_card"] is LATER


def test_complete_at_the_survey_needs_every_item_on_site_by_then() -> None:
    assert complete_at_survey(SIMPLE, _all(ON), SURVEY)
    assert complete_at_survey(SIMPLE, _all(ON, SURVEY), SURVEY)  # at the survey itself
    # Ticked three hours after the survey: not complete at the survey.
    assert not complete_at_survey(SIMPLE, _all(ON, AFTER), SURVEY)
    # One item missing.
    assert not complete_at_survey(SIMPLE, _all(ON)[:-1], SURVEY)


def test_collected_later_does_not_count_and_not_needed_does() -> None:
    later = [*_all(ON)[:-1], DocumentRecord("id_card", LATER, BEFORE)]
    assert not complete_at_survey(SIMPLE, later, SURVEY)
    assert collected(SIMPLE, later)  # but the checklist is collected
    not_needed = [*_all(ON)[:-1], DocumentRecord("id_card", NO, BEFORE)]
    assert complete_at_survey(SIMPLE, not_needed, SURVEY)
    assert not collected(SIMPLE, [*_all(ON)[:-1], DocumentRecord("id_card", MISSING, BEFORE)])


def test_without_a_survey_the_states_as_they_stand_decide() -> None:
    assert complete_at_survey(SIMPLE, _all(ON, AFTER), None)
    assert not complete_at_survey(SIMPLE, _all(LATER), None)


def _case(
    who: str, procedure: Procedure, records: list[DocumentRecord], survey: dt.datetime | None
) -> CaseDocuments:
    return CaseDocuments(who, procedure, SIMPLE, tuple(records), survey)


def test_the_rate_counts_simple_cases_only() -> None:
    cases = [
        _case("wang", Procedure.SIMPLE, _all(ON), SURVEY),  # complete
        _case("wang", Procedure.SIMPLE, _all(ON, AFTER), SURVEY),  # ticked too late
        _case("wang", Procedure.SIMPLE, _all(NO), SURVEY),  # nothing needed: complete
        _case("wang", Procedure.ORDINARY, [], SURVEY),  # not counted at all
        _case("li", Procedure.ORDINARY, _all(ON), SURVEY),
    ]
    assert collection_rate(cases) == Decimal("0.6667")  # 2 of 3
    assert collection_rates(cases) == {"li": None, "wang": Decimal("0.6667")}


def test_no_simple_case_means_no_rate() -> None:
    assert collection_rate([]) is None
    assert collection_rate([_case("wang", Procedure.ORDINARY, _all(ON), SURVEY)]) is None


def test_codes_are_parsed_or_refused_in_words() -> None:
    assert parse_procedure(" simple ") is Procedure.SIMPLE
    assert parse_state("not_needed") is NO
    assert parse_item("bank_card") == "bank_card"
    assert parse_checklist("id_card,id_card, bank_card") == ("id_card", "bank_card")
    for parse, code in (
        (parse_procedure, "document_bad_procedure"),
        (parse_state, "document_bad_state"),
        (parse_item, "document_bad_item"),
    ):
        with pytest.raises(DomainError) as refused:
            parse("passport")
        assert refused.value.code == code
        assert "passport" in str(refused.value)
