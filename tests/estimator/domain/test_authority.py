"""The assessor's authority (定损权限) and the sample draw (抽检), pure."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from estimator.domain.errors import DomainError
from estimator.domain.workflow import (
    EstimateStatus,
    Role,
    approved_within_authority,
    may_approve_within_authority,
    sample_drawn,
)

ASSESSOR = [Role.ASSESSOR]


def refusal(
    total: str | None = "1500.00",
    tier: str = "on_site",
    authority: str = "2000.00",
    editors: tuple[str, ...] = ("wang",),
    actor: str = "wang",
    roles: list[Role] = ASSESSOR,
) -> str | None:
    found = may_approve_within_authority(
        None if total is None else Decimal(total),
        tier,
        Decimal(authority),
        editors,
        actor,
        roles,
    )
    return None if found is None else found.code


def test_within_authority_and_at_its_edge_the_author_may_approve() -> None:
    assert refusal() is None
    assert refusal(total="2000.00") is None  # the authority is inclusive


def test_over_authority_zero_authority_and_no_total_are_refused() -> None:
    assert refusal(total="2000.01") == "over_authority"
    assert refusal(authority="0.00") == "no_authority"
    assert refusal(total=None) == "over_authority"  # an unpriced version has no total


def test_only_the_sole_author_of_an_on_site_version_and_only_an_assessor() -> None:
    assert refusal(editors=("zhao",)) == "authority_not_author"
    assert refusal(editors=("wang", "li")) == "authority_not_author"  # a reviewer adjusted it
    assert refusal(tier="standard") == "authority_not_on_site"
    assert refusal(tier="teardown", total="900.00") == "authority_not_on_site"
    assert refusal(roles=[Role.REVIEWER]) == "missing_role"


def test_the_refusal_names_the_total_and_the_authority() -> None:
    found = may_approve_within_authority(
        Decimal("2500"), "on_site", Decimal("2000"), ["wang"], "wang", ASSESSOR
    )
    assert found is not None
    assert found.message_zh == "合计 2,500.00 元超过 wang 的定损权限 2,000.00 元，须由核损员核定"


def test_only_a_submitted_version_is_approved_within_authority() -> None:
    kwargs = {
        "total": Decimal("800"),
        "tier": "on_site",
        "authority": Decimal("2000"),
        "editors": ["wang"],
        "actor": "wang",
        "roles": ASSESSOR,
    }
    assert approved_within_authority(EstimateStatus.SUBMITTED, **kwargs) is EstimateStatus.APPROVED
    for status in (EstimateStatus.DRAFT, EstimateStatus.APPROVED, EstimateStatus.RETURNED):
        with pytest.raises(DomainError) as refused:
            approved_within_authority(status, **kwargs)
        assert refused.value.code == "bad_transition"


IDS = [uuid.UUID(int=n * 7919 + 17) for n in range(2000)]


def test_rate_zero_draws_none_and_rate_one_draws_all() -> None:
    assert not any(sample_drawn(i, Decimal(0)) for i in IDS)
    assert all(sample_drawn(i, Decimal(1)) for i in IDS)


def test_the_draw_is_stable_nested_and_near_the_rate() -> None:
    at_10 = {i for i in IDS if sample_drawn(i, Decimal("0.10"))}
    assert at_10 == {i for i in IDS if sample_drawn(i, Decimal("0.10"))}  # the same every time
    assert at_10 <= {i for i in IDS if sample_drawn(i, Decimal("0.30"))}  # a higher rate adds
    assert 150 <= len(at_10) <= 250  # 10 % of 2,000, give or take the hash's spread


def test_the_draw_is_the_sha256_of_the_id_against_the_rate() -> None:
    """Predictable by hand: two servers (or a test) compute the same draw."""
    import hashlib

    key = uuid.UUID("00000000-0000-0000-0000-000000000001")
    position = int.from_bytes(hashlib.sha256(str(key).encode()).digest()[:8], "big") / 2**64
    assert sample_drawn(key, Decimal(str(position + 0.001))) is True
    assert sample_drawn(key, Decimal(str(max(position - 0.001, 0)))) is False
