"""The partner shops repository: each shop with its agreement (row ↔ ``PartnerShop``), and the
registry imports already done.

It works in the session it is given and never commits.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from estimator.domain.guarantee import PartnerAgreement
from estimator.domain.partners import PartnerShop
from estimator.persistence.rows import PartnerImportRow, PartnerShopRow
from labor_standards.model import ShopClass
from parts_catalog.model import PriceType


def partner_shop_of(row: PartnerShopRow) -> PartnerShop:
    """The shop and agreement a row holds."""
    types = {k: PriceType(v) for k, v in json.loads(row.price_types).items()}
    agreement = PartnerAgreement(
        row.name, row.valid_from, row.valid_to, types, PriceType(row.default_price_type)
    )
    return PartnerShop(agreement, ShopClass(row.shop_class), row.region, row.contact)


class PartnerRepository:
    """Partner shop rows and registry imports in one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def all(self) -> list[PartnerShop]:
        """Every partner shop, by name."""
        rows = self.session.scalars(select(PartnerShopRow).order_by(PartnerShopRow.name))
        return [partner_shop_of(row) for row in rows]

    def get(self, name: str) -> PartnerShop | None:
        """The shop of that name, or None."""
        row = self._row(name)
        return None if row is None else partner_shop_of(row)

    def save(self, shop: PartnerShop) -> tuple[PartnerShopRow, PartnerShop | None]:
        """Add or update ``shop`` (flushed); returns its row and what it was before (None
        when it is new)."""
        agreement = shop.agreement
        row = self._row(shop.name)
        before = None if row is None else partner_shop_of(row)
        if row is None:
            row = PartnerShopRow(name=shop.name)
            self.session.add(row)
        row.shop_class, row.region, row.contact = shop.shop_class.value, shop.region, shop.contact
        row.price_types = json.dumps(
            {k: v.value for k, v in agreement.price_types.items()}, ensure_ascii=False
        )
        row.default_price_type = agreement.default_price_type.value
        row.valid_from, row.valid_to = agreement.valid_from, agreement.valid_to
        self.session.flush()
        return row, before

    def import_with_hash(self, content_hash: str) -> int | None:
        """The id of the registry import of exactly these bytes, or None."""
        return self.session.scalar(
            select(PartnerImportRow.id).where(PartnerImportRow.content_hash == content_hash)
        )

    def add_import(self, row: PartnerImportRow) -> PartnerImportRow:
        """Record a registry import (flushed: it has its id)."""
        self.session.add(row)
        self.session.flush()
        return row

    def _row(self, name: str) -> PartnerShopRow | None:
        return self.session.scalar(select(PartnerShopRow).where(PartnerShopRow.name == name))
