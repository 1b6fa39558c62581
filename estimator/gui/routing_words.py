"""The history's sentences of large-case routing and escalation (issue #19): a case taken
from the large-case queue or assigned, an overdue resubmission escalated and resolved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, Literal

from kernel.clock import to_local

Language = Literal["zh", "en"]


def _when(value: object) -> str:
    """A stored UTC time as local wall time (``2026-12-01 10:00``); "?" when unreadable."""
    try:
        return to_local(dt.datetime.fromisoformat(str(value))).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return "?"


def _take(who: str, version: int | None, d: Mapping[str, Any], lang: Language) -> str:
    was = str(d.get("from", "") or "—")
    if lang == "zh":
        return f"{who} 从大案队列接手案件（原定损员 {was}）"
    return f"{who} took the case from the large-case queue (assessor before: {was})"


def _assign(who: str, version: int | None, d: Mapping[str, Any], lang: Language) -> str:
    was, to = str(d.get("from", "") or "—"), str(d.get("to", ""))
    if lang == "zh":
        return f"{who} 将案件指派给 {to}（原定损员 {was}）"
    return f"{who} assigned the case to {to} (assessor before: {was})"


def _escalate(who: str, version: int | None, d: Mapping[str, Any], lang: Language) -> str:
    returned, due = _when(d.get("returned_at")), _when(d.get("due"))
    if lang == "zh":
        return f"{who} 记录升级督办：{returned} 退回后逾期未重新提交（应于 {due} 前）"
    return f"{who} recorded an escalation: not resubmitted by {due} after the return of {returned}"


def _resolve(who: str, version: int | None, d: Mapping[str, Any], lang: Language) -> str:
    returned, done = _when(d.get("returned_at")), _when(d.get("resubmitted_at"))
    if lang == "zh":
        return f"{who} 记录升级督办解除：{returned} 的退回已于 {done} 重新提交"
    return f"{who} recorded an escalation resolved: the return of {returned} resubmitted {done}"


ROUTING_SENTENCES: dict[str, Callable[[str, int | None, Mapping[str, Any], Language], str]] = {
    "take_case": _take,
    "assign_case": _assign,
    "escalate": _escalate,
    "resolve_escalation": _resolve,
}

#: What a refused routing action attempted, for the history.
ROUTING_ATTEMPTS: dict[str, tuple[str, str]] = {
    "take_case": ("接手大案", "take the large case"),
    "assign_case": ("指派案件", "assign the case"),
}
