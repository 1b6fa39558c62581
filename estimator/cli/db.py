"""``estimator db``: the database itself (upgrade, back up, verify a file)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from estimator.cli.audit import print_bindings
from estimator.cli.common import (
    OK,
    REJECTED,
    actor_argument,
    command,
    group,
    open_engine,
    say,
    signed_in,
)
from estimator.domain.workflow import Role
from kernel.problems import Problem, render


def add_parser(sub: Any) -> None:
    """``db upgrade|backup|verify|copy``."""
    db = group(sub, "db", say("db.database"))
    command(
        db,
        "upgrade",
        say("db.migrate_database_newest_schema"),
        cmd_db_upgrade,
        "db upgrade",
    )
    p = command(
        db,
        "backup",
        say("db.back_up_sqlite_database"),
        cmd_db_backup,
        "db backup",
    )
    p.add_argument("-o", "--output", required=True)
    actor_argument(p)
    p = command(
        db,
        "verify",
        say("db.check_database_file_e"),
        cmd_db_verify,
        "db verify",
        database=False,
    )
    p.add_argument("file")
    p = command(
        db,
        "copy",
        say("db.copy_whole_database"),
        cmd_db_copy,
        "db copy",
    )
    p.add_argument("--to", dest="target", required=True, help=say("help.db.target_url"))
    actor_argument(p)


def cmd_db_copy(args: argparse.Namespace) -> int:
    """Copy every row of --db into the empty database --to names (an administrator's act)."""
    from estimator.services.database import open_engine as open_database
    from estimator.services.database_copy import copy_database, may_copy

    source = open_engine(args)
    admin = signed_in(args, source)
    may_copy(admin)  # before the target is opened (and migrated)
    result = copy_database(source, open_database(args.target), admin)
    print(render("copy_done", {"rows": result.total, "tables": len(result.rows)}))
    return OK


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    """Open the database (which migrates it) and say its schema revision."""
    from estimator.services.database import schema_revision

    revision = schema_revision(open_engine(args))
    print(say("db.database_newest_schema", revision=revision))
    return OK


def cmd_db_backup(args: argparse.Namespace) -> int:
    """Back up an SQLite database to a new file, then check the copy."""
    from estimator.services.backup import backup_database, refuse_server_database

    refuse_server_database(args.db)
    engine = open_engine(args)
    signed_in(args, engine, {Role.ADMIN})  # a copy of everything: administrators only
    check = backup_database(engine, Path(args.output))
    print(say("db.backed_up", output=args.output))
    return _print_database_check(check)


def cmd_db_verify(args: argparse.Namespace) -> int:
    """Check a database file: integrity, audit chain, schema revision."""
    from estimator.services.backup import verify_database

    return _print_database_check(verify_database(Path(args.file)))


def _print_database_check(check: Any) -> int:
    revision = check.revision or "?"
    lines = [
        say("db.integrity", integrity=check.integrity),
        say(
            "db.audit_trail_entries_head",
            state=Problem("db.intact" if check.audit.ok else "db.broken"),
            entries=check.audit.entries,
            head=check.audit.head,
        ),
        say("db.schema_revision" if check.current else "db.schema_revision:old", revision=revision),
    ]
    if not check.audit.ok:
        lines.append(
            say(
                "db.audit_trail_broken_entry",
                first_broken=check.audit.first_broken,
                reason=check.audit.reason,
            )
        )
    print("\n".join(lines), file=sys.stdout if check.ok else sys.stderr)
    if check.content is not None:
        print_bindings(check.content)
    else:
        print(render("bindings_not_checked"))
    return OK if check.ok else REJECTED
