from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from estimator.services.catalog import (
    UnknownModel,
    catalog_versions,
    find_model_by_vin,
    import_catalog,
    price_on,
    search_parts,
)
from parts_catalog.model import PriceType
from parts_catalog.rows import PartPriceRow, PartRow
from tests.actors import MAINTAINER
from tests.conftest import write_workbook
from tests.parts_catalog.catalog_rows import MODELS, PART_HEADER, PARTS


def _write(path: Path, parts: list[list[Any]] = PARTS, models: list[list[Any]] = MODELS) -> Path:
    return write_workbook(path, {"vehicle_models": models, "parts": parts})


def _count(engine: Engine, table: Any) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


@pytest.fixture
def loaded(engine: Engine, tmp_path: Path) -> Engine:
    result = import_catalog(engine, _write(tmp_path / "catalog.xlsx"), actor=MAINTAINER)
    assert result.status == "imported", result.problems
    return engine


def test_import_records_a_version_with_hash_and_counts(loaded: Engine) -> None:
    (version,) = catalog_versions(loaded)
    assert version.source_name == "catalog.xlsx"
    assert len(version.content_hash) == 64
    assert (version.models_count, version.parts_count, version.prices_count) == (2, 6, 15)


def test_reimporting_the_same_file_changes_nothing(loaded: Engine, tmp_path: Path) -> None:
    again = import_catalog(loaded, tmp_path / "catalog.xlsx", actor=MAINTAINER)
    assert again.status == "already_imported" and again.ok
    assert len(catalog_versions(loaded)) == 1
    assert _count(loaded, PartPriceRow) == 15


def test_one_bad_row_rejects_the_whole_import(engine: Engine, tmp_path: Path) -> None:
    bad = [
        *PARTS,
        ["P-9", "坏价格", "", "", "", "", "ZJ", "abc", None, None, None, None, None, "2026-10-01"],
    ]
    result = import_catalog(engine, _write(tmp_path / "bad.xlsx", bad), actor=MAINTAINER)
    assert result.status == "rejected" and not result.ok
    assert [(p.row, p.column, p.code) for p in result.problems if p.severity == "error"] == [
        (len(bad), "price_oem_4s", "not_a_number")
    ]
    assert _count(engine, PartRow) == 0
    assert catalog_versions(engine) == []
    assert not (tmp_path / "bad.xlsx.rejected.xlsx").exists()


def test_skip_invalid_imports_the_rest_and_writes_rejected_rows(
    engine: Engine, tmp_path: Path
) -> None:
    import openpyxl

    bad_row = [
        "P-9",
        "坏价格",
        "",
        "",
        "",
        "",
        "ZJ",
        "abc",
        None,
        None,
        None,
        None,
        None,
        "2026-10-01",
    ]
    source = _write(tmp_path / "bad.xlsx", [*PARTS, bad_row])
    result = import_catalog(engine, source, skip_invalid=True, actor=MAINTAINER)
    assert result.status == "imported"
    assert (result.rows_rejected, result.counts["parts_added"]) == (1, 6)
    assert result.rejected_file == tmp_path / "bad.xlsx.rejected.xlsx"
    rows = list(openpyxl.load_workbook(result.rejected_file)["parts"].iter_rows(values_only=True))
    assert rows[0] == (*PART_HEADER, "row", "原因 reason")
    assert rows[1][:2] == ("P-9", "坏价格") and rows[1][-2] == len(PARTS) + 1
    assert "price_oem_4s" in rows[1][-1]
    assert catalog_versions(engine)[0].rejected_count == 1


def test_a_new_price_list_adds_history_and_keeps_the_old_prices(
    loaded: Engine, tmp_path: Path
) -> None:
    update = [
        PART_HEADER,
        [
            "52119-0K280",
            "前保险杠皮",
            "Front bumper cover",
            "FBUMPER",
            "外观件",
            "TY-CAMRY-18",
            "ZJ",
            "1950.00",
            None,
            None,
            None,
            "否",
            "0.05",
            "2026-12-01",
        ],
        # Unchanged price on an old date adds no row.
        [
            "53301-06190",
            "发动机盖",
            "Hood",
            "HOOD",
            "外观件",
            "TY-CAMRY-18",
            "ZJ",
            "2675.00",
            None,
            None,
            None,
            "是",
            "0.08",
            "2026-10-01",
        ],
    ]
    result = import_catalog(
        loaded, _write(tmp_path / "dec.xlsx", update, [MODELS[0]]), actor=MAINTAINER
    )
    assert (result.status, result.counts["prices_added"], result.counts["parts_added"]) == (
        "imported",
        1,
        0,
    )
    assert len(catalog_versions(loaded)) == 2
    nov = price_on(loaded, "52119-0K280", "zj", PriceType.OEM_4S, dt.date(2026, 11, 30))
    dec = price_on(loaded, "521190K280", "ZJ", PriceType.OEM_4S, dt.date(2026, 12, 1))
    assert nov is not None and nov.price == Decimal("1880.00") and nov.catalog_version_id == 1
    assert dec is not None and dec.price == Decimal("1950.00") and dec.catalog_version_id == 2


