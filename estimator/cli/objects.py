"""``estimator case objects ID [--json]``: a case's loss objects (损失标的) with their ids and
newest versions and the case total; ``case object-edit`` and ``case object-remove`` change or
remove a third-party object by its id; ``estimate import FILE --case ID`` adds a document's
object to a case (estimate.py)."""

from __future__ import annotations

import argparse
import dataclasses
import json
from decimal import Decimal
from typing import Any

from estimator.cli.common import (
    OK,
    Rejected,
    actor_argument,
    command,
    open_engine,
    say,
    signed_in,
)
from estimator.cli.tables import pad
from estimator.domain.settlement_payout import ObjectKind
from estimator.domain.workflow import EstimateStatus, Role, status_words
from kernel.money import format_money
from kernel.problems import current_language, in_language, register_messages

register_messages(
    {
        "case.objects_command": (
            "列出案件的损失标的 (标的车、三者车、三者物损) 及各自最新版本",
            "list a case's loss objects (insured vehicle, third-party vehicles and property) "
            "with their newest versions",
        ),
        "case.objects_row": ("第 {version} 版  {status}", "version {version}  {status}"),
        "case.objects_no_version": ("尚无版本", "no version yet"),
        "case.objects_total": ("案件合计", "case total"),
        "case.objects_ids": (
            "标的编号 {object_id}  版本编号 {estimate_id}",
            "object {object_id}  version {estimate_id}",
        ),
        "case.objects_id": ("标的编号 {object_id}", "object {object_id}"),
        "case.object_edit_command": (
            "修改三者车 (车牌、VIN、车型、修理厂) 或三者物损 (所有人、物品说明)，"
            "限其最新版本为草稿或被退回时",
            "change a third-party vehicle (plate, VIN, model, shop) or property item (owner, "
            "description) while its newest version is a draft or returned",
        ),
        "case.object_remove_command": (
            "删除从未提交过的三者车或三者物损及其草稿",
            "remove a third-party vehicle or property item never submitted, with its drafts",
        ),
        "help.case.object_id": (
            "损失标的编号 (case objects 列出)",
            "the loss object's id (case objects lists it)",
        ),
        "help.case.object_plate": ("三者车的车牌号", "the third-party vehicle's plate"),
        "help.case.object_vin": ("三者车的 VIN", "the third-party vehicle's VIN"),
        "help.case.object_model": (
            "三者车的车型代码 (按配件目录重新定价)",
            "the third-party vehicle's model code (its open version priced again)",
        ),
        "help.case.object_shop": ("三者车的修理厂", "the third-party vehicle's shop"),
        "help.case.object_owner": ("三者物损的所有人", "the property item's owner"),
        "help.case.object_description": ("三者物损的物品说明", "what the property item is"),
        "case.object_no_change": (
            "请至少指定一项要修改的内容 (三者车：--plate、--vin、--model、--shop；"
            "三者物损：--owner、--description)",
            "name at least one thing to change (a vehicle: --plate, --vin, --model, --shop; "
            "property: --owner, --description)",
        ),
        "case.object_wrong_fields": (
            "{object} 没有 {options}：三者车修改 --plate、--vin、--model、--shop，"
            "三者物损修改 --owner、--description",
            "{object} has no {options}: a vehicle takes --plate, --vin, --model, --shop, "
            "property takes --owner, --description",
        ),
        "case.object_edited": ("已修改 {object}", "changed {object}"),
        "case.object_unchanged": ("{object} 没有变化", "{object} is unchanged"),
        "case.object_removed": ("已删除 {object}", "removed {object}"),
        "case.no_object": ("没有损失标的 {ident}", "no loss object {ident}"),
        "help.estimate.import_case": (
            "加入已有案件 (按文件的 object 新增损失标的或其新版本)",
            "join an existing case (the file's object: a new loss object or its next version)",
        ),
        "estimate.object_added_draft": (
            "已加入案件 {case_id}，草稿版本:",
            "added to case {case_id}; draft version:",
        ),
    }
)

TITLE_COLUMNS = 30


def add_command(case: Any) -> None:
    """``case objects ID [--json]``."""
    p = command(case, "objects", say("case.objects_command"), cmd_case_objects, "case objects")
    p.set_defaults(missing="case")
    p.add_argument("id", help=say("help.case.case_id"))
    p.add_argument("--json", action="store_true")
    p = command(
        case, "object-edit", say("case.object_edit_command"), cmd_object_edit, "case object-edit"
    )
    p.set_defaults(missing="case")
    p.add_argument("object_id", metavar="OBJECT_ID", help=say("help.case.object_id"))
    for option, field in _OPTIONS.items():
        p.add_argument(
            option,
            dest=field,
            metavar=option[2:].upper(),
            help=say(f"help.case.object_{option[2:]}"),
        )
    actor_argument(p)
    p = command(
        case,
        "object-remove",
        say("case.object_remove_command"),
        cmd_object_remove,
        "case object-remove",
    )
    p.set_defaults(missing="case")
    p.add_argument("object_id", metavar="OBJECT_ID", help=say("help.case.object_id"))
    actor_argument(p)


