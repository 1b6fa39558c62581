"""The ``estimate/1`` JSON document (data-formats.md): parse with JSON-path problems, and
write the priced result. Pure: text in, values out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

from estimator.domain.clocks import EventKind, LocationClass
from estimator.domain.estimate import Estimate, EstimateLine, LineKind
from estimator.domain.loss_objects import ObjectRef
from estimator.domain.onsite_documents import ITEM_WORDS, DocumentState, Procedure
from estimator.domain.pricing import PricedEstimate, PricedLine
from kernel.cells import CellError, check_number_text
from kernel.clock import LOCAL_ZONE, from_local
from kernel.json_input import JsonFloat as JsonFloat
from kernel.json_input import decode_json
from kernel.money import (
    HOURS_PLACES,
    MONEY_PLACES,
    QUANTITY_PLACES,
    RATE_PLACES,
    UNIT_PRICE_PLACES,
    NotExactError,
    format_price,
    limits,
    parse_decimal,
)
from kernel.problems import Problem, register_messages
from labor_standards.model import Operation, PaintType, ShopClass
from parts_catalog.model import PriceType, normalize_part_no

FORMAT = "estimate/1"
E = TypeVar("E")
#: Lines of one estimate: ten times the 500-line benchmark, and far more than a total loss has.
MAX_LINES = 5_000

register_messages(
    {
        "wrong_format": ("format 应为 {expected}", "format must be {expected}"),
        "json_float": (
            'JSON 小数无法精确表示金额，请写成字符串 (如 "12.50")',
            'a JSON number with a decimal point cannot hold money exactly; write it as a string ("12.50")',
        ),
        "not_text": ("应为字符串", "expected a string"),
        "not_an_object": ("应为对象 {{…}}", "expected an object {{…}}"),
        "not_a_list": ("应为数组 […]", "expected an array […]"),
        "not_boolean": ("应为 true 或 false", "expected true or false"),
        "unknown_field": ("未知字段", "unknown field"),
        "not_positive": ("必须大于 0", "must be more than 0"),
        "not_a_moment": (
            "不是时间 (应为 YYYY-MM-DDTHH:MM，可带时区，不带时区按本地时间)",
            "not a time (expected YYYY-MM-DDTHH:MM, optionally with a zone; without one it is local time)",
        ),
        "too_many_estimate_lines": (
            "估损单行数 ({figure}) 超过上限 {limit}",
            "the estimate has {figure} lines, more than the limit of {limit}",
        ),
    }
)


def default_price_type(shop_class: ShopClass) -> PriceType:
    """4S shops price at the 4S price, other shops at the market price (estimating-rules.md)."""
    return PriceType.OEM_4S if shop_class is ShopClass.FOUR_S else PriceType.OEM_MARKET


_LINE_FIELDS: dict[LineKind, set[str]] = {
    LineKind.PART: {"part_no", "qty", "price_type", "unit_price", "description"},
    LineKind.LABOR: {"component_code", "operation", "hours", "rate", "description"},
    LineKind.PAINT: {"component_code", "panels", "price_per_panel", "description"},
    LineKind.MATERIAL: {"description", "qty", "unit_price"},
    LineKind.SUBLET: {"description", "amount"},
    LineKind.TOWING: {"description", "amount"},
}
#: Fields a priced document adds; accepted and ignored on input, so a priced document re-prices.
_OUTPUT_LINE_FIELDS = {
    "kind",
    "override_reason",
    "looked_up",
    "notes",
    "sources",
    "included_by",
    "name",
    "amount",
    "salvage_suggestion",
}
_TOP_FIELDS = {
    "format",
    "claim_no",
    "priced_on",
    "region",
    "shop",
    "vehicle",
    "price_type",
    "parts_management_fee_rate",
    "salvage",
    "needs_teardown",
    "lines",
    "events",
    "location",
    "procedure",
    "documents",
    # The settlement fields (settlement.md, Contract), read by settlement_inputs.
    "object",
    "loss_on",
    "policy",
    "liability",
    "other_party",
    "flood",
    "total_loss_salvage",
}
_OUTPUT_TOP_FIELDS = {
    "totals",
    "total_in_words",
    "tier",
    "salvage_suggestion",
    "adjustments",
    "problems",
}


class _Reader:
    """Walks a decoded document, collecting problems with their JSON paths."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        # The configured bounds, read once per document (not once per value: 1,000 reads
        # of the environment were an eighth of pricing a 500-line estimate).
        self.limit = limits().__getitem__

    def fail(self, path: str, code: str, value: object = None, **params: object) -> None:
        self.problems.append(Problem(code, path=path, value=value, params=params))

    def obj(self, value: object, path: str) -> dict[str, Any]:
        if isinstance(value, dict):
            return value
        self.fail(path, "not_an_object", value)
        return {}

    def text(self, data: dict[str, Any], key: str, path: str, *, required: bool = False) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(f"{path}{key}", "required")
            return ""
        if not isinstance(value, str) or isinstance(value, JsonFloat):
            self.fail(f"{path}{key}", "not_text", value)
            return ""
        if required and not value.strip():  # "" for a required choice said nothing before
            self.fail(f"{path}{key}", "required")
        return value.strip()

    def number(
        self,
        data: dict[str, Any],
        key: str,
        path: str,
        *,
        places: int,
        required: bool = False,
        positive: bool = False,
        maximum: Decimal | None = None,
    ) -> Decimal | None:
        value = data.get(key)
        where = f"{path}{key}"
        if value is None:
            if required:
                self.fail(where, "required")
            return None
        if isinstance(value, JsonFloat):
            self.fail(where, "json_float", str(value))
            return None
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.fail(where, "not_a_number", value)
            return None
        try:
            check_number_text(str(value))
        except CellError as error:
            self.fail(where, error.code, value, **error.params)
            return None
        try:
            number = parse_decimal(value, max_places=places, maximum=maximum)
        except NotExactError as error:
            bound = error.bound if error.code == "above_maximum" else maximum
            self.fail(where, error.code, value, places=places, minimum=0, maximum=bound)
            return None
        if positive and number <= 0:
            self.fail(where, "not_positive", value)
            return None
        return number

    def choice(
        self,
        data: dict[str, Any],
        key: str,
        path: str,
        kind: Callable[[str], E],
        *,
        required: bool = False,
    ) -> E | None:
        text = self.text(data, key, path, required=required)
        if not text:
            return None
        try:
            return kind(text)
        except ValueError:
            choices = ", ".join(str(c) for c in getattr(kind, "__members__", {}).values())
            self.fail(f"{path}{key}", "unknown_choice", text, choices=choices)
            return None

    def flag(self, data: dict[str, Any], key: str, path: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.fail(f"{path}{key}", "not_boolean", value)
            return False
        return value

    def unknown(self, data: dict[str, Any], known: set[str], path: str) -> None:
        for key in data:
            if key not in known:
                self.fail(f"{path}{key}", "unknown_field", key)


#: The document walker, for the readers of further fields (settlement_inputs).
JsonReader = _Reader


def decode(text: str | bytes) -> tuple[Any, list[Problem]]:
    """JSON text to Python values within kernel.json_input's limits (bytes, lines, depth,
    number length, no key twice); fractional numbers stay text (JsonFloat) so no float exists."""
    return decode_json(text)


def parse_estimate(text: str, *, today: dt.date) -> tuple[Estimate | None, list[Problem]]:
    """Parse an ``estimate/1`` document; every problem names its JSON path."""
    document, problems = decode(text)
    if problems:
        return None, problems
    return estimate_from_document(document, today=today)


def estimate_from_document(
    document: object, *, today: dt.date
) -> tuple[Estimate | None, list[Problem]]:
    """An Estimate from a decoded document (vehicle_class left for the caller to resolve)."""
    r = _Reader()
    doc = r.obj(document, "$")
    if not doc:
        return None, r.problems
    if doc.get("format") != FORMAT:
        r.fail("format", "wrong_format", doc.get("format"), expected=FORMAT)
        return None, r.problems
    r.unknown(doc, _TOP_FIELDS | _OUTPUT_TOP_FIELDS, "")
    priced_on_text = r.text(doc, "priced_on", "")
    priced_on = today
    if priced_on_text:
        try:
            priced_on = dt.date.fromisoformat(priced_on_text)
        except ValueError:
            r.fail("priced_on", "not_a_date", priced_on_text)
    region = r.text(doc, "region", "", required=True).upper()
    shop = r.obj(doc.get("shop", {}), "shop")
    r.unknown(shop, {"name", "class", "partner"}, "shop.")
    shop_class = r.choice(shop, "class", "shop.", ShopClass, required=True)
    vehicle = r.obj(doc.get("vehicle", {}), "vehicle")
    r.unknown(
        vehicle,
        {"vin", "model_code", "plate", "paint_type", "new_price", "registered_on", "use_class"},
        "vehicle.",
    )
    paint_type = r.choice(vehicle, "paint_type", "vehicle.", PaintType) or PaintType.SOLID
    price_type = r.choice(doc, "price_type", "", PriceType)
    fee = r.number(doc, "parts_management_fee_rate", "", places=RATE_PLACES, maximum=Decimal(1))
    salvage = r.number(doc, "salvage", "", places=MONEY_PLACES, maximum=r.limit("amount"))
    teardown = r.flag(doc, "needs_teardown", "")
    raw_lines = doc.get("lines", [])
    if not isinstance(raw_lines, list):
        r.fail("lines", "not_a_list", raw_lines)
        raw_lines = []
    if len(raw_lines) > MAX_LINES:
        r.fail("lines", "too_many_estimate_lines", figure=len(raw_lines), limit=MAX_LINES)
        return None, r.problems
    lines = [line for i, raw in enumerate(raw_lines) if (line := _line(r, raw, i)) is not None]
    if r.problems or shop_class is None:
        return None, r.problems
    estimate = Estimate(
        priced_on=priced_on,
        region=region,
        shop_class=shop_class,
        vehicle_class="",
        paint_type=paint_type,
        price_type=price_type or default_price_type(shop_class),
        lines=tuple(lines),
        parts_management_fee_rate=fee or Decimal(0),
        salvage=salvage,
        needs_teardown=teardown,
        claim_no=r.text(doc, "claim_no", ""),
        shop_name=r.text(shop, "name", "shop."),
        partner=r.flag(shop, "partner", "shop."),
        vin=r.text(vehicle, "vin", "vehicle."),
        model_code=r.text(vehicle, "model_code", "vehicle.").upper(),
        plate=r.text(vehicle, "plate", "vehicle."),
    )
    return estimate, []


def creation_events(
    document: object, zone: str = LOCAL_ZONE
) -> tuple[list[tuple[EventKind, dt.datetime]], list[Problem]]:
    """The ``events`` of a document (``{"report": "…", "dispatch": ["…", …]}``) as aware
    moments; a time without a zone is wall time in ``zone``. Problems name their JSON path."""
    r = _Reader()
    doc = document if isinstance(document, dict) else {}
    if "events" not in doc:
        return [], []
    data = r.obj(doc["events"], "events")
    r.unknown(data, {"report", "dispatch"}, "events.")
    found: list[tuple[EventKind, dt.datetime]] = []
    if "report" in data:
        at = _moment(r, data["report"], "events.report", zone)
        if at is not None:
            found.append((EventKind.REPORT, at))
    raw = data.get("dispatch", [])
    if isinstance(raw, str):  # one dispatch may be written without the brackets
        raw = [raw]
    if not isinstance(raw, list):
        r.fail("events.dispatch", "not_a_list", raw)
        raw = []
    for i, value in enumerate(raw):
        if (at := _moment(r, value, f"events.dispatch[{i}]", zone)) is not None:
            found.append((EventKind.DISPATCH, at))
    return ([], r.problems) if r.problems else (found, [])


def case_location(document: object) -> tuple[LocationClass, list[Problem]]:
    """The document's ``location`` (city | suburban; city when absent), which arrival limit
    the case's clock uses."""
    r = _Reader()
    doc = document if isinstance(document, dict) else {}
    found = r.choice(doc, "location", "", LocationClass)
    return found or LocationClass.CITY, r.problems


#: An item's state as a document gives it: (item, state, when; None: at the import).
ImportedDocument = tuple[str, DocumentState, dt.datetime | None]


def case_documents(
    document: object, zone: str = LOCAL_ZONE
) -> tuple[Procedure, list[ImportedDocument], list[Problem]]:
    """The document's ``procedure`` (simple | ordinary; ordinary when absent) and its
    ``documents`` (``{"id_card": "onsite", "bank_card": {"state": "later", "at": "…"}}``)."""
    r = _Reader()
    doc = document if isinstance(document, dict) else {}
    procedure = r.choice(doc, "procedure", "", Procedure) or Procedure.ORDINARY
    data = r.obj(doc.get("documents", {}), "documents")
    r.unknown(data, set(ITEM_WORDS), "documents.")
    found: list[ImportedDocument] = []
    for item in (i for i in ITEM_WORDS if i in data):
        path, value, at = f"documents.{item}", data[item], None
        entry = {"state": value} if isinstance(value, str) else r.obj(value, path)
        r.unknown(entry, {"state", "at"}, f"{path}.")
        if "at" in entry:
            at = _moment(r, entry["at"], f"{path}.at", zone)
        state = r.choice(entry, "state", f"{path}.", DocumentState, required=True)
        if state is not None:
            found.append((item, state, at))
    return procedure, found, r.problems


def _moment(r: _Reader, value: object, path: str, zone: str) -> dt.datetime | None:
    if not isinstance(value, str) or isinstance(value, JsonFloat):
        r.fail(path, "not_text", value)
        return None
    try:
        return from_local(dt.datetime.fromisoformat(value.strip()), zone)
    except ValueError:
        r.fail(path, "not_a_moment", value)
        return None


def _line(r: _Reader, raw: object, index: int) -> EstimateLine | None:
    path = f"lines[{index}]."
    data = r.obj(raw, f"lines[{index}]")
    if not data:
        return None
    kind = r.choice(data, "kind", path, LineKind, required=True)
    if kind is None:
        return None
    before = len(r.problems)
    r.unknown(data, _LINE_FIELDS[kind] | _OUTPUT_LINE_FIELDS, path)
    reason = r.text(data, "override_reason", path)
    description = r.text(data, "description", path)
    if kind is LineKind.PART:
        part_no = normalize_part_no(r.text(data, "part_no", path, required=True))
        line = EstimateLine(
            kind,
            part_no=part_no,
            qty=_quantity(r, data, path),
            price_type=r.choice(data, "price_type", path, PriceType),
            unit_price=r.number(
                data, "unit_price", path, places=UNIT_PRICE_PLACES, maximum=r.limit("unit_price")
            ),
            description=description,
            override_reason=reason,
        )
    elif kind is LineKind.LABOR:
        line = EstimateLine(
            kind,
            component_code=r.text(data, "component_code", path, required=True).upper(),
            operation=r.choice(data, "operation", path, Operation, required=True),
            hours=r.number(data, "hours", path, places=HOURS_PLACES, maximum=r.limit("hours")),
            rate=r.number(data, "rate", path, places=RATE_PLACES, maximum=r.limit("unit_price")),
            description=description,
            override_reason=reason,
        )
    elif kind is LineKind.PAINT:
        line = EstimateLine(
            kind,
            component_code=r.text(data, "component_code", path, required=True).upper(),
            panels=r.number(data, "panels", path, places=HOURS_PLACES, maximum=r.limit("hours")),
            price_per_panel=r.number(
                data, "price_per_panel", path, places=RATE_PLACES, maximum=r.limit("unit_price")
            ),
            description=description,
            override_reason=reason,
        )
    elif kind is LineKind.MATERIAL:
        line = EstimateLine(
            kind,
            description=description,
            qty=_quantity(r, data, path),
            unit_price=r.number(
                data,
                "unit_price",
                path,
                places=UNIT_PRICE_PLACES,
                required=True,
                maximum=r.limit("unit_price"),
            ),
        )
    else:
        line = EstimateLine(
            kind,
            description=description,
            amount=r.number(
                data, "amount", path, places=MONEY_PLACES, required=True, maximum=r.limit("amount")
            ),
        )
    return line if len(r.problems) == before else None


def document_of(estimate: Estimate, loss_object: ObjectRef | None = None) -> dict[str, Any]:
    """An estimate as an ``estimate/1`` input document (reading it back gives the same lines);
    with ``loss_object``, the ``object`` it estimates (settlement.md, Contract)."""
    e = estimate
    document: dict[str, Any] = {
        "format": FORMAT,
        "claim_no": e.claim_no,
        "priced_on": e.priced_on.isoformat(),
        "region": e.region,
        "shop": {"name": e.shop_name, "class": e.shop_class.value, "partner": e.partner},
        "vehicle": {
            "vin": e.vin,
            "model_code": e.model_code,
            "plate": e.plate,
            "paint_type": e.paint_type.value,
        },
        "price_type": e.price_type.value,
        "parts_management_fee_rate": str(e.parts_management_fee_rate),
        "salvage": None if e.salvage is None else str(e.salvage),
        "needs_teardown": e.needs_teardown,
        "lines": [line_document(line) for line in e.lines],
    }
    if e.salvage is None:
        del document["salvage"]
    if loss_object is not None:
        document["object"] = loss_object.to_json()
    return document


def line_document(line: EstimateLine) -> dict[str, Any]:
    """One line as its ``estimate/1`` object: only the fields it has, decimals as text."""
    values: dict[str, Any] = {"kind": line.kind.value}
    for name in ("part_no", "component_code", "description", "override_reason"):
        if getattr(line, name):
            values[name] = getattr(line, name)
    if line.operation is not None:
        values["operation"] = line.operation.value
    if line.price_type is not None:
        values["price_type"] = line.price_type.value
    for name in ("unit_price", "hours", "rate", "panels", "price_per_panel", "amount"):
        value = getattr(line, name)
        if value is not None:
            values[name] = format(value.normalize(), "f")
    if line.kind in (LineKind.PART, LineKind.MATERIAL):
        values["qty"] = format(line.qty.normalize(), "f")
    return values


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def _line_output(priced: PricedLine) -> dict[str, Any]:
    looked_up: dict[str, str] = {
        name: format_price(value) for name, value in priced.looked_up_values().items()
    }
    if priced.kind is LineKind.PART and priced.price_type is not None:
        looked_up["price_type"] = priced.price_type.value
    out: dict[str, Any] = {
        "name": priced.description,
        "looked_up": looked_up,
        "amount": _money(priced.amount),
        "notes": [n.text() for n in priced.notes],
        "sources": list(priced.sources),
    }
    if priced.included_by is not None:
        out["included_by"] = priced.included_by
    if priced.salvage_suggestion is not None:
        out["salvage_suggestion"] = _money(priced.salvage_suggestion)
    return out


def priced_document(document: dict[str, Any], priced: PricedEstimate) -> dict[str, Any]:
    """The input document with each line's looked-up values, amount and notes, and totals."""
    assert priced.totals is not None
    out = dict(document)
    out["lines"] = [
        {**raw, **_line_output(p)}
        for raw, p in zip(document.get("lines", []), priced.lines, strict=True)
    ]
    out["adjustments"] = [
        {
            "kind": a.kind.value,
            "name": a.description,
            "amount": _money(a.amount),
            "notes": [n.text() for n in a.notes],
            "sources": list(a.sources),
        }
        for a in priced.adjustments
    ]
    t = priced.totals
    out["totals"] = {
        "parts": _money(t.parts),
        "management_fee": _money(t.management_fee),
        "labor": _money(t.labor),
        "paint": _money(t.paint),
        "material": _money(t.material),
        "sublet": _money(t.sublet),
        "towing": _money(t.towing),
        "salvage": _money(t.salvage),
        "total": _money(t.total),
    }
    out["salvage_suggestion"] = _money(priced.salvage_suggestion)
    out["total_in_words"] = priced.total_in_words
    out["tier"] = priced.tier.value if priced.tier else None
    return out


def _quantity(r: _Reader, data: dict[str, Any], path: str) -> Decimal:
    """A line's quantity (1 when absent), within the configured bound."""
    qty = r.number(
        data, "qty", path, places=QUANTITY_PLACES, positive=True, maximum=r.limit("quantity")
    )
    return qty or Decimal(1)
