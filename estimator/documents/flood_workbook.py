"""The flood inventory workbooks (flood-assessment.md): inventory, loss rules, zone depths,
test results per lot.

Read through ``kernel.workbook`` like every import (hostile files refused, exact decimals,
every bad row reported with sheet, row, column, value and reason). The template is one
workbook holding the three sheets and the explanation sheet: filled in, the same file can be
given as the inventory, the rules and the zone depths.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from estimator.documents.flood_disposal_sheet import DISPOSAL_EXPLANATIONS, DISPOSAL_SPEC
from estimator.documents.flood_policy_sheet import POLICY_EXPLANATIONS, POLICY_SHEET
from estimator.domain.flood import CategoryRules, LayerState, RepairItem, Stack, StateRule
from estimator.domain.flood_lots import LOT_STATES, TESTED_OK, TestResult
from kernel.money import UNIT_PRICE_PLACES, limit
from kernel.problems import register_messages
from kernel.workbook import (
    MAX_ROWS,
    CellError,
    ColumnSpec,
    ParsedWorkbook,
    Progress,
    RawRow,
    RejectedSheet,
    RowChecker,
    SheetSpec,
    Workbook,
    cell_decimal,
    cell_int,
    cell_text,
    cell_yes_no,
)
from kernel.workbook import write_template as write_sheets

#: Places of heights and depths in cm (a tenth of a millimetre is more than a tape gives).
CM_PLACES = 2
RATIO_PLACES = 4
#: The state of a rule row that carries the category's own settings.
ALL_STATES = "*"

INVENTORY_SHEET = SheetSpec(
    "inventory",
    ("存货清单",),
    (
        ColumnSpec("location", ("库位",), required=True),
        ColumnSpec("zone", ("区域",)),
        ColumnSpec("sku", ("商品编码",), required=True),
        ColumnSpec("description", ("商品名称",)),
        ColumnSpec("category", ("品类",), required=True),
        ColumnSpec("qty", ("数量",), required=True),
        ColumnSpec("units_per_layer", ("每层件数",), required=True),
        ColumnSpec("carton_height_cm", ("箱高",), required=True),
        ColumnSpec("base_height_cm", ("垫高",)),
        ColumnSpec("unit_cost", ("单位成本",), required=True),
        ColumnSpec("water_mark_cm", ("水位线", "实测水位")),
        ColumnSpec("collapsed", ("倒垛", "倒塌", "实见倒垛")),
    ),
)
RULES_SHEET = SheetSpec(
    "rules",
    ("损失规则",),
    (
        ColumnSpec("category", ("品类",), required=True),
        ColumnSpec("state", ("状态",), required=True),
        ColumnSpec("item", ("项目", "处理项目")),
        ColumnSpec("cost_per_unit", ("单位费用", "单件费用")),
        ColumnSpec("loss_ratio", ("损失率",)),
        ColumnSpec("salvage_ratio", ("残值率",)),
        ColumnSpec("softens", ("纸箱软化", "受潮软化")),
        ColumnSpec("wicking_cm", ("吸水高度",)),
        # Read by flood_disposal_sheet (a category's default discount of a damaged sale).
        ColumnSpec("damaged_discount", ("处理品折扣率",)),
    ),
)
#: Test results per lot (检测结果), optional, in the inventory workbook.
TESTS_SHEET = SheetSpec(
    "tests",
    ("检测结果",),
    (
        ColumnSpec("category", ("品类",), required=True),
        ColumnSpec("sku", ("商品编码",), required=True),
        ColumnSpec("state", ("状态",), required=True),
        ColumnSpec("tested", ("检测数", "检测数量"), required=True),
        ColumnSpec("failed", ("不合格数", "不合格数量"), required=True),
    ),
    required=False,
)
#: Book stock per SKU (账面库存, 账实核对), optional, in the inventory workbook (flood_book_sheet).
BOOK_SHEET = SheetSpec(
    "book",
    ("账面库存",),
    (
        ColumnSpec("sku", ("商品编码",), required=True),
        ColumnSpec("qty", ("账面数量",), required=True),
        ColumnSpec("value", ("账面金额",)),
    ),
    required=False,
)

#: The book sheet's own column (``sku`` and ``qty`` are explained once for every sheet).
BOOK_EXPLANATIONS = {
    "value": "账面金额 (元)，≥ 0，可空：空白只核对数量 / booked value in CNY, blank = quantity only",
}
ZONE_DEPTHS_SHEET = SheetSpec(
    "zone_depths",
    ("区域水深",),
    (
        ColumnSpec("zone", ("区域",), required=True),
        ColumnSpec("depth_cm", ("水深",), required=True),
    ),
)

_STATE_ALIASES: dict[str, str] = {
    "partial": LayerState.PARTIAL.value,
    "submerged": LayerState.SUBMERGED.value,
    "collapsed": LayerState.COLLAPSED.value,
    ALL_STATES: ALL_STATES,
    TESTED_OK: TESTED_OK,
    "检测合格": TESTED_OK,
    "部分浸水": LayerState.PARTIAL.value,
    "浸水": LayerState.PARTIAL.value,
    "完全浸没": LayerState.SUBMERGED.value,
    "浸没": LayerState.SUBMERGED.value,
    "倒塌": LayerState.COLLAPSED.value,
    "倒塌压损": LayerState.COLLAPSED.value,
    "全部": ALL_STATES,
}

register_messages(
    {
        "flood_rule_both": (
            "同一状态不能既有处理项目又有损失率",
            "a state has either items or a loss ratio, not both",
        ),
        "flood_rule_empty": (
            "需要 处理项目+单位费用 或 损失率",
            "needs an item with its cost per unit, or a loss ratio",
        ),
        "flood_rule_star_only": (
            "残值率、纸箱软化和吸水高度只能写在状态为 * 的行",
            "salvage_ratio, softens and wicking_cm belong on the row with state *",
        ),
        "flood_rule_tested_ok_ratio": (
            "检测合格 (tested_ok) 只写处理项目和单位费用，不写损失率",
            "tested_ok takes items with their cost per unit, not a loss ratio",
        ),
        "flood_rule_item_on_star": (
            "状态为 * 的行不能有处理项目",
            "the row with state * takes no item",
        ),
    }
)


def _state(value: object) -> str:
    text = unicodedata.normalize("NFKC", cell_text(value, limit=20)).casefold()
    if text not in _STATE_ALIASES:
        raise CellError("unknown_choice", choices="partial, submerged, collapsed, tested_ok, *")
    return _STATE_ALIASES[text]


def _name(value: object) -> str:
    return cell_text(value, limit=100)


@dataclass
class ParsedInventory(ParsedWorkbook):
    """The stacks of an inventory workbook once validated."""

    title: str = INVENTORY_SHEET.key
    stacks: list[Stack] = field(default_factory=list)


@dataclass
class ParsedRules(ParsedWorkbook):
    """The loss rules by category once validated."""

    rules: dict[str, CategoryRules] = field(default_factory=dict)
    #: Per category, the cost per unit of testing and repacking a unit that passes.
    tested_ok: dict[str, Decimal] = field(default_factory=dict)


@dataclass
class ParsedTests(ParsedWorkbook):
    """The test results of the ``tests`` sheet once validated (none: no such sheet)."""

    title: str = TESTS_SHEET.key
    results: list[TestResult] = field(default_factory=list)


@dataclass
class ParsedZoneDepths(ParsedWorkbook):
    """The water depth of each zone once validated."""

    depths: dict[str, Decimal] = field(default_factory=dict)


def read_inventory(
    path: Path, *, max_rows: int | None = None, progress: Progress | None = None
) -> ParsedInventory:
    """Read and validate an inventory workbook. Raises WorkbookRefused for bad files."""
    parsed = ParsedInventory()
    seen: dict[str, int] = {}
    for title, row, check in _rows(path, INVENTORY_SHEET, parsed, max_rows, progress):
        parsed.title = title
        stack = _stack(check, row)
        if stack is None:
            continue
        if stack.location in seen:
            check.fail("duplicate_key", "location", stack.location, other_row=seen[stack.location])
            continue
        seen[stack.location] = row.number
        parsed.stacks.append(stack)
    return parsed


def _stack(check: RowChecker, row: RawRow) -> Stack | None:
    location = check.get("location", _name, required=True)
    zone = check.get("zone", _name) or None
    sku = check.get("sku", _name, required=True)
    description = check.get("description", cell_text, limit=200) or ""
    category = check.get("category", _name, required=True)
    most = int(limit("stack_units"))  # 10^15 units in a stack is a typing error, said so
    qty = check.get("qty", cell_int, required=True, minimum=0, maximum=most)
    per = check.get("units_per_layer", cell_int, required=True, minimum=1, maximum=most)
    height = check.get(
        "carton_height_cm",
        cell_decimal,
        required=True,
        places=CM_PLACES,
        minimum="0.01",
        maximum=limit("depth_cm"),
    )
    base = check.get(
        "base_height_cm", cell_decimal, places=CM_PLACES, minimum=0, maximum=limit("depth_cm")
    )
    cost = check.get(
        "unit_cost",
        cell_decimal,
        required=True,
        places=UNIT_PRICE_PLACES,
        maximum=limit("unit_price"),
    )
    mark = check.get(
        "water_mark_cm", cell_decimal, places=CM_PLACES, minimum=0, maximum=limit("depth_cm")
    )
    collapsed = check.get("collapsed", cell_yes_no)
    if check.problems:
        return None
    return Stack(
        location=location,
        sku=sku,
        category=category,
        qty=qty,
        units_per_layer=per,
        carton_height_cm=height,
        unit_cost=cost,
        base_height_cm=Decimal(0) if base is None else base,
        zone=zone,
        description=description,
        water_mark_cm=mark,
        observed_collapse=collapsed,
        source_row=row.number,
    )


@dataclass
class _CategoryDraft:
    items: dict[str, list[RepairItem]] = field(default_factory=dict)
    ratios: dict[str, Decimal] = field(default_factory=dict)
    salvage_ratio: Decimal = Decimal(0)
    softens: bool = False
    wicking_cm: Decimal = Decimal(0)
    settings_row: int | None = None


def read_rules(
    path: Path, *, max_rows: int | None = None, progress: Progress | None = None
) -> ParsedRules:
    """Read and validate a loss rules workbook. Raises WorkbookRefused for bad files.

    Rows of one (category, state) add up their items; a state has items or a loss ratio. The
    row with state ``*`` holds salvage_ratio and softens, and may hold a loss_ratio for every
    state without rows of its own.
    """
    parsed = ParsedRules()
    drafts: dict[str, _CategoryDraft] = {}
    seen: dict[tuple[str, str, str], int] = {}
    for _title, row, check in _rows(path, RULES_SHEET, parsed, max_rows, progress):
        category = check.get("category", _name, required=True)
        state = check.get("state", _state, required=True)
        item = check.get("item", _name)
        cost = check.get(
            "cost_per_unit", cell_decimal, places=UNIT_PRICE_PLACES, maximum=limit("unit_price")
        )
        ratio = check.get("loss_ratio", cell_decimal, places=RATIO_PLACES, maximum=1)
        salvage = check.get("salvage_ratio", cell_decimal, places=RATIO_PLACES, maximum=1)
        softens = check.get("softens", cell_yes_no)
        wicking = check.get(
            "wicking_cm", cell_decimal, places=CM_PLACES, minimum=0, maximum=limit("depth_cm")
        )
        if check.problems:
            continue
        draft = drafts.setdefault(category, _CategoryDraft())
        key = (category, state, item or "")
        if key in seen:
            check.fail("duplicate_key", "state", state, other_row=seen[key])
        elif state == ALL_STATES:
            if item or cost is not None:
                check.fail("flood_rule_item_on_star", "item", item)
            else:
                draft.settings_row = row.number
                draft.salvage_ratio = salvage or Decimal(0)
                draft.softens = bool(softens)
                draft.wicking_cm = wicking or Decimal(0)
                if ratio is not None:
                    draft.ratios[ALL_STATES] = ratio
        elif state == TESTED_OK and ratio is not None:
            check.fail("flood_rule_tested_ok_ratio", "loss_ratio", ratio)
        elif salvage is not None or softens is not None or wicking is not None:
            column, value = next(
                (c, v)
                for c, v in (
                    ("salvage_ratio", salvage),
                    ("softens", softens),
                    ("wicking_cm", wicking),
                )
                if v is not None
            )
            check.fail("flood_rule_star_only", column, value)
        elif ratio is not None and (item or cost is not None):
            check.fail("flood_rule_both", "loss_ratio", ratio)
        elif ratio is not None:
            if state in draft.items or state in draft.ratios:
                check.fail("flood_rule_both", "loss_ratio", ratio)
            else:
                draft.ratios[state] = ratio
        elif item and cost is not None:
            if state in draft.ratios:
                check.fail("flood_rule_both", "item", item)
            else:
                draft.items.setdefault(state, []).append(RepairItem(item, cost))
        else:
            check.fail("flood_rule_empty", "cost_per_unit" if item else "item", item or cost)
        seen.setdefault(key, row.number)
    parsed.rules = {category: _category(category, d) for category, d in drafts.items()}
    parsed.tested_ok = {
        category: sum((i.cost_per_unit for i in d.items[TESTED_OK]), Decimal(0))
        for category, d in drafts.items()
        if TESTED_OK in d.items
    }
    return parsed


def _category(category: str, draft: _CategoryDraft) -> CategoryRules:
    states: dict[LayerState, StateRule] = {}
    for state in (LayerState.PARTIAL, LayerState.SUBMERGED, LayerState.COLLAPSED):
        if state.value in draft.items:
            states[state] = StateRule(items=tuple(draft.items[state.value]))
        elif state.value in draft.ratios:
            states[state] = StateRule(loss_ratio=draft.ratios[state.value])
        elif ALL_STATES in draft.ratios:
            states[state] = StateRule(loss_ratio=draft.ratios[ALL_STATES])
    return CategoryRules(category, states, draft.salvage_ratio, draft.softens, draft.wicking_cm)


def read_tests(
    path: Path, *, max_rows: int | None = None, progress: Progress | None = None
) -> ParsedTests:
    """Read the optional ``tests`` sheet (检测结果): tested and failed units per lot. Whether a
    row names a lot, and fits it, is checked against the assessment (flood_lots)."""
    parsed = ParsedTests()
    seen: dict[tuple[str, str, str], int] = {}
    most = int(limit("stack_units"))
    for title, row, check in _rows(path, TESTS_SHEET, parsed, max_rows, progress):
        parsed.title = title
        category = check.get("category", _name, required=True)
        sku = check.get("sku", _name, required=True)
        state = check.get("state", _lot_state, required=True)
        tested = check.get("tested", cell_int, required=True, minimum=1, maximum=most)
        failed = check.get("failed", cell_int, required=True, minimum=0, maximum=most)
        if check.problems:
            continue
        key = (category, sku, state)
        if key in seen:
            check.fail("duplicate_key", "sku", sku, other_row=seen[key])
            continue
        seen[key] = row.number
        parsed.results.append(TestResult(category, sku, state, tested, failed, row.number))
    return parsed


def _lot_state(value: object) -> str:
    state = _state(value)
    if state not in {s.value for s in LOT_STATES}:
        raise CellError("unknown_choice", choices="partial, submerged, collapsed")
    return state


def read_zone_depths(
    path: Path, *, max_rows: int | None = None, progress: Progress | None = None
) -> ParsedZoneDepths:
    """Read and validate the water depth per zone (sheet ``zone_depths`` / 区域水深)."""
    parsed = ParsedZoneDepths()
    seen: dict[str, int] = {}
    for _title, row, check in _rows(path, ZONE_DEPTHS_SHEET, parsed, max_rows, progress):
        zone = check.get("zone", _name, required=True)
        depth = check.get(
            "depth_cm", cell_decimal, required=True, places=CM_PLACES, maximum=limit("depth_cm")
        )
        if check.problems:
            continue
        if zone in seen:
            check.fail("duplicate_key", "zone", zone, other_row=seen[zone])
            continue
        seen[zone] = row.number
        parsed.depths[zone] = depth
    return parsed


def _rows(
    path: Path,
    spec: SheetSpec,
    parsed: ParsedWorkbook,
    max_rows: int | None,
    progress: Progress | None,
) -> Iterator[tuple[str, RawRow, RowChecker]]:
    """Yield (sheet title, row, checker) for each data row; once the caller is done with a
    row, the problems its checker collected reject it (with its reasons) or none do."""
    with Workbook(path, max_rows=max_rows or MAX_ROWS, progress=progress) as book:
        reader, problems = book.sheet(spec)
        parsed.problems.extend(problems)
        if reader is None or parsed.errors:
            return
        rejected = RejectedSheet(reader.title, reader.header)
        parsed.rejected.append(rejected)
        for row in reader:
            parsed.rows_read += 1
            check = RowChecker(reader.title, row)
            yield reader.title, row, check
            parsed.keep(rejected, row, check.problems)


def write_template(path: Path) -> None:
    """Write the empty flood workbook: inventory, rules, zone depths, test results, the
    policy, the books and the disposal per lot, with explanations."""
    sheets = (
        INVENTORY_SHEET,
        RULES_SHEET,
        ZONE_DEPTHS_SHEET,
        TESTS_SHEET,
        POLICY_SHEET,
        BOOK_SHEET,
        DISPOSAL_SPEC,
    )
    explanations = _EXPLANATIONS | POLICY_EXPLANATIONS | BOOK_EXPLANATIONS | DISPOSAL_EXPLANATIONS
    write_sheets(path, sheets, explanations)


_EXPLANATIONS = {
    "location": "库位，唯一 / location, unique",
    "zone": "区域 (用于分区水深) / zone, for per-zone depths",
    "sku": "商品编码 / SKU",
    "description": "商品名称 / description",
    "category": "品类，须在损失规则中 / category, must have rules",
    "qty": "件数，整数 ≥ 0：存货清单为本垛件数，账面库存为账面数量 / units, whole number ≥ 0: "
    "in the stack (inventory), on the books (book)",
    "units_per_layer": "每层件数，整数 ≥ 1 / units per layer, whole number ≥ 1",
    "carton_height_cm": "箱高 (厘米)，> 0 / carton height in cm, > 0",
    "base_height_cm": "垫高 (托盘或平台，厘米)，≥ 0，空白为 0 / base (pallet) height in cm, blank = 0",
    "unit_cost": "单位成本 (元)，≥ 0 / unit cost in CNY, ≥ 0",
    "water_mark_cm": "实测水位线 (厘米，离地面)，≥ 0，空白为未实测 / measured water mark in cm "
    "above the floor, blank = not measured",
    "collapsed": "实见倒垛 是/否，空白为未查看 / collapse seen on site yes/no, blank = not observed",
    "wicking_cm": "吸水高度 (厘米)，纸箱在水位线以上吸水的高度，仅 * 行，空白为 0 / "
    "how far above the water cartons draw it, row * only, blank = 0",
    "state": "partial 部分浸水 / submerged 完全浸没 / collapsed 倒塌压损 / "
    "tested_ok 检测合格件的检测与重新包装 (仅规则) / * 品类设置 (仅规则)",
    "item": "处理项目，如 更换控制板、更换滤网、更换包装、清洗检测 / what is done to each unit",
    "cost_per_unit": "每件费用 (元)，≥ 0；同一状态多行相加 / cost per unit; rows of a state add up",
    "loss_ratio": "损失率 0–1 (代替处理项目；写在 * 行则用于未列出的状态) / loss ratio 0–1 instead of items",
    "salvage_ratio": "残值率 0–1，仅 * 行，只对全损件 / salvage ratio 0–1, row * only, written-off units",
    "damaged_discount": "处理品折扣率 0–1，仅 * 行：该品类批次按处理品出售时损失 = 批次价值 × 折扣率 / "
    "default discount of a damaged sale, row * only",
    "softens": "纸箱受潮后不能承重 是/否，仅 * 行 / wet cartons cannot bear the layers above, row * only",
    "depth_cm": "该区域水深 (厘米) / water depth of the zone in cm",
    "tested": "该批次检测件数，整数 ≥ 1 / units tested in the lot, whole number ≥ 1",
    "failed": "其中不合格件数，不多于检测数 / units that failed, at most those tested",
}
