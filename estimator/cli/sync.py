"""``estimator sync``: offline work (sync.md). On a laptop (``--db``, its own database),
``sync checkout --server URL --as USER`` takes the user's cases from the team database,
``sync checkin --server URL --as USER`` gives them back with the work done offline, and
``sync status`` says what is pending. On the team server, ``sync checkouts`` lists the cases
checked out to laptops and ``sync release CASE --as MANAGER`` releases one. Each command is one
``(name, add_arguments, handler)`` entry of ``COMMANDS``."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from estimator.cli.common import (
    OK,
    REJECTED,
    actor_argument,
    cannot_write,
    command,
    group,
    open_engine,
    passphrase_from_env,
    read_input,
    say,
    signed_in,
)
from estimator.domain.sync_words import DERIVED, where_words
from estimator.domain.workflow import Role
from kernel.clock import to_local
from kernel.problems import current_language, register_messages

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
        "sync.checkout_command": (
            "把本人的案件从团队服务器检出到本机 (离线定损)",
            "check your cases out of the team server into this laptop (offline work)",
        ),
        "sync.checkin_command": (
            "把本机的离线工作检入团队服务器",
            "check this laptop's offline work in to the team server",
        ),
        "sync.status_command": (
            "本机的离线状态：案件、待检入的修改",
            "this laptop's offline state: cases, changes to check in",
        ),
        "help.sync.server": (
            "团队数据库的 URL (postgresql+psycopg://…)",
            "the team database's URL (postgresql+psycopg://…)",
        ),
        "help.sync.case_out": ("只检出这个案件 (可重复)", "check out only this case (repeatable)"),
        "help.sync.reapply": (
            "冲突的案件：以本机的修改为准重新应用 (可重复)",
            "a conflicting case: re-apply this laptop's changes (repeatable)",
        ),
        "help.sync.discard": (
            "冲突的案件：放弃本机的修改，取服务器的 (可重复)",
            "a conflicting case: discard this laptop's changes, take the server's (repeatable)",
        ),
        "sync.checked_out": (
            "已检出到本机 ({device})：{count} 个案件",
            "checked out to this laptop ({device}): {count} case(s)",
        ),
        "sync.case_line": ("  {claim_no}\t{outcome}", "  {claim_no}\t{outcome}"),
        "sync.case_reason": (
            "  {claim_no}\t{outcome}：{reason}",
            "  {claim_no}\t{outcome}: {reason}",
        ),
        "sync.outcome.checked_out": ("已检出", "checked out"),
        "sync.outcome.kept": ("未检出", "not checked out"),
        "sync.outcome.refused": ("被拒绝", "refused"),
        "sync.outcome.accepted": ("已检入", "checked in"),
        "sync.outcome.discarded": ("已放弃本机修改", "this laptop's changes discarded"),
        "sync.outcome.conflict": ("冲突", "conflict"),
        "sync.checked_in": (
            "检入：{accepted} 个案件已检入，{conflicts} 个冲突；审计记录 {entries} 条，照片 {photos} 张{resumed}",
            "check-in: {accepted} case(s) checked in, {conflicts} in conflict; {entries} audit "
            "entries, {photos} photos{resumed}",
        ),
        "sync.resumed": ("（续完上次中断的检入）", " (finished an interrupted check-in)"),
        "sync.clash": (
            "    {where}：原为 {base}，本机 {mine}，服务器 {theirs}",
            "    {where}: was {base}, here {mine}, on the server {theirs}",
        ),
        "sync.clash_hint": (
            "冲突的案件仍在本机检出中；看过两边后用 --reapply 案件 (以本机为准) 或 --discard 案件 (取服务器的) 再检入",
            "the conflicting cases stay checked out here; after looking at both sides, check in "
            "again with --reapply CASE (this laptop's) or --discard CASE (the server's)",
        ),
        "sync.status_head": (
            "本机 {device}，用户 {user}；待检入 {pending} 个案件，审计记录 {entries} 条{batch}",
            "laptop {device}, user {user}; {pending} case(s) and {entries} audit entries to "
            "check in{batch}",
        ),
        "sync.status_batch": (
            "；有一次检入未完成，再运行 sync checkin 续完",
            "; a check-in is unfinished: run sync checkin again",
        ),
        "sync.state.checked_out": ("检出中", "checked out"),
        "sync.state.read_only": ("已检入 (只读)", "checked in (read-only)"),
        "sync.state.new": ("本机新建", "made here"),
        "sync.state.changed": ("有修改", "changed"),
        "sync.export_command": (
            "把本机的检入写成同步包 (.estsync，用本人证书签名)，用 U 盘或邮件带回",
            "write this laptop's check-in as a sync bundle (.estsync, signed with your key)",
        ),
        "sync.import_command": (
            "导入同步包：服务器上导入笔记本的检入 (写出回执)，笔记本上导入回执 (完成检入)",
            "import a sync bundle: a laptop's check-in on the server (a receipt is written), "
            "the receipt on the laptop (the check-in is done)",
        ),
        "help.sync.sign_with": ("本人的签名证书 (PKCS#12)", "your signing certificate (PKCS#12)"),
        "help.sync.receipt": (
            "回执写到这里 (默认：同步包旁的 …-receipt.estsync)",
            "where the receipt goes (default: beside the bundle, …-receipt.estsync)",
        ),
        "sync.exported": (
            "已写出同步包 {output}：{cases} 个案件，审计记录 {entries} 条，照片 {photos} 张；"
            "导入服务器并读回回执前，这些案件在本机只读",
            "wrote the sync bundle {output}: {cases} case(s), {entries} audit entries, {photos} "
            "photos; until it is imported and its receipt read back, they are read-only here",
        ),
        "sync.receipt_written": (
            "回执已写到 {output}：带回笔记本，用 sync import 导入以完成检入",
            "receipt written to {output}: take it back and import it on the laptop to finish",
        ),
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


def _server_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--server", required=True, metavar="URL", help=say("help.sync.server"))
    parser.add_argument("--json", action="store_true")
    actor_argument(parser)


def _checkout_arguments(parser: argparse.ArgumentParser) -> None:
    _server_arguments(parser)
    parser.add_argument(
        "--case", action="append", default=[], metavar="CASE", help=say("help.sync.case_out")
    )


def _checkin_arguments(parser: argparse.ArgumentParser) -> None:
    _server_arguments(parser)
    for name in ("reapply", "discard"):
        parser.add_argument(
            f"--{name}", action="append", default=[], metavar="CASE", help=say(f"help.sync.{name}")
        )


def _status_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true")


def _open_server(args: argparse.Namespace) -> Any:
    from estimator.services.database import open_engine as open_database

    return open_database(args.server)


def _outcome_lines(cases: Any) -> None:
    for case in cases:
        outcome = say(f"sync.outcome.{case.outcome}")
        reason = case.reason()
        if reason:
            print(say("sync.case_reason", claim_no=case.claim_no, outcome=outcome, reason=reason))
        else:
            print(say("sync.case_line", claim_no=case.claim_no, outcome=outcome))
        lang = current_language()
        shown = [c for c in case.clashes if c["column"] not in DERIVED] or list(case.clashes)
        for clash in shown:
            where = where_words(str(clash["table"]), clash["column"], lang)
            words = {k: "—" if clash[k] is None else clash[k] for k in ("base", "mine", "theirs")}
            print(say("sync.clash", where=where, **words))


def cmd_sync_checkout(args: argparse.Namespace) -> int:
    """Check the signed-in assessor's cases out of the server into this laptop."""
    from estimator.services.estimate_store import parse_id
    from estimator.services.sync import checkout

    server, laptop = _open_server(args), open_engine(args)
    user = signed_in(args, server, {Role.ASSESSOR})
    wanted = [parse_id(c) for c in args.case] if args.case else None
    done = checkout(server, laptop, user.username, wanted)
    if args.json:
        document = {"device": done.device.name, "cases": [c.__dict__ for c in done.cases]}
        print(json.dumps(document, ensure_ascii=False, indent=2, default=str))
        return OK
    taken = done.of("checked_out")
    print(say("sync.checked_out", device=done.device.name, count=len(taken)))
    _outcome_lines(done.cases)
    return OK


