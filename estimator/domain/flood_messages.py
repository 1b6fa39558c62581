"""The flood assessment's messages, both languages (kernel.problems registry). Pure."""

from __future__ import annotations

from kernel.problems import register_messages

register_messages(
    {
        "flood_no_rules": (
            "品类 {category} 没有损失规则",
            "the category {category} has no loss rules",
        ),
        "flood_no_state_rule": (
            "品类 {category} 没有“{state}”状态的规则，按无损失计",
            "the category {category} has no rule for the state '{state}'; counted as no loss",
        ),
        "flood_no_zone_depth": (
            "区域 {zone} 没有水深",
            "the zone {zone} has no water depth",
        ),
        "flood_no_depth": (
            "没有水深 (使用 --depth 或 --zone-depths)",
            "no water depth (use --depth or --zone-depths)",
        ),
        "flood_duplicate_location": (
            "库位 {location} 重复",
            "the location {location} appears twice",
        ),
    }
)
