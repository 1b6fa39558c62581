"""Flood cases decided on a fake unit of work: who opens and saves them, what a case needs,
the version numbering, the totals and content hash audited with each version, and inputs
refused with nothing saved. Reopening a version from storage, the audit chain and flood
photos on disk stay in test_flood_cases.py (real databases)."""

from __future__ import annotations

import dataclasses
import json
import uuid

import pytest

from estimator.domain.errors import DomainError
from estimator.domain.flood import WaterDepth
from estimator.domain.workflow import Role
from estimator.persistence.rows import FloodVersionRow
from estimator.services.flood_cases import add_flood_version, content_hash, open_flood_case
from estimator.services.users import User
from tests.flood_site import site
from tests.services.fakes import FakeUnitOfWork

ASSESSOR = User("wang", "王定损", frozenset({Role.ASSESSOR}))
REVIEWER = User("li", "李核损", frozenset({Role.REVIEWER}))


def test_an_assessor_opens_a_flood_case_for_a_claim_number() -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(DomainError, match="claim number"):
        open_flood_case(uow, claim_no="  ", actor=ASSESSOR)
    with pytest.raises(DomainError, match="only an assessor"):
        open_flood_case(uow, claim_no="C-4", actor=REVIEWER)
    with pytest.raises(DomainError) as refused:
        open_flood_case(uow, claim_no="C" * 61, actor=ASSESSOR)
    assert refused.value.code == "text_too_long" and uow.flood_cases.rows == []
    case = open_flood_case(uow, claim_no=" C-1 ", actor=ASSESSOR, site=" 仓库 ")
    assert (case.claim_no, case.site, case.status, case.created_by) == (
        "C-1",
        "仓库",
        "open",
        "wang",
    )
    assert uow.flood_cases.exists(case.id)
    entry = uow.audit.entries[-1]
    assert (entry.entity, entry.entity_id, entry.action) == ("flood_case", str(case.id), "create")
    assert entry.detail == {"claim_no": "C-1", "insured": "", "site": "仓库"}
    assert uow.committed == 0


def test_each_save_is_the_next_version_audited_with_its_totals_and_hash() -> None:
    uow = FakeUnitOfWork()
    case = open_flood_case(uow, claim_no="C-2", actor=ASSESSOR)
    first = add_flood_version(uow, case.id, site("70"), ASSESSOR)
    second = add_flood_version(uow, case.id, site("95.5"), ASSESSOR)
    assert (first.version_no, second.version_no) == (1, 2)
    assert second.loss > first.loss  # deeper water, more loss
    row = uow.flood_cases.rows[-1]
    assert isinstance(row, FloodVersionRow)
    totals = json.loads(row.totals_json)
    assert row.content_hash == content_hash(row.inputs_json, totals)
    entry = uow.audit.entries[-1]
    assert entry.action == "save_version"
    assert entry.detail == {"version": 2, "content_hash": row.content_hash, **totals}
    other = open_flood_case(uow, claim_no="C-3", actor=ASSESSOR)
    assert add_flood_version(uow, other.id, site("70"), ASSESSOR).version_no == 1  # its own count
    assert first.content_hash == add_flood_version(uow, other.id, site("70"), ASSESSOR).content_hash


def test_inputs_that_cannot_be_assessed_are_refused_and_nothing_is_saved() -> None:
    uow = FakeUnitOfWork()
    case = open_flood_case(uow, claim_no="C-5", actor=ASSESSOR)
    inputs = site("70")
    for broken, code in (
        (site("-5"), "flood_negative_height"),
        (dataclasses.replace(inputs, stacks=()), "flood_no_stacks"),
        (dataclasses.replace(inputs, depth=WaterDepth()), "flood_inputs_invalid"),
    ):
        with pytest.raises(DomainError) as refused:
            add_flood_version(uow, case.id, broken, ASSESSOR)
        assert refused.value.code == code
    with pytest.raises(DomainError, match="only an assessor"):
        add_flood_version(uow, case.id, inputs, REVIEWER)
    with pytest.raises(DomainError, match="no such flood case"):
        add_flood_version(uow, uuid.UUID(int=1), inputs, ASSESSOR)
    assert uow.flood_cases.last_version_no(case.id) == 0
    assert [e.action for e in uow.audit.entries] == ["create"]