def cmd_sync_checkin(args: argparse.Namespace) -> int:
    """Check this laptop's work in; 1 when a case is in conflict or refused."""
    from estimator.services.sync_checkin import checkin

    server, laptop = _open_server(args), open_engine(args)
    user = signed_in(args, server, {Role.ASSESSOR})
    done = checkin(server, laptop, user.username, _choices(laptop, args))
    unsettled = done.of("conflict") + done.of("refused")
    if args.json:
        print(json.dumps(done.as_json(), ensure_ascii=False, indent=2, default=str))
        return REJECTED if unsettled else OK
    _print_checkin(done)
    return REJECTED if unsettled else OK


def _print_checkin(done: Any) -> None:
    resumed = say("sync.resumed") if done.resumed else ""
    accepted = len(done.of("accepted")) + len(done.of("discarded"))
    print(
        say(
            "sync.checked_in",
            accepted=accepted,
            conflicts=len(done.of("conflict")),
            entries=done.entries,
            photos=done.photos,
            resumed=resumed,
        )
    )
    _outcome_lines(done.cases)
    if done.of("conflict"):
        print(say("sync.clash_hint"))


def cmd_sync_status(args: argparse.Namespace) -> int:
    """This laptop's cases and what is pending."""
    from estimator.services.sync import status

    found = status(open_engine(args))
    if args.json:
        print(json.dumps(found.as_json(), ensure_ascii=False, indent=2))
        return OK
    batch = say("sync.status_batch") if found.pending_batch else ""
    print(
        say(
            "sync.status_head",
            device=found.device.name,
            user=found.user or "—",
            pending=found.pending,
            entries=found.unsent_entries,
            batch=batch,
        )
    )
    for case in found.cases:
        state = "new" if case.new else "checked_out" if case.checked_out else "read_only"
        words = say(f"sync.state.{state}")
        if case.changed and not case.new:
            words += "，" + say("sync.state.changed")
        print(f"  {case.claim_no}\t{words}\t{case.case_id}")
    return OK


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", required=True, metavar="FILE.estsync")
    parser.add_argument(
        "--sign-with", required=True, metavar="P12", help=say("help.sync.sign_with")
    )
    parser.add_argument("--passphrase-env")
    for name in ("reapply", "discard"):
        parser.add_argument(
            f"--{name}", action="append", default=[], metavar="CASE", help=say(f"help.sync.{name}")
        )
    actor_argument(parser)


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("bundle", metavar="FILE.estsync")
    parser.add_argument("-o", "--output", metavar="RECEIPT", help=say("help.sync.receipt"))
    parser.add_argument("--json", action="store_true")
    actor_argument(parser)


