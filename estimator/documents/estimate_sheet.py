"""The estimate sheet (估损单) as an A4 PDF with reportlab and the bundled CJK font.

Every line prints its notes (included, overridden and why, capped, discounted); every page
carries the claim number, "第 X 页 共 Y 页" and the content hash, and tables repeat their
header rows across pages. Only sections with lines are printed, numbered 一、二、三… in
order, and the lines are numbered 1..N in the order they are printed. The totals, the
guarantee, the reviewer's line and the signature boxes are kept together on one page, so
the customer never signs a page without the amount. Text is real text in an embedded
TrueType font, so it can be searched and copied in any reader; the sheet is Chinese, or
English when asked (``SheetHeader.language``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO
from typing import Any

from estimator.documents.pdf_page import (
    SignatureSpot,
    Styles,
    build_a4,
    grid_table,
    info_table,
    paragraph,
    spot_keeper,
    styles,
    totals_table,
)
from estimator.documents.sheet_flood import SheetFlood, flood_lines
from estimator.documents.sheet_payout import SheetPayout, payout_sections
from estimator.documents.sheet_words import (
    CHANGE,
    COLUMNS,
    KIND,
    STATUS,
    TIER,
    Language,
    operation_word,
    pick,
    section_title,
    shop_class_word,
    word,
)
from estimator.domain.code_words import paint_type_word, price_type_word
from estimator.domain.diff import VersionDiff
from estimator.domain.estimate import LineKind
from estimator.domain.notify import REPAIR_WINDOW_DAYS
from estimator.domain.pricing import Note, PricedEstimate, PricedLine
from estimator.domain.privacy import mask_phone, mask_text
from estimator.domain.regions import region_name
from estimator.domain.words import amount_in_words
from parts_catalog.model import PriceType

#: The sections in print order: section key → the line kind it lists.
SECTION_KINDS: tuple[tuple[str, LineKind], ...] = (
    ("part", LineKind.PART),
    ("labor", LineKind.LABOR),
    ("paint", LineKind.PAINT),
    ("material", LineKind.MATERIAL),
    ("sublet", LineKind.SUBLET),
    ("towing", LineKind.TOWING),
)


@dataclass(frozen=True)
class SheetHeader:
    """What the sheet says about the case beside the estimate itself."""

    insurer: str = ""
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
    #: The guarantee certificate printed with the sheet: (number, the agreement's end date).
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
    #: The sheet's language: Chinese, or English when the interface is English.
    language: Language = "zh"
    #: Who approved the estimate (核损人), with what opinion and when; blank lines to fill in
    #: by hand before the review.
    reviewer: str = ""
    review_opinion: str = ""
    approved_on: dt.date | None = None
    #: Days from approval within which the guaranteed repair must be done.
    repair_window_days: int = REPAIR_WINDOW_DAYS
    #: The expected payment (预估赔款) and a total loss's settlement; None: the case has no
    #: settlement data, and the sheet prints neither section.
    payout: SheetPayout | None = None
    #: The flooded vehicle's record (水淹高度, 水淹时间, engine restarted); None: no flood.
    flood: SheetFlood | None = None
    #: A third-party object's title (三者车1 浙B11111, 三者物损1 路政), printed under the
    #: sheet's title and in the case rows; blank for the insured vehicle.
    loss_object: str = ""
    #: A property item's sheet: no vehicle, paint or shop rows (its lines are free lines).
    property_item: bool = False


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


def in_capitals(amount: Decimal) -> str:
    """A bill-style amount in capital numerals with its currency: 人民币壹仟元整."""
    return "人民币" + amount_in_words(amount)


def printed_sections(priced: PricedEstimate) -> list[tuple[str, list[PricedLine]]]:
    """The sections that have lines, in print order, each with its lines in print order
    (the paint section ends with its discount and cap lines)."""
    sections = []
    for key, kind in SECTION_KINDS:
        lines = [ln for ln in priced.lines if ln.kind is kind]
        if kind is LineKind.PAINT:
            lines += [ln for ln in priced.adjustments if ln.kind is kind]
        if lines:
            sections.append((key, lines))
    return sections


def render_sheet(priced: PricedEstimate, header: SheetHeader) -> bytes:
    """The estimate sheet as PDF bytes."""
    return render_sheet_with_spot(priced, header)[0]


class _Sheet:
    """One rendering: the styles, the language and the printed line numbers."""

    def __init__(self, priced: PricedEstimate, header: SheetHeader) -> None:
        self.priced = priced
        self.header = header
        self.language: Language = header.language
        self.look: Styles = styles()
        # Every section's last two columns are amounts (grid_table uses look.grid).
        self.look.grid.add("ALIGN", (-2, 1), (-1, -1), "RIGHT")
        self.sections = printed_sections(priced)
        #: Estimate line index → its number on the sheet (1..N in printed order).
        self.numbers: dict[int, int] = {}
        self.marks: dict[int, str] = {}
        if header.diff is not None:
            positions = {key: i for i, key in enumerate(header.line_keys)}
            for change in header.diff.lines:
                if change.change.value != "removed" and change.key in positions:
                    self.marks[positions[change.key]] = pick(
                        CHANGE[change.change.value], self.language
                    )

    def w(self, key: str, **params: object) -> str:
        return word(key, self.language, **params)

    def p(self, text: str, style: Any = None) -> Any:
        return paragraph(text, style if style is not None else self.look.base)

    def note_text(self, note: Note) -> str:
        # "Included in line N" names the line by its number on this sheet.
        params = dict(note.params)
        line = params.get("line")
        if isinstance(line, int) and line - 1 in self.numbers:
            params["line"] = self.numbers[line - 1]
        return Note(note.code, params).text(self.language)

    def notes(self, line: PricedLine) -> Any:
        texts = [self.note_text(n) for n in line.notes]
        if line.index is not None and line.index in self.header.review:
            amount, why = self.header.review[line.index]
            texts.append(self.w("reviewed", amount=_m(amount), why=why))
        mark = self.marks.get(line.index, "") if line.index is not None else ""
        if mark:
            texts.insert(0, f"【{mark}】")
        return self.p(
            "；".join(texts) if self.language == "zh" else "; ".join(texts), self.look.small
        )

    def description(self, line: PricedLine) -> Any:
        if line.adjustment and self.language == "en":
            return self.p(self.w(line.adjustment))
        return self.p(line.description)

    def row(self, key: str, line: PricedLine, number: int) -> list[Any]:
        """One printed line of section ``key``."""
        lead = [str(number)]
        tail = [_m(line.amount), self.notes(line)]
        if key == "part":
            price_type = price_type_word(line.price_type or PriceType.OEM_4S, self.language)
            return [
                *lead,
                line.part_no,
                self.description(line),
                self.p(price_type),
                _n(line.qty),
                _m(line.unit_price),
                *tail,
            ]
        if key == "labor":
            operation = operation_word(line.operation, self.language)
            return [
                *lead,
                self.description(line),
                self.p(operation),
                _n(line.hours),
                _m(line.rate),
                *tail,
            ]
        if key == "paint":
            panels = _n(line.panels)
            return [*lead, self.description(line), panels, _m(line.price_per_panel), *tail]
        return [*lead, self.description(line), _n(line.qty), _m(line.unit_price), *tail]

    def table(self, key: str, rows: list[list[Any]]) -> Any:
        columns = COLUMNS.get(key, COLUMNS["other"])
        headers = [pick((zh, en), self.language) for zh, en, _ in columns]
        widths = [width for _, _, width in columns]
        # The figures: the three columns before the notes; the old amount of a removed line.
        amounts = (3,) if key == "removed" else tuple(range(len(columns) - 4, len(columns) - 1))
        return grid_table(headers, widths, rows, self.look, amounts, plain_header=True)

    def body(self) -> tuple[list[Any], int]:
        """The sections with their lines; and how many sections were printed."""
        number = 0
        for _, lines in self.sections:
            for line in lines:
                number += 1
                if line.index is not None:
                    self.numbers[line.index] = number
        story: list[Any] = []
        count = 0
        number = 0
        for key, lines in self.sections:
            count += 1
            rows = []
            for line in lines:
                number += 1
                rows.append(self.row(key, line, number))
            # A property item's material lines are the items damaged, not repair materials.
            title = "property" if key == "material" and self.header.property_item else key
            story += [self.p(section_title(count, title, self.language), self.look.heading)]
            story.append(self.table(key, rows))
        removed = [
            [
                pick(CHANGE["removed"], self.language),
                pick(KIND.get(c.kind, (c.kind, c.kind)), self.language),
                self.p(c.description),
                _m(c.before),
            ]
            for c in (self.header.diff.lines if self.header.diff is not None else ())
            if c.change.value == "removed"
        ]
        if removed:
            count += 1
            story.append(self.p(section_title(count, "removed", self.language), self.look.heading))
            story.append(self.table("removed", removed))
        return story, count


def render_sheet_with_spot(
    priced: PricedEstimate, header: SheetHeader
) -> tuple[bytes, SignatureSpot]:
    """The estimate sheet, and the place kept free for the digital signature's stamp."""
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Spacer

    assert priced.totals is not None
    sheet = _Sheet(priced, header)
    e = priced.estimate
    digest = content_hash(priced)
    title = sheet.w("title") + (
        sheet.w("supplement", n=header.version_no) if header.version_no > 1 else ""
    )
    story: list[Any] = [
        sheet.p(header.insurer or sheet.w("insurer"), sheet.look.centered),
        sheet.p(title, sheet.look.title),
        *(
            [sheet.p(sheet.w("object_title", title=header.loss_object), sheet.look.centered)]
            if header.loss_object
            else []
        ),
        Spacer(1, 3 * mm),
        info_table(_info_rows(sheet), sheet.look),
        *flood_lines(sheet),
    ]
    body, sections = sheet.body()
    story += body
    spot: list[SignatureSpot] = []
    # The totals, the guarantee, the reviewer's line and the signatures move as one block:
    # when they do not fit after the last line, they all go to the next page.
    story.append(KeepTogether(_closing(sheet, sections + 1, spot)))
    left = sheet.w("footer", claim=e.claim_no, version=header.version_no, digest=digest[:16])
    pdf = build_a4(
        story,
        footer_left=left,
        title=sheet.w("doc_title", claim=e.claim_no),
        author=header.assessor,
        subject=digest,
        page_label=pick(("第 {page} 页 共 {pages} 页", "Page {page} of {pages}"), sheet.language),
    )
    return pdf, spot[-1]


