from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import Engine

from estimator.domain.errors import DomainError
from estimator.domain.guarantee import PartnerAgreement
from estimator.domain.workflow import Role
from estimator.services import estimate_store, workflow
from estimator.services.guarantee import (
    certificate_of,
    issue_certificate,
    qualify,
    save_partner_shop,
)
from estimator.services.users import User, create_user
from labor_standards.model import ShopClass
from parts_catalog.model import PriceType
from tests.services.documents import document

AGREEMENT = PartnerAgreement(
    "丽水某汽修",
    dt.date(2026, 1, 1),
    dt.date(2027, 6, 30),
    {"外观件": PriceType.OEM_4S, "灯具": PriceType.BRAND},
    PriceType.OEM_4S,
)


@pytest.fixture
def team(priced_db: Engine) -> dict[str, User]:
    return {
        name: create_user(priced_db, name, "password-" + name, roles, actor="setup")
        for name, roles in (("wang", {Role.ASSESSOR}), ("li", {Role.REVIEWER}))
    }


def _approved(engine: Engine, team: dict[str, User], **changes: object) -> str:
    created = estimate_store.import_estimate(
        engine, json.dumps(document(**changes), ensure_ascii=False), actor="wang"
    )
    assert created.estimate_id is not None
    workflow.submit(engine, created.estimate_id, team["wang"])
    workflow.approve(engine, created.estimate_id, team["li"], "checked with the shop")
    return str(created.estimate_id)


def test_a_qualifying_estimate_gets_a_numbered_certificate_bound_to_its_content(
    priced_db: Engine, team: dict[str, User], tmp_path: Path
) -> None:
    save_partner_shop(priced_db, AGREEMENT, ShopClass.CLASS1, "ZJ", "admin")
    estimate = _approved(priced_db, team)
    assert qualify(priced_db, estimate, dt.date(2026, 11, 24)) == []
    found = certificate_of(priced_db, estimate)  # issued on approval
    assert found is not None and found.matches and found.valid_to == dt.date(2027, 6, 30)
    assert found.number == f"WCJ{dt.date.today().year}000001"
    second = certificate_of(priced_db, _approved(priced_db, team))
    assert second is not None and second.number.endswith("000002")
    # Someone changes the approved amounts behind the application's back: the certificate no
    # longer matches, and the sheet no longer prints it.
    with priced_db.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE estimate_lines SET amount = amount + 100 WHERE position = 0"
        )
    changed = certificate_of(priced_db, estimate)
    assert changed is not None and not changed.matches


def test_reasons_for_not_qualifying(priced_db: Engine, team: dict[str, User]) -> None:
    estimate = _approved(priced_db, team)
    assert [r.message_en for r in qualify(priced_db, estimate)] == [
        "the shop is not a partner shop"
    ]
    save_partner_shop(
        priced_db,
        PartnerAgreement(
            "丽水某汽修",
            dt.date(2026, 1, 1),
            dt.date(2026, 6, 30),
            {"灯具": PriceType.OEM_4S},
            PriceType.OEM_4S,
        ),
        ShopClass.CLASS1,
        "ZJ",
        "admin",
    )
    reasons = [r.message_en for r in qualify(priced_db, estimate, dt.date(2026, 11, 24))]
    assert reasons[0] == "the agreement is valid from 2026-01-01 to 2026-06-30"
    assert "8113006B30 is priced as brand; the agreement says oem_4s" in reasons
    with pytest.raises(DomainError) as refused:
        issue_certificate(priced_db, estimate, team["li"])
    assert refused.value.code == "not_qualified"


def test_the_sheet_prints_the_certificate(
    priced_db: Engine, team: dict[str, User], tmp_path: Path
) -> None:
    import shutil
    import subprocess

    from estimator.services.documents import estimate_sheet

    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils missing")
    save_partner_shop(priced_db, AGREEMENT, ShopClass.CLASS1, "ZJ", "admin")
    estimate = _approved(priced_db, team)
    certificate = certificate_of(priced_db, estimate)
    assert certificate is not None
    path = tmp_path / "sheet.pdf"
    path.write_bytes(estimate_sheet(priced_db, estimate, language="zh"))
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = "".join(text.split())
    assert f"无差价理赔服务承诺书第{certificate.number}号" in flat and "¥6,454.00" in flat
    assert "自核损之日起30日内维修有效" in flat  # the repair window, not the agreement's end


