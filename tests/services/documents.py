"""The documented estimate/1 example, against tests/parts_catalog and tests/labor_standards."""

from __future__ import annotations

from typing import Any


def document(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": "estimate/1",
        "claim_no": "RDAA2026330100000123",
        "priced_on": "2026-11-20",
        "region": "ZJ",
        "shop": {"name": "丽水某汽修", "class": "class1", "partner": True},
        "vehicle": {
            "vin": "LVGBE40K8KG000001",
            "model_code": "TY-CAMRY-18",
            "plate": "浙K12345",
            "paint_type": "metallic",
        },
        "price_type": "oem_4s",
        "parts_management_fee_rate": "0.05",
        "salvage": "90.00",
        "needs_teardown": False,
        "lines": [
            {"kind": "part", "part_no": "52119-0K280", "qty": "1"},
            {"kind": "part", "part_no": "81130-06B30", "qty": "1", "price_type": "brand"},
            {
                "kind": "part",
                "part_no": "X-1",
                "qty": "1",
                "unit_price": "800.00",
                "override_reason": "catalog has no price for this trim",
            },
            {"kind": "labor", "component_code": "FBUMPER", "operation": "replace"},
            {"kind": "labor", "component_code": "FOGLAMP_L", "operation": "ri"},
            {
                "kind": "labor",
                "component_code": "FENDER_L",
                "operation": "repair_medium",
                "hours": "3.5",
                "override_reason": "crease across the wheel arch",
            },
            {"kind": "paint", "component_code": "FBUMPER"},
            {"kind": "material", "description": "卡扣", "qty": "10", "unit_price": "2.50"},
            {"kind": "sublet", "description": "四轮定位", "amount": "200"},
            {"kind": "towing", "description": "拖车", "amount": "300"},
        ],
    }
    doc.update(changes)
    return doc
