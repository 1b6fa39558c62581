"""``estimator template depreciation -o FILE``: the empty depreciation workbook, which once
filled in with the 15 classes reads back as a table."""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817 - reads like the money constructor
from pathlib import Path

import openpyxl
import pytest

from estimator.cli.main import main
from estimator.documents.depreciation_workbook import read_depreciation
from estimator.domain.depreciation import ALL_CLASSES, parse_class


def test_the_template_is_written_and_reads_back_filled_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ESTIMATOR_LANG", "zh")
    path = tmp_path / "depreciation.xlsx"
    assert main(["template", "depreciation", "-o", str(path)]) == 0
    assert f"模板已写入 {path}" in capsys.readouterr().out
    book = openpyxl.load_workbook(path)
    assert [c.value for c in book["rates"][1]] == [
        "use_class",
        "vehicle_kind",
        "monthly_rate",
        "note",
    ]
    for depreciation_class in ALL_CLASSES:
        book["rates"].append(
            [depreciation_class.use.value, depreciation_class.kind.value, "0.75%", None]
        )
    book.save(path)
    parsed = read_depreciation(path)
    assert parsed.errors == []
    assert parsed.table is not None
    assert parsed.table.rate(parse_class("commercial_low_speed")) == D("0.0075")
