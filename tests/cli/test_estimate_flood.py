"""``estimator estimate flood-guide ID [--json]``, ``estimator estimate flood-add ID CODE...
--as USER`` and ``estimator template flood-vehicle-guide`` (settlement.md, Flooded vehicles):
the shipped demo guide's checklist at level 3 / H3 with the engine-restarted words, and ticked
items as lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from estimator.cli.main import main
from estimator.documents.flood_vehicle_workbook import read_flood_guide
from tests.cli.test_estimate_payout import draft  # noqa: F401 - the fixture


def test_flood_guide_json(db_url: str, draft: str, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    assert main(["--db", db_url, "estimate", "flood-guide", draft, "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert (printed["water_level"], printed["immersion"], printed["engine_restarted"]) == (
        3,
        "H3",
        True,
    )
    assert printed["engine_warning"]["zh"].startswith("水淹后曾再次启动发动机")
    assert printed["loss_ratio"] == {"low": "0.08", "high": "0.18"}
    seats = next(i for i in printed["items"] if i["code"] == "SEAT_CLEAN")
    assert seats == {
        "code": "SEAT_CLEAN",
        "name_zh": "清洗座椅",
        "name_en": "Clean the seats",
        "action": "clean",
        "component_code": "SEAT",
        "operation": "mech",
        "hours": "3.0",
        "part_no": None,
        "unit_price": None,
    }


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "zh",
            (
                "水淹车清单",
                "三级：没过座垫",
                "H3：4 至 12 小时",
                "8% 至 18%",
                "许多保单不赔",
                "清洗座椅",
            ),
        ),
        ("en", ("Flooded-vehicle checklist", "level 3: seat cushions", "4 to 12 hours", "exclude")),
    ],
)
def test_flood_guide_table_in_the_users_language(
    db_url: str,
    draft: str,  # noqa: F811
    language: str,
    words: tuple[str, ...],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ESTIMATOR_LANG", language)
    assert main(["--db", db_url, "estimate", "flood-guide", draft]) == 0
    out = capsys.readouterr().out
    for word in words:
        assert word in out


def test_flood_add_adds_the_ticked_items(
    db_url: str,
    draft: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Seats cleaned (3.0 h) and dried (2.0 h) at 70.00 an hour: 350.00 more than the
    draft's 8,500.00; the brake inspection adds no line."""
    monkeypatch.setenv("ESTIMATOR_LANG", "zh")
    argv = ["--db", db_url, "estimate", "flood-add", draft, "SEAT_CLEAN", "SEAT_DRY"]
    assert main([*argv, "BRAKE_INSPECT", "--as", "wang"]) == 0
    out = capsys.readouterr().out
    assert "已加入 2 行；估损金额合计 8,850.00 元" in out
    assert "BRAKE_INSPECT" in out


def test_flood_add_of_an_unknown_item_is_refused_in_words(
    db_url: str,
    draft: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ESTIMATOR_LANG", "zh")
    assert main(["--db", db_url, "estimate", "flood-add", draft, "ROOF", "--as", "wang"]) == 1
    assert "没有这些项目：ROOF" in capsys.readouterr().err


def test_template_writes_the_empty_guide(tmp_path: Path) -> None:
    output = tmp_path / "guide.xlsx"
    assert main(["template", "flood-vehicle-guide", "-o", str(output)]) == 0
    parsed = read_flood_guide(output)
    assert parsed.guide is None  # empty: every level and grade lacks its range
    assert {p.code for p in parsed.errors} == {"flood_vehicle.ratio_missing"}


def test_flood_guide_import_puts_the_guide_in_force(
    db_url: str,
    draft: str,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The administrator imports a guide whose level 3 runs 3 %–6 %; the checklist follows. A
    broken one is refused (exit 1) naming the row, and changes nothing."""
    from tests.conftest import write_workbook
    from tests.estimator.documents.test_flood_vehicle_workbook import GOOD_ITEMS, all_ratios

    monkeypatch.setenv("ESTIMATOR_LANG", "zh")
    monkeypatch.setenv("ESTIMATOR_PASSWORD", "first admin pw")
    good = write_workbook(tmp_path / "g.xlsx", {"items": GOOD_ITEMS, "ratios": all_ratios()})
    bad_items = [*GOOD_ITEMS, ["3", "H3", "ROOF", "修车顶", "", "paint"] + [None] * 5]
    bad = write_workbook(tmp_path / "b.xlsx", {"items": bad_items, "ratios": all_ratios()})
    capsys.readouterr()
    assert main(["--db", db_url, "flood-guide", "import", str(bad), "--as", "admin"]) == 1
    err = capsys.readouterr().err
    assert "第 5 行" in err and "水淹车指南未导入：1 个问题，未作改动" in err
    assert main(["--db", db_url, "flood-guide", "import", str(good), "--as", "admin"]) == 0
    assert "已导入水淹车指南：3 行项目" in capsys.readouterr().out
    assert main(["--db", db_url, "estimate", "flood-guide", draft, "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["loss_ratio"] == {"low": "0.03", "high": "0.06"}
    assert [i["code"] for i in printed["items"]] == ["BRAKE_INSPECT", "SEAT_CLEAN"]