def _info_rows(sheet: _Sheet) -> list[list[str]]:
    e, header, lang, w = sheet.priced.estimate, sheet.header, sheet.language, sheet.w
    phone = mask_phone(header.insured_phone) if header.mask_personal_data else header.insured_phone
    id_no = mask_text(header.insured_id_no) if header.mask_personal_data else header.insured_id_no
    shop_class = shop_class_word(e.shop_class, lang)
    tier = sheet.priced.tier.value if sheet.priced.tier else ""
    named = [[w("loss_object"), header.loss_object, "", ""]] if header.loss_object else []
    vehicle = [
        [w("plate"), e.plate, w("vin"), e.vin],
        [
            w("model"),
            w("model_value", code=e.model_code, cls=e.vehicle_class),
            w("paint_type"),
            paint_type_word(e.paint_type, lang),
        ],
    ]
    shop = [
        w("shop"),
        w("partner_shop" if e.partner else "shop_value", name=e.shop_name, cls=shop_class),
        w("region"),
        region_name(e.region, lang),
    ]
    priced = [w("priced_on"), e.priced_on.isoformat(), w("price_type")]
    priced.append(price_type_word(e.price_type, lang))
    if header.property_item:
        vehicle, shop = [], [w("region"), region_name(e.region, lang), "", ""]
        priced[2:] = ["", ""]
    return [
        [w("claim_no"), e.claim_no, w("status"), pick(STATUS.get(header.status, ("", "")), lang)],
        *named,
        *vehicle,
        [w("insured"), header.insured_name, w("phone"), phone],
        *([[w("id_no"), id_no, "", ""]] if header.insured_id_no else []),
        shop,
        priced,
        [w("survey_place"), header.survey_place, w("tier"), pick(TIER.get(tier, ("", "")), lang)],
    ]


