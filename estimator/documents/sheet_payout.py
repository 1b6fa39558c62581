"""The estimate sheet's 预估赔款 and 推定全损 sections (settlement.md): the actual value, the
repair/value ratio, each payout step per loss object and the case's expected payment in
figures and 大写, marked provisional until the version is approved; for a total loss, the
settlement on actual value less the whole vehicle's salvage. The figures come computed from
the services (``SheetPayout``); this module only lays them out."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from estimator.documents.pdf_page import grid_table, totals_table
from estimator.documents.sheet_words import COLUMNS, pick, section_title
from estimator.domain.depreciation import ActualValue
from estimator.domain.settlement import TotalLossAssessment, percent
from estimator.domain.settlement_messages import word as settlement_word
from estimator.domain.settlement_payout import CasePayout, ObjectKind, ObjectPayout
from estimator.domain.words import amount_in_words

if TYPE_CHECKING:
    from estimator.documents.estimate_sheet import _Sheet


@dataclass(frozen=True)
class SheetPayout:
    """What the sheet prints of the settlement: the case's payout, the insured vehicle's
    actual value (None when unknown), or why the payout could not be worked out."""

    payout: CasePayout | None = None
    value: ActualValue | None = None
    #: The reason in (Chinese, English) when the stored data could not be worked out.
    problem: tuple[str, str] | None = None


def _m(value: object) -> str:
    return f"{value:,.2f}"


def object_name(payout: ObjectPayout, language: str) -> str:
    """标的车, or 三者车 1 / 三者物损 2 (third parties are numbered from 1)."""
    name = settlement_word(f"settlement.object.{payout.kind.value}", language)
    if payout.kind is ObjectKind.INSURED_VEHICLE:
        return name
    return f"{name} {payout.index + 1}"


def insured_assessment(payout: CasePayout) -> TotalLossAssessment | None:
    """The insured vehicle's total-loss assessment (None when its value is unknown)."""
    for item in payout.objects:
        if item.kind is ObjectKind.INSURED_VEHICLE:
            return item.assessment
    return None


def payout_sections(sheet: _Sheet, number: int) -> list[Any]:
    """The 预估赔款 section numbered ``number`` and, for a total loss, the 推定全损 section
    after it; nothing when the case has no settlement data."""
    facts = sheet.header.payout
    if facts is None:
        return []
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    look = sheet.look
    block: list[Any] = [
        Spacer(1, 2 * mm),
        sheet.p(section_title(number, "payout", sheet.language), look.heading),
    ]
    if facts.payout is None:
        reason = pick(facts.problem or ("", ""), sheet.language)
        return [*block, sheet.p(sheet.w("pv_problem", reason=reason))]
    block += _value_lines(sheet, facts)
    block.append(_steps_table(sheet, facts.payout))
    block += [sheet.p(text, look.small) for text in _cap_notes(sheet, facts.payout)]
    block.append(Spacer(1, 1 * mm))
    total = facts.payout.payable
    words = in_capitals(total)
    block.append(
        totals_table([[sheet.w("pv_total"), f"¥{_m(total)}", sheet.w("pv_words"), words]], look)
    )
    if facts.payout.provisional:
        from reportlab.lib import colors
        from reportlab.lib.styles import ParagraphStyle

        # Said in red: the customer must not take a provisional figure for the approved one.
        marked = ParagraphStyle("provisional", parent=look.base, textColor=colors.darkred)
        block.append(sheet.p(_provisional_text(sheet, facts.payout), marked))
    block.append(sheet.p(sheet.w("pv_note"), look.small))
    assessment = insured_assessment(facts.payout)
    if assessment is not None and assessment.total_loss:
        block += _total_loss_section(sheet, number + 1, assessment)
    return block


def _provisional_text(sheet: _Sheet, payout: CasePayout) -> str:
    """What the provisional payout is priced from: this version for a case of one object;
    else each object's version not approved yet, by name (this sheet's version may be
    approved while another object's is not)."""
    if len(payout.objects) == 1:
        return sheet.w("pv_provisional", version=sheet.header.version_no)
    return sheet.w("pv_provisional_objects", versions=payout.unapproved_versions(sheet.language))


