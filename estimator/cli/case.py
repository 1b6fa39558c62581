"""``estimator case``: a case's retention (archive a closed case, delete an expired one)."""

from __future__ import annotations

import argparse
from typing import Any

from estimator.cli.common import OK, actor_argument, command, group, open_engine, say, signed_in

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
