"""Sample catalogs: the realistic demo catalog and synthetic catalogs of any size.

``python -m parts_catalog.sample demo -o FILE.xlsx`` writes the demo catalog workbook;
``python -m parts_catalog.sample synthetic N -o FILE.xlsx`` a synthetic one of N parts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from parts_catalog.model import CatalogPart, PartPrice, PriceType, VehicleModel
from parts_catalog.vin import check_digit
from parts_catalog.workbook import MODELS_SHEET, PARTS_SHEET, PRICE_COLUMNS

OCT = dt.date(2026, 10, 1)
NOV = dt.date(2026, 11, 1)
REGIONS = ("ZJ", "SH")
DEMO_TYPES = (PriceType.OEM_4S, PriceType.OEM_MARKET, PriceType.BRAND, PriceType.USED)


@dataclass(frozen=True)
class Component:
    """A place on the vehicle (部件) with the parts that replace it."""

    code: str
    name_zh: str
    name_en: str
    category: str
    paint_panels: Decimal | None
    base_price: int  # yuan, for a class-C car's 4S price of the main part
    parts: tuple[tuple[str, str, float], ...]  # (name suffix zh, suffix en, price share)


#: Small parts every body panel has: clips, seals, brackets, trim.
_BODY_EXTRAS = (("卡扣", " clip", 0.005), ("密封条", " seal", 0.04), ("饰条", " moulding", 0.06))


def _c(
    code: str,
    zh: str,
    en: str,
    category: str,
    panels: str | None,
    price: int,
    *parts: tuple[str, str, float],
) -> Component:
    listed = parts or (("", "", 1.0),)
    if panels:
        known = {p[0] for p in listed}
        listed = (*listed, *(e for e in _BODY_EXTRAS if e[0] not in known))
    return Component(code, zh, en, category, Decimal(panels) if panels else None, price, listed)


ASSY = ("总成", " assy", 1.0)
DEMO_COMPONENTS: tuple[Component, ...] = (
    _c(
        "FBUMPER",
        "前保险杠",
        "Front bumper",
        "外观件",
        "1.5",
        1850,
        ("皮", " cover", 1.0),
        ("骨架", " reinforcement", 0.45),
        ("支架", " bracket", 0.08),
        ("下格栅", " lower grille", 0.12),
    ),
    _c(
        "RBUMPER",
        "后保险杠",
        "Rear bumper",
        "外观件",
        "1.5",
        1650,
        ("皮", " cover", 1.0),
        ("骨架", " reinforcement", 0.4),
        ("支架", " bracket", 0.07),
    ),
    _c("FBUMPER_BEAM", "前防撞梁", "Front crash beam", "机械件", None, 1200, ASSY),
    _c("RBUMPER_BEAM", "后防撞梁", "Rear crash beam", "机械件", None, 1000, ASSY),
    _c("HOOD", "发动机盖", "Hood", "外观件", "2", 2675, ("", "", 1.0), ("铰链", " hinge", 0.06)),
    _c(
        "FENDER_L",
        "左前叶子板",
        "Front fender LH",
        "外观件",
        "1",
        980,
        ("", "", 1.0),
        ("内衬", " liner", 0.15),
    ),
    _c(
        "FENDER_R",
        "右前叶子板",
        "Front fender RH",
        "外观件",
        "1",
        980,
        ("", "", 1.0),
        ("内衬", " liner", 0.15),
    ),
    _c(
        "FDOOR_L",
        "左前车门",
        "Front door LH",
        "外观件",
        "1",
        3200,
        ("壳", " shell", 1.0),
        ("外拉手", " outer handle", 0.08),
        ("玻璃升降器", " window regulator", 0.2),
    ),
    _c(
        "FDOOR_R",
        "右前车门",
        "Front door RH",
        "外观件",
        "1",
        3200,
        ("壳", " shell", 1.0),
        ("外拉手", " outer handle", 0.08),
        ("玻璃升降器", " window regulator", 0.2),
    ),
    _c(
        "RDOOR_L",
        "左后车门",
        "Rear door LH",
        "外观件",
        "1",
        3000,
        ("壳", " shell", 1.0),
        ("外拉手", " outer handle", 0.08),
    ),
    _c(
        "RDOOR_R",
        "右后车门",
        "Rear door RH",
        "外观件",
        "1",
        3000,
        ("壳", " shell", 1.0),
        ("外拉手", " outer handle", 0.08),
    ),
    _c("QUARTER_L", "左后叶子板", "Quarter panel LH", "外观件", "1.5", 2400),
    _c("QUARTER_R", "右后叶子板", "Quarter panel RH", "外观件", "1.5", 2400),
    _c(
        "TRUNK",
        "行李箱盖",
        "Trunk lid",
        "外观件",
        "1.5",
        2300,
        ("", "", 1.0),
        ("饰板", " trim", 0.1),
    ),
    _c("ROOF", "车顶", "Roof panel", "外观件", "2.5", 3500),
    _c(
        "A_PILLAR_L",
        "左A柱",
        "A-pillar LH",
        "外观件",
        "0.5",
        900,
        ("", "", 1.0),
        ("内饰板", " trim", 0.12),
    ),
    _c("SILL_L", "左下裙边", "Side sill LH", "外观件", "1", 650),
    _c("HEADLAMP_L", "左前大灯", "Headlamp LH", "灯具", None, 4200, ASSY, ("灯罩", " lens", 0.2)),
    _c("HEADLAMP_R", "右前大灯", "Headlamp RH", "灯具", None, 4200, ASSY, ("灯罩", " lens", 0.2)),
    _c("TAILLAMP_L", "左尾灯", "Tail lamp LH", "灯具", None, 1300, ASSY),
    _c("TAILLAMP_R", "右尾灯", "Tail lamp RH", "灯具", None, 1300, ASSY),
    _c("FOGLAMP_L", "左前雾灯", "Fog lamp LH", "灯具", None, 420, ASSY),
    _c("FOGLAMP_R", "右前雾灯", "Fog lamp RH", "灯具", None, 420, ASSY),
    _c(
        "MIRROR_L",
        "左后视镜",
        "Door mirror LH",
        "外观件",
        "0.3",
        1450,
        ASSY,
        ("镜片", " glass", 0.12),
        ("外壳", " cover", 0.15),
    ),
    _c(
        "MIRROR_R",
        "右后视镜",
        "Door mirror RH",
        "外观件",
        "0.3",
        1450,
        ASSY,
        ("镜片", " glass", 0.12),
        ("外壳", " cover", 0.15),
    ),
    _c("GRILLE", "中网", "Radiator grille", "外观件", None, 1100, ASSY, ("标牌", " emblem", 0.2)),
    _c("WINDSHIELD", "前挡风玻璃", "Windshield", "玻璃", None, 2600),
    _c("REAR_GLASS", "后挡风玻璃", "Rear window glass", "玻璃", None, 1800),
    _c("FDOOR_GLASS_L", "左前门玻璃", "Front door glass LH", "玻璃", None, 520),
    _c("RADIATOR", "散热器", "Radiator", "机械件", None, 1500, ASSY),
    _c("CONDENSER", "冷凝器", "A/C condenser", "机械件", None, 1350, ASSY),
    _c("FAN", "电子扇", "Cooling fan", "电器件", None, 1250, ASSY),
    _c("FRONT_SUBFRAME", "前副车架", "Front subframe", "机械件", None, 3800),
    _c("LOWER_ARM_L", "左前下摆臂", "Front lower arm LH", "机械件", None, 780),
    _c("STRUT_L", "左前减震器", "Front strut LH", "机械件", None, 980),
    _c("WHEEL", "轮毂", "Alloy wheel", "机械件", None, 1900),
    _c("TIRE", "轮胎", "Tire", "机械件", None, 900),
    _c("AIRBAG_DRIVER", "主驾驶气囊", "Driver airbag", "安全件", None, 4600, ASSY),
    _c("AIRBAG_PASSENGER", "副驾驶气囊", "Passenger airbag", "安全件", None, 5200, ASSY),
    _c("SEATBELT_L", "左前安全带", "Seat belt LH", "安全件", None, 1100, ASSY),
    _c("RADAR_F", "前雷达", "Front parking sensor", "电器件", None, 380, ("探头", " sensor", 1.0)),
    _c("CAMERA_R", "倒车摄像头", "Reversing camera", "电器件", None, 1200),
    _c("HORN", "喇叭", "Horn", "电器件", None, 160),
    _c("ECU_AIRBAG", "气囊电脑", "Airbag control unit", "电器件", None, 3900),
    _c("WASHER_TANK", "洗涤液壶", "Washer reservoir", "机械件", None, 280),
)


@dataclass(frozen=True)
class Brand:
    """A brand's part-number style and price level."""

    name: str
    price_factor: float
    style: str  # toyota, vw, honda, nissan, gm, byd, geely, gwm, bmw, benz


