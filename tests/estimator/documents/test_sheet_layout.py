"""The estimate sheet's layout, read back page by page with pdftotext: the signature block on
the page of the totals, no English on the Chinese sheet, sections and lines numbered without
gaps, headers on one line, the reviewer's line and the guarantee's repair window."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from dataclasses import replace
from decimal import Decimal as D  # noqa: N817 - reads like the money constructor
from pathlib import Path

import pytest

from estimator.documents.estimate_sheet import SheetHeader, render_sheet
from estimator.documents.pdf_page import header_fits
from estimator.documents.sheet_words import COLUMNS, chinese_numeral
from estimator.domain.estimate import EstimateLine, LineKind
from estimator.domain.pricing import PricedEstimate, price_estimate
from labor_standards.model import LaborStandard
from tests.estimator.domain.fixtures import CATALOG, STANDARD, estimate, labor, paint, part

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")

NAMES = {
    "FBUMPER": "前保险杠",
    "FOGLAMP_L": "左雾灯",
    "FOGLAMP_R": "右雾灯",
    "FENDER_L": "左前翼子板",
    "HOOD": "发动机盖",
    "HOOD_HINGE": "发动机盖铰链",
    "HOOD_SEAL": "发动机盖密封条",
    "ENGINE": "发动机",
}
#: The test standard with Chinese component names, as a real standard has them.
NAMED = LaborStandard(
    STANDARD.version_id,
    [replace(t, component_name=NAMES.get(t.component_code, "")) for t in STANDARD._times.values()],
    STANDARD._rates.values(),
    STANDARD._panels.values(),
    STANDARD._paint.values(),
    STANDARD._discounts,
)
CHINESE_SECTIONS = "一二三四五六七八九十"
SECTION = re.compile(r"^\s*([一二三四五六七八九十]+)、", re.MULTILINE)


def every_kind() -> list[EstimateLine]:
    """Part, labor of four operations, paint, material, sublet, towing and a free part."""
    return [
        part("521190K280"),
        part("CLIP", "6"),
        labor("FBUMPER", "replace"),
        labor("FOGLAMP_L", "ri"),
        labor("FENDER_L", "repair_medium"),
        labor("ENGINE", "mech"),
        paint("FBUMPER"),
        paint("FENDER_L"),
        paint("HOOD"),
        EstimateLine(LineKind.MATERIAL, description="玻璃胶", qty=D(2), unit_price=D("35.00")),
        EstimateLine(LineKind.SUBLET, description="四轮定位", amount=D("200")),
        EstimateLine(LineKind.TOWING, description="拖车 12 公里", amount=D("300")),
        EstimateLine(
            LineKind.PART,
            part_no="ZZ9999",
            description="左前大灯支架",
            unit_price=D("85.00"),
            override_reason="市场询价",
        ),
    ]


def priced(*lines: EstimateLine) -> PricedEstimate:
    result = price_estimate(
        estimate(
            *lines,
            claim_no="RDAA2026330100000123",
            plate="浙K12345",
            vin="LSVAU2180N2183294",
            model_code="VW0301",
            shop_name="杭州某某汽修",
            salvage=D("50.00"),
        ),
        CATALOG,
        NAMED,
    )
    assert result.ok, result.problems
    return result


def pages(tmp_path: Path, sheet: PricedEstimate, **header: object) -> list[str]:
    """The sheet's pages as text (layout kept)."""
    path = tmp_path / "sheet.pdf"
    values: dict[str, object] = {"assessor": "王定损", "insured_name": "张三", **header}
    path.write_bytes(render_sheet(sheet, SheetHeader(**values)))  # type: ignore[arg-type]
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [page for page in text.split("\f") if page.strip()]


def english_words(text: str, allowed: set[str]) -> set[str]:
    """ASCII words of two letters or more, other than codes (which hold digits) and ``allowed``."""
    tokens = re.findall(r"[A-Za-z0-9][A-Za-z0-9_\-]*", text)
    return {t for t in tokens if re.fullmatch(r"[A-Za-z]{2,}", t) and t not in allowed}


def line_numbers(text: str) -> list[int]:
    """The numbers that start the table rows, in printed order."""
    return [int(n) for n in re.findall(r"^\s*(\d{1,3})\s+\S", text, re.MULTILINE)]


