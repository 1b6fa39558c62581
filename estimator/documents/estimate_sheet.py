"""The estimate sheet (估损单) as an A4 PDF with reportlab and the bundled CJK font.

Every line prints its notes (included, overridden and why, capped, discounted); every page
carries the claim number, "第 X 页 共 Y 页" and the content hash, and tables repeat their
header rows across pages. Text is real text in an embedded TrueType font, so it can be
searched and copied in any reader.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO
from typing import Any

from estimator.documents.pdf_page import (
    SignatureSpot,
    build_a4,
    grid_table,
    info_table,
    paragraph,
    signature_block,
    spot_keeper,
    styles,
    totals_table,
)
from estimator.domain.diff import VersionDiff
from estimator.domain.estimate import LineKind
from estimator.domain.pricing import PricedEstimate, PricedLine
from estimator.domain.privacy import mask_phone, mask_text
from labor_standards.model import PAINT_TYPE_ZH, SHOP_CLASS_ZH
from parts_catalog.model import PriceType

_TIER_ZH = {
    "on_site": "现场定损 (≤2,000元)",
    "standard": "一般定损 (≤10,000元)",
    "teardown": "拆解定损 (>10,000元或需拆解)",
}
_STATUS_ZH = {
    "draft": "草稿",
    "submitted": "待核损",
    "returned": "核损退回",
    "approved": "核损通过",
    "signed": "客户已签字",
    "closed": "已结案",
}
_CHANGE_ZH = {"added": "新增", "changed": "变更", "removed": "删除"}


@dataclass(frozen=True)
class SheetHeader:
    """What the sheet says about the case beside the estimate itself."""

    insurer: str = "某某财产保险股份有限公司"
    version_no: int = 1
    status: str = "draft"
    assessor: str = ""
    insured_name: str = ""
    insured_phone: str = ""
    survey_place: str = ""
    previous_total: Decimal | None = None
    diff: VersionDiff | None = None
    line_keys: tuple[str, ...] = ()
    extra_notes: tuple[str, ...] = field(default_factory=tuple)
    #: The audit chain's head hash when the sheet was made: kept outside the database, so a
    #: truncated audit trail is caught (estimator audit verify --head).
    audit_head: str = ""
    #: The guarantee certificate printed with the sheet: (number, valid until).
    guarantee: tuple[str, str] | None = None
    #: The reviewer's amounts (核损金额) by line index with reasons, and the approved total.
    review: dict[int, tuple[Decimal, str]] = field(default_factory=dict)
    approved_total: Decimal | None = None
    #: Personal data (phone, ID number) masked on the print: the default (workflow.md).
    mask_personal_data: bool = True
    insured_id_no: str = ""
    #: The customer's drawn signature (PNG) and when it was given.
    customer_signature: bytes | None = None
    customer_signed_at: str = ""


def content_hash(priced: PricedEstimate) -> str:
    """SHA-256 of the sheet's content (lines, amounts, totals): printed on every page."""
    assert priced.totals is not None
    payload = {
        "claim_no": priced.estimate.claim_no,
        "lines": [
            [p.kind.value, p.part_no, p.component_code, str(p.qty), str(p.amount)]
            for p in (*priced.lines, *priced.adjustments)
        ],
        "totals": {k: str(v) for k, v in priced.totals.__dict__.items()},
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _n(value: Decimal | None) -> str:
    """A quantity without trailing zeros (10, 2.5), never in exponent form."""
    return "" if value is None else format(value.normalize(), "f")


def _m(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def render_sheet(priced: PricedEstimate, header: SheetHeader) -> bytes:
    """The estimate sheet as PDF bytes."""
    return render_sheet_with_spot(priced, header)[0]


def render_sheet_with_spot(
    priced: PricedEstimate, header: SheetHeader
) -> tuple[bytes, SignatureSpot]:
    """The estimate sheet, and the place kept free for the digital signature's stamp."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        Spacer,
        Table,
        TableStyle,
    )

    assert priced.totals is not None
    e = priced.estimate
    digest = content_hash(priced)
    look = styles()
    base, small, title, heading = look.base, look.small, look.title, look.heading
    # Every section's last two columns are amounts (grid_table uses look.grid).
    look.grid.add("ALIGN", (-2, 1), (-1, -1), "RIGHT")

    def p(text: str, style: ParagraphStyle = base) -> Any:
        return paragraph(text, style)

    def notes(line: PricedLine, mark: str = "") -> Any:
        texts = [n.text("zh") for n in line.notes]
        if line.index is not None and line.index in header.review:
            amount, why = header.review[line.index]
            texts.append(f"核损金额 {_m(amount)}（{why}）")
        if mark:
            texts.insert(0, f"【{mark}】")
        return p("；".join(texts), small)

    marks: dict[int, str] = {}
    if header.diff is not None:
        positions = {key: i for i, key in enumerate(header.line_keys)}
        for change in header.diff.lines:
            if change.change.value != "removed" and change.key in positions:
                marks[positions[change.key]] = _CHANGE_ZH[change.change.value]

    story: list[Any] = [
        p(header.insurer, look.centered),
        p(
            "机动车辆保险估损单"
            + (f"（第 {header.version_no} 版 · 追加定损）" if header.version_no > 1 else ""),
            title,
        ),
        Spacer(1, 3 * mm),
    ]
    info = [
        ["报案号", e.claim_no, "状态", _STATUS_ZH.get(header.status, header.status)],
        ["车牌号", e.plate, "VIN", e.vin],
        ["车型", f"{e.model_code}（级别 {e.vehicle_class}）", "漆种", PAINT_TYPE_ZH[e.paint_type]],
        [
            "被保险人",
            header.insured_name,
            "联系电话",
            mask_phone(header.insured_phone) if header.mask_personal_data else header.insured_phone,
        ],
        *(
            [
                [
                    "证件号码",
                    mask_text(header.insured_id_no)
                    if header.mask_personal_data
                    else header.insured_id_no,
                    "",
                    "",
                ]
            ]
            if header.insured_id_no
            else []
        ),
        [
            "修理厂",
            f"{e.shop_name}（{SHOP_CLASS_ZH[e.shop_class]}{'，合作' if e.partner else ''}）",
            "地区",
            e.region,
        ],
        ["定价日期", e.priced_on.isoformat(), "价格类型", e.price_type.label_zh],
        [
            "查勘地点",
            header.survey_place,
            "定损时限档",
            _TIER_ZH.get(priced.tier.value if priced.tier else "", ""),
        ],
    ]
    story.append(info_table(info, look))

    def section(
        name: str,
        columns: list[str],
        widths: list[float],
        rows: list[list[Any]],
        numbers: tuple[int, ...] = (),
    ) -> None:
        if not rows:
            return
        story.append(p(name, heading))
        story.append(grid_table(columns, widths, rows, look, numbers))

    lines = priced.lines
    part_rows = [
        [
            str((ln.index or 0) + 1),
            ln.part_no,
            p(ln.description),
            (ln.price_type or PriceType.OEM_4S).label_zh,
            _n(ln.qty),
            _m(ln.unit_price),
            _m(ln.amount),
            notes(ln, marks.get(ln.index or -1, "")),
        ]
        for ln in lines
        if ln.kind is LineKind.PART
    ]
    section(
        "一、换件项目",
        ["序", "配件编码", "配件名称", "价格类型", "数量", "单价", "金额", "说明"],
        [8, 26, 34, 16, 12, 20, 22, 42],
        part_rows,
        (4, 5, 6),
    )
    labor_rows = [
        [
            str((ln.index or 0) + 1),
            p(ln.description),
            f"{ln.hours}",
            _m(ln.rate),
            _m(ln.amount),
            notes(ln, marks.get(ln.index or -1, "")),
        ]
        for ln in lines
        if ln.kind is LineKind.LABOR
    ]
    section(
        "二、工时项目",
        ["序", "项目", "工时", "工时单价", "金额", "说明"],
        [8, 50, 16, 22, 24, 60],
        labor_rows,
        (2, 3, 4),
    )
    paint_rows = [
        [
            str((ln.index or 0) + 1) if ln.index is not None else "",
            p(ln.description),
            "" if ln.panels is None else f"{ln.panels}",
            _m(ln.price_per_panel),
            _m(ln.amount),
            notes(ln, marks.get(ln.index or -1, "")),
        ]
        for ln in (*lines, *priced.adjustments)
        if ln.kind is LineKind.PAINT
    ]
    section(
        "三、喷漆项目",
        ["序", "项目", "幅数", "每幅单价", "金额", "说明"],
        [8, 50, 16, 22, 24, 60],
        paint_rows,
        (2, 3, 4),
    )
    kind_zh = {LineKind.MATERIAL: "辅料", LineKind.SUBLET: "外修", LineKind.TOWING: "施救费"}
    other_rows = [
        [
            str((ln.index or 0) + 1),
            kind_zh[ln.kind],
            p(ln.description),
            _n(ln.qty),
            _m(ln.unit_price),
            _m(ln.amount),
            notes(ln, marks.get(ln.index or -1, "")),
        ]
        for ln in lines
        if ln.kind in kind_zh
    ]
    section(
        "四、其他项目",
        ["序", "类别", "项目", "数量", "单价", "金额", "说明"],
        [8, 16, 40, 14, 20, 24, 58],
        other_rows,
        (3, 4, 5),
    )
    if header.diff is not None:
        removed = [
            [_CHANGE_ZH["removed"], c.kind, p(c.description), _m(c.before)]
            for c in header.diff.lines
            if c.change.value == "removed"
        ]
        section("较上一版删除的项目", ["变化", "类型", "项目", "原金额"], [20, 20, 90, 50], removed)

    t = priced.totals
    totals = [
        ["配件合计", _m(t.parts), "配件管理费", _m(t.management_fee)],
        ["工时合计", _m(t.labor), "喷漆合计", _m(t.paint)],
        ["辅料合计", _m(t.material), "外修合计", _m(t.sublet)],
        ["施救费", _m(t.towing), "残值 (扣除)", _m(t.salvage)],
        ["合计 (小写)", f"¥{_m(t.total)}", "合计 (大写)", priced.total_in_words],
    ]
    if header.approved_total is not None and header.approved_total != t.total:
        from estimator.domain.words import amount_in_words

        totals.append(
            [
                "核损合计 (小写)",
                f"¥{_m(header.approved_total)}",
                "核损合计 (大写)",
                amount_in_words(header.approved_total),
            ]
        )
    if header.previous_total is not None:
        totals.append(
            [
                "上一版合计",
                f"¥{_m(header.previous_total)}",
                "本版增减",
                f"{t.total - header.previous_total:+,.2f}",
            ]
        )
    story.append(p("五、合计", heading))
    story.append(totals_table(totals, look))
    for note in header.extra_notes:
        story.append(p(note, small))
    if header.audit_head:
        story.append(
            p(
                f"审计链头 audit head: {header.audit_head}",
                ParagraphStyle("head", parent=small, fontSize=6, leading=7.5),
            )
        )
    if header.guarantee is not None:
        number, valid_to = header.guarantee
        approved = header.approved_total if header.approved_total is not None else t.total
        box = Table(
            [
                [
                    p(
                        f"无差价理赔服务承诺书 No. {number}：客户在 {e.shop_name} 于 {valid_to} 前维修上列"
                        f"项目，除核定金额 ¥{_m(approved)} 外无需支付任何费用；差价由保险公司与修理厂"
                        f"结算。",
                        base,
                    )
                ]
            ],
            colWidths=[180 * mm],
        )
        box.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 1, colors.HexColor("#1b5e20")),
                    ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f1f8e9")),
                ]
            )
        )
        story += [Spacer(1, 3 * mm), box]
    story.append(Spacer(1, 4 * mm))
    statement = p(
        "以上项目及金额已与本人核对无误。 The items and amounts above have been checked with me.",
        small,
    )
    spot: list[SignatureSpot] = []

    customer: Any = p("客户签字：")
    if header.customer_signature:
        from reportlab.platypus import Image

        customer = [
            p("客户签字："),
            Image(
                BytesIO(header.customer_signature),
                width=42 * mm,
                height=14 * mm,
                kind="proportional",
            ),
        ]
    story.append(
        signature_block(
            statement,
            [[p(f"定损员：{header.assessor}"), spot_keeper(spot)], customer, p("修理厂签章：")],
            [p("日期："), p(f"日期：{header.customer_signed_at}"), p("日期：")],
            look,
        )
    )

    left = f"报案号 {e.claim_no} · 第 {header.version_no} 版 · 内容校验 {digest[:16]}"

    pdf = build_a4(
        story,
        footer_left=left,
        title=f"估损单 {e.claim_no}",
        author=header.assessor,
        subject=digest,
    )
    return pdf, spot[-1]
