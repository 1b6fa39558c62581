"""Storing an invoice's reconciliation, decided on a fake unit of work: both sides' totals,
the certificate it names, the lines in order and the audit entry's outcome counts. Reading
the workbook, pricing the approved version and the report by shop and month stay in
test_invoices.py and test_guarantee.py (real databases)."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from estimator.domain.errors import DomainError
from estimator.domain.guarantee import InvoiceLine, reconcile
from estimator.services.invoices import Reconciliation, store_reconciliation
from kernel.problems import Problem
from tests.services.fakes import FakeUnitOfWork

APPROVED = {
    "52119-06902": ("前保险杠", Decimal("1200.00")),
    "81110-06C00": ("左前大灯", Decimal("2300.50")),
    "钣金": ("钣金", Decimal("400.00")),
}


def _invoice(*, guarantee: bool) -> Reconciliation:
    invoice = [
        InvoiceLine("52119-06902", "前保险杠", Decimal("1200.00")),  # matched
        InvoiceLine("81110-06C00", "左前大灯", Decimal("2500.00")),  # over by 199.50
        InvoiceLine("X-1", "雾灯" * 150, Decimal("88.00")),  # not on the estimate
    ]  # 钣金 not invoiced
    return Reconciliation([], reconcile(APPROVED, invoice, guarantee=guarantee), guarantee)


def test_a_reconciliation_is_stored_with_both_totals_its_certificate_and_its_lines() -> None:
    uow = FakeUnitOfWork()
    estimate = uuid.uuid4()
    uow.certificates.numbers[estimate] = "BZ-2026-000007"
    saved = store_reconciliation(
        uow, estimate, "杭州汽修", _invoice(guarantee=True), "wang", "发票.xlsx" * 100
    )
    [(row, lines)] = uow.invoices.stored
    assert row.id == saved and row.estimate_id == estimate and row.shop_name == "杭州汽修"
    assert row.certificate_number == "BZ-2026-000007" and row.guarantee is True
    assert row.estimate_total == Decimal("3900.50")  # the unbilled 钣金 counts on its side
    assert row.invoice_total == Decimal("3788.00")
    assert len(row.source) == 500 and row.reconciled_by == "wang"
    assert [(r.position, r.outcome, r.borne_by) for r in lines] == [
        (0, "matched", ""),
        (1, "over", "shop"),  # under the guarantee an overrun is the shop's
        (2, "needs_supplement", ""),  # never on the estimate: awaits a supplement
        (3, "not_invoiced", "insurer"),
    ]
    assert len(lines[2].description) == 200 and {r.reconciliation_id for r in lines} == {saved}
    entry = uow.audit.entries[-1]
    assert (entry.action, entry.entity_id) == ("reconcile_invoice", str(estimate))
    assert entry.detail == {
        "reconciliation": str(saved),
        "certificate": "BZ-2026-000007",
        "estimate_total": "3900.50",
        "invoice_total": "3788.00",
        "outcomes": {"matched": 1, "over": 1, "needs_supplement": 1, "not_invoiced": 1},
    }
    assert uow.committed == 0


def test_without_a_certificate_the_number_is_blank_and_the_customer_bears_an_overrun() -> None:
    uow = FakeUnitOfWork()
    store_reconciliation(uow, uuid.uuid4(), "路边店", _invoice(guarantee=False), "wang")
    [(row, lines)] = uow.invoices.stored
    assert row.certificate_number == "" and row.guarantee is False
    assert [r.borne_by for r in lines][:3] == ["", "customer", ""]  # line 2: a supplement


def test_an_invoice_with_errors_is_refused_and_nothing_stored() -> None:
    uow = FakeUnitOfWork()
    invalid = Reconciliation([Problem("bad_amount", path="invoice[2].amount")])
    with pytest.raises(DomainError) as refused:
        store_reconciliation(uow, uuid.uuid4(), "杭州汽修", invalid, "wang")
    assert refused.value.code == "invalid_invoice"
    assert uow.invoices.stored == [] and uow.audit.entries == []
