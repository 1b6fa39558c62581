"""Catalog use cases: import a workbook, search parts, find a model by VIN, look up prices,
and a maintainer's correction of a part (optimistic locking on ``row_version``)."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from estimator.domain.errors import DomainError
from estimator.domain.workflow import Role, require_role
from estimator.persistence import audit
from estimator.persistence.catalog import CatalogRepository
from estimator.persistence.database import DatabaseError
from estimator.persistence.uow import UnitOfWork, advisory_lock
from estimator.services.imports import ImportResult, run_import
from estimator.services.ports import UnitOfWorkLike
from estimator.services.users import User
from kernel.problems import Problem, Worded, register_messages
from kernel.workbook import Progress
from parts_catalog import store
from parts_catalog.model import CatalogVersion, PartMatch, PriceType, normalize_part_no
from parts_catalog.rows import (
    PartRow,
)
from parts_catalog.search import search as run_search
from parts_catalog.search_keys import pinyin_keys
from parts_catalog.vin import VinCheck, check_vin, vin_prefix_candidates
from parts_catalog.workbook import (
    ParsedCatalog,
    check_part_changes,
    read_catalog,
)


def import_catalog(
    engine: Engine,
    path: Path,
    *,
    region: str | None = None,
    actor: User,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Import a catalog workbook as a new catalog version: atomic unless ``skip_invalid``.
    ``progress`` is told the rows read and may cancel (nothing is then written)."""

    def find(session: Session, content_hash: str) -> int | None:
        found = store.find_version_by_hash(session, content_hash)
        return None if found is None else found.id

    def read(session: Session) -> Callable[[], ParsedCatalog]:
        known = store.known_model_codes(session)
        return lambda: read_catalog(path, region=region, known_models=known, progress=progress)

    replaced: list[Problem] = []

    def write(
        session: Session, parsed: ParsedCatalog, content_hash: str
    ) -> tuple[int, dict[str, int]]:
        catalog_write_lock(session)
        replaced.extend(_corrections_replaced(session, parsed, actor.username))
        counts = store.store_catalog(
            session,
            source_name=path.name,
            content_hash=content_hash,
            models=parsed.models,
            parts=parsed.parts.values(),
            rejected_count=parsed.rows_rejected,
            imported_by=actor.username,
        )
        return counts.version_id, {
            "models": counts.models_added + counts.models_updated,
            "parts_added": counts.parts_added,
            "parts_updated": counts.parts_updated,
            "prices_added": counts.prices_added,
            "corrections_replaced": len(replaced),
        }

    result = run_import(
        engine,
        path,
        actor=actor,
        entity="catalog_version",
        skip_invalid=skip_invalid,
        find_existing=find,
        read=read,
        store=write,
    )
    if result.status == "imported":
        result.problems.extend(replaced)
        refresh_search_statistics(engine)
    return result


#: The PostgreSQL advisory lock an import and a correction take before reading the parts.
CATALOG_WRITE_LOCK = 0x434154  # "CAT"


def catalog_write_lock(session: Session) -> None:
    """One catalog writer at a time, until commit: an import reads the corrections it is
    about to overwrite, and a correction committed between that read and the import's update
    would be overwritten unnamed. On SQLite the writer lock taken at BEGIN IMMEDIATE does it:
    the transaction is begun here."""
    session.connection()  # begins the transaction (SQLite's BEGIN IMMEDIATE) if not yet
    advisory_lock(session, CATALOG_WRITE_LOCK)


register_messages(
    {
        "correction_replaced": (
            "{by} 的更正 “{corrected}” 已被本工作簿的 “{imported}” 取代",
            "{by}'s correction '{corrected}' was replaced by this workbook's '{imported}'",
        )
    }
)


