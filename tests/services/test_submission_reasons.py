"""Submitting with warnings open (issue 26.3): a reason per finding, checked, kept with the
version in the submission's transaction, and read back for the reviewer."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Engine

from estimator.domain.errors import DomainError
from estimator.domain.workflow import EstimateStatus, Role
from estimator.services import estimate_store, workflow
from estimator.services.review import review_estimate
from estimator.services.submission import key_of, open_warnings, submission_reasons
from estimator.services.users import User, create_user
from tests.services.documents import document


@pytest.fixture
def wang(priced_db: Engine) -> User:
    return create_user(priced_db, "wang", "password-wang", {Role.ASSESSOR}, actor="setup")


def _draft(engine: Engine) -> str:
    created = estimate_store.import_estimate(
        engine, json.dumps(document(), ensure_ascii=False), actor="wang"
    )
    assert created.estimate_id is not None
    return str(created.estimate_id)


def test_every_open_warning_needs_a_reason_which_is_kept_with_the_version(
    priced_db: Engine, wang: User
) -> None:
    """Guards issue 26.3: with reasons, a warning left without one (or with an empty word)
    refuses the submission in words and nothing changes; with one each, the reasons are
    stored with the version, by rule and line, and read back for the reviewer."""
    estimate_id = _draft(priced_db)
    warnings = open_warnings(review_estimate(priced_db, estimate_id))
    assert warnings, "the test document must raise a warning"
    keys = sorted({key_of(f) for f in warnings}, key=str)
    with pytest.raises(DomainError) as missing:
        workflow.submit(priced_db, estimate_id, wang, reasons={})
    assert missing.value.code == "submit_reasons_missing"
    assert keys[0][0] in missing.value.message_en
    with pytest.raises(DomainError) as empty:
        workflow.submit(priced_db, estimate_id, wang, reasons=dict.fromkeys(keys, "无"))
    assert empty.value.code == "submit_reason_too_short"
    assert estimate_store.load_estimate(priced_db, estimate_id).status is EstimateStatus.DRAFT
    assert submission_reasons(priced_db, estimate_id) == []

    reasons = {key: f"客户坚持使用原厂件 {key[0]}" for key in keys}
    assert workflow.submit(priced_db, estimate_id, wang, reasons=reasons) is (
        EstimateStatus.SUBMITTED
    )
    kept = submission_reasons(priced_db, estimate_id)
    assert {(r.rule, r.line): r.reason for r in kept} == reasons
    assert {r.written_by for r in kept} == {"wang"}


def test_a_reason_for_a_rule_without_a_warning_is_refused(priced_db: Engine) -> None:
    """Guards issue 26.3 (the command line's --reason RULE=TEXT): naming a rule that has no
    open warning is a mistake said in words, not silently dropped."""
    from estimator.services.submission import by_rule

    estimate_id = _draft(priced_db)
    findings = review_estimate(priced_db, estimate_id)
    with pytest.raises(DomainError) as refused:
        by_rule(findings, {"R99": "原因写在这里"})
    assert refused.value.code == "submit_reason_no_warning" and "R99" in refused.value.message_en
