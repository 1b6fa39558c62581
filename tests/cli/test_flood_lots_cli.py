"""``flood assess`` with test results per lot: the JSON ``lots``, the PDF, refusals."""

from __future__ import annotations

import json
import shutil
import subprocess
from decimal import Decimal as D  # noqa: N817 - reads like the money constructor
from pathlib import Path

import pytest

from estimator.cli.common import REJECTED
from estimator.cli.main import main
from estimator.services.demo import sample_file
from estimator.services.flood import assess_flood
from tests.conftest import write_workbook

INVENTORY = [
    [
        "location",
        "sku",
        "category",
        "qty",
        "units_per_layer",
        "carton_height_cm",
        "base_height_cm",
        "unit_cost",
    ],
    # At 70 cm (tests/estimator/domain/test_flood_lots.py): A-01 16 submerged, 8 partial,
    # 16 collapsed; A-02 10 submerged; B-01 6 partial, written off at 300.
    ["A-01", "KFR-35", "indoor", 40, 8, 30, 0, 2000],
    ["A-02", "KFR-35", "indoor", 10, 5, 30, 0, 2000],
    ["B-01", "KFR-50", "indoor", 6, 6, 40, 50, 300],
]
RULES = [
    ["category", "state", "item", "cost_per_unit", "salvage_ratio", "softens"],
    ["indoor", "*", None, None, "0.1", "是"],
    ["indoor", "partial", "更换控制板", 300, None, None],
    ["indoor", "partial", "更换滤网", 50, None, None],
    ["indoor", "submerged", "更换控制板", 300, None, None],
    ["indoor", "submerged", "更换滤网", 50, None, None],
    ["indoor", "submerged", "更换包装", 50, None, None],
    ["indoor", "collapsed", "清洗检测", 20, None, None],
    ["indoor", "collapsed", "更换包装", 30, None, None],
    ["indoor", "tested_ok", "清洗检测", 20, None, None],
    ["indoor", "tested_ok", "更换包装", 30, None, None],
]
TESTS = [
    ["category", "sku", "state", "tested", "failed"],
    ["indoor", "KFR-35", "submerged", 8, 2],
    ["indoor", "KFR-50", "partial", 2, 2],
]


def _files(tmp_path: Path, tests: list[list[object]]) -> tuple[Path, Path]:
    inventory = write_workbook(tmp_path / "i.xlsx", {"inventory": INVENTORY, "tests": tests})
    return inventory, write_workbook(tmp_path / "r.xlsx", {"rules": RULES})


KEYS = ("sku", "state", "units", "sample_size", "tested", "failed", "basis", "loss")


