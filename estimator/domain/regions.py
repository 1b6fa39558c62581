"""Price regions (地区) by name: the province-level codes of ISO 3166-2:CN that catalogs and
labor standards use (ZJ 浙江, SH 上海). A code that is not a province is shown as it is."""

from __future__ import annotations

from typing import Literal

#: ISO 3166-2:CN subdivision code → (Chinese name, English name).
PROVINCES: dict[str, tuple[str, str]] = {
    "BJ": ("北京", "Beijing"),
    "TJ": ("天津", "Tianjin"),
    "HE": ("河北", "Hebei"),
    "SX": ("山西", "Shanxi"),
    "NM": ("内蒙古", "Inner Mongolia"),
    "LN": ("辽宁", "Liaoning"),
    "JL": ("吉林", "Jilin"),
    "HL": ("黑龙江", "Heilongjiang"),
    "SH": ("上海", "Shanghai"),
    "JS": ("江苏", "Jiangsu"),
    "ZJ": ("浙江", "Zhejiang"),
    "AH": ("安徽", "Anhui"),
    "FJ": ("福建", "Fujian"),
    "JX": ("江西", "Jiangxi"),
    "SD": ("山东", "Shandong"),
    "HA": ("河南", "Henan"),
    "HB": ("湖北", "Hubei"),
    "HN": ("湖南", "Hunan"),
    "GD": ("广东", "Guangdong"),
    "GX": ("广西", "Guangxi"),
    "HI": ("海南", "Hainan"),
    "CQ": ("重庆", "Chongqing"),
    "SC": ("四川", "Sichuan"),
    "GZ": ("贵州", "Guizhou"),
    "YN": ("云南", "Yunnan"),
    "XZ": ("西藏", "Tibet"),
    "SN": ("陕西", "Shaanxi"),
    "GS": ("甘肃", "Gansu"),
    "QH": ("青海", "Qinghai"),
    "NX": ("宁夏", "Ningxia"),
    "XJ": ("新疆", "Xinjiang"),
    "TW": ("台湾", "Taiwan"),
    "HK": ("香港", "Hong Kong"),
    "MO": ("澳门", "Macao"),
}


def region_name(code: str, language: Literal["zh", "en"] = "zh") -> str:
    """The region's name in a language (浙江 for ZJ); an unknown code as it is."""
    names = PROVINCES.get(code.strip().upper())
    if names is None:
        return code
    return names[0] if language == "zh" else names[1]


def region_code(text: str) -> str | None:
    """The code for a region typed by code or by name (浙江, zhejiang, ZJ); None if unknown."""
    wanted = text.strip()
    if wanted.upper() in PROVINCES:
        return wanted.upper()
    for code, (zh, en) in PROVINCES.items():
        if wanted in (zh, zh + "省", zh + "市") or wanted.casefold() == en.casefold():
            return code
    return None
