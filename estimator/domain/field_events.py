"""Field events (现场事件) an assessor records in the workstation or on the command line: which
ones, the note an event keeps (the entrusted party of 委托查勘), and the checks on a typed time
(never in the future). Pure."""

from __future__ import annotations

import datetime as dt

from estimator.domain.clocks import EventKind
from estimator.domain.errors import DomainError
from kernel.problems import register_messages

#: The events an assessor records at the scene, in the order the field work runs (the dialog's
#: keys 1–6 follow it).
FIELD_EVENTS: tuple[EventKind, ...] = (
    EventKind.FIRST_CONTACT,
    EventKind.ARRIVAL,
    EventKind.SURVEY,
    EventKind.TEARDOWN,
    EventKind.ITEMS_CONFIRMED,
    EventKind.ENTRUSTMENT,
)
#: The longest note an event keeps.
NOTE_LIMIT = 200

FIELD_EVENT_MESSAGES: dict[str, tuple[str, str]] = {
    "event_in_future": (
        "时间 {at} 还没有到：只能记录已经发生的事件",
        "{at} has not come yet: only what has happened can be recorded",
    ),
    "event_note_too_long": (
        "事件备注最多 {limit} 个字",
        "an event's note has at most {limit} characters",
    ),
    "event_entrusted_party_missing": (
        "委托查勘需要填写受托方（如分公司或公估机构）",
        "an entrusted survey needs the entrusted party (a branch or an assessment firm)",
    ),
}
register_messages(FIELD_EVENT_MESSAGES)


def check_event(
    kind: EventKind, at: dt.datetime | None, now: dt.datetime, note: str = "", shown: str = ""
) -> str:
    """The note trimmed, once the event may be recorded: not in the future (``shown`` is the
    time as the user typed it, for the message), a note within the limit, and an entrustment
    naming its party. A DomainError saying what is wrong otherwise."""
    if at is not None and at > now:
        raise DomainError("event_in_future", at=shown or at.isoformat())
    return check_note(kind, note)


def check_note(kind: EventKind, note: str) -> str:
    """The note trimmed, within the limit; an entrustment must name its party."""
    text = note.strip()
    if len(text) > NOTE_LIMIT:
        raise DomainError("event_note_too_long", limit=NOTE_LIMIT)
    if kind is EventKind.ENTRUSTMENT and not text:
        raise DomainError("event_entrusted_party_missing")
    return text
