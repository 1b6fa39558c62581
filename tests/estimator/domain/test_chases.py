"""The chase penalty schedule (indicators.md, Chases): doubled by default, read from the
settings; who and through whom parsed from their codes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from estimator.domain.chases import (
    ChaseBy,
    ChaseVia,
    chase_penalties,
    check_note,
    parse_by,
    parse_via,
    penalty_total,
)
from estimator.domain.errors import DomainError
from estimator.domain.settings_schema import Settings


def test_the_default_schedule_doubles_from_100_yuan() -> None:
    defaults = Settings.of({})
    assert chase_penalties(0, defaults) == []
    assert chase_penalties(3, defaults) == [Decimal("100.00"), Decimal("200.00"), Decimal("400.00")]
    assert penalty_total(0, defaults) == Decimal("0.00")
    assert penalty_total(4, defaults) == Decimal("1500.00")  # 100 + 200 + 400 + 800


def test_the_schedule_follows_the_settings() -> None:
    settings = Settings.of({"chase.penalty.first": "50", "chase.penalty.factor": "1.5"})
    assert chase_penalties(3, settings) == [Decimal("50.00"), Decimal("75.00"), Decimal("112.50")]
    assert penalty_total(3, settings) == Decimal("237.50")
    flat = Settings.of({"chase.penalty.first": "80", "chase.penalty.factor": "1"})
    assert penalty_total(3, flat) == Decimal("240.00")


def test_codes_are_parsed_and_a_bad_one_is_named() -> None:
    assert parse_by(" shop ") is ChaseBy.SHOP
    assert parse_via("claims_manager") is ChaseVia.CLAIMS_MANAGER
    with pytest.raises(DomainError) as bad:
        parse_by("boss")
    assert bad.value.code == "chase_bad_by" and "boss" in bad.value.message_zh
    with pytest.raises(DomainError) as bad_via:
        parse_via("ceo")
    assert bad_via.value.code == "chase_bad_via"


def test_a_note_is_trimmed_and_a_long_one_refused() -> None:
    assert check_note("  催了三次 ") == "催了三次"
    with pytest.raises(DomainError) as long:
        check_note("长" * 501)
    assert long.value.code == "chase_note_too_long"
