"""The three-way merge of a case at check-in (sync.md): the case as last exchanged (base),
as the laptop has it (mine) and as the server has it now (theirs), each a graph of rows by
table and key with JSON-plain values.

What only one side changed is taken from that side, field by field; a field both changed to
different values, or a row one side deleted and the other changed, is a clash. A clash is
never settled silently: the check-in reports it, and the assessor either re-applies (the
laptop's value wins each clash) or discards (the server's case stays whole).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

Value = str | int | bool | None
Row = Mapping[str, Value]
#: (table, primary key as text)
Key = tuple[str, str]
Graph = Mapping[Key, Row]

#: The optimistic-lock counter: never a clash; a row both sides changed moves past both.
VERSION_COLUMN = "row_version"


@dataclass(frozen=True)
class Clash:
    """Both sides changed ``key``: one field (``column``) to different values, or the whole
    row (``column`` None: deleted on one side, changed on the other)."""

    key: Key
    column: str | None
    base: Value
    mine: Value
    theirs: Value


@dataclass(frozen=True)
class CaseMerge:
    """What to write over the server's case to reach the merged case (a row, or None to
    delete it), and the clashes (with clashes and no re-apply nothing may be written)."""

    writes: dict[Key, Row | None] = field(default_factory=dict)
    clashes: tuple[Clash, ...] = ()
    changed_here: bool = False


def merge(
    base: Graph,
    mine: Graph,
    theirs: Graph,
    *,
    mine_wins: bool = False,
    groups: Mapping[str, str] | None = None,
) -> CaseMerge:
    """Merge the laptop's changes since ``base`` into ``theirs``; with ``mine_wins`` each
    clash takes the laptop's side (re-apply). ``groups`` names tables whose rows are saved
    as a whole set per owner (table → the owner's column, e.g. a version's lines, replaced
    at each save): such a set is taken whole from the side that changed it, and a set both
    sides changed is one clash (key: table and owner)."""
    writes: dict[Key, Row | None] = {}
    clashes: list[Clash] = []
    grouped = groups or {}
    _merge_groups(base, mine, theirs, grouped, mine_wins, writes, clashes)
    for key in sorted(set(base) | set(mine) | set(theirs)):
        if key[0] in grouped:
            continue
        was, here, there = base.get(key), mine.get(key), theirs.get(key)
        if here in (was, there):
            continue  # untouched here, or both sides agree
        if there == was:
            writes[key] = here  # only the laptop changed it
        elif here is None or there is None:
            clashes.append(Clash(key, None, _whole(was), _whole(here), _whole(there)))
            if mine_wins:
                writes[key] = here
        else:
            merged = _merge_row(key, was or {}, here, there, clashes, mine_wins)
            if merged != there:
                writes[key] = merged
    changed = any(mine.get(key) != base.get(key) for key in set(base) | set(mine))
    return CaseMerge(writes, tuple(clashes), changed)


def _sets(graph: Graph, table: str, owner: str) -> dict[Value, dict[Key, Row]]:
    found: dict[Value, dict[Key, Row]] = {}
    for key, row in graph.items():
        if key[0] == table:
            found.setdefault(row.get(owner), {})[key] = row
    return found


def _merge_groups(
    base: Graph,
    mine: Graph,
    theirs: Graph,
    groups: Mapping[str, str],
    mine_wins: bool,
    writes: dict[Key, Row | None],
    clashes: list[Clash],
) -> None:
    for table, owner in sorted(groups.items()):
        was, here, there = (_sets(g, table, owner) for g in (base, mine, theirs))
        for of in sorted(set(was) | set(here) | set(there), key=str):
            old, new, other = was.get(of, {}), here.get(of, {}), there.get(of, {})
            if new in (old, other):
                continue
            if other != old:
                key = (table, str(of))
                clashes.append(Clash(key, None, len(old), len(new), len(other)))
                if not mine_wins:
                    continue
            writes.update({k: None for k in other if k not in new})
            writes.update({k: row for k, row in new.items() if other.get(k) != row})


def _whole(row: Row | None) -> Value:
    return None if row is None else "present"


def _merge_row(
    key: Key, was: Row, here: Row, there: Row, clashes: list[Clash], mine_wins: bool
) -> dict[str, Value]:
    merged = dict(there)
    for column in sorted(set(here) | set(there)):
        if column == VERSION_COLUMN:
            continue
        old, mine_value, theirs_value = was.get(column), here.get(column), there.get(column)
        if mine_value in (old, theirs_value):
            continue
        if theirs_value == old:
            merged[column] = mine_value
            continue
        clashes.append(Clash(key, column, old, mine_value, theirs_value))
        if mine_wins:
            merged[column] = mine_value
    if VERSION_COLUMN in here or VERSION_COLUMN in there:
        counters = [v for v in (here.get(VERSION_COLUMN), there.get(VERSION_COLUMN)) if v]
        merged[VERSION_COLUMN] = max(int(v) for v in counters) + 1 if counters else 1
    return merged


def applied(theirs: Graph, writes: Mapping[Key, Row | None]) -> dict[Key, Row]:
    """The graph ``theirs`` with ``writes`` done."""
    result = dict(theirs)
    for key, row in writes.items():
        if row is None:
            result.pop(key, None)
        else:
            result[key] = row
    return result
