"""``estimator flood assess`` and ``template inventory`` through the real command."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from estimator.cli.main import main
from estimator.documents.flood_sample import write_inventory_workbook, write_rules_workbook
from estimator.services.demo import sample_file
from tests import hostile_workbooks as hostile
from tests.conftest import write_workbook
from tests.estimator.domain.test_flood import RULES, site

AMOUNT = re.compile(r"^-?\d+\.\d\d$")


@pytest.fixture
def hand_site(tmp_path: Path) -> tuple[Path, Path]:
    """The site worked by hand in tests/estimator/domain/test_flood.py."""
    inventory, rules = tmp_path / "inventory.xlsx", tmp_path / "rules.xlsx"
    write_inventory_workbook(inventory, site(), {"A": Decimal(70), "B": Decimal(30)})
    write_rules_workbook(rules, RULES)
    return inventory, rules


def assess_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(["flood", "assess", *args, "--json"]) == 0, capsys.readouterr().err
    document: dict[str, object] = json.loads(capsys.readouterr().out)
    return document


def test_json_of_the_hand_worked_site(
    hand_site: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    inventory, rules = hand_site
    doc = assess_json(capsys, str(inventory), "--rules", str(rules), "--depth", "70")
    # A-01 3600.00 + A-02 3440.00 (salvage 144.00) + B-01 280.00.
    assert doc["totals"] == {
        "units": 60,
        "wet_units": 24,
        "loss": "7320.00",
        "salvage": "144.00",
        "net": "7176.00",
    }
    assert "settlement" not in doc  # no policy sheet, no settlement
    indoor = doc["categories"][0]  # type: ignore[index]
    assert {
        k: indoor[k] for k in ("category", "wet_units", "sample_size", "loss", "salvage", "net")
    } == {
        "category": "indoor",
        "wet_units": 16,
        "sample_size": 5,
        "loss": "7040.00",
        "salvage": "144.00",
        "net": "6896.00",
    }
    a02 = doc["stacks"][1]  # type: ignore[index]
    assert a02["location"] == "A-02"
    assert a02["states"][0] == {
        "state": "submerged",
        "layers": 1,
        "units": 4,
        "unit_loss": "360.00",
        "loss": "1440.00",
        "written_off_units": 4,
        "salvage": "144.00",
        "net": "1296.00",
    }
    assert doc["prevention"] == {
        "proposed_base_height_cm": "80",
        "loss": "0.00",
        "salvage": "0.00",
        "net": "0.00",
        "avoided": "7320.00",
    }


def test_zone_depths_from_a_workbook_and_a_proposed_height(
    hand_site: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    inventory, rules = hand_site
    # The inventory workbook carries the 区域水深 sheet: A 70, B 30.
    doc = assess_json(
        capsys, str(inventory), "--rules", str(rules), "--zone-depths", str(inventory)
    )
    assert doc["totals"]["loss"] == "7120.00"  # type: ignore[index]
    assert [(z["zone"], z["depth_cm"]) for z in doc["zones"]] == [("A", "70"), ("B", "30")]  # type: ignore[attr-defined, index]
    doc = assess_json(
        capsys, str(inventory), "--rules", str(rules), "--depth", "70", "--raise-to", "50"
    )
    assert doc["prevention"]["avoided"] == "2840.00"  # type: ignore[index]


def test_the_demo_warehouse(capsys: pytest.CaptureFixture[str]) -> None:
    inventory = sample_file("demo_flood_inventory.xlsx")
    rules = sample_file("demo_flood_rules.xlsx")
    doc = assess_json(capsys, str(inventory), "--rules", str(rules), "--depth", "70")
    totals = doc["totals"]
    categories = doc["categories"]
    assert isinstance(totals, dict) and isinstance(categories, list)
    assert {c["category"] for c in categories} >= {"空调室内机", "空调室外机"}
    assert sum(Decimal(c["loss"]) for c in categories) == Decimal(totals["loss"])
    assert Decimal(totals["net"]) == Decimal(totals["loss"]) - Decimal(totals["salvage"])
    assert Decimal(totals["salvage"]) > 0  # the submerged fans are written off
    for stack in doc["stacks"]:  # type: ignore[attr-defined]
        for state in stack["states"]:
            assert all(AMOUNT.match(state[k]) for k in ("loss", "salvage", "net"))
    assert doc["prevention"]["proposed_base_height_cm"] == "80"  # type: ignore[index]
    # Without observations the demo's net was 211,649.00. The survey's observations add:
    # A-05 (37 KFR-35GW/BP3, 6 a layer, 33 cm, on the floor: 7 layers), water mark 98 + the
    # indoor wicking 3 = 101 → 3 layers submerged, the 4th partial, 3 collapsed above:
    # 18 × 425 + 6 × 275 + 13 × 70 = 10,210.00 instead of (at 70: 2 submerged, partial,
    # 4 collapsed) 12 × 425 + 6 × 275 + 19 × 70 = 8,080.00: +2,130.00. A-14 (12 outdoor
    # KFR-35W/BP3, 4 a layer, 60 cm: 3 layers) seen knocked over: its dry top layer is
    # collapsed, 4 × (35 + 20) = +220.00. Net 211,649.00 + 2,350.00 = 213,999.00.
    # The demo's policy (保单): book value 1,100,000, insured 880,000, so ratio 0.8.
    # The first estimate's net is 213,999.00 (A-05's 98 cm water mark, the two stacks seen
    # knocked over, 3 cm of wicking in the indoor cartons); the settlement takes the lots' net
    # (分批核定). The measured lots lose less than assumed: KFR-35GW partial 13,200 → 4,590 and
    # BCD-520WK partial 7,280 → 4,760 (the other measured lots fail all their tested units or
    # cost as assumed): 213,999 − 8,610 − 2,520 = 202,869. The disposal sheet sells the 65
    # partly wet televisions for a buyer's 60,000 (value 126,750: 66,750 lost against 76,050
    # reconditioned, −9,300) and writes off the partly wet fans with a reason (3,420 less 10 %
    # salvage = 3,078 against 1,008 measured, +2,070): 202,869 − 9,300 + 2,070 = 195,639.
    # 195,639.00 × 0.8 = 156,511.20; deductible max(2,000, 5 % = 7,825.56) = 7,825.56;
    # 156,511.20 − 7,825.56 = 148,685.64; rescue 18,600 × 0.8 = 14,880; debris 6,500:
    # 148,685.64 + 14,880 + 6,500 = 170,065.64.
    assert totals["net"] == "213999.00"
    assert sum(Decimal(lot["net"]) for lot in doc["lots"]) == Decimal("195639.00")  # type: ignore[attr-defined]
    assert doc["settlement"] == {
        "insurable_value": "1100000.00",
        "sum_insured": "880000.00",
        "average_ratio": "0.8000",
        "net_loss": "195639.00",
        "deductible": "7825.56",
        "rescue": "14880.00",
        "debris": "6500.00",
        "payable": "170065.64",
    }


def test_the_text_summary_in_chinese_by_default(
    hand_site: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ESTIMATOR_LANG", "zh")
    inventory, rules = hand_site
    assert main(["flood", "assess", str(inventory), "--rules", str(rules), "--depth", "70"]) == 0
    out = capsys.readouterr().out
    assert "抽样数" in out and "7320.00" in out
    assert "垫高至 80 厘米" in out and "可避免损失 7320.00" in out
    assert "区域" not in out.splitlines()[-2]  # one depth for the site: no zone lines
    args = [str(inventory), "--rules", str(rules), "--zone-depths", str(inventory)]
    assert main(["flood", "assess", *args]) == 0
    out = capsys.readouterr().out
    assert "区域 A：水深 70 厘米，2 垛，损失 7040.00" in out
    assert "区域 B：水深 30 厘米，1 垛，损失 80.00" in out
    assert "赔款理算" not in out  # no policy sheet


def test_the_text_summary_ends_with_the_settlement(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ESTIMATOR_LANG", "zh")
    inventory = sample_file("demo_flood_inventory.xlsx")
    rules = sample_file("demo_flood_rules.xlsx")
    assert main(["flood", "assess", str(inventory), "--rules", str(rules), "--depth", "70"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last == (
        "赔款理算：保险价值 1100000.00，赔付比例 0.8000，免赔 7825.56，"
        "施救费用 14880.00，应付赔款 170065.64"
    )


def test_bad_rows_exit_1_naming_sheet_row_column_and_reason(
    tmp_path: Path, hand_site: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, rules = hand_site
    rows = [
        ["location", "sku", "category", "qty", "units_per_layer", "carton_height_cm", "unit_cost"],
        ["A-01", "S", "indoor", 10, 4, 40, 100],
        ["A-02", "S", "indoor", "ten", 4, 40, 100],
        ["A-03", "S", "washer", 10, 4, 40, 100],
    ]
    inventory = write_workbook(tmp_path / "bad.xlsx", {"inventory": rows})
    code = main(["flood", "assess", str(inventory), "--rules", str(rules), "--depth", "70"])
    err = capsys.readouterr().err
    assert code == 1
    assert "sheet inventory, row 3, column qty [ten]: not a number" in err
    assert "cannot assess" in err
    # The row problems come first; once rows are good, a category without rules is next.
    rows[2][3] = 10
    write_workbook(inventory, {"inventory": rows})
    assert main(["flood", "assess", str(inventory), "--rules", str(rules), "--depth", "70"]) == 1
    err = capsys.readouterr().err
    assert "row 4, column category [washer]: the category washer has no loss rules" in err


def test_zones_without_depth_are_rejected(
    tmp_path: Path, hand_site: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    inventory, rules = hand_site
    depths = write_workbook(tmp_path / "z.xlsx", {"zone_depths": [["zone", "depth_cm"], ["A", 70]]})
    code = main(
        ["flood", "assess", str(inventory), "--rules", str(rules), "--zone-depths", str(depths)]
    )
    assert code == 1
    assert "column zone [B]: the zone B has no water depth" in capsys.readouterr().err


def test_messages_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ESTIMATOR_LANG", "zh")
    bad = hostile.not_a_workbook(tmp_path / "inventory.xlsx")
    assert main(["flood", "assess", str(bad), "--rules", str(bad), "--depth", "70"]) == 1
    err = capsys.readouterr().err
    assert f"{bad}: 不是 Excel 工作簿 (.xlsx)" in err
    assert "无法定损" in err


def test_hostile_workbooks_are_refused_cleanly(
    tmp_path: Path, hand_site: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    inventory, rules = hand_site
    bomb = hostile.zip_bomb(inventory, tmp_path / "bomb.xlsx")
    assert main(["flood", "assess", str(bomb), "--rules", str(rules), "--depth", "70"]) == 1
    assert "possible zip bomb" in capsys.readouterr().err
    xxe = hostile.external_entity(rules, tmp_path / "xxe.xlsx")
    assert main(["flood", "assess", str(inventory), "--rules", str(xxe), "--depth", "70"]) == 1
    assert f"{xxe}: the workbook holds unsafe XML" in capsys.readouterr().err
    missing = tmp_path / "nothing.xlsx"
    assert main(["flood", "assess", str(missing), "--rules", str(rules), "--depth", "70"]) == 1
    assert "does not exist" in capsys.readouterr().err


@pytest.mark.parametrize(
    "extra",
    [
        ["--depth", "abc"],
        ["--depth", "-5"],
        ["--depth", "70.123"],
        ["--depth", "70", "--zone-depths", "z.xlsx"],
        [],
        ["--depth", "70", "--raise-to", "x"],
    ],
    ids=["not-a-number", "negative", "too-precise", "both-depths", "no-depth", "bad-raise"],
)
def test_wrong_usage_exits_2(
    hand_site: tuple[Path, Path], extra: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    inventory, rules = hand_site
    args = ["flood", "assess", str(inventory), "--rules", str(rules), *extra]
    try:
        code = main(args)
    except SystemExit as exited:  # argparse's own refusals
        code = int(str(exited.code))
    assert code == 2
    capsys.readouterr()


def test_reports_excel_and_pdf(
    tmp_path: Path, hand_site: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    inventory, rules = hand_site
    pdf, xlsx = tmp_path / "r.pdf", tmp_path / "r.xlsx"
    code = main(
        [
            "flood", "assess", str(inventory), "--rules", str(rules), "--depth", "70",
            "-o", str(pdf), "--xlsx", str(xlsx), "--claim-no", "PQAA2026330100000009",
            "--assessor", "王定损",
        ]
    )  # fmt: skip
    assert code == 0, capsys.readouterr().err
    assert pdf.read_bytes().startswith(b"%PDF")
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == ["汇总", "品类", "堆垛", "抽样方案", "分批处置", "防灾防损"]
    values = list(book["防灾防损"].iter_rows(values_only=True))
    assert values[3][:2] == ("可避免损失", 7320)
    stacks = list(book["堆垛"].iter_rows(values_only=True))
    assert stacks[1][:3] == ("A-01", "A", "KFR-35GW")
    assert len(stacks) == 1 + 3 + 3 + 3  # each stack: submerged, partial, collapsed/dry


def test_signed_report(
    tmp_path: Path,
    hand_site: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from estimator.documents.signing import create_self_signed_p12, verify_pdf

    inventory, rules = hand_site
    p12 = tmp_path / "wang.p12"
    p12.write_bytes(create_self_signed_p12("王定损", b"own key"))
    monkeypatch.setenv("FLOOD_P12", "own key")
    pdf = tmp_path / "signed.pdf"
    args = ["flood", "assess", str(inventory), "--rules", str(rules), "--depth", "70"]
    code = main([*args, "-o", str(pdf), "--sign-with", str(p12), "--passphrase-env", "FLOOD_P12"])
    assert code == 0, capsys.readouterr().err
    result = verify_pdf(pdf.read_bytes())
    assert result.intact
    assert main([*args, "-o", str(pdf), "--sign-with", str(p12)]) == 2


def test_template_inventory_writes_every_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    target = tmp_path / "flood.xlsx"
    assert main(["template", "inventory", "-o", str(target)]) == 0
    assert "template written" in capsys.readouterr().out
    assert openpyxl.load_workbook(target).sheetnames == [
        "inventory",
        "rules",
        "zone_depths",
        "tests",
        "policy",
        "book",
        "disposal",
        "说明 explanation",
    ]
    # The empty template is a valid (empty) site; its empty policy sheet gives no settlement.
    doc = assess_json(capsys, str(target), "--rules", str(target), "--depth", "70")
    assert doc["totals"]["loss"] == "0.00"  # type: ignore[index]
    assert "settlement" not in doc
