"""The flood report's stacks part (堆垛明细): the Excel sheet and the PDF table, each stack's
survey observations marked (实测水位 62 厘米 · 实见倒垛) so a reader sees which stacks are
judged on what was seen rather than on the depth."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from estimator.domain.flood import STATE_ZH, FloodAssessment, LayerState, Stack, StackAssessment
from estimator.domain.flood_json import cm, unit_amount

#: Printed under the PDF's stacks table when a stack was observed.
OBSERVED_NOTE = "注：标有“实测”的堆垛按现场实测的水位线或倒垛情况计算，不按推算的水深。"


def money_text(value: Decimal) -> str:
    """An amount grouped with two decimals: 12,345.60."""
    return f"{value:,.2f}"


def unit_text(value: Decimal) -> str:
    """A per-unit loss: grouped two decimals, or its exact digits (see flood_json)."""
    text = unit_amount(value)
    whole, _, fraction = text.partition(".")
    return f"{int(whole):,}.{fraction}"


def observed_text(stack: Stack) -> str:
    """What the survey saw at ``stack`` ("" when nothing was observed)."""
    parts = []
    if stack.water_mark_cm is not None:
        parts.append(f"实测水位 {cm(stack.water_mark_cm)} 厘米")
    if stack.observed_collapse is True:
        parts.append("实见倒垛")
    elif stack.observed_collapse is False:
        parts.append("实见未倒垛")
    return " · ".join(parts)


_SHEET_COLUMNS = (
    "库位",
    "区域",
    "商品编码",
    "商品名称",
    "品类",
    "数量",
    "水深",
    "状态",
    "层数",
    "件数",
    "单件损失",
    "损失",
    "全损件数",
    "残值",
    "净损失",
    "现场实测",
)


def stacks_sheet(x: Any, a: FloodAssessment) -> None:
    """堆垛: a row per stack and layer state, every stack listed, its observations last.
    ``x`` is the report's workbook (sheet, head, cell)."""
    stacks = x.sheet("堆垛", (10, 8, 16, 22, 12, 8, 10, 10, 8, 8, 12, 14, 10, 12, 14, 26))
    x.head(stacks, list(_SHEET_COLUMNS))
    # A write-only sheet serialises each row as it is appended, so one formatted cell per
    # column serves every row: styling 10^5 × 4 new cells took most of a minute.
    unit, loss, salvage, net = (x.cell(stacks) for _ in range(4))
    unit.number_format = "#,##0.00##"
    for cell in (loss, salvage, net):
        cell.number_format = "#,##0.00"
    for s in a.stacks:
        st = s.stack
        observed = st.water_mark_cm is not None or st.observed_collapse is not None
        seen = observed_text(st) if observed else ""
        for line in s.lines:
            unit.value = line.unit_loss
            loss.value = line.loss
            salvage.value = line.salvage
            net.value = line.net
            stacks.append(
                [
                    st.location,
                    st.zone or "",
                    st.sku,
                    st.description,
                    st.category,
                    st.qty,
                    cm(s.depth_cm),
                    STATE_ZH[line.state],
                    line.layers,
                    line.units,
                    unit,
                    loss,
                    line.written_off_units,
                    salvage,
                    net,
                    seen,
                ]
            )


def pdf_stacks(x: Any, a: FloodAssessment) -> None:
    """三、堆垛明细: the wet stacks by layer state; the dry ones only counted. ``x`` is the
    report's story (p, add, section, look)."""
    # Stacks the water did not reach are counted, not listed: a large site's report stays
    # readable (the Excel report lists every stack).
    small = x.look.small
    untouched: list[StackAssessment] = []
    wet: list[StackAssessment] = []
    for s in a.stacks:
        (untouched if all(ln.state is LayerState.DRY for ln in s.lines) else wet).append(s)
    stack_rows: list[list[Any]] = []
    observed = False
    for s in wet:
        seen = observed_text(s.stack)
        observed = observed or bool(seen)
        product = f"{s.stack.sku} {s.stack.description}" + (f"（{seen}）" if seen else "")
        first = True
        for line in s.lines:
            stack_rows.append(
                [
                    s.stack.location if first else "",
                    x.p(product, small) if first else "",
                    s.stack.category if first else "",
                    cm(s.depth_cm) if first else "",
                    STATE_ZH[line.state],
                    str(line.units),
                    unit_text(line.unit_loss),
                    money_text(line.loss),
                    money_text(line.salvage),
                    money_text(line.net),
                ]
            )
            first = False
    x.section(
        "三、堆垛明细 (按层状态)",
        ["库位", "商品", "品类", "水深", "状态", "件数", "单件损失", "损失", "残值", "净损失"],
        [14, 33, 17, 11, 16, 11, 19, 22, 16, 21],
        stack_rows,
        (3, 5, 6, 7, 8, 9),
    )
    if observed:
        x.add(x.p(OBSERVED_NOTE, small))
    if untouched:
        units = sum(s.stack.qty for s in untouched)
        x.add(
            x.p(
                f"另有 {len(untouched):,} 垛 ({units:,} 件) 未受水浸，明细见 Excel 报告。",
                small,
            )
        )
