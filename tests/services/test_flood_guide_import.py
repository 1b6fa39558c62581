"""The flooded-vehicle guide as imported data (settlement.md: "the guide as importable data"):
an imported guide is the one in force for the checklist, the ticked items and R17; a bad
workbook is refused whole with where, what and why, nothing stored; audited. On SQLite and
PostgreSQL."""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817 - reads like the money constructor
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from estimator.domain.errors import DomainError
from estimator.domain.flood_vehicle import LossRatio
from estimator.domain.workflow import Role
from estimator.persistence.uow import UnitOfWork
from estimator.services.flood_vehicle import (
    add_flood_items,
    guide_for,
    import_flood_guide,
    shipped_guide,
)
from estimator.services.review import review_estimate
from estimator.services.users import User
from tests.conftest import write_workbook
from tests.estimator.documents.test_flood_vehicle_workbook import GOOD_ITEMS, all_ratios
from tests.services.conftest import make_team
from tests.services.test_settlement import imported, priced_at

MAINTAINER = User("zhou", "周维护", frozenset({Role.MAINTAINER}))


def changed_guide(tmp_path: Path, items: list[list[Any]] | None = None) -> Path:
    """A guide whose level 3 runs from 3 % to 6 % (the shipped one: 8 %–18 % at 3 / H3),
    with three items (an inspection and seat cleaning at 3 / H3; the seat motor from H4)."""
    sheets = {"items": items or GOOD_ITEMS, "ratios": all_ratios()}
    return write_workbook(tmp_path / "guide.xlsx", sheets)


def _r17(engine: Engine, estimate_id: str) -> list[str]:
    return [f.code for f in review_estimate(engine, estimate_id) if f.rule == "R17"]


def test_an_imported_guide_is_the_one_the_checklist_and_r17_read(
    priced_db: Engine, tmp_path: Path
) -> None:
    """A flooded case at 3 / H3, actual value 109,800.00 and a total of 8,500.00: below the
    shipped range (8,784.00–19,764.00), above the imported one (3 %–6 %: 3,294.00–6,588.00).
    The checklist becomes the imported guide's two items; ticking one adds its line."""
    case = imported(priced_db, priced_at("8000.00", "500.00"))
    estimate_id = str(case.estimate_id)
    assert _r17(priced_db, estimate_id) == ["review.r17_below"]

    result = import_flood_guide(priced_db, changed_guide(tmp_path), MAINTAINER)
    assert result.stored and result.items == 3 and len(result.sha256) == 64

    checklist = guide_for(priced_db, case.case_id)  # type: ignore[arg-type]
    assert checklist.ratio == LossRatio(D("0.03"), D("0.06"))
    assert [i.code for i in checklist.items] == ["BRAKE_INSPECT", "SEAT_CLEAN"]
    assert _r17(priced_db, estimate_id) == ["review.r17_above"]
    team = make_team(priced_db, wang={Role.ASSESSOR})
    added = add_flood_items(priced_db, estimate_id, ["SEAT_CLEAN"], team["wang"])
    assert [i.code for i in added.added] == ["SEAT_CLEAN"]
    with pytest.raises(DomainError):  # the shipped guide's item is not in the imported one
        add_flood_items(priced_db, estimate_id, ["SEAT_DRY"], team["wang"])

    with UnitOfWork(priced_db) as uow:
        (entry,) = uow.audit.entries({"flood_guide": ["guide"]})
        assert (entry.action, entry.actor) == ("flood_guide_import", "zhou")


def test_a_broken_workbook_is_refused_whole_with_nothing_stored(
    priced_db: Engine, tmp_path: Path
) -> None:
    """A clean item without hours and an unknown action: each named by sheet and row; the
    shipped guide stays in force and nothing is audited."""
    bad = [
        *GOOD_ITEMS,
        ["3", "H3", "DOOR_CLEAN", "清洗车门", "", "clean", "DOOR", "mech", None, None, None],
        ["3", "H3", "ROOF", "修车顶", "", "paint", None, None, None, None, None],
    ]
    result = import_flood_guide(priced_db, changed_guide(tmp_path, bad), MAINTAINER)
    assert not result.stored
    assert [(p.sheet, p.row) for p in result.problems] == [("items", 5), ("items", 6)]
    assert result.problems[0].code == "flood_vehicle.needs_labor"
    case = imported(priced_db, priced_at("8000.00", "500.00"))
    checklist = guide_for(priced_db, case.case_id)  # type: ignore[arg-type]
    assert checklist.items == shipped_guide().items_for(3, "H3")
    with UnitOfWork(priced_db) as uow:
        assert uow.flood_guides.newest() is None
        assert list(uow.audit.entries({"flood_guide": ["guide"]})) == []


def test_not_a_workbook_and_a_missing_file_are_refused(priced_db: Engine, tmp_path: Path) -> None:
    text = tmp_path / "guide.xlsx"
    text.write_text("not a workbook", "utf-8")
    assert not import_flood_guide(priced_db, text, MAINTAINER).stored
    missing = import_flood_guide(priced_db, tmp_path / "none.xlsx", MAINTAINER)
    assert [p.code for p in missing.problems] == ["no_file"]
    with UnitOfWork(priced_db) as uow:
        assert uow.flood_guides.newest() is None


def test_only_maintainers_and_administrators_import(priced_db: Engine, tmp_path: Path) -> None:
    assessor = User("wang", "王定损", frozenset({Role.ASSESSOR}))
    with pytest.raises(DomainError):
        import_flood_guide(priced_db, changed_guide(tmp_path), assessor)
    with UnitOfWork(priced_db) as uow:
        assert uow.flood_guides.newest() is None
