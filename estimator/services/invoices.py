"""The shop's final invoice: read from Excel and reconciled against the approved estimate."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine

from estimator.domain.guarantee import InvoiceLine, Reconciled, approved_items, reconcile
from estimator.domain.workflow import DomainError, EstimateStatus
from estimator.services import cases
from kernel.money import MONEY_PLACES, QUANTITY_PLACES, UNIT_PRICE_PLACES
from kernel.problems import Problem
from kernel.workbook import (
    ColumnSpec,
    RowChecker,
    SheetSpec,
    Workbook,
    WorkbookRefused,
    cell_decimal,
    cell_text,
)

INVOICE_SHEET = SheetSpec(
    "invoice",
    ("发票", "结算单"),
    (
        ColumnSpec("item", ("配件编码", "项目", "零件号"), required=True),
        ColumnSpec("description", ("名称", "项目名称")),
        ColumnSpec("qty", ("数量",)),
        ColumnSpec("unit_price", ("单价",)),
        ColumnSpec("amount", ("金额",)),
    ),
)


@dataclass(frozen=True)
class Reconciliation:
    """The reconciled lines, or the problems of the invoice workbook."""

    problems: list[Problem] = field(default_factory=list)
    lines: list[Reconciled] = field(default_factory=list)
    guarantee: bool = False


def read_invoice(path: Path) -> tuple[list[InvoiceLine], list[Problem]]:
    """Invoice lines (amount, or qty × unit price) with every bad row reported."""
    lines: list[InvoiceLine] = []
    problems: list[Problem] = []
    with Workbook(path) as book:
        reader, found = book.sheet(INVOICE_SHEET)
        problems += [p for p in found if p.severity == "error"]
        if reader is None:
            return [], problems
        for row in reader:
            check = RowChecker(reader.title, row)
            item = check.get("item", cell_text, required=True, limit=200)
            description = check.get("description", cell_text, limit=200) or item or ""
            qty = check.get("qty", cell_decimal, places=QUANTITY_PLACES) or Decimal(1)
            unit = check.get("unit_price", cell_decimal, places=UNIT_PRICE_PLACES)
            amount = check.get("amount", cell_decimal, places=MONEY_PLACES)
            if amount is None and unit is not None:
                amount = (qty * unit).quantize(Decimal("0.01"))
            if amount is None and not check.problems:
                check.fail("required", "amount", None)
            problems += check.problems
            if not check.problems and item and amount is not None:
                lines.append(InvoiceLine(item, description, amount, qty))
    return lines, problems


def reconcile_invoice(engine: Engine, estimate_id: str | uuid.UUID, path: Path) -> Reconciliation:
    """Reconcile the invoice against the approved version (the reviewer's amounts where set);
    at a partner shop the guarantee decides who bears each difference."""
    stored = cases.load_estimate(engine, estimate_id)
    if stored.status not in (EstimateStatus.APPROVED, EstimateStatus.SIGNED, EstimateStatus.CLOSED):
        raise DomainError("not_approved", "估损单尚未核定", "the estimate is not approved yet")
    try:
        invoice, problems = read_invoice(path)
    except WorkbookRefused as refusal:
        return Reconciliation([refusal.problem])
    if problems:
        return Reconciliation(problems)
    priced, _ = cases.price_stored(stored, engine)
    if priced is None or not priced.ok:
        raise DomainError("cannot_price", "无法定价", "the estimate cannot be priced")
    reviewed = {i: a.amount for i, a in cases.review_adjustments(engine, stored.id).items()}
    guarantee = stored.estimate.partner
    return Reconciliation(
        [], reconcile(approved_items(priced, reviewed), invoice, guarantee=guarantee), guarantee
    )
