"""The flood screen's and the saved versions' way to the lots and the settlement.

An :class:`~estimator.domain.flood_inputs.AssessmentInputs` (what is on screen, or a saved
version's inputs) is assessed through the same service path as the CLI
(:func:`estimator.services.flood.assess_inputs`), so the lots and the settlement shown are the
ones the reports print.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from estimator.domain.flood import WaterDepth
from estimator.domain.flood_disposal import DisposalChoice, check_choices
from estimator.domain.flood_inputs import AssessmentInputs
from estimator.domain.flood_lots import LotAssessment, TestResult, check_results
from estimator.services.flood import FloodInputs, FloodOutcome, assess_inputs

#: The codes of problems with a test result or a disposal choice (domain.flood_lots and
#: domain.flood_disposal): the ones a depth change can cause in inputs that were fine.
FITTING_PROBLEMS = ("flood_lot_", "flood_disposal_")


def flood_inputs(inputs: AssessmentInputs) -> FloodInputs:
    """The service's inputs for these assessment inputs (their depths go separately)."""
    return FloodInputs(
        stacks=tuple(inputs.stacks),
        rules=inputs.rules,
        zone_depths=dict(inputs.depth.zones),
        inventory_sheet=inputs.inventory_sheet,
        tested_ok=dict(inputs.tested_ok),
        test_results=tuple(inputs.test_results),
        policy=inputs.policy,
        disposal_choices=tuple(inputs.disposal_choices),
        damaged_discounts=dict(inputs.damaged_discounts),
        book=tuple(inputs.book),
    )


def assessment_inputs(
    read: FloodInputs, depth: WaterDepth, sources: Mapping[str, str]
) -> AssessmentInputs:
    """The inverse of :func:`flood_inputs`: what the workbooks gave, at ``depth``, as the
    screen's inputs (every field carried, so nothing read is dropped on the way)."""
    return AssessmentInputs(
        read.stacks,
        read.rules,
        depth,
        sources=dict(sources),
        inventory_sheet=read.inventory_sheet,
        tested_ok=dict(read.tested_ok),
        test_results=tuple(read.test_results),
        policy=read.policy,
        disposal_choices=tuple(read.disposal_choices),
        damaged_discounts=dict(read.damaged_discounts),
        book=tuple(read.book),
    )


def outcome(inputs: AssessmentInputs) -> FloodOutcome:
    """Check and assess ``inputs`` at their depths: the assessment, the lots (measured where
    there are test results) and, with a policy, the settlement; or why there is none."""
    return assess_inputs(
        flood_inputs(inputs),
        water=inputs.depth,
        proposed_base_height_cm=inputs.proposed_base_height_cm,
    )


def fitting_results(inputs: AssessmentInputs) -> tuple[TestResult, ...]:
    """The test results that fit the lots at the inputs' depths (a result that names no
    lot, or more units than its lot has, is left out; so is a lot's second result)."""
    bare = outcome(replace(inputs, test_results=()))
    if bare.status != "assessed":
        return ()
    found = [a.lot for a in bare.lots]
    kept: list[TestResult] = []
    for result in inputs.test_results:
        if not check_results(found, [*kept, result]):
            kept.append(result)
    return tuple(kept)


def fitting_choices(inputs: AssessmentInputs) -> tuple[DisposalChoice, ...]:
    """The disposal choices that fit the lots at the inputs' depths, measured with the test
    results that fit (a choice that names no lot, a lot's second choice, a sale without a
    price or another option than the proposal without a reason is left out)."""
    bare = outcome(replace(inputs, test_results=fitting_results(inputs), disposal_choices=()))
    if bare.status != "assessed":
        return ()
    return _fitting(inputs, bare.lots)


def _fitting(inputs: AssessmentInputs, lots: Sequence[LotAssessment]) -> tuple[DisposalChoice, ...]:
    ratios = {name: r.salvage_ratio for name, r in inputs.rules.items()}
    kept: list[DisposalChoice] = []
    for choice in inputs.disposal_choices:
        candidate = [*kept, choice]
        if not check_choices(lots, ratios, candidate, discounts=inputs.damaged_discounts):
            kept.append(choice)
    return tuple(kept)


def outcome_with_what_fits(inputs: AssessmentInputs) -> FloodOutcome:
    """The outcome of ``inputs``; when only test results or disposal choices fail (another
    depth changed the lots), the rest assessed with those that fit, every failing one listed
    with its reason among the problems (saving still refuses them: it uses :func:`outcome`)."""
    result = outcome(inputs)
    errors = [p for p in result.problems if p.severity == "error"]
    if not errors or not all(p.code.startswith(FITTING_PROBLEMS) for p in errors):
        return result
    results = fitting_results(inputs)
    measured = outcome(replace(inputs, test_results=results, disposal_choices=()))
    if measured.status != "assessed":
        return result
    ratios = {name: r.salvage_ratio for name, r in inputs.rules.items()}
    choices, discounts = inputs.disposal_choices, inputs.damaged_discounts
    found = check_choices(measured.lots, ratios, choices, discounts=discounts)
    kept = _fitting(inputs, measured.lots)
    listed = [*result.problems, *(p for p in found if p not in result.problems)]
    if kept == ():  # nothing to dispose of by choice: the lots measured are the outcome
        return replace(measured, problems=listed)
    fitting = replace(inputs, test_results=results, disposal_choices=kept)
    return replace(outcome(fitting), problems=listed)
