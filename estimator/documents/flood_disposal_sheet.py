"""The inventory workbook's optional ``disposal`` sheet (处置, flood-assessment.md "Disposal"):
per lot, the adjuster's choice, its reason and the damaged sale's discount rate or quote.

Every bad cell is named by sheet, row and column like every other import; a second row of a
lot is refused here, and whether a row names a lot (and a reason is needed) is checked against
the assessment (flood_disposal.check_choices), like the tests sheet's rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from estimator.domain.flood import LayerState
from estimator.domain.flood_disposal import DISPOSAL_SHEET, DisposalChoice, DisposalOption
from kernel.money import MONEY_PLACES
from kernel.workbook import (
    MAX_ROWS,
    ColumnSpec,
    ParsedWorkbook,
    RejectedSheet,
    RowChecker,
    SheetSpec,
    Workbook,
    cell_decimal,
    cell_text,
    choice,
)

#: Places of a discount rate (0.35 = 35 % of the lot's value lost).
RATE_PLACES = 4

DISPOSAL_SPEC = SheetSpec(
    DISPOSAL_SHEET,
    ("处置",),
    (
        ColumnSpec("category", ("品类",), required=True),
        ColumnSpec("sku", ("商品编码",), required=True),
        ColumnSpec("state", ("状态",), required=True),
        ColumnSpec("choice", ("处置方式", "选择")),
        ColumnSpec("reason", ("理由", "原因")),
        ColumnSpec("discount_rate", ("折扣率", "贬值率")),
        ColumnSpec("quote", ("买方报价", "报价")),
    ),
    required=False,
)

_STATE = choice(
    {
        "partial": LayerState.PARTIAL.value,
        "submerged": LayerState.SUBMERGED.value,
        "collapsed": LayerState.COLLAPSED.value,
        "部分浸水": LayerState.PARTIAL.value,
        "浸水": LayerState.PARTIAL.value,
        "完全浸没": LayerState.SUBMERGED.value,
        "浸没": LayerState.SUBMERGED.value,
        "倒塌": LayerState.COLLAPSED.value,
        "倒塌压损": LayerState.COLLAPSED.value,
    }
)
_CHOICE = choice(
    {
        "recondition": DisposalOption.RECONDITION,
        "修复": DisposalOption.RECONDITION,
        "整理": DisposalOption.RECONDITION,
        "修复/整理": DisposalOption.RECONDITION,
        "damaged_sale": DisposalOption.DAMAGED_SALE,
        "处理品销售": DisposalOption.DAMAGED_SALE,
        "处理品": DisposalOption.DAMAGED_SALE,
        "write_off": DisposalOption.WRITE_OFF,
        "报废": DisposalOption.WRITE_OFF,
    }
)

#: The template's explanations of the disposal columns (both languages, as the other sheets').
DISPOSAL_EXPLANATIONS = {
    "choice": "处置方式：recondition 修复/整理 / damaged_sale 处理品销售 / write_off 报废；"
    "空白按建议 / blank = the proposal",
    "reason": "理由：与建议不同时必填 / reason, required when the choice is not the proposal",
    "discount_rate": "处理品折扣率 0–1 (损失 = 批次价值 × 折扣率) / discount rate of the lot's value",
    "quote": "买方报价 (元)，优先于折扣率 / buyer's quote in CNY, wins over the rate",
}


@dataclass
class ParsedDisposal(ParsedWorkbook):
    """The disposal rows once validated (none: no such sheet)."""

    title: str = DISPOSAL_SHEET
    choices: list[DisposalChoice] = field(default_factory=list)


def read_disposal(path: Path, *, max_rows: int | None = None) -> ParsedDisposal:
    """Read the optional ``disposal`` sheet. Raises WorkbookRefused for bad files."""
    parsed = ParsedDisposal()
    seen: dict[tuple[str, str, str], int] = {}
    with Workbook(path, max_rows=max_rows or MAX_ROWS) as book:
        reader, problems = book.sheet(DISPOSAL_SPEC)
        parsed.problems.extend(problems)
        if reader is None or parsed.errors:
            return parsed
        parsed.title = reader.title
        rejected = RejectedSheet(reader.title, reader.header)
        parsed.rejected.append(rejected)
        for row in reader:
            parsed.rows_read += 1
            check = RowChecker(reader.title, row)
            found = _choice(check)
            if found is not None:
                if found.key in seen:
                    check.fail("duplicate_key", "sku", found.sku, other_row=seen[found.key])
                else:
                    seen[found.key] = row.number
                    parsed.choices.append(found)
            parsed.keep(rejected, row, check.problems)
    return parsed


def _choice(check: RowChecker) -> DisposalChoice | None:
    category = check.get("category", cell_text, required=True, limit=100)
    sku = check.get("sku", cell_text, required=True, limit=100)
    state = check.get("state", _STATE, required=True)
    option = check.get("choice", _CHOICE)
    reason = check.get("reason", cell_text, limit=200) or ""
    rate = check.get("discount_rate", cell_decimal, places=RATE_PLACES, maximum=1)
    quote = check.get("quote", cell_decimal, places=MONEY_PLACES, maximum=None)
    if check.problems:
        return None
    return DisposalChoice(
        category,
        sku,
        state,
        option,
        reason,
        None if rate is None else Decimal(rate),
        None if quote is None else Decimal(quote),
        source_row=check.row.number,
    )
