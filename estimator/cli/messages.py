"""The command line's texts (zh, en) by code: what the commands print and their help.

Codes are ``group.what`` (``help.group.what`` for an argument's help); registered when the
package is imported (estimator/cli/__init__.py), so ``common.say(code, **params)`` finds them.
"""

from __future__ import annotations

from kernel.problems import register_messages

CLI_MESSAGES: dict[str, tuple[str, str]] = {
    # `common` (shared by the groups)
    "common.already_imported": (
        "已导入过 (版本 {version_id})，未作改动",
        "already imported (version {version_id}); nothing changed",
    ),
    "common.cannot_read": ("无法读取 {path}: {error}", "cannot read {path}: {error}"),
    "common.cannot_write": ("无法写入 {output}: {error}", "cannot write {output}: {error}"),
    "common.error": ("错误", "error"),
    "common.import_rejected": (
        "导入被拒绝：{rows_rejected} 行有错误，未写入任何数据（可用 --skip-invalid 只导入有效行）",
        "import rejected: {rows_rejected} rows have errors; nothing was written (--skip-invalid "
        "imports the valid rows)",
    ),
    "common.import_rejected_file": (
        "导入被拒绝：文件本身不可用（见上），未读取任何行，未写入任何数据",
        "import rejected: the file cannot be used as it is (see above); no row was read and "
        "nothing was written",
    ),
    "common.more": ("……另有 {count} 条未显示", "… and {count} more"),
    "common.name_variable_holding_passphrase": (
        "请用 --passphrase-env 指定存放证书口令的环境变量",
        "name the variable holding the passphrase with --passphrase-env",
    ),
    "common.not_utf_8_text": ("{path} 不是 UTF-8 文本", "{path} is not UTF-8 text"),
    "common.not_yet_available": (
        "“{command_name}” 尚未在此版本中提供",
        "'{command_name}' is not available in this version yet",
    ),
    "common.note": ("提示", "note"),
    "common.password": ("密码: ", "password: "),
    "common.rejected_rows_written": (
        "被拒绝的行已写入 {rejected_file}",
        "rejected rows written to {rejected_file}",
    ),
    "common.usage_error": ("用法错误", "usage error"),
    # `main`
    "main.command_line": (
        "命令行: estimator --db sqlite+pysqlite:///{path} …",
        "command line: estimator --db sqlite+pysqlite:///{path} …",
    ),
    "main.demo_database_ready": ("演示数据库已建立: {path}", "demo database ready: {path}"),
    "main.no_demo_user": (
        "演示数据库没有用户 {name}：可用 {names}",
        "the demo database has no user {name}: use one of {names}",
    ),
    "main.no_case": ("没有案件 {ident}", "no case {ident}"),
    "main.no_display": (
        "没有可用的图形显示 (未设置 DISPLAY 或 WAYLAND_DISPLAY)，无法打开工作站窗口。"
        "请在桌面会话中运行；无桌面时可用虚拟显示: xvfb-run -a estimator --demo；"
        "脚本或截图可设置 QT_QPA_PLATFORM=offscreen",
        "there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set), so the workstation "
        "window cannot open. Run it in a desktop session; without one, use a virtual display: "
        "xvfb-run -a estimator --demo; for scripts and screenshots set QT_QPA_PLATFORM=offscreen",
    ),
    "main.no_estimate": ("没有估损单 {ident}", "no estimate {ident}"),
    # `audit`
    "audit.audit_trail": ("审计记录", "audit trail"),
    "audit.audit_trail_broken_entry": (
        "审计记录被改动：第 {first_broken} 条起 ({reason})",
        "audit trail broken at entry {first_broken} ({reason})",
    ),
    "audit.audit_trail_intact_entries": (
        "审计记录完好：{entries} 条，链头 {head}",
        "audit trail intact: {entries} entries, head {head}",
    ),
    "audit.verify_audit_trail_s": ("校验审计记录的哈希链", "verify the audit trail's hash chain"),
    # `case`
    "case.archive_command": ("归档已结案的案件", "archive a closed case"),
    "case.archived": ("已归档", "archived"),
    "case.case": ("案件 {id} {done}", "case {id} {done}"),
    "case.cases": ("案件", "cases"),
    "case.delete_command": (
        "删除保存期限已满的案件 (管理员)",
        "delete a case whose retention period is over (administrators)",
    ),
    "case.deleted": ("已删除", "deleted"),
    "case.pending_reason_command": (
        "记录案件的未决原因（定损员本人或管理员）",
        "record why a case is still pending (its assessor or an administrator)",
    ),
    "case.pending_reason_text": ("未决原因", "the reason"),
    "case.pending_reason_set": (
        "案件 {id} 的未决原因已记录：{reason}",
        "pending reason of case {id} recorded: {reason}",
    ),
    "case.chase_command": (
        "记录一次催问 (定损员或管理员)",
        "record a chase of a case (assessors or administrators)",
    ),
    "case.chase_by": (
        "谁催问：customer（客户）、shop（修理厂）或 sales（业务员）",
        "who chased: customer, shop or sales",
    ),
    "case.chase_via": (
        "经谁催问：gm_office（总经理室）或 claims_manager（理赔经理）",
        "through whom: gm_office or claims_manager",
    ),
    "case.chase_note": ("备注", "a note"),
    "case.chased": (
        "案件 {id} 已记录催问：共 {count} 次，扣款合计 {penalty} 元",
        "case {id}: chase recorded; {count} in all, penalty {penalty} yuan",
    ),
    "case.documents_command": (
        "现场单证清单：查看，或记录单证状态、设定案件程序 (定损员或管理员)",
        "on-site documents: print the checklist, or record items and the procedure "
        "(assessors or administrators)",
    ),
    "case.documents_procedure": (
        "案件程序：simple（简易程序）或 ordinary（普通程序）",
        "the procedure: simple or ordinary",
    ),
    "case.documents_set": (
        "单证状态（可重复）：单证为 driving_licence、vehicle_licence、accident_determination、"
        "bank_card、id_card 或 claim_application，状态为 onsite（现场收集）、later（事后补交）、"
        "not_needed（无需提供）或 missing（缺）",
        "an item's state (repeatable): driving_licence, vehicle_licence, accident_determination, "
        "bank_card, id_card or claim_application = onsite, later, not_needed or missing",
    ),
    "case.documents_set_form": (
        "“{value}” 应写成 单证=状态，例如 id_card=onsite",
        "'{value}' must read ITEM=STATE, such as id_card=onsite",
    ),
    "case.documents_of": ("案件 {id} 现场单证（{procedure}）", "case {id} documents ({procedure})"),
    "case.documents_at_survey": (
        "查勘时单证齐全：{answer}",
        "complete at the survey: {answer}",
    ),
    "case.documents_collected": ("单证收集齐全于 {at}", "documents collected at {at}"),
    "case.yes": ("是", "yes"),
    "case.no": ("否", "no"),
    # `catalog`
    "catalog.catalog_version": ("目录版本", "catalog version"),
    "catalog.effective": ("生效", "effective"),
    "catalog.find_model_vin_check": ("按 VIN 查车型并校验", "find the model of a VIN and check it"),
    "catalog.import_parts_catalog_workbook": (
        "导入配件目录工作簿 (数据维护或管理员)",
        "import a parts catalog workbook (maintainers or administrators)",
    ),
    "catalog.imported": (
        "已导入目录版本 {version_id}：读取 {rows_read} 行，车型 {models}，新增配件 {parts_added}，"
        "更新配件 {parts_updated}，新增价格 {prices_added}，拒绝 {rows_rejected} 行",
        "imported catalog version {version_id}: {rows_read} rows read, {models} models, {parts_added} "
        "parts added, {parts_updated} updated, {prices_added} prices added, {rows_rejected} rows "
        "rejected",
    ),
    "catalog.limit_must_least_1": ("--limit 必须大于 0", "--limit must be at least 1"),
    "catalog.list_catalog_versions": ("目录版本列表", "list catalog versions"),
    "catalog.no_model_catalog": ("目录中没有车型 {model}", "no model {model} in the catalog"),
    "catalog.no_model_catalog_matches": (
        "目录中没有与该 VIN 匹配的车型",
        "no model in the catalog matches this VIN",
    ),
    "catalog.no_parts_found": ("没有找到配件", "no parts found"),
    "catalog.nothing_imported": (
        "目录中还没有配件：尚未导入配件目录。由数据维护或管理员导入："
        "estimator catalog import 文件.xlsx --as 用户名"
        "（示例工作簿：resources/sample_data/demo_catalog.xlsx）",
        "the catalog is empty: no parts catalog has been imported yet. A maintainer or an "
        "administrator imports one: estimator catalog import FILE.xlsx --as NAME (sample "
        "workbook: resources/sample_data/demo_catalog.xlsx)",
    ),
    "catalog.no_price": (
        "没有 {part_no} 在地区 {region}、{price_type} 于 {on} 的价格",
        "no {price_type} price for {part_no} in region {region} on {on}",
    ),
    "catalog.part_s_price_date": ("查询某日的配件价格", "a part's price on a date"),
    "catalog.parts_catalog": ("配件目录", "parts catalog"),
    "catalog.prefix": ("前缀", "prefix"),
    "catalog.search_parts_chinese_pinyin": (
        "搜索配件：中文、拼音首字母或配件编码",
        "search parts: Chinese, pinyin initials or part number",
    ),
    "catalog.warning": ("警告: ", "warning: "),
    # `db`
    "db.audit_trail_broken_entry": (
        "审计记录第 {first_broken} 条起被改动 ({reason})",
        "audit trail broken at entry {first_broken} ({reason})",
    ),
    "db.audit_trail_entries_head": (
        "审计记录: {state}，{entries} 条，链头 {head}",
        "audit trail: {state}, {entries} entries, head {head}",
    ),
    "db.back_up_sqlite_database": (
        "备份 SQLite 数据库到新文件并校验 (完整性、审计链、结构版本)",
        "back up the SQLite database to a new file and check it (integrity, audit chain, schema "
        "revision)",
    ),
    "db.backed_up": ("已备份到 {output}", "backed up to {output}"),
    "db.broken": ("被改动", "broken"),
    "db.check_database_file_e": (
        "校验数据库文件 (如备份)：完整性、审计链、已冻结版本的内容、结构版本",
        "check a database file (e.g. a backup): integrity, audit chain, frozen versions' content, schema revision",
    ),
    "db.copy_whole_database": (
        "把整个数据库复制到新建的空数据库 (如从 SQLite 迁到团队的 PostgreSQL)",
        "copy the whole database into a new, empty one (e.g. SQLite to the team's PostgreSQL)",
    ),
    "db.database": ("数据库", "database"),
    "db.database_newest_schema": (
        "数据库已是最新结构 ({revision})",
        "database is at the newest schema ({revision})",
    ),
    "db.intact": ("完好", "intact"),
    "db.integrity": ("页面完整性: {integrity}", "integrity: {integrity}"),
    "db.migrate_database_newest_schema": (
        "升级数据库结构",
        "migrate the database to the newest schema",
    ),
    "db.schema_revision": ("数据库结构版本: {revision}", "schema revision: {revision}"),
    "db.schema_revision:old": (
        "数据库结构版本: {revision} (非本版本的最新结构)",
        "schema revision: {revision} (not this version newest)",
    ),
    # `estimate`
    "estimate.approval_notice_texts": ("核定后的通知短信文本", "the approval notice texts"),
    "estimate.approve_command": ("核损通过", "approve"),
    "estimate.case_created_draft_estimate": (
        "已建立案件 {case_id}，估损单草稿:",
        "case {case_id} created; draft estimate:",
    ),
    "estimate.compare_two_versions": ("比较两个版本", "compare two versions"),
    "estimate.customer": ("致客户:", "to the customer:"),
    "estimate.reason_format": (
        "--reason 应写作 规则=原因（如 R14=客户坚持使用原厂件），而不是 “{given}”",
        "--reason takes RULE=TEXT (e.g. R14=the customer insists on original parts), not “{given}”",
    ),
    "estimate.estimate_now": ("估损单 {id} 状态: {status}", "estimate {id} is now {status}"),
    "estimate.estimates": ("估损单", "estimates"),
    "estimate.guarantee_certificate": (
        "无差价保证书 {number}，有效期至 {valid_to}",
        "no-price-difference guarantee certificate {number}, valid to {valid_to}",
    ),
    "estimate.export_estimate": ("导出估损单", "export an estimate"),
    "estimate.clock_met": ("已完成", "met"),
    "estimate.clock_met_late": ("已完成（超时 {hours} 小时）", "met late by {hours} hours"),
    "estimate.clock_running": ("进行中", "running"),
    "estimate.clock_overdue": ("已超时 {hours} 小时", "overdue by {hours} hours"),
    "estimate.only_pdf_can_signed": ("只有 PDF 可以签名", "only a PDF can be signed"),
    "estimate.price_estimate_1_document": (
        "按数据库为 estimate/1 文档定价",
        "price an estimate/1 document",
    ),
    "estimate.record_case_event_e": (
        "记录案件事件 (如拆解时间)，并显示时限",
        "record a case event (e.g. the teardown) and show the deadlines",
    ),
    "estimate.return_command": ("核损退回 (须写原因)", "return to the assessor (with --reason)"),
    "estimate.reviewed_total": ("核损合计 {total:,.2f}", "reviewed total {total:,.2f}"),
    "estimate.set_reviewer_s_amount": (
        "核损调整某一行的金额 (须写原因)",
        "set the reviewer's amount of a line (with --reason)",
    ),
    "estimate.shop": ("致修理厂:", "to the shop:"),
    "estimate.store_estimate_1_document": (
        "将 estimate/1 文档存为新案件草稿 (定损员)",
        "store an estimate/1 document as a new case's draft (assessors)",
    ),
    "estimate.submit_command": ("提交核损", "submit for review"),
    "estimate.written": ("已写入 {output}", "written to {output}"),
    # `flood`
    "flood.assess_flood_damage_inventory": ("评估存货水浸损失", "assess flood damage to inventory"),
    "flood.bad_centimetres": (
        "{option} 应为 0 至 {top} 的厘米数 (最多 2 位小数): {text}",
        "{option} takes centimetres from 0 to {top} (at most 2 decimal places): {text}",
    ),
    "flood.cannot_assess_input_has": (
        "无法定损：输入有 {errors} 处错误",
        "cannot assess: the input has {errors} errors",
    ),
    "flood.cannot_make_report": (
        "无法生成报告 (照片不是图片？): {error}",
        "cannot make the report (a photo that is not an image?): {error}",
    ),
    "flood.category": ("品类", "category"),
    "flood.flood_inventory_assessment": ("存货水浸定损", "flood inventory assessment"),
    "flood.loss": ("损失", "loss"),
    "flood.lots": (
        "分批：{lots} 批，其中按检测结果 {measured} 批；处置：修复/整理 {recondition} 批、"
        "处理品销售 {sale} 批、报废 {write_off} 批 (与建议不同 {differs} 批)；分批净损失 {net:.2f}",
        "lots: {lots}, {measured} measured; disposal: {recondition} reconditioned, {sale} sold "
        "as damaged goods, {write_off} written off ({differs} against the proposal); net of "
        "the lots {net:.2f}",
    ),
    "flood.net": ("净损失", "net"),
    "flood.prevention": (
        "防灾防损：垫高至 {height} 厘米，损失为 {loss:.2f}，可避免损失 {avoided:.2f}",
        "prevention: with bases raised to {height} cm the loss is {loss:.2f}; {avoided:.2f} avoided",
    ),
    "flood.salvage": ("残值", "salvage"),
    "flood.settlement": (
        "赔款理算：保险价值 {insurable:.2f}，赔付比例 {ratio}，免赔 {deductible:.2f}，"
        "施救费用 {rescue:.2f}，应付赔款 {payable:.2f}",
        "settlement: insurable value {insurable:.2f}, average ratio {ratio}, deductible "
        "{deductible:.2f}, rescue costs {rescue:.2f}, payable {payable:.2f}",
    ),
    "flood.sample": ("抽样数", "sample"),
    "flood.signing_needs_o_report": ("签名需要 -o 报告.pdf", "signing needs -o REPORT.pdf"),
    "flood.total": ("合计", "total"),
    "flood.units": ("件数", "units"),
    "flood.wet": ("浸水件数", "wet"),
    "flood.written": ("已写入 {target}", "written to {target}"),
    "flood.zone_line": (
        "区域 {zone}：水深 {depth} 厘米，{stacks} 垛，损失 {loss:.2f}",
        "zone {zone}: {depth} cm of water, {stacks} stacks, loss {loss:.2f}",
    ),
    # `invoice`
    "invoice.reconcile_invoice_against_approved": (
        "将发票与核定的估损单逐项核对",
        "reconcile an invoice against the approved estimate",
    ),
    "invoice.shop_s_final_invoice": ("修理厂结算发票", "the shop's final invoice"),
    # How an invoice line compares with the approved estimate, and who bears a difference.
    "invoice.outcome.matched": ("一致", "matched"),
    "invoice.outcome.over": ("超出", "over"),
    "invoice.outcome.under": ("低于", "under"),
    "invoice.outcome.not_on_estimate": ("不在估损单上", "not on the estimate"),
    "invoice.outcome.customer_own": ("客户自购", "customer's own"),
    "invoice.outcome.needs_supplement": ("待追加定损", "needs a supplement"),
    "invoice.outcome.not_invoiced": ("未开票", "not invoiced"),
    "invoice.borne_by.insurer": ("保险公司承担", "insurer"),
    "invoice.borne_by.shop": ("修理厂承担", "shop"),
    "invoice.borne_by.customer": ("客户承担", "customer"),
    # `labor`
    "labor.import_labor_standards_workbook": (
        "导入工时标准工作簿 (数据维护或管理员)",
        "import a labor standards workbook (maintainers or administrators)",
    ),
    "labor.imported": (
        "已导入工时标准版本 {version_id}：工时定额 {labor_times}，工时单价 {labor_rates}，喷漆幅数 "
        "{paint_panels}，喷漆单价 {paint_rates}，多幅折扣 {paint_discounts}，拒绝 {rows_rejected} "
        "行",
        "imported labor standard version {version_id}: {labor_times} labor times, {labor_rates} "
        "labor rates, {paint_panels} paint panels, {paint_rates} paint rates, {paint_discounts} "
        "discounts, {rows_rejected} rows rejected",
    ),
    "labor.labor_standards": ("工时标准", "labor standards"),
    # `partner`
    "partner.export_partner_shops_workbook": (
        "导出合作修理厂工作簿",
        "export the partner shops as a workbook",
    ),
    "partner.import_partner_shops_workbook": (
        "导入合作修理厂工作簿 (数据维护)",
        "import a partner shops workbook (maintainers)",
    ),
    "partner.imported": (
        "已导入合作修理厂 {shops} 家：读取 {rows_read} 行，拒绝 {rows_rejected} 行",
        "imported {shops} partner shops: {rows_read} rows read, {rows_rejected} rows rejected",
    ),
    "partner.list_partner_shops": ("合作修理厂列表", "list the partner shops"),
    "partner.partner_shops": ("合作修理厂", "partner shops"),
    "partner.partner_shops_exported": (
        "已导出合作修理厂 {count} 家到 {output}",
        "{count} partner shops exported to {output}",
    ),
    # `report`
    "report.cases_report_written": (
        "{cases} 个案件；报表已写入 {output}",
        "{cases} cases; report written to {output}",
    ),
    "report.certificates_report_written": (
        "{count} 份承诺书；报表已写入 {output}",
        "{count} certificates; report written to {output}",
    ),
    "report.guarantee_certificates_issued_reconciled": (
        "无差价承诺：出具与核对的承诺书，按修理厂和月份的差额 (Excel)",
        "guarantee: certificates issued and reconciled, differences by shop and month (Excel)",
    ),
    "report.report_written": ("报表已写入 {output}", "report written to {output}"),
    "report.service_indicators": (
        "服务质量指标：按定损员、组和月份 (JSON 或带图表的 Excel)",
        "service indicators per assessor, group and month (JSON, or Excel with charts)",
    ),
    "report.print_json_document": ("输出 JSON 文档", "print the JSON document"),
    "report.indicators_workbook_file": (
        "另写入带图表的 Excel 文件",
        "also write an Excel workbook with charts",
    ),
    "report.indicators_heading": (
        "服务质量指标 {start} 至 {end}",
        "service indicators from {start} to {end}",
    ),
    "report.period_backwards": (
        "结束日期 {end} 早于开始日期 {start}",
        "the end date {end} is before the start date {start}",
    ),
    "report.column_assessor": ("定损员", "assessor"),
    "report.column_group": ("组", "group"),
    "report.column_cases": ("案件", "cases"),
    "report.column_cycle_avg": ("周期均值(天)", "cycle avg (days)"),
    "report.column_cycle_median": ("周期中位数(天)", "cycle median (days)"),
    "report.column_within_target": ("周期达标率", "within target"),
    "report.column_resubmission": ("重报达成率", "resubmission"),
    "report.column_escalations": ("升级", "escalations"),
    "report.column_chases": ("催问", "chases"),
    "report.column_penalty": ("扣款(元)", "penalty (yuan)"),
    "report.column_deviation": ("偏差率", "deviation"),
    "report.column_review_hours": ("核损时长(小时)", "review (h)"),
    "report.column_returns": ("每次提交退回", "returns per submission"),
    "report.column_onsite": ("现场单证收集率", "on-site documents"),
    "report.column_supplements": ("每案追加", "supplements per case"),
    "report.attainment_heading": ("时效达成率", "time-limit attainment"),
    "report.clock_contact": ("首次联系", "contact"),
    "report.clock_arrival": ("到达现场", "arrival"),
    "report.clock_entrusted_survey": ("委托查勘", "entrusted survey"),
    "report.clock_on_site": ("现场定损", "on-site estimate"),
    "report.clock_standard": ("24小时定损", "standard estimate"),
    "report.clock_awaiting_teardown": ("待拆解", "awaiting teardown"),
    "report.clock_teardown_items": ("拆解项目确定", "teardown items fixed"),
    "report.clock_teardown_estimate": ("拆解定损完成", "teardown estimate complete"),
    "report.clock_resubmission": ("退回后重新提交", "resubmission"),
    "report.clock_review": ("核损时效", "review"),
    "report.group_large": ("大案组", "large-case group"),
    "report.group_ordinary": ("普案组", "ordinary group"),
    "report.reports": ("报表", "reports"),
    "report.pending_command": (
        "未决清单：各定损员未核损通过的案件、账龄分段、当前时效和未决原因",
        "the pending list: each assessor's cases without an approved estimate, ageing "
        "buckets, current clock and reason",
    ),
    "report.pending_assessor": ("只列此定损员", "only this assessor"),
    "report.pending_mark_reviewed": (
        "标记该定损员的未决清单已检视（理赔经理或管理员，需 --assessor 与 --as）",
        "mark the assessor's pending list reviewed (a manager or an administrator; needs "
        "--assessor and --as)",
    ),
    "report.pending_needs_assessor": (
        "标记已检视须用 --assessor 指定定损员",
        "name the assessor with --assessor to mark a list reviewed",
    ),
    "report.pending_header": (
        "定损员 {assessor}：未决 {count} 件（{buckets}）；上次检视 {reviewed}{due}",
        "assessor {assessor}: {count} pending ({buckets}); last reviewed {reviewed}{due}",
    ),
    "report.pending_never": ("从未", "never"),
    "report.pending_due": ("；应检视", "; review due"),
    "report.pending_reviewed": (
        "{assessor} 的未决清单已标记检视（{count} 件）",
        "{assessor}'s pending list marked reviewed ({count} cases)",
    ),
    "report.review_findings_amounts_saved": (
        "核损提示与核减金额 (Excel)",
        "review findings and amounts saved (Excel)",
    ),
    "report.time_limit_compliance_front": (
        "时限达成率与前端定损周期 (Excel)",
        "time-limit compliance and front-end cycle (Excel)",
    ),
    # `review`
    "review.line": ("第 {line} 行 ", "line {line} "),
    "review.no_findings": ("未发现问题", "no findings"),
    "review.run_core_loss_review": ("对已存估损单运行核损规则", "run the core-loss review rules"),
    # `template`
    "template.template_written": ("模板已写入 {output}", "template written to {output}"),
    "template.write_empty_workbook_template": (
        "写出空白工作簿模板",
        "write an empty workbook template",
    ),
    # `user`
    "user.add_user_password_estimator": (
        "添加用户 (密码取自 ESTIMATOR_NEW_PASSWORD)",
        "add a user (password from ESTIMATOR_NEW_PASSWORD)",
    ),
    "user.clear_wrong_passwords": (
        "清除某用户的密码错误记录，立即可再登录 (管理员)",
        "clear a user's wrong passwords so they may sign in at once (administrators)",
    ),
    "user.cleared_wrong_passwords": (
        "已清除用户 {username} 的 {failures} 次密码错误记录，可立即登录",
        "cleared {failures} wrong passwords of {username}; they may sign in now",
    ),
    "user.give_new_password_in": (
        "请在环境变量 {variable} 中提供新用户的密码",
        "give the new user's password in {variable}",
    ),
    "user.user_created": ("已创建用户 {username}", "user {username} created"),
    "user.set_group_authority": (
        "修改用户的组别或定损权限 (管理员)",
        "change a user's group or authority (administrators)",
    ),
    "user.user_changed": (
        "用户 {username}：{group}，定损权限 {authority} 元",
        "user {username}: {group}, authority {authority} yuan",
    ),
    "user.list_users": ("列出用户", "list the users"),
    "user.nothing_to_change": (
        "请给出 --group 或 --authority",
        "give --group or --authority",
    ),
    "user.users": ("用户", "users"),
    # argument help
    "help.audit.head_hash_recorded_elsewhere": (
        "在别处记录的链头哈希",
        "a head hash recorded elsewhere",
    ),
    "help.case.case_id": ("案件编号", "case id"),
    "help.catalog.price_region_when_workbook": (
        "工作簿未含地区列时的价格地区",
        "price region when the workbook has none",
    ),
    "help.catalog.rank_parts_fitting_model": (
        "按车型编码排序适配件",
        "rank parts fitting this model code first",
    ),
    "help.common.database_url": (
        "数据库 URL (或环境变量 {variable})；默认为用户数据目录中的 SQLite",
        "database URL (or {variable}); default: SQLite in the user's data folder",
    ),
    "help.common.import_valid_rows_write": (
        "只导入有效行，无效行写入 <文件>.rejected.xlsx",
        "import the valid rows; write the others to <file>.rejected.xlsx",
    ),
    "help.common.who_acts_password_estimator": (
        "操作人 (密码取自 ESTIMATOR_PASSWORD)",
        "who acts (password from ESTIMATOR_PASSWORD)",
    ),
    "help.db.target_url": ("目标数据库 URL", "target URL"),
    "help.estimate.line_number_1": ("行号 (从 1 起)", "line number (from 1)"),
    "help.estimate.record_was_sent": (
        "记录已发送 (需 --as)",
        "record that it was sent (needs --as)",
    ),
    "help.estimate.event_note": (
        "备注：委托查勘的受托方（如 杭州分公司）及说明",
        "a note: the entrusted party of an entrusted survey (e.g. a branch) and a remark",
    ),
    "help.estimate.when_iso_8601_default": (
        "时间 (ISO 8601，默认现在)",
        "when (ISO 8601, default now)",
    ),
    "help.flood.assessor": ("定损员", "the assessor"),
    "help.flood.base_height_prevention_what": (
        "防损测算的垫高高度 (厘米，默认最深水深 + 10)",
        "base height of the prevention what-if (cm; default the deepest water + 10)",
    ),
    "help.flood.claim_number": ("报案号", "claim number"),
    "help.flood.insured": ("被保险人", "the insured"),
    "help.flood.inventory_workbook": ("存货清单工作簿", "the inventory workbook"),
    "help.flood.loss_rules_workbook": ("损失规则工作簿", "the loss rules workbook"),
    "help.flood.print_json": ("输出 JSON", "print JSON"),
    "help.flood.sign_pdf_pkcs_12": ("签名证书 (PKCS#12)", "sign the PDF with this PKCS#12 file"),
    "help.flood.site": ("出险地点", "the site"),
    "help.flood.site_photo_repeatable": ("现场照片 (可多次)", "a site photo (repeatable)"),
    "help.flood.survey_date": ("查勘日期", "survey date"),
    "help.flood.variable_holding_passphrase": (
        "存放证书口令的环境变量",
        "the variable holding the passphrase",
    ),
    "help.flood.water_depth_site_cm": ("全场水深 (厘米)", "the water depth on site (cm)"),
    "help.flood.workbook_zone_depths_sheet": (
        "分区水深工作簿 (工作表 zone_depths: zone, depth_cm)",
        "a workbook of zone depths (sheet zone_depths: zone, depth_cm)",
    ),
    "help.flood.write_excel_report": ("写出 Excel 报告", "write the Excel report"),
    "help.flood.write_pdf_report": ("写出 PDF 报告", "write the PDF report"),
    "help.estimate.submit_reason": (
        "提交时每条提醒的原因，规则=原因，可重复（有提醒未写原因时拒绝提交）",
        "why a warning is left open, RULE=TEXT, repeated (submission is refused while a "
        "warning has no reason)",
    ),
    "help.invoice.store_reconciliation_report_needs": (
        "保存核对结果 (用于报表；需 --as)",
        "store the reconciliation (for the report; needs --as)",
    ),
    "help.main.estimator_loss_assessment_motor": (
        "定损工作站：机动车保险定损与估损。不带参数时打开工作站。",
        "Estimator: loss assessment for motor-insurance claims. Without arguments it opens the "
        "workstation.",
    ),
    "help.main.open_fresh_demo_database": (
        "在全新的演示数据库上打开",
        "open on a fresh demo database",
    ),
    "help.main.demo_user": (
        "以哪位演示用户登录 (默认 wang；理赔经理 zhou 打开服务指标看板)",
        "the demo user to sign in as (wang by default; the claims manager zhou opens the "
        "service indicators dashboard)",
    ),
    "help.main.where_create_demo_database": (
        "演示数据库文件位置",
        "where to create the demo database",
    ),
    "help.user.administrator_not_first_user": (
        "管理员 (首个用户除外)",
        "an administrator (not for the first user)",
    ),
}

register_messages(CLI_MESSAGES)
