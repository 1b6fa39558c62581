"""Setting the salvage (残值): re-priced and stored, audited, refused on a stale version, on a
version that cannot be edited, and for an amount that is not a plain bounded decimal."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from sqlalchemy import Engine

from estimator.domain.errors import DomainError
from estimator.domain.workflow import Role
from estimator.services import estimate_store, workflow
from estimator.services.audit import case_history, verify_audit
from estimator.services.salvage import set_salvage
from estimator.services.users import User, create_user
from tests.services.documents import document


@pytest.fixture
def wang(priced_db: Engine) -> User:
    return create_user(priced_db, "wang", "correct horse 1wang", {Role.ASSESSOR}, actor="setup")


@pytest.fixture
def draft(priced_db: Engine, wang: User) -> str:
    result = estimate_store.import_estimate(
        priced_db, json.dumps(document(), ensure_ascii=False), actor="wang"
    )
    assert result.estimate_id is not None
    return str(result.estimate_id)


def test_the_salvage_is_deducted_stored_and_audited(
    priced_db: Engine, draft: str, wang: User
) -> None:
    before = estimate_store.load_estimate(priced_db, draft)
    old = before.estimate.salvage or Decimal(0)
    priced = set_salvage(priced_db, draft, Decimal("250.00"), wang, based_on=before)
    assert priced.totals is not None
    after = estimate_store.load_estimate(priced_db, draft)
    assert after.estimate.salvage == Decimal("250.00")
    assert after.row_version != before.row_version
    assert after.totals["total"] == Decimal(str(before.totals["total"])) + old - Decimal("250.00")
    entry = case_history(priced_db, after.case_id)[-1]
    assert (entry.action, entry.actor) == ("salvage", "wang")
    assert entry.detail["changed"] == {"salvage": [f"{old:.2f}", "250.00"]}
    assert verify_audit(priced_db).ok
    set_salvage(priced_db, draft, None, wang)  # cleared: nothing deducted
    assert estimate_store.load_estimate(priced_db, draft).estimate.salvage is None


def test_a_stale_version_is_refused_and_nothing_written(
    priced_db: Engine, draft: str, wang: User
) -> None:
    seen = estimate_store.load_estimate(priced_db, draft)
    set_salvage(priced_db, draft, Decimal("10"), wang)  # someone else saved meanwhile
    with pytest.raises(estimate_store.EditConflict):
        set_salvage(priced_db, draft, Decimal("99"), wang, based_on=seen)
    assert estimate_store.load_estimate(priced_db, draft).estimate.salvage == Decimal("10")


@pytest.mark.parametrize(
    "amount", [Decimal("-1"), Decimal("1.234"), Decimal("1E+9"), Decimal("NaN")]
)
def test_an_insane_amount_is_refused(
    priced_db: Engine, draft: str, wang: User, amount: Decimal
) -> None:
    with pytest.raises(DomainError) as refused:
        set_salvage(priced_db, draft, amount, wang)
    assert refused.value.code == "bad_salvage"


def test_a_submitted_version_cannot_take_a_salvage(
    priced_db: Engine, draft: str, wang: User
) -> None:
    workflow.submit(priced_db, draft, wang)
    with pytest.raises(DomainError):
        set_salvage(priced_db, draft, Decimal("10"), wang)
