"""A case's details (案件信息) after it was opened: which may be corrected in which status, and
how a change is checked and described. Pure.

What may change when (workflow.md: "every version is kept and none is edited once
submitted"; estimating-rules.md: prices come from the case's region, shop class, vehicle
class and paint type):

- The *identification* fields (claim number, plate, VIN, insured name and phone) correct a
  typo: they may change until a version of the case is approved; every change is audited,
  old → new. An approved or signed version's sheet prints them (the claim number is in its
  content hash) and its guarantee certificate is bound to it, so a re-print must show what
  was approved and signed: from approval on they are fixed.
- The *pricing* fields (vehicle model, region, shop class, paint type) and the *shop* (name,
  partner flag: they choose the agreed price types and the guarantee) may change only while
  every version of the case is still a draft or returned. The case keeps them for all its
  versions, so changing them once a version was submitted, approved or signed would re-price
  that version behind the reviewer's decision — a supplement does not unlock them.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from estimator.domain.errors import DomainError
from estimator.domain.field_rules import FIELD_RULES, field_problems
from estimator.domain.workflow import EstimateStatus, is_editable
from kernel.problems import Problem, Worded, register_messages
from parts_catalog.vin import check_vin, normalize_vin

register_messages(
    {
        "vin_malformed": (
            "VIN 应为 17 位，不含 I、O、Q",
            "a VIN has 17 characters without I, O or Q",
        ),
        "phone_malformed": (
            "电话号码只能含数字、空格、+、- 和括号",
            "a phone number holds digits, spaces, +, - and brackets only",
        ),
    }
)

#: Every field of a case that its assessor may correct, in the order the dialog shows them.
CASE_FIELDS = (
    "claim_no",
    "insured_name",
    "insured_phone",
    "plate",
    "vin",
    "model_code",
    "region",
    "paint_type",
    "shop_name",
    "shop_class",
    "partner",
    "location_class",
)
#: Fields that price the estimate or choose its price types and guarantee.
PRICING_FIELDS = frozenset(
    {"model_code", "region", "paint_type", "shop_name", "shop_class", "partner"}
)
#: The column widths of the case table (domain/field_rules.py).
MAX_LENGTH = {field: FIELD_RULES[field].max_length for field in CASE_FIELDS if field in FIELD_RULES}
FIELD_NAMES: dict[str, tuple[str, str]] = {
    "claim_no": ("报案号", "claim no."),
    "insured_name": ("被保险人", "insured"),
    "insured_phone": ("被保险人电话", "insured's phone"),
    "plate": ("车牌", "plate"),
    "vin": ("VIN", "VIN"),
    "model_code": ("车型", "model"),
    "region": ("地区", "region"),
    "paint_type": ("漆种", "paint type"),
    "shop_name": ("修理厂", "shop"),
    "shop_class": ("修理厂类别", "shop class"),
    "partner": ("合作修理厂", "partner shop"),
    "location_class": ("出险地点类别", "location class"),
}
_PHONE = re.compile(r"^[0-9+\-() ]*$")

Value = str | bool
#: Statuses whose sheet was approved (and perhaps signed and certified) with the case's details.
_DECIDED = frozenset({EstimateStatus.APPROVED, EstimateStatus.SIGNED})


def field_refusal(field: str, statuses: Collection[EstimateStatus]) -> DomainError | None:
    """Why ``field`` cannot change while the case's versions are in ``statuses`` (None: it
    can)."""
    zh, en = FIELD_NAMES[field]
    if EstimateStatus.CLOSED in statuses:
        return DomainError("case_closed")
    if field not in PRICING_FIELDS and any(s in _DECIDED for s in statuses):
        return DomainError("identification_locked", field=Worded(zh, en))
    if field in PRICING_FIELDS and not all(is_editable(s) for s in statuses):
        return DomainError("priced_field_locked", field=Worded(zh, en))
    return None


def plain(value: object) -> Value:
    """A field's value as compared, shown and audited: text, or a flag."""
    return value if isinstance(value, bool) else str(getattr(value, "value", value))


def check_fields(values: Mapping[str, Value]) -> tuple[list[Problem], list[str]]:
    """Problems (``path`` = field) that refuse these values, and warnings that do not (a
    VIN whose check digit does not match: imported vehicles may not carry one)."""
    problems: list[Problem] = []
    warnings: list[str] = []
    # Lengths and characters by the one set of field rules (the VIN's own check follows).
    problems += field_problems({f: v for f, v in values.items() if f in MAX_LENGTH and f != "vin"})
    if values.get("region") == "":
        problems.append(Problem("required", path="region"))  # prices are kept by region
    vin = values.get("vin")
    if isinstance(vin, str) and vin:
        result = check_vin(vin)
        if not result.well_formed:
            problems.append(Problem("vin_malformed", path="vin", value=vin))
        elif result.warning:
            warnings.append(result.warning)
    phone = values.get("insured_phone")
    if isinstance(phone, str) and not _PHONE.match(phone):
        problems.append(Problem("phone_malformed", path="insured_phone", value=phone))
    return problems, warnings


def normalise(field: str, value: object) -> Value:
    """A field's value as stored: trimmed; VIN, model and region upper-case."""
    if field == "partner":
        return bool(value)
    text = str(plain(value)).strip()
    if field == "vin":
        return normalize_vin(text)
    if field in ("model_code", "region"):
        return text.upper()
    return text


class CaseDetailsInvalid(DomainError):
    """Values the case cannot take; ``problems`` name their fields (``path``)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        zh = "；".join(
            f"{FIELD_NAMES.get(p.path or '', (p.path, ''))[0]}: {p.reason('zh')}" for p in problems
        )
        en = "; ".join(
            f"{FIELD_NAMES.get(p.path or '', ('', p.path))[1]}: {p.reason('en')}" for p in problems
        )
        super().__init__("invalid_case_details", problems=Worded(zh, en))


@dataclass(frozen=True)
class FieldChange:
    """One field another person changed: from the value an edit was based on to theirs."""

    field: str
    base: Value
    theirs: Value


def describe_field_changes(changes: Collection[FieldChange]) -> tuple[str, str]:
    """``plate 浙K12345 → 浙K54321; region ZJ → SH`` in Chinese and English."""

    def shown(value: Value, zh: bool) -> str:
        if isinstance(value, bool):
            return ("是" if value else "否") if zh else ("yes" if value else "no")
        return value or "—"

    zh = "；".join(
        f"{FIELD_NAMES[c.field][0]} {shown(c.base, True)} → {shown(c.theirs, True)}"
        for c in changes
    )
    en = "; ".join(
        f"{FIELD_NAMES[c.field][1]} {shown(c.base, False)} → {shown(c.theirs, False)}"
        for c in changes
    )
    return zh, en
