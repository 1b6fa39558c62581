"""A small flooded warehouse built in code: air-conditioner stacks of two categories."""

from __future__ import annotations

from decimal import Decimal

from estimator.domain.flood import (
    CategoryRules,
    LayerState,
    RepairItem,
    Stack,
    StateRule,
    WaterDepth,
)
from estimator.domain.flood_inputs import FloodInputs

D = Decimal


def _items(*pairs: tuple[str, str]) -> StateRule:
    return StateRule(tuple(RepairItem(name, D(cost)) for name, cost in pairs))


RULES = {
    "indoor": CategoryRules(
        "indoor",
        {
            LayerState.PARTIAL: _items(("更换控制板", "300"), ("更换滤网", "50")),
            LayerState.SUBMERGED: _items(
                ("更换控制板", "300"), ("更换滤网", "50"), ("更换包装", "30"), ("清洗检测", "20")
            ),
            LayerState.COLLAPSED: _items(("清洗检测", "20"), ("更换包装", "30")),
        },
        salvage_ratio=D("0.1"),
        softens=True,
    ),
    "outdoor": CategoryRules(
        "outdoor",
        {
            LayerState.PARTIAL: _items(("清洗检测", "20")),
            LayerState.SUBMERGED: _items(("清洗检测", "20"), ("更换包装", "30")),
        },
    ),
    "remote": CategoryRules(
        "remote",
        {
            LayerState.PARTIAL: StateRule(loss_ratio=D("1")),
            LayerState.SUBMERGED: StateRule(loss_ratio=D("1")),
        },
        salvage_ratio=D("0.05"),
    ),
}


def stacks() -> tuple[Stack, ...]:
    """Eight stacks in two zones; cartons 25 cm high, some on 15 cm pallets."""
    rows = [
        ("A-01", "A", "KFR-35GW/N", "indoor", 40, 8, "25", "0", "1299.00"),
        ("A-02", "A", "KFR-35GW/N", "indoor", 37, 8, "25", "15", "1299.00"),
        ("A-03", "A", "KFR-26GW/N", "indoor", 24, 6, "32.5", "0", "1099.50"),
        ("A-04", "A", "RC-01", "remote", 500, 100, "12", "0", "18.33"),
        ("B-01", "B", "KFR-35W/N", "outdoor", 30, 5, "40", "0", "1899.00"),
        ("B-02", "B", "KFR-35W/N", "outdoor", 18, 6, "40", "15", "1899.00"),
        ("B-03", "B", "KFR-26W/N", "outdoor", 12, 4, "38", "0", "1599.00"),
        ("B-04", "B", "KFR-35GW/N", "indoor", 16, 8, "25", "80", "1299.00"),
    ]
    return tuple(
        Stack(
            location=loc,
            sku=sku,
            category=cat,
            qty=qty,
            units_per_layer=per,
            carton_height_cm=D(h),
            unit_cost=D(cost),
            base_height_cm=D(base),
            zone=zone,
            description="空调" if cat != "remote" else "遥控器",
            source_row=i + 2,
        )
        for i, (loc, zone, sku, cat, qty, per, h, base, cost) in enumerate(rows)
    )


def site(depth: str = "70", proposed: str | None = None) -> FloodInputs:
    """The warehouse under ``depth`` cm of water everywhere."""
    return FloodInputs(
        stacks(),
        RULES,
        WaterDepth(D(depth)),
        None if proposed is None else D(proposed),
        {"inventory": "built in code"},
    )
