"""The flooded-vehicle guide as a stored document: the shipped guide comes back whole, and a
damaged document is refused in words rather than read as a different guide."""

from __future__ import annotations

import json

import pytest

from estimator.documents.flood_vehicle_workbook import read_flood_guide, shipped_guide_path
from estimator.domain.errors import DomainError
from estimator.domain.flood_guide_data import guide_document, guide_of


def test_the_shipped_guide_survives_its_document() -> None:
    guide = read_flood_guide(shipped_guide_path()).guide
    assert guide is not None
    document = json.loads(json.dumps(guide_document(guide), ensure_ascii=False))
    back = guide_of(document)
    assert back.entries == guide.entries
    assert dict(back.ratios) == dict(guide.ratios)
    assert back.items_for(3, "H3") == guide.items_for(3, "H3")


@pytest.mark.parametrize(
    "document",
    [
        None,
        {"format": "flood-guide/0", "entries": [], "ratios": []},
        {"format": "flood-guide/1", "entries": [{"code": "X"}], "ratios": []},
        {"format": "flood-guide/1", "entries": [], "ratios": [{"level": 3, "low": "x"}]},
    ],
)
def test_a_damaged_document_is_refused(document: object) -> None:
    with pytest.raises(DomainError) as refused:
        guide_of(document)
    assert refused.value.code == "flood_vehicle.stored_guide_unreadable"
