"""The domain's codes as words outside Qt (the sheet, the history's sentences): one table per
code in Chinese and English. On screen, estimator.gui.labels words them through Qt's
translations."""

from __future__ import annotations

from typing import Literal

from labor_standards.model import PAINT_TYPE_ZH, PaintType, ShopClass
from parts_catalog.model import PriceType

Language = Literal["zh", "en"]

PRICE_TYPE_EN: dict[PriceType, str] = {
    PriceType.OEM_4S: "4S price",
    PriceType.OEM_MARKET: "OEM market price",
    PriceType.BRAND: "brand part",
    PriceType.AFTERMARKET: "aftermarket part",
    PriceType.REMAN: "remanufactured part",
    PriceType.USED: "used part",
}
PAINT_TYPE_EN: dict[PaintType, str] = {
    PaintType.SOLID: "solid paint",
    PaintType.METALLIC: "metallic paint",
    PaintType.PEARL: "pearl paint",
}
#: The shop class as a whole word (一类修理厂; the standard's SHOP_CLASS_ZH says 一类).
SHOP_CLASS_ZH: dict[ShopClass, str] = {
    ShopClass.FOUR_S: "4S店",
    ShopClass.CLASS1: "一类修理厂",
    ShopClass.CLASS2: "二类修理厂",
    ShopClass.CLASS3: "三类修理厂",
}


def price_type_word(price_type: PriceType, language: Language) -> str:
    """配件价格类型 in a language (品牌件, brand part)."""
    return price_type.label_zh if language == "zh" else PRICE_TYPE_EN[price_type]


def paint_type_word(paint_type: PaintType, language: Language) -> str:
    """漆种 in a language (素色漆, solid paint)."""
    return PAINT_TYPE_ZH[paint_type] if language == "zh" else PAINT_TYPE_EN[paint_type]
