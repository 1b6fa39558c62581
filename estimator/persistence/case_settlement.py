"""The case's settlement data (settlement.md): one row per case (table ``case_settlement``)
with the insured vehicle's new price, registration and depreciation class, the loss date, the
policy, the liability both ways, the whole-vehicle salvage and the flood record; and its
repository, which works in the session it is given and never commits.

The row holds the insured vehicle's data; third-party objects will hang on the case by their
own kind and index.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, Session, mapped_column

from estimator.domain.depreciation import parse_class
from estimator.domain.settlement_inputs import CaseSettlement
from kernel.orm import Base, ScaledDecimal, UuidText

MONEY = 2


class CaseSettlementRow(Base):
    """A case's settlement data; every column is nullable (not given)."""

    __tablename__ = "case_settlement"

    case_id: Mapped[uuid.UUID] = mapped_column(UuidText(), ForeignKey("cases.id"), primary_key=True)
    new_price: Mapped[Decimal | None] = mapped_column(ScaledDecimal(MONEY))
    registered_on: Mapped[dt.date | None] = mapped_column(Date())
    use_class: Mapped[str | None] = mapped_column(String(40))
    loss_on: Mapped[dt.date | None] = mapped_column(Date())
    vehicle_damage_sum_insured: Mapped[Decimal | None] = mapped_column(ScaledDecimal(MONEY))
    third_party_limit: Mapped[Decimal | None] = mapped_column(ScaledDecimal(MONEY))
    deductible: Mapped[Decimal | None] = mapped_column(ScaledDecimal(MONEY))
    #: A liability name (main) or a decimal share as text (0.65).
    liability: Mapped[str | None] = mapped_column(String(20))
    other_party_compulsory: Mapped[bool | None] = mapped_column(Boolean())
    other_party_liability: Mapped[str | None] = mapped_column(String(20))
    total_loss_salvage: Mapped[Decimal | None] = mapped_column(ScaledDecimal(MONEY))
    water_level: Mapped[int | None] = mapped_column(Integer())
    immersion: Mapped[str | None] = mapped_column(String(2))
    engine_restarted: Mapped[bool | None] = mapped_column(Boolean())


_FIELDS = (
    "new_price",
    "registered_on",
    "loss_on",
    "vehicle_damage_sum_insured",
    "third_party_limit",
    "deductible",
    "liability",
    "other_party_compulsory",
    "other_party_liability",
    "total_loss_salvage",
    "water_level",
    "immersion",
    "engine_restarted",
)


def settlement_of(row: CaseSettlementRow | None) -> CaseSettlement:
    """The stored row as the domain's value (nothing given when there is no row)."""
    if row is None:
        return CaseSettlement()
    values = {name: getattr(row, name) for name in _FIELDS}
    use_class = parse_class(row.use_class) if row.use_class else None
    return CaseSettlement(use_class=use_class, **values)


class CaseSettlementRepository:
    """Case settlement rows in one unit of work's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, case_id: uuid.UUID) -> CaseSettlement:
        """The case's settlement data (nothing given when none is stored)."""
        return settlement_of(self.session.get(CaseSettlementRow, case_id))

    def put(self, case_id: uuid.UUID, data: CaseSettlement) -> None:
        """Store the case's settlement data, replacing what it had."""
        row = self.session.get(CaseSettlementRow, case_id)
        if row is None:
            row = CaseSettlementRow(case_id=case_id)
            self.session.add(row)
        for name in _FIELDS:
            setattr(row, name, getattr(data, name))
        row.use_class = None if data.use_class is None else data.use_class.key
        self.session.flush()