DEMO_MODEL_ROWS: tuple[tuple[str, str, str, str, int, int, tuple[str, ...], str, Brand], ...] = (
    (
        "TY-CAMRY-18",
        "丰田",
        "凯美瑞",
        "凯美瑞 2.0G 豪华版",
        2018,
        2023,
        ("LVGBE40K", "LVGBE4"),
        "C",
        Brand("丰田", 1.0, "toyota"),
    ),
    (
        "TY-COROLLA-19",
        "丰田",
        "卡罗拉",
        "卡罗拉 1.2T 先锋版",
        2019,
        2024,
        ("LFMAP86C",),
        "B",
        Brand("丰田", 0.8, "toyota"),
    ),
    (
        "VW-LAVIDA-19",
        "大众",
        "朗逸",
        "朗逸 1.5L 舒适版",
        2019,
        2024,
        ("LSVAG2",),
        "B",
        Brand("大众", 0.75, "vw"),
    ),
    (
        "VW-MAGOTAN-20",
        "大众",
        "迈腾",
        "迈腾 330TSI 豪华型",
        2020,
        2025,
        ("LFV3A23C",),
        "C",
        Brand("大众", 1.05, "vw"),
    ),
    (
        "HD-ACCORD-18",
        "本田",
        "雅阁",
        "雅阁 260TURBO 精英版",
        2018,
        2022,
        ("LHGCV1",),
        "C",
        Brand("本田", 1.0, "honda"),
    ),
    (
        "NS-SYLPHY-20",
        "日产",
        "轩逸",
        "轩逸 1.6L XL 悦享版",
        2020,
        2025,
        ("LGBH52E",),
        "B",
        Brand("日产", 0.7, "nissan"),
    ),
    (
        "BK-EXCELLE-18",
        "别克",
        "英朗",
        "英朗 15S 精英型",
        2018,
        2023,
        ("LSGKB54",),
        "B",
        Brand("别克", 0.72, "gm"),
    ),
    (
        "BYD-QIN-21",
        "比亚迪",
        "秦PLUS",
        "秦PLUS DM-i 55KM",
        2021,
        2025,
        ("LGXC16D",),
        "B",
        Brand("比亚迪", 0.68, "byd"),
    ),
    (
        "GL-EMGRAND-20",
        "吉利",
        "帝豪",
        "帝豪 1.5L CVT 豪华型",
        2020,
        2025,
        ("L6T7844",),
        "A",
        Brand("吉利", 0.55, "geely"),
    ),
    (
        "HV-H6-21",
        "哈弗",
        "H6",
        "哈弗H6 1.5T 两驱智能版",
        2021,
        2025,
        ("LGWEF6A",),
        "B",
        Brand("哈弗", 0.7, "gwm"),
    ),
    (
        "BMW-3-20",
        "宝马",
        "3系",
        "325Li M运动套装",
        2020,
        2025,
        ("LBV5S11", "LBV5S1"),
        "D",
        Brand("宝马", 1.9, "bmw"),
    ),
    (
        "BENZ-C-22",
        "奔驰",
        "C级",
        "C 260 L 皓夜运动版",
        2022,
        2025,
        ("LE4ZG8D",),
        "E",
        Brand("奔驰", 2.3, "benz"),
    ),
    (
        "AD-A4L-20",
        "奥迪",
        "A4L",
        "A4L 40 TFSI 时尚动感型",
        2020,
        2025,
        ("LFV2A2",),
        "D",
        Brand("奥迪", 1.8, "vw"),
    ),
    (
        "MZ-6-19",
        "马自达",
        "阿特兹",
        "阿特兹 2.0L 蓝天尊贵版",
        2019,
        2023,
        ("LVRHDA",),
        "C",
        Brand("马自达", 0.95, "honda"),
    ),
    (
        "FD-FOCUS-19",
        "福特",
        "福克斯",
        "福克斯 1.5L 自动锋跃型",
        2019,
        2023,
        ("LVSHFF",),
        "B",
        Brand("福特", 0.75, "gm"),
    ),
    (
        "KIA-K5-20",
        "起亚",
        "K5",
        "K5凯酷 270T 豪华版",
        2020,
        2024,
        ("LJDLAA",),
        "C",
        Brand("起亚", 0.85, "nissan"),
    ),
    (
        "HY-ELANTRA-21",
        "现代",
        "伊兰特",
        "伊兰特 1.5L GLS 领先版",
        2021,
        2025,
        ("LBELM2",),
        "B",
        Brand("现代", 0.7, "nissan"),
    ),
    (
        "CR-TIGGO8-20",
        "奇瑞",
        "瑞虎8",
        "瑞虎8 1.6T 豪华型",
        2020,
        2025,
        ("LVVDB1",),
        "B",
        Brand("奇瑞", 0.6, "geely"),
    ),
    (
        "CA-CS75-21",
        "长安",
        "CS75 PLUS",
        "CS75 PLUS 1.5T 尊贵型",
        2021,
        2025,
        ("LS5A3D",),
        "B",
        Brand("长安", 0.62, "byd"),
    ),
    (
        "TSL-M3-21",
        "特斯拉",
        "Model 3",
        "Model 3 后轮驱动版",
        2021,
        2025,
        ("LRW3E7",),
        "D",
        Brand("特斯拉", 1.5, "bmw"),
    ),
)