def in_capitals(amount: Decimal) -> str:
    """The bill-style capitals as the totals print them (人民币…)."""
    return "人民币" + amount_in_words(amount)


def _value_lines(sheet: _Sheet, facts: SheetPayout) -> list[Any]:
    """The actual value's calculation and the repair/value ratio (the insured vehicle's,
    named so on a third party's sheet)."""
    value, w = facts.value, sheet.w
    whose = w("pv_insured") if sheet.header.loss_object else ""
    if value is None:
        return [sheet.p(whose + w("pv_no_value"))]
    figures = {
        "price": _m(value.new_price),
        "rate": percent(value.monthly_rate, 2),
        "months": value.months,
        "value": _m(value.value),
    }
    key = "pv_floor" if value.floored else "pv_value"
    source = w("pv_price_source", source=value.price_source.word(sheet.language))
    lines = [sheet.p(whose + w(key, floor=percent(value.floor_share), **figures) + source)]
    assessment = None if facts.payout is None else insured_assessment(facts.payout)
    if assessment is not None:
        ratio = w(
            "pv_ratio",
            cost=_m(assessment.cost),
            ratio=percent(assessment.ratio, 2),
            state=assessment.state.word(sheet.language),
        )
        lines.append(sheet.p(whose + ratio))
    return lines


def _steps_table(sheet: _Sheet, payout: CasePayout) -> Any:
    """One row per loss object with each step, and the case's sums."""
    columns = COLUMNS["payout"]
    headers = [pick((zh, en), sheet.language) for zh, en, _ in columns]
    widths = [width for _, _, width in columns]
    rows: list[list[Any]] = [
        [
            sheet.p(object_name(item, sheet.language)),
            _m(item.loss),
            _m(item.compulsory_paid),
            percent(item.liability_share),
            _m(item.commercial_paid),
            _m(item.deductible),
            _m(item.payable),
        ]
        for item in payout.objects
    ]
    if len(payout.objects) > 1:
        rows.append(
            [
                sheet.p(sheet.w("pv_sum")),
                _m(sum(item.loss for item in payout.objects)),
                _m(payout.compulsory_paid),
                "",
                _m(payout.commercial_paid),
                _m(sum(item.deductible for item in payout.objects)),
                _m(payout.payable),
            ]
        )
    figures = tuple(range(1, len(columns)))
    return grid_table(headers, widths, rows, sheet.look, figures, plain_header=True)


def _cap_notes(sheet: _Sheet, payout: CasePayout) -> list[str]:
    """Which objects' commercial cover a sum insured or limit capped."""
    return [
        sheet.w("pv_capped", object=object_name(item, sheet.language), cap=_m(item.cap))
        for item in payout.objects
        if item.cap is not None and item.commercial_paid < item.liable
    ]


def _total_loss_section(sheet: _Sheet, number: int, assessment: TotalLossAssessment) -> list[Any]:
    """推定全损: actual value, whole-vehicle salvage (entered or the default share), the
    settlement, and why the repair estimate is not what is paid."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    w = sheet.w
    if assessment.salvage_entered:
        salvage = w("tl_entered", amount=_m(assessment.salvage))
    else:
        share = percent(assessment.policy.salvage_share)
        salvage = w("tl_share", amount=_m(assessment.salvage), share=share)
    formula = w("tl_formula", value=_m(assessment.actual_value), salvage=_m(assessment.salvage))
    rows = [
        [w("tl_value"), f"¥{_m(assessment.actual_value)}", w("tl_salvage"), salvage],
        [w("tl_cost"), f"¥{_m(assessment.cost)}", "", ""],
        [w("tl_settlement"), f"¥{_m(assessment.settlement)}", w("tl_how"), formula],
    ]
    threshold = percent(assessment.policy.threshold)
    return [
        Spacer(1, 2 * mm),
        sheet.p(section_title(number, "total_loss", sheet.language), sheet.look.heading),
        totals_table(rows, sheet.look, highlight_to=1),
        sheet.p(w("tl_sentence", threshold=threshold)),
    ]
