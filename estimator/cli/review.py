"""``estimator review ID``: the core-loss review rules run on a stored estimate;
``estimator review sample [ID --ok|--fail --note … --as REVIEWER]``: the approvals within
authority drawn for a check (抽检), listed, and a reviewer's check of one."""

from __future__ import annotations

import argparse
import json
from typing import Any

from estimator.cli.common import (
    OK,
    UsageError,
    actor_argument,
    command,
    open_engine,
    say,
    signed_in,
)
from estimator.domain.workflow import Role
from kernel.problems import current_language, register_messages

register_messages(
    {
        "help.review.id": (
            "估损单编号；或 sample：列出待抽检的权限内核定，sample ID 记录抽检结果",
            "estimate id; or sample: list the approvals within authority drawn for a check,"
            " sample ID: record a check",
        ),
        "help.review.ok": ("抽检通过", "the sample check passed"),
        "help.review.fail": ("抽检不通过 (须 --note)", "the sample check failed (needs --note)"),
        "help.review.note": ("抽检说明", "the sample check's note"),
        "review.sample_needs_outcome": (
            "请用 --ok 或 --fail 给出抽检结果",
            "give the check's outcome with --ok or --fail",
        ),
        "review.no_samples": ("没有待抽检的估损单", "no approvals waiting for a sample check"),
        "review.sample_mark": ("抽检", "sample check"),
        "review.sample_recorded_ok": ("抽检已记录：通过", "sample check recorded: passed"),
        "review.sample_recorded_failed": (
            "抽检已记录：不通过；核定金额不变，计入指标",
            "sample check recorded: failed; the approved amount stands, counted in the indicators",
        ),
    }
)


def add_parser(sub: Any) -> None:
    """``review ID [--json]`` and ``review sample [ID --ok|--fail [--note] --as REVIEWER]``."""
    p = command(
        sub,
        "review",
        say("review.run_core_loss_review"),
        cmd_review,
        "review",
    )
    p.add_argument("id", metavar="ID", help=say("help.review.id"))
    p.add_argument("sample_id", metavar="SAMPLE_ID", nargs="?", help=argparse.SUPPRESS)
    p.add_argument("--json", action="store_true")
    outcome = p.add_mutually_exclusive_group()
    outcome.add_argument("--ok", action="store_true", help=say("help.review.ok"))
    outcome.add_argument("--fail", action="store_true", help=say("help.review.fail"))
    p.add_argument("--note", default="", help=say("help.review.note"))
    actor_argument(p)


def cmd_review(args: argparse.Namespace) -> int:
    """Print the review's findings (a missing estimate is said by ``main``), or list or
    record the sample checks."""
    if args.id == "sample":
        return _sample(args)
    from estimator.services.review import review_estimate

    findings = review_estimate(open_engine(args), args.id)
    language = current_language()
    if args.json:
        document = {
            "findings": [
                {
                    "rule": f.rule,
                    "severity": f.severity.value,
                    "line": f.line,
                    "message": f.message(language),
                }
                for f in findings
            ]
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return OK
    if not findings:
        print(say("review.no_findings"))
    for f in findings:
        line = "" if f.line is None else say("review.line", line=f.line + 1)
        print(f"{f.rule} [{f.severity.value}] {line}{f.message(language)}")
    return OK


def _sample(args: argparse.Namespace) -> int:
    """``review sample``: the sampled approvals waiting for a check, one a line (id, claim,
    plate, total, assessor, 抽检); with an ID, the reviewer's check of it."""
    from estimator.services import authority

    engine = open_engine(args)
    if args.sample_id is None:
        waiting = authority.sampled_cases(engine)
        if not waiting:
            print(say("review.no_samples"))
        mark = say("review.sample_mark")
        for c in waiting:
            total = "" if c.total is None else f"{c.total:,.2f}"
            print("\t".join([str(c.estimate_id), c.claim_no, c.plate, total, c.assessor, mark]))
        return OK
    if not (args.ok or args.fail):
        raise UsageError(say("review.sample_needs_outcome"))
    user = signed_in(args, engine, {Role.REVIEWER})
    authority.sample_check(engine, args.sample_id, user, ok=args.ok, note=args.note)
    print(say("review.sample_recorded_ok" if args.ok else "review.sample_recorded_failed"))
    return OK
