"""The flood assessment report (存货水浸定损报告): an Excel workbook and an A4 PDF.

Both hold: summary, per category, per stack and state, the sampling plan (GB/T 2828.1), the lots
and their disposal, the prevention what-if and, with a policy, the settlement. The PDF has the
estimate sheet's look (pdf_page: font, footer, content hash, signature box) and the photos."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO
from typing import TYPE_CHECKING, Any

from estimator.documents.flood_advice import recommendations
from estimator.documents.flood_book_report import book_check_sheet, pdf_book_check
from estimator.documents.flood_lots_report import lots_sheet, pdf_lots, shown_lots
from estimator.documents.flood_settlement_report import pdf_settlement, settlement_sheet
from estimator.documents.flood_stacks_report import money_text as _m
from estimator.documents.flood_stacks_report import pdf_stacks, stacks_sheet
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
from estimator.documents.print_photos import print_size
from estimator.domain.flood import (
    FloodAssessment,
    sample_band,
    sampling_plan,
)
from estimator.domain.flood_book import BookCheckLine
from estimator.domain.flood_json import assessment_document, cm
from estimator.domain.flood_lots import LotAssessment
from estimator.domain.flood_settlement import Settlement
from kernel.image_guard import check_photo_pixels

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle

SAMPLING_RULE = "GB/T 2828.1 (ISO 2859-1) 一般检验水平 II，正常检验一次抽样"


@dataclass(frozen=True)
class ReportHeader:
    """What the report says beside the figures."""

    insurer: str = "某某财产保险股份有限公司"
    claim_no: str = ""
    insured_name: str = ""
    site: str = ""
    assessor: str = ""
    surveyed_on: str = ""
    #: The adjuster's photos (PNG or JPEG bytes) with their captions.
    photos: tuple[tuple[bytes, str], ...] = field(default_factory=tuple)


def content_hash(
    a: FloodAssessment,
    lot_results: Sequence[LotAssessment] | None = None,
    settlement: Settlement | None = None,
    book_check: Sequence[BookCheckLine] | None = None,
) -> str:
    """SHA-256 of the assessment's JSON (lots, settlement, book check): on every page."""
    document = assessment_document(a, lot_results, settlement, book_check)
    text = json.dumps(document, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _depth_text(a: FloodAssessment) -> str:
    if a.depth.zones:
        return "，".join(f"{zone} 区 {cm(d)} 厘米" for zone, d in a.depth.zones.items())
    return f"{cm(a.depth.site_cm or Decimal(0))} 厘米"


def _band(lot: int) -> str:
    low, high = sample_band(lot)
    if lot <= 0:
        return ""
    return f"{low:,}–{high:,}" if high is not None else f"> {low - 1:,}"


# --- Excel -----------------------------------------------------------------------------


class _Book:
    """A write-only workbook with the report's header look and money format."""

    def __init__(self) -> None:
        import openpyxl
        from openpyxl.styles import Font, PatternFill

        self.book = openpyxl.Workbook(write_only=True)
        self.bold = Font(bold=True)
        self.fill = PatternFill("solid", fgColor="E8EEF5")

    def sheet(self, title: str, widths: tuple[int, ...]) -> Any:
        out = self.book.create_sheet(title)
        for index, width in enumerate(widths):
            out.column_dimensions[chr(65 + index)].width = width
        return out

    def head(self, out: Any, cells: list[str]) -> None:
        row = [self.cell(out, text) for text in cells]
        for cell in row:
            cell.font, cell.fill = self.bold, self.fill
        out.append(row)

    def cell(self, out: Any, value: Any = None) -> Any:
        from openpyxl.cell import WriteOnlyCell

        return WriteOnlyCell(out, value=value)

    def money(self, out: Any, value: Decimal) -> Any:
        cell = self.cell(out, value)
        cell.number_format = "#,##0.00"
        return cell


def _summary_sheet(x: _Book, a: FloodAssessment, header: ReportHeader) -> None:
    """汇总: the case, the totals, the what-if and a row per zone."""
    summary = x.sheet("汇总", (22, 40))
    for label, value in (
        ("保险公司", header.insurer),
        ("报案号", header.claim_no),
        ("被保险人", header.insured_name),
        ("出险地点", header.site),
        ("定损员", header.assessor),
        ("查勘日期", header.surveyed_on),
        ("水深", _depth_text(a)),
        ("堆垛数", len(a.stacks)),
        ("总件数", a.totals.units),
        ("浸水件数", a.totals.wet_units),
    ):
        summary.append([label, value])
    for label, amount in (
        ("损失金额", a.totals.loss),
        ("残值", a.totals.salvage),
        ("净损失", a.totals.net),
        ("垫高后损失", a.prevention.loss),
        ("可避免损失", a.prevention.avoided),
    ):
        summary.append([label, x.money(summary, amount)])
    summary.append(["建议垫高 (厘米)", cm(a.prevention.proposed_base_height_cm)])
    summary.append([])
    x.head(summary, ["区域", "水深 (厘米)", "堆垛数", "浸水件数", "损失", "残值", "净损失"])
    for z in a.zones:
        summary.append(
            [
                z.zone or "",
                "" if z.depth_cm is None else cm(z.depth_cm),
                z.stacks,
                z.wet_units,
                x.money(summary, z.loss),
                x.money(summary, z.salvage),
                x.money(summary, z.net),
            ]
        )


def _categories_sheet(x: _Book, a: FloodAssessment) -> None:
    """品类: a row per category and the total."""
    categories = x.sheet("品类", (16, 10, 10, 10, 10, 10, 16, 14, 16))
    x.head(
        categories,
        ["品类", "件数", "浸水件数", "倒塌件数", "全损件数", "抽样数", "损失", "残值", "净损失"],
    )
    for c in a.categories:
        categories.append(
            [
                c.category,
                c.units,
                c.wet_units,
                c.collapsed_units,
                c.written_off_units,
                c.sample_size,
                x.money(categories, c.loss),
                x.money(categories, c.salvage),
                x.money(categories, c.net),
            ]
        )
    t = a.totals
    categories.append(
        [
            "合计",
            t.units,
            t.wet_units,
            "",
            "",
            "",
            *(x.money(categories, v) for v in (t.loss, t.salvage, t.net)),
        ]
    )
    for category, wicking in a.wicking_cm.items():
        categories.append([f"{category} 吸水高度 (厘米)", cm(wicking)])


def _sampling_sheet(x: _Book, a: FloodAssessment) -> None:
    """抽样方案: the sample size per category, then the draw per stack."""
    sampling = x.sheet("抽样方案", (16, 14, 14, 10, 14, 12))
    sampling.append([SAMPLING_RULE])
    x.head(sampling, ["品类", "批量 (浸水件数)", "批量范围", "抽样数"])
    for c in a.categories:
        sampling.append([c.category, c.wet_units, _band(c.wet_units), c.sample_size])
    sampling.append([])
    x.head(sampling, ["品类", "库位", "浸水件数", "抽取件数"])
    for draw in sampling_plan(a):
        sampling.append([draw.category, draw.location, draw.wet_units, draw.draw])


def _prevention_sheet(x: _Book, a: FloodAssessment) -> None:
    """防灾防损: the what-if and the recommendations."""
    prevention = x.sheet("防灾防损", (24, 90))
    p = a.prevention
    prevention.append(["建议垫高 (厘米)", cm(p.proposed_base_height_cm)])
    prevention.append(["本次损失", x.money(prevention, a.totals.loss)])
    prevention.append(["垫高后损失", x.money(prevention, p.loss)])
    prevention.append(["可避免损失", x.money(prevention, p.avoided)])
    prevention.append([])
    for number, text in enumerate(recommendations(a), start=1):
        prevention.append([f"建议 {number}", text])


def report_workbook(
    a: FloodAssessment,
    header: ReportHeader,
    settlement: Settlement | None = None,
    lot_results: Sequence[LotAssessment] | None = None,
    book_check: Sequence[BookCheckLine] | None = None,
) -> bytes:
    """The report as workbook bytes, one sheet a part (write-only: 10^5 stacks stay quick);
    账实核对 when the inventory has a book sheet."""
    x = _Book()
    _summary_sheet(x, a, header)
    _categories_sheet(x, a)
    book_check_sheet(x, book_check)
    stacks_sheet(x, a)
    _sampling_sheet(x, a)
    lots_sheet(x.book, shown_lots(a, lot_results))
    _prevention_sheet(x, a)
    settlement_sheet(x.book, settlement)
    buffer = BytesIO()
    x.book.save(buffer)
    return buffer.getvalue()


# --- PDF -------------------------------------------------------------------------------


class _Story:
    """The PDF's flowables in order, with the report's paragraph and table look."""

    def __init__(self) -> None:
        self.look = styles()
        self.story: list[Any] = []

    def p(self, text: str, style: ParagraphStyle | None = None) -> Any:
        return paragraph(text, style or self.look.base)

    def add(self, *flowables: Any) -> None:
        self.story.extend(flowables)

    def section(
        self,
        name: str,
        columns: list[str],
        widths: list[float],
        rows: list[list[Any]],
        numbers: tuple[int, ...] = (),
        last_row_total: bool = False,
    ) -> None:
        from reportlab.lib import colors
        from reportlab.platypus import TableStyle

        if name:
            self.add(self.p(name, self.look.heading))
        body = grid_table(columns, widths, rows, self.look, numbers)
        if last_row_total:
            body.setStyle(
                TableStyle([("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#fff5d6"))])
            )
        self.add(body)


