"""A maintainer's correction of a catalog part, on SQLite and on PostgreSQL: checked like the
workbook, found by its new name at once, audited, and refused — showing what changed — when
someone (another maintainer or an import) changed the part since it was read."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from estimator.domain.errors import DomainError
from estimator.domain.workflow import Role
from estimator.persistence import audit
from estimator.persistence.database import create_database_engine
from estimator.persistence.rows import AuditRow
from estimator.services.catalog import (
    CatalogEditConflict,
    InvalidPartCorrection,
    PartChanger,
    correct_part,
    import_catalog,
    part_for_edit,
    search_parts,
)
from estimator.services.users import User
from parts_catalog.rows import PartRow, VehicleModelRow
from tests.actors import maintainer
from tests.conftest import write_workbook
from tests.parts_catalog.catalog_rows import MODELS, PART_HEADER, PARTS
from tests.services.conftest import make_team
from tests.services.test_concurrency import _at_once

MIRROR = "8791006A10"


@pytest.fixture
def loaded(engine: Engine, tmp_path: Path) -> Engine:
    result = import_catalog(
        engine,
        write_workbook(tmp_path / "catalog.xlsx", {"vehicle_models": MODELS, "parts": PARTS}),
        actor=maintainer("setup"),
    )
    assert result.status == "imported", result.problems
    return engine


@pytest.fixture
def team(loaded: Engine) -> dict[str, User]:
    return make_team(loaded, zhao={Role.MAINTAINER}, qian={Role.MAINTAINER}, wang={Role.ASSESSOR})


@pytest.fixture
def second(loaded: Engine) -> Iterator[Engine]:
    """The same database through a second, independent connection pool."""
    other = create_database_engine(loaded.url)
    yield other
    other.dispose()


def _numbers(engine: Engine, text: str) -> list[str]:
    return [m.part_no for m in search_parts(engine, text)]


def _versions(engine: Engine, row: Any, key: Any) -> dict[str, int]:
    with engine.connect() as connection:
        return dict(connection.execute(select(key, row.row_version)).all())


def _part_entries(engine: Engine) -> list[AuditRow]:
    with engine.connect() as connection:
        return list(connection.execute(select(AuditRow).where(AuditRow.entity == "part")).all())


def _mirror_row(price: str = "980.50", name: str = "右后视镜") -> list[Any]:
    return [
        "87910-06A10",
        name,
        "Mirror RH",
        "MIRROR_R",
        "外观件",
        "TY-CAMRY-18",
        "ZJ",
        price,
        None,
        None,
        None,
        "否",
        None,
        "2026-12-01",
    ]


def _import(engine: Engine, path: Path, rows: list[list[Any]], models: Any = None) -> None:
    sheets = {"vehicle_models": models or [MODELS[0]], "parts": [PART_HEADER, *rows]}
    result = import_catalog(engine, write_workbook(path, sheets), actor=maintainer("sun"))
    assert result.status == "imported", result.problems


def test_a_new_catalog_starts_every_part_and_model_at_version_one(loaded: Engine) -> None:
    assert set(_versions(loaded, PartRow, PartRow.part_no).values()) == {1}
    assert set(_versions(loaded, VehicleModelRow, VehicleModelRow.model_code).values()) == {1}
    part = part_for_edit(loaded, "87910-06A10")
    assert (part.part_no, part.name_zh, part.row_version) == (MIRROR, "右后视镜", 1)
    with pytest.raises(DomainError, match="part NOPE is not in the catalog"):
        part_for_edit(loaded, "nope")


def test_an_import_moves_the_version_of_the_rows_it_changes_only(
    loaded: Engine, tmp_path: Path
) -> None:
    camry = [*MODELS[1][:1], "丰田汽车", *MODELS[1][2:]]  # the brand corrected
    _import(loaded, tmp_path / "a.xlsx", [_mirror_row(name="右外后视镜")], [MODELS[0], camry])
    parts = _versions(loaded, PartRow, PartRow.part_no)
    assert parts.pop(MIRROR) == 2 and set(parts.values()) == {1}
    models = _versions(loaded, VehicleModelRow, VehicleModelRow.model_code)
    assert models == {"TY-CAMRY-18": 2, "VW-LAVIDA-19": 1}
    # New prices alone, and a model's VIN prefixes, are not changes of the part's row …
    _import(loaded, tmp_path / "b.xlsx", [_mirror_row("990.00", "右外后视镜")])
    assert _versions(loaded, PartRow, PartRow.part_no)[MIRROR] == 2
    lavida = [*MODELS[2][:6], "LSVAG2;LSVAG3", MODELS[2][7]]
    _import(loaded, tmp_path / "c.xlsx", [_mirror_row("990.00", "右外后视镜")], [MODELS[0], lavida])
    models = _versions(loaded, VehicleModelRow, VehicleModelRow.model_code)
    assert models == {"TY-CAMRY-18": 2, "VW-LAVIDA-19": 2}  # … but the prefixes are the model's


def test_a_maintainer_corrects_a_part_and_search_finds_the_new_name_at_once(
    loaded: Engine, team: dict[str, User]
) -> None:
    base = part_for_edit(loaded, MIRROR)
    corrected = correct_part(
        loaded,
        team["zhao"],
        "87910-06A10",
        base,
        {"name_zh": " 右后车门外把手 ", "category": "车门附件", "salvage_rate": "0.1"},
    )
    assert (corrected.name_zh, corrected.category) == ("右后车门外把手", "车门附件")
    assert corrected.salvage_rate == Decimal("0.1") and corrected.row_version == 2
    assert part_for_edit(loaded, MIRROR) == corrected
    assert _numbers(loaded, "车门") == [MIRROR]  # two Chinese characters
    assert _numbers(loaded, "yhcmwbs") == [MIRROR]  # pinyin initials
    assert _numbers(loaded, "yhcm") == [MIRROR]  # a prefix of them
    assert _numbers(loaded, "外把手") == [MIRROR]  # a substring of three
    assert _numbers(loaded, "youhouchemen") == [MIRROR]  # full pinyin
    assert _numbers(loaded, "后视") == [] and _numbers(loaded, "yhsj") == []  # the old name


def test_a_correction_is_audited_old_to_new_per_field(
    loaded: Engine, team: dict[str, User]
) -> None:
    base = part_for_edit(loaded, MIRROR)
    corrected = correct_part(
        loaded,
        team["zhao"],
        MIRROR,
        base,
        {"name_en": "Door handle RR", "recover_old_part": True, "category": "外观件"},
    )
    [entry] = _part_entries(loaded)
    assert (entry.actor, entry.action) == ("zhao", "correct")
    detail = json.loads(entry.detail)
    assert detail["part_no"] == MIRROR and detail["row_version"] == corrected.row_version
    # The category was given unchanged: only what changed is written and audited.
    assert detail["changes"] == {
        "name_en": ["Mirror RH", "Door handle RR"],
        "recover_old_part": [False, True],
    }
    with loaded.connect() as connection:
        assert audit.verify(connection).ok


def test_a_correction_that_changes_nothing_writes_nothing(
    loaded: Engine, team: dict[str, User]
) -> None:
    base = part_for_edit(loaded, MIRROR)
    same = correct_part(loaded, team["zhao"], MIRROR, base, {"name_zh": "右后视镜"})
    assert same == base and _part_entries(loaded) == []


def test_only_a_maintainer_corrects_a_part(loaded: Engine, team: dict[str, User]) -> None:
    base = part_for_edit(loaded, MIRROR)
    with pytest.raises(DomainError) as refused:
        correct_part(loaded, team["wang"], MIRROR, base, {"name_zh": "别的名字"})
    assert refused.value.code == "missing_role"
    assert "wang does not hold the maintainer role" in str(refused.value)
    assert "数据维护" in refused.value.message_zh
    assert part_for_edit(loaded, MIRROR) == base and _part_entries(loaded) == []


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"salvage_rate": "1.5"}, "salvage rate: must not be more than 1"),
        ({"salvage_rate": "-0.1"}, "salvage rate: must not be less than 0"),
        ({"salvage_rate": "0.12345"}, "salvage rate: more than 4 decimal places"),
        ({"salvage_rate": "abc"}, "salvage rate: not a number"),
        ({"name_zh": "  "}, "Chinese name: a value is required"),
        ({"name_zh": "长" * 201}, "Chinese name: text longer than 200 characters"),
        ({"recover_old_part": "maybe"}, "recover old part: expected yes/no (是/否)"),
        ({"component_code": "X"}, "component code: this attribute cannot be changed here"),
        ({"part_no": "X"}, "part_no: this attribute cannot be changed here"),
    ],
)
def test_values_are_checked_as_the_workbook_checks_them(
    loaded: Engine, team: dict[str, User], changes: dict[str, object], reason: str
) -> None:
    base = part_for_edit(loaded, MIRROR)
    with pytest.raises(InvalidPartCorrection) as refused:
        correct_part(loaded, team["zhao"], MIRROR, base, {"name_en": "ok", **changes})
    assert str(refused.value) == reason
    assert [p.column for p in refused.value.problems] == list(changes)
    assert part_for_edit(loaded, MIRROR) == base


def test_blank_optional_values_clear_them(loaded: Engine, team: dict[str, User]) -> None:
    base = part_for_edit(loaded, "53301-06190")
    assert base.salvage_rate == Decimal("0.08") and base.recover_old_part
    corrected = correct_part(
        loaded,
        team["zhao"],
        base.part_no,
        base,
        {"salvage_rate": "", "name_en": None, "recover_old_part": "否"},
    )
    assert (corrected.salvage_rate, corrected.name_en, corrected.recover_old_part) == (
        None,
        "",
        False,
    )


def test_a_stale_correction_is_refused_showing_what_the_other_maintainer_changed(
    loaded: Engine, second: Engine, team: dict[str, User]
) -> None:
    mine = part_for_edit(loaded, MIRROR)  # zhao opens the part …
    theirs = part_for_edit(second, MIRROR)  # … and so does qian, on another machine
    correct_part(second, team["qian"], MIRROR, theirs, {"name_zh": "右后视镜总成"})
    my_changes = {"name_en": "Mirror assy RH", "salvage_rate": "0.2"}
    with pytest.raises(CatalogEditConflict) as refused:
        correct_part(loaded, team["zhao"], MIRROR, mine, my_changes)
    conflict = refused.value
    assert conflict.changed_by == (PartChanger("qian"),)
    assert conflict.changes == {"name_zh": ("右后视镜", "右后视镜总成")}
    assert conflict.mine == {"name_en": "Mirror assy RH", "salvage_rate": Decimal("0.2")}
    assert conflict.theirs == part_for_edit(loaded, MIRROR)
    assert str(conflict) == (
        "qian changed part 8791006A10 after you opened it (Chinese name 右后视镜 → 右后视镜总成)."
        " Your changes (English name Mirror RH → Mirror assy RH; salvage rate — → 0.2) were "
        "not saved and are kept: re-apply them on the current version."
    )
    assert "qian" in conflict.message_zh and "重新应用" in conflict.message_zh
    # Nothing of zhao's was written; he re-applies on the current version.
    now = part_for_edit(loaded, MIRROR)
    assert (now.name_en, now.salvage_rate, now.row_version) == ("Mirror RH", None, 2)
    done = correct_part(loaded, team["zhao"], MIRROR, now, my_changes)
    assert (done.name_zh, done.name_en, done.salvage_rate, done.row_version) == (
        "右后视镜总成",
        "Mirror assy RH",
        Decimal("0.2"),
        3,
    )


def test_a_correction_of_a_part_an_import_changed_since_it_was_read_is_refused(
    loaded: Engine, team: dict[str, User], tmp_path: Path
) -> None:
    mine = part_for_edit(loaded, MIRROR)
    _import(loaded, tmp_path / "prices-12.xlsx", [_mirror_row(name="右外后视镜")])
    with pytest.raises(CatalogEditConflict) as refused:
        correct_part(loaded, team["zhao"], MIRROR, mine, {"category": "镜类"})
    conflict = refused.value
    [changer] = conflict.changed_by
    assert (changer.actor, changer.source_name) == ("sun", "prices-12.xlsx")
    assert changer.catalog_version_id == conflict.theirs.catalog_version_id
    assert conflict.changes == {"name_zh": ("右后视镜", "右外后视镜")}
    assert str(conflict).startswith(
        f"catalog import v{changer.catalog_version_id} (prices-12.xlsx by sun) changed part "
        "8791006A10 after you opened it (Chinese name 右后视镜 → 右外后视镜)"
    )
    assert "目录导入" in conflict.message_zh
    assert part_for_edit(loaded, MIRROR).category == "外观件"
    assert _part_entries(loaded) == []


def test_an_import_that_left_the_part_as_it_was_does_not_refuse_the_correction(
    loaded: Engine, team: dict[str, User], tmp_path: Path
) -> None:
    mine = part_for_edit(loaded, MIRROR)
    _import(loaded, tmp_path / "prices-12.xlsx", [_mirror_row("1010.00")])  # new price only
    assert correct_part(loaded, team["zhao"], MIRROR, mine, {"category": "镜类"}).row_version == 2


def test_a_part_corrected_and_then_reimported_names_both_changers(
    loaded: Engine, team: dict[str, User], tmp_path: Path
) -> None:
    mine = part_for_edit(loaded, MIRROR)
    correct_part(loaded, team["qian"], MIRROR, mine, {"name_en": "Mirror R"})
    _import(loaded, tmp_path / "later.xlsx", [_mirror_row(name="右外后视镜")])
    with pytest.raises(CatalogEditConflict) as refused:
        correct_part(loaded, team["zhao"], MIRROR, mine, {"category": "镜类"})
    assert [c.actor for c in refused.value.changed_by] == ["qian", "sun"]
    # qian's English name was put back by the import: against what zhao read, only the
    # Chinese name differs.
    assert refused.value.changes == {"name_zh": ("右后视镜", "右外后视镜")}


def test_two_corrections_at_the_same_moment_one_wins_one_is_refused(
    loaded: Engine, second: Engine, team: dict[str, User]
) -> None:
    base = part_for_edit(loaded, MIRROR)
    results = _at_once(
        lambda: correct_part(loaded, team["zhao"], MIRROR, base, {"name_en": "by zhao"}),
        lambda: correct_part(second, team["qian"], MIRROR, base, {"name_en": "by qian"}),
    )
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], CatalogEditConflict), results
    now = part_for_edit(loaded, MIRROR)
    assert now.row_version == 2 and now.name_en in ("by zhao", "by qian")
    assert refused[0].changes == {"name_en": ("Mirror RH", now.name_en)}
    assert len(_part_entries(loaded)) == 1


def test_an_import_that_overwrites_a_correction_says_so_and_audits_it(
    loaded: Engine, team: dict[str, User], tmp_path: Path
) -> None:
    mine = part_for_edit(loaded, MIRROR)
    correct_part(loaded, team["zhao"], MIRROR, mine, {"name_zh": "右外后视镜", "category": "镜类"})
    # The next month's workbook still has the old name: the import is the catalog's source
    # and wins, but the maintainer's correction does not disappear unnoticed.
    sheets = {"vehicle_models": [MODELS[0]], "parts": [PART_HEADER, _mirror_row("1010.00")]}
    result = import_catalog(
        loaded, write_workbook(tmp_path / "m.xlsx", sheets), actor=maintainer("sun")
    )
    assert result.status == "imported"
    assert result.counts["corrections_replaced"] == 2
    notes = [p for p in result.problems if p.code == "correction_replaced"]
    assert [(n.value, n.column, n.severity) for n in notes] == [
        (MIRROR, "category", "note"),
        (MIRROR, "name_zh", "note"),
    ]
    assert notes[1].reason("en") == (
        "zhao's correction '右外后视镜' was replaced by this workbook's '右后视镜'"
    )
    assert part_for_edit(loaded, MIRROR).name_zh == "右后视镜"
    with loaded.connect() as connection:
        entry = connection.execute(
            select(AuditRow).where(AuditRow.action == "corrections_replaced")
        ).one()
        assert audit.verify(connection).ok
    assert entry.actor == "sun"
    assert json.loads(entry.detail)["replaced"][1] == {
        "part_no": MIRROR,
        "field": "name_zh",
        "corrected": "右外后视镜",
        "imported": "右后视镜",
        "by": "zhao",
    }
    # Imported again (a later file with the same values): nothing left to replace.
    sheets["parts"] = [PART_HEADER, _mirror_row("1020.00")]
    again = import_catalog(
        loaded, write_workbook(tmp_path / "n.xlsx", sheets), actor=maintainer("sun")
    )
    assert again.counts["corrections_replaced"] == 0 and again.problems == []


def test_an_import_that_agrees_with_a_correction_replaces_nothing(
    loaded: Engine, team: dict[str, User], tmp_path: Path
) -> None:
    mine = part_for_edit(loaded, MIRROR)
    correct_part(loaded, team["zhao"], MIRROR, mine, {"name_zh": "右外后视镜"})
    sheets = {"vehicle_models": [MODELS[0]], "parts": [PART_HEADER, _mirror_row(name="右外后视镜")]}
    result = import_catalog(
        loaded, write_workbook(tmp_path / "m.xlsx", sheets), actor=maintainer("sun")
    )
    assert result.counts["corrections_replaced"] == 0 and result.problems == []


def test_only_corrections_made_since_the_last_import_changed_the_part_are_named(
    loaded: Engine, team: dict[str, User], tmp_path: Path
) -> None:
    mine = part_for_edit(loaded, MIRROR)
    correct_part(loaded, team["zhao"], MIRROR, mine, {"name_zh": "右外后视镜"})
    # A workbook that agrees with zhao's name but changes the English name: the part is the
    # import's now (its version moves), and zhao's correction is behind it.
    agreeing = _mirror_row(name="右外后视镜")
    agreeing[2] = "Mirror, right"
    _import(loaded, tmp_path / "a.xlsx", [agreeing])
    now = part_for_edit(loaded, MIRROR)
    correct_part(loaded, team["qian"], MIRROR, now, {"category": "镜类"})
    sheets = {"vehicle_models": [MODELS[0]], "parts": [PART_HEADER, _mirror_row("1010.00")]}
    result = import_catalog(
        loaded, write_workbook(tmp_path / "b.xlsx", sheets), actor=maintainer("sun")
    )
    notes = [(p.column, p.params["by"]) for p in result.problems if p.code == "correction_replaced"]
    assert notes == [("category", "qian")]  # the old name replaces the import's, not zhao's


def test_a_correction_waits_for_an_import_in_progress(
    loaded: Engine, second: Engine, team: dict[str, User]
) -> None:
    # An import holds the catalog's write lock from its read of the corrections to its
    # commit (an advisory lock on PostgreSQL, the writer lock on SQLite): a correction made
    # meanwhile waits, so it cannot land between that read and the import's update.
    import threading
    import time

    from estimator.persistence.uow import UnitOfWork
    from estimator.services.catalog import catalog_write_lock

    mine = part_for_edit(loaded, MIRROR)
    done: list[object] = []
    with UnitOfWork(second, write=True) as importing:
        catalog_write_lock(importing.session)
        worker = threading.Thread(
            target=lambda: done.append(
                correct_part(loaded, team["zhao"], MIRROR, mine, {"category": "镜类"})
            )
        )
        worker.start()
        time.sleep(0.5)
        assert worker.is_alive() and done == []  # waiting for the import
    worker.join(timeout=30)
    assert len(done) == 1 and part_for_edit(loaded, MIRROR).category == "镜类"