#: Each demo model's new-vehicle purchase price (新车购置价, the maker's guide price of the
#: trim named, in yuan): the actual value's when a case enters none.
DEMO_NEW_PRICES: dict[str, Decimal] = {
    code: Decimal(price)
    for code, price in (
        ("TY-CAMRY-18", "179800.00"),
        ("TY-COROLLA-19", "119800.00"),
        ("VW-LAVIDA-19", "126900.00"),
        ("VW-MAGOTAN-20", "229900.00"),
        ("HD-ACCORD-18", "199800.00"),
        ("NS-SYLPHY-20", "113800.00"),
        ("BK-EXCELLE-18", "119900.00"),
        ("BYD-QIN-21", "125800.00"),
        ("GL-EMGRAND-20", "89800.00"),
        ("HV-H6-21", "129000.00"),
        ("BMW-3-20", "349900.00"),
        ("BENZ-C-22", "337800.00"),
        ("AD-A4L-20", "321800.00"),
        ("MZ-6-19", "179800.00"),
        ("FD-FOCUS-19", "129800.00"),
        ("KIA-K5-20", "189800.00"),
        ("HY-ELANTRA-21", "109800.00"),
        ("CR-TIGGO8-20", "119900.00"),
        ("CA-CS75-21", "129900.00"),
        ("TSL-M3-21", "235900.00"),
    )
}


