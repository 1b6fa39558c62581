"""The flood screen's and the saved versions' way to the lots and the settlement.

An :class:`~estimator.domain.flood_inputs.AssessmentInputs` (what is on screen, or a saved
version's inputs) is assessed through the same service path as the CLI
(:func:`estimator.services.flood.assess_inputs`), so the lots and the settlement shown are the
ones the reports print.
"""

from __future__ import annotations

from dataclasses import replace

from estimator.domain.flood_inputs import AssessmentInputs
from estimator.domain.flood_lots import TestResult, check_results
from estimator.services.flood import FloodInputs, FloodOutcome, assess_inputs


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
