"""The shop's final invoice: read from Excel and reconciled against the approved estimate."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine

from estimator.domain.errors import DomainError
from estimator.domain.guarantee import (
    InvoiceLine,
    Outcome,
    Reconciled,
    approved_items,
    reconcile,
)
from estimator.domain.workflow import EstimateStatus
from estimator.persistence.rows import InvoiceReconciliationLineRow, InvoiceReconciliationRow
from estimator.persistence.uow import UnitOfWork
from estimator.services import estimate_store
from estimator.services.ports import UnitOfWorkLike
from kernel.clock import utcnow
from kernel.money import MONEY_PLACES, QUANTITY_PLACES, UNIT_PRICE_PLACES, round_fen
from kernel.problems import Problem
from kernel.workbook import (
    ColumnSpec,
    RowChecker,
    SheetSpec,
    Workbook,
    WorkbookRefused,
    cell_decimal,
    cell_text,
    cell_yes_no,
    write_template,
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
        ColumnSpec("customer_own", ("客户自费", "客户自购")),
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
            qty = check.get("qty", cell_decimal, places=QUANTITY_PLACES)
            qty = Decimal(1) if qty is None else qty
            unit = check.get("unit_price", cell_decimal, places=UNIT_PRICE_PLACES)
            amount = check.get("amount", cell_decimal, places=MONEY_PLACES)
            own = bool(check.get("customer_own", cell_yes_no))
            if amount is None and unit is not None:
                amount = round_fen(qty * unit)
            if amount is None and not check.problems:
                check.fail("required", "amount", None)
            problems += check.problems
            if not check.problems and item and amount is not None:
                lines.append(InvoiceLine(item, description, amount, qty, unit, own))
    return lines, problems


def invoice_from_workbook(path: Path) -> tuple[list[InvoiceLine], list[Problem]]:
    """The shop's invoice workbook as lines, or the problems (a refused file is one)."""
    try:
        return read_invoice(path)
    except WorkbookRefused as refusal:
        return [], [refusal.problem]


def reconcile_invoice(engine: Engine, estimate_id: str | uuid.UUID, path: Path) -> Reconciliation:
    """Reconcile the invoice workbook against the approved version (see ``reconcile_lines``)."""
    _approved(engine, estimate_id)
    invoice, problems = invoice_from_workbook(path)
    if problems:
        return Reconciliation(problems)
    return reconcile_lines(engine, estimate_id, invoice)


def _approved(engine: Engine, estimate_id: str | uuid.UUID) -> estimate_store.StoredEstimate:
    stored = estimate_store.load_estimate(engine, estimate_id)
    if stored.status not in (EstimateStatus.APPROVED, EstimateStatus.SIGNED, EstimateStatus.CLOSED):
        raise DomainError("not_approved")
    return stored


def reconcile_lines(
    engine: Engine, estimate_id: str | uuid.UUID, invoice: Sequence[InvoiceLine]
) -> Reconciliation:
    """Reconcile invoice lines against the approved version (the reviewer's amounts where
    set); at a partner shop the guarantee decides who bears each difference."""
    stored = _approved(engine, estimate_id)
    priced, _ = estimate_store.price_stored(stored, engine)
    if priced is None or not priced.ok:
        raise DomainError("cannot_price")
    reviewed = {
        i: a.amount for i, a in estimate_store.review_adjustments(engine, stored.id).items()
    }
    guarantee = stored.estimate.partner
    return Reconciliation(
        [], reconcile(approved_items(priced, reviewed), invoice, guarantee=guarantee), guarantee
    )


@dataclass(frozen=True)
class StoredReconciliation:
    """A reconciliation as stored: when, by whom, against which certificate, and its lines."""

    id: uuid.UUID
    estimate_id: uuid.UUID
    certificate_number: str
    shop_name: str
    guarantee: bool
    source: str
    reconciled_by: str
    reconciled_at: dt.datetime
    lines: list[Reconciled]

    def borne_by(self, party: str) -> Decimal:
        """The differences (invoice − estimate) borne by ``party``."""
        return sum((r.difference for r in self.lines if r.borne_by == party), Decimal("0.00"))


def save_reconciliation(
    engine: Engine,
    estimate_id: str | uuid.UUID,
    reconciliation: Reconciliation,
    actor: str,
    source: str = "",
) -> uuid.UUID:
    """Store a reconciliation (the newest one of an estimate counts), audited."""
    _refuse_invalid(reconciliation)
    stored = _approved(engine, estimate_id)
    with UnitOfWork(engine, write=True) as uow:
        saved = store_reconciliation(
            uow, stored.id, stored.estimate.shop_name, reconciliation, actor, source
        )
        uow.commit()
        return saved


