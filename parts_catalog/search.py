"""Ranked part search: Chinese substring, pinyin initials or full pinyin, part number.

A query becomes a small plan of bounded SQL statements (each with a LIMIT), whose
candidate ids are ranked in Python: exact part number first, then fitment to the chosen
model, then how well the name matches, then shorter names. Every statement is answered by
an index (B-tree, FTS5 trigram, or the 1–2 character gram table), so latency does not
grow with the catalog. The plan is plain data so that a benchmark can issue the very same
SQL directly through the driver as its floor.

SQLite and PostgreSQL get the same plan in their own SQL: on SQLite the substring
statements use FTS5 (trigram, and the gram table for 1–2 characters); on PostgreSQL they
use LIKE (ILIKE for Latin letters in names) on pg_trgm GIN indexes and a text[] gram
column with a GIN index, and range scans compare with the "C" collation (code-point order,
as SQLite and Python do) so the same candidates come back in the same order whatever the
database's locale (migration 0011).
"""

from __future__ import annotations

import re
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
    dialect: str = "sqlite"


_UNICODE61_TOKEN = re.compile(r"\w+")


class _Sql:
    """The dialect's spelling of the few things the plan needs (SQLite unless PostgreSQL)."""

    def __init__(self, dialect: str) -> None:
        self.pg = dialect == "postgresql"

    def col(self, column: str) -> str:
        """A column compared in code-point order (an index with COLLATE "C" on PostgreSQL)."""
        return f'{column} COLLATE "C"' if self.pg else column

    def contains_at(self, column: str, text: str) -> tuple[str, Any]:
        """``column`` holds ``text`` as a substring (case-sensitive, as instr): the condition
        and its parameter. On PostgreSQL, from 3 characters, as LIKE, which the column's
        trigram index answers, so the planner may start from the parts that match and keep
        those fitting the model instead of reading every part of the model (a model's few
        thousand parts, one by one, cost several times more); shorter, strpos."""
        if not self.pg:
            return f"instr({column}, ?) > 0", text
        if len(text) >= 3:
            return f"{column} LIKE ?", _like_pattern(text)
        return f"strpos({column}, ?) > 0", text

    def out(self, sql: str) -> str:
        """Placeholders as the driver takes them (qmark for sqlite3, format for psycopg)."""
        return sql.replace("?", "%s") if self.pg else sql

    def statement(
        self,
        sql: str,
        params: tuple[Any, ...],
        quality: int,
        *,
        order: str = "",
        exact_part_no: bool = False,
        by_part_no: bool = False,
    ) -> Statement:
        """``sql`` for the driver; on PostgreSQL ordered by ``order`` before its LIMIT, the
        order SQLite's index or full-text table gives, so the same candidates are kept."""
        if self.pg and order:
            sql = sql.replace(" LIMIT ?", f" ORDER BY {order} LIMIT ?")
        return Statement(self.out(sql), params, quality, exact_part_no, by_part_no)

    def substring(
        self, text: str, columns: tuple[str, ...], cap: int, *, by_part_no: bool = False
    ) -> Statement:
        """Parts where any of ``columns`` contains ``text`` (3+ characters), case-insensitive."""
        if self.pg:
            pattern = _like_pattern(text)
            # Pinyin keys are kept in lower case and part numbers in upper case, as the
            # query is made: only a name with Latin letters needs ILIKE (several times
            # slower than LIKE).
            cased = text.lower() != text.upper()
            where = " OR ".join(
                f"{c} {'ILIKE' if cased and c == 'name_zh' else 'LIKE'} ?" for c in columns
            )
            return self.statement(
                f"SELECT id FROM parts WHERE {where} LIMIT ?",
                (*[pattern] * len(columns), cap),
                CONTAINS,
                order="id",
                by_part_no=by_part_no,
            )
        names = columns[0] if len(columns) == 1 else "{" + " ".join(columns) + "}"
        return self.statement(
            "SELECT rowid FROM part_search_tri WHERE part_search_tri MATCH ? LIMIT ?",
            (f"{names} : {_fts_string(text)}", cap),
            CONTAINS,
            by_part_no=by_part_no,
        )

    def short(self, text: str, cap: int) -> Statement | None:
        """Parts whose name (or initials) holds the 1–2 character ``text`` as a gram."""
        if self.pg:
            # The tokens FTS5's unicode61 tokenizer would make of the query.
            tokens = _UNICODE61_TOKEN.findall(text.lower().replace("_", " "))
            if not tokens:
                return None
            return self.statement(
                "SELECT part_id FROM part_search_grams WHERE grams @> ?::text[] LIMIT ?",
                (tokens, cap),
                CONTAINS,
                order="part_id",
            )
        return self.statement(
            "SELECT rowid FROM part_search_gram WHERE part_search_gram MATCH ? LIMIT ?",
            (_fts_string(text.lower()), cap),
            CONTAINS,
        )


