"""Small hand-written catalog workbooks for tests."""

from __future__ import annotations

from typing import Any

MODEL_HEADER = ["model_code", "brand", "series", "model_name", "year_from", "year_to",
                "vin_prefixes", "vehicle_class"]
PART_HEADER = ["part_no", "name_zh", "name_en", "component_code", "category", "models",
               "region", "price_oem_4s", "price_oem_market", "price_brand", "price_used",
               "recover_old_part", "salvage_rate", "effective_date"]

MODELS: list[list[Any]] = [
    MODEL_HEADER,
    ["TY-CAMRY-18", "丰田", "凯美瑞", "凯美瑞 2.0G", 2018, 2023, "LVGBE40K;LVGBE4", "C"],
    ["VW-LAVIDA-19", "大众", "朗逸", "朗逸 1.5L", 2019, 2024, "LSVAG2", "B"],
]

PARTS: list[list[Any]] = [
    PART_HEADER,
    ["52119-0K280", "前保险杠皮", "Front bumper cover", "FBUMPER", "外观件", "TY-CAMRY-18",
     "ZJ", "1850.00", "1620.00", "980.00", "600.00", "否", "0.05", "2026-10-01"],
    ["52119-0K280", "前保险杠皮", "Front bumper cover", "FBUMPER", "外观件", "TY-CAMRY-18",
     "SH", "1900.00", "1650.00", None, None, "否", "0.05", "2026-10-01"],
    ["52119-0K280", "前保险杠皮", "Front bumper cover", "FBUMPER", "外观件", "TY-CAMRY-18",
     "ZJ", "1880.00", None, None, None, "否", "0.05", "2026-11-01"],
    ["81130-06B30", "左前大灯总成", "Headlamp assy LH", "HEADLAMP_L", "灯具", "TY-CAMRY-18",
     "ZJ", "4200.00", "3900.00", "2100.00", None, "是", None, "2026-10-01"],
    ["5G0 807 221 A", "前保险杠皮", "Front bumper cover", "FBUMPER", "外观件", "VW-LAVIDA-19",
     "ZJ", "1400.00", "1250.00", None, None, "否", None, "2026-10-01"],
    ["5G0-941-005", "左前大灯", "Headlamp LH", "HEADLAMP_L", "灯具", "VW-LAVIDA-19",
     "ZJ", "2600.00", None, None, None, "否", None, "2026-10-01"],
    ["87910-06A10", "右后视镜", "Mirror RH", "MIRROR_R", "外观件", "TY-CAMRY-18;VW-LAVIDA-19",
     "ZJ", "980.50", None, None, None, "否", None, "2026-10-01"],
    ["53301-06190", "发动机盖", "Hood", "HOOD", "外观件", "TY-CAMRY-18",
     "ZJ", "2675.00", None, None, None, "是", "0.08", "2026-10-01"],
]