def test_the_sheet_of_every_line_kind_is_chinese_numbered_and_signed_with_its_totals(
    tmp_path: Path,
) -> None:
    sheet = priced(*every_kind())
    texts = pages(
        tmp_path,
        sheet,
        guarantee=("WCJ2026000001", "2027-06-30"),
        approved_on=dt.date(2026, 11, 21),
        reviewer="李核损",
        review_opinion="同意",
    )
    signing = [t for t in texts if "客户签字" in t]
    assert len(signing) == 1 and "合计（小写）" in signing[0] and "合计（大写）" in signing[0]
    whole = "\n".join(texts)
    assert english_words(whole, {"CLIP"}) == set()
    numerals = SECTION.findall(whole)
    assert numerals == [chinese_numeral(n) for n in range(1, len(numerals) + 1)]
    titles = re.findall(r"[一二三四五六七]、(\S+)", whole)
    assert titles == ["换件项目", "工时项目", "喷漆项目", "辅料", "外修", "施救费", "合计"]
    count = len(sheet.lines) + len(sheet.adjustments)
    assert line_numbers(whole) == list(range(1, count + 1))
    flat = re.sub(r"\s+", "", whole)
    assert "浙江" in flat and "一类修理厂" in flat and "4S店价" in flat and "金属漆" in flat
    assert "更换" in flat and "拆装" in flat and "钣金中" in flat and "机修" in flat
    # Included in the bumper's replacement, which is line 4 on the sheet (after 3 parts).
    assert "已含于第4行" in flat
    assert "核损人：李核损" in flat and "核损意见：同意" in flat and "日期：2026-11-21" in flat
    assert "自核损之日起30日内维修有效（至2026-12-21）" in flat and "2027-06-30" not in flat
    assert f"人民币{sheet.total_in_words}" in flat


@pytest.mark.parametrize("length", range(1, 61))
def test_the_signature_block_stays_with_the_totals_at_every_length(
    tmp_path: Path, length: int
) -> None:
    kinds = every_kind()
    lines = [kinds[i % len(kinds)] for i in range(length)]
    sheet = priced(*lines)
    texts = pages(tmp_path, sheet, guarantee=("WCJ2026000001", "2027-06-30"))
    signing = [t for t in texts if "客户签字" in t]
    assert len(signing) == 1
    assert re.search(r"[一二三四五六七]、合计", signing[0]) and "合计（小写）" in signing[0]
    assert "以上项目及金额已与本人核对无误" in signing[0]
    assert line_numbers("\n".join(texts)) == list(
        range(1, len(sheet.lines) + len(sheet.adjustments) + 1)
    )


def test_an_unreviewed_sheet_leaves_the_reviewers_line_to_fill_by_hand(tmp_path: Path) -> None:
    flat = re.sub(r"\s+", "", "".join(pages(tmp_path, priced(part("521190K280")))))
    assert re.search(r"核损人：＿+核损意见：＿+日期：＿+", flat)
    assert "无差价" not in flat  # no certificate, no guarantee text
    # Only the parts section and the totals: numbered 一 and 二.
    assert "一、换件项目" in flat and "二、合计" in flat and "三、" not in flat


def test_an_approval_without_an_opinion_reads_agreed(tmp_path: Path) -> None:
    texts = pages(
        tmp_path, priced(part("521190K280")), reviewer="李核损", approved_on=dt.date(2026, 11, 21)
    )
    flat = re.sub(r"\s+", "", "".join(texts))
    assert "核损人：李核损核损意见：同意日期：2026-11-21" in flat


def test_the_english_sheet_has_english_labels(tmp_path: Path) -> None:
    texts = pages(
        tmp_path,
        priced(*every_kind()),
        language="en",
        guarantee=("WCJ2026000001", "2027-06-30"),
        approved_on=dt.date(2026, 11, 21),
        repair_window_days=45,
    )
    whole = "\n".join(texts)
    assert "Customer's signature" in whole and "Page 1 of" in whole
    assert "1. Parts replaced" in whole and "Zhejiang" in whole and "class 1 shop" in whole
    assert "within 45 days of the review" in re.sub(r"\s+", " ", whole)
    # Chinese stays only in the data (names, descriptions) and the capital numerals.
    for label in ("客户签字", "合计", "换件项目", "报案号", "第 1 页"):
        assert label not in whole


@pytest.mark.parametrize("key", sorted(COLUMNS))
def test_table_headers_fit_their_columns_on_one_line(key: str) -> None:
    columns = COLUMNS[key]
    widths = [width for _zh, _en, width in columns]
    assert sum(widths) == 180  # the A4 frame's width
    assert header_fits([zh for zh, _en, _w in columns], widths) == []
    assert header_fits([en for _zh, en, _w in columns], widths) == []


def test_section_numerals() -> None:
    assert [chinese_numeral(n) for n in (1, 2, 9, 10, 11, 20, 23)] == [
        "一",
        "二",
        "九",
        "十",
        "十一",
        "二十",
        "二十三",
    ]
    with pytest.raises(ValueError, match="numeral"):
        chinese_numeral(0)
