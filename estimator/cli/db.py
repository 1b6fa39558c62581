"""``estimator db``: the database itself (upgrade, back up, verify a file)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from estimator.cli.common import OK, REJECTED, command, group, open_engine, say
from kernel.problems import Problem


def add_parser(sub: Any) -> None:
    """``db upgrade|backup|verify``."""
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
    p = command(
        db,
        "verify",
        say("db.check_database_file_e"),
        cmd_db_verify,
        "db verify",
        database=False,
    )
    p.add_argument("file")


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
    check = backup_database(open_engine(args), Path(args.output))
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
    return OK if check.ok else REJECTED
