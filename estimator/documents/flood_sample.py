"""The demo flood site and synthetic ones: the appliance warehouse of flood-assessment.md.

``python -m estimator.documents.flood_sample demo -o DIR`` writes
``demo_flood_inventory.xlsx`` (sheets 存货清单 with the survey's water marks and collapses,
区域水深, 检测结果 and 账面库存) and
``demo_flood_rules.xlsx`` (sheets 损失规则, with the 检测合格 items, and 保单), the files in
resources/sample_data; the same seed gives the same files.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path

from estimator.documents.flood_disposal_sheet import DISPOSAL_SPEC
from estimator.documents.flood_policy_sheet import POLICY_SHEET
from estimator.documents.flood_workbook import (
    ALL_STATES,
    BOOK_SHEET,
    INVENTORY_SHEET,
    RULES_SHEET,
    TESTS_SHEET,
    ZONE_DEPTHS_SHEET,
)
from estimator.domain.flood import CategoryRules, LayerState, RepairItem, Stack, StateRule
from estimator.domain.flood_book import BookLine, counted_by_sku
from estimator.domain.flood_disposal import DISPOSAL_ZH, DisposalChoice, DisposalOption
from estimator.domain.flood_lots import TESTED_OK, TestResult
from estimator.domain.flood_settlement import Policy, VatBasis

D = Decimal
INDOOR, OUTDOOR, FRIDGE, WASHER, TV, FAN = (
    "空调室内机",
    "空调室外机",
    "冰箱",
    "洗衣机",
    "液晶电视",
    "电风扇",
)

#: The water the demo was surveyed at: 70 cm on average, deeper by the loading door (A).
DEMO_DEPTH_CM = D("70")
DEMO_ZONE_DEPTHS: Mapping[str, Decimal] = {
    "A": D("85"),
    "B": D("75"),
    "C": D("65"),
    "D": D("55"),
}

#: The demo's policy: insured for 880,000 against a book value of 1,100,000 (the stock
#: counts 1,065,195.00), so the average clause pays 80 %; pumping and moving cost 18,600.
DEMO_POLICY = Policy(
    sum_insured=D("880000"),
    deductible_amount=D("2000"),
    deductible_rate=D("0.05"),
    rescue_costs=D("18600"),
    debris_costs=D("6500"),
    vat_basis=VatBasis.EXCLUDED,
    book_value=D("1100000"),
)


def _items(*pairs: tuple[str, str]) -> StateRule:
    return StateRule(tuple(RepairItem(name, D(cost)) for name, cost in pairs))


def demo_rules() -> dict[str, CategoryRules]:
    """Plausible loss rules: indoor units lose the control board and filter, sealed outdoor
    units need a wash and a test, a submerged refrigerator or TV is written off."""
    return {
        INDOOR: CategoryRules(
            INDOOR,
            {
                LayerState.PARTIAL: _items(
                    ("更换控制板", "180"),
                    ("更换滤网", "25"),
                    ("更换包装", "30"),
                    ("清洗检测", "40"),
                ),
                LayerState.SUBMERGED: _items(
                    ("更换控制板", "180"),
                    ("更换滤网", "25"),
                    ("更换风机电机", "150"),
                    ("更换包装", "30"),
                    ("清洗检测", "40"),
                ),
                LayerState.COLLAPSED: _items(("更换包装", "30"), ("外观及模拟安装检测", "40")),
            },
            salvage_ratio=D("0.05"),
            softens=True,
            # Indoor units' thin cartons draw the water 3 cm above the line.
            wicking_cm=D("3"),
        ),
        OUTDOOR: CategoryRules(
            OUTDOOR,
            {
                LayerState.PARTIAL: _items(("清洗检测", "40")),
                LayerState.SUBMERGED: _items(
                    ("清洗检测", "40"), ("电控盒烘干检测", "60"), ("更换包装", "35")
                ),
                # Cartons that do not soften still fall when a stack is knocked over.
                LayerState.COLLAPSED: _items(("更换包装", "35"), ("外观检测", "20")),
            },
        ),
        FRIDGE: CategoryRules(
            FRIDGE,
            {
                LayerState.PARTIAL: _items(
                    ("清洗检测", "80"), ("更换包装", "60"), ("压缩机接线盒检修", "120")
                ),
                LayerState.SUBMERGED: StateRule(loss_ratio=D("1")),
            },
            salvage_ratio=D("0.1"),
        ),
        WASHER: CategoryRules(
            WASHER,
            {
                LayerState.PARTIAL: _items(
                    ("更换电脑板", "220"), ("清洗检测", "60"), ("更换包装", "40")
                ),
                LayerState.SUBMERGED: _items(
                    ("更换电脑板", "220"),
                    ("更换电机", "260"),
                    ("清洗检测", "60"),
                    ("更换包装", "40"),
                ),
                LayerState.COLLAPSED: _items(("更换包装", "40"), ("外观检测", "60")),
            },
            salvage_ratio=D("0.08"),
            softens=True,
        ),
        TV: CategoryRules(
            TV,
            {
                LayerState.PARTIAL: StateRule(loss_ratio=D("0.6")),
                LayerState.SUBMERGED: StateRule(loss_ratio=D("1")),
                LayerState.COLLAPSED: _items(("屏幕点亮检测", "50"), ("更换包装", "45")),
            },
            salvage_ratio=D("0.05"),
            softens=True,
        ),
        # A submerged fan costs more to mend than it is worth: written off, sold for parts.
        FAN: CategoryRules(
            FAN,
            {
                LayerState.PARTIAL: _items(("清洗检测", "20"), ("更换包装", "8")),
                LayerState.SUBMERGED: _items(
                    ("更换电机", "60"), ("更换控制板", "35"), ("清洗检测", "20"), ("更换包装", "8")
                ),
                LayerState.COLLAPSED: _items(("更换包装", "8"), ("外观检测", "10")),
            },
            salvage_ratio=D("0.1"),
            softens=True,
        ),
    }


#: What a unit that passes its test still costs: cleaning, testing and a new carton.
DEMO_TESTED_OK: Mapping[str, tuple[RepairItem, ...]] = {
    INDOOR: (RepairItem("清洗检测", D("40")), RepairItem("更换包装", D("30"))),
    OUTDOOR: (RepairItem("清洗检测", D("40")),),
    FRIDGE: (RepairItem("清洗检测", D("80")), RepairItem("更换包装", D("60"))),
    WASHER: (RepairItem("清洗检测", D("60")), RepairItem("更换包装", D("40"))),
    TV: (RepairItem("屏幕点亮检测", D("50")), RepairItem("更换包装", D("45"))),
    FAN: (RepairItem("清洗检测", D("20")), RepairItem("更换包装", D("8"))),
}

#: Test results of some lots: each lot exists, with at least the units tested, at the zone
#: depths and at any one depth from 30 to 85 cm over the site (the other lots stay assumed).
DEMO_TESTS: tuple[TestResult, ...] = (
    TestResult(INDOOR, "KFR-35GW/BP3", "partial", 8, 1),
    TestResult(FAN, "FS40-13", "partial", 8, 6),
    TestResult(FRIDGE, "BCD-520WK", "partial", 8, 2),
    TestResult(OUTDOOR, "KFR-72W/BP2", "partial", 5, 0),
    TestResult(WASHER, "XQG100-14", "partial", 5, 5),
)


#: The adjuster's disposal of two lots: a buyer offers 60,000 for the 65 partly wet 55-inch
#: televisions (value 65 × 1,950 = 126,750: a loss of 66,750 against 76,050 to recondition, so
#: the sale is the proposal); the partly wet fans, 6 of 8 failed, are written off against the
#: cheaper reconditioning (3,078 net against 1,008), with the reason.
DEMO_DISPOSAL: tuple[DisposalChoice, ...] = (
    DisposalChoice(TV, "55E3F", "partial", DisposalOption.DAMAGED_SALE, quote=D("60000")),
    DisposalChoice(
        FAN,
        "FS40-13",
        "partial",
        DisposalOption.WRITE_OFF,
        "抽检 8 台 6 台电机进水、修复后无法保证质量、整批报废",
    ),
)


def demo_tested_ok() -> dict[str, Decimal]:
    """Per category, the demo's cost per unit of testing and repacking a passed unit."""
    return {c: sum((i.cost_per_unit for i in items), D(0)) for c, items in DEMO_TESTED_OK.items()}


