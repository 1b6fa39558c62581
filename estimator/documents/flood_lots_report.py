"""The flood report's lots section (五、分批检测与损失): assumed and measured lots side by side."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from estimator.domain.flood import STATE_ZH, FloodAssessment
from estimator.domain.flood_lots import LotAssessment, assess_lots, lots, still_assumed

BASIS_ZH = {"assumed": "按规则推定", "measured": "按检测结果"}


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
    columns += ["推定损失", "计损依据", "计入损失"]
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