def _corrections_replaced(
    session: Session, parsed: ParsedCatalog, imported_by: str
) -> list[Problem]:
    """The maintainers' corrections this workbook is about to overwrite: parts whose last
    change was a correction (no import has moved their version since) and whose workbook row
    holds another value for a corrected attribute. Told to the importer (notes on the
    result) and audited with the import, so no correction disappears unnoticed."""
    # Per part: who corrected each field since the last import changed it, and the version
    # the last correction left (an import moves it: the corrections before are gone).
    latest: dict[int, tuple[dict[str, str], int]] = {}
    for actor, entity_id, data in audit.entries(session, "part", "correct"):
        part_id = int(entity_id)
        version = int(data.get("row_version", 0))
        follows = part_id in latest and latest[part_id][1] == version - 1
        correctors = dict(latest[part_id][0]) if follows else {}
        correctors.update(dict.fromkeys(data.get("changes", {}), actor))
        latest[part_id] = (correctors, version)
    if not latest:
        return []
    notes: list[Problem] = []
    rows = CatalogRepository(session).parts_by_id(latest)
    for row in sorted(rows, key=lambda r: r.part_no):
        changed, version = latest[row.id]
        part = parsed.parts.get(row.part_no)
        if part is None or row.row_version != version:
            continue  # not in this workbook, or an import has already replaced it
        for name in sorted(changed):
            ours, theirs = getattr(row, name), getattr(part, name)
            if ours != theirs:
                notes.append(
                    Problem(
                        "correction_replaced",
                        sheet="parts",
                        column=name,
                        value=row.part_no,
                        params={
                            "by": changed[name],
                            "corrected": _shown(ours),
                            "imported": _shown(theirs),
                        },
                        severity="note",
                    )
                )
    if notes:
        audit.record(
            session,
            actor=imported_by,
            entity="catalog",
            entity_id="import",
            action="corrections_replaced",
            detail={
                "replaced": [
                    {
                        "part_no": n.value,
                        "field": n.column,
                        "corrected": n.params["corrected"],
                        "imported": n.params["imported"],
                        "by": n.params["by"],
                    }
                    for n in notes
                ]
            },
        )
    return notes


def _shown(value: object) -> str:
    """An attribute's value in a note read in either language (shown_value; yes/no in both)."""
    if isinstance(value, bool):
        return f"{shown_value(value, zh=True)} {shown_value(value, zh=False)}"
    return shown_value(value, zh=False)


#: The tables a part search reads.
SEARCH_TABLES = ("parts", "part_fitments", "part_search_grams", "vehicle_models")


def refresh_search_statistics(engine: Engine) -> None:
    """On PostgreSQL, VACUUM (ANALYZE) the tables a search reads once a catalog is stored:
    the planner then knows the new sizes and the index-only scans skip the heap at once,
    not a minute or more later when autovacuum comes round (until then a search filtered
    by model picks worse plans). Best effort: the import is already committed, and
    autovacuum does the same later. SQLite plans without such statistics."""
    if engine.dialect.name != "postgresql":
        return
    with contextlib.suppress(DBAPIError, DatabaseError), engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
            "VACUUM (ANALYZE) " + ", ".join(SEARCH_TABLES)
        )


class UnknownModel(LookupError):
    """A model code that is not in the catalog."""


def search_parts(
    engine: Engine, text: str, *, model_code: str | None = None, limit: int = 50
) -> list[PartMatch]:
    """Ranked part search (see parts_catalog/search.py); the model and the parts are read
    on one connection, in one transaction."""
    with UnitOfWork(engine) as uow:
        model_id = None
        if model_code:
            model_id = uow.catalog.model_id(model_code.upper())
            if model_id is None:
                raise UnknownModel(model_code)
        connection = uow.session.connection()
        return run_search(
            connection.connection.driver_connection,  # type: ignore[arg-type]
            text,
            model_id,
            limit,
            connection.dialect.name,
        )


@dataclass(frozen=True)
class VinLookup:
    """A VIN's check and the model its longest registered prefix names (if any)."""

    check: VinCheck
    model_code: str | None
    model_name: str | None
    vehicle_class: str | None
    matched_prefix: str | None


def find_model_by_vin(engine: Engine, vin: str) -> VinLookup:
    """The model whose registered VIN prefix is the longest prefix of ``vin``."""
    with UnitOfWork(engine) as uow:
        return model_by_vin(uow, vin)


def model_by_vin(uow: UnitOfWorkLike, vin: str) -> VinLookup:
    """``find_model_by_vin`` in ``uow``: the longest registered prefix wins, and of two
    models with the same prefix the greater code (a stable choice)."""
    check = check_vin(vin)
    rows = uow.catalog.models_by_vin_prefix(vin_prefix_candidates(check.vin))
    if not rows:
        return VinLookup(check, None, None, None, None)
    best = max(rows, key=lambda r: (len(r.prefix), r.model_code))
    return VinLookup(
        check, best.model_code, f"{best.brand} {best.model_name}", best.vehicle_class, best.prefix
    )


@dataclass(frozen=True)
class PriceQuote:
    """A catalog price as of a date, and where it came from."""

    part_no: str
    region: str
    price_type: PriceType
    price: Decimal
    effective_date: dt.date
    catalog_version_id: int


