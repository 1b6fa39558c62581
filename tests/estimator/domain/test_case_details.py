"""Which case detail may change in which status, and how values are normalised and checked."""

from __future__ import annotations

from estimator.domain.case_details import (
    CASE_FIELDS,
    PRICING_FIELDS,
    FieldChange,
    check_fields,
    describe_field_changes,
    field_refusal,
    normalise,
)
from estimator.domain.workflow import EstimateStatus as S


def test_drafts_and_returned_versions_leave_every_field_open() -> None:
    for statuses in ([S.DRAFT], [S.RETURNED], [S.DRAFT, S.RETURNED]):
        assert all(field_refusal(f, statuses) is None for f in CASE_FIELDS)


IDENTIFICATION = {"plate", "vin", "claim_no", "insured_name", "insured_phone"}


def test_a_submitted_version_locks_the_pricing_fields_a_returned_one_does_not() -> None:
    for statuses in ([S.SUBMITTED], [S.SUBMITTED, S.RETURNED], [S.RETURNED, S.DRAFT, S.SUBMITTED]):
        locked = {f for f in CASE_FIELDS if field_refusal(f, statuses) is not None}
        assert locked == PRICING_FIELDS
        assert IDENTIFICATION.isdisjoint(locked)


def test_an_approved_or_signed_version_fixes_every_field_a_supplement_too() -> None:
    # The approved sheet prints the identification (the claim number is in its content
    # hash) and its certificate is bound to it: a re-print must show what was approved.
    for statuses in ([S.APPROVED], [S.APPROVED, S.DRAFT], [S.SIGNED, S.DRAFT]):
        refusals = {f: field_refusal(f, statuses) for f in CASE_FIELDS}
        assert all(r is not None for r in refusals.values())
        # The location class too: the arrival clock measured by it is history once approved.
        assert {f for f, r in refusals.items() if r and r.code == "identification_locked"} == (
            IDENTIFICATION | {"location_class"}
        )


def test_a_closed_case_changes_no_more() -> None:
    for field in CASE_FIELDS:
        refusal = field_refusal(field, [S.APPROVED, S.CLOSED])
        assert refusal is not None and refusal.code == "case_closed"


def test_values_are_normalised_as_create_case_does() -> None:
    assert normalise("vin", " lvgbe40k 8kg000001 ") == "LVGBE40K8KG000001"
    assert normalise("region", " zj") == "ZJ"
    assert normalise("model_code", "ty-camry-18 ") == "TY-CAMRY-18"
    assert normalise("plate", " 浙K12345 ") == "浙K12345"
    assert normalise("partner", 1) is True


def test_checks_refuse_what_does_not_fit_and_warn_of_a_check_digit() -> None:
    problems, warnings = check_fields(
        {"vin": "LVGBE40K1KG000001", "insured_phone": "+86 138-1234-5678"}
    )
    assert problems == [] and warnings and "check digit" in warnings[0]
    problems, _ = check_fields({"vin": "LVGBE40K", "region": "", "shop_name": "厂" * 201})
    assert [(p.path, p.code) for p in problems] == [
        ("shop_name", "text_too_long"),
        ("region", "required"),
        ("vin", "vin_malformed"),
    ]


def test_changes_are_described_in_both_languages() -> None:
    zh, en = describe_field_changes(
        [FieldChange("plate", "浙K1", "浙K2"), FieldChange("partner", True, False)]
    )
    assert zh == "车牌 浙K1 → 浙K2；合作修理厂 是 → 否"
    assert en == "plate 浙K1 → 浙K2; partner shop yes → no"
