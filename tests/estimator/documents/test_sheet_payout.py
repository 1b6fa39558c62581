"""The sheet's 预估赔款 and 推定全损 sections (issue #20, settlement.md), rendered through the
services and read back with ``pdftotext -layout``; and the approval notice's one-time
disclosure of the expected payment."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from estimator.domain.workflow import Role
from estimator.services import estimate_store, workflow
from estimator.services.documents import estimate_sheet
from estimator.services.review import review_estimate
from estimator.services.submission import key_of, open_warnings
from tests.services.conftest import import_test_data, make_team
from tests.services.documents import document

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler missing")

#: Policy and liability of a two-vehicle case: main liability (70 %), the other vehicle minor
#: (so with liability: its compulsory cover pays up to 2,000.00), a 500.00 deductible.
SETTLEMENT: dict[str, Any] = {
    "loss_on": "2026-11-20",
    "policy": {"third_party_limit": "1000000.00", "deductible": "500.00"},
    "liability": "main",
    "other_party": {"compulsory": True, "liability": "minor"},
}
#: 180,000.00 new, registered 2021-06-15, lost 2026-11-20: 65 whole months at 0.60 % a month
#: depreciate 39 %: actual value 180,000.00 × 0.61 = 109,800.00.
VEHICLE = {
    "new_price": "180000.00",
    "registered_on": "2021-06-15",
    "use_class": "private_passenger_9",
}


@pytest.fixture
def priced_db(engine: Engine, tmp_path: Path) -> Engine:
    return import_test_data(engine, tmp_path)


def case_at(engine: Engine, repair: str, rescue: str, **changes: Any) -> str:
    """A case whose repair cost is one sublet line and rescue one towing line."""
    lines = [
        {"kind": "sublet", "description": "钣金喷漆外包", "amount": repair},
        {"kind": "towing", "description": "拖车", "amount": rescue},
    ]
    vehicle = changes.pop("vehicle", {})
    doc = document(**{**SETTLEMENT, "lines": lines, "salvage": "0.00", **changes})
    doc["vehicle"] = {**doc["vehicle"], **VEHICLE, **vehicle}
    created = estimate_store.import_estimate(
        engine, json.dumps(doc, ensure_ascii=False), actor="wang"
    )
    assert created.problems == [] and created.estimate_id is not None
    return str(created.estimate_id)


def sheet_text(engine: Engine, estimate: str, tmp_path: Path) -> str:
    """The Chinese sheet as ``pdftotext -layout`` reads it, whitespace removed; the pages are
    also rendered to PNG for a look (tmp_path/page-N.png)."""
    path = tmp_path / "sheet.pdf"
    path.write_bytes(estimate_sheet(engine, estimate, language="zh"))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return re.sub(r"\s+", "", text)


def in_order(flat: str, *parts: str) -> None:
    """Each part is in ``flat``, after the one before it."""
    at = -1
    for part in parts:
        found = flat.find(part, at + 1)
        assert found > at, f"{part!r} not found after position {at}"
        at = found


@needs_poppler
def test_a_two_vehicle_case_prints_every_payout_step_before_the_signatures(
    priced_db: Engine, tmp_path: Path
) -> None:
    """Repair 8,000.00 + rescue 500.00 = loss 8,500.00, 7.74 % of 109,800.00 (a repair); the
    other vehicle's compulsory cover pays 2,000.00; (8,500 − 2,000) × 70 % = 4,550.00 under the
    actual value's cap; less the 500.00 deductible: 4,050.00, 肆仟零伍拾元整, provisional."""
    flat = sheet_text(priced_db, case_at(priced_db, "8000.00", "500.00"), tmp_path)
    in_order(
        flat,
        "合计（小写）¥8,500.00",
        "、预估赔款",
        "实际价值：新车购置价¥180,000.00×（1−月折旧率0.60%×已使用65个月）=¥109,800.00",
        "维修及施救费用¥8,500.00为实际价值的7.74%：维修",
        "损失标的损失金额交强险赔付责任比例商业险赔付绝对免赔额预估赔款",
        "标的车8,500.002,000.0070%4,550.00500.004,050.00",
        "预估赔款¥4,050.00大写金额人民币肆仟零伍拾元整",
        "预估（未核定）：按第1版估损金额计算",
        "以核赔为准",
        "核损人：",
        "客户签字",
    )
    assert "推定全损" not in flat  # a repair: no total-loss section


@needs_poppler
def test_a_total_loss_prints_its_settlement_on_actual_value_less_salvage(
    priced_db: Engine, tmp_path: Path
) -> None:
    """Repair 100,000 + rescue 10,000 = 110,000.00, 100.18 % of 109,800.00: a total loss.
    Entered salvage 3,000.00: settled at 106,800.00; (106,800 − 2,000) × 70 % = 73,360.00,
    less 500.00: 72,860.00. Without an entered salvage, 10 % of the value (10,980.00):
    98,820.00; (98,820 − 2,000) × 70 % = 67,774.00, less 500.00: 67,274.00."""
    entered = case_at(priced_db, "100000.00", "10000.00", total_loss_salvage="3000.00")
    flat = sheet_text(priced_db, entered, tmp_path)
    in_order(
        flat,
        "、预估赔款",
        "维修及施救费用¥110,000.00为实际价值的100.18%：推定全损",
        "标的车106,800.002,000.0070%73,360.00500.0072,860.00",
        "预估赔款¥72,860.00大写金额人民币柒万贰仟捌佰陆拾元整",
        "、推定全损",
        "实际价值¥109,800.00整车残值¥3,000.00（录入）",
        "维修及施救费用¥110,000.00",
        "全损赔付金额¥106,800.00计算方式¥109,800.00−¥3,000.00",
        "按实际价值减整车残值赔付，不按维修估损金额赔付",
        "客户签字",
    )
    shutil.copy(tmp_path / "sheet.pdf", tmp_path / "entered.pdf")
    share = sheet_text(priced_db, case_at(priced_db, "100000.00", "10000.00"), tmp_path)
    in_order(
        share,
        "预估赔款¥67,274.00",
        "整车残值¥10,980.00（按实际价值的10%计）",
        "全损赔付金额¥98,820.00计算方式¥109,800.00−¥10,980.00",
    )


