"""``estimator depreciation``: the depreciation table (折旧率表, settlement.md) imported from a
workbook (a data maintainer or an administrator; every bad row named and nothing stored;
audited with the file's SHA-256 and the rates before and after)."""

from __future__ import annotations

import argparse
from typing import Any

from estimator.cli.common import (
    OK,
    REJECTED,
    import_group,
    import_whole,
    say,
)
from kernel.problems import register_messages

register_messages(
    {
        "depreciation.depreciation": ("折旧率表", "the depreciation table"),
        "depreciation.import_command": (
            "从工作簿导入折旧率表，替换现行折旧率（数据维护员或管理员）",
            "import the depreciation table from a workbook, replacing the rates in force "
            "(data maintainers or administrators)",
        ),
        "depreciation.file": (
            "折旧率工作簿 (.xlsx，工作表 rates：use_class、vehicle_kind、monthly_rate)",
            "the depreciation workbook (.xlsx, sheet rates: use_class, vehicle_kind, monthly_rate)",
        ),
        "depreciation.imported": (
            "已导入折旧率表：{count} 种使用性质与车辆种类的月折旧率",
            "imported the depreciation table: the monthly rates of {count} classes",
        ),
        "depreciation.not_imported": (
            "折旧率表未导入：{count} 个问题，未作改动",
            "the depreciation table was not imported: {count} problems; nothing changed",
        ),
    }
)


def add_parser(sub: Any) -> None:
    """``depreciation import FILE --as USER``."""
    import_group(sub, "depreciation", cmd_depreciation_import)


def cmd_depreciation_import(args: argparse.Namespace) -> int:
    """Import the depreciation workbook as the signed-in maintainer or administrator."""
    from estimator.services.imports import IMPORTERS
    from estimator.services.settlement import import_depreciation

    result = import_whole(args, IMPORTERS, import_depreciation, "depreciation.not_imported")
    if result is None:
        return REJECTED
    print(say("depreciation.imported", count=len(result.rates)))
    return OK
