"""The actual value from the catalog's new-vehicle price (issue #20 item 2: the new price
from the model or entered): the case's entered price wins; else the price of the insured
vehicle's model in the catalog; the value says which it used."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from estimator.domain.depreciation import PriceSource
from estimator.persistence.uow import UnitOfWork
from estimator.services import documents, estimate_store, settlement
from estimator.services.catalog import import_catalog
from tests.actors import MAINTAINER
from tests.conftest import write_workbook
from tests.parts_catalog.catalog_rows import MODELS, PART_HEADER
from tests.services.test_settlement import VALUE, imported, priced_at


def price_models(engine: Engine, path: Path, camry: object, lavida: object = None) -> None:
    """Import a catalog that gives the test models these new prices."""
    models = [[*MODELS[0], "new_price"], [*MODELS[1], camry], [*MODELS[2], lavida]]
    book = write_workbook(path, {"vehicle_models": models, "parts": [PART_HEADER]})
    result = import_catalog(engine, book, actor=MAINTAINER)
    assert result.status == "imported", result.problems


def without_price(repair: str, rescue: str) -> dict[str, Any]:
    """``priced_at`` with the registration and class but no entered price (the Camry)."""
    doc = priced_at(repair, rescue)
    del doc["vehicle"]["new_price"]
    return doc


def test_the_catalog_price_gives_the_value_when_the_case_has_none(
    priced_db: Engine, tmp_path: Path
) -> None:
    """Hand figures as test_settlement's: the Camry's catalog price 180,000.00, 65 months at
    0.60 %: 109,800.00; repair 100,000 + rescue 10,000 reaches it: a total loss, settled at
    109,800 − 3,000 = 106,800.00."""
    created = imported(priced_db, without_price("100000.00", "10000.00"))
    key = created.estimate_id
    assert settlement.payout_for(priced_db, key).objects[0].actual_value is None  # type: ignore[arg-type]
    price_models(priced_db, tmp_path / "prices.xlsx", "180000.00")
    (insured,) = settlement.payout_for(priced_db, key).objects  # type: ignore[arg-type]
    assert (insured.actual_value, insured.total_loss, insured.loss) == (
        VALUE,
        True,
        Decimal("106800.00"),
    )
    view = settlement.settlement_view(priced_db, key)  # type: ignore[arg-type]
    assert view.data.new_price is None and view.catalog_price == Decimal("180000.00")
    assert view.value is not None and view.value.value == VALUE
    assert view.value.price_source is PriceSource.CATALOG
    assert view.value.price_source.word("zh") == "目录车型"
    state = settlement.total_loss_state_for(priced_db, key)  # type: ignore[arg-type]
    assert state is not None and state.actual_value == VALUE


def test_the_entered_price_wins_over_the_catalog(priced_db: Engine, tmp_path: Path) -> None:
    """Entered 180,000.00 against the catalog's 200,000.00: the value is the entered one's."""
    price_models(priced_db, tmp_path / "prices.xlsx", "200000.00")
    created = imported(priced_db, priced_at("8000.00", "500.00"))
    view = settlement.settlement_view(priced_db, created.estimate_id)  # type: ignore[arg-type]
    assert view.value is not None and view.value.value == VALUE
    assert view.value.price_source is PriceSource.CASE
    assert view.value.price_source.word("zh") == "案件录入"
    assert view.catalog_price == Decimal("200000.00")


def test_a_model_without_price_gives_no_value(priced_db: Engine, tmp_path: Path) -> None:
    price_models(priced_db, tmp_path / "prices.xlsx", None, "120000.00")
    created = imported(priced_db, without_price("8000.00", "500.00"))
    view = settlement.settlement_view(priced_db, created.estimate_id)  # type: ignore[arg-type]
    assert view.value is None and view.catalog_price is None


def test_the_sheet_prints_the_value_from_the_catalog(priced_db: Engine, tmp_path: Path) -> None:
    """A case with a registration but neither price nor policy has a payout on the sheet once
    the catalog prices its model."""
    doc = without_price("8000.00", "500.00")
    for key in ("policy", "liability", "other_party"):
        doc.pop(key)
    created = imported(priced_db, doc)
    with UnitOfWork(priced_db) as uow:
        stored = estimate_store.stored_in(uow, created.estimate_id)  # type: ignore[arg-type]
        assert documents.sheet_payout_in(uow, stored) is None
    price_models(priced_db, tmp_path / "prices.xlsx", "180000.00")
    with UnitOfWork(priced_db) as uow:
        facts = documents.sheet_payout_in(uow, stored)
    assert facts is not None and facts.value is not None
    assert (facts.value.value, facts.value.price_source) == (VALUE, PriceSource.CATALOG)


def test_salvage_is_checked_against_the_value_from_the_catalog(
    priced_db: Engine, tmp_path: Path
) -> None:
    """A whole-vehicle salvage above the catalog-priced value (109,800.00) is refused."""
    from dataclasses import replace

    from estimator.domain.workflow import Role
    from tests.services.conftest import make_team

    team = make_team(priced_db, wang={Role.ASSESSOR})
    created = imported(priced_db, without_price("8000.00", "500.00"))
    price_models(priced_db, tmp_path / "prices.xlsx", "180000.00")
    data = settlement.case_settlement(priced_db, created.case_id)  # type: ignore[arg-type]
    with pytest.raises(settlement.SettlementInvalid) as refused:
        settlement.set_case_settlement(
            priced_db,
            created.case_id,  # type: ignore[arg-type]
            replace(data, total_loss_salvage=Decimal("120000.00")),
            team["wang"],
        )
    assert [p.path for p in refused.value.problems] == ["total_loss_salvage"]


def test_a_submitted_version_keeps_the_price_of_its_catalog_version(
    priced_db: Engine, tmp_path: Path
) -> None:
    """Priced 180,000.00 when submitted (109,800.00); a later catalog's 200,000.00 (× 61 % =
    122,000.00) is what a draft of the case reads, not the submitted version; a later catalog
    clearing the price leaves the submitted version its own."""
    from estimator.domain.workflow import Role
    from estimator.services import workflow
    from estimator.services.review import review_estimate
    from estimator.services.submission import key_of, open_warnings
    from tests.services.conftest import make_team

    team = make_team(priced_db, wang={Role.ASSESSOR})
    price_models(priced_db, tmp_path / "p1.xlsx", "180000.00")
    created = imported(priced_db, without_price("8000.00", "500.00"))
    submitted = str(created.estimate_id)
    reasons = {
        key_of(f): "客户确认外包价格" for f in open_warnings(review_estimate(priced_db, submitted))
    }
    workflow.submit(priced_db, submitted, team["wang"], reasons=reasons)
    price_models(priced_db, tmp_path / "p2.xlsx", "200000.00")
    value = settlement.settlement_view(priced_db, submitted).value
    assert value is not None and value.value == VALUE
    draft = imported(priced_db, without_price("8000.00", "500.00"))
    value = settlement.settlement_view(priced_db, str(draft.estimate_id)).value
    assert value is not None and value.value == Decimal("122000.00")
    price_models(priced_db, tmp_path / "p3.xlsx", None)
    value = settlement.settlement_view(priced_db, submitted).value
    assert value is not None and value.value == VALUE
    assert settlement.settlement_view(priced_db, str(draft.estimate_id)).value is None
