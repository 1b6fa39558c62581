"""The ``estimator`` command: the parser of every command group, the workstation without a
subcommand, and the one error handler that words refusals and sets the exit code (0/1/2).

Each command group lives in its own module beside its sub-parser (``catalog.py``,
``estimate.py``, …); what they share is in ``common.py``. Nothing of the database is imported
with this module: ``estimator`` without arguments paints the sign-in dialog first.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from estimator.cli import (
    argparse_words,
    audit,
    calendar,
    case,
    catalog,
    cert,
    db,
    depreciation,
    estimate,
    flood,
    flood_guide,
    invoice,
    labor,
    partner,
    pdf,
    report,
    review,
    settings,
    sync,
    template,
    user,
)
from estimator.cli.common import (
    OK,
    REJECTED,
    USAGE,
    Handler,
    Parser,
    Rejected,
    UsageError,
    cannot_write,
    db_help,
    say,
)
from estimator.domain.errors import DomainError
from kernel.problems import Worded, in_language, register_messages, render

register_messages(
    {
        "nul_in_argument": (
            "参数中含有 NUL 字符 (\\0)",
            "an argument holds a NUL character (\\0)",
        ),
        "cannot_use_file": (
            "无法使用文件 {file}: {detail}",
            "cannot use the file {file}: {detail}",
        ),
    }
)

__all__ = ["OK", "REJECTED", "USAGE", "build_parser", "main", "open_window"]

#: The command groups in the order ``estimator --help`` lists them.
GROUPS = (
    catalog,
    labor,
    template,
    estimate,
    review,
    pdf,
    flood,
    report,
    invoice,
    partner,
    audit,
    user,
    cert,
    db,
    case,
    settings,
    calendar,
    depreciation,
    flood_guide,
    sync,
)


def build_parser() -> argparse.ArgumentParser:
    """The whole command tree; every subcommand has --help."""
    argparse_words.install()  # before the parsers: their group titles are looked up now
    parser = Parser(
        prog="estimator",
        description=say("help.main.estimator_loss_assessment_motor"),
    )
    parser.add_argument("--db", help=db_help())
    parser.add_argument(
        "--demo",
        action="store_true",
        help=say("help.main.open_fresh_demo_database"),
    )
    parser.add_argument("--demo-path", help=say("help.main.where_create_demo_database"))
    parser.add_argument("--demo-user", metavar="NAME", help=say("help.main.demo_user"))
    sub = parser.add_subparsers(dest="command", parser_class=Parser)
    for module in GROUPS:
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``estimator`` console script."""
    _quiet_dependency_warnings()
    parser = build_parser()
    if any("\x00" in word for word in argv or ()):  # a process never gets one; a caller may
        parser.error(render("nul_in_argument"))
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except KeyboardInterrupt:
        return REJECTED
    except BrokenPipeError:
        # The reader went away (``… | head``): what it wanted was written. Python would
        # complain once more when flushing stdout at exit, so point it at nothing.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return OK
    except Exception as error:
        known = refusal(error, args)
        if known is None:
            raise
        message, code = known
        if message:
            print(f"estimator: {message}", file=sys.stderr)
        return code


def _quiet_dependency_warnings() -> None:
    """Silence the one warning a dependency gives every user: pyHanko (0.38, the newest)
    imports cryptography's DSA key class at import time, which cryptography deprecates. We
    sign with ECDSA and RSA only; the warning is theirs to fix, so only that category from
    pyHanko's modules is filtered (any other deprecation still shows)."""
    from cryptography.utils import CryptographyDeprecationWarning

    warnings.filterwarnings(
        "ignore", category=CryptographyDeprecationWarning, module=r"pyhanko(\.|$)"
    )


def _run(args: argparse.Namespace) -> int:
    """The command's handler, or the workstation when there is no command."""
    if args.command is not None:
        handler: Handler = args.handler
        return handler(args)
    if not has_display(os.environ):  # Qt would abort with a misleading xcb message
        raise Rejected(say("main.no_display"))
    if args.demo:
        return cmd_demo(args)

    # The sign-in dialog first; the database opens behind it, and a refusal (a network
    # share, another workstation on it) is said in a window too.
    from estimator.gui.app import open_workstation

    return open_workstation(args.db, screenshot=os.environ.get("ESTIMATOR_SCREENSHOT"))


