"""What every command group shares: exit codes, refusals, the parser's pieces, the database,
the signed-in actor, reading and writing files, printing problems.

Nothing of the services or the database is imported with this module (``estimator`` without
arguments opens the workstation, whose sign-in dialog paints before SQLAlchemy loads): they
are imported inside the functions that use them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO, TypeVar

from estimator.domain.workflow import ROLE_ZH, Role
from kernel.problems import Problem, Worded, register_messages, render

if TYPE_CHECKING:
    from estimator.services.imports import ImportResult
    from estimator.services.users import User

OK, REJECTED, USAGE = 0, 1, 2
PASSWORD_ENV = "ESTIMATOR_PASSWORD"
Handler = Callable[[argparse.Namespace], int]


def say(code: str, /, **params: object) -> str:
    """A command-line text worded by its code (estimator/cli/messages.py), in the user's
    language (ESTIMATOR_LANG / LANG, Chinese by default)."""
    return render(code, params)


class UsageError(Exception):
    """Wrong usage of a command (exit 2)."""


class Rejected(Exception):
    """Input rejected (exit 1); the message has been or will be printed."""


register_messages(
    {
        "cli_needs_actor": (
            "此命令会写入数据，须由有权限的用户执行：请用 --as 指定{roles}角色的用户 "
            "(密码取自 {env})",
            "this command writes: name who does it with --as, someone with the {roles} role "
            "(password from {env})",
        ),
        "cli_needs_user": (
            "此命令会写入数据，须由有权限的用户执行：请用 --as 指定操作人 (密码取自 {env})",
            "this command writes: name who does it with --as (password from {env})",
        ),
        "cli_no_users_yet": (
            "数据库中还没有用户：请先创建管理员 (estimator user add 用户名 --role admin，"
            "密码取自 ESTIMATOR_NEW_PASSWORD)，此前不写入任何数据",
            "the database has no users yet: create the administrator first (estimator user "
            "add NAME --role admin, password from ESTIMATOR_NEW_PASSWORD); nothing is written "
            "before that",
        ),
        "cli_password_missing": (
            "请在环境变量 {env} 中提供密码",
            "give the password in {env}",
        ),
    }
)


# --- the parser's pieces -----------------------------------------------------------------


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors exit 2 with a plain message."""

    def error(self, message: str) -> Any:  # exit 2 with a plain message, as argparse does
        self.print_usage(sys.stderr)
        self.exit(USAGE, f"{self.prog}: {say('common.usage_error')}: {message}\n")


def db_help() -> str:
    """The help of ``--db`` (before or after the subcommand)."""
    # Here, not with the module: importing this module loads nothing of the services.
    from estimator.services.database import DB_ENV

    return say("help.common.database_url", variable=DB_ENV)


def group(sub: Any, name: str, help_text: str) -> Any:
    """A command group (``estimator catalog …``) and the sub-parsers of its commands."""
    parser = sub.add_parser(name, help=help_text)
    return parser.add_subparsers(dest=f"{name}_command", required=True, parser_class=Parser)


def command(
    parent: Any,
    name: str,
    help_text: str,
    handler: Handler,
    full_name: str,
    *,
    database: bool = True,
) -> argparse.ArgumentParser:
    """One command, run by ``handler``; one that opens the database takes ``--db`` after its
    own words too (``estimator catalog search 保险杠 --db URL``), as well as before them."""
    p: argparse.ArgumentParser = parent.add_parser(name, help=help_text, description=help_text)
    p.set_defaults(handler=handler, command_name=full_name)
    if database:
        # SUPPRESS: given here it overrides the one before the subcommand; absent, it
        # leaves that one (or None) in place.
        p.add_argument("--db", default=argparse.SUPPRESS, help=db_help())
    return p


def actor_argument(parser: argparse.ArgumentParser) -> None:
    """--as USER, signed in with the password in ESTIMATOR_PASSWORD. Not required by the
    parser: ``signed_in`` refuses its absence in words (exit 1), naming the role needed."""
    parser.add_argument(
        "--as",
        dest="as_user",
        help=say("help.common.who_acts_password_estimator"),
    )


