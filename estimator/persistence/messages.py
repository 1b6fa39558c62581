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
    "case_read_only:checked_out": (
        "案件 {claim_no} 已检出到 {device}（{user}，{since} 起），检入或经理释放前只读",
        "case {claim_no} is checked out to {device} ({user}, since {since}); it is read-only "
        "until it is checked in or a manager releases it",
    ),
    "case_read_only:checked_in": (
        "案件 {claim_no} 已于 {since} 检入服务器，本机只读；如需修改请重新检出",
        "case {claim_no} was checked in to the server at {since} and is read-only here; check "
        "it out again to change it",
    ),
    "case_read_only:checkin_pending": (
        "检入正在进行，案件 {claim_no} 在检入完成前只读",
        "a check-in is in progress: case {claim_no} is read-only until it completes",
    ),
    "no_lock_file": (
        "无法建立锁文件 {path}: {error}；数据库所在文件夹需要可写",
        "cannot create the lock file {path}: {error}; the database's folder must be writable",
    ),
}

register_messages(STORAGE_MESSAGES)
