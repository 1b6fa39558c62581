"""What changed between two versions of an estimate, line by line, and in each total. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Change(StrEnum):
    """How a line differs from the previous version."""

    ADDED = "added"
    CHANGED = "changed"
    REMOVED = "removed"


@dataclass(frozen=True)
class LineSnapshot:
    """A line as stored in one version: its stable key across versions and its values."""

    key: str
    kind: str
    description: str
    values: Mapping[str, str]
    amount: Decimal


@dataclass(frozen=True)
class LineChange:
    """One added, changed or removed line; ``fields`` holds (before, after) of what changed."""

    change: Change
    key: str
    kind: str
    description: str
    before: Decimal | None
    after: Decimal | None
    fields: Mapping[str, tuple[str, str]]


@dataclass(frozen=True)
class VersionDiff:
    """Line changes and the change of every total."""

    lines: tuple[LineChange, ...]
    totals: Mapping[str, tuple[Decimal, Decimal]]


def diff_versions(
    before: Sequence[LineSnapshot],
    after: Sequence[LineSnapshot],
    totals_before: Mapping[str, Decimal],
    totals_after: Mapping[str, Decimal],
) -> VersionDiff:
    """Compare two versions: lines matched by their stable key."""
    old = {line.key: line for line in before}
    new = {line.key: line for line in after}
    changes: list[LineChange] = []
    for line in after:
        previous = old.get(line.key)
        if previous is None:
            changes.append(
                LineChange(
                    Change.ADDED, line.key, line.kind, line.description, None, line.amount, {}
                )
            )
            continue
        names = sorted(set(previous.values) | set(line.values))
        fields = {
            name: (previous.values.get(name, ""), line.values.get(name, ""))
            for name in names
            if previous.values.get(name, "") != line.values.get(name, "")
        }
        if fields or previous.amount != line.amount:
            changes.append(
                LineChange(
                    Change.CHANGED,
                    line.key,
                    line.kind,
                    line.description,
                    previous.amount,
                    line.amount,
                    fields,
                )
            )
    for line in before:
        if line.key not in new:
            changes.append(
                LineChange(
                    Change.REMOVED, line.key, line.kind, line.description, line.amount, None, {}
                )
            )
    totals = {
        name: (totals_before.get(name, Decimal("0.00")), totals_after.get(name, Decimal("0.00")))
        for name in dict.fromkeys([*totals_before, *totals_after])
    }
    return VersionDiff(tuple(changes), totals)


def describe_changes(changes: VersionDiff, *, limit: int = 8) -> tuple[str, str]:
    """What changed, in a sentence each in Chinese and English: the lines (at most ``limit``,
    then a count of the rest) and the total, for a message to the person whose save clashed."""
    zh: list[str] = []
    en: list[str] = []
    for line in changes.lines[:limit]:
        if line.change is Change.ADDED:
            zh.append(f"新增「{line.description}」{line.after}")
            en.append(f"added {line.description} ({line.after})")
        elif line.change is Change.REMOVED:
            zh.append(f"删除「{line.description}」")
            en.append(f"removed {line.description}")
        else:
            fields = [f"{name} {a or '—'} → {b or '—'}" for name, (a, b) in line.fields.items()]
            if not line.fields and line.before != line.after:
                fields = [f"amount {line.before} → {line.after}"]
            zh.append(f"修改「{line.description}」：{'，'.join(fields)}")
            en.append(f"changed {line.description}: {', '.join(fields)}")
    if len(changes.lines) > limit:
        rest = len(changes.lines) - limit
        zh.append(f"另有 {rest} 行变动")
        en.append(f"and {rest} more lines")
    before, after = changes.totals.get("total", (Decimal("0.00"), Decimal("0.00")))
    if before != after:
        zh.append(f"合计 {before} → {after}")
        en.append(f"total {before} → {after}")
    return "；".join(zh), "; ".join(en)
