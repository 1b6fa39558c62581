"""``estimator case``: a case's retention (archive a closed case, delete an expired one), its
chases (催问), and its routing (``queue.py``: the large-case queue and the escalations)."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from estimator.cli.common import (
    OK,
    UsageError,
    actor_argument,
    command,
    group,
    open_engine,
    say,
    signed_in,
)
from estimator.cli.queue import add_commands
from kernel.clock import from_local

_ACTIONS = (("archive", "case.archive_command"), ("delete", "case.delete_command"))


def add_parser(sub: Any) -> None:
    """``case archive|delete ID --as USER``."""
    case = group(sub, "case", say("case.cases"))
    for action, words in _ACTIONS:
        p = command(case, action, say(words), cmd_case_act, f"case {action}")
        # A missing id is a missing case, not a missing estimate (``main`` words it).
        p.set_defaults(action=action, missing="case")
        p.add_argument("id", help=say("help.case.case_id"))
        actor_argument(p)
        if action == "archive":
            p.add_argument("--reason")
    p = command(case, "chase", say("case.chase_command"), cmd_case_chase, "case chase")
    p.set_defaults(missing="case")
    p.add_argument("id", help=say("help.case.case_id"))
    p.add_argument("--by", required=True, help=say("case.chase_by"))
    p.add_argument("--via", required=True, help=say("case.chase_via"))
    p.add_argument("--note", default="", help=say("case.chase_note"))
    p.add_argument("--at", help=say("help.estimate.when_iso_8601_default"))
    actor_argument(p)
    add_commands(case)  # the large-case queue and the escalations (queue.py)


def cmd_case_act(args: argparse.Namespace) -> int:
    """Archive or delete a case as the signed-in user."""
    from estimator.services.retention import archive_case, delete_case

    engine = open_engine(args)
    user = signed_in(args, engine)
    if args.action == "archive":
        archive_case(engine, args.id, user, args.reason or "")
    else:
        delete_case(engine, args.id, user)
    done = {"archive": say("case.archived"), "delete": say("case.deleted")}[args.action]
    print(say("case.case", id=args.id, done=done))
    return OK


def cmd_case_chase(args: argparse.Namespace) -> int:
    """Record a chase of a case as the signed-in user; print its count and penalty."""
    from estimator.services.chases import RECORDERS, record_chase

    engine = open_engine(args)
    user = signed_in(args, engine, RECORDERS)
    try:
        # A time typed without a zone is Shanghai time.
        at = from_local(dt.datetime.fromisoformat(args.at)) if args.at else None
    except ValueError as error:
        raise UsageError(str(error)) from None
    result = record_chase(engine, args.id, args.by, args.via, user, args.note, at)
    print(say("case.chased", id=args.id, count=result.count, penalty=f"{result.penalty:,.2f}"))
    return OK
