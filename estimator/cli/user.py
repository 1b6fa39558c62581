"""``estimator user add``: user accounts (the first without signing in, then by an admin)."""

from __future__ import annotations

import argparse
import os
from typing import Any

from estimator.cli.common import OK, Rejected, UsageError, command, group, open_engine, signed_in, t
from estimator.domain.workflow import Role

NEW_PASSWORD_ENV = "ESTIMATOR_NEW_PASSWORD"


def add_parser(sub: Any) -> None:
    """``user add USERNAME --role ROLE … [--name NAME] [--as ADMIN]``."""
    user = group(sub, "user", t("用户", "users"))
    p = command(
        user,
        "add",
        t(
            "添加用户 (密码取自 ESTIMATOR_NEW_PASSWORD)",
            "add a user (password from ESTIMATOR_NEW_PASSWORD)",
        ),
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
        help=t("管理员 (首个用户除外)", "an administrator (not for the first user)"),
    )


def cmd_user_add(args: argparse.Namespace) -> int:
    """Add a user with the password in ESTIMATOR_NEW_PASSWORD."""
    from estimator.services.users import create_user, has_users

    engine = open_engine(args)
    if has_users(engine):
        admin = signed_in(args, engine)
        if Role.ADMIN not in admin.roles:
            raise Rejected(t("只有管理员可以添加用户", "only an administrator may add users"))
        actor = admin.username
    else:
        actor = "first-run"  # the very first user is created without signing in
    password = os.environ.get(NEW_PASSWORD_ENV)
    if password is None:
        raise UsageError(
            t(
                f"请在环境变量 {NEW_PASSWORD_ENV} 中提供新用户的密码",
                f"give the new user's password in {NEW_PASSWORD_ENV}",
            )
        )
    roles = {Role(r) for r in args.role}
    user = create_user(
        engine, args.username, password, roles, display_name=args.name or "", actor=actor
    )
    print(t(f"已创建用户 {user.username}", f"user {user.username} created"))
    return OK