def _pdf_summary(x: _Story, a: FloodAssessment, header: ReportHeader) -> None:
    """The title, the case, 一、定损汇总 and the depth per zone."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    look, t = x.look, a.totals
    x.add(x.p(header.insurer, look.centered), x.p("非车险存货水浸定损报告", look.title))
    x.add(Spacer(1, 3 * mm))
    info = [
        ["报案号", header.claim_no, "被保险人", header.insured_name],
        ["出险地点", header.site, "查勘日期", header.surveyed_on],
        ["水深", _depth_text(a), "堆垛 / 件数", f"{len(a.stacks):,} 垛 / {t.units:,} 件"],
        ["浸水件数", f"{t.wet_units:,}", "定损员", header.assessor],
    ]
    x.add(info_table(info, look))
    totals = [
        ["损失金额", f"¥{_m(t.loss)}", "残值 (扣除)", f"¥{_m(t.salvage)}"],
        ["净损失", f"¥{_m(t.net)}", "可避免损失", f"¥{_m(a.prevention.avoided)}"],
    ]
    x.add(x.p("一、定损汇总", look.heading))
    x.add(totals_table(totals, look, highlight_to=1))
    if a.depth.zones:
        x.section(
            "分区水深",
            ["区域", "水深 (厘米)", "堆垛数", "浸水件数", "损失", "残值", "净损失"],
            [20, 22, 18, 22, 34, 30, 34],
            [
                [
                    z.zone or "",
                    "" if z.depth_cm is None else cm(z.depth_cm),
                    str(z.stacks),
                    f"{z.wet_units:,}",
                    _m(z.loss),
                    _m(z.salvage),
                    _m(z.net),
                ]
                for z in a.zones
            ],
            (1, 2, 3, 4, 5, 6),
        )


def _pdf_categories(x: _Story, a: FloodAssessment) -> None:
    """二、分品类损失: a row per category and the total."""
    t = a.totals
    x.section(
        "二、分品类损失",
        ["品类", "件数", "浸水", "倒塌", "全损", "抽样数", "损失", "残值", "净损失"],
        [24, 16, 16, 16, 14, 14, 28, 24, 28],
        [
            [
                x.p(c.category),
                f"{c.units:,}",
                f"{c.wet_units:,}",
                f"{c.collapsed_units:,}",
                f"{c.written_off_units:,}",
                f"{c.sample_size:,}",
                _m(c.loss),
                _m(c.salvage),
                _m(c.net),
            ]
            for c in a.categories
        ]
        + [
            [
                "合计",
                f"{t.units:,}",
                f"{t.wet_units:,}",
                "",
                "",
                "",
                _m(t.loss),
                _m(t.salvage),
                _m(t.net),
            ]
        ],
        (1, 2, 3, 4, 5, 6, 7, 8),
        last_row_total=True,
    )
    for category, wicking in a.wicking_cm.items():
        note = f"品类 {category} 计吸水高度 {cm(wicking)} 厘米：水位线以上该高度内的纸箱按浸水计。"
        x.add(x.p(note, x.look.small))


def _pdf_sampling(x: _Story, a: FloodAssessment) -> None:
    """四、抽样检测方案: the sample size per category and its draw per stack."""
    small = x.look.small
    x.add(x.p("四、抽样检测方案", x.look.heading))
    x.add(x.p(f"按 {SAMPLING_RULE}：按品类、商品编码和状态分批，各批抽样数见第五部分。", small))
    x.section(
        "",
        ["品类", "浸水件数", "批量范围", "抽样数", "抽样分配 (库位: 件数)"],
        [24, 26, 26, 16, 88],
        [
            [
                x.p(c.category),
                f"{c.wet_units:,}",
                _band(c.wet_units),
                str(c.sample_size),
                x.p(
                    "，".join(
                        f"{d.location}: {d.draw}"
                        for d in sampling_plan(a)
                        if d.category == c.category and d.draw
                    ),
                    small,
                ),
            ]
            for c in a.categories
        ],
        (1, 3),
    )


def _pdf_prevention(x: _Story, a: FloodAssessment) -> None:
    """六、防灾防损建议: the what-if and the recommendations."""
    x.add(x.p("六、防灾防损建议", x.look.heading))
    pv = a.prevention
    x.add(
        x.p(
            f"如将全部堆垛垫高至 {cm(pv.proposed_base_height_cm)} 厘米，损失为 ¥{_m(pv.loss)}，"
            f"可避免损失 ¥{_m(pv.avoided)}（本次损失 ¥{_m(a.totals.loss)}）。"
        )
    )
    for number, text in enumerate(recommendations(a), start=1):
        x.add(x.p(f"{number}. {text}"))


def _pdf_photos(x: _Story, header: ReportHeader, number: str) -> None:
    """现场照片 (part ``number``): the adjuster's photos two to a row, when there are any."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, Table, TableStyle

    if not header.photos:
        return
    x.add(x.p(f"{number}、现场照片", x.look.heading))
    cells: list[Any] = []
    for data, caption in header.photos:
        if (refused := check_photo_pixels(data, caption)) is not None:  # never decoded
            cells.append(x.p(refused.reason("zh"), x.look.small))
            continue
        image = Image(BytesIO(print_size(data)), width=85 * mm, height=60 * mm, kind="proportional")
        cells.append([image, x.p(caption, x.look.small)])
    rows: list[list[Any]] = [cells[i : i + 2] for i in range(0, len(cells), 2)]
    if len(rows[-1]) == 1:
        rows[-1].append("")
    photo_table = Table(rows, colWidths=[90 * mm, 90 * mm])
    photo_table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    x.add(photo_table)


