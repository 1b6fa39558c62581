"""``estimator sync``: offline work (sync.md). On the team server, ``sync checkouts`` lists the
cases checked out to laptops and ``sync release CASE --as MANAGER`` releases one. Each command
is one ``(name, add_arguments, handler)`` entry of ``COMMANDS``: a further command (checkout,
check-in, status) is one more entry."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from estimator.cli.common import OK, actor_argument, command, group, open_engine, say, signed_in
from kernel.clock import to_local
from kernel.problems import register_messages

register_messages(
    {
        "sync.group": (
            "离线定损与同步 (检出、检入)",
            "offline work and sync (check-out, check-in)",
        ),
        "sync.release_command": (
            "释放案件的检出 (理赔经理或管理员；审计)",
            "release a case's check-out (a manager or administrator; audited)",
        ),
        "sync.checkouts_command": (
            "列出已检出到笔记本的案件",
            "list the cases checked out to laptops",
        ),
        "help.sync.case": ("案件编号或报案号", "case id or claim number"),
        "sync.released": (
            "已释放案件 {claim_no} 的检出 (设备 {device}，{user}，{since} 起)；服务器上可再编辑",
            "released the check-out of case {claim_no} (device {device}, {user}, since {since}); "
            "it is editable on the server again",
        ),
        "sync.no_checkouts": ("没有已检出的案件", "no case is checked out"),
    }
)


def _release_arguments(parser: argparse.ArgumentParser) -> None:
    parser.set_defaults(missing="case")  # an unknown CASE is a missing case (``main`` says so)
    parser.add_argument("id", metavar="CASE", help=say("help.sync.case"))
    actor_argument(parser)


def _checkouts_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true")


def cmd_sync_release(args: argparse.Namespace) -> int:
    """Release a case's check-out as the signed-in manager or administrator."""
    from estimator.services.sync_release import RELEASERS, release_checkout

    engine = open_engine(args)
    user = signed_in(args, engine, RELEASERS)
    released = release_checkout(engine, args.id, user)
    since = f"{to_local(released.checked_out_at):%Y-%m-%d %H:%M}"
    device = released.device_name or released.device_id
    print(
        say(
            "sync.released",
            claim_no=released.claim_no,
            device=device,
            user=released.username,
            since=since,
        )
    )
    return OK


def cmd_sync_checkouts(args: argparse.Namespace) -> int:
    """Print the cases checked out, one a line (claim, device, user, since, case id)."""
    from estimator.services.sync_release import checkouts

    found = checkouts(open_engine(args))
    if args.json:
        document = {
            "checkouts": [
                {
                    "case_id": str(c.case_id),
                    "claim_no": c.claim_no,
                    "device_id": c.device_id,
                    "device_name": c.device_name,
                    "username": c.username,
                    "checked_out_at": c.checked_out_at.isoformat(),
                }
                for c in found
            ]
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return OK
    if not found:
        print(say("sync.no_checkouts"))
    for c in found:
        since = f"{to_local(c.checked_out_at):%Y-%m-%d %H:%M}"
        device = c.device_name or c.device_id
        print("\t".join([c.claim_no, device, c.username, since, str(c.case_id)]))
    return OK


#: The group's commands: name, help's message code, its arguments, its handler.
COMMANDS: tuple[
    tuple[str, str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]],
    ...,
] = (
    ("release", "sync.release_command", _release_arguments, cmd_sync_release),
    ("checkouts", "sync.checkouts_command", _checkouts_arguments, cmd_sync_checkouts),
)


def add_parser(sub: Any) -> None:
    """``sync release CASE --as MANAGER`` and ``sync checkouts [--json]``."""
    sync = group(sub, "sync", say("sync.group"))
    for name, words, arguments, handler in COMMANDS:
        arguments(command(sync, name, say(words), handler, f"sync {name}"))