def demo_models() -> list[VehicleModel]:
    """The demo vehicle models, each with its new-vehicle price."""
    return [
        VehicleModel(code, brand, name, series, y0, y1, prefixes, cls, DEMO_NEW_PRICES.get(code))
        for code, brand, series, name, y0, y1, prefixes, cls, _ in DEMO_MODEL_ROWS
    ]


def _vin(prefix: str, serial: int) -> str:
    body = (prefix + "0" * 11)[:8] + "0" + "L" + "G" + f"{serial:06d}"
    return body[:8] + check_digit(body) + body[9:]


#: One valid VIN (correct check digit) per demo model, starting with its first prefix.
DEMO_VINS: dict[str, str] = {
    row[0]: _vin(row[6][0], 100 + i) for i, row in enumerate(DEMO_MODEL_ROWS)
}


def _part_no(style: str, rnd: random.Random, used: set[str]) -> str:
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    while True:
        n = rnd.randrange
        if style == "toyota":
            text = f"{n(10000, 99999)}{n(10)}{rnd.choice(letters)}{n(100, 999)}"
        elif style == "vw":
            text = f"{n(1, 9)}{rnd.choice(letters)}{n(10)}{n(100, 999)}{n(100, 999)}{rnd.choice(letters)}"
        elif style == "honda":
            text = f"{n(10000, 99999)}{''.join(rnd.choices(letters, k=3))}A{n(10, 99)}"
        elif style in ("bmw", "benz"):
            text = ("A" if style == "benz" else "") + f"{n(10**10, 10**11)}"
        else:
            text = f"{n(1000, 9999)}{n(100, 999)}{rnd.choice(letters)}{n(10, 99)}"
        if text not in used:
            used.add(text)
            return text


def _money(value: float) -> Decimal:
    return Decimal(f"{value:.2f}")