# (sku, description, category, units per layer, carton height cm, unit cost, layers range)
_PRODUCTS: tuple[tuple[str, str, str, int, str, str, tuple[int, int]], ...] = (
    ("KFR-26GW/BP3", "1匹变频挂机 室内机", INDOOR, 6, "31.5", "980.00", (4, 7)),
    ("KFR-35GW/BP3", "1.5匹变频挂机 室内机", INDOOR, 6, "33", "1150.00", (4, 7)),
    ("KFR-72LW/BP2", "3匹变频柜机 室内机", INDOOR, 2, "48", "2380.00", (2, 4)),
    ("KFR-26W/BP3", "1匹变频挂机 室外机", OUTDOOR, 4, "58", "1320.00", (2, 4)),
    ("KFR-35W/BP3", "1.5匹变频挂机 室外机", OUTDOOR, 4, "60", "1490.00", (2, 4)),
    ("KFR-72W/BP2", "3匹变频柜机 室外机", OUTDOOR, 2, "92", "2760.00", (1, 2)),
    ("BCD-520WK", "520升对开门冰箱", FRIDGE, 8, "182", "2890.00", (1, 1)),
    ("XQG100-14", "10公斤滚筒洗衣机", WASHER, 6, "89", "1680.00", (1, 2)),
    ("55E3F", "55英寸液晶电视", TV, 10, "84", "1950.00", (1, 2)),
    ("FS40-13", "16英寸落地扇", FAN, 6, "42", "95.00", (3, 6)),
)


