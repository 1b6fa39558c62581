"""flood-inputs/1 with observations and wicking: carried only when set, older documents
unchanged to the byte and to the fen."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path

import pytest

from estimator.domain.flood_inputs import inputs_document, inputs_from_document
from tests.flood_site import site

D = Decimal
#: tests.flood_site.site("70", "95.5") saved by the code before observations existed.
BEFORE = Path(__file__).parent / "data" / "flood_inputs_before_observations.json"


def test_a_document_saved_before_observations_reads_and_writes_back_byte_identical() -> None:
    text = BEFORE.read_text(encoding="utf-8").strip()
    inputs = inputs_from_document(json.loads(text))
    assert json.dumps(inputs_document(inputs), ensure_ascii=False, sort_keys=True) == text
    assert all(s.water_mark_cm is None and s.observed_collapse is None for s in inputs.stacks)
    assert all(r.wicking_cm == 0 for r in inputs.rules.values())
    # The figures that code gave for this document (loss, salvage, avoided).
    a = inputs.assess()
    assert (a.totals.loss, a.totals.salvage, a.prevention.avoided) == (
        D("37265.00"),
        D("458.25"),
        D("37265.00"),
    )


def test_observations_and_wicking_survive_the_round_trip() -> None:
    inputs = site("70", "95.5")
    first, second, *rest = inputs.stacks
    observed = dataclasses.replace(
        inputs,
        stacks=(
            dataclasses.replace(first, water_mark_cm=D("62.5"), observed_collapse=True),
            dataclasses.replace(second, observed_collapse=False),
            *rest,
        ),
        rules={
            **inputs.rules,
            "indoor": dataclasses.replace(inputs.rules["indoor"], wicking_cm=D("3")),
        },
    )
    document = inputs_document(observed)
    assert document["stacks"][0]["water_mark_cm"] == "62.5"
    assert document["stacks"][0]["observed_collapse"] is True
    assert document["stacks"][1]["observed_collapse"] is False
    assert "water_mark_cm" not in document["stacks"][1]
    assert "water_mark_cm" not in document["stacks"][2]
    assert "observed_collapse" not in document["stacks"][2]
    assert document["rules"]["indoor"]["wicking_cm"] == "3"
    assert "wicking_cm" not in document["rules"]["outdoor"]
    again = inputs_from_document(json.loads(json.dumps(document)))
    assert again == observed
    assert again.assess() == observed.assess()
    assert again.assess().totals.loss != inputs.assess().totals.loss


def test_a_malformed_observation_is_refused() -> None:
    document = inputs_document(site("70"))
    document["stacks"][0]["observed_collapse"] = "yes"
    with pytest.raises(ValueError, match="observed_collapse"):
        inputs_from_document(document)