def test_a_reconciliation_is_stored_audited_and_reported_by_shop_and_month(
    priced_db: Engine, team: dict[str, User], tmp_path: Path
) -> None:
    from decimal import Decimal

    import openpyxl

    from estimator.domain.guarantee import InvoiceLine, Outcome
    from estimator.services.audit import verify_audit
    from estimator.services.invoices import reconcile_lines, reconciliations, save_reconciliation
    from estimator.services.reports import write_guarantee_report

    save_partner_shop(priced_db, AGREEMENT, ShopClass.CLASS1, "ZJ", "admin")
    estimate = _approved(priced_db, team)
    items = {r.item: r for r in reconcile_lines(priced_db, estimate, []).lines}
    assert all(r.outcome is Outcome.NOT_INVOICED for r in items.values())
    bumper, lamp, clips = items["521190K280"], items["8113006B30"], items["卡扣"]
    invoice = [
        InvoiceLine("521190K280", "前保险杠皮", bumper.estimate_amount),
        InvoiceLine("81130-06B30", "雾灯", lamp.estimate_amount + Decimal("0.01")),
        InvoiceLine("卡扣", "卡扣", clips.estimate_amount - Decimal("5.00"), Decimal(8)),
        InvoiceLine("四轮定位", "四轮定位", Decimal("199.99")),
        InvoiceLine("玻璃水", "玻璃水", Decimal("35.00"), customer_own=True),
        InvoiceLine("轮毂升级", "轮毂升级", Decimal("1200.00")),
    ]
    result = reconcile_lines(priced_db, estimate, invoice)
    outcomes = {r.item: (r.outcome, r.difference, r.borne_by) for r in result.lines}
    assert outcomes["521190K280"] == (Outcome.MATCHED, Decimal("0.00"), "")
    assert outcomes["8113006B30"] == (Outcome.OVER, Decimal("0.01"), "shop")
    assert outcomes["卡扣"] == (Outcome.UNDER, Decimal("-5.00"), "insurer")
    assert outcomes["四轮定位"] == (Outcome.UNDER, Decimal("-0.01"), "insurer")
    # Not on the estimate (issue 26.2): the customer's own purchase, or awaiting a supplement.
    assert outcomes["玻璃水"] == (Outcome.CUSTOMER_OWN, Decimal("35.00"), "customer")
    assert outcomes["轮毂升级"] == (Outcome.NEEDS_SUPPLEMENT, Decimal("1200.00"), "")
    assert outcomes["拖车"][0] is Outcome.NOT_INVOICED

    stored_id = save_reconciliation(priced_db, estimate, result, "wang", "invoice.xlsx")
    (stored,) = reconciliations(priced_db, estimate)
    assert stored.id == stored_id and stored.lines == result.lines
    assert stored.certificate_number == f"WCJ{dt.date.today().year}000001"
    assert stored.borne_by("shop") == Decimal("0.01")
    assert verify_audit(priced_db).ok

    path = tmp_path / "guarantee.xlsx"
    today = dt.date.today()
    report = write_guarantee_report(priced_db, today, today, path)
    assert [c.number for c in report.certificates] == [stored.certificate_number]
    shop = report.by_shop["丽水某汽修"]
    assert (shop.certificates, shop.reconciled) == (1, 1)
    assert (shop.over, shop.under) == (Decimal("0.01"), Decimal("-5.01"))
    assert shop.not_invoiced == -sum(
        r.estimate_amount for r in result.lines if r.outcome is Outcome.NOT_INVOICED
    )
    assert (shop.customer_own, shop.needs_supplement) == (Decimal("35.00"), Decimal("1200.00"))
    assert shop.not_on_estimate == 0 and shop.shop == Decimal("0.01")
    assert shop.customer == Decimal("35.00")
    assert shop.invoice == sum(line.amount for line in invoice)
    (month,) = report.by_period
    assert month == (f"{today:%Y-%m}", "丽水某汽修")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["承诺书 certificates", "按修理厂 by shop", "按月 by period"]
    assert book["承诺书 certificates"]["A2"].value == stored.certificate_number


def test_a_failing_certificate_leaves_the_estimate_unapproved_and_nothing_written(
    priced_db: Engine, team: dict[str, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    from estimator.services import guarantee
    from estimator.services.audit import verify_audit

    save_partner_shop(priced_db, AGREEMENT, ShopClass.CLASS1, "ZJ", "admin")
    created = estimate_store.import_estimate(
        priced_db, json.dumps(document(), ensure_ascii=False), actor="wang"
    )
    assert created.estimate_id is not None
    workflow.submit(priced_db, created.estimate_id, team["wang"])
    head = verify_audit(priced_db).head

    def crash(*_args: object) -> str:
        raise RuntimeError("power lost between the approval and the certificate")

    monkeypatch.setattr(guarantee, "store_certificate", crash)
    with pytest.raises(RuntimeError):
        workflow.approve(priced_db, created.estimate_id, team["li"], "checked with the shop")
    stored = estimate_store.load_estimate(priced_db, created.estimate_id)
    assert stored.status.value == "submitted"
    assert certificate_of(priced_db, created.estimate_id) is None
    assert verify_audit(priced_db).head == head  # the audit chain is unchanged
    monkeypatch.undo()
    workflow.approve(priced_db, created.estimate_id, team["li"], "checked with the shop")
    found = certificate_of(priced_db, created.estimate_id)
    assert found is not None and found.matches


def test_two_approvals_at_once_get_two_numbers_none_skipped(
    priced_db: Engine, team: dict[str, User]
) -> None:
    import threading

    save_partner_shop(priced_db, AGREEMENT, ShopClass.CLASS1, "ZJ", "admin")
    ids = []
    for _ in range(2):
        created = estimate_store.import_estimate(
            priced_db, json.dumps(document(), ensure_ascii=False), actor="wang"
        )
        assert created.estimate_id is not None
        workflow.submit(priced_db, created.estimate_id, team["wang"])
        ids.append(created.estimate_id)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def run(estimate_id: object) -> None:
        try:
            barrier.wait()
            workflow.approve(priced_db, str(estimate_id), team["li"], "checked with the shop")
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = set()
    for i in ids:
        found = certificate_of(priced_db, i)
        assert found is not None
        numbers.add(found.number)
    year = dt.date.today().year
    assert numbers == {f"WCJ{year}000001", f"WCJ{year}000002"}
