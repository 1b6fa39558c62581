"""Ranked part search: Chinese substring, pinyin initials or full pinyin, part number.

A query becomes a small plan of bounded SQL statements (each with a LIMIT), whose
candidate ids are ranked in Python: exact part number first, then fitment to the chosen
model, then how well the name matches, then shorter names. Every statement is answered by
an index (B-tree, FTS5 trigram, or the 1–2 character gram table), so latency does not
grow with the catalog. The plan is plain data so that a benchmark can issue the very same
SQL directly through the driver as its floor.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from parts_catalog.model import PartMatch, normalize_part_no
from parts_catalog.search_keys import has_cjk

#: Candidates taken from each statement before ranking.
CANDIDATES = 200
MAX_QUERY_CHARS = 60
#: Part-number prefixes this long or longer also look for parts fitting the chosen model.
MODEL_PREFIX_MIN = 4

# Match quality, best first.
EXACT, PREFIX, CONTAINS = 0, 1, 2


class Cursor(Protocol):
    """The part of a DB-API connection the search needs (sqlite3 or a driver connection)."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Any: ...


@dataclass(frozen=True)
class Statement:
    """One bounded query returning part ids; ``quality`` ranks what it finds."""

    sql: str
    params: tuple[Any, ...]
    quality: int
    exact_part_no: bool = False
    by_part_no: bool = False


@dataclass(frozen=True)
class SearchPlan:
    """What to run for a query."""

    text: str
    statements: tuple[Statement, ...]
    model_id: int | None


def _fts_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _upper_bound(prefix: str) -> str:
    return prefix + "\U0010ffff"


def normalize_query(text: str) -> str:
    """Half-width, trimmed, limited in length, lower-case Latin letters."""
    return unicodedata.normalize("NFKC", text).strip()[:MAX_QUERY_CHARS]


def plan_search(text: str, model_id: int | None = None, limit: int = 50) -> SearchPlan:
    """The statements that answer ``text`` (optionally ranked for one model)."""
    query = normalize_query(text)
    cap = max(limit, CANDIDATES)
    statements: list[Statement] = []
    if not query:
        return SearchPlan(query, (), model_id)
    if has_cjk(query):
        name = "".join(query.split())
        statements += [
            Statement("SELECT id FROM parts WHERE name_zh = ? LIMIT ?", (name, cap), EXACT),
            Statement(
                "SELECT id FROM parts WHERE name_zh >= ? AND name_zh < ? LIMIT ?",
                (name, _upper_bound(name), cap),
                PREFIX,
            ),
        ]
        if model_id is not None:
            statements.append(
                Statement(
                    "SELECT f.part_id FROM part_fitments f JOIN parts p ON p.id = f.part_id "
                    "WHERE f.model_id = ? AND instr(p.name_zh, ?) > 0 LIMIT ?",
                    (model_id, name, cap),
                    CONTAINS,
                )
            )
        statements.append(_contains(name, "name_zh", cap))
        return SearchPlan(query, tuple(statements), model_id)

    part_no = normalize_part_no(query)
    letters = "".join(query.lower().split())
    if part_no:
        statements += [
            Statement(
                "SELECT id FROM parts WHERE part_no = ?",
                (part_no,),
                EXACT,
                exact_part_no=True,
                by_part_no=True,
            ),
            Statement(
                "SELECT id FROM parts WHERE part_no >= ? AND part_no < ? ORDER BY part_no LIMIT ?",
                (part_no, _upper_bound(part_no), cap),
                PREFIX,
                by_part_no=True,
            ),
        ]
    if letters.isascii() and letters.isalpha():
        statements += [
            Statement("SELECT id FROM parts WHERE initials = ? LIMIT ?", (letters, cap), EXACT),
            Statement(
                "SELECT id FROM parts WHERE initials >= ? AND initials < ? LIMIT ?",
                (letters, _upper_bound(letters), cap),
                PREFIX,
            ),
        ]
        if model_id is not None:
            statements.append(
                Statement(
                    "SELECT f.part_id FROM part_fitments f JOIN parts p ON p.id = f.part_id "
                    "WHERE f.model_id = ? AND (instr(p.initials, ?) > 0 OR instr(p.pinyin, ?) > 0) "
                    "LIMIT ?",
                    (model_id, letters, letters, cap),
                    CONTAINS,
                )
            )
        statements.append(_contains(letters, "{initials pinyin}", cap))
    elif model_id is not None and len(part_no) >= MODEL_PREFIX_MIN:
        # Walk the part-number range (short once a few characters are typed) and keep the
        # parts that fit, rather than every part of the model.
        statements.append(
            Statement(
                "SELECT p.id FROM parts p WHERE p.part_no >= ? AND p.part_no < ? AND EXISTS "
                "(SELECT 1 FROM part_fitments f WHERE f.part_id = p.id AND f.model_id = ?) "
                "LIMIT ?",
                (part_no, _upper_bound(part_no), model_id, cap),
                PREFIX,
                by_part_no=True,
            )
        )
    if part_no and len(part_no) >= 3 and not letters.isalpha():
        statements.append(
            Statement(
                "SELECT rowid FROM part_search_tri WHERE part_search_tri MATCH ? LIMIT ?",
                ("part_no : " + _fts_string(part_no), cap),
                CONTAINS,
                by_part_no=True,
            )
        )
    return SearchPlan(query, tuple(statements), model_id)


