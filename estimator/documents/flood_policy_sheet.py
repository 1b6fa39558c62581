"""The rules workbook's optional ``policy`` sheet (保单, flood-assessment.md): one header row
and one row of values. Without the sheet there is no settlement; with it, every bad cell is
named by sheet, row and column, like every other import."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from estimator.domain.flood_settlement import Policy, VatBasis, check_policy
from kernel.money import MONEY_PLACES
from kernel.problems import Problem, register_messages
from kernel.workbook import (
    MAX_ROWS,
    ColumnSpec,
    ParsedWorkbook,
    RawRow,
    RejectedSheet,
    RowChecker,
    SheetSpec,
    Workbook,
    cell_decimal,
)
from kernel.workbook import choice as choice_of

#: Places of the deductible rate (0.1 = 10 %; 0.0125 = 1.25 %).
RATE_PLACES = 4

POLICY_SHEET = SheetSpec(
    "policy",
    ("保单",),
    (
        ColumnSpec("sum_insured", ("保险金额",), required=True),
        ColumnSpec("deductible_amount", ("免赔额",)),
        ColumnSpec("deductible_rate", ("免赔率",)),
        ColumnSpec("rescue_costs", ("施救费用",)),
        ColumnSpec("debris_costs", ("清理费", "清理费用")),
        ColumnSpec("vat_basis", ("计税口径", "增值税口径"), required=True),
        ColumnSpec("book_value", ("账面存货价值", "账面价值")),
    ),
    required=False,
)

_VAT_BASIS = choice_of(
    {
        "included": VatBasis.INCLUDED,
        "excluded": VatBasis.EXCLUDED,
        "含税": VatBasis.INCLUDED,
        "不含税": VatBasis.EXCLUDED,
    }
)

register_messages(
    {
        "flood_policy_one_row": (
            "保单工作表只能有一行数值 (第 {first} 行已是保单)",
            "the policy sheet holds one row of values (row {first} is the policy)",
        ),
        "flood_policy_empty": (
            "保单工作表没有数值行，不计算赔款",
            "the policy sheet has no row of values; no settlement is computed",
        ),
    }
)

#: The template's explanations of the policy columns (both languages, as the other sheets').
POLICY_EXPLANATIONS = {
    "sum_insured": "保险金额 (元)，> 0 / sum insured in CNY, > 0",
    "deductible_amount": "免赔额 (元)，空白为 0 / deductible amount, blank = 0",
    "deductible_rate": "免赔率 0–1，按损失计，与免赔额取高者 / deductible rate of the loss, the higher applies",
    "rescue_costs": "施救费用 (元)，按实际发生 / rescue costs as incurred",
    "debris_costs": "清理费 (元)，空白表示不保 / debris removal, blank = not covered",
    "vat_basis": "included 含税 / excluded 不含税 (声明存货成本口径，不做换算)",
    "book_value": "账面存货价值 (元)，可空；填写则作为保险价值 / book value of the stock, optional",
}


@dataclass
class ParsedPolicy(ParsedWorkbook):
    """The policy once validated: None when the workbook has no policy sheet (or it is bad)."""

    policy: Policy | None = None


def read_policy(path: Path, *, max_rows: int | None = None) -> ParsedPolicy:
    """Read the ``policy`` sheet of the rules workbook. Raises WorkbookRefused for bad files."""
    parsed = ParsedPolicy()
    with Workbook(path, max_rows=max_rows or MAX_ROWS) as book:
        reader, problems = book.sheet(POLICY_SHEET)
        parsed.problems.extend(problems)
        if reader is None or parsed.errors:
            return parsed
        rejected = RejectedSheet(reader.title, reader.header)
        parsed.rejected.append(rejected)
        first: int | None = None
        for row in reader:
            parsed.rows_read += 1
            check = RowChecker(reader.title, row)
            if first is not None:
                check.fail("flood_policy_one_row", None, None, first=first)
            else:
                first = row.number
                parsed.policy = _policy(check, row)
            parsed.keep(rejected, row, check.problems)
        if first is None:
            # The template's header alone: said, but the assessment runs without a settlement.
            parsed.problems.append(Problem("flood_policy_empty", reader.title, severity="note"))
        if parsed.errors:
            parsed.policy = None
    return parsed


def _policy(check: RowChecker, row: RawRow) -> Policy | None:
    def amount(key: str, required: bool = False) -> Decimal | None:
        value = check.get(key, cell_decimal, required=required, places=MONEY_PLACES, maximum=None)
        return value if value is None else Decimal(value)

    sum_insured = amount("sum_insured", required=True)
    deductible_amount = amount("deductible_amount")
    rate = check.get("deductible_rate", cell_decimal, places=RATE_PLACES, maximum=1)
    rescue = amount("rescue_costs")
    debris = amount("debris_costs")
    vat = check.get("vat_basis", _VAT_BASIS, required=True)
    book_value = amount("book_value")
    if check.problems or sum_insured is None:
        return None
    policy = Policy(
        sum_insured=sum_insured,
        deductible_amount=deductible_amount or Decimal(0),
        deductible_rate=rate or Decimal(0),
        rescue_costs=rescue or Decimal(0),
        debris_costs=debris,
        vat_basis=vat,
        book_value=book_value,
    )
    check.problems.extend(check_policy(policy, check.sheet, row.number))
    return None if check.problems else policy
