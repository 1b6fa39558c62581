"""``estimator settings``: list and get the values in force, set and reset them as an
administrator (audited), refusals in words with exit 1 and nothing written."""

from __future__ import annotations

import json

import pytest

from estimator.cli.main import main
from estimator.domain.settings_schema import SCHEMA
from estimator.domain.workflow import Role
from estimator.persistence.database import create_database_engine
from estimator.services.settings import current_settings, list_settings
from estimator.services.users import create_user

ADMIN_PW, REVIEWER_PW = "admin pw 123", "reviewer pw 1"


@pytest.fixture
def db(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A database with an administrator (root) and a reviewer (li)."""
    engine = create_database_engine(db_url)
    create_user(engine, "root", ADMIN_PW, {Role.ADMIN}, actor="test setup")
    create_user(engine, "li", REVIEWER_PW, {Role.REVIEWER}, actor="test setup")
    engine.dispose()
    monkeypatch.setenv("ESTIMATOR_LANG", "en")
    return db_url


@pytest.mark.parametrize("words", [["list"], ["get"], ["set"], ["reset"]])
def test_the_commands_have_help(words: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["settings", *words, "--help"])
    assert done.value.code == 0
    assert "usage: estimator settings " + words[0] in capsys.readouterr().out


def test_set_get_list_and_reset_round_trip(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ESTIMATOR_PASSWORD", ADMIN_PW)
    assert (
        main(["settings", "set", "clock.arrival.city_minutes", "20", "--as", "root", "--db", db])
        == 0
    )
    assert "clock.arrival.city_minutes set to 20" in capsys.readouterr().out
    assert (
        main(["settings", "set", "clock.review.day_kind", "calendar", "--as", "root", "--db", db])
        == 0
    )
    assert "calendar days" in capsys.readouterr().out

    assert main(["--db", db, "settings", "get", "clock.arrival.city_minutes"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "20" and "changed by root" in out

    assert main(["--db", db, "settings", "list", "--json"]) == 0
    listed = {s["key"]: s for s in json.loads(capsys.readouterr().out)}
    assert listed["clock.arrival.city_minutes"]["value"] == "20"
    assert listed["clock.arrival.city_minutes"]["default"] == "30"
    assert listed["clock.arrival.city_minutes"]["changed_by"] == "root"
    assert listed["clock.review.day_kind"]["value"] == "calendar"
    assert listed["authority.sample_rate"] == {
        "key": "authority.sample_rate",
        "kind": "ratio",
        "value": "0.10",
        "default": "0.10",
        "label": "share of approvals within authority sampled (0–1)",
        "changed_by": None,
        "changed_at": None,
    }

    assert (
        main(["settings", "reset", "clock.arrival.city_minutes", "--as", "root", "--db", db]) == 0
    )
    assert "back to its default 30" in capsys.readouterr().out
    engine = create_database_engine(db)
    assert current_settings(engine).whole("clock.arrival.city_minutes") == 30
    assert current_settings(engine).text("clock.review.day_kind") == "calendar"
    engine.dispose()


def test_the_plain_list_reads_in_chinese(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ESTIMATOR_LANG", "zh")
    assert main(["--db", db, "settings", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(SCHEMA)
    review = next(line for line in lines if line.startswith("clock.review.day_kind "))
    assert "工作日" in review and "默认" in review and "核损时限的计日方式" in review


@pytest.mark.parametrize(
    ("words", "said"),
    [
        (["set", "clock.contact.minutes", "0"], "must not be less than 1"),
        (["set", "display.timezone", "Mars/Base"], "not a time zone name"),
        (["set", "clock.lunch.minutes", "5"], "there is no setting clock.lunch.minutes"),
        (["reset", "clock.lunch.minutes"], "there is no setting clock.lunch.minutes"),
    ],
)
def test_a_bad_key_or_value_is_refused_with_nothing_written(
    db: str,
    words: list[str],
    said: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ESTIMATOR_PASSWORD", ADMIN_PW)
    assert main(["--db", db, "settings", *words, "--as", "root"]) == 1
    assert said in capsys.readouterr().err
    engine = create_database_engine(db)
    assert all(v.is_default for v in list_settings(engine))
    engine.dispose()


def test_only_an_administrator_may_set(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ESTIMATOR_PASSWORD", REVIEWER_PW)
    assert main(["--db", db, "settings", "set", "clock.contact.minutes", "9", "--as", "li"]) == 1
    assert "needs the admin role" in capsys.readouterr().err
    assert main(["--db", db, "settings", "set", "clock.contact.minutes", "9"]) == 1
    assert "--as" in capsys.readouterr().err
    assert main(["--db", db, "settings", "get", "clock.contact.minutes"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "5"
