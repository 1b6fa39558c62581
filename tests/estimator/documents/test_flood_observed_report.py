"""The report marks observed stacks, states a wicking allowance and lists the book check
(账实核对): the PDF read back through pdftotext, the workbook through openpyxl."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from decimal import Decimal as D  # noqa: N817 - reads like the money constructor
from io import BytesIO
from pathlib import Path

import pytest

from estimator.documents.flood_report import ReportHeader, render_report, report_workbook
from estimator.domain.flood import FloodAssessment, Stack, WaterDepth, assess
from estimator.domain.flood_book import BookCheckLine, BookLine, book_check
from estimator.domain.flood_json import assessment_document
from tests.estimator.domain.test_flood import RULES, site


def _observed() -> tuple[list[Stack], FloodAssessment, tuple[BookCheckLine, ...]]:
    a01, a02, b01 = site()
    stacks = [
        dataclasses.replace(a01, water_mark_cm=D("62")),
        a02,
        dataclasses.replace(b01, sku="KFW-35", observed_collapse=True),
    ]
    rules = {**RULES, "outdoor": dataclasses.replace(RULES["outdoor"], wicking_cm=D("5"))}
    # Books: KFR-35GW 40 units as counted but 1,000.00 more in value; KFW-35 18 on the books
    # against 20 counted.
    counted_kfr = 20 * D("2000") + 20 * D("360")  # 47,200.00
    book = [BookLine("KFR-35GW", 40, counted_kfr + 1000), BookLine("KFW-35", 18)]
    return stacks, assess(stacks, rules, WaterDepth(D("70"))), book_check(book, stacks)


def test_the_json_carries_observations_only_where_made_and_the_book_check() -> None:
    _, a, lines = _observed()
    document = assessment_document(a, book_check=lines)
    first, second, third = document["stacks"]  # type: ignore[misc]
    assert (first["water_mark_cm"], first["depth_cm"]) == ("62", "62")
    assert "observed_collapse" not in first
    assert "water_mark_cm" not in second and "observed_collapse" not in second
    assert third["observed_collapse"] is True
    assert [(c["sku"], c["difference"]) for c in document["book_check"]] == [  # type: ignore[attr-defined]
        ("KFR-35GW", "value"),
        ("KFW-35", "qty"),
    ]
    assert document["book_check"][0]["value_difference"] == "-1000.00"  # type: ignore[index]
    assert "book_check" not in assessment_document(a)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_the_pdf_marks_observed_stacks_the_wicking_and_the_book_check(tmp_path: Path) -> None:
    _, a, lines = _observed()
    pdf, _ = render_report(a, ReportHeader(claim_no="PQAA2026000000009"), book_check=lines)
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = "".join(text.split())  # table cells wrap: compare without spaces and breaks
    assert "实测水位62厘米" in flat
    assert "实见倒垛" in flat
    assert "标有“实测”的堆垛" in flat
    assert "品类outdoor计吸水高度5厘米" in flat
    assert "账实核对" in flat and "2个商品编码账实不符" in flat
    assert "金额不符" in flat and "数量不符" in flat
    assert "-1,000.00" in flat and "+2" in flat


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_a_report_without_observations_or_books_says_nothing_of_them(tmp_path: Path) -> None:
    pdf, _ = render_report(assess(site(), RULES, WaterDepth(D("70"))), ReportHeader())
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "实测" not in text and "吸水高度" not in text and "账实核对" not in text


def test_the_workbook_marks_observed_stacks_and_has_the_book_check_sheet() -> None:
    import openpyxl

    _, a, lines = _observed()
    book = openpyxl.load_workbook(BytesIO(report_workbook(a, ReportHeader(), book_check=lines)))
    assert book.sheetnames[:4] == ["汇总", "品类", "账实核对", "堆垛"]
    rows = list(book["堆垛"].iter_rows(values_only=True))
    assert rows[0][15] == "现场实测"
    marks = {(r[0], r[15]) for r in rows[1:]}
    assert marks == {("A-01", "实测水位 62 厘米"), ("A-02", None), ("B-01", "实见倒垛")}
    check = list(book["账实核对"].iter_rows(values_only=True))
    assert check[1][:5] == ("KFR-35GW", "金额不符", 40, 40, 0)
    assert check[1][7] == -1000
    assert check[2][:5] == ("KFW-35", "数量不符", 18, 20, 2)
    assert check[2][5] is None
    categories = list(book["品类"].iter_rows(values_only=True))
    assert categories[-1][:2] == ("outdoor 吸水高度 (厘米)", "5")


def test_the_shipped_demo_has_its_observations_wicking_and_books() -> None:
    from estimator.documents.flood_book_sheet import read_book
    from estimator.documents.flood_sample import demo_book, demo_rules, demo_stacks
    from estimator.documents.flood_workbook import read_inventory, read_rules
    from estimator.services.demo import sample_file

    inventory = sample_file("demo_flood_inventory.xlsx")
    stacks = read_inventory(inventory).stacks
    assert stacks == demo_stacks()
    rules = read_rules(sample_file("demo_flood_rules.xlsx")).rules
    assert rules == demo_rules()
    fell = [s for s in stacks if s.observed_collapse]
    assert len(fell) == 2
    assert {rules[s.category].softens for s in fell} == {True, False}
    (marked,) = [s for s in stacks if s.water_mark_cm is not None]
    assert marked.water_mark_cm is not None and marked.water_mark_cm > D("85")
    assert [r.wicking_cm for r in rules.values() if r.wicking_cm] == [D("3")]
    book = read_book(inventory).lines
    assert book == demo_book()
    lines = book_check(book, stacks)
    # Six 3匹 indoor units more on the books; five KFR-50LW/BP2 booked, none counted.
    assert [(x.sku, x.difference.value, x.qty_difference) for x in lines] == [
        ("KFR-50LW/BP2", "book_only", -5),
        ("KFR-72LW/BP2", "qty", -6),
    ]
    assert sum((x.value_difference or 0 for x in lines), D(0)) == D("-34805.00")