def _pdf_signatures(x: _Story, header: ReportHeader) -> list[SignatureSpot]:
    """The statement and signature boxes; the list receives the stamp's place when drawn."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    spot: list[SignatureSpot] = []
    x.add(Spacer(1, 4 * mm))
    statement = x.p(
        "以上存货数量、损失金额及抽样方案已与本人核对无误。 "
        "The quantities, amounts and sampling plan above have been checked with me.",
        x.look.small,
    )
    x.add(
        signature_block(
            statement,
            [
                [x.p(f"定损员：{header.assessor}"), spot_keeper(spot)],
                x.p("被保险人签章："),
                x.p(""),
            ],
            [x.p("日期："), x.p("日期："), x.p("")],
            x.look,
        )
    )
    return spot


def render_report(
    a: FloodAssessment,
    header: ReportHeader,
    lot_results: Sequence[LotAssessment] | None = None,
    settlement: Settlement | None = None,
    book_check: Sequence[BookCheckLine] | None = None,
) -> tuple[bytes, SignatureSpot]:
    """The report as PDF bytes (lots assumed unless given; 赔款理算 with a policy; 账实核对
    with the books) and the place kept for the stamp."""
    digest = content_hash(a, lot_results, settlement, book_check)
    x = _Story()
    _pdf_summary(x, a, header)
    _pdf_categories(x, a)
    pdf_book_check(x, book_check)
    pdf_stacks(x, a)
    _pdf_sampling(x, a)
    pdf_lots(x, a, lot_results)
    _pdf_prevention(x, a)
    x.add(*pdf_settlement(settlement, x.look, "七、赔款理算"))
    _pdf_photos(x, header, "七" if settlement is None else "八")
    spot = _pdf_signatures(x, header)
    left = f"报案号 {header.claim_no or '—'} · 存货水浸定损 · 内容校验 {digest[:16]}"
    pdf = build_a4(
        x.story,
        footer_left=left,
        title=f"存货水浸定损报告 {header.claim_no}",
        author=header.assessor,
        subject=digest,
    )
    return pdf, spot[-1]
