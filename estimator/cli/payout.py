"""``estimator estimate payout ID [--json]`` (settlement.md, Contract), added to the
``estimate`` group by ``estimate.py``: the payout estimate of a version's case, as JSON or as a
table of its steps in the user's language."""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from estimator.cli.common import OK, command, open_engine, say
from estimator.cli.tables import pad
from estimator.domain.settlement_messages import word
from kernel.problems import current_language, register_messages

if TYPE_CHECKING:
    from estimator.domain.settlement_payout import CasePayout, ObjectPayout

register_messages(
    {
        "estimate.payout_command": (
            "预估赔款：每个损失标的的计算步骤 (JSON 见 settlement.md)",
            "the payout estimate: each loss object's steps (the JSON of settlement.md)",
        ),
        "estimate.payout.title": ("预估赔款", "Payout estimate"),
        "estimate.payout.provisional": (
            "暂估：估损单尚未核损通过，金额以核损后为准",
            "provisional: the estimate is not approved yet; the approved amounts will decide",
        ),
        "estimate.payout.provisional_objects": (
            "暂估：{versions}尚未核损通过，金额以核损后为准",
            "provisional: {versions} not approved yet; the approved amounts will decide",
        ),
        "estimate.payout.final": ("按核损通过的金额计算", "from the approved amounts"),
        "estimate.payout.loss": ("损失金额", "loss"),
        "estimate.payout.actual_value": ("实际价值", "actual value"),
        "estimate.payout.unknown_value": (
            "未知 (缺新车购置价、初次登记日期、使用性质或出险日期)",
            "unknown (no new-vehicle price, first registration, use class or loss date)",
        ),
        "estimate.payout.assessment": ("推定全损判断", "total-loss test"),
        "estimate.payout.compulsory_paid": ("交强险赔付 (另计)", "compulsory cover (beside)"),
        "estimate.payout.liability_share": ("事故责任比例", "liability share"),
        "estimate.payout.commercial_paid": (
            "商业险赔付 (免赔前)",
            "commercial cover (before deductible)",
        ),
        "estimate.payout.deductible": ("绝对免赔额", "absolute deductible"),
        "estimate.payout.payable": ("预估赔款", "payable"),
        "estimate.payout.case_payable": ("本案预估赔款合计", "payable for the case"),
    }
)

#: The label column's width (in terminal columns: a Chinese character takes two).
LABEL_COLUMNS = 36
AMOUNT_COLUMNS = 14


def add_command(estimate: Any) -> None:
    """``estimate payout ID [--json]``."""
    p = command(
        estimate, "payout", say("estimate.payout_command"), cmd_estimate_payout, "estimate payout"
    )
    p.add_argument("id")
    p.add_argument("--json", action="store_true")


def cmd_estimate_payout(args: argparse.Namespace) -> int:
    """Print the payout estimate of the version's case."""
    from estimator.services.settlement import payout_for

    payout = payout_for(open_engine(args), args.id)
    if args.json:
        print(json.dumps(payout.to_json(), ensure_ascii=False, indent=2))
    else:
        print(payout_table(payout))
    return OK


def share_words(share: Decimal) -> str:
    """A liability share as a percentage (70%, 33.3%)."""
    percent = (share * 100).normalize()
    return f"{percent:f}%"


def _row(code: str, value: str) -> str:
    return f"  {pad(say(code), LABEL_COLUMNS)}{value}"


def _money(value: Decimal) -> str:
    return pad(f"{value:,.2f}", AMOUNT_COLUMNS, right=True)


def object_rows(obj: ObjectPayout) -> list[str]:
    """One object's steps, one a line."""
    language = current_language()
    value = (
        say("estimate.payout.unknown_value")
        if obj.actual_value is None
        else _money(obj.actual_value)
    )
    rows = [f"{word(f'settlement.object.{obj.kind.value}', language)}"]
    rows.append(_row("estimate.payout.actual_value", value))
    if obj.assessment is not None:
        rows.append(_row("estimate.payout.assessment", obj.assessment.message(language)))
    rows += [
        _row("estimate.payout.loss", _money(obj.loss)),
        _row("estimate.payout.compulsory_paid", _money(obj.compulsory_paid)),
        _row(
            "estimate.payout.liability_share",
            pad(share_words(obj.liability_share), AMOUNT_COLUMNS, right=True),
        ),
        _row("estimate.payout.commercial_paid", _money(obj.commercial_paid)),
        _row("estimate.payout.deductible", _money(obj.deductible)),
        _row("estimate.payout.payable", _money(obj.payable)),
    ]
    return rows


def payout_table(payout: CasePayout) -> str:
    """The payout as readable lines: the title, each object's steps, the case's total."""
    if payout.provisional and len(payout.objects) > 1:  # which objects' versions
        versions = payout.unapproved_versions(current_language())
        state = say("estimate.payout.provisional_objects", versions=versions)
    else:
        code = "estimate.payout.provisional" if payout.provisional else "estimate.payout.final"
        state = say(code)
    lines = [f"{say('estimate.payout.title')} ({state})"]
    for obj in payout.objects:
        lines += object_rows(obj)
    lines.append(
        f"{pad(say('estimate.payout.case_payable'), LABEL_COLUMNS + 2)}{_money(payout.payable)}"
    )
    return "\n".join(lines)