def _prices(rnd: random.Random, four_s: float, *, changed: bool) -> tuple[PartPrice, ...]:
    prices: list[PartPrice] = []
    shares = {
        PriceType.OEM_4S: 1.0,
        PriceType.OEM_MARKET: rnd.uniform(0.82, 0.92),
        PriceType.BRAND: rnd.uniform(0.5, 0.7),
        PriceType.USED: rnd.uniform(0.3, 0.45),
    }
    for region in REGIONS:
        lift = 1.0 if region == "ZJ" else rnd.uniform(1.02, 1.06)
        for price_type, share in shares.items():
            prices.append(PartPrice(region, price_type, OCT, _money(four_s * share * lift)))
    if changed:
        prices.append(
            PartPrice("ZJ", PriceType.OEM_4S, NOV, _money(four_s * rnd.uniform(1.01, 1.06)))
        )
    return tuple(prices)


FIXED_PARTS = {
    # (model, component, suffix) → the part number the docs and tests use.
    ("TY-CAMRY-18", "FBUMPER", "皮"): "521190K280",
    ("TY-CAMRY-18", "HEADLAMP_L", "总成"): "8113006B30",
}


def demo_parts(seed: int = 2026) -> list[CatalogPart]:
    """The demo catalog's parts: every component for every model, realistic names, OE-style
    numbers, four price types in two regions, a price change for about one part in ten."""
    rnd = random.Random(seed)
    used: set[str] = set(FIXED_PARTS.values())
    parts: list[CatalogPart] = []
    for code, *_, brand in DEMO_MODEL_ROWS:
        for component in DEMO_COMPONENTS:
            for suffix_zh, suffix_en, share in component.parts:
                number = FIXED_PARTS.get((code, component.code, suffix_zh)) or _part_no(
                    brand.style, rnd, used
                )
                four_s = component.base_price * share * brand.price_factor * rnd.uniform(0.9, 1.1)
                if number == "521190K280":
                    four_s = 1850.0
                salvage = (
                    Decimal(f"0.0{rnd.randint(2, 9)}")
                    if component.paint_panels or component.category == "机械件"
                    else None
                )
                parts.append(
                    CatalogPart(
                        part_no=number,
                        name_zh=component.name_zh + suffix_zh,
                        name_en=(component.name_en + suffix_en).strip(),
                        component_code=component.code,
                        category=component.category,
                        models=(code,),
                        prices=_prices(rnd, four_s, changed=rnd.random() < 0.1),
                        recover_old_part=four_s >= 2000,
                        salvage_rate=salvage,
                    )
                )
    # Some parts are shared by the two models of a brand (Toyota, Volkswagen).
    shared = {"TY-CAMRY-18": "TY-COROLLA-19", "VW-MAGOTAN-20": "VW-LAVIDA-19"}
    result = []
    for part in parts:
        other = shared.get(part.models[0])
        if other and part.category in ("电器件", "机械件") and rnd.random() < 0.3:
            part = CatalogPart(
                part.part_no,
                part.name_zh,
                part.name_en,
                part.component_code,
                part.category,
                (*part.models, other),
                part.prices,
                part.recover_old_part,
                part.salvage_rate,
            )
        result.append(part)
    return result


# --- synthetic catalogs for benchmarks ---------------------------------------------------

_POSITIONS = ("左前", "右前", "左后", "右后", "前", "后", "中", "上", "下", "左", "右")
_WORDS = (
    "保险杠",
    "大灯",
    "叶子板",
    "车门",
    "后视镜",
    "雾灯",
    "散热器",
    "玻璃升降器",
    "轮毂",
    "尾灯",
    "发动机盖",
    "行李箱盖",
    "中网",
    "防撞梁",
    "减震器",
    "摆臂",
    "门槛",
    "轮眉",
    "车门外拉手",
    "安全气囊",
    "雷达",
    "摄像头",
    "冷凝器",
    "电子扇",
    "水箱框架",
    "翼子板",
)
_SUFFIXES = ("总成", "皮", "支架", "饰条", "饰板", "壳", "片", "骨架", "卡扣", "", "内衬", "灯罩")


def synthetic_models(count: int) -> list[VehicleModel]:
    """``count`` synthetic models in classes A–E, each with one VIN prefix."""
    return [
        VehicleModel(
            f"SYN-{i:05d}",
            f"品牌{i % 40}",
            f"车型{i}",
            f"系列{i % 90}",
            2015,
            2025,
            (f"LSY{i:05d}",),
            "ABCDE"[i % 5],
        )
        for i in range(count)
    ]


