"""Flood cases: immutable, audited versions that assess again to the fen."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from estimator.domain.errors import DomainError
from estimator.domain.flood import WaterDepth, assess
from estimator.domain.flood_inputs import inputs_document, inputs_from_document
from estimator.domain.workflow import Role
from estimator.services.audit import verify_audit
from estimator.services.flood_cases import (
    create_flood_case,
    flood_case_history,
    list_flood_cases,
    list_flood_versions,
    load_flood_version,
    save_flood_version,
)
from estimator.services.photos import attach_flood_photo, list_flood_photos, photo_bytes
from estimator.services.users import User
from tests.flood_site import site, stacks
from tests.services.test_photos import PNG

ASSESSOR = User("wang", "王定损", frozenset({Role.ASSESSOR}))
REVIEWER = User("li", "李核损", frozenset({Role.REVIEWER}))


def test_inputs_survive_their_json_exactly() -> None:
    inputs = site("70", "95.5")
    again = inputs_from_document(inputs_document(inputs))
    assert again == inputs
    assert again.assess() == inputs.assess()


def test_a_saved_version_reopens_and_assesses_to_the_fen(engine: Engine) -> None:
    case = create_flood_case(
        engine,
        claim_no="RQJC2026440100000123",
        actor=ASSESSOR,
        insured_name="华南家电",
        site="1号仓",
    )
    inputs = site("70")
    expected = assess(inputs.stacks, inputs.rules, inputs.depth)
    saved = save_flood_version(engine, case.id, inputs, ASSESSOR)
    assert saved.version_no == 1
    assert (saved.loss, saved.salvage, saved.avoided) == (
        expected.totals.loss,
        expected.totals.salvage,
        expected.prevention.avoided,
    )
    loaded = load_flood_version(engine, saved.id)
    assert loaded.inputs == inputs
    again = loaded.inputs.assess()
    assert again == expected
    assert loaded.totals["net"] == f"{expected.totals.net:.2f}"
    assert loaded.case.claim_no == "RQJC2026440100000123"
    listed = list_flood_cases(engine, "华南")
    assert [c.id for c in listed] == [case.id]
    assert listed[0].versions == 1 and listed[0].net == expected.totals.net


def test_each_save_is_a_new_immutable_version(engine: Engine) -> None:
    case = create_flood_case(engine, claim_no="C-1", actor=ASSESSOR)
    first = save_flood_version(engine, case.id, site("70"), ASSESSOR)
    second = save_flood_version(engine, case.id, site("45", "60"), ASSESSOR)
    assert [v.version_no for v in list_flood_versions(engine, case.id)] == [1, 2]
    assert first.content_hash != second.content_hash
    assert load_flood_version(engine, first.id).inputs.depth == WaterDepth(Decimal("70"))
    for statement in ("UPDATE flood_versions SET loss = 0", "DELETE FROM flood_versions"):
        # The database itself refuses (triggers on both engines), whoever connects.
        with pytest.raises(DBAPIError, match="immutable"), engine.begin() as connection:
            connection.execute(text(statement))
    assert load_flood_version(engine, first.id).summary == first


def test_every_change_is_audited_and_the_chain_verifies(engine: Engine, tmp_path: Path) -> None:
    case = create_flood_case(engine, claim_no="C-2", actor=ASSESSOR)
    saved = save_flood_version(engine, case.id, site("70"), ASSESSOR)
    photo = tmp_path / "仓库.png"
    photo.write_bytes(PNG)
    attached = attach_flood_photo(engine, case.id, photo, "wang")
    assert [p.filename for p in list_flood_photos(engine, case.id)] == ["仓库.png"]
    assert photo_bytes(engine, attached.sha256) == PNG
    history = flood_case_history(engine, case.id)
    assert [action for _actor, action, _detail in history] == [
        "create",
        "save_version",
        "attach_photo",
    ]
    assert history[1][2]["content_hash"] == saved.content_hash
    assert history[1][2]["net"] == f"{saved.net:.2f}"
    assert verify_audit(engine).ok


def test_bad_inputs_are_refused_with_every_reason_and_nothing_is_saved(engine: Engine) -> None:
    case = create_flood_case(engine, claim_no="C-3", actor=ASSESSOR)
    inputs = site("70")
    broken = dataclasses.replace(
        inputs,
        stacks=(*inputs.stacks, dataclasses.replace(stacks()[0], category="洗衣机", source_row=10)),
    )
    with pytest.raises(DomainError) as refused:
        save_flood_version(engine, case.id, broken, ASSESSOR)
    assert refused.value.code == "flood_inputs_invalid"
    assert "row 10" in refused.value.message_en and "洗衣机" in refused.value.message_en
    assert "第 10 行" in refused.value.message_zh
    with pytest.raises(DomainError, match="negative"):
        save_flood_version(engine, case.id, site("-5"), ASSESSOR)
    with pytest.raises(DomainError, match="no stacks"):
        save_flood_version(engine, case.id, dataclasses.replace(inputs, stacks=()), ASSESSOR)
    with pytest.raises(DomainError, match="no water depth"):
        save_flood_version(
            engine, case.id, dataclasses.replace(inputs, depth=WaterDepth()), ASSESSOR
        )
    assert list_flood_versions(engine, case.id) == []


def test_only_assessors_write_and_a_claim_number_is_required(engine: Engine) -> None:
    with pytest.raises(DomainError, match="claim number"):
        create_flood_case(engine, claim_no="  ", actor=ASSESSOR)
    with pytest.raises(DomainError, match="only an assessor"):
        create_flood_case(engine, claim_no="C-4", actor=REVIEWER)
    with pytest.raises(DomainError, match="no such flood case"):
        save_flood_version(engine, "not-a-case", site(), ASSESSOR)
    with pytest.raises(DomainError, match="no such flood version"):
        load_flood_version(engine, "00000000-0000-0000-0000-000000000000")