#: What the survey saw (location: water mark cm, collapse): a 98 cm mark by the loading door
#: where the zone's depth says 85; an outdoor stack (cartons that do not soften) found
#: knocked over; an indoor stack seen fallen as its soaked cartons imply.
DEMO_OBSERVATIONS: Mapping[str, tuple[Decimal | None, bool | None]] = {
    "A-05": (D("98"), None),
    "A-14": (None, True),
    "B-02": (None, True),
}
#: The books (账面库存) differ from the count on two SKUs: six 3匹 indoor units more on the
#: books (6 × 2,380.00 = 14,280.00) and five KFR-50LW/BP2 at 4,105.00 (20,525.00) not found;
#: 1,065,195.00 counted + 34,805.00 = the policy's book value 1,100,000.
DEMO_BOOK_EXTRA: Mapping[str, tuple[int, Decimal]] = {
    "KFR-72LW/BP2": (6, D("14280.00")),
    "KFR-50LW/BP2": (5, D("20525.00")),
}


def demo_book() -> list[BookLine]:
    """The demo's book stock per SKU: the count, but for the two SKUs of DEMO_BOOK_EXTRA."""
    counted = counted_by_sku(demo_stacks())
    lines = []
    for sku in sorted(counted.keys() | DEMO_BOOK_EXTRA.keys()):
        qty, value = counted.get(sku, (0, D("0.00")))
        extra_qty, extra_value = DEMO_BOOK_EXTRA.get(sku, (0, D("0")))
        lines.append(BookLine(sku, qty + extra_qty, value + extra_value))
    return lines