def synthetic_parts(
    count: int, models: Sequence[VehicleModel], seed: int = 7
) -> Iterator[CatalogPart]:
    """``count`` parts with unique numbers, names from a few thousand combinations, 1–3
    fitting models, 4S and market prices in ZJ. Deterministic for a seed."""
    rnd = random.Random(seed)
    names = [p + w + s for p in _POSITIONS for w in _WORDS for s in _SUFFIXES]
    codes = [m.model_code for m in models]
    price_cache = [_money(rnd.uniform(20, 6000)) for _ in range(997)]
    for i in range(count):
        name = names[rnd.randrange(len(names))]
        four_s = price_cache[i % 997]
        fits = tuple(dict.fromkeys(codes[rnd.randrange(len(codes))] for _ in range(1 + i % 3)))
        yield CatalogPart(
            part_no=f"SY{i * 7919 % 10_000_019:08d}{'ABCDEFGH'[i % 8]}",
            name_zh=name,
            component_code=_WORDS[i % len(_WORDS)] and f"C{i % 400:03d}",
            category="外观件",
            models=fits,
            prices=(
                PartPrice("ZJ", PriceType.OEM_4S, OCT, four_s),
                PartPrice("ZJ", PriceType.OEM_MARKET, OCT, price_cache[(i + 1) % 997]),
            ),
        )


# --- workbooks ---------------------------------------------------------------------------


def write_catalog_workbook(
    path: Path,
    models: Sequence[VehicleModel],
    parts: Iterable[CatalogPart],
    *,
    chinese_headers: bool = True,
) -> int:
    """Write a catalog workbook in the data-formats.md layout; returns the part rows written."""
    import openpyxl

    def header(spec: object) -> list[str]:
        columns = spec.columns  # type: ignore[attr-defined]
        return [c.aliases[0] if chinese_headers and c.aliases else c.key for c in columns]

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(MODELS_SHEET.aliases[0] if chinese_headers else MODELS_SHEET.key)
    sheet.append(header(MODELS_SHEET))
    for m in models:
        sheet.append(
            [
                m.model_code,
                m.brand,
                m.series,
                m.model_name,
                m.year_from,
                m.year_to,
                ";".join(m.vin_prefixes),
                m.vehicle_class,
                None if m.new_price is None else float(m.new_price),
            ]
        )
    sheet = book.create_sheet(PARTS_SHEET.aliases[0] if chinese_headers else PARTS_SHEET.key)
    keys = [c.key for c in PARTS_SHEET.columns]
    sheet.append(header(PARTS_SHEET))
    type_column = {t: k for k, t in PRICE_COLUMNS.items()}
    rows = 0
    for part in parts:
        by_row: dict[tuple[str, dt.date], dict[str, object]] = {}
        for price in part.prices:
            row = by_row.setdefault((price.region, price.effective_date), {})
            row[type_column[price.price_type]] = float(price.price)
        for (region, effective), prices in by_row.items():
            values: dict[str, object] = {
                "part_no": part.part_no,
                "name_zh": part.name_zh,
                "name_en": part.name_en,
                "component_code": part.component_code,
                "category": part.category,
                "models": ";".join(part.models),
                "region": region,
                "recover_old_part": "是" if part.recover_old_part else "否",
                "salvage_rate": None if part.salvage_rate is None else float(part.salvage_rate),
                "effective_date": effective,
                **prices,
            }
            sheet.append([values.get(k) for k in keys])
            rows += 1
    book.save(path)
    return rows


def main(argv: list[str] | None = None) -> int:
    """Write the demo catalog, or a synthetic one, as a workbook."""
    parser = argparse.ArgumentParser(prog="python -m parts_catalog.sample")
    parser.add_argument("kind", choices=["demo", "synthetic"])
    parser.add_argument("count", nargs="?", type=int, default=10_000)
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args(argv)
    if args.kind == "demo":
        rows = write_catalog_workbook(Path(args.output), demo_models(), demo_parts())
    else:
        models = synthetic_models(max(10, args.count // 3000))
        rows = write_catalog_workbook(
            Path(args.output), models, synthetic_parts(args.count, models)
        )
    print(f"{rows} part rows written to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
