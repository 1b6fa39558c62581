"""The flood report read back: the PDF through pdftotext, the workbook through openpyxl."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from decimal import Decimal as D  # noqa: N817 - reads like the money constructor
from io import BytesIO
from pathlib import Path

import pytest

from estimator.documents.flood_report import (
    ReportHeader,
    content_hash,
    render_report,
    report_workbook,
)
from estimator.documents.flood_sample import (
    DEMO_TESTS,
    DEMO_ZONE_DEPTHS,
    demo_rules,
    demo_stacks,
    demo_tested_ok,
    write_demo,
)
from estimator.documents.flood_workbook import (
    read_inventory,
    read_rules,
    read_tests,
    read_zone_depths,
)
from estimator.domain.flood import FloodAssessment, StateRule, WaterDepth, assess
from estimator.services.demo import sample_file
from tests.estimator.domain.test_flood import RULES, site


def _site() -> FloodAssessment:
    return assess(site(), RULES, WaterDepth(D("70")))


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_pdf_has_every_part_and_the_page_furniture(tmp_path: Path) -> None:
    a = _site()
    pdf, spot = render_report(a, ReportHeader(claim_no="PQAA2026000000009", assessor="王定损"))
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for part in (
        "定损汇总",
        "分品类损失",
        "堆垛明细",
        "抽样检测方案",
        "分批检测与损失",
        "防灾防损建议",
        "定损员：王定损",
    ):
        assert part in text
    assert "¥7,320.00" in text and "¥7,176.00" in text  # loss and net
    assert "可避免损失 ¥7,320.00" in text
    assert "GB/T 2828.1" in text and "A-01: 3" in text
    # The lots section (五、分批检测与损失) carries the report onto a second page.
    assert re.search(r"第\s*1\s*页\s*共\s*2\s*页", text)
    assert f"内容校验 {content_hash(a)[:16]}" in text
    assert spot.page >= 0


def test_photos_are_printed() -> None:
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (40, 30), "steelblue").save(buffer, "PNG")
    header = ReportHeader(photos=((buffer.getvalue(), "A区 水位线"),))
    pdf, _ = render_report(_site(), header)
    assert b"/Subtype /Image" in pdf


def test_workbook_amounts_are_exact_decimals() -> None:
    import openpyxl

    ratio = {"indoor": RULES["indoor"], "outdoor": RULES["outdoor"]}
    ratio["indoor"] = type(RULES["indoor"])(
        "indoor", {s: StateRule(loss_ratio=D("0.35")) for s in RULES["indoor"].states}
    )
    a = assess(site(), ratio, WaterDepth(D("70")))
    book = openpyxl.load_workbook(BytesIO(report_workbook(a, ReportHeader())))
    rows = list(book["堆垛"].iter_rows(min_row=2, values_only=True))
    # 2000 × 0.35 = 700 a unit; 360 × 0.35 = 126.
    assert [r[10] for r in rows[:2]] == [700, 700]
    assert rows[3][10] == 126
    categories = list(book["品类"].iter_rows(values_only=True))
    assert categories[-1][0] == "合计"


def test_the_shipped_demo_files_are_what_the_generator_writes(tmp_path: Path) -> None:
    inventory, rules = write_demo(tmp_path)
    assert read_inventory(inventory).stacks == demo_stacks()
    assert read_rules(rules).rules == demo_rules()
    assert read_zone_depths(inventory).depths == DEMO_ZONE_DEPTHS
    assert read_inventory(sample_file("demo_flood_inventory.xlsx")).stacks == demo_stacks()
    assert read_rules(sample_file("demo_flood_rules.xlsx")).rules == demo_rules()
    assert read_rules(sample_file("demo_flood_rules.xlsx")).tested_ok == demo_tested_ok()
    assert read_tests(sample_file("demo_flood_inventory.xlsx")).results == list(DEMO_TESTS)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_stacks_the_water_did_not_reach_are_counted_not_listed(tmp_path: Path) -> None:
    stacks = [*site(), dataclasses.replace(site()[0], location="Z-99", base_height_cm=D("90"))]
    pdf, _ = render_report(assess(stacks, RULES, WaterDepth(D("70"))), ReportHeader())
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Z-99" not in text
    assert "另有 1 垛 (20 件) 未受水浸" in text
