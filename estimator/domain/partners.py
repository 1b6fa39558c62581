"""A partner shop (合作修理厂) of the registry: who it is, its class and region, its agreement. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from estimator.domain.guarantee import PartnerAgreement
from labor_standards.model import ShopClass


@dataclass(frozen=True)
class PartnerShop:
    """A partner shop in the registry: who it is, and its agreement."""

    agreement: PartnerAgreement
    shop_class: ShopClass
    region: str
    contact: str = ""

    @property
    def name(self) -> str:
        """The shop's name (its key in the registry)."""
        return self.agreement.shop_name
