"""The partner registry workbook: import with every bad row reported, atomic or skipping,
idempotent, audited; export and template round-trip."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from sqlalchemy import Engine

from estimator.services.audit import verify_audit
from estimator.services.guarantee import agreement_for
from estimator.services.partners import (
    export_partners,
    import_partners,
    partner_shops,
    write_partner_template,
)
from labor_standards.model import ShopClass
from parts_catalog.model import PriceType
from tests.actors import MAINTAINER, maintainer
from tests.conftest import write_workbook

SHOPS = [
    ["修理厂名称", "修理厂类别", "地区", "联系人", "默认价格类型", "协议起始日期", "协议终止日期"],
    ["丽水某汽修", "一类", "zj", "周师傅", "4S店价", "2026-01-01", dt.date(2027, 6, 30)],
    ["温州某汽修", "class2", "ZJ", "", "", "2026/3/1", "2026年12月31日"],
]
TYPES = [
    ["修理厂名称", "配件分类", "价格类型"],
    ["丽水某汽修", "外观件", "4S店价"],
    ["丽水某汽修", "灯具", "品牌件"],
]


def _book(path: Path, shops: list[list[object]], types: list[list[object]] = TYPES) -> Path:
    return write_workbook(path, {"合作修理厂": shops, "协议价格类型": types})


def test_import_reads_chinese_headers_and_aliases(engine: Engine, tmp_path: Path) -> None:
    result = import_partners(engine, _book(tmp_path / "p.xlsx", SHOPS), actor=maintainer("admin"))
    assert result.status == "imported" and result.counts == {"shops": 2}
    shops = {s.name: s for s in partner_shops(engine)}
    lishui = shops["丽水某汽修"]
    assert lishui.shop_class is ShopClass.CLASS1 and lishui.region == "ZJ"
    assert lishui.agreement.price_types == {"外观件": PriceType.OEM_4S, "灯具": PriceType.BRAND}
    assert lishui.agreement.valid_to == dt.date(2027, 6, 30)
    wenzhou = shops["温州某汽修"].agreement
    assert wenzhou.default_price_type is PriceType.OEM_MARKET  # blank: the documented default
    assert (wenzhou.valid_from, wenzhou.valid_to) == (dt.date(2026, 3, 1), dt.date(2026, 12, 31))
    assert agreement_for(engine, "丽水某汽修") == lishui.agreement
    again = import_partners(engine, tmp_path / "p.xlsx", actor=maintainer("admin"))
    assert again.status == "already_imported"
    assert verify_audit(engine).ok


def test_every_bad_row_is_reported_and_nothing_is_written(engine: Engine, tmp_path: Path) -> None:
    shops = [
        *SHOPS,
        ["", "一类", "ZJ", "", "", "2026-01-01", "2026-12-31"],
        ["金华某汽修", "五类", "ZJ", "", "", "2026-01-01", "2026-12-31"],
        ["衢州某汽修", "一类", "ZJ", "", "", "2026-12-01", "2026-01-01"],
        ["丽水某汽修", "一类", "ZJ", "", "", "2026-01-01", "2026-12-31"],
    ]
    types = [*TYPES, ["台州某汽修", "灯具", "品牌件"], ["温州某汽修", "玻璃", "金件"]]
    result = import_partners(engine, _book(tmp_path / "bad.xlsx", shops, types), actor=MAINTAINER)
    assert result.status == "rejected" and partner_shops(engine) == []
    found = {(p.sheet, p.row, p.column, p.code) for p in result.problems}
    assert found >= {
        ("合作修理厂", 4, "name", "required"),
        ("合作修理厂", 5, "shop_class", "unknown_choice"),
        ("合作修理厂", 6, "valid_to", "date_order"),
        ("合作修理厂", 7, "name", "duplicate_key"),
        ("协议价格类型", 4, "shop", "unknown_shop"),
        ("协议价格类型", 5, "price_type", "unknown_choice"),
        ("合作修理厂", 3, "name", "shop_types_rejected"),
    }
    bad_type = next(p for p in result.problems if p.row == 5 and p.sheet == "协议价格类型")
    assert bad_type.value == "金件"
    assert "not one of the allowed values" in bad_type.describe("en")


def test_skip_invalid_imports_the_good_shops_and_writes_the_rejected_rows(
    engine: Engine, tmp_path: Path
) -> None:
    shops = [*SHOPS, ["金华某汽修", "五类", "ZJ", "", "", "2026-01-01", "2026-12-31"]]
    types = [*TYPES, ["温州某汽修", "玻璃", "金件"]]
    path = _book(tmp_path / "some.xlsx", shops, types)
    result = import_partners(engine, path, skip_invalid=True, actor=maintainer("admin"))
    assert result.status == "imported" and result.counts == {"shops": 1}
    # 温州 is rejected with its bad price type: never imported with part of its agreement.
    assert [s.name for s in partner_shops(engine)] == ["丽水某汽修"]
    assert result.rejected_file == tmp_path / "some.xlsx.rejected.xlsx"
    book = openpyxl.load_workbook(result.rejected_file)
    rejected = {
        (title, row[0], row[-2])
        for title in book.sheetnames
        for row in book[title].iter_rows(min_row=2, values_only=True)
    }
    assert rejected == {
        ("合作修理厂", "温州某汽修", 3),
        ("合作修理厂", "金华某汽修", 4),
        ("协议价格类型", "温州某汽修", 4),
    }


def test_export_round_trips_and_the_template_is_importable(engine: Engine, tmp_path: Path) -> None:
    assert import_partners(engine, _book(tmp_path / "p.xlsx", SHOPS), actor=maintainer("admin")).ok
    exported = tmp_path / "export.xlsx"
    assert export_partners(engine, exported) == 2
    before = partner_shops(engine)
    assert import_partners(engine, exported, actor=maintainer("admin")).status == "imported"
    assert partner_shops(engine) == before
    template = tmp_path / "template.xlsx"
    write_partner_template(template)
    names = openpyxl.load_workbook(template).sheetnames
    assert names == ["partner_shops", "agreed_price_types", "说明 explanation"]
    empty = import_partners(
        engine, template, actor=MAINTAINER
    )  # every column recognised; no rows, no version
    assert empty.status == "rejected" and [p.code for p in empty.problems] == ["nothing_to_import"]


def test_hostile_files_are_refused_with_a_message(engine: Engine, tmp_path: Path) -> None:
    from estimator.services.invoices import invoice_from_workbook
    from tests import hostile_workbooks as hostile

    good = _book(tmp_path / "good.xlsx", SHOPS)
    for path, code in (
        (hostile.not_a_workbook(tmp_path / "x.xlsx"), "not_a_workbook"),
        (hostile.encrypted(tmp_path / "enc.xlsx"), "encrypted_workbook"),
        (hostile.entity_expansion(good, tmp_path / "lol.xlsx"), "unsafe_xml"),
    ):
        result = import_partners(engine, path, actor=MAINTAINER)
        assert result.status == "refused" and [p.code for p in result.problems] == [code]
        assert invoice_from_workbook(path) == ([], result.problems)
    assert partner_shops(engine) == []
