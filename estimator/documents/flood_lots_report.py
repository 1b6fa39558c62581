"""The flood report's lots section (五、分批检测与损失): assumed and measured lots side by side,
each lot's disposal options (处置) and the Excel sheet 分批处置."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from estimator.domain.flood import STATE_ZH, FloodAssessment
from estimator.domain.flood_disposal import DISPOSAL_ZH, Disposal, DisposalOption
from estimator.domain.flood_lots import LotAssessment, assess_lots, lots, still_assumed

BASIS_ZH = {"assumed": "按规则推定", "measured": "按检测结果"}
#: Marks the proposed (cheapest) option of a lot.
PROPOSED_MARK = "✓"


def shown_lots(
    a: FloodAssessment, lot_results: Sequence[LotAssessment] | None
) -> Sequence[LotAssessment]:
    """The lots to show: those given, else every lot of ``a`` as assumed."""
    return assess_lots(lots(a)) if lot_results is None else lot_results


def pdf_lots(x: Any, a: FloodAssessment, lot_results: Sequence[LotAssessment] | None) -> None:
    """Per lot: units, sample, tested and failed, the assumed loss beside the loss used, and
    a line naming the lots still assumed. ``x`` is the report's story (p, add, section)."""
    shown = shown_lots(a, lot_results)
    x.add(x.p("五、分批检测与损失", x.look.heading))
    x.add(
        x.p(
            "按品类、商品编码和状态分批；有检测结果的批次按不合格率计损"
            "（不合格件按全额修复或全损，合格件按检测及重新包装费用），其余按损失规则推定。",
            x.look.small,
        )
    )
    rows: list[list[Any]] = []
    for lot in shown:
        r = lot.result
        rows.append(
            [
                x.p(lot.lot.category),
                x.p(lot.lot.sku),
                STATE_ZH[lot.lot.state],
                f"{lot.lot.units:,}",
                str(lot.lot.sample_size),
                "—" if r is None else str(r.tested),
                "—" if r is None else str(r.failed),
                f"{lot.lot.assumed_loss:,.2f}",
                BASIS_ZH[lot.basis],
                f"{lot.loss:,.2f}",
            ]
        )
    if shown:
        assumed_sum = sum((lot.lot.assumed_loss for lot in shown), Decimal(0))
        counted = sum((lot.loss for lot in shown), Decimal(0))
        units = sum(lot.lot.units for lot in shown)
        rows.append(["合计", "", "", f"{units:,}", "", "", "", f"{assumed_sum:,.2f}", ""])
        rows[-1].append(f"{counted:,.2f}")
    columns = ["品类", "商品编码", "状态", "件数", "抽样", "检测", "不合格"]
    columns += ["推定损失", "计损依据", "修复损失"]
    widths = [22, 28, 17, 12, 12, 12, 14, 22, 19, 22]
    x.section("", columns, widths, rows, (3, 4, 5, 6, 7, 9), last_row_total=bool(shown))
    assumed = still_assumed(shown)
    if not shown:
        text = "无受损批次。"
    elif not assumed:
        text = "全部批次均已按检测结果计损。"
    else:
        names = "，".join(f"{a.lot.category} {a.lot.sku} {STATE_ZH[a.lot.state]}" for a in assumed)
        text = f"尚未检测、仍按规则推定的批次（{len(assumed)} 个）：{names}。"
    x.add(x.p(text, x.look.small))
    _pdf_disposal(x, shown)


def _option_net(d: Disposal, option: DisposalOption) -> str:
    """The option's net, ✓ when it is the proposal; — when the lot does not offer it."""
    found = d.option(option)
    if found is None:
        return "—"
    mark = f" {PROPOSED_MARK}" if option is d.proposed else ""
    return f"{found.net:,.2f}{mark}"


def _pdf_disposal(x: Any, shown: Sequence[LotAssessment]) -> None:
    """Per lot, each option's net (the proposal ✓), the option chosen, its reason and the net
    settled; nothing when the lots were not disposed of."""
    disposed = [lot for lot in shown if lot.disposal is not None]
    if not disposed:
        return
    x.add(
        x.p(
            "处置：每批比较修复/整理（按上表损失扣除规则残值）、处理品销售（批次价值 × 折扣率，"
            "或批次价值 − 买方报价）与报废（批次价值扣除残值）的净损失，最低者为建议（✓）；"
            "选定其他方式须注明理由。赔款按各批选定方式的净损失理算（分批核定）。",
            x.look.small,
        )
    )
    rows: list[list[Any]] = []
    for lot in disposed:
        d = lot.disposal
        assert d is not None  # filtered above
        rows.append(
            [
                x.p(lot.lot.category),
                x.p(lot.lot.sku),
                STATE_ZH[lot.lot.state],
                *(_option_net(d, option) for option in DisposalOption),
                x.p(DISPOSAL_ZH[d.chosen], x.look.small),
                x.p(d.reason or "—", x.look.small),
                f"{lot.net:,.2f}",
            ]
        )
    net = sum((lot.net for lot in disposed), Decimal(0))
    rows.append(["合计", "", "", "", "", "", "", "", f"{net:,.2f}"])
    columns = ["品类", "商品编码", "状态", "修复/整理", "处理品销售", "报废"]
    columns += ["选定", "理由", "净损失"]
    widths = [20, 25, 15, 19, 21, 19, 18, 23, 20]
    x.section("", columns, widths, rows, (3, 4, 5, 8), last_row_total=True)


def _net_of(d: Disposal | None, option: DisposalOption) -> Decimal | None:
    found = None if d is None else d.option(option)
    return None if found is None else found.net


def lots_sheet(book: Any, shown: Sequence[LotAssessment]) -> None:
    """The Excel sheet 分批处置 (write-only ``book``): per lot its test result, basis, each
    option's net, the proposal, the choice and its reason, and the money settled."""
    sheet = book.create_sheet("分批处置")
    widths = (14, 16, 10, 8, 8, 8, 8, 12, 14, 14, 14, 12, 12, 24, 14, 12, 14)
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    head = ["品类", "商品编码", "状态", "件数", "抽样数", "检测数", "不合格数", "计损依据"]
    head += [f"{DISPOSAL_ZH[o]}净损失" for o in DisposalOption]
    sheet.append([*head, "建议", "选定", "理由", "损失", "残值", "净损失"])
    for lot in shown:
        r, d = lot.result, lot.disposal
        nets = [_net_of(d, o) for o in DisposalOption]
        sheet.append(
            [
                lot.lot.category,
                lot.lot.sku,
                STATE_ZH[lot.lot.state],
                lot.lot.units,
                lot.lot.sample_size,
                None if r is None else r.tested,
                None if r is None else r.failed,
                BASIS_ZH[lot.basis],
                *nets,
                None if d is None else DISPOSAL_ZH[d.proposed],
                None if d is None else DISPOSAL_ZH[d.chosen],
                None if d is None else d.reason,
                lot.settled_loss,
                lot.salvage,
                lot.net,
            ]
        )
