"""The one exception of the domain: a broken rule, worded by its code in both languages. Pure."""

from __future__ import annotations

from estimator.domain import messages  # noqa: F401  (registers the domain's codes)
from kernel.problems import render


class DomainError(Exception):
    """A broken rule of the domain; the message says which, in plain words.

    The wording comes from the message registry (``kernel.problems.MESSAGES``) by code, with
    ``params`` filled in. A code may name a variant after a colon (``cannot_price:sheet``): the
    same error (``code == "cannot_price"``) worded for that place.
    """

    def __init__(self, message: str, /, **params: object) -> None:
        self.message_code = message
        self.code = message.partition(":")[0]
        self.params = params
        self.message_zh = render(message, params, "zh")
        self.message_en = render(message, params, "en")
        super().__init__(self.message_en)
