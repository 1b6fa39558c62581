"""The disposal choices and the categories' default discount rates in ``flood-inputs/1``
(optional keys): kept exactly, refused with a reason when bad, passed on to the assessment,
checked when a version is saved, covered by its content hash, and left out when they fit no
lot at the depth on screen."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine

from estimator.domain.errors import DomainError
from estimator.domain.flood_disposal import DisposalChoice, DisposalOption
from estimator.domain.flood_inputs import AssessmentInputs, inputs_document, inputs_from_document
from estimator.services.flood_cases import (
    create_flood_case,
    flood_case_history,
    load_flood_version,
    save_flood_version,
)
from estimator.services.flood_outcome import fitting_choices, outcome, outcome_with_what_fits
from kernel.money import round_fen
from tests.flood_site import site
from tests.services.test_flood_cases import ASSESSOR
from tests.services.test_flood_outcome import OLD_DOCUMENT, POLICY

D = Decimal
#: The warehouse of tests/flood_site.py at 70 cm: 77 indoor units submerged or partly wet.
INDOOR = ("indoor", "KFR-35GW")


def lot_keys(inputs: AssessmentInputs) -> list[tuple[str, str, str]]:
    return [a.lot.key for a in outcome(inputs).lots]


def with_choices() -> AssessmentInputs:
    """The warehouse at 70 cm under a policy, its first lot written off with a reason and a
    default discount for the outdoor units."""
    base = dataclasses.replace(site("70"), policy=POLICY)
    key = lot_keys(base)[0]
    return dataclasses.replace(
        base,
        disposal_choices=(
            DisposalChoice(*key, DisposalOption.WRITE_OFF, "主板锈蚀", D("0.35"), None),
        ),
        damaged_discounts={"outdoor": D("0.3")},
    )


def test_an_old_document_has_no_disposal_keys_and_assesses_the_same() -> None:
    document = json.loads(OLD_DOCUMENT)
    inputs = inputs_from_document(document)
    assert (inputs.disposal_choices, inputs.damaged_discounts) == ((), {})
    written = inputs_document(inputs)
    assert "disposal" not in written and "damaged_discounts" not in written
    result = outcome(inputs)
    # Every lot proposed and settled as reconditioned: the lots' net is the old net.
    assert all(a.disposal is not None for a in result.lots)
    assert sum(a.net for a in result.lots) == D("20200.00")


def test_choices_and_discounts_survive_the_document_exactly() -> None:
    inputs = with_choices()
    document = inputs_document(inputs)
    assert document["disposal"] == [
        {
            "category": inputs.disposal_choices[0].category,
            "sku": inputs.disposal_choices[0].sku,
            "state": inputs.disposal_choices[0].state,
            "choice": "write_off",
            "reason": "主板锈蚀",
            "discount_rate": "0.35",
            "quote": None,
        }
    ]
    assert document["damaged_discounts"] == {"outdoor": "0.3"}
    again = inputs_from_document(json.loads(json.dumps(document, ensure_ascii=False)))
    assert again == inputs
    assert outcome(again) == outcome(inputs)


@pytest.mark.parametrize(
    ("key", "change", "why"),
    [
        ("disposal", lambda d: d[0].update(choice="burn"), "recondition, damaged_sale or"),
        ("disposal", lambda d: d[0].update(reason=5), "reason must be text"),
        ("disposal", lambda d: d[0].update(discount_rate="1.5"), "between 0 and 1"),
        ("disposal", lambda d: d[0].update(discount_rate=0.3), "decimal string"),
        ("disposal", lambda d: d[0].update(quote="-1"), "negative disposal quote"),
        ("disposal", lambda d: d[0].pop("sku"), "malformed"),
        ("damaged_discounts", lambda d: d.update(outdoor="cheap"), "not a decimal"),
        ("damaged_discounts", lambda d: d.update(outdoor="-0.1"), "between 0 and 1"),
    ],
)
def test_bad_values_are_refused_with_a_reason(key: str, change: Any, why: str) -> None:
    document = inputs_document(with_choices())
    change(document[key])
    with pytest.raises(ValueError, match=why):
        inputs_from_document(document)


def test_the_outcome_applies_the_choice_and_settles_the_lots_net() -> None:
    inputs = with_choices()
    plain = outcome(dataclasses.replace(inputs, disposal_choices=()))
    chosen = outcome(inputs)
    first, before = chosen.lots[0], plain.lots[0]
    assert first.disposal is not None and first.disposal.chosen is DisposalOption.WRITE_OFF
    assert first.disposal.reason == "主板锈蚀"
    # Written off: the lot's value less its salvage at the category's ratio, per line.
    ratio = inputs.rules[first.lot.category].salvage_ratio
    salvage = sum((round_fen(v * ratio) for v in first.lot.line_values), D(0))
    assert first.net == first.lot.value - salvage
    assert first.net > before.net  # dearer than the proposal it overrides
    assert chosen.settlement is not None and plain.settlement is not None
    assert chosen.settlement.net_loss - plain.settlement.net_loss == first.net - before.net


def test_a_version_keeps_the_choices_and_its_hash_covers_them(engine: Engine) -> None:
    case = create_flood_case(engine, claim_no="RQJC-D1", actor=ASSESSOR)
    inputs = with_choices()
    saved = save_flood_version(engine, case.id, inputs, ASSESSOR)
    loaded = load_flood_version(engine, saved.id)
    assert loaded.inputs == inputs and outcome(loaded.inputs) == outcome(inputs)
    expected = outcome(inputs).settlement
    assert expected is not None and loaded.totals["payable"] == f"{expected.payable:.2f}"
    other = save_flood_version(
        engine,
        case.id,
        dataclasses.replace(
            inputs,
            disposal_choices=(dataclasses.replace(inputs.disposal_choices[0], reason="另一理由"),),
        ),
        ASSESSOR,
    )
    assert other.content_hash != saved.content_hash
    audited = [d for _, a, d in flood_case_history(engine, case.id) if a == "save_version"]
    assert [d["content_hash"] for d in audited] == [saved.content_hash, other.content_hash]


def test_a_version_with_a_choice_without_its_reason_is_refused(engine: Engine) -> None:
    case = create_flood_case(engine, claim_no="RQJC-D2", actor=ASSESSOR)
    inputs = with_choices()
    bare = dataclasses.replace(
        inputs, disposal_choices=(dataclasses.replace(inputs.disposal_choices[0], reason=""),)
    )
    with pytest.raises(DomainError) as refused:
        save_flood_version(engine, case.id, bare, ASSESSOR)
    assert "a reason is needed" in refused.value.message_en
    assert "须填写理由" in refused.value.message_zh


def test_choices_that_fit_no_lot_at_this_depth_are_listed_and_left_out() -> None:
    inputs = with_choices()
    good = inputs.disposal_choices[0]
    unknown = DisposalChoice("indoor", "NO-SUCH", "partial", DisposalOption.WRITE_OFF, "x")
    second = dataclasses.replace(good, choice=DisposalOption.RECONDITION)
    crowded = dataclasses.replace(inputs, disposal_choices=(unknown, good, second))
    assert outcome(crowded).status == "rejected"
    assert fitting_choices(crowded) == (good,)
    shown = outcome_with_what_fits(crowded)
    assert shown.status == "assessed"
    assert {p.code for p in shown.problems if p.severity == "error"} == {
        "flood_lot_unknown",
        "flood_disposal_duplicate",
    }
    assert shown.lots == outcome(dataclasses.replace(inputs, disposal_choices=(good,))).lots
    # No water, no lots: no choice fits, and nothing is wet to settle.
    dry = dataclasses.replace(inputs, depth=site("0").depth)
    assert fitting_choices(dry) == ()
    assert outcome_with_what_fits(dry).lots == ()
    # Inputs that fit are assessed as they are.
    assert outcome_with_what_fits(inputs) == outcome(inputs)