@needs_poppler
def test_an_old_vehicle_is_valued_at_the_floor(priced_db: Engine, tmp_path: Path) -> None:
    """Registered 2010-01-15, lost 2026-11-20: 202 months × 0.60 % = 121.2 %, past the 80 %
    most depreciation: 20 % of 180,000.00 = 36,000.00."""
    estimate = case_at(priced_db, "8000.00", "500.00", vehicle={"registered_on": "2010-01-15"})
    flat = sheet_text(priced_db, estimate, tmp_path)
    assert "月折旧率0.60%×已使用202个月已达折旧上限，按新车购置价的20%计¥36,000.00" in flat


@needs_poppler
def test_a_case_without_settlement_data_prints_neither_section(
    priced_db: Engine, tmp_path: Path
) -> None:
    created = estimate_store.import_estimate(
        priced_db, json.dumps(document(), ensure_ascii=False), actor="wang"
    )
    assert created.estimate_id is not None
    flat = sheet_text(priced_db, str(created.estimate_id), tmp_path)
    assert "合计（小写）" in flat and "客户签字" in flat
    for word in ("预估赔款", "推定全损", "实际价值", "交强险", "以核赔为准", "未核定"):
        assert word not in flat


def approve(engine: Engine, estimate: str) -> None:
    team = make_team(engine, wang={Role.ASSESSOR}, li={Role.REVIEWER})
    reasons = {
        key_of(f): "客户确认外包价格" for f in open_warnings(review_estimate(engine, estimate))
    }
    workflow.submit(engine, estimate, team["wang"], reasons=reasons)
    workflow.approve(engine, estimate, team["li"], "核损确认")


@needs_poppler
def test_the_approval_notice_discloses_the_expected_payment_once(
    priced_db: Engine, tmp_path: Path
) -> None:
    """Approved at 8,500.00 as priced: the payment 4,050.00 (as on the sheet), once in each
    text, in figures and capitals, to be settled by the claim; the sheet no longer says
    provisional."""
    estimate = case_at(priced_db, "8000.00", "500.00")
    approve(priced_db, estimate)
    notice = workflow.approval_notice(priced_db, estimate)
    for text in (notice.to_customer, notice.to_shop):
        assert text.count("4,050.00") == 1 and text.count("预估赔款") == 1
        assert "预估赔款 ¥4,050.00（肆仟零伍拾元整），以核赔为准。" in text
        assert "核定金额 ¥8,500.00" in text
    flat = sheet_text(priced_db, estimate, tmp_path)
    assert "预估赔款¥4,050.00" in flat and "未核定" not in flat


def test_a_notice_without_settlement_data_names_no_payment(priced_db: Engine) -> None:
    created = estimate_store.import_estimate(
        priced_db, json.dumps(document(), ensure_ascii=False), actor="wang"
    )
    estimate = str(created.estimate_id)
    approve(priced_db, estimate)
    notice = workflow.approval_notice(priced_db, estimate)
    assert "预估赔款" not in notice.to_customer and "预估赔款" not in notice.to_shop
    assert "以核赔为准" not in notice.to_customer + notice.to_shop


@needs_poppler
def test_data_that_cannot_be_worked_out_is_said_and_the_sheet_still_prints(
    priced_db: Engine, tmp_path: Path
) -> None:
    """A whole-vehicle salvage above the actual value (200,000.00 > 109,800.00) is refused by
    the settlement rules: the sheet says why in place of the payment, with everything else."""
    estimate = case_at(priced_db, "8000.00", "500.00", total_loss_salvage="200000.00")
    flat = sheet_text(priced_db, estimate, tmp_path)
    in_order(flat, "合计（小写）¥8,500.00", "、预估赔款", "预估赔款未能计算：整车残值", "客户签字")
    assert "超过实际价值" in flat and "大写金额" not in flat


@needs_poppler
def test_the_sheet_names_where_the_new_price_came_from(priced_db: Engine, tmp_path: Path) -> None:
    """Entered on the case: 案件录入; not entered, the Camry's catalog price 180,000.00 gives
    the same 109,800.00, named 目录车型."""
    from tests.services.test_settlement_catalog_price import price_models, without_price

    entered = case_at(priced_db, "8000.00", "500.00")
    assert "=¥109,800.00（新车购置价来源：案件录入）" in sheet_text(priced_db, entered, tmp_path)
    price_models(priced_db, tmp_path / "prices.xlsx", "180000.00")
    doc = without_price("8000.00", "500.00")
    created = estimate_store.import_estimate(
        priced_db, json.dumps(doc, ensure_ascii=False), actor="wang"
    )
    assert created.problems == [] and created.estimate_id is not None
    flat = sheet_text(priced_db, str(created.estimate_id), tmp_path)
    assert "=¥109,800.00（新车购置价来源：目录车型）" in flat
