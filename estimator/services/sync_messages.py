"""Wording (zh, en) of offline work's refusals and outcomes (sync.md), registered on import."""

from __future__ import annotations

from kernel.problems import register_messages

SYNC_MESSAGES: dict[str, tuple[str, str]] = {
    "sync_unknown_user": (
        "服务器上没有可用的用户 {username}",
        "the server has no active user {username}",
    ),
    "sync_foreign_reference": (
        "本机数据库的 {tables} 不是从该服务器复制的，无法检出；请使用新建的本机数据库",
        "this laptop's {tables} were not copied from this server; nothing was checked out: "
        "use a new database on this laptop",
    ),
    "sync_same_database": (
        "服务器数据库与本机数据库相同",
        "the server's database and this laptop's are the same",
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
    "sync_unbacked": (
        "案件 {claim_no} 第 {version} 版的状态或内容没有本机审计记录支持（{kind}）：本机数据被改动过，"
        "检入被拒绝，服务器未作修改",
        "version {version} of case {claim_no} is not backed by this laptop's audit trail "
        "({kind}): the laptop's data was changed outside the application; refused, nothing "
        "changed on the server",
    ),
    "sync_unmergeable": (
        "案件 {claim_no} 两边的修改不能合并（{detail}）：只能放弃本机的修改",
        "the changes to case {claim_no} cannot be merged ({detail}): only discarding this "
        "laptop's changes settles it",
    ),
    "bundle_not_zip": (
        "不是同步包 (.estsync)：文件不是 zip 或已损坏",
        "not a sync bundle (.estsync): the file is no zip or is damaged",
    ),
    "bundle_too_large": ("同步包过大 (文件数或解压后大小超限)", "the sync bundle is too large"),
    "bundle_no_manifest": ("同步包没有可读的清单", "the sync bundle has no readable manifest"),
    "bundle_format": ("同步包格式 {found} 不受支持", "sync bundle format {found} is not supported"),
    "bundle_file_missing": ("同步包缺少文件 {name}", "the sync bundle lacks {name}"),
    "bundle_file_unlisted": (
        "同步包中的文件 {name} 不在清单中：被人添加，拒绝导入",
        "the sync bundle holds {name}, which its manifest does not list: refused",
    ),
    "bundle_file_altered": (
        "同步包中的文件 {name} 与清单的 SHA-256 不符：已被改动，拒绝导入",
        "{name} in the sync bundle does not match its manifest's SHA-256: altered, refused",
    ),
    "bundle_signature_bad": (
        "同步包的签名无效：清单已被改动或签名不完整，拒绝导入",
        "the sync bundle's signature does not verify: its manifest was altered, refused",
    ),
    "bundle_unsigned": ("同步包未签名，拒绝导入", "the sync bundle is not signed: refused"),
    "bundle_signer_not_enrolled": (
        "同步包的签名证书不是 {username} 在服务器上登记的证书 (或已吊销)，拒绝导入",
        "the sync bundle is not signed with a certificate enrolled to {username} on the server "
        "(or it was revoked): refused",
    ),
    "bundle_kind": (
        "这是 {found} 文件，此处需要 {expected}",
        "this is a {found} file; {expected} is needed here",
    ),
}

register_messages(SYNC_MESSAGES)