def _contains(text: str, columns: str, cap: int) -> Statement:
    """Substring match: trigram index from 3 characters, the gram index below that."""
    if len(text) >= 3:
        return Statement(
            "SELECT rowid FROM part_search_tri WHERE part_search_tri MATCH ? LIMIT ?",
            (f"{columns} : {_fts_string(text)}", cap),
            CONTAINS,
        )
    return Statement(
        "SELECT rowid FROM part_search_gram WHERE part_search_gram MATCH ? LIMIT ?",
        (_fts_string(text.lower()), cap),
        CONTAINS,
    )


_DETAIL_SQL = (
    "SELECT id, part_no, name_zh, name_en, component_code, category FROM parts WHERE id IN ({})"
)
_MODELS_SQL = (
    "SELECT f.part_id, m.model_code FROM part_fitments f JOIN vehicle_models m "
    "ON m.id = f.model_id WHERE f.part_id IN ({}) ORDER BY m.model_code"
)
_FITS_SQL = "SELECT part_id FROM part_fitments WHERE model_id = ? AND part_id IN ({})"


def run_plan(cursor: Cursor, plan: SearchPlan, limit: int = 50) -> list[PartMatch]:
    """Run a plan and rank its candidates."""
    # part id -> (best quality, exact part number, found by part number)
    found: dict[int, tuple[int, bool, bool]] = {}
    for statement in plan.statements:
        for (part_id,) in cursor.execute(statement.sql, statement.params).fetchall():
            quality, exact, by_number = found.get(part_id, (CONTAINS + 1, False, False))
            if statement.quality < quality:
                by_number = statement.by_part_no
            elif statement.quality == quality:
                by_number = by_number or statement.by_part_no
            found[part_id] = (
                min(quality, statement.quality),
                exact or statement.exact_part_no,
                by_number,
            )
    if not found:
        return []
    ids = list(found)
    marks = ",".join("?" * len(ids))
    details = {row[0]: row for row in cursor.execute(_DETAIL_SQL.format(marks), ids).fetchall()}
    if plan.model_id is not None:
        fitting = {
            r[0] for r in cursor.execute(_FITS_SQL.format(marks), [plan.model_id, *ids]).fetchall()
        }
    else:
        fitting = set()

    def rank(part_id: int) -> tuple[Any, ...]:
        # Exact part number, then fitment, then match quality; part-number matches list in
        # part-number order, name matches shortest name first.
        quality, exact, by_number = found[part_id]
        row = details[part_id]
        return (
            not exact,
            part_id not in fitting,
            quality,
            not by_number,
            row[1] if by_number else "",
            len(row[2]),
            row[1],
        )

    best = sorted((i for i in ids if i in details), key=rank)[:limit]
    if not best:
        return []
    models: dict[int, list[str]] = {i: [] for i in best}
    best_marks = ",".join("?" * len(best))
    for part_id, code in cursor.execute(_MODELS_SQL.format(best_marks), best).fetchall():
        models[part_id].append(code)
    return [
        PartMatch(
            part_id=i,
            part_no=details[i][1],
            name_zh=details[i][2],
            name_en=details[i][3],
            component_code=details[i][4],
            category=details[i][5],
            models=tuple(models[i]),
            fits_model=i in fitting,
            exact_part_no=found[i][1],
            match_quality=found[i][0],
        )
        for i in best
    ]


def search(
    cursor: Cursor, text: str, model_id: int | None = None, limit: int = 50
) -> list[PartMatch]:
    """Plan and run a search in one call."""
    return run_plan(cursor, plan_search(text, model_id, limit), limit)
