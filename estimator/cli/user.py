"""``estimator user add``: user accounts (the first without signing in, then by an admin)."""

from __future__ import annotations

import argparse
import os
from typing import Any

from estimator.cli.common import (
    OK,
    Rejected,
    UsageError,
    command,
    group,
    open_engine,
    say,
    signed_in,
)
from estimator.domain.workflow import Role

NEW_PASSWORD_ENV = "ESTIMATOR_NEW_PASSWORD"


def add_parser(sub: Any) -> None:
    """``user add USERNAME --role ROLE … [--name NAME] [--as ADMIN]``."""
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


def cmd_user_add(args: argparse.Namespace) -> int:
    """Add a user with the password in ESTIMATOR_NEW_PASSWORD."""
    from estimator.services.users import create_user, has_users

    engine = open_engine(args)
    if has_users(engine):
        admin = signed_in(args, engine)
        if Role.ADMIN not in admin.roles:
            raise Rejected(say("user.only_administrator_may_add"))
        actor = admin.username
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