#: ``object-edit``'s options and the fields they set (services.loss_object_edits).
_OPTIONS = {
    "--plate": "plate",
    "--vin": "vin",
    "--model": "model_code",
    "--shop": "shop_name",
    "--owner": "owner",
    "--description": "description",
}
_PROPERTY_FIELDS = frozenset({"owner", "description"})


def cmd_object_edit(args: argparse.Namespace) -> int:
    """Change the given fields of a third-party object, as the signed-in assessor."""
    from estimator.services.loss_object_edits import ObjectDetails, update_third_party_object

    given = {f: getattr(args, f) for f in _OPTIONS.values() if getattr(args, f) is not None}
    if not given:
        raise Rejected(say("case.object_no_change"))
    engine = open_engine(args)
    user = signed_in(args, engine, {Role.ASSESSOR})
    found = _object(engine, args.object_id)
    kind = found.kind
    if kind is not ObjectKind.INSURED_VEHICLE:  # the insured vehicle: the service refuses it
        property_item = kind is ObjectKind.THIRD_PARTY_PROPERTY
        wrong = [
            option
            for option, f in _OPTIONS.items()
            if f in given and (f in _PROPERTY_FIELDS) != property_item
        ]
        if wrong:
            title = found.title(current_language())
            raise Rejected(say("case.object_wrong_fields", object=title, options=" ".join(wrong)))
    before = ObjectDetails.of(found)
    changed = update_third_party_object(
        engine, found.id, user, dataclasses.replace(before, **given)
    )
    title = changed.title(current_language())
    same = ObjectDetails.of(changed) == before
    print(say("case.object_unchanged" if same else "case.object_edited", object=title))
    return OK


def cmd_object_remove(args: argparse.Namespace) -> int:
    """Remove a third-party object never submitted, as the signed-in assessor."""
    from estimator.services.loss_object_edits import remove_third_party_object

    engine = open_engine(args)
    user = signed_in(args, engine, {Role.ASSESSOR})
    found = _object(engine, args.object_id)
    remove_third_party_object(engine, found.id, user)
    print(say("case.object_removed", object=found.title(current_language())))
    return OK


def _object(engine: Any, object_id: str) -> Any:
    """The loss object named on the line, or a refusal naming what was typed."""
    from estimator.services.estimate_store import NotFound
    from estimator.services.loss_object_edits import loss_object

    try:
        return loss_object(engine, object_id)
    except NotFound:
        raise Rejected(say("case.no_object", ident=object_id)) from None


def cmd_case_objects(args: argparse.Namespace) -> int:
    """Print the case's loss objects, each with its newest version, and the case total."""
    from estimator.services.loss_objects import case_objects, case_total_of

    engine = open_engine(args)
    objects = case_objects(engine, args.id)
    total = case_total_of(engine, args.id)
    language = current_language()
    if args.json:
        listed = [
            {
                "object_id": str(o.object.id),
                "kind": o.object.kind.value,
                "index": o.object.index,
                "title": o.object.title(language),
                "estimate_id": None if o.estimate_id is None else str(o.estimate_id),
                "version_no": o.version_no,
                "status": o.status,
                "total": None if o.total is None else format_money(o.total),
            }
            for o in objects
        ]
        print(json.dumps({"objects": listed, "total": format_money(total)}, ensure_ascii=False))
        return OK
    for o in objects:
        if o.estimate_id is None:
            state = say("case.objects_no_version")
        else:
            status = in_language(status_words(EstimateStatus(o.status)), language)
            state = say("case.objects_row", version=o.version_no, status=status)
        amount = _money(o.total)
        print(f"{pad(o.object.title(language), TITLE_COLUMNS)}{pad(state, 24)}{amount}")
        if o.estimate_id is not None:
            print("  " + say("case.objects_ids", object_id=o.object.id, estimate_id=o.estimate_id))
        else:
            print("  " + say("case.objects_id", object_id=o.object.id))
    print(f"{pad(say('case.objects_total'), TITLE_COLUMNS + 24)}{_money(total)}")
    return OK


def _money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"
