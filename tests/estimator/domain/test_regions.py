"""Regions are shown by name: 浙江 for ZJ, the code itself when it is not a province."""

from __future__ import annotations

from estimator.domain.regions import PROVINCES, region_code, region_name


def test_a_province_code_reads_as_its_name_in_either_language() -> None:
    assert region_name("ZJ") == "浙江"
    assert region_name("sh") == "上海"
    assert region_name("ZJ", "en") == "Zhejiang"


def test_an_unknown_code_is_shown_as_it_is() -> None:
    assert region_name("EAST-1") == "EAST-1"


def test_a_region_is_found_by_code_or_name() -> None:
    assert region_code("浙江") == "ZJ"
    assert region_code("浙江省") == "ZJ"
    assert region_code("shanghai") == "SH"
    assert region_code("gd") == "GD"
    assert region_code("火星") is None


def test_every_province_name_finds_its_own_code() -> None:
    assert all(region_code(zh) == code for code, (zh, _en) in PROVINCES.items())
    assert len(PROVINCES) == 34
