"""The ``events`` of an estimate/1 document: report and dispatches as aware moments, a time
without a zone taken as local (Shanghai) time, and bad values named by their JSON path."""

from __future__ import annotations

import datetime as dt

from estimator.domain.clocks import EventKind
from estimator.domain.estimate_json import creation_events


def test_report_and_two_dispatches_in_local_time_or_with_a_zone() -> None:
    events, problems = creation_events(
        {
            "events": {
                "report": "2026-03-02T08:00",
                "dispatch": ["2026-03-02T08:05", "2026-03-02T01:30:00+00:00"],
            }
        }
    )
    assert problems == []
    moments = [(kind, at.astimezone(dt.UTC)) for kind, at in events]
    assert moments == [
        (EventKind.REPORT, dt.datetime(2026, 3, 2, 0, 0, tzinfo=dt.UTC)),
        (EventKind.DISPATCH, dt.datetime(2026, 3, 2, 0, 5, tzinfo=dt.UTC)),
        (EventKind.DISPATCH, dt.datetime(2026, 3, 2, 1, 30, tzinfo=dt.UTC)),
    ]


def test_a_document_without_events_gives_none() -> None:
    assert creation_events({"format": "estimate/1"}) == ([], [])


def test_bad_values_are_named_by_their_path_and_nothing_is_kept() -> None:
    events, problems = creation_events(
        {"events": {"report": "yesterday", "dispatch": ["2026-03-02T08:05", 5], "arrival": "x"}}
    )
    assert events == []
    assert sorted((p.code, p.path) for p in problems) == [
        ("not_a_moment", "events.report"),
        ("not_text", "events.dispatch[1]"),
        ("unknown_field", "events.arrival"),
    ]
    report = next(p for p in problems if p.code == "not_a_moment")
    assert "不是时间" in report.reason("zh") and "not a time" in report.reason("en")


def test_dispatch_must_be_a_list_of_times() -> None:
    events, problems = creation_events({"events": {"dispatch": {"at": "2026-03-02"}}})
    assert events == [] and [(p.code, p.path) for p in problems] == [
        ("not_a_list", "events.dispatch")
    ]
