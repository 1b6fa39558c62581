from __future__ import annotations

import pytest

from parts_catalog.vin import check_digit, check_vin, is_valid_prefix, vin_prefix_candidates


@pytest.mark.parametrize("vin", ["1M8GDM9AXKP042788", "LVGBE40K8KG000001", "11111111111111111"])
def test_valid_check_digits_pass(vin: str) -> None:
    result = check_vin(vin)
    assert result.well_formed and result.check_digit_ok and result.warning is None


def test_a_wrong_check_digit_is_named_in_the_warning() -> None:
    result = check_vin("LVGBE40K7KG000001")
    assert result.well_formed and not result.check_digit_ok
    assert result.expected_check_digit == "8"
    assert result.warning is not None and "8" in result.warning and "7" in result.warning


@pytest.mark.parametrize("vin", ["LVGBE40K8KG00000", "LVGBE40K8KG0000O1", "LVGBE40K8KG00000I"])
def test_malformed_vins_are_flagged(vin: str) -> None:
    result = check_vin(vin)
    assert not result.well_formed and result.warning is not None


def test_vins_are_normalised() -> None:
    assert check_vin(" lvgbe40k8kg 000001 ").vin == "LVGBE40K8KG000001"


def test_check_digit_ten_is_x() -> None:
    assert check_digit("1M8GDM9AXKP042788") == "X"


def test_prefix_rules() -> None:
    assert is_valid_prefix("LVGBE4")
    assert not is_valid_prefix("LVGBE")  # too short
    assert not is_valid_prefix("LVGBE40K8KGX")  # too long
    assert not is_valid_prefix("LVGBO4")  # O is not in the VIN alphabet


def test_prefix_candidates_run_longest_first() -> None:
    assert vin_prefix_candidates("LVGBE40K8KG000001") == [
        "LVGBE40K8KG",
        "LVGBE40K8K",
        "LVGBE40K8",
        "LVGBE40K",
        "LVGBE40",
        "LVGBE4",
    ]