def _refuse_invalid(reconciliation: Reconciliation) -> None:
    if reconciliation.problems:
        raise DomainError("invalid_invoice")


def store_reconciliation(
    uow: UnitOfWorkLike,
    estimate_id: uuid.UUID,
    shop_name: str,
    reconciliation: Reconciliation,
    actor: str,
    source: str = "",
) -> uuid.UUID:
    """``save_reconciliation`` in ``uow`` for an approved version (not committed): the
    totals of both sides, the guarantee certificate's number ("" without one), the lines
    in order, and an audit entry counting the outcomes. Refused for an invoice with errors."""
    _refuse_invalid(reconciliation)
    lines = reconciliation.lines
    # The certificate's number only (certificate_of would price the estimate again).
    number = uow.certificates.number_of(estimate_id)
    row = InvoiceReconciliationRow(
        estimate_id=estimate_id,
        certificate_number=number or "",
        shop_name=shop_name,
        guarantee=reconciliation.guarantee,
        source=source[:500],
        estimate_total=sum((r.estimate_amount for r in lines), Decimal("0.00")),
        invoice_total=sum((r.invoice_amount for r in lines), Decimal("0.00")),
        reconciled_by=actor,
        reconciled_at=utcnow(),
    )
    uow.invoices.add(
        row,
        [
            InvoiceReconciliationLineRow(
                outcome=r.outcome.value,
                item=r.item[:200],
                description=r.description[:200],
                estimate_amount=r.estimate_amount,
                invoice_amount=r.invoice_amount,
                borne_by=r.borne_by,
            )
            for r in lines
        ],
    )
    uow.audit.record(
        actor=actor,
        entity="estimate",
        entity_id=estimate_id,
        action="reconcile_invoice",
        detail={
            "reconciliation": str(row.id),
            "certificate": row.certificate_number,
            "estimate_total": str(row.estimate_total),
            "invoice_total": str(row.invoice_total),
            "outcomes": dict(Counter(r.outcome.value for r in lines)),
        },
    )
    return row.id


def reconciliations(
    engine: Engine, estimate_id: str | uuid.UUID | None = None
) -> list[StoredReconciliation]:
    """Stored reconciliations, newest first (of one estimate, or all)."""
    with UnitOfWork(engine) as uow:
        version = None
        if estimate_id is not None:
            version = estimate_store.stored_in(uow, estimate_id).id
        return reconciliations_in(uow, version)


def reconciliations_in(
    uow: UnitOfWork, estimate_id: uuid.UUID | None = None
) -> list[StoredReconciliation]:
    """``reconciliations`` read in ``uow`` (of the version ``estimate_id``, or all)."""
    found = []
    for row, lines in uow.invoices.newest_first(estimate_id):
        found.append(
            StoredReconciliation(
                row.id,
                row.estimate_id,
                row.certificate_number,
                row.shop_name,
                row.guarantee,
                row.source,
                row.reconciled_by,
                row.reconciled_at,
                [
                    Reconciled(
                        Outcome(line.outcome),
                        line.item,
                        line.description,
                        line.estimate_amount,
                        line.invoice_amount,
                        line.borne_by,
                    )
                    for line in lines
                ],
            )
        )
    return found


def write_invoice_template(path: Path) -> None:
    """Write the empty invoice workbook template the shops fill in."""
    write_template(path, (INVOICE_SHEET,), _EXPLANATIONS)


_EXPLANATIONS = {
    "item": "配件编码 (OE号)，或工时、喷漆等项目的名称，与估损单一致 / part number, or the "
    "item's description as on the estimate",
    "description": "名称 / description",
    "qty": "数量，空白 = 1 / quantity, blank = 1",
    "unit_price": "单价；未填金额时 金额 = 数量 × 单价 / unit price; amount = qty × unit price "
    "when the amount is blank",
    "amount": "金额 (元，两位小数)；金额与单价至少填一项 / amount in yuan; the amount or the unit "
    "price is required",
    "customer_own": "是 = 估损单外项目，已与客户确认为客户自费 (如玻璃水、客户要求的升级)；空白 = "
    "否，须追加定损 / yes = an item not on the estimate, confirmed with the customer as "
    "their own purchase; blank = no, it needs a supplement",
}
