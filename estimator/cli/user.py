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
from estimator.domain.workflow import GROUP_ZH, ROLE_ZH, Group, Role
from kernel.problems import Worded, register_messages, render

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
        choices=[r.value for r in Role],
    )
    p.add_argument("--name")
    p.add_argument("--group", choices=[g.value for g in Group], default=Group.ORDINARY.value)
    p.add_argument("--authority", default="0", help="yuan")
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
    p = command(user, "set", say("user.set_group_authority"), cmd_user_set, "user set")
    p.add_argument("username")
    p.add_argument("--group", choices=[g.value for g in Group])
    p.add_argument("--authority", help="yuan")
    actor_argument(p)
    p = command(user, "list", say("user.list_users"), cmd_user_list, "user list")
    actor_argument(p)


def cmd_user_add(args: argparse.Namespace) -> int:
    """Add a user with the password in ESTIMATOR_NEW_PASSWORD."""
    from estimator.services.users import authority_amount, create_user, has_users

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
        engine,
        args.username,
        password,
        roles,
        display_name=args.name or "",
        actor=actor,
        group=Group(args.group),
        authority=authority_amount(args.authority),
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


def cmd_user_set(args: argparse.Namespace) -> int:
    """Change a user's group or authority (an administrator; audited)."""
    from estimator.services.users import authority_amount, update_user

    if args.group is None and args.authority is None:
        raise UsageError(say("user.nothing_to_change"))
    engine = open_engine(args)
    admin = signed_in(args, engine, {Role.ADMIN})
    user = update_user(
        engine,
        args.username,
        admin,
        group=Group(args.group) if args.group else None,
        authority=authority_amount(args.authority) if args.authority is not None else None,
    )
    print(
        say(
            "user.user_changed",
            username=user.username,
            group=Worded(GROUP_ZH[user.group], user.group.value),
            authority=user.authority,
        )
    )
    return OK


def cmd_user_list(args: argparse.Namespace) -> int:
    """Every user: name, roles, group, authority (an administrator or a manager)."""
    from estimator.services.users import list_users

    engine = open_engine(args)
    signed_in(args, engine, {Role.ADMIN, Role.MANAGER})
    for user in list_users(engine):
        roles = "、".join(ROLE_ZH[r] for r in Role if r in user.roles)
        print(
            f"{user.username}\t{user.display_name}\t{roles}\t{GROUP_ZH[user.group]}\t{user.authority}"
        )
    return OK
