"""The flood screen's and the saved versions' way to the lots and the settlement.

An :class:`~estimator.domain.flood_inputs.AssessmentInputs` (what is on screen, or a saved
version's inputs) is assessed through the same service path as the CLI
(:func:`estimator.services.flood.assess_inputs`), so the lots and the settlement shown are the
ones the reports print.
"""

from __future__ import annotations

from estimator.domain.flood_inputs import AssessmentInputs
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
