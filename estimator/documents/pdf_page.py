"""What every printed document shares: the bundled CJK font, the page footer with
"第 X 页 共 Y 页", and the box kept free for the assessor's digital signature stamp."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from io import BytesIO
from pathlib import Path
from typing import Any

FONT_NAME = "WenQuanYiMicroHei"


def register_font() -> None:
    """Register the bundled WenQuanYi Micro Hei with reportlab (once)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT_NAME in pdfmetrics.getRegisteredFontNames():
        return
    path = Path(str(resources.files("estimator.resources").joinpath("fonts", "wqy-microhei.ttc")))
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=0))


@dataclass(frozen=True)
class SignatureSpot:
    """Where the assessor's digital signature stamp goes: page (0-based) and box in points."""

    page: int
    box: tuple[float, float, float, float]


def spot_keeper(spots: list[SignatureSpot]) -> Any:
    """An empty 50 × 11 mm flowable that appends where it was drawn to ``spots``."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Flowable

    class SpotKeeper(Flowable):  # type: ignore[misc]
        """An empty box that remembers where it was drawn."""

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return 50 * mm, 11 * mm

        def draw(self) -> None:
            x, y = self.canv.absolutePosition(0, 0)
            spots.append(
                SignatureSpot(self.canv.getPageNumber() - 1, (x, y, x + 50 * mm, y + 11 * mm))
            )

    return SpotKeeper()


PAGE_LABEL = "第 {page} 页 共 {pages} 页"


def numbered_canvas(footer_left: str, page_label: str = PAGE_LABEL) -> Any:
    """A canvas class that prints ``footer_left`` and "第 X 页 共 Y 页" (``page_label``) on
    every page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        """Holds each page back until the end, so every footer can say "共 Y 页"."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's API
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(FONT_NAME, 7.5)
                self.drawString(15 * mm, 10 * mm, footer_left)
                label = page_label.format(page=self._pageNumber, pages=len(self._pages))
                self.drawRightString(A4[0] - 15 * mm, 10 * mm, label)
                super().showPage()
            super().save()

    return NumberedCanvas


@dataclass(frozen=True)
class Styles:
    """The paragraph and table styles every document uses (reportlab objects)."""

    base: Any
    small: Any
    title: Any
    heading: Any
    centered: Any
    #: A table of rows under a shaded header row.
    grid: Any
    #: Label/value pairs, the labels in columns 0 and 2 shaded.
    info: Any
    #: The signature boxes.
    signatures: Any


def styles() -> Styles:
    """The styles of the estimate sheet's look (registers the font)."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import TableStyle

    register_font()
    line = colors.HexColor("#999999")
    base = ParagraphStyle("base", fontName=FONT_NAME, fontSize=8.5, leading=11)
    return Styles(
        base=base,
        small=ParagraphStyle(
            "small", parent=base, fontSize=7.5, leading=9.5, textColor=colors.HexColor("#444444")
        ),
        title=ParagraphStyle("title", parent=base, fontSize=15, leading=20, alignment=TA_CENTER),
        heading=ParagraphStyle("heading", parent=base, fontSize=10, leading=14, spaceBefore=6),
        centered=ParagraphStyle("centered", parent=base, fontSize=10, alignment=TA_CENTER),
        grid=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT_NAME, 8),
                ("GRID", (0, 0), (-1, -1), 0.4, line),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        ),
        info=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT_NAME, 8),
                ("GRID", (0, 0), (-1, -1), 0.4, line),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f2f2f2")),
                ("BACKGROUND", (2, 0), (2, -1), colors.HexColor("#f2f2f2")),
            ]
        ),
        signatures=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT_NAME, 9),
                ("BOX", (0, 0), (-1, -1), 0.4, line),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        ),
    )


def paragraph(text: str, style: Any) -> Any:
    """Plain text (not reportlab markup) as a paragraph."""
    from reportlab.platypus import Paragraph

    return Paragraph(text.replace("&", "&amp;").replace("<", "&lt;"), style)


def build_a4(
    story: list[Any],
    *,
    footer_left: str,
    title: str,
    author: str,
    subject: str,
    page_label: str = PAGE_LABEL,
) -> bytes:
    """Lay ``story`` out on A4 with the shared margins and numbered footer; the PDF bytes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=14 * mm,
        bottomMargin=16 * mm,
        title=title,
        author=author,
        subject=subject,
        initialFontName=FONT_NAME,
    )
    document.build(list(story), canvasmaker=numbered_canvas(footer_left, page_label))
    return buffer.getvalue()


def signature_block(statement: Any, top: list[Any], bottom: list[Any], look: Styles) -> Any:
    """The statement above three signature boxes (``top``: who signs, ``bottom``: dates),
    kept together on one page."""
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Spacer, Table

    signatures = Table(
        [top, bottom], colWidths=[60 * mm, 60 * mm, 60 * mm], rowHeights=[19 * mm, 7 * mm]
    )
    signatures.setStyle(look.signatures)
    return KeepTogether([statement, Spacer(1, 2 * mm), signatures])


def info_table(rows: list[list[str]], look: Styles) -> Any:
    """Label/value pairs, two a row, on the full width (the header block of a document)."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Table

    table = Table(
        [[paragraph(c, look.base) for c in row] for row in rows],
        colWidths=[22 * mm, 68 * mm, 22 * mm, 68 * mm],
    )
    table.setStyle(look.info)
    return table


def totals_table(rows: list[list[str]], look: Styles, *, highlight_to: int = -1) -> Any:
    """Label/amount pairs, two a row, gridded; the last row's cells up to column
    ``highlight_to`` shaded (the figure the reader looks for)."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    table = Table(
        [[paragraph(c, look.base) for c in row] for row in rows],
        colWidths=[28 * mm, 62 * mm, 28 * mm, 62 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT_NAME, 9),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                ("BACKGROUND", (0, -1), (highlight_to, -1), colors.HexColor("#fff5d6")),
            ]
        )
    )
    return table


def grid_table(
    columns: list[str],
    widths_mm: list[float],
    rows: list[list[Any]],
    look: Styles,
    numbers: tuple[int, ...] = (),
    *,
    plain_header: bool = False,
) -> Any:
    """Rows under a header repeated on every page; the ``numbers`` columns right-aligned.
    A ``plain_header`` is drawn on one line, never wrapped (its widths must fit it: see
    :func:`header_fits`)."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    body = Table(
        [columns if plain_header else [paragraph(c, look.base) for c in columns], *rows],
        colWidths=[w * mm for w in widths_mm],
        repeatRows=1,
    )
    body.setStyle(look.grid)
    body.setStyle(TableStyle([("ALIGN", (c, 1), (c, -1), "RIGHT") for c in numbers]))
    return body


#: The grid's cell padding left and right, in points (reportlab's default).
CELL_PADDING = 6.0
#: The font size of the grid's header row (look.grid).
GRID_FONT_SIZE = 8


def header_fits(columns: list[str], widths_mm: list[float]) -> list[str]:
    """The column headers that do not fit their width on one line (none: all fit)."""
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    register_font()
    return [
        text
        for text, width in zip(columns, widths_mm, strict=True)
        if stringWidth(text, FONT_NAME, GRID_FONT_SIZE) + 2 * CELL_PADDING > width * mm
    ]
