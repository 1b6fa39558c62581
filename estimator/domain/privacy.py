"""Masking personal data (workflow.md): phone 138****5678, ID number middle digits hidden. Pure."""

from __future__ import annotations

import re

_PHONE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")
_ID = re.compile(r"(?<![0-9Xx])(\d{6})(\d{8})(\d{3}[0-9Xx])(?![0-9Xx])")


def mask_phone(phone: str) -> str:
    """A mobile number with its middle four digits hidden."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) == 11:
        return f"{digits[:3]}****{digits[7:]}"
    return "*" * len(phone) if phone else ""


def mask_text(text: str) -> str:
    """Any 11-digit mobile numbers and 18-character ID numbers in ``text``, masked."""
    text = _ID.sub(lambda m: f"{m[1]}********{m[3]}", text)
    return _PHONE.sub(lambda m: f"{m[1]}****{m[3]}", text)
