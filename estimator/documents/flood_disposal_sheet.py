"""The inventory workbook's optional ``disposal`` sheet (处置, flood-assessment.md "Disposal"):
per lot, the adjuster's choice, its reason and the damaged sale's discount rate or quote.

Every bad cell is named by sheet, row and column like every other import; a second row of a
lot is refused here, and whether a row names a lot (and a reason is needed) is checked against
the assessment (flood_disposal.check_choices), like the tests sheet's rows.

The rules sheet may also carry a category's default discount rate (``damaged_discount``,
处理品折扣率) on its ``*`` row. The rules reader does not know the column; it is read here on
its own, and only its cells are reported (the rules reader reports the rest of the sheet).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from estimator.domain.flood import LayerState
from estimator.domain.flood_disposal import DISPOSAL_SHEET, DisposalChoice, DisposalOption
from kernel.money import MONEY_PLACES
from kernel.problems import register_messages
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

#: The rules sheet's column of a category's default discount rate, and its headers.
DISCOUNT_COLUMN = "damaged_discount"
DISCOUNT_HEADERS = (DISCOUNT_COLUMN, "处理品折扣率")
_RULES_DISCOUNT = SheetSpec(
    "rules",
    ("损失规则",),
    (
        ColumnSpec("category", ("品类",)),
        ColumnSpec("state", ("状态",)),
        ColumnSpec(DISCOUNT_COLUMN, DISCOUNT_HEADERS[1:]),
    ),
    required=False,
)
_ALL_STATES = frozenset({"*", "全部"})

register_messages(
    {
        "flood_discount_star_only": (
            "处理品折扣率只能写在状态为 * 的行",
            "damaged_discount belongs on the row with state *",
        ),
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


@dataclass
class ParsedDiscounts(ParsedWorkbook):
    """The categories' default discount rates of a damaged sale (none: no such column)."""

    discounts: dict[str, Decimal] = field(default_factory=dict)


def read_discount_defaults(path: Path, *, max_rows: int | None = None) -> ParsedDiscounts:
    """Read ``damaged_discount`` from the rules sheet's ``*`` rows. Raises WorkbookRefused
    for bad files; only the column's own cells are reported."""
    parsed = ParsedDiscounts()
    with Workbook(path, max_rows=max_rows or MAX_ROWS) as book:
        reader, _problems = book.sheet(_RULES_DISCOUNT)
        if reader is None or DISCOUNT_COLUMN not in reader.key_of_index.values():
            return parsed
        rejected = RejectedSheet(reader.title, reader.header)
        for row in reader:
            check = RowChecker(reader.title, row)
            rate = check.get(DISCOUNT_COLUMN, cell_decimal, places=RATE_PLACES, maximum=1)
            category = check.get("category", cell_text, limit=100)
            state = check.get("state", cell_text, limit=20)
            check.problems = [p for p in check.problems if p.column == DISCOUNT_COLUMN]
            if rate is not None and category and not check.problems:
                if state not in _ALL_STATES:
                    check.fail("flood_discount_star_only", DISCOUNT_COLUMN, rate)
                else:
                    parsed.discounts[category] = Decimal(rate)
            parsed.keep(rejected, row, check.problems)
    return parsed
