"""The no-price-difference guarantee on the command line: the partner registry (import,
list, export, templates) and the shop invoice reconciled, saved and reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.conftest import write_workbook


def test_partner_registry_commands_and_templates(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from estimator.domain.workflow import Role
    from estimator.persistence.database import create_database_engine
    from estimator.services.demo import sample_file
    from estimator.services.users import create_user

    engine = create_database_engine(db_url)
    create_user(engine, "admin", "maintainer-pw", {Role.MAINTAINER}, actor="setup")
    create_user(engine, "wang", "assessor-pw", {Role.ASSESSOR}, actor="setup")
    engine.dispose()
    registry = str(sample_file("demo_partners.xlsx"))
    monkeypatch.setenv("ESTIMATOR_PASSWORD", "assessor-pw")
    assert run(db_url, "partner", "import", registry, "--as", "wang") == 1
    assert "wang may not do this: it needs the maintainer or admin role" in capsys.readouterr().err
    monkeypatch.setenv("ESTIMATOR_PASSWORD", "maintainer-pw")
    assert run(db_url, "partner", "import", registry, "--as", "admin") == 0
    assert "imported 2 partner shops" in capsys.readouterr().out
    assert run(db_url, "partner", "list") == 0
    assert "丽水某汽修\tclass1\tZJ\t2026-01-01\t2028-12-31\toem_4s" in capsys.readouterr().out
    exported = tmp_path / "export.xlsx"
    assert run(db_url, "partner", "export", "-o", str(exported)) == 0
    bad = write_workbook(
        tmp_path / "bad.xlsx",
        {"partner_shops": [["name", "shop_class"], ["某厂", "一类"]]},
    )
    assert run(db_url, "partner", "import", str(bad), "--as", "admin") == 1
    assert "valid_from" in capsys.readouterr().err
    for kind in ("partners", "invoice"):
        template = tmp_path / f"{kind}.xlsx"
        assert run(db_url, "template", kind, "-o", str(template)) == 0
    capsys.readouterr()  # the empty template's columns are all recognised; no rows, no version
    assert run(db_url, "partner", "import", str(tmp_path / "partners.xlsx"), "--as", "admin") == 1
    assert capsys.readouterr().err == "error: no valid row to import; no new version was made\n"
    assert (
        run(
            db_url,
            "report",
            "guarantee",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "-o",
            str(tmp_path / "g.xlsx"),
        )
        == 0
    )
    assert "0 certificates" in capsys.readouterr().out


def test_invoice_reconcile_prints_saves_and_reports_the_demo_invoice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import datetime as dt

    from estimator.persistence.database import create_database_engine, sqlite_url
    from estimator.services import case_list
    from estimator.services.demo import build_demo_database, sample_file

    url = sqlite_url(build_demo_database(tmp_path / "demo.sqlite3"))
    engine = create_database_engine(url)
    estimate_id = str(case_list.list_cases(engine, "RDAA2026330100000125")[0].estimate_id)
    engine.dispose()
    invoice = str(sample_file("demo_invoice.xlsx"))
    assert run(url, "invoice", "reconcile", estimate_id, invoice, "--json") == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["guarantee"] is True
    assert [(x["outcome"], x["difference"], x["borne_by"]) for x in printed["lines"]] == [
        ("matched", "0.00", ""),
        ("over", "86.16", "shop"),
        ("needs_supplement", "35.00", ""),
    ]
    # Storing it needs to know who: refused in words, and nothing is stored.
    assert run(url, "invoice", "reconcile", estimate_id, invoice, "--save") == 1
    assert "name who does it with --as" in capsys.readouterr().err
    monkeypatch.setenv("ESTIMATOR_PASSWORD", "demo-li-1")
    assert run(url, "invoice", "reconcile", estimate_id, invoice, "--save", "--as", "li") == 0
    capsys.readouterr()
    today = dt.date.today().isoformat()
    report = tmp_path / "guarantee.xlsx"
    assert run(url, "report", "guarantee", "--from", today, "--to", today, "-o", str(report)) == 0
    assert "丽水某汽修\t1\t1\t+121.16\t+86.16\t+0.00" in capsys.readouterr().out


def test_the_certificate_number_is_printed_on_approval_and_exported_in_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue #23: the guarantee certificate is found where the approval is: the approve
    output, the JSON export and the approval notice."""
    from estimator.persistence.database import create_database_engine, sqlite_url
    from estimator.services import case_list
    from estimator.services.demo import build_demo_database

    url = sqlite_url(build_demo_database(tmp_path / "demo.sqlite3"))
    engine = create_database_engine(url)
    # The demo's draft at the partner shop, priced as agreed: it qualifies.
    estimate_id = str(case_list.list_cases(engine, "RDAA2026330100000124")[0].estimate_id)
    engine.dispose()
    monkeypatch.setenv("ESTIMATOR_PASSWORD", "demo-wang-1")
    reason = "--reason=R06=the shop cannot repair this bumper"
    assert run(url, "estimate", "submit", estimate_id, reason, "--as", "wang") == 0
    monkeypatch.setenv("ESTIMATOR_PASSWORD", "demo-li-1")
    approve = ["estimate", "approve", estimate_id, "--reason", "checked with the shop"]
    capsys.readouterr()
    assert run(url, *approve, "--as", "li") == 0
    printed = capsys.readouterr().out
    number = printed.split("certificate ")[1].split(",")[0]
    assert number.startswith("WCJ") and "valid to " in printed
    exported = tmp_path / "e.json"
    assert run(url, "estimate", "export", estimate_id, "--format", "json", "-o", str(exported)) == 0
    certificate = json.loads(exported.read_text(encoding="utf-8"))["guarantee_certificate"]
    assert certificate["number"] == number and printed.rstrip().endswith(certificate["valid_to"])
    capsys.readouterr()
    assert run(url, "estimate", "notify", estimate_id) == 0
    assert number in capsys.readouterr().out
