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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from kernel.problems import Problem, render

if TYPE_CHECKING:
    from estimator.services.imports import ImportResult

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
    """--as USER, required, signed in with the password in ESTIMATOR_PASSWORD."""
    parser.add_argument(
        "--as",
        dest="as_user",
        required=True,
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


def signed_in(args: argparse.Namespace, engine: Any) -> Any:
    """The user named by --as, signed in with the password in ESTIMATOR_PASSWORD."""
    from estimator.services.users import authenticate

    if not args.as_user:
        raise UsageError(say("common.username_required"))
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        if not sys.stdin.isatty():
            raise UsageError(say("common.give_password_in", variable=PASSWORD_ENV))
        password = getpass.getpass(say("common.password"))
    return authenticate(engine, args.as_user, password)


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
    """A UTF-8 text file the command reads, or a refusal saying why it cannot."""
    try:
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
        print(
            say("common.import_rejected", rows_rejected=result.rows_rejected),
            file=sys.stderr,
        )
        return False
    return True


def report_rejected_file(result: ImportResult) -> None:
    """Say where the rows an import skipped were written, if it wrote them."""
    if result.rejected_file:
        print(say("common.rejected_rows_written", rejected_file=result.rejected_file))


def not_yet(args: argparse.Namespace) -> int:
    """Commands whose issue has not landed yet say so plainly."""
    print(
        say("common.not_yet_available", command_name=args.command_name),
        file=sys.stderr,
    )
    return REJECTED