def _totals_rows(sheet: _Sheet) -> list[list[str]]:
    t, header, w = sheet.priced.totals, sheet.header, sheet.w
    assert t is not None
    amounts = [
        (w("sum_parts"), t.parts),
        (w("sum_fee"), t.management_fee),
        (w("sum_labor"), t.labor),
        (w("sum_paint"), t.paint),
        (w("sum_property" if header.property_item else "sum_material"), t.material),
        (w("sum_sublet"), t.sublet),
        (w("sum_towing"), t.towing),
        (w("sum_salvage"), t.salvage),
    ]
    shown = [(label, _m(value)) for label, value in amounts if value]
    if len(shown) % 2:
        shown.append(("", ""))
    rows = [[*a, *b] for a, b in zip(shown[::2], shown[1::2], strict=True)]
    rows.append([w("total"), f"¥{_m(t.total)}", w("total_words"), in_capitals(t.total)])
    if header.approved_total is not None and header.approved_total != t.total:
        approved = header.approved_total
        rows.append(
            [w("approved_total"), f"¥{_m(approved)}", w("approved_words"), in_capitals(approved)]
        )
    if header.previous_total is not None:
        change = f"{t.total - header.previous_total:+,.2f}"
        rows.append([w("previous_total"), f"¥{_m(header.previous_total)}", w("difference"), change])
    return rows


