"""The one exception of the domain: a broken rule, worded in both languages. Pure."""

from __future__ import annotations


class DomainError(Exception):
    """A broken rule of the domain; the message says which, in plain words."""

    def __init__(self, code: str, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en
