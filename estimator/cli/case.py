"""``estimator case``: a case's retention (archive a closed case, delete an expired one)."""

from __future__ import annotations

import argparse
from typing import Any

from estimator.cli.common import OK, actor_argument, command, group, open_engine, signed_in, t

_ACTIONS = (
    ("archive", "归档已结案的案件", "archive a closed case"),
    (
        "delete",
        "删除保存期限已满的案件 (管理员)",
        "delete a case whose retention period is over (administrators)",
    ),
)


def add_parser(sub: Any) -> None:
    """``case archive|delete ID --as USER``."""
    case = group(sub, "case", t("案件", "cases"))
    for action, zh, en in _ACTIONS:
        p = command(case, action, t(zh, en), cmd_case_act, f"case {action}")
        # A missing id is a missing case, not a missing estimate (``main`` words it).
        p.set_defaults(action=action, missing="case")
        p.add_argument("id", help=t("案件编号", "case id"))
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
    done = {"archive": t("已归档", "archived"), "delete": t("已删除", "deleted")}[args.action]
    print(t(f"案件 {args.id} {done}", f"case {args.id} {done}"))
    return OK
