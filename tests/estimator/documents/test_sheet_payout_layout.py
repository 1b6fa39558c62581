"""The 预估赔款 and 推定全损 sections laid out from a payout of several loss objects (issue #20):
a row per object and the case's sums, the sections kept on the page of the totals and the
signatures at every length, and the English sheet in English."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from decimal import Decimal as D  # noqa: N817 - reads like the money constructor
from pathlib import Path

import pytest

from estimator.documents.sheet_payout import SheetPayout
from estimator.domain.depreciation import ActualValue, parse_class
from estimator.domain.settlement_payout import (
    LossObject,
    ObjectKind,
    OtherParty,
    Policy,
    estimate_payout,
)
from tests.estimator.documents.test_sheet_layout import every_kind, pages, priced

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")

#: 180,000.00 new, 65 months at 0.60 %: 109,800.00.
VALUE = ActualValue(
    new_price=D("180000.00"),
    depreciation_class=parse_class("private_passenger_9"),
    registered_on=dt.date(2021, 6, 15),
    loss_on=dt.date(2026, 11, 20),
    monthly_rate=D("0.006"),
    months=65,
    floor_share=D("0.20"),
    value=D("109800.00"),
)


def three_objects() -> SheetPayout:
    """The insured vehicle a total loss (100,000 + 10,000 ≥ 109,800.00), a third-party
    vehicle (6,000.00) and a guard rail (1,000.00); 70 % liability, 500.00 deductible.

    Insured: salvage 10 % = 10,980.00, settled at 98,820.00; the other vehicle's compulsory
    cover (30 %, so with liability) pays 2,000.00; (98,820 − 2,000) × 0.70 = 67,774.00, less
    500.00: 67,274.00. Third parties: this policy's compulsory 2,000.00 shared 6:1 =
    1,714.29 / 285.71 (the fen left over to the larger remainder); (6,000 − 1,714.29) × 0.70
    = 3,000.00 and (1,000 − 285.71) × 0.70 = 500.00, no deductible. Case: loss 105,820.00,
    compulsory 4,000.00, commercial 71,274.00, payable 70,774.00."""
    objects = [
        LossObject(ObjectKind.INSURED_VEHICLE, D("100000.00"), D("10000.00"), value=VALUE),
        LossObject(ObjectKind.THIRD_PARTY_VEHICLE, D("6000.00")),
        LossObject(ObjectKind.THIRD_PARTY_PROPERTY, D("1000.00")),
    ]
    payout = estimate_payout(objects, Policy(deductible=D("500.00")), D("0.70"), OtherParty())
    return SheetPayout(payout=payout, value=VALUE)


def test_each_object_has_its_row_and_the_case_its_sums(tmp_path: Path) -> None:
    texts = pages(tmp_path, priced(*every_kind()[:3]), payout=three_objects())
    flat = re.sub(r"\s+", "", "".join(texts))
    steps = flat[flat.index("、预估赔款") : flat.index("、推定全损")]
    for row in (
        "标的车98,820.002,000.0070%67,774.00500.0067,274.00",
        "三者车16,000.001,714.2970%3,000.000.003,000.00",
        "三者物损11,000.00285.7170%500.000.00500.00",
        "合计105,820.004,000.0071,274.00500.0070,774.00",
        "预估赔款¥70,774.00大写金额人民币柒万零柒佰柒拾肆元整",
        "预估（未核定）",
    ):
        assert row in steps
    assert "整车残值¥10,980.00（按实际价值的10%计）" in flat


@pytest.mark.parametrize("length", range(1, 61, 6))
def test_the_payout_stays_with_the_totals_and_the_signatures(tmp_path: Path, length: int) -> None:
    kinds = every_kind()
    sheet = priced(*[kinds[i % len(kinds)] for i in range(length)])
    texts = pages(
        tmp_path, sheet, guarantee=("WCJ2026000001", "2027-06-30"), payout=three_objects()
    )
    signing = [t for t in texts if "客户签字" in t]
    assert len(signing) == 1
    flat = re.sub(r"\s+", "", signing[0])
    assert flat.index("合计（小写）") < flat.index("、预估赔款") < flat.index("、推定全损")
    assert flat.index("、推定全损") < flat.index("核损人") < flat.index("客户签字")


def test_the_english_sheet_says_the_payout_in_english(tmp_path: Path) -> None:
    texts = pages(tmp_path, priced(*every_kind()[:3]), payout=three_objects(), language="en")
    # Compared without spaces; a narrow column wraps "third-party / vehicle 1" under its row.
    flat = re.sub(r"\s+", "", "".join(texts))
    for words in (
        "Expected payment",
        "Constructive total loss",
        "insured vehicle 98,820.00",
        "third-party 6,000.00",
        "third-party 1,000.00",
        "Case total 105,820.00",
        "vehicle 1",
        "property 1",
        "not on the repair estimate",
        "Provisional (not approved)",
    ):
        assert words.replace(" ", "") in flat
    for chinese in ("预估", "推定全损", "标的车", "实际价值", "整车残值"):
        assert chinese not in flat