def _like_pattern(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, its wildcards and escape taken literally."""
    return "%" + re.sub(r"([\\%_])", r"\\\1", text) + "%"


def _fts_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _upper_bound(prefix: str) -> str:
    return prefix + "\U0010ffff"


def normalize_query(text: str) -> str:
    """Half-width, trimmed, limited in length, lower-case Latin letters."""
    return unicodedata.normalize("NFKC", text).strip()[:MAX_QUERY_CHARS]


def _chinese_statements(
    sql: _Sql, query: str, model_id: int | None, cap: int
) -> list[Statement | None]:
    """Chinese text: the exact name, names it begins, the model's parts and names containing it."""
    name = "".join(query.split())
    statements: list[Statement | None] = [
        sql.statement(
            "SELECT id FROM parts WHERE name_zh = ? LIMIT ?", (name, cap), EXACT, order="id"
        ),
        sql.statement(
            f"SELECT id FROM parts WHERE {sql.col('name_zh')} >= ? "
            f"AND {sql.col('name_zh')} < ? LIMIT ?",
            (name, _upper_bound(name), cap),
            PREFIX,
            order=f"{sql.col('name_zh')}, id",
        ),
    ]
    if model_id is not None:
        in_name, name_param = sql.contains_at("p.name_zh", name)
        statements.append(
            sql.statement(
                "SELECT f.part_id FROM part_fitments f JOIN parts p ON p.id = f.part_id "
                f"WHERE f.model_id = ? AND {in_name} LIMIT ?",
                (model_id, name_param, cap),
                CONTAINS,
                order="f.part_id",
            )
        )
    statements.append(_contains(sql, name, ("name_zh",), cap))
    return statements


def _part_no_statements(sql: _Sql, part_no: str, cap: int) -> list[Statement | None]:
    """A part number: the exact one and the numbers it begins."""
    return [
        sql.statement(
            "SELECT id FROM parts WHERE part_no = ?",
            (part_no,),
            EXACT,
            exact_part_no=True,
            by_part_no=True,
        ),
        sql.statement(
            f"SELECT id FROM parts WHERE {sql.col('part_no')} >= ? "
            f"AND {sql.col('part_no')} < ? ORDER BY {sql.col('part_no')} LIMIT ?",
            (part_no, _upper_bound(part_no), cap),
            PREFIX,
            by_part_no=True,
        ),
    ]


def _letters_statements(
    sql: _Sql, letters: str, model_id: int | None, cap: int
) -> list[Statement | None]:
    """Latin letters: initials exact and begun, the model's parts and pinyin containing them."""
    statements: list[Statement | None] = [
        sql.statement(
            "SELECT id FROM parts WHERE initials = ? LIMIT ?", (letters, cap), EXACT, order="id"
        ),
        sql.statement(
            f"SELECT id FROM parts WHERE {sql.col('initials')} >= ? "
            f"AND {sql.col('initials')} < ? LIMIT ?",
            (letters, _upper_bound(letters), cap),
            PREFIX,
            order=f"{sql.col('initials')}, id",
        ),
    ]
    if model_id is not None:
        in_initials, initials_param = sql.contains_at("p.initials", letters)
        in_pinyin, pinyin_param = sql.contains_at("p.pinyin", letters)
        statements.append(
            sql.statement(
                "SELECT f.part_id FROM part_fitments f JOIN parts p ON p.id = f.part_id "
                f"WHERE f.model_id = ? AND ({in_initials} OR {in_pinyin}) LIMIT ?",
                (model_id, initials_param, pinyin_param, cap),
                CONTAINS,
                order="f.part_id",
            )
        )
    statements.append(_contains(sql, letters, ("initials", "pinyin"), cap))
    return statements


def plan_search(
    text: str, model_id: int | None = None, limit: int = 50, dialect: str = "sqlite"
) -> SearchPlan:
    """The statements that answer ``text`` (optionally ranked for one model)."""
    sql = _Sql(dialect)
    query = normalize_query(text)
    cap = max(limit, CANDIDATES)
    statements: list[Statement | None] = []
    if not query:
        return SearchPlan(query, (), model_id, dialect)
    if has_cjk(query):
        return _plan(query, _chinese_statements(sql, query, model_id, cap), model_id, dialect)

    part_no = normalize_part_no(query)
    letters = "".join(query.lower().split())
    if part_no:
        statements += _part_no_statements(sql, part_no, cap)
    if letters.isascii() and letters.isalpha():
        statements += _letters_statements(sql, letters, model_id, cap)
    elif model_id is not None and len(part_no) >= MODEL_PREFIX_MIN:
        # Walk the part-number range (short once a few characters are typed) and keep the
        # parts that fit, rather than every part of the model.
        statements.append(
            sql.statement(
                f"SELECT p.id FROM parts p WHERE {sql.col('p.part_no')} >= ? "
                f"AND {sql.col('p.part_no')} < ? AND EXISTS "
                "(SELECT 1 FROM part_fitments f WHERE f.part_id = p.id AND f.model_id = ?) "
                "LIMIT ?",
                (part_no, _upper_bound(part_no), model_id, cap),
                PREFIX,
                order=sql.col("p.part_no"),
                by_part_no=True,
            )
        )
    if part_no and len(part_no) >= 3 and not letters.isalpha():
        statements.append(sql.substring(part_no, ("part_no",), cap, by_part_no=True))
    return _plan(query, statements, model_id, dialect)


def _plan(
    query: str, statements: list[Statement | None], model_id: int | None, dialect: str
) -> SearchPlan:
    return SearchPlan(query, tuple(s for s in statements if s is not None), model_id, dialect)


def _contains(sql: _Sql, text: str, columns: tuple[str, ...], cap: int) -> Statement | None:
    """Substring match: trigram index from 3 characters, the gram index below that."""
    if len(text) >= 3:
        return sql.substring(text, columns, cap)
    return sql.short(text, cap)


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
    sql = _Sql(plan.dialect)
    ids = list(found)
    marks = ",".join("?" * len(ids))
    details = {
        row[0]: row for row in cursor.execute(sql.out(_DETAIL_SQL.format(marks)), ids).fetchall()
    }
    if plan.model_id is not None:
        fits_sql = sql.out(_FITS_SQL.format(marks))
        fitting = {r[0] for r in cursor.execute(fits_sql, [plan.model_id, *ids]).fetchall()}
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
    for part_id, code in cursor.execute(sql.out(_MODELS_SQL.format(best_marks)), best).fetchall():
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
    cursor: Cursor,
    text: str,
    model_id: int | None = None,
    limit: int = 50,
    dialect: str = "sqlite",
) -> list[PartMatch]:
    """Plan and run a search in one call."""
    return run_plan(cursor, plan_search(text, model_id, limit, dialect), limit)