def period_arguments(parser: argparse.ArgumentParser) -> None:
    """--from and --to (dates), and -o for the report written."""
    parser.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
    parser.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD")
    parser.add_argument("-o", "--output", required=True)


def skip_invalid_argument(parser: argparse.ArgumentParser) -> None:
    """--skip-invalid of the workbook imports."""
    parser.add_argument(
        "--skip-invalid",
        action="store_true",
        help=say("help.common.import_valid_rows_write"),
    )


# --- the database and the actor ----------------------------------------------------------


def open_engine(args: argparse.Namespace) -> Any:
    """The database named by --db (or ESTIMATOR_DB, or the default), migrated."""
    from estimator.services.database import open_engine as open_database

    return open_database(args.db)


def signed_in(args: argparse.Namespace, engine: Any, roles: Collection[Role] = ()) -> User:
    """The user named by --as, signed in with the password in ESTIMATOR_PASSWORD, holding one
    of ``roles`` (any role when empty): the one sign-in of every command that writes.

    Refused (exit 1) before anything is written: a database without users (the first
    ``user add`` creates the administrator), no --as, a wrong password, the wrong role.
    """
    from estimator.services.users import authenticate, has_users, require_roles

    if not has_users(engine):
        raise Rejected(render("cli_no_users_yet"))
    if not args.as_user and not roles:
        raise Rejected(render("cli_needs_user", {"env": PASSWORD_ENV}))
    if not args.as_user:
        needed = [r for r in Role if r in roles]
        raise Rejected(
            render(
                "cli_needs_actor",
                {
                    "roles": Worded(
                        "或".join(ROLE_ZH[r] for r in needed), " or ".join(r.value for r in needed)
                    ),
                    "env": PASSWORD_ENV,
                },
            )
        )
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        if not sys.stdin.isatty():
            raise Rejected(render("cli_password_missing", {"env": PASSWORD_ENV}))
        password = getpass.getpass(say("common.password"))
    user = authenticate(engine, args.as_user, password)
    if roles:
        require_roles(user, roles)
    return user


def passphrase_from_env(variable: str | None) -> str:
    """The certificate passphrase from the environment variable ``--passphrase-env`` names."""
    passphrase = os.environ.get(variable or "", "")
    if not variable or not passphrase:
        raise UsageError(say("common.name_variable_holding_passphrase"))
    return passphrase


def date_range(args: argparse.Namespace) -> tuple[Any, Any]:
    """--from and --to as dates (a wrong date is wrong usage)."""
    try:
        return dt.date.fromisoformat(args.start), dt.date.fromisoformat(args.end)
    except ValueError as error:
        raise UsageError(str(error)) from None


# --- files -------------------------------------------------------------------------------


def read_text(path: str) -> str:
    """A UTF-8 text (JSON) file the command reads, or a refusal saying why it cannot; one
    over the JSON size limit is refused before it is read (kernel.json_input)."""
    from kernel.json_input import check_size  # the JSON limits: only the commands reading JSON

    try:
        if (too_large := check_size(Path(path).stat().st_size)) is not None:
            raise Rejected(too_large.describe())
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise Rejected(say("no_file:backup", path=path)) from None
    except UnicodeDecodeError:
        raise Rejected(say("common.not_utf_8_text", path=path)) from None
    except OSError as error:
        raise Rejected(say("common.cannot_read", path=path, error=error)) from None


def read_input(path: str) -> bytes:
    """A file the command reads (a key, a photo), or a refusal saying why it cannot."""
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise Rejected(say("common.cannot_read", path=path, error=error)) from None


