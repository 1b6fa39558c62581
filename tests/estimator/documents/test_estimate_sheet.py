"""The estimate sheet PDF, read back from the PDF itself (pdftotext, pdffonts)."""

from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal as D  # noqa: N817 - reads like the money constructor
from pathlib import Path

import pytest

from estimator.documents.estimate_sheet import SheetHeader, content_hash, render_sheet
from estimator.domain.estimate import EstimateLine, LineKind
from estimator.domain.pricing import PricedEstimate, price_estimate
from tests.estimator.domain.fixtures import CATALOG, STANDARD, estimate, labor, paint, part

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


def _priced(*lines: EstimateLine) -> PricedEstimate:
    priced = price_estimate(
        estimate(*lines, claim_no="RDAA2026330100000123", plate="浙K12345", salvage=D("50.00")),
        CATALOG,
        STANDARD,
    )
    assert priced.ok
    return priced


def _pdf(tmp_path: Path, priced: PricedEstimate, **header: object) -> tuple[str, list[str], str]:
    path = tmp_path / "sheet.pdf"
    path.write_bytes(
        render_sheet(priced, SheetHeader(assessor="王定损", insured_phone="13812345678", **header))
    )  # type: ignore[arg-type]
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return text, text.split("\f"), fonts


def test_a_one_line_sheet_shows_every_amount_and_the_total_in_words(tmp_path: Path) -> None:
    priced = _priced(part("521190K280"))
    text, _pages, fonts = _pdf(tmp_path, priced)
    assert "机动车辆保险估损单" in text and "RDAA2026330100000123" in text
    assert "1,880.00" in text and "¥1,830.00" in text and priced.total_in_words in text
    assert "138****5678" in text and "13812345678" not in text  # personal data masked
    assert "第1页共1页" in re.sub(r"\s+", "", text)
    assert content_hash(priced)[:16] in text
    assert re.search(r"WenQuanYiMicroHei\S*\s+TrueType\s+\S+\s+yes\s+yes", fonts)
    assert "Helvetica" not in fonts  # no font left to the reader


def test_notes_print_with_their_lines(tmp_path: Path) -> None:
    priced = _priced(
        labor("FBUMPER", "replace"),
        labor("FOGLAMP_L", "ri"),
        part("8113006B30", unit_price=D("4000"), override_reason="shop quote"),
    )
    text, _, _ = _pdf(tmp_path, priced)
    flat = re.sub(r"\s+", "", text)
    # The part prints first (line 1), so the bumper's replacement is line 2 on the sheet.
    assert "已含于第2行" in flat and "shopquote" in flat and "调整单价" in flat


def test_a_300_line_sheet_repeats_headers_and_numbers_its_pages(tmp_path: Path) -> None:
    lines: list[EstimateLine] = []
    for i in range(300):
        if i % 3 == 0:
            lines.append(part("CLIP", str(1 + i % 7)))
        elif i % 3 == 1:
            lines.append(
                EstimateLine(
                    LineKind.MATERIAL,
                    description=f"辅料{i}",
                    qty=D(1 + i % 4),
                    unit_price=D("3.50"),
                )
            )
        else:
            lines.append(EstimateLine(LineKind.SUBLET, description=f"外修{i}", amount=D(100 + i)))
    priced = _priced(*lines)
    text, pages, _ = _pdf(tmp_path, priced)
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 5
    for number, page in enumerate(pages, start=1):
        assert f"第{number}页共{len(pages)}页" in re.sub(r"\s+", "", page)
        assert "RDAA2026330100000123" in page  # the claim number on every page
    part_pages = [p for p in pages if "CLIP" in p]
    other_pages = [p for p in pages if "外修" in p]
    assert all("配件编码" in p for p in part_pages) and len(part_pages) > 1  # header repeated
    assert all("单价" in p for p in other_pages) and len(other_pages) > 1
    for line in priced.lines:
        assert f"{line.amount:,.2f}" in text
    assert f"¥{priced.totals.total:,.2f}" in text and priced.total_in_words in text  # type: ignore[union-attr]


def test_a_supplement_marks_changes_and_shows_both_totals(tmp_path: Path) -> None:
    from estimator.domain.diff import Change, LineChange, VersionDiff

    priced = _priced(part("521190K280"), paint("FBUMPER"))
    diff = VersionDiff(
        (
            LineChange(Change.ADDED, "k2", "paint", "前保险杠 喷漆", None, D("600.00"), {}),
            LineChange(Change.REMOVED, "k9", "towing", "拖车", D("300.00"), None, {}),
        ),
        {},
    )
    text, _, _ = _pdf(
        tmp_path,
        priced,
        version_no=2,
        diff=diff,
        line_keys=("k1", "k2"),
        previous_total=D("2130.00"),
    )
    flat = re.sub(r"\s+", "", text)
    assert "第2版·追加定损" in flat and "【新增】" in flat
    assert "较上一版删除的项目" in flat and "拖车" in flat
    assert "上一版合计" in flat and "¥2,130.00" in flat and "+300.00" in flat
