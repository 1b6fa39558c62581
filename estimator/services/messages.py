"""Message templates of the services: the DomainError codes raised by use cases (zh, en).

Registered when the package is imported (estimator/services/__init__.py), so a service's
``DomainError(code, **params)`` always finds its wording.
"""

from __future__ import annotations

from kernel.problems import register_messages

SERVICE_MESSAGES: dict[str, tuple[str, str]] = {
    "bad_credentials": ("用户名或密码错误", "wrong username or password"),
    "bad_username": ("用户名不能为空", "a username is required"),
    "weak_password": ("密码至少 {minimum} 位", "a password needs at least {minimum} characters"),
    "user_exists": ("用户 {username} 已存在", "user {username} exists"),
    "locked": (
        "账户已锁定至 {locked_until:%H:%M} (UTC)",
        "the account is locked until {locked_until:%H:%M} UTC",
    ),
    "not_the_cases_assessor": (
        "只有本案的定损员可以请客户签字",
        "only the case's assessor collects the customer's signature",
    ),
    "not_yet": ("{kind} 导出尚未提供", "{kind} export is not available yet"),
    "bad_repair_window_setting": (
        "{variable} 应为正整数天数",
        "{variable} must be a whole number of days",
    ),
    "cannot_price:sheet": ("无法定价，不能出具估损单", "the estimate cannot be priced"),
    "not_allowed:unmasked": (
        "只有管理员可以打印未遮盖的个人信息",
        "only an administrator may print unmasked personal data",
    ),
    "cannot_price": ("无法定价", "the estimate cannot be priced"),
    "cannot_sign": ("无法签名：{error}", "cannot sign: {error}"),
    "sqlite_only": (
        "备份命令只适用于 SQLite 数据库；PostgreSQL (团队模式) 请使用 pg_dump，例如 pg_dump -Fc "
        "-f estimator.dump 数据库名",
        "backup is for SQLite databases only; back up PostgreSQL (team mode) with pg_dump, e.g. "
        "pg_dump -Fc -f estimator.dump DBNAME",
    ),
    "no_file:backup": ("文件不存在: {path}", "no such file: {path}"),
    "target_exists": (
        "{target} 已存在；备份不会覆盖已有文件",
        "{target} exists already; a backup never overwrites a file",
    ),
    "unreadable_database": (
        "无法读取数据库 {path}: {error}",
        "cannot read the database {path}: {error}",
    ),
    "backup_failed": ("备份失败: {error}", "the backup failed: {error}"),
    "not_a_database": ("{path} 不是定损工作站的数据库", "{path} is not an Estimator database"),
    "blocked_by_review": ("{rule}: {message}", "{rule}: {message}"),
    "not_approved": ("估损单尚未核定", "the estimate is not approved yet"),
    "cannot_price:supplement": ("无法为追加定损定价", "the supplement cannot be priced"),
    "reason_for_findings": (
        "仍有审核提示 ({rules})，核准须写明理由",
        "findings remain ({rules}); approving needs a written reason",
    ),
    "changed_while_approving": (
        "估损单在核准时被修改，请重新核准",
        "the estimate changed while it was being approved; approve again",
    ),
    "invalid_invoice": ("发票有错误", "the invoice has errors"),
    "not_case_assessor": (
        "只有本案的定损员（{assessors}）可以修改案件信息",
        "only the case's assessors ({assessors}) may change its details",
    ),
    "not_approved:guarantee": (
        "只有核定的估损单可以出具无差价承诺",
        "only an approved estimate can carry the guarantee",
    ),
    "not_an_image": (
        "{path} 不是 JPEG、PNG、GIF、BMP 或 WebP 图片",
        "{path} is not a JPEG, PNG, GIF, BMP or WebP image",
    ),
    "no_photo": ("没有该照片", "no such photo"),
    "photo_unreadable": ("无法读取 {path}: {error}", "cannot read {path}: {error}"),
    "no_flood_case": ("没有该水浸案件", "no such flood case"),
    "no_case": ("没有该案件", "no such case"),
    "taken_by_other": (
        "{held_by} 自 {since} 起正在核损此单；待其放回队列或 30 分钟无操作后方可处理",
        "{held_by} has had this estimate in review since {since}; it can be decided once they put "
        "it back or after 30 minutes without activity",
    ),
    "not_reviewer": ("只有核损人员可以领取任务", "only a reviewer takes reviews"),
    "not_submitted": ("此估损单不在核损队列中", "this estimate is not waiting for review"),
    "not_taken_by_you": ("此任务不是您领取的", "you have not taken this review"),
    "reason_required:adjustment": ("核损调整须写明原因", "an adjustment needs a written reason"),
    "bad_amount": (
        "核损金额应为不小于 0 的两位小数",
        "the reviewed amount must be ≥ 0 with at most two decimals",
    ),
    "not_submitted:adjustment": (
        "只有待核损的估损单可以核损调整",
        "only a submitted estimate can be adjusted in review",
    ),
    "no_line": ("没有第 {line} 行", "there is no line {line}"),
    "unknown_part": ("目录中没有配件 {part_no}", "part {part_no} is not in the catalog"),
    "bad_retention_setting": (
        "{variable} 应为整数年数",
        "{variable} must be a whole number of years",
    ),
    "not_allowed:archive": (
        "只有定损员或管理员可以归档案件",
        "only assessors and administrators archive cases",
    ),
    "case_not_closed:archive": ("只能归档已结案的案件", "only a closed case can be archived"),
    "admin_only": ("只有管理员可以删除案件", "only an administrator may delete a case"),
    "already_archived": ("案件已归档", "the case is archived already"),
    "not_allowed": (
        "只有定损员可以建立或保存水浸案件",
        "only an assessor may open or save flood cases",
    ),
    "claim_no_required:flood": ("报案号不能为空", "a claim number is required"),
    "text_too_long:flood_case": (
        "报案号最多 60 字，被保险人与地点最多 200 字",
        "the claim number takes up to 60 characters, the insured and site up to 200",
    ),
    "flood_no_stacks": ("没有存货，无法保存", "there are no stacks to assess"),
    "flood_negative_height": (
        "水深与垫高不能为负数",
        "water depths and the proposed base height must not be negative",
    ),
    "no_flood_version": ("没有该版本", "no such flood version"),
    "flood_version_altered": (
        "第 {version_no} 版的内容与其哈希不符，可能已被改动",
        "version {version_no} no longer matches its hash; it may have been altered",
    ),
    "bad_salvage": ("{reason}", "{reason}"),
    "not_qualified": ("{reasons}", "{reasons}"),
    "cannot_price:details": (
        "按新的案件信息无法定价：{problems}",
        "the estimate cannot be priced with these details: {problems}",
    ),
    "flood_inputs_invalid": (
        "输入有误，未保存：{problems}",
        "the inputs have errors; nothing was saved: {problems}",
    ),
    "flood_inputs_invalid:more": (
        "输入有误，未保存：{problems}；另有 {more} 处",
        "the inputs have errors; nothing was saved: {problems}; and {more} more",
    ),
    "invalid_part_correction": ("{problems}", "{problems}"),
    "edit_conflict": (
        "{who} 已在您打开后保存了此估损单（{changes}）。您的修改未保存，仍保留，请在最新版本上重新应用。",
        "{who} saved this estimate after you opened it ({changes}). Your edit was not saved and "
        "is kept: re-apply it on the current version.",
    ),
    "case_edit_conflict": (
        "{who} 已在您打开后修改了案件信息（{changes}）。您的修改未保存，仍保留，请在最新信息上重新应用。",
        "{who} changed this case's details after you opened them ({changes}). Your changes were "
        "not saved and are kept: re-apply them on the current details.",
    ),
    "catalog_edit_conflict": (
        "{who} 已在您打开后修改了配件 {part_no}（{theirs}）。您的修改（{mine}）未保存，仍保留，"
        "请在最新版本上重新应用。",
        "{who} changed part {part_no} after you opened it ({theirs}). Your changes ({mine}) were "
        "not saved and are kept: re-apply them on the current version.",
    ),
    "status_moved": ("状态 {mine} → {theirs}", "status {mine} → {theirs}"),
    "someone": ("他人", "someone"),
    "no_line_changes": ("无明细变动", "no line changes"),
    "no_field_changes": ("无字段变动", "no field changes"),
    "no_attribute_changes": ("属性未变", "no attribute changes"),
    "no_changes": ("无", "none"),
    "cannot_open": (
        "无法打开数据库 {where}：{detail}",
        "cannot open the database {where}: {detail}",
    ),
    "cannot_open:refused": ("{reason}", "{reason}"),
    "database_in_use:busy": ("{reason}", "{reason}"),
    "no_lock": ("{reason}", "{reason}"),
    "not_checked_out": (
        "案件 {claim_no} 未被检出，无需释放",
        "case {claim_no} is not checked out; there is nothing to release",
    ),
    "claim_no_ambiguous": (
        "报案号 {claim_no} 对应多个案件，请用案件编号",
        "several cases have the claim number {claim_no}; give the case id",
    ),
}

register_messages(SERVICE_MESSAGES)
