"""``flood assess`` with a disposal sheet: the text line, the PDF's options, the Excel sheet."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal as D  # noqa: N817 - reads like the money constructor
from pathlib import Path

import openpyxl
import pytest

from estimator.cli.main import main
from tests.cli.test_flood_lots_cli import INVENTORY, RULES, TESTS
from tests.conftest import write_workbook

DISPOSAL = [
    ["category", "sku", "state", "choice", "reason", "discount_rate", "quote"],
    # Value 8 × 2,000 = 16,000, quoted 14,000: sale 2,000 < recondition 2,800 (proposed).
    ["indoor", "KFR-35", "partial", None, None, None, 14000],
    # Written off against the proposal: 32,000 − 3,200 salvage = 28,800.
    ["indoor", "KFR-35", "collapsed", "write_off", "纸箱压溃", None, None],
]


def _run(tmp_path: Path, *extra: str) -> list[str]:
    inventory = write_workbook(
        tmp_path / "i.xlsx", {"inventory": INVENTORY, "tests": TESTS, "disposal": DISPOSAL}
    )
    rules = write_workbook(tmp_path / "r.xlsx", {"rules": RULES})
    return ["flood", "assess", str(inventory), "--rules", str(rules), "--depth", "70", *extra]


def test_the_text_names_measured_lots_and_the_disposal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ESTIMATOR_LANG", "zh")
    assert main(_run(tmp_path)) == 0
    # Lots: KFR-35 submerged 3,575 (measured), partial sold 2,000, collapsed written off
    # 28,800, KFR-50 partial measured all failed 1,800 − 180 = 1,620: net 35,995.
    assert capsys.readouterr().out.splitlines()[-1] == (
        "分批：4 批，其中按检测结果 2 批；处置：修复/整理 2 批、处理品销售 1 批、报废 1 批 "
        "(与建议不同 1 批)；分批净损失 35995.00"
    )


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_pdf_lists_each_lots_options_and_the_excel_sheet_reads_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf, xlsx = tmp_path / "r.pdf", tmp_path / "r.xlsx"
    assert main(_run(tmp_path, "-o", str(pdf), "--xlsx", str(xlsx))) == 0
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [line.split() for line in text.splitlines()]
    # KFR-35 partial: recondition 2,800, sale 2,000 proposed ✓ and chosen, write-off
    # 16,000 − 1,600 = 14,400.
    assert [
        "indoor",
        "KFR-35",
        "部分浸水",
        "2,800.00",
        "2,000.00",
        "✓",
        "14,400.00",
        "处理品销售",
        "—",
        "2,000.00",
    ] in lines
    # KFR-35 collapsed: recondition 800 proposed ✓, written off with its reason.
    assert [
        "indoor",
        "KFR-35",
        "倒塌压损",
        "800.00",
        "✓",
        "—",
        "28,800.00",
        "报废",
        "纸箱压溃",
    ] in [line[:9] for line in lines]
    assert "四、抽样检测方案" in text and "各批抽样数见第五部分" in text
    book = openpyxl.load_workbook(xlsx, read_only=True)
    rows = list(book["分批处置"].iter_rows(values_only=True))
    assert rows[0][:8] == (
        "品类",
        "商品编码",
        "状态",
        "件数",
        "抽样数",
        "检测数",
        "不合格数",
        "计损依据",
    )
    assert rows[0][8:] == (
        "修复/整理净损失",
        "处理品销售净损失",
        "报废净损失",
        "建议",
        "选定",
        "理由",
        "损失",
        "残值",
        "净损失",
    )
    by_state = {row[2]: row for row in rows[1:] if row[1] == "KFR-35"}
    collapsed = by_state["倒塌压损"]
    assert collapsed[3:8] == (16, 5, None, None, "按规则推定")
    assert [D(str(v)) for v in collapsed[8:11:2]] == [D("800"), D("28800")]
    assert collapsed[9] is None  # no sale without a price
    assert collapsed[11:14] == ("修复/整理", "报废", "纸箱压溃")
    assert [D(str(v)) for v in collapsed[14:]] == [D("32000"), D("3200"), D("28800")]
    submerged = by_state["完全浸没"]
    assert submerged[5:8] == (8, 2, "按检测结果")
    assert D(str(submerged[16])) == D("3575")