def demo_stacks(seed: int = 2026) -> list[Stack]:
    """About sixty stacks in four zones; some stand on 15 cm plastic pallets; three carry
    the survey's observations (DEMO_OBSERVATIONS)."""
    rnd = random.Random(seed)
    stacks: list[Stack] = []
    for zone, rows in (("A", 16), ("B", 16), ("C", 14), ("D", 14)):
        for number in range(1, rows + 1):
            sku, description, category, per, height, cost, layers = rnd.choice(_PRODUCTS)
            full = rnd.randint(*layers)
            # Most stacks end in a part-filled top layer.
            qty = (full - 1) * per + rnd.randint(1, per)
            base = D("15") if rnd.random() < 0.3 else D("0")
            stacks.append(
                Stack(
                    location=f"{zone}-{number:02d}",
                    zone=zone,
                    sku=sku,
                    description=description,
                    category=category,
                    qty=qty,
                    units_per_layer=per,
                    carton_height_cm=D(height),
                    base_height_cm=base,
                    unit_cost=D(cost),
                )
            )
    return [
        dataclasses.replace(
            s,
            water_mark_cm=DEMO_OBSERVATIONS[s.location][0],
            observed_collapse=DEMO_OBSERVATIONS[s.location][1],
        )
        if s.location in DEMO_OBSERVATIONS
        else s
        for s in stacks
    ]


def synthetic_stacks(count: int, seed: int = 100_000) -> list[Stack]:
    """``count`` stacks drawn from the demo products, in 20 zones (for the benchmark)."""
    rnd = random.Random(seed)
    stacks = []
    for i in range(count):
        sku, description, category, per, height, cost, layers = rnd.choice(_PRODUCTS)
        qty = (rnd.randint(*layers) - 1) * per + rnd.randint(1, per)
        stacks.append(
            Stack(
                location=f"S{i:06d}",
                zone=f"Z{i % 20:02d}",
                sku=sku,
                description=description,
                category=category,
                qty=qty,
                units_per_layer=per,
                carton_height_cm=D(height),
                base_height_cm=D(rnd.choice(("0", "0", "12", "15"))),
                unit_cost=D(cost) + D(rnd.randint(0, 999)) / 100,
            )
        )
    return stacks


def write_inventory_workbook(
    path: Path,
    stacks: Iterable[Stack],
    zone_depths: Mapping[str, Decimal] | None = None,
    tests: Sequence[TestResult] = (),
    book: Sequence[BookLine] = (),
    disposal: Sequence[DisposalChoice] = (),
) -> None:
    """An inventory workbook with Chinese headers; with ``zone_depths``, a 区域水深 sheet too,
    with ``tests``, a 检测结果 sheet, with ``book``, a 账面库存 sheet, and with ``disposal``, a
    处置 sheet. The observation
    columns are written only when a stack has an observation."""
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    stacks = list(stacks)
    observed = any(s.water_mark_cm is not None or s.observed_collapse is not None for s in stacks)
    columns = INVENTORY_SHEET.columns if observed else INVENTORY_SHEET.columns[:10]
    sheet = workbook.create_sheet(INVENTORY_SHEET.aliases[0])
    sheet.append(_header(columns))
    for s in stacks:
        seen = (
            [s.water_mark_cm, {True: "是", False: "否", None: None}[s.observed_collapse]]
            if observed
            else []
        )
        sheet.append(
            [
                s.location,
                s.zone,
                s.sku,
                s.description,
                s.category,
                s.qty,
                s.units_per_layer,
                s.carton_height_cm,
                s.base_height_cm,
                s.unit_cost,
                *seen,
            ]
        )
    if zone_depths:
        sheet = workbook.create_sheet(ZONE_DEPTHS_SHEET.aliases[0])
        sheet.append(_header(ZONE_DEPTHS_SHEET.columns))
        for zone, depth in zone_depths.items():
            sheet.append([zone, depth])
    if tests:
        sheet = workbook.create_sheet(TESTS_SHEET.aliases[0])
        sheet.append(["品类", "商品编码", "状态", "检测数", "不合格数"])
        for t in tests:
            sheet.append([t.category, t.sku, t.state, t.tested, t.failed])
    if book:
        sheet = workbook.create_sheet(BOOK_SHEET.aliases[0])
        sheet.append(["商品编码", "账面数量", "账面金额"])
        for line in book:
            sheet.append([line.sku, line.qty, line.value])
    if disposal:
        sheet = workbook.create_sheet(DISPOSAL_SPEC.aliases[0])
        sheet.append(_header(DISPOSAL_SPEC.columns))
        for c in disposal:
            chosen = None if c.choice is None else DISPOSAL_ZH[c.choice]
            sheet.append(
                [c.category, c.sku, c.state, chosen, c.reason or None, c.discount_rate, c.quote]
            )
    workbook.save(path)