def price_on(
    engine: Engine, part_no: str, region: str, price_type: PriceType, on: dt.date
) -> PriceQuote | None:
    """The price in force on ``on``: latest effective date not after it, newest import wins."""
    number = normalize_part_no(part_no)
    with UnitOfWork(engine) as uow:
        row = uow.catalog.price_on(number, region.upper(), price_type.value, on)
    if row is None:
        return None
    return PriceQuote(
        number, region.upper(), price_type, row.price, row.effective_date, row.catalog_version_id
    )


def catalog_is_empty(engine: Engine) -> bool:
    """Whether no catalog has been imported yet (no parts to search)."""
    with UnitOfWork(engine) as uow:
        return not uow.catalog.has_parts()


def catalog_versions(engine: Engine) -> list[CatalogVersion]:
    """Every catalog import, newest first."""
    with UnitOfWork(engine) as uow:
        rows = uow.catalog.versions()
        return [
            CatalogVersion(
                r.id,
                r.source_name,
                r.content_hash,
                r.imported_at,
                r.imported_by,
                r.models_count,
                r.parts_count,
                r.prices_count,
                r.rejected_count,
            )
            for r in rows
        ]


def write_catalog_template(path: Path) -> None:
    """Write the empty catalog workbook template."""
    from parts_catalog.workbook import write_template

    write_template(path)


# --- a maintainer's correction of a part -------------------------------------------------

#: The attributes shown and compared when a part is corrected: (Chinese, English) labels.
#: All but the component code may be corrected (PART_ATTRIBUTE_CHECKS).
PART_FIELDS: dict[str, tuple[str, str]] = {
    "name_zh": ("中文名称", "Chinese name"),
    "name_en": ("英文名称", "English name"),
    "component_code": ("部件编码", "component code"),
    "category": ("配件分类", "category"),
    "recover_old_part": ("旧件回收", "recover old part"),
    "salvage_rate": ("残值率", "salvage rate"),
}


@dataclass(frozen=True)
class EditablePart:
    """A part as read for a correction; ``row_version`` is what the correction is based on."""

    part_no: str
    name_zh: str
    name_en: str
    component_code: str
    category: str
    recover_old_part: bool
    salvage_rate: Decimal | None
    row_version: int
    #: The import that last changed the part.
    catalog_version_id: int

    def value(self, field_name: str) -> object:
        """One attribute by name (a key of ``PART_FIELDS``)."""
        return getattr(self, field_name)


def shown_value(value: object, zh: bool) -> str:
    """An attribute's value as a message shows it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return ("是" if value else "否") if zh else ("yes" if value else "no")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _changes_text(changes: dict[str, tuple[object, object]], zh: bool) -> str:
    return ("；" if zh else "; ").join(
        f"{PART_FIELDS.get(f, (f, f))[0 if zh else 1]} "
        f"{shown_value(old, zh)} → {shown_value(new, zh)}"
        for f, (old, new) in changes.items()
    )


@dataclass(frozen=True)
class PartChanger:
    """Who changed a part: a maintainer's correction, or a catalog import."""

    actor: str
    catalog_version_id: int | None = None
    source_name: str = ""

    def describe(self, zh: bool) -> str:
        """In words: the person, or the import with its file and importer."""
        if self.catalog_version_id is None:
            return self.actor
        by = f"，{self.actor}" if zh and self.actor else f" by {self.actor}" if self.actor else ""
        if zh:
            return f"目录导入 v{self.catalog_version_id} ({self.source_name}{by})"
        return f"catalog import v{self.catalog_version_id} ({self.source_name}{by})"


class CatalogEditConflict(DomainError):
    """The part changed (a correction or an import) after the correction's version was read:
    refused, nothing written. ``changes`` is what they changed (field: (base, theirs)),
    ``mine`` the maintainer's values, kept to re-apply on ``theirs``."""

    def __init__(
        self,
        base: EditablePart,
        theirs: EditablePart,
        mine: dict[str, object],
        changed_by: tuple[PartChanger, ...],
    ) -> None:
        self.base, self.theirs, self.mine, self.changed_by = base, theirs, mine, changed_by
        self.changes = {
            f: (base.value(f), theirs.value(f))
            for f in PART_FIELDS
            if base.value(f) != theirs.value(f)
        }
        my_changes = {f: (base.value(f), v) for f, v in mine.items() if base.value(f) != v}
        who = Worded(
            "、".join(c.describe(True) for c in changed_by),
            ", ".join(c.describe(False) for c in changed_by),
        )
        theirs_text = Worded(_changes_text(self.changes, True), _changes_text(self.changes, False))
        mine_text = Worded(_changes_text(my_changes, True), _changes_text(my_changes, False))
        super().__init__(
            "catalog_edit_conflict",
            who=who if changed_by else Problem("someone"),
            part_no=base.part_no,
            theirs=theirs_text if theirs_text.zh else Problem("no_attribute_changes"),
            mine=mine_text if mine_text.zh else Problem("no_changes"),
        )


