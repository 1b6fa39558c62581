"""The partner shop registry (合作修理厂): list, import and export as Excel, the template.
Maintained by maintainers; every shop saved is audited."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from estimator.documents.partner_workbook import ParsedPartners, read_partners, write_partners
from estimator.documents.partner_workbook import write_template as _write_template
from estimator.domain.guarantee import PartnerAgreement
from estimator.domain.partners import PartnerShop
from estimator.persistence import audit
from estimator.persistence.rows import PartnerImportRow, PartnerShopRow
from estimator.services.imports import ImportResult, run_import
from kernel.clock import utcnow
from kernel.workbook import Progress
from labor_standards.model import ShopClass
from parts_catalog.model import PriceType


def store_partner_shop(session: Session, shop: PartnerShop, actor: str, action: str) -> None:
    """Add or update a shop and its agreement in the session's transaction (audited)."""
    agreement = shop.agreement
    row = session.scalar(select(PartnerShopRow).where(PartnerShopRow.name == shop.name))
    before = None if row is None else _shop(row)
    if row is None:
        row = PartnerShopRow(name=shop.name)
        session.add(row)
    row.shop_class, row.region, row.contact = shop.shop_class.value, shop.region, shop.contact
    row.price_types = json.dumps(
        {k: v.value for k, v in agreement.price_types.items()}, ensure_ascii=False
    )
    row.default_price_type = agreement.default_price_type.value
    row.valid_from, row.valid_to = agreement.valid_from, agreement.valid_to
    session.flush()
    if before == shop:
        return
    audit.record(
        session,
        actor=actor,
        entity="partner_shop",
        entity_id=row.id,
        action=action,
        detail={
            "name": shop.name,
            "valid_from": agreement.valid_from.isoformat(),
            "valid_to": agreement.valid_to.isoformat(),
            "price_types": row.price_types,
            "default_price_type": row.default_price_type,
        },
    )


def _shop(row: PartnerShopRow) -> PartnerShop:
    types = {k: PriceType(v) for k, v in json.loads(row.price_types).items()}
    agreement = PartnerAgreement(
        row.name, row.valid_from, row.valid_to, types, PriceType(row.default_price_type)
    )
    return PartnerShop(agreement, ShopClass(row.shop_class), row.region, row.contact)


def partner_shops(engine: Engine) -> list[PartnerShop]:
    """Every partner shop with its agreement, by name."""
    with Session(engine) as session:
        rows = session.scalars(select(PartnerShopRow).order_by(PartnerShopRow.name)).all()
        return [_shop(row) for row in rows]


def partner_shop(engine: Engine, name: str) -> PartnerShop | None:
    """The partner shop of that name, or None when the shop is not a partner."""
    with Session(engine) as session:
        row = session.scalar(select(PartnerShopRow).where(PartnerShopRow.name == name))
        return None if row is None else _shop(row)


def import_partners(
    engine: Engine,
    path: Path,
    *,
    skip_invalid: bool = False,
    imported_by: str = "",
    progress: Progress | None = None,
) -> ImportResult:
    """Import a partner registry workbook: each shop is added or updated with its agreement
    (shops not in the workbook stay as they are); atomic unless ``skip_invalid``."""

    def find(session: Session, content_hash: str) -> int | None:
        return session.scalar(
            select(PartnerImportRow.id).where(PartnerImportRow.content_hash == content_hash)
        )

    def read(_session: Session) -> Callable[[], ParsedPartners]:
        return lambda: read_partners(path, progress=progress)

    def write(
        session: Session, parsed: ParsedPartners, content_hash: str
    ) -> tuple[int, dict[str, int]]:
        for shop in parsed.shops:
            store_partner_shop(session, shop, imported_by, "import")
        row = PartnerImportRow(
            source_name=path.name,
            content_hash=content_hash,
            imported_at=utcnow(),
            imported_by=imported_by,
            shops_count=len(parsed.shops),
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            actor=imported_by,
            entity="partner_import",
            entity_id=row.id,
            action="import",
            detail={"source": path.name, "hash": content_hash, "shops": len(parsed.shops)},
        )
        return row.id, {"shops": len(parsed.shops)}

    return run_import(
        engine, path, skip_invalid=skip_invalid, find_existing=find, read=read, store=write
    )


def export_partners(engine: Engine, path: Path) -> int:
    """Write the registry as a workbook in the import format; returns the number of shops."""
    shops = partner_shops(engine)
    write_partners(path, shops)
    return len(shops)


def write_partner_template(path: Path) -> None:
    """Write the empty partner registry workbook template."""
    _write_template(path)