def _choices(laptop: Any, args: argparse.Namespace) -> dict[Any, Any]:
    """The cases named by --reapply and --discard, with the choice for each."""
    from estimator.services.sync import find_case

    choices = {find_case(laptop, c): "reapply" for c in args.reapply}
    choices.update({find_case(laptop, c): "discard" for c in args.discard})
    return choices


def cmd_sync_export(args: argparse.Namespace) -> int:
    """Write the check-in as a signed bundle."""
    from estimator.services.sync_bundle import export_bundle

    laptop = open_engine(args)
    user = signed_in(args, laptop, {Role.ASSESSOR})
    p12 = read_input(args.sign_with)
    passphrase = passphrase_from_env(args.passphrase_env).encode()
    exported = export_bundle(laptop, user.username, p12, passphrase, _choices(laptop, args))
    write_output(args.output, exported.data)
    counts = {"cases": exported.cases, "entries": exported.entries, "photos": exported.photos}
    print(say("sync.exported", output=args.output, **counts))
    return OK


def cmd_sync_import(args: argparse.Namespace) -> int:
    """Import a laptop's bundle (on the server) or a receipt (on the laptop)."""
    from estimator.services.sync_bundle import RECEIPT, import_bundle, open_bundle, read_receipt

    engine = open_engine(args)
    bundle = open_bundle(read_input(args.bundle))  # read and checked once
    user = signed_in(args, engine)
    if bundle.kind == RECEIPT:
        done = read_receipt(engine, bundle, user.username)
    else:
        done, receipt = import_bundle(engine, bundle, user)
        output = args.output or str(Path(args.bundle).with_suffix("")) + "-receipt.estsync"
        write_output(output, receipt)
        if not args.json:
            print(say("sync.receipt_written", output=output))
    if args.json:
        print(json.dumps(done.as_json(), ensure_ascii=False, indent=2, default=str))
        return OK
    _print_checkin(done)
    return OK


def write_output(path: str, data: bytes) -> None:
    """Write a file the command makes, or say why it cannot."""
    try:
        Path(path).write_bytes(data)
    except OSError as error:
        raise cannot_write(path, error) from None


#: The group's commands: name, help's message code, its arguments, its handler.
COMMANDS: tuple[
    tuple[str, str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]],
    ...,
] = (
    ("checkout", "sync.checkout_command", _checkout_arguments, cmd_sync_checkout),
    ("checkin", "sync.checkin_command", _checkin_arguments, cmd_sync_checkin),
    ("status", "sync.status_command", _status_arguments, cmd_sync_status),
    ("export", "sync.export_command", _export_arguments, cmd_sync_export),
    ("import", "sync.import_command", _import_arguments, cmd_sync_import),
    ("release", "sync.release_command", _release_arguments, cmd_sync_release),
    ("checkouts", "sync.checkouts_command", _checkouts_arguments, cmd_sync_checkouts),
)


def add_parser(sub: Any) -> None:
    """``sync checkout|checkin|status`` (a laptop), ``sync release|checkouts`` (the server)."""
    sync = group(sub, "sync", say("sync.group"))
    for name, words, arguments, handler in COMMANDS:
        arguments(command(sync, name, say(words), handler, f"sync {name}"))