def test_price_by_date_region_and_type(loaded: Engine) -> None:
    def price(region: str, kind: PriceType, on: dt.date) -> Decimal | None:
        quote = price_on(loaded, "52119 0K280", region, kind, on)
        return None if quote is None else quote.price

    assert price("ZJ", PriceType.OEM_4S, dt.date(2026, 10, 1)) == Decimal("1850.00")
    assert price("ZJ", PriceType.OEM_4S, dt.date(2026, 10, 31)) == Decimal("1850.00")
    assert price("ZJ", PriceType.OEM_4S, dt.date(2026, 11, 1)) == Decimal("1880.00")
    assert price("ZJ", PriceType.OEM_4S, dt.date(2026, 9, 30)) is None
    assert price("SH", PriceType.OEM_4S, dt.date(2026, 11, 20)) == Decimal("1900.00")
    assert price("SH", PriceType.BRAND, dt.date(2026, 11, 20)) is None
    assert price("ZJ", PriceType.USED, dt.date(2026, 11, 20)) == Decimal("600.00")


def test_vin_finds_the_model_by_its_longest_prefix(loaded: Engine) -> None:
    found = find_model_by_vin(loaded, "LVGBE40K8KG000001")
    assert (found.model_code, found.matched_prefix, found.vehicle_class) == (
        "TY-CAMRY-18",
        "LVGBE40K",
        "C",
    )
    assert found.check.check_digit_ok


def test_longest_prefix_wins_over_a_shorter_one_of_another_model(
    engine: Engine, tmp_path: Path
) -> None:
    models = [
        MODELS[0],
        ["A", "甲", "", "短前缀车型", None, None, "LVGBE4", "B"],
        ["B", "乙", "", "长前缀车型", None, None, "LVGBE40K8", "C"],
    ]
    assert import_catalog(
        engine, _write(tmp_path / "m.xlsx", [PART_HEADER], models), actor=MAINTAINER
    ).ok
    assert find_model_by_vin(engine, "LVGBE40K8KG000001").model_code == "B"
    assert find_model_by_vin(engine, "LVGBE41K2KG000001").model_code == "A"


def test_vin_with_a_wrong_check_digit_still_finds_the_model_but_warns(loaded: Engine) -> None:
    found = find_model_by_vin(loaded, "LVGBE40K1KG000001")
    assert found.model_code == "TY-CAMRY-18"
    assert not found.check.check_digit_ok and found.check.warning


def test_unknown_vin_finds_nothing(loaded: Engine) -> None:
    assert find_model_by_vin(loaded, "WDD2050421R000001").model_code is None


def _numbers(engine: Engine, text: str, model: str | None = None) -> list[str]:
    return [m.part_no for m in search_parts(engine, text, model_code=model)]


def test_search_by_pinyin_initials(loaded: Engine) -> None:
    assert _numbers(loaded, "qbxgp") == ["521190K280", "5G0807221A"]
    assert _numbers(loaded, "QBXG") == ["521190K280", "5G0807221A"]


def test_search_by_full_pinyin(loaded: Engine) -> None:
    assert _numbers(loaded, "houshijing") == ["8791006A10"]


def test_search_two_character_chinese(loaded: Engine) -> None:
    assert set(_numbers(loaded, "大灯")) == {"8113006B30", "5G0941005"}


def test_search_chinese_substring(loaded: Engine) -> None:
    assert _numbers(loaded, "保险杠") == ["521190K280", "5G0807221A"]
    assert _numbers(loaded, "后视") == ["8791006A10"]
    assert _numbers(loaded, "不存在的配件") == []


def test_search_by_part_number_with_or_without_separators(loaded: Engine) -> None:
    assert _numbers(loaded, "52119-0K280") == ["521190K280"]
    assert _numbers(loaded, "5g0 807 221 a") == ["5G0807221A"]
    assert _numbers(loaded, "5G0") == ["5G0807221A", "5G0941005"]
    assert _numbers(loaded, "0K28") == ["521190K280"]  # a fragment inside the number


