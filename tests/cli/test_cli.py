from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from estimator.cli.main import build_parser, main
from tests import hostile_workbooks as hostile
from tests.cli.conftest import MAINTAINER_PASSWORD, add_maintainer
from tests.conftest import PYCACHE_ENV, write_workbook
from tests.parts_catalog.catalog_rows import MODELS, PARTS

SUBCOMMANDS = [
    ["catalog", "import"],
    ["catalog", "search"],
    ["catalog", "vin"],
    ["catalog", "price"],
    ["catalog", "versions"],
    ["labor", "import"],
    ["template"],
    ["estimate", "price"],
    ["estimate", "import"],
    ["estimate", "export"],
    ["review"],
    ["pdf", "verify"],
    ["flood", "assess"],
    ["db", "upgrade"],
    ["estimate", "submit"],
    ["estimate", "return"],
    ["estimate", "approve"],
    ["estimate", "diff"],
    ["audit", "verify"],
    ["user", "add"],
    ["estimate", "notify"],
    ["report", "time-limits"],
    ["estimate", "event"],
    ["report", "review"],
    ["invoice", "reconcile"],
    ["cert", "create"],
    ["partner", "import"],
    ["partner", "export"],
    ["partner", "list"],
    ["report", "guarantee"],
]


@pytest.fixture
def catalog_file(tmp_path: Path) -> Path:
    return write_workbook(tmp_path / "catalog.xlsx", {"vehicle_models": MODELS, "parts": PARTS})


def run(db_url: str, *args: str) -> int:
    return main(["--db", db_url, *args])


@pytest.mark.parametrize("words", SUBCOMMANDS, ids=" ".join)
def test_every_subcommand_has_help(words: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([*words, "--help"])
    assert exited.value.code == 0
    assert "usage: estimator " + " ".join(words) in capsys.readouterr().out


def test_wrong_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["catalog", "search"])
    assert exited.value.code == 2
    assert "text" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        main(["no-such-command"])
    assert exited.value.code == 2


def test_import_then_search_json(
    maintainer: list[str], db_url: str, catalog_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db_url, "catalog", "import", str(catalog_file), *maintainer) == 0
    assert "imported catalog version 1" in capsys.readouterr().out
    assert run(db_url, "catalog", "search", "qbxgp", "--json", "--model", "TY-CAMRY-18") == 0
    found = json.loads(capsys.readouterr().out)
    assert [p["part_no"] for p in found] == ["521190K280", "5G0807221A"]
    assert found[0]["name_zh"] == "前保险杠皮"
    assert found[0]["component_code"] == "FBUMPER"
    assert found[0]["models"] == ["TY-CAMRY-18"]