def test_json_lists_every_lot_measured_or_assumed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inventory, rules = _files(tmp_path, TESTS)
    args = ["flood", "assess", str(inventory), "--rules", str(rules), "--depth", "70"]
    assert main([*args, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    # The first estimate is unchanged: 26 × 400 + 8 × 350 + 16 × 50 + 6 × 300.
    assert doc["totals"]["loss"] == "15800.00"
    assert [tuple(x[k] for k in KEYS) for x in doc["lots"]] == [
        # (10400 × 2 + 26 × 50 × 6) / 8 = 28600 / 8
        ("KFR-35", "submerged", 26, 8, 8, 2, "measured", "3575.00"),
        ("KFR-35", "partial", 8, 2, None, None, "assumed", "2800.00"),
        ("KFR-35", "collapsed", 16, 5, None, None, "assumed", "800.00"),
        # all failed: the written-off loss 6 × 300
        ("KFR-50", "partial", 6, 2, 2, 2, "measured", "1800.00"),
    ]
    assert list(doc["lots"][0]) == [
        "category",
        "sku",
        "state",
        "units",
        "sample_size",
        "tested",
        "failed",
        "basis",
        "disposal",
        "loss",
        "proposed",
        "reason",
        "salvage",
        "net",
    ]


def test_a_result_naming_no_lot_rejects_with_the_lot_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ESTIMATOR_LANG", "zh")
    inventory, rules = _files(tmp_path, [*TESTS, ["indoor", "KFR-99", "partial", 1, 0]])
    args = ["flood", "assess", str(inventory), "--rules", str(rules), "--depth", "70"]
    assert main(args) == REJECTED
    err = capsys.readouterr().err
    assert "没有这个批次：品类 indoor、商品编码 KFR-99、状态“部分浸水”" in err
    # Too many tested for the lot at this depth: 7 of the 6 units of KFR-50 partial.
    inventory, rules = _files(tmp_path, [TESTS[0], ["indoor", "KFR-50", "partial", 7, 1]])
    outcome = assess_flood(inventory, rules, depth_cm=D("70"))
    assert outcome.status == "rejected" and outcome.lots == ()
    assert [(p.sheet, p.row, p.column, p.code) for p in outcome.problems] == [
        ("tests", 2, "tested", "flood_lot_tested_over_units")
    ]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_pdf_shows_assumed_and_measured_lots_side_by_side(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inventory, rules = _files(tmp_path, TESTS)
    pdf = tmp_path / "r.pdf"
    args = ["flood", "assess", str(inventory), "--rules", str(rules), "--depth", "70"]
    assert main([*args, "-o", str(pdf)]) == 0
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "五、分批检测与损失" in text
    lines = [line.split() for line in text.splitlines()]
    # The measured lot: assumed 10,400.00 beside the 3,575.00 counted.
    assert [
        "indoor",
        "KFR-35",
        "完全浸没",
        "26",
        "8",
        "8",
        "2",
        "10,400.00",
        "按检测结果",
        "3,575.00",
    ] in lines
    assert [
        "indoor",
        "KFR-35",
        "倒塌压损",
        "16",
        "5",
        "—",
        "—",
        "800.00",
        "按规则推定",
        "800.00",
    ] in lines
    assert "尚未检测、仍按规则推定的批次（2 个）" in text


@pytest.mark.parametrize(
    "depth", [["--depth", "30"], ["--depth", "70"], ["--zone-depths", "INVENTORY"]]
)
def test_the_demo_warehouse_has_measured_and_assumed_lots(
    depth: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    inventory = str(sample_file("demo_flood_inventory.xlsx"))
    rules = str(sample_file("demo_flood_rules.xlsx"))
    depth = [inventory if d == "INVENTORY" else d for d in depth]
    assert main(["flood", "assess", inventory, "--rules", rules, *depth, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    measured = {(x["sku"], x["state"]): x for x in doc["lots"] if x["basis"] == "measured"}
    assert len(measured) == 5 and len(doc["lots"]) > 5
    lot = measured["KFR-35GW/BP3", "partial"]
    got = (lot["units"], lot["sample_size"], lot["tested"], lot["failed"], lot["loss"])
    if depth == ["--depth", "30"]:
        # At 30 cm the indoor cartons' 3 cm wicking reaches the 33 cm top of the bottom layer
        # of the stacks on the floor: they are submerged. The partial layers left: C-01 and
        # C-09 on 15 cm pallets, and A-05 at its own 98 cm water mark (+ 3 = 101: 3 layers
        # submerged, the 4th partial): 18 units × 275 = 4950.00 assumed; passed 18 × 70 =
        # 1260.00; (4950 × 1 + 1260 × 7) / 8 = 13770 / 8 = 1721.25; 18 units → sample 5.
        assert got == (18, 5, 8, 1, "1721.25")
    else:
        # 48 units × (180 + 25 + 30 + 40) = 13200.00 assumed; passed units 48 × (40 + 30)
        # = 3360.00; 8 tested, 1 failed: (13200 × 1 + 3360 × 7) / 8 = 36720 / 8 = 4590.00.
        assert got == (48, 8, 8, 1, "4590.00")
