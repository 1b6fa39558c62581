from __future__ import annotations

from decimal import Decimal as D  # noqa: N817 - reads like the money constructor

import pytest

from estimator.domain.advice import Choice, repair_or_replace, suggest
from labor_standards.model import Operation
from tests.estimator.domain.fixtures import CATALOG, STANDARD, estimate


@pytest.mark.parametrize(
    ("repair", "replace", "choice"),
    [
        ("800.00", "1000.00", Choice.REPLACE),  # exactly 80 %: replace
        ("799.99", "1000.00", Choice.REPAIR),
        ("1200.00", "1000.00", Choice.REPLACE),
        ("0.00", "0.00", Choice.REPLACE),
    ],
)
def test_threshold_rule(repair: str, replace: str, choice: Choice) -> None:
    assert suggest(D(repair), D(replace)) is choice


def test_threshold_is_configurable() -> None:
    assert suggest(D("700"), D("1000"), D("0.70")) is Choice.REPLACE
    assert suggest(D("700"), D("1000"), D("0.75")) is Choice.REPAIR


def test_bumper_costs_priced_from_catalog_and_standard() -> None:
    advice, problems = repair_or_replace(
        estimate(), CATALOG, STANDARD, component_code="FBUMPER", part_no="521190K280"
    )
    assert problems == [] and advice is not None
    # repair: 3.00 h × 80 (sheet metal) + 1.5 panels × 400 = 840.00
    # replace: 1880.00 + 2.00 h × 60 + 600.00 = 2600.00
    assert (advice.repair_cost, advice.replace_cost) == (D("840.00"), D("2600.00"))
    assert advice.suggestion is Choice.REPAIR and advice.replace_needs_reason
    assert advice.share == D("0.3231")


def test_heavy_damage_suggests_replacement() -> None:
    advice, _ = repair_or_replace(
        estimate(),
        CATALOG,
        STANDARD,
        component_code="FBUMPER",
        part_no="521190K280",
        repair=Operation.REPAIR_MEDIUM,
        threshold=D("0.30"),
    )
    assert advice is not None and advice.suggestion is Choice.REPLACE


def test_missing_standard_is_reported_not_guessed() -> None:
    advice, problems = repair_or_replace(
        estimate(), CATALOG, STANDARD, component_code="ROOF", part_no="521190K280"
    )
    assert advice is None
    assert "no labor standard for component ROOF" in problems[0].reason("en")
