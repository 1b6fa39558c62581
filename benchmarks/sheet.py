"""pdf_300_lines: the signed estimate sheet of 300 lines, vs a bare reportlab table of 300
rows in the same font, signed the same way, in the same run."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from typing import TYPE_CHECKING

from benchmarks.harness import Result, percentile, timings

if TYPE_CHECKING:
    from estimator.domain.estimate import EstimateLine
    from estimator.domain.pricing import PricedEstimate


def _priced_sheet() -> PricedEstimate:
    """300 lines (parts at a price of three decimals, materials, sublet work) priced against
    a one-part catalog slice: what the sheet draws, not what the lookups cost."""
    import datetime as dt

    from estimator.domain.estimate import Estimate, EstimateLine, LineKind
    from estimator.domain.pricing import price_estimate
    from labor_standards.model import LaborStandard, PaintType, ShopClass
    from parts_catalog.model import CatalogEntry, CatalogSnapshot, DatedPrice, PriceType

    catalog = CatalogSnapshot(
        [CatalogEntry("CLIP", "卡扣", "FBUMPER", "外观件")],
        {("CLIP", "ZJ", PriceType.OEM_4S): [DatedPrice(dt.date(2026, 10, 1), 1, Decimal("1.115"))]},
    )
    lines: list[EstimateLine] = []
    for i in range(300):
        if i % 3 == 0:
            lines.append(EstimateLine(LineKind.PART, part_no="CLIP", qty=Decimal(1 + i % 7)))
        elif i % 3 == 1:
            lines.append(
                EstimateLine(
                    LineKind.MATERIAL,
                    description=f"辅料{i}",
                    qty=Decimal(2),
                    unit_price=Decimal("3.50"),
                )
            )
        else:
            lines.append(
                EstimateLine(LineKind.SUBLET, description=f"外修项目{i}", amount=Decimal(100 + i))
            )
    estimate = Estimate(
        lines=tuple(lines),
        priced_on=dt.date(2026, 11, 20),
        region="ZJ",
        shop_class=ShopClass.CLASS1,
        vehicle_class="C",
        paint_type=PaintType.METALLIC,
        price_type=PriceType.OEM_4S,
        claim_no="RDAA2026330100000123",
    )
    return price_estimate(estimate, catalog, LaborStandard(version_id=1))


def run(repeat: int) -> list[Result]:
    """Median (and p95) time to produce and sign each."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    from estimator.documents.estimate_sheet import SheetHeader, render_sheet
    from estimator.documents.pdf_page import FONT_NAME, register_font
    from estimator.documents.signing import create_self_signed_p12, sign_pdf

    passphrase = b"benchmark"
    p12 = create_self_signed_p12("基准测试", passphrase)
    priced = _priced_sheet()
    header = SheetHeader(assessor="王定损")

    def product() -> bytes:
        return sign_pdf(render_sheet(priced, header), p12, passphrase)

    def floor() -> bytes:
        register_font()
        rows = [["序", "名称", "数量", "单价", "金额", "说明"]] + [
            [str(i + 1), f"外修项目{i}", "2", "3.50", f"{100 + i:.2f}", "说明文字"]
            for i in range(300)
        ]
        buffer = BytesIO()
        table = Table(rows, repeatRows=1)
        table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT_NAME, 8)]))
        SimpleDocTemplate(buffer, pagesize=A4, initialFontName=FONT_NAME).build([table])
        return sign_pdf(buffer.getvalue(), p12, passphrase)

    measured = timings(product, repeat, warmup=1)
    floors = timings(floor, repeat, warmup=1)
    p50, f50 = percentile(measured, 0.5), percentile(floors, 0.5)
    return [
        Result(
            "pdf_300_lines",
            round(p50, 3),
            "s",
            round(f50, 3),
            round(p50 / f50, 2),
            target="≤ 1 s, ratio ≤ 2",
            detail=f"render + PAdES signature; p95 {percentile(measured, 0.95):.3f} s",
        )
    ]
