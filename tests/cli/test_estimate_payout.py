"""``estimator estimate payout ID [--json]`` on a fresh database (settlement.md, Contract):
the JSON of the contract, a table of the steps in the user's language, a bad id in words; and
``estimator depreciation import FILE --as USER``, the table the payout reads."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from estimator.cli.main import main
from estimator.cli.payout import payout_table
from estimator.domain.settlement_payout import LossObject, ObjectKind, Policy, estimate_payout
from tests.conftest import write_workbook
from tests.estimator.documents.test_depreciation_workbook import full_rows
from tests.labor_standards import labor_rows
from tests.parts_catalog.catalog_rows import MODELS, PARTS
from tests.services.test_settlement import priced_at


@pytest.fixture
def draft(
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> str:
    """A draft imported with the settlement fields (repair 8,000.00, rescue 500.00)."""
    monkeypatch.setenv("ESTIMATOR_NEW_PASSWORD", "first admin pw")
    assert main(["--db", db_url, "user", "add", "admin", "--role", "admin"]) == 0
    monkeypatch.setenv("ESTIMATOR_PASSWORD", "first admin pw")
    catalog = write_workbook(tmp_path / "c.xlsx", {"vehicle_models": MODELS, "parts": PARTS})
    labor = write_workbook(tmp_path / "l.xlsx", labor_rows.sheets())
    assert main(["--db", db_url, "catalog", "import", str(catalog), "--as", "admin"]) == 0
    assert main(["--db", db_url, "labor", "import", str(labor), "--as", "admin"]) == 0
    monkeypatch.setenv("ESTIMATOR_NEW_PASSWORD", "assessor pw 1")
    assert main(["--db", db_url, "user", "add", "wang", "--role", "assessor", "--as", "admin"]) == 0
    monkeypatch.setenv("ESTIMATOR_PASSWORD", "assessor pw 1")
    document = tmp_path / "estimate.json"
    document.write_text(json.dumps(priced_at("8000.00", "500.00"), ensure_ascii=False), "utf-8")
    capsys.readouterr()
    assert main(["--db", db_url, "estimate", "import", str(document), "--as", "wang"]) == 0
    return capsys.readouterr().out.strip().splitlines()[-1]


def test_payout_json_is_the_contracts(
    db_url: str, draft: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Guards settlement.md's `estimate payout --json`: amounts as two-decimal strings, the
    steps of the hand-computed two-vehicle repair (see tests/services/test_settlement.py)."""
    assert main(["--db", db_url, "estimate", "payout", draft, "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["payable"] == "4050.00" and printed["provisional"] is True
    (insured,) = printed["objects"]
    assert {k: insured[k] for k in ("kind", "loss", "actual_value", "compulsory_paid")} == {
        "kind": "insured_vehicle",
        "loss": "8500.00",
        "actual_value": "109800.00",
        "compulsory_paid": "2000.00",
    }
    assert (insured["liability_share"], insured["commercial_paid"]) == ("0.70", "4550.00")
    assert (insured["deductible"], insured["payable"]) == ("500.00", "4050.00")


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("zh", ("预估赔款", "暂估", "标的车", "实际价值", "交强险赔付", "70%", "4,050.00")),
        ("en", ("Payout estimate", "provisional", "insured vehicle", "liability share", "70%")),
    ],
)
def test_payout_table_in_the_users_language(
    db_url: str,
    draft: str,
    language: str,
    words: tuple[str, ...],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ESTIMATOR_LANG", language)
    assert main(["--db", db_url, "estimate", "payout", draft]) == 0
    out = capsys.readouterr().out
    for word in words:
        assert word in out
    assert ("4,550.00" in out) and ("109,800.00" in out) and ("8,500.00" in out)
    if language == "zh":  # the Chinese table shows no English word
        assert not any(c.isascii() and c.isalpha() for c in out)


def test_a_bad_id_is_said_in_words(
    db_url: str, draft: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ESTIMATOR_LANG", "en")
    assert main(["--db", db_url, "estimate", "payout", "not-an-id"]) == 1
    assert "not-an-id" in capsys.readouterr().err


def test_depreciation_import_changes_the_actual_value(
    db_url: str,
    draft: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An administrator imports every rate at 0.90 %: the value becomes 74,700.00 (see
    tests/services/test_depreciation_import.py); a bad file is refused in words; an assessor
    may not import."""
    header = ["use_class", "vehicle_kind", "monthly_rate"]
    good = write_workbook(tmp_path / "rates.xlsx", {"rates": [header, *full_rows()]})
    bad = write_workbook(tmp_path / "bad.xlsx", {"rates": [header, *full_rows()[1:]]})
    monkeypatch.setenv("ESTIMATOR_LANG", "zh")
    monkeypatch.setenv("ESTIMATOR_PASSWORD", "assessor pw 1")
    assert main(["--db", db_url, "depreciation", "import", str(good), "--as", "wang"]) == 1
    monkeypatch.setenv("ESTIMATOR_PASSWORD", "first admin pw")
    capsys.readouterr()
    assert main(["--db", db_url, "depreciation", "import", str(bad), "--as", "admin"]) == 1
    err = capsys.readouterr().err
    assert "缺少9座以下客车（家庭自用及非营业）的月折旧率" in err and "未作改动" in err
    assert main(["--db", db_url, "depreciation", "import", str(good), "--as", "admin"]) == 0
    assert "15 种" in capsys.readouterr().out
    assert main(["--db", db_url, "estimate", "payout", draft, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["objects"][0]["actual_value"] == "74700.00"


def test_a_case_of_several_objects_names_the_versions_not_approved_yet(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    insured = LossObject(ObjectKind.INSURED_VEHICLE, Decimal("1000.00"), approved=True)
    other = LossObject(ObjectKind.THIRD_PARTY_VEHICLE, Decimal("800.00"), version_no=2)
    payout = estimate_payout([insured, other], Policy(), Decimal("1"))
    monkeypatch.setenv("ESTIMATOR_LANG", "zh")
    assert payout_table(payout).splitlines()[0] == (
        "预估赔款 (暂估：三者车1第2版尚未核损通过，金额以核损后为准)"
    )
    monkeypatch.setenv("ESTIMATOR_LANG", "en")
    assert payout_table(payout).splitlines()[0] == (
        "Payout estimate (provisional: third-party vehicle 1 version 2 not approved yet; the "
        "approved amounts will decide)"
    )