def test_rejected_import_exits_1_and_names_the_cell(
    maintainer: list[str], db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = [
        *PARTS,
        ["P-9", "坏", "", "", "", "", "ZJ", "1.23456", None, None, None, None, None, "2026-10-01"],
    ]
    path = write_workbook(tmp_path / "bad.xlsx", {"vehicle_models": MODELS, "parts": bad})
    assert run(db_url, "catalog", "import", str(path), *maintainer) == 1
    err = capsys.readouterr().err
    assert (
        f"sheet parts, row {len(bad)}, column price_oem_4s [1.23456]: more than 4 decimal places"
        in err
    )
    assert "nothing was written" in err
    assert run(db_url, "catalog", "versions") == 0
    assert capsys.readouterr().out == ""


def test_a_workbook_of_the_wrong_kind_is_named_and_no_rows_are_counted(
    maintainer: list[str], db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Guards issue 26.4: an invoice given to ``catalog import`` says first that it is the
    wrong kind of workbook and which sheets it has; no "0 rows have errors"."""
    path = write_workbook(tmp_path / "invoice.xlsx", {"结算单": [["配件编码", "金额"]]})
    assert run(db_url, "catalog", "import", str(path), *maintainer) == 1
    err = capsys.readouterr().err
    assert "this is not a parts catalog workbook (no sheet parts)" in err
    assert "is missing" not in err  # the missing sheet is said once, in the first line
    assert "the file has the sheets: 结算单" in err
    assert "rows have errors" not in err and "no row was read and nothing was written" in err


def test_skip_invalid_exits_0_with_counts(
    maintainer: list[str], db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = [
        *PARTS,
        ["P-9", "坏", "", "", "", "", "ZJ", "x", None, None, None, None, None, "2026-10-01"],
    ]
    path = write_workbook(tmp_path / "bad.xlsx", {"vehicle_models": MODELS, "parts": bad})
    assert run(db_url, "catalog", "import", str(path), "--skip-invalid", *maintainer) == 0
    out = capsys.readouterr().out
    assert "1 rows rejected" in out and "bad.xlsx.rejected.xlsx" in out


@pytest.mark.parametrize(
    "kind", ["not_a_workbook", "encrypted", "zip_bomb", "entity_expansion", "truncated"]
)
def test_hostile_files_are_refused_cleanly_and_change_nothing(
    maintainer: list[str],
    kind: str,
    db_url: str,
    catalog_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / f"{kind}.xlsx"
    if kind in ("not_a_workbook", "encrypted"):
        getattr(hostile, kind)(target)
    else:
        getattr(hostile, kind)(catalog_file, target)
    assert run(db_url, "catalog", "import", str(target), *maintainer) == 1
    err = capsys.readouterr().err
    assert "error:" in err and "Traceback" not in err
    assert run(db_url, "catalog", "versions") == 0
    assert capsys.readouterr().out == ""


def test_vin_price_and_versions(
    maintainer: list[str], db_url: str, catalog_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(db_url, "catalog", "import", str(catalog_file), *maintainer)
    capsys.readouterr()
    assert run(db_url, "catalog", "vin", "LVGBE40K1KG000001") == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("TY-CAMRY-18") and "check digit should be 8" in captured.err
    assert (
        run(db_url, "catalog", "price", "52119-0K280", "--region", "ZJ", "--on", "2026-11-02") == 0
    )
    assert "\t1880.00\t" in capsys.readouterr().out
    assert (
        run(db_url, "catalog", "price", "52119-0K280", "--region", "ZJ", "--on", "2020-01-01") == 1
    )
    assert run(db_url, "catalog", "price", "X", "--region", "ZJ", "--on", "not-a-date") == 2


def test_unknown_model_filter_is_rejected(
    maintainer: list[str], db_url: str, catalog_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(db_url, "catalog", "import", str(catalog_file), *maintainer)
    assert run(db_url, "catalog", "search", "大灯", "--model", "NOPE") == 1
    assert "no model NOPE" in capsys.readouterr().err


def test_template_catalog_writes_an_importable_workbook(
    maintainer: list[str], db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "t.xlsx"
    assert main(["template", "catalog", "-o", str(target)]) == 0
    assert target.stat().st_size > 0
    capsys.readouterr()
    # Every sheet and column is recognised; having no rows, it makes no version (exit 1).
    assert run(db_url, "catalog", "import", str(target), *maintainer) == 1
    assert capsys.readouterr().err == "error: no valid row to import; no new version was made\n"


def test_bad_database_url_is_a_plain_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", "nosuchdialect://x", "catalog", "versions"]) == 1
    assert "cannot open" in capsys.readouterr().err


def test_a_file_that_is_not_a_database_is_a_plain_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = tmp_path / "estimator.sqlite3"
    damaged.write_bytes(b"a spreadsheet saved over the database\n" * 300)
    before = damaged.read_bytes()
    assert run(f"sqlite+pysqlite:///{damaged}", "catalog", "versions") == 1
    err = capsys.readouterr().err
    assert "is not a database, or is damaged" in err and "Traceback" not in err
    assert damaged.read_bytes() == before  # left as it was, for whoever can recover it


def test_database_from_environment(
    maintainer: list[str],
    monkeypatch: pytest.MonkeyPatch,
    db_url: str,
    catalog_file: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ESTIMATOR_DB", db_url)
    assert main(["catalog", "import", str(catalog_file), *maintainer]) == 0
    assert main(["--db", db_url, "catalog", "import", str(catalog_file), *maintainer]) == 0
    assert "already imported" in capsys.readouterr().out


def test_console_script_runs_as_a_process(
    tmp_path: Path, catalog_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite+pysqlite:///{tmp_path / 'p.sqlite3'}"
    command = ["-m", "estimator", "--db", url, "catalog", "import", str(catalog_file)]
    done = subprocess.run(
        [sys.executable, *command, *add_maintainer(url, monkeypatch)],
        capture_output=True,
        text=True,
        env={
            "ESTIMATOR_LANG": "zh",
            "PATH": "/usr/bin:/bin",
            "ESTIMATOR_PASSWORD": MAINTAINER_PASSWORD,
            **PYCACHE_ENV,
        },
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "已导入目录版本 1" in done.stdout


def test_parser_lists_every_documented_command() -> None:
    text = build_parser().format_help()
    for name in ("catalog", "labor", "template", "estimate", "review", "pdf", "flood", "db"):
        assert name in text


@pytest.fixture
def labor_file(tmp_path: Path) -> Path:
    from tests.labor_standards import labor_rows

    return write_workbook(tmp_path / "labor.xlsx", labor_rows.sheets())


def test_labor_import_and_estimate_price_table_and_json(
    maintainer: list[str],
    db_url: str,
    catalog_file: Path,
    labor_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tests.services.documents import document

    assert run(db_url, "catalog", "import", str(catalog_file), *maintainer) == 0
    assert run(db_url, "labor", "import", str(labor_file), *maintainer) == 0
    assert "imported labor standard version 1: 11 labor times" in capsys.readouterr().out
    estimate = tmp_path / "estimate.json"
    estimate.write_text(json.dumps(document(), ensure_ascii=False), encoding="utf-8")
    assert run(db_url, "estimate", "price", str(estimate)) == 0
    table = capsys.readouterr().out
    assert "6454.00" in table and "陆仟肆佰伍拾肆元整" in table
    assert "included in line 4" in table and "crease across the wheel arch" in table
    assert run(db_url, "estimate", "price", str(estimate), "--json") == 0
    assert json.loads(capsys.readouterr().out)["totals"]["total"] == "6454.00"


def test_estimate_price_rejects_with_the_json_path(
    maintainer: list[str],
    db_url: str,
    catalog_file: Path,
    labor_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    run(db_url, "catalog", "import", str(catalog_file), *maintainer)
    run(db_url, "labor", "import", str(labor_file), *maintainer)
    capsys.readouterr()
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"format": "estimate/1", "region": "ZJ", "shop": {"class": "class1"}, '
        '"lines": [{"kind": "part", "part_no": "52119-0K280", "qty": 1.5}]}',
        encoding="utf-8",
    )
    assert run(db_url, "estimate", "price", str(bad)) == 1
    assert (
        "lines[0].qty [1.5]: a JSON number with a decimal point cannot hold money exactly"
        in capsys.readouterr().err
    )
    assert run(db_url, "estimate", "price", str(tmp_path / "missing.json")) == 1
    assert "no such file" in capsys.readouterr().err


def test_labor_template_writes_an_importable_workbook(
    maintainer: list[str], db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "labor-template.xlsx"
    assert main(["template", "labor", "-o", str(target)]) == 0
    capsys.readouterr()
    # Every sheet and column is recognised; having no rows, it makes no version (exit 1).
    assert run(db_url, "labor", "import", str(target), *maintainer) == 1
    assert capsys.readouterr().err == "error: no valid row to import; no new version was made\n"


def test_workflow_through_the_command_line(
    db_url: str,
    catalog_file: Path,
    labor_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sqlite3

    from tests.services.documents import document

    monkeypatch.setenv("ESTIMATOR_NEW_PASSWORD", "first admin pw")
    assert run(db_url, "user", "add", "admin", "--role", "admin") == 0  # first run: no sign-in
    monkeypatch.setenv("ESTIMATOR_PASSWORD", "first admin pw")
    assert run(db_url, "catalog", "import", str(catalog_file), "--as", "admin") == 0
    assert run(db_url, "labor", "import", str(labor_file), "--as", "admin") == 0
    monkeypatch.setenv("ESTIMATOR_NEW_PASSWORD", "assessor pw 1")
    assert run(db_url, "user", "add", "wang", "--role", "assessor", "--as", "admin") == 0
    monkeypatch.setenv("ESTIMATOR_NEW_PASSWORD", "reviewer pw 1")
    assert (
        run(
            db_url, "user", "add", "li", "--role", "reviewer", "--role", "assessor", "--as", "admin"
        )
        == 0
    )
    capsys.readouterr()

    estimate = tmp_path / "estimate.json"
    estimate.write_text(json.dumps(document(), ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv("ESTIMATOR_PASSWORD", "assessor pw 1")
    assert run(db_url, "estimate", "import", str(estimate), "--as", "wang") == 0
    estimate_id = capsys.readouterr().out.strip().splitlines()[-1]
    assert len(estimate_id) == 36
    assert (
        run(
            db_url,
            "estimate",
            "event",
            estimate_id,
            "survey",
            "--at",
            "2026-11-23T09:00:00+08:00",
            "--as",
            "wang",
        )
        == 0
    )
    # Surveyed 09:00 Shanghai time: due 24 hours later, shown in Shanghai time; long past now.
    name, state, due = capsys.readouterr().out.splitlines()[0].split("\t")
    assert (name, due) == ("standard", "2026-11-24 09:00") and state.startswith("overdue by ")
    assert run(db_url, "review", estimate_id, "--json") == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert any(f["rule"] == "R14" and f["line"] == 0 and f["severity"] == "warn" for f in findings)
    assert all(set(f) == {"rule", "severity", "line", "message"} for f in findings)
    # Issue 26.3: open warnings without a reason refuse the submission, in words.
    assert run(db_url, "estimate", "submit", estimate_id, "--as", "wang") == 1
    assert "warnings remain without a reason (R01, R02, R06, R14)" in capsys.readouterr().err
    reasons = [
        f"--reason={rule}=shop quote checked by phone" for rule in ("R01", "R02", "R06", "r14")
    ]
    assert run(db_url, "estimate", "submit", estimate_id, "--reason", "R14", "--as", "wang") == 1
    assert "--reason takes RULE=TEXT" in capsys.readouterr().err
    assert run(db_url, "estimate", "submit", estimate_id, *reasons, "--as", "wang") == 0
    monkeypatch.setenv("ESTIMATOR_PASSWORD", "wrong")
    assert run(db_url, "estimate", "approve", estimate_id, "--as", "li") == 1
    assert "wrong username or password" in capsys.readouterr().err
    monkeypatch.setenv("ESTIMATOR_PASSWORD", "reviewer pw 1")
    assert run(db_url, "estimate", "return", estimate_id, "--as", "li") == 1  # no reason
    assert "reason" in capsys.readouterr().err
    assert run(db_url, "estimate", "approve", estimate_id, "--as", "li") == 1
    assert "approving needs a written reason" in capsys.readouterr().err
    assert (
        run(
            db_url,
            "estimate",
            "approve",
            estimate_id,
            "--as",
            "li",
            "--reason",
            "checked with the shop",
        )
        == 0
    )
    assert "approved" in capsys.readouterr().out
    assert (
        run(
            db_url,
            "estimate",
            "adjust",
            estimate_id,
            "10",
            "200",
            "--reason",
            "invoice",
            "--as",
            "li",
        )
        == 1
    )
    assert "only a submitted estimate" in capsys.readouterr().err
    assert run(db_url, "estimate", "diff", estimate_id, estimate_id, "--json") == 0
    assert json.loads(capsys.readouterr().out)["lines"] == []

    sheet = tmp_path / "sheet.pdf"
    assert run(db_url, "estimate", "export", estimate_id, "--format", "pdf", "-o", str(sheet)) == 0
    assert sheet.read_bytes().startswith(b"%PDF")
    import subprocess

    sheet_text = subprocess.run(
        ["pdftotext", str(sheet), "-"], capture_output=True, text=True, check=True
    ).stdout
    recorded_head = sheet_text.split("audit head:")[1].split()[0]
    assert run(db_url, "audit", "verify", "--head", recorded_head) == 0
    monkeypatch.setenv("P12_PASSPHRASE", "wang's own key")
    monkeypatch.setenv("ESTIMATOR_PASSWORD", "first admin pw")
    p12 = tmp_path / "wang.p12"
    create = ["cert", "create", "wang", "-o", str(p12), "--passphrase-env", "P12_PASSPHRASE"]
    assert run(db_url, *create, "--as", "admin") == 0  # written and enrolled for wang
    monkeypatch.setenv("ESTIMATOR_PASSWORD", "reviewer pw 1")
    signed = tmp_path / "signed.pdf"
    export = ["estimate", "export", estimate_id, "--format", "pdf", "-o", str(signed)]
    sign_with = ["--passphrase-env", "P12_PASSPHRASE", "--sign-with"]
    assert run(db_url, *export, *sign_with, str(p12)) == 0
    capsys.readouterr()
    assert run(db_url, "pdf", "verify", str(signed), "--json") == 0
    verified = json.loads(capsys.readouterr().out)
    assert verified["state"] == "trusted" and verified["signer_user"] == "wang"
    assert "wang" in verified["signer"] and not verified["timestamped"]
    from estimator.documents.signing import create_self_signed_p12

    own = tmp_path / "own.p12"  # in wang's name, never enrolled: signing with it is refused
    own.write_bytes(create_self_signed_p12("wang", b"wang's own key", user_id="wang"))
    refused = tmp_path / "refused.pdf"
    assert run(db_url, *export[:-1], str(refused), *sign_with, str(own)) == 1
    assert "cannot sign with this certificate" in capsys.readouterr().err
    assert not refused.exists()
    tampered = tmp_path / "tampered.pdf"
    data = bytearray(signed.read_bytes())
    data[len(data) // 3] ^= 1
    tampered.write_bytes(bytes(data))
    assert run(db_url, "pdf", "verify", str(tampered)) == 1
    assert run(db_url, "pdf", "verify", str(sheet)) == 1  # not signed
    capsys.readouterr()
    workbook = tmp_path / "estimate.xlsx"
    assert (
        run(db_url, "estimate", "export", estimate_id, "--format", "xlsx", "-o", str(workbook)) == 0
    )
    import openpyxl

    book = openpyxl.load_workbook(workbook)
    assert book.sheetnames == ["估损单", "lines"]
    readable = [
        row for row in book["估损单"].iter_rows(values_only=True) if row and row[2] == "合计"
    ]
    assert readable[0][6] == 6454.0
    assert [row[0] for row in book["lines"].iter_rows(min_row=2, values_only=True)][:2] == [
        "part",
        "part",
    ]
    capsys.readouterr()
    exported = tmp_path / "exported.json"
    assert (
        run(db_url, "estimate", "export", estimate_id, "--format", "json", "-o", str(exported)) == 0
    )
    assert json.loads(exported.read_text(encoding="utf-8"))["totals"]["total"] == "6454.00"
    assert (
        run(db_url, "estimate", "price", str(exported), "--json") == 0
    )  # it prices again the same
    capsys.readouterr()
    assert run(db_url, "estimate", "notify", estimate_id) == 0
    assert "陆仟肆佰伍拾肆元整" in capsys.readouterr().out
    assert run(db_url, "estimate", "notify", estimate_id, "--mark-sent", "--as", "li") == 0
    capsys.readouterr()
    report = tmp_path / "report.xlsx"
    assert (
        run(
            db_url,
            "report",
            "time-limits",
            "--from",
            "2020-01-01",
            "--to",
            "2099-12-31",
            "-o",
            str(report),
        )
        == 0
    )
    assert report.exists() and "wang" in capsys.readouterr().out
    assert (
        run(
            db_url,
            "report",
            "review",
            "--from",
            "2020-01-01",
            "--to",
            "2099-12-31",
            "-o",
            str(tmp_path / "r.xlsx"),
        )
        == 0
    )
    assert "1 cases" in capsys.readouterr().out

    assert run(db_url, "audit", "verify") == 0
    assert "audit trail intact" in capsys.readouterr().out
    database = db_url.removeprefix("sqlite+pysqlite:///")
    with sqlite3.connect(database) as connection:
        connection.execute("DROP TRIGGER audit_log_no_update")
        connection.execute("UPDATE audit_log SET actor = 'someone' WHERE seq = 4")
    assert run(db_url, "audit", "verify") == 1
    assert "broken at entry 4" in capsys.readouterr().err


def test_only_an_admin_adds_users_after_the_first(
    db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ESTIMATOR_NEW_PASSWORD", "assessor pw 1")
    assert run(db_url, "user", "add", "wang", "--role", "assessor") == 1
    assert "the first user must be the administrator" in capsys.readouterr().err
    assert run(db_url, "user", "add", "admin", "--role", "admin") == 0
    monkeypatch.setenv("ESTIMATOR_PASSWORD", "assessor pw 1")
    assert run(db_url, "user", "add", "wang", "--role", "assessor", "--as", "admin") == 0
    assert run(db_url, "user", "add", "zhao", "--role", "reviewer", "--as", "wang") == 1
    assert "wang may not do this: it needs the admin role" in capsys.readouterr().err


def test_files_that_cannot_be_read_or_written_and_a_lost_server_are_plain_errors(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from estimator.services import partners
    from estimator.services.connection import DatabaseUnavailable

    nowhere = tmp_path / "no such folder"
    for report in ("time-limits", "guarantee"):
        out = str(nowhere / f"{report}.xlsx")
        args = ("report", report, "--from", "2026-01-01", "--to", "2026-12-31", "-o", out)
        assert run(db_url, *args) == 1
        err = capsys.readouterr().err
        assert f"cannot write {out}" in err and "Traceback" not in err
    # A signing key that is not there is a file that cannot be read, not an unwritable output.
    missing = str(tmp_path / "missing.p12")
    args = ("estimate", "export", "x", "--format", "pdf", "-o", str(tmp_path / "s.pdf"))
    assert run(db_url, *args, "--sign-with", missing) == 1
    assert f"cannot read {missing}" in capsys.readouterr().err

    def lost(*_args: object, **_kwargs: object) -> None:
        raise DatabaseUnavailable("the database server cannot be reached (test)")

    monkeypatch.setattr(partners, "partner_shops", lost)
    assert run(db_url, "partner", "list") == 1
    err = capsys.readouterr().err
    assert "the database server cannot be reached (test)" in err and "Traceback" not in err
