"""The partner shop registry (合作修理厂): list, import and export as Excel, the template.
Maintained by maintainers; every shop saved is audited."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from estimator.documents.partner_workbook import ParsedPartners, read_partners, write_partners
from estimator.documents.partner_workbook import write_template as _write_template
from estimator.domain.partners import PartnerShop
from estimator.persistence.partners import PartnerRepository
from estimator.persistence.rows import PartnerImportRow
from estimator.persistence.uow import AuditTrail, UnitOfWork
from estimator.services.imports import ImportResult, run_import
from estimator.services.ports import AuditLike, PartnersLike
from estimator.services.users import User
from kernel.clock import utcnow
from kernel.workbook import Progress


def store_partner_shop(session: Session, shop: PartnerShop, actor: str, action: str) -> None:
    """Add or update a shop and its agreement in the session's transaction (audited)."""
    save_shop(PartnerRepository(session), AuditTrail(session), shop, actor, action)


def save_shop(
    partners: PartnersLike, trail: AuditLike, shop: PartnerShop, actor: str, action: str
) -> None:
    """Add or update a shop and its agreement; audited (``action``: "save", "import") unless
    it is exactly as it was."""
    agreement = shop.agreement
    row, before = partners.save(shop)
    if before == shop:
        return
    trail.record(
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


def partner_shops(engine: Engine) -> list[PartnerShop]:
    """Every partner shop with its agreement, by name."""
    with UnitOfWork(engine) as uow:
        return uow.partners.all()


def partner_shop(engine: Engine, name: str) -> PartnerShop | None:
    """The partner shop of that name, or None when the shop is not a partner."""
    with UnitOfWork(engine) as uow:
        return uow.partners.get(name)


def import_partners(
    engine: Engine,
    path: Path,
    *,
    actor: User,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Import a partner registry workbook: each shop is added or updated with its agreement
    (shops not in the workbook stay as they are); atomic unless ``skip_invalid``; as
    ``actor`` (a maintainer or an administrator; audited with the file's hash)."""

    def find(session: Session, content_hash: str) -> int | None:
        return PartnerRepository(session).import_with_hash(content_hash)

    def read(_session: Session) -> Callable[[], ParsedPartners]:
        return lambda: read_partners(path, progress=progress)

    def write(
        session: Session, parsed: ParsedPartners, content_hash: str
    ) -> tuple[int, dict[str, int]]:
        for shop in parsed.shops:
            store_partner_shop(session, shop, actor.username, "import")
        row = PartnerRepository(session).add_import(
            PartnerImportRow(
                source_name=path.name,
                content_hash=content_hash,
                imported_at=utcnow(),
                imported_by=actor.username,
                shops_count=len(parsed.shops),
            )
        )
        return row.id, {"shops": len(parsed.shops)}

    return run_import(
        engine,
        path,
        actor=actor,
        entity="partner_import",
        skip_invalid=skip_invalid,
        find_existing=find,
        read=read,
        store=write,
    )


def export_partners(engine: Engine, path: Path) -> int:
    """Write the registry as a workbook in the import format; returns the number of shops."""
    shops = partner_shops(engine)
    write_partners(path, shops)
    return len(shops)


def write_partner_template(path: Path) -> None:
    """Write the empty partner registry workbook template."""
    _write_template(path)