def has_display(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Whether Qt can open a window: any system but Linux, a display, or a chosen Qt platform."""
    if not platform.startswith("linux"):
        return True
    names = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    return any(environ.get(name) for name in names)


def refusal(error: Exception, args: argparse.Namespace) -> tuple[str, int] | None:
    """The message and exit code of a known error (None: a defect, left to show itself).

    The one place where refusals become words: wrong usage (2); a rejected input, a
    refusal of the rules (``DomainError``), a database that cannot be opened or was lost, an
    estimate or case that does not exist, an output file that cannot be written (1).
    """
    from estimator.services.database import DatabaseError  # here: nothing of it at start-up

    if isinstance(error, UsageError):
        return f"{say('common.usage_error')}: {error}", USAGE
    if isinstance(error, Rejected):
        return str(error), REJECTED
    if isinstance(error, DomainError):
        return str(in_language(Worded(error.message_zh, error.message_en))), REJECTED
    if isinstance(error, DatabaseError):  # cannot open it, or the server lost mid-command
        # Some say it in both languages (a network share), others once (a driver's words).
        text = str(error)
        words = Worded(getattr(error, "message_zh", text), getattr(error, "message_en", text))
        return str(in_language(words)), REJECTED
    if isinstance(error, LookupError) and _is_not_found(error):
        return _not_found(error, args), REJECTED
    output = getattr(args, "output", None)
    if isinstance(error, OSError) and output is not None:
        return str(cannot_write(output, error)), REJECTED
    if isinstance(error, OSError) and error.filename is not None:  # a file named on the line
        detail = error.strerror or str(error)
        return render("cannot_use_file", {"file": error.filename, "detail": detail}), REJECTED
    return None


def _is_not_found(error: LookupError) -> bool:
    """Whether ``error`` is the services' "no such estimate or case"."""
    if "estimator.services.estimate_store" not in sys.modules:  # not loaded: it cannot be one
        return False
    from estimator.services.estimate_store import NotFound

    return isinstance(error, NotFound)


def _not_found(error: LookupError, args: argparse.Namespace) -> str:
    """ "No estimate X" (or "no case X" for the case commands), X as the user typed it."""
    ident = getattr(args, "id", None) or getattr(args, "estimate_id", None) or str(error)
    if getattr(args, "missing", "estimate") == "case":
        return say("main.no_case", ident=ident)
    return say("main.no_estimate", ident=ident)


def cmd_demo(args: argparse.Namespace) -> int:
    """Open the workstation on a fresh copy of the demo database."""
    from estimator.services.demo_cache import DEMO_USERS, launch_demo_database
    from estimator.services.demo_users import demo_passwords

    # The first launch of the day opens on today's cases; the history comes in behind.
    launch = launch_demo_database(Path(args.demo_path) if args.demo_path else None)
    path = launch.path
    print(say("main.demo_database_ready", path=path))
    print(say("main.command_line", path=path))
    from estimator.gui.app import authenticate_while_loading
    from estimator.services.database import open_engine, sqlite_url

    engine = open_engine(sqlite_url(path))
    passwords = demo_passwords()
    name = args.demo_user or DEMO_USERS[0][0]
    if name not in passwords:
        raise UsageError(say("main.no_demo_user", name=name, names=", ".join(passwords)))
    user = authenticate_while_loading(engine, name, passwords[name])
    return open_window(engine, user, os.environ.get("ESTIMATOR_SCREENSHOT"), launch.pending)


def open_window(engine: Any, user: Any, screenshot: str | None = None, pending: Any = None) -> int:
    """Open the workstation window (Qt is imported only here), with the demo's ``pending``
    history replayed behind it."""
    from estimator.gui.app import run as run_gui

    return run_gui(engine, user, screenshot=screenshot, pending=pending)
