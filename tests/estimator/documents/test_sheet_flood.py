"""The estimate sheet's flood line (issue #20 item 4): the water level and immersion grade in
words, the engine restarted yes or no, and the engine warning only when it was restarted; in
English on the English sheet; nothing for a case without a flood record."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from estimator.documents.sheet_flood import SheetFlood
from tests.estimator.documents.test_sheet_layout import every_kind, pages, priced

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


def _flat(texts: list[str]) -> str:
    return re.sub(r"\s+", "", "".join(texts))


def test_the_flood_line_and_no_warning_when_the_engine_was_not_restarted(tmp_path: Path) -> None:
    texts = pages(tmp_path, priced(*every_kind()[:2]), flood=SheetFlood(3, "H3", False))
    flat = _flat(texts)
    assert "水淹高度3级（没过座垫）·水淹时间H3（4至12小时）·发动机水淹后启动：否" in flat
    assert "许多保单不赔" not in flat
    # Under the case's facts, before the first section of lines.
    assert flat.index("水淹高度") < flat.index("一、")


def test_a_restarted_engine_is_said_with_the_warning(tmp_path: Path) -> None:
    flat = _flat(pages(tmp_path, priced(*every_kind()[:2]), flood=SheetFlood(5, "H6", True)))
    assert "水淹高度5级（没过仪表台）·水淹时间H6（48小时以上）·发动机水淹后启动：是" in flat
    assert "水淹后曾再次启动发动机：许多保单不赔因进水导致的发动机损坏" in flat


def test_the_english_sheet_says_it_in_english(tmp_path: Path) -> None:
    texts = pages(
        tmp_path, priced(*every_kind()[:2]), flood=SheetFlood(3, "H3", True), language="en"
    )
    text = " ".join(" ".join(texts).split())
    assert (
        "Water level 3 (seat cushions) · immersion H3 (4 to 12 hours) · engine restarted "
        "after the flood: yes" in text
    )
    assert "many policies exclude engine damage from water intake" in text
    assert not re.search(r"[\u4e00-\u9fff]", text.split("Water level")[1][:200])


def test_no_flood_record_no_line(tmp_path: Path) -> None:
    flat = _flat(pages(tmp_path, priced(*every_kind()[:2])))
    assert "水淹高度" not in flat and "发动机水淹后启动" not in flat