def _closing(sheet: _Sheet, number: int, spot: list[SignatureSpot]) -> list[Any]:
    """The totals section and everything that must stay on its page."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    header, look, w, p = sheet.header, sheet.look, sheet.w, sheet.p
    block: list[Any] = [
        p(section_title(number, "totals", sheet.language), look.heading),
        totals_table(_totals_rows(sheet), look),
    ]
    block += [p(note, look.small) for note in header.extra_notes]
    if header.audit_head:
        tiny = ParagraphStyle("head", parent=look.small, fontSize=6, leading=7.5)
        block.append(p(w("audit_head", head=header.audit_head), tiny))
    if header.guarantee is not None:
        block += [Spacer(1, 3 * mm), _guarantee_box(sheet)]
    # 预估赔款 (and 推定全损) before the signatures: the customer signs with the payment shown.
    block += payout_sections(sheet, number + 1)
    block += [Spacer(1, 3 * mm), _reviewer_line(sheet), Spacer(1, 3 * mm)]
    block += _signatures(sheet, spot)
    return block


def _guarantee_box(sheet: _Sheet) -> Any:
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    header, e = sheet.header, sheet.priced.estimate
    assert header.guarantee is not None
    assert sheet.priced.totals is not None
    number, _agreement_ends = header.guarantee
    approved = header.approved_total
    if approved is None:
        approved = sheet.priced.totals.total
    until = ""
    if header.approved_on is not None:
        last_day = header.approved_on + dt.timedelta(days=header.repair_window_days)
        until = sheet.w("until", date=last_day.isoformat())
    text = sheet.w(
        "guarantee",
        number=number,
        shop=e.shop_name,
        amount=_m(approved),
        words=in_capitals(approved),
        days=header.repair_window_days,
        until=until,
    )
    box = Table([[sheet.p(text)]], colWidths=[180 * mm])
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1, colors.HexColor("#1b5e20")),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f1f8e9")),
            ]
        )
    )
    return box


def _reviewer_line(sheet: _Sheet) -> Any:
    """核损人, 核损意见 and the date: from the approval, or blank lines to fill by hand."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Table

    header, w = sheet.header, sheet.w
    blank = w("blank")
    reviewed = bool(header.reviewer)
    opinion = header.review_opinion or (w("agreed") if reviewed else blank + blank)
    on = header.approved_on.isoformat() if reviewed and header.approved_on else blank
    table = Table(
        [
            [
                sheet.p(w("reviewer", name=header.reviewer if reviewed else blank)),
                sheet.p(w("opinion", text=opinion)),
                sheet.p(w("date", date=on)),
            ]
        ],
        colWidths=[50 * mm, 90 * mm, 40 * mm],
    )
    table.setStyle(sheet.look.signatures)
    return table


def _signatures(sheet: _Sheet, spot: list[SignatureSpot]) -> list[Any]:
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, Spacer, Table

    header, w, p = sheet.header, sheet.w, sheet.p
    customer: Any = p(w("customer"))
    if header.customer_signature:
        drawn = Image(
            BytesIO(header.customer_signature), width=42 * mm, height=14 * mm, kind="proportional"
        )
        customer = [customer, drawn]
    signatures = Table(
        [
            [
                [p(w("assessor", name=header.assessor)), spot_keeper(spot)],
                customer,
                p(w("shop_seal")),
            ],
            [
                p(w("date", date="")),
                p(w("date", date=header.customer_signed_at)),
                p(w("date", date="")),
            ],
        ],
        colWidths=[60 * mm, 60 * mm, 60 * mm],
        rowHeights=[19 * mm, 7 * mm],
    )
    signatures.setStyle(sheet.look.signatures)
    return [p(w("statement"), sheet.look.small), Spacer(1, 2 * mm), signatures]
