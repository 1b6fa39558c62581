"""``estimator case objects ID [--json]``: a case's loss objects (损失标的) with their newest
versions and the case total; ``estimate import FILE --case ID`` adds a document's object to a
case (estimate.py)."""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from typing import Any

from estimator.cli.common import OK, command, open_engine, say
from estimator.cli.tables import pad
from estimator.domain.workflow import EstimateStatus, status_words
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
            print(f"  {o.estimate_id}")
    print(f"{pad(say('case.objects_total'), TITLE_COLUMNS + 24)}{_money(total)}")
    return OK


def _money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"
