"""Masking personal data (workflow.md): phone 138****5678, ID number middle digits hidden. Pure."""

from __future__ import annotations

import re

_PHONE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")
_ID = re.compile(r"(?<![0-9Xx])(\d{6})(\d{8})(\d{3}[0-9Xx])(?![0-9Xx])")
#: A hex digest (SHA-256 and the like, 32 characters or more): never personal data, and a
#: digest with a masked run could no longer be checked against what it digests.
_DIGEST = re.compile(r"(?<![0-9A-Za-z])[0-9a-f]{32,}(?![0-9A-Za-z])")


def mask_phone(phone: str) -> str:
    """A mobile number with its middle four digits hidden."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) == 11:
        return f"{digits[:3]}****{digits[7:]}"
    return "*" * len(phone) if phone else ""


def mask_text(text: str) -> str:
    """Any 11-digit mobile numbers and 18-character ID numbers in ``text``, masked; hex
    digests are left whole."""
    parts: list[str] = []
    start = 0
    for digest in _DIGEST.finditer(text):
        parts.extend((mask_numbers(text[start : digest.start()]), digest[0]))
        start = digest.end()
    parts.append(mask_numbers(text[start:]))
    return "".join(parts)


def mask_numbers(text: str) -> str:
    """Every run of digits in ``text`` that looks like a mobile or ID number masked, inside
    hex digests too: what audit trails written before digests were left whole kept."""
    text = _ID.sub(lambda m: f"{m[1]}********{m[3]}", text)
    return _PHONE.sub(lambda m: f"{m[1]}****{m[3]}", text)
