"""Chases (催问, indicators.md): who chased a case through whom, and the penalty schedule
(the first chase costs ``chase.penalty.first``, each further one ``chase.penalty.factor``
times the one before)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from estimator.domain.errors import DomainError
from estimator.domain.settings_schema import Settings
from kernel.problems import register_messages

_CENT = Decimal("0.01")
#: The longest note a chase keeps.
NOTE_LIMIT = 500

CHASE_MESSAGES: dict[str, tuple[str, str]] = {
    "chase_bad_by": (
        "催问方 {value} 无效：应为 customer（客户）、shop（修理厂）或 sales（业务员）",
        "who chased must be customer, shop or sales, not {value}",
    ),
    "chase_bad_via": (
        "催问途径 {value} 无效：应为 gm_office（总经理室）或 claims_manager（理赔经理）",
        "the chase must come through gm_office or claims_manager, not {value}",
    ),
    "chase_note_too_long": (
        "催问备注最多 {limit} 个字",
        "a chase's note has at most {limit} characters",
    ),
}
register_messages(CHASE_MESSAGES)


class ChaseBy(StrEnum):
    """Who chased the case."""

    CUSTOMER = "customer"
    SHOP = "shop"
    SALES = "sales"


class ChaseVia(StrEnum):
    """Through whom the chase came."""

    GM_OFFICE = "gm_office"
    CLAIMS_MANAGER = "claims_manager"


BY_ZH = {ChaseBy.CUSTOMER: "客户", ChaseBy.SHOP: "修理厂", ChaseBy.SALES: "业务员"}
VIA_ZH = {ChaseVia.GM_OFFICE: "总经理室", ChaseVia.CLAIMS_MANAGER: "理赔经理"}
BY_EN = {ChaseBy.CUSTOMER: "the customer", ChaseBy.SHOP: "the shop", ChaseBy.SALES: "sales staff"}
VIA_EN = {
    ChaseVia.GM_OFFICE: "the general manager's office",
    ChaseVia.CLAIMS_MANAGER: "the claims manager",
}


@dataclass(frozen=True)
class Chase:
    """One recorded chase of a case."""

    by: ChaseBy
    via: ChaseVia
    at: dt.datetime
    recorded_by: str
    note: str = ""


def parse_by(text: str) -> ChaseBy:
    """Who chased, from its code (a DomainError naming the choices otherwise)."""
    try:
        return ChaseBy(text.strip())
    except ValueError:
        raise DomainError("chase_bad_by", value=text) from None


def parse_via(text: str) -> ChaseVia:
    """Through whom, from its code (a DomainError naming the choices otherwise)."""
    try:
        return ChaseVia(text.strip())
    except ValueError:
        raise DomainError("chase_bad_via", value=text) from None


def check_note(note: str) -> str:
    """The note trimmed (a DomainError when it is too long to keep)."""
    text = note.strip()
    if len(text) > NOTE_LIMIT:
        raise DomainError("chase_note_too_long", limit=NOTE_LIMIT)
    return text


def chase_penalties(count: int, settings: Settings) -> list[Decimal]:
    """The penalty of each of a case's first ``count`` chases, in yuan (to the cent)."""
    first = settings.decimal("chase.penalty.first")
    factor = settings.decimal("chase.penalty.factor")
    penalties = []
    amount = first
    for _ in range(max(count, 0)):
        penalties.append(amount.quantize(_CENT))
        amount *= factor
    return penalties


def penalty_total(count: int, settings: Settings) -> Decimal:
    """What a case's ``count`` chases cost the assessor in all, in yuan."""
    return sum(chase_penalties(count, settings), Decimal("0.00"))
