"""On-site documents (现场单证, indicators.md): the case's procedure, its checklist from the
settings, each item's state, whether the checklist was complete at the survey, and the
collection rate (simple-procedure cases complete at the survey ÷ simple-procedure cases). Pure.

An item's state is its newest record; "complete at the survey" reads every needed item's
state as recorded at or before the survey event (collected on site or not needed); a case
without a survey yet is judged by its states as they stand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from estimator.domain.errors import DomainError
from kernel.problems import register_messages

if TYPE_CHECKING:  # the settings schema names this module's items: no import cycle at run time
    from estimator.domain.settings_schema import Settings

_RATIO = Decimal("0.0001")

DOCUMENT_MESSAGES: dict[str, tuple[str, str]] = {
    "document_bad_item": (
        "单证 {value} 无效：应为 {choices}",
        "the document must be one of {choices}, not {value}",
    ),
    "document_bad_state": (
        "单证状态 {value} 无效：应为 onsite（现场收集）、later（事后补交）、"
        "not_needed（无需提供）或 missing（缺）",
        "a document's state must be onsite, later, not_needed or missing, not {value}",
    ),
    "document_bad_procedure": (
        "案件程序 {value} 无效：应为 simple（简易程序）或 ordinary（普通程序）",
        "the procedure must be simple or ordinary, not {value}",
    ),
    "document_not_on_checklist": (
        "单证 {item} 不在本案（{procedure}）的单证清单中",
        "the document {item} is not on this case's ({procedure}) checklist",
    ),
}
register_messages(DOCUMENT_MESSAGES)


class Procedure(StrEnum):
    """How the accident is handled: the simple procedure (简易程序) or the ordinary one."""

    SIMPLE = "simple"
    ORDINARY = "ordinary"


class DocumentState(StrEnum):
    """Where an item of the checklist stands."""

    ONSITE = "onsite"  # collected on site
    LATER = "later"  # collected after the visit
    NOT_NEEDED = "not_needed"
    MISSING = "missing"


#: Every item a checklist may name, in the order the editor shows them, with its words.
ITEM_WORDS: dict[str, tuple[str, str]] = {
    "driving_licence": ("驾驶证", "driving licence"),
    "vehicle_licence": ("行驶证", "vehicle licence"),
    "accident_determination": ("事故认定书/快处协议", "accident determination or agreement"),
    "bank_card": ("银行卡", "bank card"),
    "id_card": ("身份证", "ID card"),
    "claim_application": ("索赔申请书", "claim application"),
}
PROCEDURE_WORDS: dict[str, tuple[str, str]] = {
    Procedure.SIMPLE: ("简易程序", "simple procedure"),
    Procedure.ORDINARY: ("普通程序", "ordinary procedure"),
}
STATE_WORDS: dict[str, tuple[str, str]] = {
    DocumentState.ONSITE: ("现场收集", "collected on site"),
    DocumentState.LATER: ("事后补交", "collected later"),
    DocumentState.NOT_NEEDED: ("无需提供", "not needed"),
    DocumentState.MISSING: ("缺", "missing"),
}
#: The states in which an item is in hand (or needs none): the checklist is collected.
IN_HAND = frozenset({DocumentState.ONSITE, DocumentState.LATER, DocumentState.NOT_NEEDED})
#: The states that count towards "complete at the survey".
AT_SURVEY = frozenset({DocumentState.ONSITE, DocumentState.NOT_NEEDED})


@dataclass(frozen=True)
class DocumentRecord:
    """One recorded state of one item of a case's checklist."""

    item: str
    state: DocumentState
    at: dt.datetime
    recorded_by: str = ""


@dataclass(frozen=True)
class CaseDocuments:
    """What the collection rate needs of one case: its assessor, procedure, checklist,
    records and survey time (None: no survey recorded)."""

    assessor: str
    procedure: Procedure
    checklist: tuple[str, ...]
    records: tuple[DocumentRecord, ...]
    survey_at: dt.datetime | None


def parse_procedure(text: str) -> Procedure:
    """The procedure named by its code (a DomainError naming the choices otherwise)."""
    try:
        return Procedure(text.strip())
    except ValueError:
        raise DomainError("document_bad_procedure", value=text) from None


def parse_state(text: str) -> DocumentState:
    """A document state from its code (a DomainError naming the choices otherwise)."""
    try:
        return DocumentState(text.strip())
    except ValueError:
        raise DomainError("document_bad_state", value=text) from None


def parse_item(text: str) -> str:
    """An item code of ITEM_WORDS (a DomainError naming the choices otherwise)."""
    code = text.strip()
    if code not in ITEM_WORDS:
        raise DomainError("document_bad_item", value=text, choices=", ".join(ITEM_WORDS))
    return code


def parse_checklist(text: str) -> tuple[str, ...]:
    """The item codes of a checklist setting ("driving_licence,id_card"), checked, each once."""
    items: list[str] = []
    for part in text.split(","):
        if part.strip() and (code := parse_item(part)) not in items:
            items.append(code)
    return tuple(items)


def checklist_of(procedure: Procedure, settings: Settings) -> tuple[str, ...]:
    """The procedure's checklist (``documents.checklist.<procedure>``), item codes in order."""
    return parse_checklist(settings.text(f"documents.checklist.{procedure.value}"))


def states(
    checklist: Sequence[str], records: Iterable[DocumentRecord], until: dt.datetime | None = None
) -> dict[str, DocumentState]:
    """Each checklist item's newest state (recorded at or before ``until`` when given);
    an item never recorded is missing."""
    found = dict.fromkeys(checklist, DocumentState.MISSING)
    # A stable sort keeps records of the same moment in the order they were made.
    for record in sorted(records, key=lambda r: r.at):
        if record.item in found and (until is None or record.at <= until):
            found[record.item] = record.state
    return found


def collected(checklist: Sequence[str], records: Iterable[DocumentRecord]) -> bool:
    """Whether every item is in hand now (the moment ``documents_collected`` is stamped)."""
    return all(s in IN_HAND for s in states(checklist, records).values())


def complete_at_survey(
    checklist: Sequence[str], records: Iterable[DocumentRecord], survey_at: dt.datetime | None
) -> bool:
    """Whether every needed item was collected on site by the survey: an item collected
    later does not count, one not needed does."""
    return all(s in AT_SURVEY for s in states(checklist, records, survey_at).values())


def collection_rate(cases: Iterable[CaseDocuments]) -> Decimal | None:
    """Simple-procedure cases complete at the survey ÷ simple-procedure cases, to four
    places (None when there is none)."""
    simple = [c for c in cases if c.procedure is Procedure.SIMPLE]
    if not simple:
        return None
    complete = sum(complete_at_survey(c.checklist, c.records, c.survey_at) for c in simple)
    return (Decimal(complete) / Decimal(len(simple))).quantize(_RATIO, ROUND_HALF_UP)


def collection_rates(cases: Iterable[CaseDocuments]) -> dict[str, Decimal | None]:
    """:func:`collection_rate` per assessor (every assessor with a case; None without a
    simple-procedure case)."""
    by_assessor: dict[str, list[CaseDocuments]] = {}
    for case in cases:
        by_assessor.setdefault(case.assessor, []).append(case)
    return {name: collection_rate(found) for name, found in sorted(by_assessor.items())}
