"""Message templates of persistence: the refusals of storage (zh, en).

Registered when the package is imported (estimator/persistence/__init__.py).
"""

from __future__ import annotations

from kernel.problems import register_messages

STORAGE_MESSAGES: dict[str, tuple[str, str]] = {
    "stale_edit": (
        "其他人刚刚修改了这些内容，您的操作未保存；请重新载入后再试",
        "someone else changed this meanwhile; nothing was saved. Reload and try again",
    ),
    "network_database": (
        "数据库文件 {path} 位于网络存储上 ({filesystem})。SQLite 数据库必须放在本机磁盘上，否则可能损坏；"
        "多人共用请使用团队模式 (PostgreSQL：--db postgresql://…)。",
        "the database file {path} is on a network share ({filesystem}). An SQLite database must "
        "be on a local disk or it may be damaged; to share one database, use team mode (PostgreSQL: "
        "--db postgresql://…).",
    ),
    "database_in_use": (
        "数据库 {database} 正被另一个工作站使用 ({holder})。同一数据库只能由一个工作站打开；请先关闭那个工作站，"
        "或多人共用时使用团队模式 (PostgreSQL)。",
        "the database {database} is in use by another workstation ({holder}). One workstation at "
        "a time may open a database; close that one first, or use team mode (PostgreSQL) to share "
        "it.",
    ),
    "lock_holder": (
        "计算机 {host} 上用户 {user} 的进程 {pid}，自 {since} 起",
        "process {pid} of user {user} on {host}, since {since}",
    ),
    "another_process": ("另一个进程", "another process"),
    "no_lock_file": (
        "无法建立锁文件 {path}: {error}；数据库所在文件夹需要可写",
        "cannot create the lock file {path}: {error}; the database's folder must be writable",
    ),
}

register_messages(STORAGE_MESSAGES)
