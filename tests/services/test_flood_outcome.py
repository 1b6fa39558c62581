"""The flood screen's inputs with test results and a policy: kept in ``flood-inputs/1``
(optional keys), assessed through the service path, saved and reopened to the fen."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine

from estimator.domain.errors import DomainError
from estimator.domain.flood_book import BookLine
from estimator.domain.flood_inputs import AssessmentInputs, inputs_document, inputs_from_document
from estimator.domain.flood_lots import TestResult
from estimator.domain.flood_settlement import Policy, VatBasis
from estimator.services.flood import FloodInputs, assess_inputs
from estimator.services.flood_cases import (
    create_flood_case,
    flood_case_history,
    load_flood_version,
    save_flood_version,
)
from estimator.services.flood_outcome import fitting_results, outcome
from tests.flood_site import site
from tests.services.test_flood_cases import ASSESSOR

D = Decimal
POLICY = Policy(
    sum_insured=D("100000"),
    deductible_amount=D("500"),
    deductible_rate=D("0.1"),
    rescue_costs=D("1000"),
    debris_costs=D("300"),
    vat_basis=VatBasis.EXCLUDED,
    book_value=D("400000"),
)

#: Written by the code of 2026-12-07 before the tests and the policy were kept: three stacks
#: of the warehouse in tests/flood_site.py at 70 cm (loss 20,200.00, no salvage).
OLD_DOCUMENT = (
    '{"format":"flood-inputs/1","stacks":[{"location":"A-01","zone":"A","sku":"KFR-35GW",'
    '"description":"","category":"indoor","qty":40,"units_per_layer":8,"carton_height_cm":"25",'
    '"base_height_cm":"0","unit_cost":"1299.00","source_row":2},{"location":"A-02","zone":"A",'
    '"sku":"KFR-35GW","description":"","category":"indoor","qty":37,"units_per_layer":8,'
    '"carton_height_cm":"25","base_height_cm":"15","unit_cost":"1299.00","source_row":3},'
    '{"location":"B-01","zone":"B","sku":"KFR-35GW","description":"","category":"outdoor",'
    '"qty":30,"units_per_layer":5,"carton_height_cm":"40","base_height_cm":"0",'
    '"unit_cost":"1899.00","source_row":6}],"rules":{"indoor":{"salvage_ratio":"0.1",'
    '"softens":true,"states":{"partial":{"items":[["更换控制板","300"],["更换滤网","50"]],'
    '"loss_ratio":null},"submerged":{"items":[["更换控制板","300"],["更换滤网","50"],'
    '["更换包装","30"],["清洗检测","20"]],"loss_ratio":null},"collapsed":{"items":'
    '[["清洗检测","20"],["更换包装","30"]],"loss_ratio":null}}},"outdoor":{"salvage_ratio":"0",'
    '"softens":false,"states":{"partial":{"items":[["清洗检测","20"]],"loss_ratio":null},'
    '"submerged":{"items":[["清洗检测","20"],["更换包装","30"]],"loss_ratio":null}}}},'
    '"depth":{"site_cm":"70","zones":{}},"proposed_base_height_cm":null,'
    '"sources":{"inventory":"built in code"},"inventory_sheet":"inventory"}'
)


def with_tests(inputs: AssessmentInputs | None = None) -> AssessmentInputs:
    """The warehouse at 70 cm with a tested_ok cost, one lot tested and a policy."""
    base = inputs or site("70")
    lot = outcome(base).lots[0].lot
    return dataclasses.replace(
        base,
        tested_ok={"indoor": D("40")},
        test_results=(TestResult(lot.category, lot.sku, lot.state.value, 5, 1),),
        policy=POLICY,
    )


def test_a_document_without_the_new_keys_reads_and_assesses_as_before() -> None:
    document = json.loads(OLD_DOCUMENT)
    inputs = inputs_from_document(document)
    assert (inputs.tested_ok, inputs.test_results, inputs.policy) == ({}, (), None)
    assert inputs_document(inputs) == document  # written again without the new keys
    totals = inputs.assess().totals
    assert (totals.loss, totals.salvage) == (D("20200.00"), D("0"))
    result = outcome(inputs)
    assert result.assessment == inputs.assess() and result.settlement is None
    assert all(lot.basis == "assumed" for lot in result.lots)
    assert sum(lot.loss for lot in result.lots) == D("20200.00")


def test_tests_and_policy_survive_the_document_exactly() -> None:
    inputs = with_tests()
    document = inputs_document(inputs)
    assert document["tested_ok"] == {"indoor": "40"}
    assert document["tests"][0]["tested"] == 5 and document["tests"][0]["failed"] == 1
    assert document["policy"]["sum_insured"] == "100000"
    assert document["policy"]["vat_basis"] == "excluded"
    again = inputs_from_document(json.loads(json.dumps(document)))
    assert again == inputs
    assert outcome(again) == outcome(inputs)


@pytest.mark.parametrize(
    ("key", "change", "why"),
    [
        ("tests", lambda t: t[0].update(tested="5"), "whole number"),
        ("tests", lambda t: t[0].update(failed=-1), "whole number"),
        ("tests", lambda t: t[0].update(tested=True), "whole number"),
        ("tests", lambda t: t[0].update(failed=9), "more than the 5 tested"),
        ("tests", lambda t: t[0].pop("sku"), "malformed"),
        ("tested_ok", lambda c: c.update(indoor="-1"), "negative"),
        ("tested_ok", lambda c: c.update(indoor="cheap"), "not a decimal"),
        ("policy", lambda p: p.update(sum_insured="0"), "sum insured"),
        ("policy", lambda p: p.update(deductible_rate="10"), "deductible rate"),
        ("policy", lambda p: p.update(vat_basis="maybe"), "vat_basis"),
        ("policy", lambda p: p.update(rescue_costs=12), "decimal string"),
    ],
)
def test_bad_values_are_refused_with_a_reason(key: str, change: Any, why: str) -> None:
    document = inputs_document(with_tests())
    change(document[key])
    with pytest.raises(ValueError, match=why):
        inputs_from_document(document)


def test_the_outcome_is_the_service_path_with_the_screen_depths() -> None:
    inputs = dataclasses.replace(with_tests(), depth=dataclasses.replace(site().depth))
    result = outcome(inputs)
    service = assess_inputs(
        FloodInputs(
            inputs.stacks,
            inputs.rules,
            tested_ok=inputs.tested_ok,
            test_results=inputs.test_results,
            policy=POLICY,
        ),
        depth_cm=D("70"),
    )
    assert result == service
    measured = result.lots[0]
    lot = measured.lot
    assert measured.basis == "measured"
    # 1 of 5 failed: a fifth of the full repair, four fifths of testing and repacking at ¥40.
    assert measured.loss == (lot.assumed_loss * 1 + D(40) * lot.units * 4) / 5
    assert result.settlement is not None and result.settlement.policy == POLICY
    # Site and zone depths together (a zone's depth wins) are assessed as the domain does.
    zoned = dataclasses.replace(inputs, depth=dataclasses.replace(inputs.depth, zones={"B": D(30)}))
    assert outcome(zoned).assessment == zoned.assess()


def test_a_version_keeps_the_tests_and_the_policy(engine: Engine) -> None:
    case = create_flood_case(engine, claim_no="RQJC-7", actor=ASSESSOR)
    inputs = with_tests()
    saved = save_flood_version(engine, case.id, inputs, ASSESSOR)
    loaded = load_flood_version(engine, saved.id)
    assert loaded.inputs == inputs
    expected = outcome(inputs)
    assert expected.settlement is not None
    assert loaded.totals["payable"] == f"{expected.settlement.payable:.2f}"
    assert outcome(loaded.inputs) == expected
    # Without a policy the totals are as they always were: no payable key.
    plain = save_flood_version(engine, case.id, site("70"), ASSESSOR)
    assert "payable" not in load_flood_version(engine, plain.id).totals
    audited = [
        d for _, action, d in flood_case_history(engine, case.id) if action == "save_version"
    ]
    assert audited[0]["content_hash"] == saved.content_hash
    assert audited[0]["content_hash"] != audited[1]["content_hash"]


def test_a_version_with_a_test_result_that_fits_no_lot_is_refused(engine: Engine) -> None:
    case = create_flood_case(engine, claim_no="RQJC-8", actor=ASSESSOR)
    wrong = dataclasses.replace(
        with_tests(), test_results=(TestResult("indoor", "NO-SUCH", "submerged", 2, 1),)
    )
    with pytest.raises(DomainError) as refused:
        save_flood_version(engine, case.id, wrong, ASSESSOR)
    assert "NO-SUCH" in refused.value.message_en and "NO-SUCH" in refused.value.message_zh


def test_fitting_results_leave_out_those_that_fit_no_lot_at_this_depth() -> None:
    inputs = with_tests()
    good = inputs.test_results[0]
    lot = outcome(inputs).lots[0].lot
    too_many = TestResult("outdoor", "KFR-35GW", "submerged", 10_000, 0)
    unknown = TestResult("indoor", "NO-SUCH", "partial", 1, 0)
    second = TestResult(*lot.key, 1, 1)
    crowded = dataclasses.replace(inputs, test_results=(unknown, good, too_many, second))
    assert outcome(crowded).status == "rejected"
    assert fitting_results(crowded) == (good,)
    assert fitting_results(inputs) == inputs.test_results
    # No water, no lots: no result fits.
    assert fitting_results(dataclasses.replace(inputs, depth=site("0").depth)) == ()


def test_the_books_are_kept_in_the_document_and_checked_by_the_outcome(engine: Engine) -> None:
    plain = site("70")
    counted: dict[str, int] = {}
    for s in plain.stacks:
        counted[s.sku] = counted.get(s.sku, 0) + s.qty
    first = plain.stacks[0]
    # The books hold 3 more of the first SKU than were counted, and a SKU nobody found.
    book = (
        BookLine(first.sku, counted[first.sku] + 3),
        BookLine("GHOST-1", 5, D("1000.00")),
    )
    inputs = dataclasses.replace(plain, book=book)
    document = inputs_document(inputs)
    assert document["book"] == [
        {"sku": first.sku, "qty": counted[first.sku] + 3, "value": None},
        {"sku": "GHOST-1", "qty": 5, "value": "1000.00"},
    ]
    assert inputs_from_document(json.loads(json.dumps(document))) == inputs
    assert "book" not in inputs_document(plain)
    checked = outcome(inputs).book_check
    assert checked is not None
    # Listed by SKU; counted less booked.
    assert [(c.sku, c.difference.value, c.qty_difference) for c in checked] == sorted(
        [(first.sku, "qty", -3), ("GHOST-1", "book_only", -5)]
    )
    assert outcome(plain).book_check is None
    # A saved version keeps the books and reads back the same check.
    case = create_flood_case(engine, claim_no="RQJC-8", actor=ASSESSOR)
    saved = save_flood_version(engine, case.id, inputs, ASSESSOR)
    assert outcome(load_flood_version(engine, saved.id).inputs).book_check == checked


@pytest.mark.parametrize(
    ("entry", "why"),
    [
        ({"sku": "X", "qty": -1}, "whole number"),
        ({"sku": "X", "qty": 1.5}, "whole number"),
        ({"sku": "X", "qty": 1, "value": "-2"}, "negative book value"),
    ],
)
def test_bad_books_in_a_document_are_refused(entry: dict[str, Any], why: str) -> None:
    document = inputs_document(site("70"))
    document["book"] = [entry]
    with pytest.raises(ValueError, match=why):
        inputs_from_document(document)