def read_photo(path: str) -> bytes:
    """A photo the command reads: refused in words before it is read when the file is over
    the size limit, and before anything decodes it when its header declares too many pixels."""
    from kernel.image_guard import check_photo_bytes, check_photo_pixels  # only --photo needs it

    name = Path(path).name
    try:
        too_large = check_photo_bytes(Path(path).stat().st_size, name)
    except OSError:
        too_large = None  # read_input says why the file cannot be read
    if too_large is not None:
        raise Rejected(too_large.reason())
    data = read_input(path)
    if (refused := check_photo_pixels(data, name)) is not None:
        raise Rejected(refused.reason())
    return data


def cannot_write(output: str, error: OSError) -> Rejected:
    """The refusal of an output file that cannot be written."""
    return Rejected(say("common.cannot_write", output=output, error=error))


# --- printing ----------------------------------------------------------------------------


def print_problems(problems: Sequence[Problem], stream: TextIO, limit: int = 200) -> None:
    """Print problems one a line, errors before notes, at most ``limit``."""
    ordered = sorted(problems, key=lambda p: (p.severity != "error", p.sheet or "", p.row or 0))
    for problem in ordered[:limit]:
        mark = say("common.error") if problem.severity == "error" else say("common.note")
        print(f"{mark}: {problem.describe()}", file=stream)
    if len(ordered) > limit:
        print(
            say("common.more", count=len(ordered) - limit),
            file=stream,
        )


def report_import(result: ImportResult) -> bool:
    """Print an import's problems and outcome; False when it was refused or rejected."""
    print_problems(result.problems, sys.stderr)
    if result.status == "already_imported":
        print(say("common.already_imported", version_id=result.version_id))
        return True
    if result.status == "refused":
        return False
    if result.status == "rejected":
        if any(p.code == "nothing_to_import" for p in result.problems):
            pass  # said by the problem itself
        elif not result.rows_read:  # the file itself is wrong: no rows to count
            print(say("common.import_rejected_file"), file=sys.stderr)
        else:
            print(
                say("common.import_rejected", rows_rejected=result.rows_rejected),
                file=sys.stderr,
            )
        report_rejected_file(result)
        return False
    return True


def report_rejected_file(result: ImportResult) -> None:
    """Say where the rows an import skipped were written, if it wrote them."""
    if result.rejected_file:
        print(say("common.rejected_rows_written", rejected_file=result.rejected_file))


class WholeImport(Protocol):
    """What a whole-or-nothing import of a reference workbook gives (calendar, depreciation
    table, flood guide): stored, or every problem and nothing stored."""

    @property
    def stored(self) -> bool: ...

    @property
    def problems(self) -> list[Problem]: ...


Stored = TypeVar("Stored", bound=WholeImport)


def import_group(sub: Any, name: str, handler: Handler) -> None:
    """``NAME import FILE --as USER`` for a reference workbook imported whole; its words are
    the messages ``<name>.<name>``, ``<name>.import_command`` and ``<name>.file`` (``-`` in
    ``name`` read as ``_``)."""
    key = name.replace("-", "_")
    parent = group(sub, name, say(f"{key}.{key}"))
    p = command(parent, "import", say(f"{key}.import_command"), handler, f"{name} import")
    p.add_argument("file", help=say(f"{key}.file"))
    actor_argument(p)


def import_whole(
    args: argparse.Namespace,
    importers: Collection[Role],
    store: Callable[[Any, Path, User], Stored],
    refused: str,
) -> Stored | None:
    """Import ``args.file`` with ``store`` as the signed-in user (one of ``importers``): the
    result once stored; else None, after printing every problem and ``refused`` (a message
    taking their ``count``)."""
    engine = open_engine(args)
    user = signed_in(args, engine, importers)
    result = store(engine, Path(args.file), user)
    if not result.stored:
        print_problems(result.problems, sys.stderr)
        print(say(refused, count=len(result.problems)), file=sys.stderr)
        return None
    return result


def not_yet(args: argparse.Namespace) -> int:
    """Commands whose issue has not landed yet say so plainly."""
    print(
        say("common.not_yet_available", command_name=args.command_name),
        file=sys.stderr,
    )
    return REJECTED
