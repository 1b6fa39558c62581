"""``estimator user add --group --authority``, ``user set`` and ``user list``."""

from __future__ import annotations

import pytest

from estimator.cli.main import main


def run(db_url: str, *args: str) -> int:
    return main(["--db", db_url, *args])


def test_groups_and_authority_from_the_command_line(
    db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ESTIMATOR_NEW_PASSWORD", "first admin pw")
    assert run(db_url, "user", "add", "root", "--role", "admin") == 0
    monkeypatch.setenv("ESTIMATOR_PASSWORD", "first admin pw")
    add = ("user", "add", "wang", "--role", "assessor", "--group", "large")
    assert run(db_url, *add, "--authority", "2000", "--as", "root") == 0
    assert run(db_url, "user", "add", "zhou", "--role", "manager", "--as", "root") == 0
    capsys.readouterr()

    assert run(db_url, "user", "set", "zhou", "--as", "root") == 2  # nothing to change
    assert "--group" in capsys.readouterr().err
    assert run(db_url, "user", "set", "wang", "--authority", "lots", "--as", "root") == 1
    assert "lots" in capsys.readouterr().err
    assert run(db_url, "user", "set", "wang", "--group", "ordinary", "--as", "root") == 0
    assert "2000.00" in capsys.readouterr().out
    assert run(db_url, "user", "set", "wang", "--group", "large", "--as", "zhou") == 1
    assert "admin" in capsys.readouterr().err

    monkeypatch.setenv("ESTIMATOR_LANG", "zh")
    assert run(db_url, "user", "list", "--as", "zhou") == 0
    listed = {
        line.split("\t")[0]: line.split("\t") for line in capsys.readouterr().out.splitlines()
    }
    assert listed["wang"][2:] == ["定损员", "普案组", "2000.00"]
    assert listed["zhou"][2:] == ["理赔经理", "普案组", "0.00"]
