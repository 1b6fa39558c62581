"""Labor standards use cases: import a workbook, load the current standard."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from estimator.persistence.uow import UnitOfWork
from estimator.services.imports import ImportResult, run_import
from estimator.services.users import User
from kernel.workbook import Progress
from labor_standards import store
from labor_standards.model import LaborStandard
from labor_standards.workbook import ParsedStandard, read_standard


class NoLaborStandard(LookupError):
    """No labor standard has been imported yet."""


def import_labor_standard(
    engine: Engine,
    path: Path,
    *,
    actor: User,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Import a labor standards workbook as a new, complete version (the current one), as
    ``actor`` (a maintainer or an administrator; audited)."""

    def find(session: Session, content_hash: str) -> int | None:
        found = store.find_version_by_hash(session, content_hash)
        return None if found is None else found.id

    def read(_session: Session) -> Callable[[], ParsedStandard]:
        return lambda: read_standard(path, progress=progress)

    def write(
        session: Session, parsed: ParsedStandard, content_hash: str
    ) -> tuple[int, dict[str, int]]:
        version = store.store_standard(
            session,
            parsed,
            source_name=path.name,
            content_hash=content_hash,
            imported_by=actor.username,
        )
        return version, {
            "labor_times": len(parsed.labor_times),
            "labor_rates": len(parsed.labor_rates),
            "paint_panels": len(parsed.paint_panels),
            "paint_rates": len(parsed.paint_rates),
            "paint_discounts": len(parsed.paint_discounts),
        }

    return run_import(
        engine,
        path,
        actor=actor,
        entity="labor_standard_version",
        skip_invalid=skip_invalid,
        find_existing=find,
        read=read,
        store=write,
    )


#: Loaded standards by (database, version, content hash): a stored version never changes.
_LOADED: dict[tuple[str, int, str], LaborStandard] = {}


def standard_version(engine: Engine, version_id: int) -> LaborStandard:
    """A stored labor standard version (as a submitted estimate was priced with it)."""
    with UnitOfWork(engine) as uow:
        return _version_in(uow, version_id)


def standard_for(engine: Engine, version_id: int | None) -> LaborStandard:
    """The standard a version prices with: the one it was submitted with, else the current."""
    with UnitOfWork(engine) as uow:
        return standard_in(uow, version_id)


def current_standard(engine: Engine) -> LaborStandard:
    """The newest labor standard version (loaded once per version, then kept)."""
    with UnitOfWork(engine) as uow:
        return standard_in(uow, None)


def standard_in(uow: UnitOfWork, version_id: int | None) -> LaborStandard:
    """``standard_for`` read in ``uow``: version ``version_id``, else the newest one
    (NoLaborStandard before the first import)."""
    if version_id:
        return _version_in(uow, version_id)
    current = store.current_version(uow.session.connection())
    if current is None:
        raise NoLaborStandard()
    return _cached(uow, current[0], current[1])


def _version_in(uow: UnitOfWork, version_id: int) -> LaborStandard:
    return _cached(uow, version_id, "")


def _cached(uow: UnitOfWork, version_id: int, content_hash: str) -> LaborStandard:
    key = (uow.engine.url.render_as_string(hide_password=False), version_id, content_hash)
    if key not in _LOADED:
        _LOADED[key] = store.load_standard(uow.session.connection(), version_id)
    return _LOADED[key]


def write_labor_template(path: Path) -> None:
    """Write the empty labor standards workbook template."""
    from labor_standards.workbook import write_template

    write_template(path)