def write_rules_workbook(
    path: Path,
    rules: Mapping[str, CategoryRules],
    tested_ok: Mapping[str, Sequence[RepairItem]] | None = None,
    policy: Policy | None = None,
) -> None:
    """A loss rules workbook with Chinese headers: a * row, then the rows of each state, then
    the category's ``tested_ok`` items; with ``policy``, the 保单 sheet too."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(RULES_SHEET.aliases[0])
    sheet.append(_header(RULES_SHEET.columns))
    for name, r in rules.items():
        sheet.append(
            [
                name,
                ALL_STATES,
                None,
                None,
                None,
                r.salvage_ratio,
                "是" if r.softens else "否",
                r.wicking_cm or None,
            ]
        )
        for state, rule in r.states.items():
            if rule.loss_ratio is not None:
                sheet.append([name, state.value, None, None, rule.loss_ratio, None, None])
            for item in rule.items:
                sheet.append([name, state.value, item.item, item.cost_per_unit, None, None, None])
        for item in (tested_ok or {}).get(name, ()):
            sheet.append([name, TESTED_OK, item.item, item.cost_per_unit, None, None, None])
    if policy is not None:
        sheet = book.create_sheet(POLICY_SHEET.aliases[0])
        sheet.append(_header(POLICY_SHEET.columns))
        sheet.append(
            [
                policy.sum_insured,
                policy.deductible_amount,
                policy.deductible_rate,
                policy.rescue_costs,
                policy.debris_costs,
                "不含税" if policy.vat_basis is VatBasis.EXCLUDED else "含税",
                policy.book_value,
            ]
        )
    book.save(path)


def _header(columns: Sequence[object]) -> list[str]:
    return [c.aliases[0] if c.aliases else c.key for c in columns]  # type: ignore[attr-defined]


def write_demo(directory: Path) -> tuple[Path, Path]:
    """Write the demo inventory (with zone depths, test results, books and disposal) and rules
    workbooks into ``directory``."""
    inventory = directory / "demo_flood_inventory.xlsx"
    rules = directory / "demo_flood_rules.xlsx"
    write_inventory_workbook(
        inventory, demo_stacks(), DEMO_ZONE_DEPTHS, DEMO_TESTS, demo_book(), DEMO_DISPOSAL
    )
    write_rules_workbook(rules, demo_rules(), DEMO_TESTED_OK, DEMO_POLICY)
    return inventory, rules


def main(argv: list[str] | None = None) -> int:
    """Write the demo workbooks, or a synthetic inventory of N stacks."""
    parser = argparse.ArgumentParser(prog="python -m estimator.documents.flood_sample")
    parser.add_argument("kind", choices=["demo", "synthetic"])
    parser.add_argument("count", nargs="?", type=int, default=100_000)
    parser.add_argument("-o", "--output", required=True, help="a folder (demo) or a file")
    args = parser.parse_args(argv)
    if args.kind == "demo":
        for path in write_demo(Path(args.output)):
            print(f"written {path}")
    else:
        write_inventory_workbook(Path(args.output), synthetic_stacks(args.count))
        print(f"{args.count} stacks written to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
