"""Wording (zh, en) of offline work's refusals and outcomes (sync.md), registered on import."""

from __future__ import annotations

from kernel.problems import register_messages

SYNC_MESSAGES: dict[str, tuple[str, str]] = {
    "sync_unknown_user": (
        "服务器上没有可用的用户 {username}",
        "the server has no active user {username}",
    ),
    "sync_not_yours": (
        "案件 {claim_no} 不是 {username} 的案件（定损员 {assessor}），不能检出",
        "case {claim_no} is not {username}'s (assessor {assessor}): it cannot be checked out",
    ),
    "sync_no_case": ("服务器上没有案件 {case_id}", "the server has no case {case_id}"),
    "sync_checked_out_elsewhere": (
        "案件 {claim_no} 已检出到 {device}（{username}，{since} UTC 起）",
        "case {claim_no} is checked out to {device} ({username}, since {since} UTC)",
    ),
    "sync_local_changes": (
        "案件 {claim_no} 在本机有未检入的修改：请先检入，再重新检出",
        "case {claim_no} has changes on this laptop not yet checked in: check in first",
    ),
    "sync_audit_broken": (
        "本机审计链校验失败（{reason}）：检入被拒绝，服务器未作任何修改",
        "this laptop's audit chain does not verify ({reason}): the check-in was refused, "
        "nothing changed on the server",
    ),
    "sync_chain_refused": (
        "设备 {device} 的审计记录不能接续服务器已接收的部分（{reason}）：检入被拒绝，未作任何修改",
        "the audit entries of {device} do not continue what the server accepted ({reason}): "
        "the check-in was refused, nothing changed",
    ),
    "sync_foreign_row": (
        "检入内容有不属于案件 {case_id} 的行（{table}）：检入被拒绝",
        "the check-in holds a row of {table} that is not case {case_id}'s: refused",
    ),
    "sync_wrong_user": (
        "本机由 {owner} 使用，{username} 不能在此检入或检出",
        "this laptop works for {owner}: {username} cannot check in or out here",
    ),
    "sync_gone": (
        "案件 {claim_no} 已不在服务器上（已归档或删除）",
        "case {claim_no} is no longer on the server (archived or deleted)",
    ),
    "sync_unmergeable": (
        "案件 {claim_no} 两边的修改不能合并（{detail}）：只能放弃本机的修改",
        "the changes to case {claim_no} cannot be merged ({detail}): only discarding this "
        "laptop's changes settles it",
    ),
}

register_messages(SYNC_MESSAGES)
