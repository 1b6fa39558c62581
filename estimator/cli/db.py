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
    signed_in,
    t,
)
from estimator.domain.workflow import Role
from kernel.problems import render


def add_parser(sub: Any) -> None:
    """``db upgrade|backup|verify|copy``."""
    db = group(sub, "db", t("数据库", "database"))
    command(
        db,
        "upgrade",
        t("升级数据库结构", "migrate the database to the newest schema"),
        cmd_db_upgrade,
        "db upgrade",
    )
    p = command(
        db,
        "backup",
        t(
            "备份 SQLite 数据库到新文件并校验 (完整性、审计链、结构版本)",
            "back up the SQLite database to a new file and check it (integrity, audit chain, "
            "schema revision)",
        ),
        cmd_db_backup,
        "db backup",
    )
    p.add_argument("-o", "--output", required=True)
    actor_argument(p)
    p = command(
        db,
        "verify",
        t(
            "校验数据库文件 (如备份)：完整性、审计链、已冻结版本的内容、结构版本",
            "check a database file (e.g. a backup): integrity, audit chain, frozen versions' "
            "content, schema revision",
        ),
        cmd_db_verify,
        "db verify",
        database=False,
    )
    p.add_argument("file")
    p = command(
        db,
        "copy",
        t(
            "把整个数据库复制到新建的空数据库 (如从 SQLite 迁到团队的 PostgreSQL)",
            "copy the whole database into a new, empty one (e.g. SQLite to the team's PostgreSQL)",
        ),
        cmd_db_copy,
        "db copy",
    )
    p.add_argument("--to", dest="target", required=True, help=t("目标数据库 URL", "target URL"))
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
    print(t(f"数据库已是最新结构 ({revision})", f"database is at the newest schema ({revision})"))
    return OK


def cmd_db_backup(args: argparse.Namespace) -> int:
    """Back up an SQLite database to a new file, then check the copy."""
    from estimator.services.backup import backup_database, refuse_server_database

    refuse_server_database(args.db)
    engine = open_engine(args)
    signed_in(args, engine, {Role.ADMIN})  # a copy of everything: administrators only
    check = backup_database(engine, Path(args.output))
    print(t(f"已备份到 {args.output}", f"backed up to {args.output}"))
    return _print_database_check(check)


def cmd_db_verify(args: argparse.Namespace) -> int:
    """Check a database file: integrity, audit chain, schema revision."""
    from estimator.services.backup import verify_database

    return _print_database_check(verify_database(Path(args.file)))


def _print_database_check(check: Any) -> int:
    revision = check.revision or "?"
    lines = [
        t(f"页面完整性: {check.integrity}", f"integrity: {check.integrity}"),
        t(
            f"审计记录: {'完好' if check.audit.ok else '被改动'}，{check.audit.entries} 条，"
            f"链头 {check.audit.head}",
            f"audit trail: {'intact' if check.audit.ok else 'broken'}, "
            f"{check.audit.entries} entries, head {check.audit.head}",
        ),
        t(
            f"数据库结构版本: {revision}{'' if check.current else ' (非本版本的最新结构)'}",
            f"schema revision: {revision}{'' if check.current else ' (not this version newest)'}",
        ),
    ]
    if not check.audit.ok:
        lines.append(
            t(
                f"审计记录第 {check.audit.first_broken} 条起被改动 ({check.audit.reason})",
                f"audit trail broken at entry {check.audit.first_broken} ({check.audit.reason})",
            )
        )
    print("\n".join(lines), file=sys.stdout if check.ok else sys.stderr)
    if check.content is not None:
        print_bindings(check.content)
    else:
        print(render("bindings_not_checked"))
    return OK if check.ok else REJECTED
