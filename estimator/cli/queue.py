"""``estimator case queue|take|assign|escalations``: the large-case queue (大案队列) and the
claims manager's escalations (升级督办), issue #19."""

from __future__ import annotations

import argparse
import json
from typing import Any

from estimator.cli.common import OK, actor_argument, command, open_engine, say, signed_in
from estimator.domain.workflow import Role
from kernel.clock import to_local
from kernel.problems import register_messages

register_messages(
    {
        "queue.queue_command": (
            "案件及其定损员；--large 只列大案队列中待接手的案件",
            "cases with their assessors; --large: only those waiting in the large-case queue",
        ),
        "queue.large_only": ("只列大案队列", "only the large-case queue"),
        "queue.take_command": (
            "从大案队列接手一个案件 (大案组定损员)",
            "take a case from the large-case queue (assessors of the large-case group)",
        ),
        "queue.assign_command": (
            "把案件指派给一位定损员 (理赔经理或管理员)",
            "assign a case to an assessor (claims managers or administrators)",
        ),
        "queue.assign_to": ("接手的定损员", "the assessor who gets the case"),
        "queue.escalations_command": (
            "升级督办：退回后逾期未重新提交的案件 (理赔经理或管理员)",
            "escalations: cases not resubmitted in time after a return "
            "(claims managers or administrators)",
        ),
        "queue.json": ("以 JSON 输出", "print JSON"),
        "queue.empty": ("没有案件", "no cases"),
        "queue.no_escalations": ("没有升级督办的案件", "no escalations"),
        "queue.waiting": ("待接手", "waiting"),
        "queue.large": ("大案", "large"),
        "queue.ordinary": ("普案", "ordinary"),
        "queue.taken": ("案件 {claim_no} 已由 {user} 接手", "case {claim_no} taken by {user}"),
        "queue.assigned": (
            "案件 {claim_no} 已指派给 {user}",
            "case {claim_no} assigned to {user}",
        ),
        "queue.escalation": (
            "{claim_no}\t定损员 {assessor}\t退回 {returned}\t应于 {due} 前重新提交\t"
            "已超时 {hours} 小时",
            "{claim_no}\tassessor {assessor}\treturned {returned}\tresubmission due {due}\t"
            "{hours} h overdue",
        ),
    }
)


def add_commands(case: Any) -> None:
    """``case queue [--large]``, ``case take ID``, ``case assign ID --to USER``,
    ``case escalations [--json]``, each ``--as USER``."""
    p = command(case, "queue", say("queue.queue_command"), cmd_queue, "case queue")
    p.add_argument("--large", action="store_true", help=say("queue.large_only"))
    actor_argument(p)
    p = command(case, "take", say("queue.take_command"), cmd_take, "case take")
    p.set_defaults(missing="case")
    p.add_argument("id", help=say("help.case.case_id"))
    actor_argument(p)
    p = command(case, "assign", say("queue.assign_command"), cmd_assign, "case assign")
    p.set_defaults(missing="case")
    p.add_argument("id", help=say("help.case.case_id"))
    p.add_argument("--to", required=True, dest="to_user", help=say("queue.assign_to"))
    actor_argument(p)
    p = command(
        case, "escalations", say("queue.escalations_command"), cmd_escalations, "case escalations"
    )
    p.add_argument("--json", action="store_true", help=say("queue.json"))
    actor_argument(p)


def _local(moment: Any) -> str:
    return to_local(moment).strftime("%Y-%m-%d %H:%M")


def cmd_queue(args: argparse.Namespace) -> int:
    """Print the open cases (or, with --large, the large-case queue): id, claim no., plate,
    total, large or ordinary, assessor, and whether it waits to be taken."""
    from estimator.services.routing import large_case_queue, open_cases

    engine = open_engine(args)
    signed_in(args, engine)
    entries = large_case_queue(engine) if args.large else open_cases(engine)
    if not entries:
        print(say("queue.empty"))
    for e in entries:
        total = "—" if e.total is None else f"{e.total:,.2f}"
        kind = say("queue.large") if e.large else say("queue.ordinary")
        waiting = say("queue.waiting") if e.waiting else ""
        print(f"{e.case_id}\t{e.claim_no}\t{e.plate}\t{total}\t{kind}\t{e.assessor}\t{waiting}")
    return OK


def cmd_take(args: argparse.Namespace) -> int:
    """Take a case from the large-case queue as the signed-in assessor."""
    from estimator.services.routing import case_claim_no, take_case

    engine = open_engine(args)
    user = signed_in(args, engine, {Role.ASSESSOR})
    taker = take_case(engine, args.id, user)
    print(say("queue.taken", claim_no=case_claim_no(engine, args.id), user=taker))
    return OK


def cmd_assign(args: argparse.Namespace) -> int:
    """Assign a case to an assessor as the signed-in manager or administrator."""
    from estimator.services.routing import MANAGERS, assign_case, case_claim_no

    engine = open_engine(args)
    user = signed_in(args, engine, MANAGERS)
    assessor = assign_case(engine, args.id, args.to_user, user)
    print(say("queue.assigned", claim_no=case_claim_no(engine, args.id), user=assessor))
    return OK


def cmd_escalations(args: argparse.Namespace) -> int:
    """Print the open escalations (most overdue first), or their JSON."""
    from estimator.services.routing import MANAGERS, escalations

    engine = open_engine(args)
    user = signed_in(args, engine, MANAGERS)
    found = escalations(engine, user)
    if args.json:
        document = [
            {
                "case_id": str(e.case_id),
                "claim_no": e.claim_no,
                "assessor": e.assessor,
                "returned_at": to_local(e.returned_at).isoformat(),
                "due": to_local(e.due).isoformat(),
                "hours_overdue": str(e.hours_overdue),
            }
            for e in found
        ]
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return OK
    if not found:
        print(say("queue.no_escalations"))
    for e in found:
        print(
            say(
                "queue.escalation",
                claim_no=e.claim_no,
                assessor=e.assessor,
                returned=_local(e.returned_at),
                due=_local(e.due),
                hours=e.hours_overdue,
            )
        )
    return OK
