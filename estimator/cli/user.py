"""``estimator user``: user accounts (the first without signing in, then by an admin) and
clearing a name's sign-in back-off."""

from __future__ import annotations

import argparse
import os
from typing import Any

from estimator.cli.common import (
    OK,
    Rejected,
    UsageError,
    actor_argument,
    command,
    group,
    open_engine,
    say,
    signed_in,
)
from estimator.domain.workflow import Role
from kernel.problems import register_messages, render

NEW_PASSWORD_ENV = "ESTIMATOR_NEW_PASSWORD"

register_messages(
    {
        "cli_first_user_admin": (
            "第一个用户须为管理员 (--role admin)：之后由其添加其他用户",
            "the first user must be the administrator (--role admin), who then adds the others",
        )
    }
)


def add_parser(sub: Any) -> None:
    """``user add USERNAME --role ROLE … [--name NAME] [--as ADMIN]``, ``user unlock``."""
    user = group(sub, "user", say("user.users"))
    p = command(
        user,
        "add",
        say("user.add_user_password_estimator"),
        cmd_user_add,
        "user add",
    )
    p.add_argument("username")
    p.add_argument(
        "--role",
        action="append",
        required=True,
        choices=["assessor", "reviewer", "maintainer", "admin"],
    )
    p.add_argument("--name")
    p.add_argument(
        "--as",
        dest="as_user",
        help=say("help.user.administrator_not_first_user"),
    )
    p = command(
        user,
        "unlock",
        say("user.clear_wrong_passwords"),
        cmd_user_unlock,
        "user unlock",
    )
    p.add_argument("username")
    actor_argument(p)


def cmd_user_add(args: argparse.Namespace) -> int:
    """Add a user with the password in ESTIMATOR_NEW_PASSWORD."""
    from estimator.services.users import create_user, has_users

    engine = open_engine(args)
    if has_users(engine):
        actor = signed_in(args, engine, {Role.ADMIN}).username
    elif Role.ADMIN.value not in args.role:
        raise Rejected(render("cli_first_user_admin"))
    else:
        actor = "first-run"  # the very first user is created without signing in
    password = os.environ.get(NEW_PASSWORD_ENV)
    if password is None:
        raise UsageError(say("user.give_new_password_in", variable=NEW_PASSWORD_ENV))
    roles = {Role(r) for r in args.role}
    user = create_user(
        engine, args.username, password, roles, display_name=args.name or "", actor=actor
    )
    print(say("user.user_created", username=user.username))
    return OK


def cmd_user_unlock(args: argparse.Namespace) -> int:
    """Clear a user's sign-in back-off (an administrator; audited)."""
    from estimator.services.users import unlock

    engine = open_engine(args)
    admin = signed_in(args, engine, {Role.ADMIN})
    failures = unlock(engine, args.username, admin)
    print(say("user.cleared_wrong_passwords", username=args.username, failures=failures))
    return OK
