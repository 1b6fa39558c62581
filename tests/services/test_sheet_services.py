"""The sheet and the notice through the services: the reviewer's line from the approval, the
guarantee's repair window (ESTIMATOR_REPAIR_WINDOW_DAYS) and its certificate in the approval
notice, the sheet in the asked language."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from estimator.domain.errors import DomainError
from estimator.domain.notify import approval_notice
from estimator.domain.workflow import Role
from estimator.services import estimate_store, workflow
from estimator.services.documents import estimate_sheet
from estimator.services.guarantee import certificate_of, save_partner_shop
from estimator.services.users import User, create_user
from kernel.clock import to_local, utcnow
from labor_standards.model import ShopClass
from tests.services.documents import document
from tests.services.test_guarantee import AGREEMENT

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler missing")


@pytest.fixture
def team(priced_db: Engine) -> dict[str, User]:
    return {
        name: create_user(
            priced_db, name, "password-" + name, roles, display_name=shown, actor="setup"
        )
        for name, shown, roles in (
            ("wang", "王定损", {Role.ASSESSOR}),
            ("li", "李核损", {Role.REVIEWER}),
        )
    }


def _estimate(engine: Engine) -> str:
    created = estimate_store.import_estimate(
        engine, json.dumps(document(), ensure_ascii=False), actor="wang"
    )
    assert created.estimate_id is not None
    return str(created.estimate_id)


def _text(engine: Engine, estimate: str, tmp_path: Path, **options: object) -> str:
    path = tmp_path / "sheet.pdf"
    path.write_bytes(estimate_sheet(engine, estimate, **options))  # type: ignore[arg-type]
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return re.sub(r"\s+", "", text)


@needs_poppler
def test_the_reviewers_line_is_blank_until_approval_then_names_the_reviewer(
    priced_db: Engine, team: dict[str, User], tmp_path: Path
) -> None:
    estimate = _estimate(priced_db)
    before = _text(priced_db, estimate, tmp_path, language="zh")
    assert re.search(r"核损人：＿+核损意见：＿+日期：＿+", before)
    workflow.submit(priced_db, estimate, team["wang"])
    workflow.approve(priced_db, estimate, team["li"], "与修理厂核对无误")
    after = _text(priced_db, estimate, tmp_path, language="zh")
    today = to_local(utcnow()).date().isoformat()  # the sheet's day is Beijing's, not the machine's
    assert f"核损人：李核损核损意见：与修理厂核对无误日期：{today}" in after
    assert "定损员：王定损" in after


@needs_poppler
def test_the_guarantee_gives_the_configured_repair_window_and_the_notice_its_certificate(
    priced_db: Engine, team: dict[str, User], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_partner_shop(priced_db, AGREEMENT, ShopClass.CLASS1, "ZJ", "admin")
    estimate = _estimate(priced_db)
    workflow.submit(priced_db, estimate, team["wang"])
    workflow.approve(priced_db, estimate, team["li"], "checked with the shop")
    certificate = certificate_of(priced_db, estimate)
    assert certificate is not None
    monkeypatch.setenv("ESTIMATOR_REPAIR_WINDOW_DAYS", "45")
    flat = _text(priced_db, estimate, tmp_path, language="zh")
    until = (to_local(utcnow()).date() + dt.timedelta(days=45)).isoformat()  # from Beijing's day
    assert f"承诺书第{certificate.number}号" in flat
    assert f"自核损之日起45日内维修有效（至{until}）" in flat
    assert "2027-06-30" not in flat  # the agreement's end is not the customer's deadline
    notice = workflow.approval_notice(priced_db, estimate)
    assert f"承诺书第 {certificate.number} 号" in notice.to_customer
    assert "45日内" in notice.to_customer and certificate.number in notice.to_shop
    monkeypatch.setenv("ESTIMATOR_REPAIR_WINDOW_DAYS", "soon")
    with pytest.raises(DomainError, match="ESTIMATOR_REPAIR_WINDOW_DAYS"):
        estimate_sheet(priced_db, estimate)


def test_a_notice_without_a_certificate_promises_no_guarantee(
    priced_db: Engine, team: dict[str, User]
) -> None:
    estimate = _estimate(priced_db)
    workflow.submit(priced_db, estimate, team["wang"])
    workflow.approve(priced_db, estimate, team["li"], "checked")
    notice = workflow.approval_notice(priced_db, estimate)
    assert "无差价" not in notice.to_customer and "承诺书" not in notice.to_shop


def test_the_notice_text_names_the_certificate() -> None:
    notice = approval_notice(
        claim_no="RDAA1",
        plate="浙K12345",
        shop_name="丽水某汽修",
        total=Decimal("100"),
        total_in_words="壹佰元整",
        version_no=1,
        certificate_no="WCJ2026000007",
        repair_window_days=30,
    )
    assert "承诺书第 WCJ2026000007 号" in notice.to_customer and "30日内" in notice.to_customer
    assert "WCJ2026000007" in notice.to_shop


@needs_poppler
def test_the_sheet_is_english_when_asked(
    priced_db: Engine, team: dict[str, User], tmp_path: Path
) -> None:
    flat = _text(priced_db, _estimate(priced_db), tmp_path, language="en")
    assert "Customer'ssignature:" in flat and "Totalin" in flat and "Zhejiang" in flat
    assert "客户签字" not in flat and "合计" not in flat