def test_exact_part_number_ranks_first_then_fitting_model_then_name(loaded: Engine) -> None:
    assert _numbers(loaded, "大灯", "VW-LAVIDA-19") == ["5G0941005", "8113006B30"]
    assert _numbers(loaded, "大灯", "TY-CAMRY-18") == ["8113006B30", "5G0941005"]
    matches = search_parts(loaded, "前保险杠皮", model_code="VW-LAVIDA-19")
    assert [m.fits_model for m in matches] == [True, False]
    # An exact part number beats a fitting part.
    assert _numbers(loaded, "5G0941005", "TY-CAMRY-18")[0] == "5G0941005"


def test_shorter_names_rank_before_longer_ones_at_equal_match(loaded: Engine) -> None:
    assert _numbers(loaded, "大灯") == ["5G0941005", "8113006B30"]  # 左前大灯 before 左前大灯总成


def test_search_results_carry_models_and_component(loaded: Engine) -> None:
    (mirror,) = search_parts(loaded, "右后视镜")
    assert mirror.models == ("TY-CAMRY-18", "VW-LAVIDA-19")
    assert (mirror.component_code, mirror.category, mirror.name_en) == (
        "MIRROR_R",
        "外观件",
        "Mirror RH",
    )


def test_search_with_an_unknown_model_is_an_error(loaded: Engine) -> None:
    with pytest.raises(UnknownModel):
        search_parts(loaded, "大灯", model_code="NO-SUCH")


@pytest.mark.parametrize("text", ["", "   ", '"', "*", "a' OR 1=1 --", "NEAR(", '大"灯'])
def test_odd_queries_do_not_fail(loaded: Engine, text: str) -> None:
    assert isinstance(search_parts(loaded, text), list)


def test_renamed_part_is_found_by_its_new_name_only(loaded: Engine, tmp_path: Path) -> None:
    rename = [
        PART_HEADER,
        [
            "87910-06A10",
            "右外后视镜总成",
            "Mirror RH",
            "MIRROR_R",
            "外观件",
            "TY-CAMRY-18",
            "ZJ",
            "980.50",
            None,
            None,
            None,
            "否",
            None,
            "2026-10-01",
        ],
    ]
    result = import_catalog(
        loaded, _write(tmp_path / "r.xlsx", rename, [MODELS[0]]), actor=MAINTAINER
    )
    assert (result.counts["parts_updated"], result.counts["prices_added"]) == (1, 0)
    assert _numbers(loaded, "外后视镜") == ["8791006A10"]
    assert _numbers(loaded, "yhsj") == []
    assert _numbers(loaded, "ywhsjzc") == ["8791006A10"]


def test_a_model_keeps_its_new_price_and_a_later_catalog_moves_it(
    engine: Engine, tmp_path: Path
) -> None:
    from parts_catalog.rows import VehicleModelRow
    from parts_catalog.store import model_by_code, model_new_price

    def stored() -> dict[str, tuple[Decimal | None, int, int]]:
        with engine.connect() as connection:
            rows = connection.execute(
                select(
                    VehicleModelRow.model_code,
                    VehicleModelRow.new_price,
                    VehicleModelRow.catalog_version_id,
                    VehicleModelRow.row_version,
                )
            )
            return {code: (price, version, row) for code, price, version, row in rows}

    models = [[*MODELS[0], "new_price"], [*MODELS[1], "179800.00"], [*MODELS[2], None]]
    first = import_catalog(engine, _write(tmp_path / "a.xlsx", models=models), actor=MAINTAINER)
    assert first.status == "imported", first.problems
    assert stored() == {"TY-CAMRY-18": (Decimal("179800.00"), 1, 1), "VW-LAVIDA-19": (None, 1, 1)}
    models = [[*MODELS[0], "新车购置价"], [*MODELS[1], "175800"], [*MODELS[2], None]]
    second = import_catalog(engine, _write(tmp_path / "b.xlsx", models=models), actor=MAINTAINER)
    assert second.status == "imported", second.problems
    # The changed price moves its model to the new version; the unchanged model stays.
    assert stored() == {"TY-CAMRY-18": (Decimal("175800.00"), 2, 2), "VW-LAVIDA-19": (None, 1, 1)}
    with engine.connect() as connection:
        model = model_by_code(connection, "TY-CAMRY-18")
        # Each version's price stays readable: a version pinned to v1 reads v1's.
        history = [model_new_price(connection, "TY-CAMRY-18", v) for v in (1, 2, None)]
        assert model_new_price(connection, "VW-LAVIDA-19") is None
    assert model is not None and model.new_price == Decimal("175800.00")
    assert history == [Decimal("179800.00"), Decimal("175800.00"), Decimal("175800.00")]
