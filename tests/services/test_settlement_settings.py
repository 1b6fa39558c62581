"""The settlement figures are settings (settlement.md: "all rates, limits and tables here are
configuration data, audited when changed"): the total-loss threshold, warning line and salvage
share, the compulsory property limits and the liability shares change the payout, the
total-loss state and R16 as soon as an administrator changes them; a pair that cannot hold
together is refused with nothing written. On SQLite and PostgreSQL."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from estimator.domain.errors import DomainError
from estimator.domain.settlement import LossState
from estimator.domain.workflow import Role
from estimator.persistence import audit
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.persistence.uow import UnitOfWork
from estimator.services import case_list, settlement
from estimator.services.demo_settled import OLD_CAR_CLAIM
from estimator.services.documents import estimate_sheet
from estimator.services.review import review_estimate
from estimator.services.settings import current_settings, reset_setting, set_setting
from estimator.services.users import User
from tests.conftest import demo_copy
from tests.services.test_settlement import imported, priced_at

ADMIN = User("root", "管理员", frozenset({Role.ADMIN}))


def _r16(engine: Engine, estimate_id: str) -> list[str]:
    return [f.code for f in review_estimate(engine, estimate_id) if f.rule == "R16"]


def test_a_lower_threshold_makes_the_case_a_total_loss(priced_db: Engine) -> None:
    """Repair 95,000 + rescue 5,000 = 100,000 is 91.07 % of the actual value 109,800.00: near
    a total loss at the default 100 %, paid as a repair: (100,000 − 2,000) × 0.70 − 500.00 =
    68,100.00; at 90 % (98,820.00) a total loss, settled at 109,800.00
    − the entered salvage 3,000.00 = 106,800.00: (106,800 − 2,000) × 0.70 = 73,360.00, less the
    deductible 500.00: 72,860.00. R16 follows."""
    created = imported(priced_db, priced_at("95000.00", "5000.00"))
    estimate_id = str(created.estimate_id)
    before = settlement.total_loss_state_for(priced_db, estimate_id)
    assert before is not None and before.state is LossState.NEAR_TOTAL_LOSS
    assert _r16(priced_db, estimate_id) == ["review.r16_near"]
    assert settlement.payout_for(priced_db, estimate_id).payable == Decimal("68100.00")

    set_setting(priced_db, "settlement.total_loss.threshold", "0.90", ADMIN)
    after = settlement.total_loss_state_for(priced_db, estimate_id)
    assert after is not None and after.state is LossState.TOTAL_LOSS
    assert after.params["threshold"] == "90%"
    (insured,) = settlement.payout_for(priced_db, estimate_id).objects
    assert insured.total_loss
    assert (insured.loss, insured.commercial_paid, insured.payable) == (
        Decimal("106800.00"),
        Decimal("73360.00"),
        Decimal("72860.00"),
    )
    assert _r16(priced_db, estimate_id) == ["review.r16_total_loss"]
    view = settlement.settlement_view(priced_db, estimate_id)
    assert view.payout is not None and view.payout.objects[0].total_loss


def test_a_higher_warning_line_silences_the_near_total_loss(priced_db: Engine) -> None:
    """90,000 + 500 is 82.42 % of 109,800.00: near a total loss from 80 %, a repair from 85 %."""
    created = imported(priced_db, priced_at("90000.00", "500.00"))
    estimate_id = str(created.estimate_id)
    assert _r16(priced_db, estimate_id) == ["review.r16_near"]
    set_setting(priced_db, "settlement.total_loss.warning", "0.85", ADMIN)
    state = settlement.total_loss_state_for(priced_db, estimate_id)
    assert state is not None and state.state is LossState.REPAIR
    assert _r16(priced_db, estimate_id) == []


def test_the_salvage_share_prices_a_total_loss_without_an_entered_salvage(
    priced_db: Engine,
) -> None:
    """110,000 reaches 109,800.00; no salvage entered: 10 % is 10,980.00, 20 % is 21,960.00, so
    the loss is 87,840.00: (87,840 − 2,000) × 0.70 = 60,088.00, less 500.00: 59,588.00."""
    doc = priced_at("100000.00", "10000.00")
    del doc["total_loss_salvage"]
    estimate_id = str(imported(priced_db, doc).estimate_id)
    (insured,) = settlement.payout_for(priced_db, estimate_id).objects
    assert insured.loss == Decimal("98820.00")
    set_setting(priced_db, "settlement.total_loss.salvage_share", "0.20", ADMIN)
    (insured,) = settlement.payout_for(priced_db, estimate_id).objects
    assert (insured.loss, insured.payable) == (Decimal("87840.00"), Decimal("59588.00"))


def test_the_compulsory_limit_at_fault_sets_what_the_other_party_pays(priced_db: Engine) -> None:
    """Loss 8,500.00; the other vehicle bears minor liability (at fault): its compulsory cover
    pays 2,000.00 by default, 1,500.00 once the at-fault limit is 1,500: (8,500 − 1,500) × 0.70
    = 4,900.00, less 500.00: 4,400.00. Audited with the old and the new value."""
    estimate_id = str(imported(priced_db, priced_at("8000.00", "500.00")).estimate_id)
    assert settlement.payout_for(priced_db, estimate_id).payable == Decimal("4050.00")
    set_setting(priced_db, "settlement.compulsory.with_liability", "1500", ADMIN)
    (insured,) = settlement.payout_for(priced_db, estimate_id).objects
    assert (insured.compulsory_paid, insured.commercial_paid, insured.payable) == (
        Decimal("1500.00"),
        Decimal("4900.00"),
        Decimal("4400.00"),
    )
    with UnitOfWork(priced_db) as uow:
        trail = list(audit.entries(uow.session, "setting", "set_setting"))
    assert trail[-1][1:] == (
        "settlement.compulsory.with_liability",
        {"key": "settlement.compulsory.with_liability", "old": "2000.00", "new": "1500"},
    )


def test_the_not_at_fault_limit_applies_when_the_other_party_bears_none(
    priced_db: Engine,
) -> None:
    """The insured bears full liability, the other vehicle none: its compulsory cover pays
    100.00 by default, 200.00 at a 200 limit: (8,500 − 200) × 1.00 = 8,300.00 − 500 = 7,800.00."""
    doc = priced_at("8000.00", "500.00", liability="full")
    doc["other_party"] = {"compulsory": True, "liability": "none"}
    estimate_id = str(imported(priced_db, doc).estimate_id)
    assert settlement.payout_for(priced_db, estimate_id).objects[0].compulsory_paid == Decimal(
        "100.00"
    )
    set_setting(priced_db, "settlement.compulsory.without_liability", "200", ADMIN)
    (insured,) = settlement.payout_for(priced_db, estimate_id).objects
    assert (insured.compulsory_paid, insured.payable) == (Decimal("200.00"), Decimal("7800.00"))


def test_a_named_liability_share_is_read_from_the_settings(priced_db: Engine) -> None:
    """Main liability at 60 %: (8,500 − 2,000) × 0.60 = 3,900.00, less 500.00: 3,400.00."""
    estimate_id = str(imported(priced_db, priced_at("8000.00", "500.00")).estimate_id)
    set_setting(priced_db, "settlement.liability.main", "0.60", ADMIN)
    (insured,) = settlement.payout_for(priced_db, estimate_id).objects
    assert (insured.liability_share, insured.payable) == (Decimal("0.60"), Decimal("3400.00"))


def test_settings_that_cannot_hold_together_are_refused_with_nothing_written(
    priced_db: Engine,
) -> None:
    """The warning line past the threshold, or the not-at-fault limit above the at-fault one,
    is refused in words naming both figures; a reset that would break the rule is refused
    too."""
    with pytest.raises(DomainError) as raised:
        set_setting(priced_db, "settlement.total_loss.threshold", "0.75", ADMIN)
    assert raised.value.code == "settlement.settings.warning_above_threshold"
    assert "80.00%" in raised.value.message_zh and "75.00%" in raised.value.message_zh
    with pytest.raises(DomainError) as raised:
        set_setting(priced_db, "settlement.compulsory.without_liability", "2500", ADMIN)
    assert raised.value.code == "settlement.settings.limits_reversed"
    settings = current_settings(priced_db)
    assert settings.decimal("settlement.total_loss.threshold") == Decimal("1.00")
    assert settings.decimal("settlement.compulsory.without_liability") == Decimal("100.00")

    set_setting(priced_db, "settlement.total_loss.warning", "0.60", ADMIN)
    set_setting(priced_db, "settlement.total_loss.threshold", "0.70", ADMIN)
    with pytest.raises(DomainError):
        reset_setting(priced_db, "settlement.total_loss.warning", ADMIN)
    settings = current_settings(priced_db)
    assert settings.decimal("settlement.total_loss.warning") == Decimal("0.60")
    with UnitOfWork(priced_db) as uow:
        assert list(audit.entries(uow.session, "setting", "reset_setting")) == []


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_the_demo_older_car_becomes_a_total_loss_on_its_sheet(
    demo_template: Path, tmp_path: Path
) -> None:
    """The demo's older car: repair and rescue 18,083.03 are 91.95 % of its actual value
    19,666.20, near a total loss at 100 %. At 90 % and a 15 % salvage share its sheet prints the
    total-loss section: salvage 2,949.93 (19,666.20 × 0.15), settled at 16,716.27."""
    engine = create_database_engine(sqlite_url(demo_copy(demo_template, tmp_path / "d.sqlite3")))
    try:
        (case,) = [c for c in case_list.list_cases(engine) if c.claim_no == OLD_CAR_CLAIM]
        before = _sheet_text(engine, str(case.estimate_id), tmp_path)
        assert "全损赔付金额" not in before
        set_setting(engine, "settlement.total_loss.threshold", "0.90", ADMIN)
        set_setting(engine, "settlement.total_loss.salvage_share", "0.15", ADMIN)
        after = _sheet_text(engine, str(case.estimate_id), tmp_path)
        assert "全损赔付金额" in after and "90%" in after
        assert "¥2,949.93（按实际价值的 15% 计）" in after
        assert "¥16,716.27" in after
    finally:
        engine.dispose()


def _sheet_text(engine: Engine, estimate_id: str, tmp_path: Path) -> str:
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(estimate_sheet(engine, estimate_id, language="zh"))
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
