"""The settlement part of the flood report, read back through pdftotext and openpyxl."""

from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal as D  # noqa: N817 - reads like the money constructor
from io import BytesIO
from pathlib import Path

import pytest

from estimator.documents.flood_report import (
    ReportHeader,
    content_hash,
    render_report,
    report_workbook,
)
from estimator.domain.flood import FloodAssessment, WaterDepth, assess
from estimator.domain.flood_settlement import Policy, Settlement, VatBasis, settle
from tests.estimator.domain.test_flood import RULES, site

# The hand site at 70 cm (net 7,176.00) against a book value of 80,000 (counted 77,200):
# insured for 64,000, ratio 0.8; 7,176 × 0.8 = 5,740.80; deductible max(600, 5 % = 287.04)
# = 600; 5,140.80; rescue 1,000 × 0.8 = 800; debris 300: 6,240.80.
POLICY = Policy(
    sum_insured=D("64000"),
    deductible_amount=D("600"),
    deductible_rate=D("0.05"),
    rescue_costs=D("1000"),
    debris_costs=D("300"),
    vat_basis=VatBasis.EXCLUDED,
    book_value=D("80000"),
)


def _settled() -> tuple[FloodAssessment, Settlement]:
    a = assess(site(), RULES, WaterDepth(D("70")))
    t = a.totals
    return a, settle(POLICY, t.net, D("77200.00"), gross_loss=t.loss, salvage=t.salvage)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_the_pdf_prints_every_step_of_the_settlement(tmp_path: Path) -> None:
    a, s = _settled()
    pdf, _ = render_report(a, ReportHeader(claim_no="PQAA2026000000021"), settlement=s)
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = {re.sub(r"\s+", " ", line.strip()) for line in text.splitlines()}
    assert any("七、赔款理算" in line for line in lines)
    for step, amount in (
        ("保险金额", "¥64,000.00"),
        ("清点存货价值", "¥77,200.00"),
        ("账面存货价值", "¥80,000.00"),
        ("账实差异", "¥2,800.00"),
        ("保险价值", "¥80,000.00"),
        ("净损失", "¥7,176.00"),
        ("按比例损失", "¥5,740.80"),
        ("免赔", "¥600.00"),
        ("损失赔款", "¥5,140.80"),
        ("施救费用", "¥800.00"),
        ("清理费", "¥300.00"),
        ("应付赔款", "¥6,240.80"),
    ):
        assert any(line.startswith(step) and line.endswith(amount) for line in lines), step
    assert "0.8000" in text and "不含税" in text
    assert "损失 ¥7,320.00 − 残值 ¥144.00" in text
    # The footer's hash covers the settlement: a policy changes it.
    assert f"内容校验 {content_hash(a, settlement=s)[:16]}" in text
    assert content_hash(a, settlement=s) != content_hash(a)


def test_without_a_policy_the_report_has_no_settlement(tmp_path: Path) -> None:
    a, _ = _settled()
    pdf, _ = render_report(a, ReportHeader())
    assert pdf.startswith(b"%PDF")
    import openpyxl

    plain = openpyxl.load_workbook(BytesIO(report_workbook(a, ReportHeader())))
    assert "赔款理算" not in plain.sheetnames


def test_the_workbook_has_the_settlement_sheet_with_exact_amounts() -> None:
    import openpyxl

    a, s = _settled()
    book = openpyxl.load_workbook(BytesIO(report_workbook(a, ReportHeader(), s)))
    rows = list(book["赔款理算"].iter_rows(values_only=True))
    assert rows[0] == ("项目", "计算", "金额")
    amounts = {name: amount for name, _, amount in rows[1:]}
    assert amounts["应付赔款"] == 6240.8
    assert amounts["免赔"] == 600
    assert amounts["赔付比例"] is None


def test_a_net_loss_from_the_lots_says_so_with_the_assumed_net_beside_it() -> None:
    from estimator.documents.flood_settlement_report import settlement_steps

    a, _ = _settled()
    # The lots under their disposal: loss 6,000, salvage 144, so net 5,856 (assumed 7,176).
    s = settle(
        POLICY,
        D("5856.00"),
        D("77200.00"),
        gross_loss=D("6000.00"),
        salvage=D("144.00"),
        assumed_net=a.totals.net,
    )
    steps = {name: (how, amount) for name, how, amount in settlement_steps(s)}
    how, amount = steps["净损失"]
    assert amount == D("5856.00")
    assert how.startswith("分批核定")
    assert "损失 ¥6,000.00 − 残值 ¥144.00" in how and "按规则推定净损失 ¥7,176.00" in how
    # 5,856 × 0.8 = 4,684.80, less 600, + 800 + 300 = 5,184.80.
    assert steps["应付赔款"][1] == D("5184.80")
    # Without the assumed net (the assessment's own net), the line says nothing of lots.
    _, plain = _settled()
    assert not {n: h for n, h, _ in settlement_steps(plain)}["净损失"].startswith("分批")
