"""Loss objects of a case (损失标的, settlement.md): the insured vehicle, third-party vehicles
and third-party property, each with its own estimate versions. Pure.

An object is named within its case by its kind and its index within that kind (0 first): the
insured vehicle is always (insured_vehicle, 0); the ``estimate/1`` document names the object
it estimates with ``"object": {"kind", "index"}`` (a property item may add ``owner`` and
``description``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from estimator.domain.settlement_payout import ObjectKind
from kernel.problems import Language, Problem, register_messages, render

LOSS_OBJECT_MESSAGES: dict[str, tuple[str, str]] = {
    "loss_object.title.insured_vehicle": ("标的车 {plate}", "insured vehicle {plate}"),
    "loss_object.title.third_party_vehicle": (
        "三者车{number} {plate}",
        "third-party vehicle {number} {plate}",
    ),
    "loss_object.title.third_party_property": (
        "三者物损{number} {owner}",
        "third-party property {number} {owner}",
    ),
    "loss_object.bad_index": (
        "序号应为 0 或更大的整数",
        "the index must be a whole number, 0 or more",
    ),
    "loss_object.insured_index": (
        "标的车只有一辆，序号应为 0",
        "there is one insured vehicle: its index must be 0",
    ),
    "loss_object.no_owner": (
        "三者物损需要填写所有人或物品说明",
        "third-party property needs its owner or a description",
    ),
    "loss_object.no_vehicle": (
        "三者车需要填写车牌号或 VIN",
        "a third-party vehicle needs its plate or VIN",
    ),
    "loss_object.not_assessor": (
        "只有定损员可以添加损失标的",
        "only an assessor may add a loss object",
    ),
    "loss_object.case_closed": (
        "案件已结案或已归档，不能再添加损失标的",
        "the case is closed or archived: no loss object can be added",
    ),
    "loss_object.insured_exists": (
        "案件已有标的车，不能再导入新的标的车；要导入新版本请先追加定损",
        "the case has its insured vehicle already; start a supplement to change its estimate",
    ),
    "loss_object.version_open": (
        "{object} 的第 {version} 版还未审核完成，不能导入新版本",
        "version {version} of {object} is still open: no new version can be imported",
    ),
    "loss_object.no_case": ("没有案件 {case}", "there is no case {case}"),
    "loss_object.insured_fixed": (
        "标的车的车辆信息在案件信息中修改，标的车不能删除",
        "the insured vehicle is the case's: change it in the case details; it is never removed",
    ),
    "loss_object.case_closed_change": (
        "案件已结案或已归档，损失标的不能再修改或删除",
        "the case is closed or archived: its loss objects can no longer change",
    ),
    "loss_object.not_open": (
        "{object} 的第 {version} 版已提交或已核定，不能再修改标的信息",
        "version {version} of {object} is submitted or decided: the object can no longer change",
    ),
    "loss_object.submitted_once": (
        "{object} 已提交过估损单，不能删除",
        "{object} has been submitted for review: it cannot be removed",
    ),
    "loss_object.not_priced": ("无法添加: {problem}", "cannot be added: {problem}"),
    "loss_object.new_case_insured": (
        "新案件从标的车开始；三者车或三者物损请用 --case 加入已有案件",
        "a new case starts with its insured vehicle; add a third-party object to an existing "
        "case with --case",
    ),
    "loss_object.not_property_line": (
        "三者物损只能录入材料、外修或施救项目 (数量、单价、金额)",
        "third-party property takes material, sublet or towing lines only "
        "(quantity, unit price, amount)",
    ),
}
register_messages(LOSS_OBJECT_MESSAGES)

#: The kinds of line a property item is estimated with: free lines with a quantity, a unit
#: price and an amount (material), or an amount alone (sublet work, rescue). Parts, labor
#: and paint look up a vehicle's catalog and standards, which property has none of.
PROPERTY_LINE_KINDS = frozenset({"material", "sublet", "towing"})


@dataclass(frozen=True)
class ObjectRef:
    """Which object of its case a document or version is about."""

    kind: ObjectKind = ObjectKind.INSURED_VEHICLE
    index: int = 0
    #: A property item's owner and what it is (from the document; blank for vehicles).
    owner: str = ""
    description: str = ""

    def to_json(self) -> dict[str, object]:
        """The ``object`` member of an ``estimate/1`` document."""
        found: dict[str, object] = {"kind": self.kind.value, "index": self.index}
        if self.kind is ObjectKind.THIRD_PARTY_PROPERTY:
            found.update(owner=self.owner, description=self.description)
        return found


INSURED = ObjectRef()


@dataclass(frozen=True)
class LossObject:
    """A loss object as stored: its kind and index in the case, and what names it."""

    id: uuid.UUID
    case_id: uuid.UUID
    kind: ObjectKind
    index: int
    plate: str = ""
    vin: str = ""
    model_code: str = ""
    shop_name: str = ""
    owner: str = ""
    description: str = ""

    @property
    def ref(self) -> ObjectRef:
        """The object's kind and index (and a property item's owner and description)."""
        return ObjectRef(self.kind, self.index, self.owner, self.description)

    def title(self, language: Language) -> str:
        """How screens and sheets name the object: 标的车 浙A12345, 三者车1 浙B54321,
        三者物损1 高速公路管理处 (numbers from 1, as people count)."""
        return object_title(self.ref, language, plate=self.plate)


def object_title(ref: ObjectRef, language: Language, *, plate: str = "") -> str:
    """The title of object ``ref`` (a vehicle's ``plate`` given by its caller)."""
    owner = ref.owner or ref.description
    text = render(
        f"loss_object.title.{ref.kind.value}",
        {"plate": plate, "number": ref.index + 1, "owner": owner},
        language,
    )
    return text.strip()


@dataclass(frozen=True)
class ObjectSummary:
    """A loss object with its newest version: what a case's list of objects shows."""

    object: LossObject
    estimate_id: uuid.UUID | None
    version_no: int
    status: str
    total: Decimal | None


def case_total(objects: list[ObjectSummary]) -> Decimal:
    """The case total: the sum of every object's newest total (an object without a priced
    version counts nothing)."""
    return sum((o.total for o in objects if o.total is not None), Decimal("0.00"))


def object_from_document(document: object) -> tuple[ObjectRef, list[Problem]]:
    """The ``object`` a document names (the insured vehicle when it names none); problems
    name their JSON path."""
    doc: dict[str, Any] = document if isinstance(document, dict) else {}
    if "object" not in doc:
        return INSURED, []
    data = doc["object"]
    if not isinstance(data, dict):
        return INSURED, [Problem("not_an_object", path="object", value=data)]
    problems = [
        Problem("unknown_field", path=f"object.{name}", value=name)
        for name in data
        if name not in {"kind", "index", "owner", "description"}
    ]
    try:
        kind = ObjectKind(data.get("kind", ObjectKind.INSURED_VEHICLE.value))
    except ValueError:
        choices = ", ".join(k.value for k in ObjectKind)
        value = data.get("kind")
        wrong = Problem(
            "unknown_choice", path="object.kind", value=value, params={"choices": choices}
        )
        return INSURED, [*problems, wrong]
    index = data.get("index", 0)
    if isinstance(index, bool) or not isinstance(index, int) or index < 0:
        wrong = Problem("loss_object.bad_index", path="object.index", value=index)
        return INSURED, [*problems, wrong]
    if kind is ObjectKind.INSURED_VEHICLE and index != 0:
        problems.append(Problem("loss_object.insured_index", path="object.index", value=index))
    owner, description = (str(data.get(k, "") or "").strip() for k in ("owner", "description"))
    ref = ObjectRef(kind, index, owner, description)
    return ref, problems


def property_line_problems(kinds: list[str]) -> list[Problem]:
    """Lines a property item cannot hold (parts, labor, paint), by JSON path."""
    return [
        Problem("loss_object.not_property_line", path=f"lines[{i}].kind", value=kind)
        for i, kind in enumerate(kinds)
        if kind not in PROPERTY_LINE_KINDS
    ]
