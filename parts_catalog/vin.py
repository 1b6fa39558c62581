"""VIN checks (ISO 3779 / GB 16735): alphabet, length and the check digit in position 9."""

from __future__ import annotations

import re
from dataclasses import dataclass

VIN_ALPHABET = re.compile(r"^[A-HJ-NPR-Z0-9]+$")

_TRANSLITERATION = {
    **{str(d): d for d in range(10)},
    "A": 1,
    "B": 2,
    "C": 3,
    "D": 4,
    "E": 5,
    "F": 6,
    "G": 7,
    "H": 8,
    "J": 1,
    "K": 2,
    "L": 3,
    "M": 4,
    "N": 5,
    "P": 7,
    "R": 9,
    "S": 2,
    "T": 3,
    "U": 4,
    "V": 5,
    "W": 6,
    "X": 7,
    "Y": 8,
    "Z": 9,
}
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


@dataclass(frozen=True)
class VinCheck:
    """The outcome of checking a VIN: normalised text and any warning codes."""

    vin: str
    well_formed: bool
    check_digit_ok: bool
    expected_check_digit: str | None

    @property
    def warning(self) -> str | None:
        """A plain message when something is wrong, else None."""
        if not self.well_formed:
            return "VIN 应为 17 位，不含 I、O、Q / a VIN has 17 characters without I, O or Q"
        if not self.check_digit_ok:
            return (
                f"VIN 校验位应为 {self.expected_check_digit}，实为 {self.vin[8]}，请核对 / "
                f"check digit should be {self.expected_check_digit}, found {self.vin[8]}"
            )
        return None


def normalize_vin(text: str) -> str:
    """Upper-case, without spaces."""
    return "".join(text.split()).upper()


def check_digit(vin: str) -> str:
    """The check digit (0–9 or X) that position 9 of a 17-character VIN must hold."""
    total = sum(_TRANSLITERATION[c] * w for c, w in zip(vin, _WEIGHTS, strict=True))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def check_vin(text: str) -> VinCheck:
    """Check a VIN's form and check digit. Chinese VINs carry the check digit (GB 16735)."""
    vin = normalize_vin(text)
    if len(vin) != 17 or not VIN_ALPHABET.match(vin):
        return VinCheck(vin, False, False, None)
    expected = check_digit(vin)
    return VinCheck(vin, True, vin[8] == expected, expected)


def is_valid_prefix(prefix: str) -> bool:
    """A model's VIN prefix: 6–11 characters of the VIN alphabet."""
    return 6 <= len(prefix) <= 11 and bool(VIN_ALPHABET.match(prefix))


def vin_prefix_candidates(vin: str) -> list[str]:
    """The prefixes of ``vin`` that a model may be registered under, longest first."""
    vin = normalize_vin(vin)
    return [vin[:n] for n in range(min(11, len(vin)), 5, -1)]