class InvalidPartCorrection(DomainError):
    """A corrected value the catalog workbook would refuse too; ``problems`` name each."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems

        def text(zh: bool) -> str:
            return ("；" if zh else "; ").join(
                f"{PART_FIELDS.get(p.column or '', (p.column, p.column))[0 if zh else 1]}: "
                f"{p.reason('zh' if zh else 'en')}"
                for p in problems
            )

        super().__init__("invalid_part_correction", problems=Worded(text(True), text(False)))


def _unknown_part(part_no: str) -> DomainError:
    return DomainError("unknown_part", part_no=part_no)


def _editable(row: PartRow) -> EditablePart:
    return EditablePart(**{f.name: getattr(row, f.name) for f in fields(EditablePart)})


def part_for_edit(engine: Engine, part_no: str) -> EditablePart:
    """A part with its version, to correct (any separators in the number are ignored)."""
    number = normalize_part_no(part_no)
    with UnitOfWork(engine) as uow:
        row = uow.catalog.part(number)
        if row is None:
            raise _unknown_part(number)
        return _editable(row)


def _changers(session: Session, row: PartRow, base: EditablePart) -> tuple[PartChanger, ...]:
    """Who changed the part since ``base``: the corrections audited since, then the import
    that last changed it (if that is not the one ``base`` was read from)."""
    found: list[PartChanger] = []
    for actor, _id, detail in audit.entries(session, "part", "correct", row.id):
        if detail.get("row_version", 0) > base.row_version:
            changer = PartChanger(actor)
            if changer not in found:
                found.append(changer)
    if row.catalog_version_id != base.catalog_version_id:
        version = CatalogRepository(session).version(row.catalog_version_id)
        assert version is not None
        found.append(PartChanger(version.imported_by, version.id, version.source_name))
    return tuple(found)


def correct_part(
    engine: Engine,
    actor: User,
    part_no: str,
    based_on: EditablePart,
    changes: Mapping[str, object],
) -> EditablePart:
    """A maintainer corrects a part's names, category, old-part recovery or salvage rate.

    ``based_on`` is the part as read for the correction (:func:`part_for_edit`): if anyone
    has changed the part since (a correction or an import), nothing is written and a
    :class:`CatalogEditConflict` says what they changed; the caller keeps ``changes`` to
    re-apply. Values are checked as the catalog workbook checks them. The search keys and
    index follow a new name, and every changed attribute is audited old → new. Returns the
    part as now stored (the same version when nothing changed)."""
    require_role(actor.username, actor.roles, Role.MAINTAINER)
    number = normalize_part_no(part_no)
    if number != based_on.part_no:
        raise ValueError(f"based_on is part {based_on.part_no}, not {number}")
    values, problems = check_part_changes(changes)
    if problems:
        raise InvalidPartCorrection(problems)
    with UnitOfWork(engine, write=True) as uow:
        session = uow.session
        catalog_write_lock(session)
        # Locked until commit (FOR UPDATE on PostgreSQL; SQLite's writer lock is taken at
        # BEGIN): a second correction or an import waits, then sees the version has moved.
        row = uow.catalog.part(number, lock=True)
        if row is None:
            raise _unknown_part(number)
        if row.row_version != based_on.row_version:
            raise CatalogEditConflict(
                based_on, _editable(row), values, _changers(session, row, based_on)
            )
        changed = {f: (getattr(row, f), v) for f, v in values.items() if getattr(row, f) != v}
        if not changed:
            return _editable(row)
        for f, (_old, new) in changed.items():
            setattr(row, f, new)
        if "name_zh" in changed:
            row.pinyin, row.initials = pinyin_keys(row.name_zh)
        session.flush()  # moves row_version (the mapper's version column)
        if "name_zh" in changed:
            store.reindex_part(
                session.connection(), row.id, row.part_no, row.name_zh, row.pinyin, row.initials
            )
        audit.record(
            session,
            actor=actor.username,
            entity="part",
            entity_id=row.id,
            action="correct",
            detail={
                "part_no": row.part_no,
                "row_version": row.row_version,
                "changes": {f: [old, new] for f, (old, new) in changed.items()},
            },
        )
        corrected = _editable(row)
        uow.commit()
    return corrected
