"""The ``estimator`` command: argument parsing, plain-word errors, exit codes 0/1/2."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from estimator.persistence.database import DB_ENV, DatabaseError
from kernel.problems import Problem, current_language

if TYPE_CHECKING:  # ``estimator`` opens the workstation: its dialog paints before SQLAlchemy loads
    from estimator.services.imports import ImportResult

OK, REJECTED, USAGE = 0, 1, 2


def t(zh: str, en: str) -> str:
    """Pick the user's language for command-line text (ESTIMATOR_LANG / LANG, Chinese default)."""
    return en if current_language() == "en" else zh


class UsageError(Exception):
    """Wrong usage of a command (exit 2)."""


class Rejected(Exception):
    """Input rejected (exit 1); the message has been or will be printed."""


def _engine(args: argparse.Namespace) -> Any:
    from estimator.persistence.database import create_database_engine

    try:
        return create_database_engine(args.db)
    except DatabaseError as error:
        raise _domain_error(error) from None


def print_problems(problems: Sequence[Problem], stream: TextIO, limit: int = 200) -> None:
    """Print problems one a line, errors before notes, at most ``limit``."""
    ordered = sorted(problems, key=lambda p: (p.severity != "error", p.sheet or "", p.row or 0))
    for problem in ordered[:limit]:
        mark = t("错误", "error") if problem.severity == "error" else t("提示", "note")
        print(f"{mark}: {problem.describe()}", file=stream)
    if len(ordered) > limit:
        print(
            t(f"……另有 {len(ordered) - limit} 条未显示", f"… and {len(ordered) - limit} more"),
            file=stream,
        )


# --- catalog ---------------------------------------------------------------------------


def _report_import(result: ImportResult) -> bool:
    """Print an import's problems and outcome; False when it was refused or rejected."""
    print_problems(result.problems, sys.stderr)
    if result.status == "already_imported":
        print(
            t(
                f"已导入过 (版本 {result.version_id})，未作改动",
                f"already imported (version {result.version_id}); nothing changed",
            )
        )
        return True
    if result.status == "refused":
        return False
    if result.status == "rejected":
        print(
            t(
                f"导入被拒绝：{result.rows_rejected} 行有错误，未写入任何数据"
                "（可用 --skip-invalid 只导入有效行）",
                f"import rejected: {result.rows_rejected} rows have errors; nothing was written "
                "(--skip-invalid imports the valid rows)",
            ),
            file=sys.stderr,
        )
        return False
    return True


def _report_rejected_file(result: ImportResult) -> None:
    if result.rejected_file:
        print(
            t(
                f"被拒绝的行已写入 {result.rejected_file}",
                f"rejected rows written to {result.rejected_file}",
            )
        )


def cmd_catalog_import(args: argparse.Namespace) -> int:
    from estimator.services.catalog import import_catalog

    result = import_catalog(
        _engine(args), Path(args.file), region=args.region, skip_invalid=args.skip_invalid
    )
    if not _report_import(result):
        return REJECTED
    if result.status == "imported":
        c = result.counts
        print(
            t(
                f"已导入目录版本 {result.version_id}：读取 {result.rows_read} 行，车型 {c['models']}，"
                f"新增配件 {c['parts_added']}，更新配件 {c['parts_updated']}，新增价格 {c['prices_added']}，"
                f"拒绝 {result.rows_rejected} 行",
                f"imported catalog version {result.version_id}: {result.rows_read} rows read, "
                f"{c['models']} models, {c['parts_added']} parts added, {c['parts_updated']} updated, "
                f"{c['prices_added']} prices added, {result.rows_rejected} rows rejected",
            )
        )
        _report_rejected_file(result)
    return OK


def cmd_catalog_search(args: argparse.Namespace) -> int:
    from estimator.services.catalog import UnknownModel, search_parts

    if args.limit < 1:
        raise UsageError(t("--limit 必须大于 0", "--limit must be at least 1"))
    try:
        matches = search_parts(_engine(args), args.text, model_code=args.model, limit=args.limit)
    except UnknownModel:
        raise Rejected(
            t(f"目录中没有车型 {args.model}", f"no model {args.model} in the catalog")
        ) from None
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "part_no": m.part_no,
                        "name_zh": m.name_zh,
                        "name_en": m.name_en,
                        "component_code": m.component_code,
                        "category": m.category,
                        "models": list(m.models),
                        "fits_model": m.fits_model,
                    }
                    for m in matches
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return OK
    if not matches:
        print(t("没有找到配件", "no parts found"))
        return OK
    for m in matches:
        fit = "✓" if m.fits_model else " "
        models = ";".join(m.models[:4]) + ("…" if len(m.models) > 4 else "")
        print(f"{fit} {m.part_no:<16} {m.name_zh}\t{m.component_code}\t{m.category}\t{models}")
    return OK


def cmd_catalog_vin(args: argparse.Namespace) -> int:
    from estimator.services.catalog import find_model_by_vin

    found = find_model_by_vin(_engine(args), args.vin)
    if found.check.warning:
        print(t("警告: ", "warning: ") + found.check.warning, file=sys.stderr)
    if found.model_code is None:
        print(t("目录中没有与该 VIN 匹配的车型", "no model in the catalog matches this VIN"))
        return REJECTED
    print(
        f"{found.model_code}\t{found.model_name}\t{found.vehicle_class}\t"
        f"({t('前缀', 'prefix')} {found.matched_prefix})"
    )
    return OK


def cmd_catalog_price(args: argparse.Namespace) -> int:
    import datetime as dt

    from estimator.services.catalog import price_on
    from kernel.money import format_price
    from parts_catalog.model import PriceType

    try:
        on = dt.date.fromisoformat(args.on) if args.on else dt.date.today()
        price_type = PriceType(args.type)
    except ValueError as error:
        raise UsageError(str(error)) from None
    quote = price_on(_engine(args), args.part_no, args.region, price_type, on)
    if quote is None:
        print(
            t(
                f"没有 {args.part_no} 在地区 {args.region.upper()}、{price_type.value} 于 {on} 的价格",
                f"no {price_type.value} price for {args.part_no} in region {args.region.upper()} on {on}",
            ),
            file=sys.stderr,
        )
        return REJECTED
    print(
        f"{quote.part_no}\t{quote.region}\t{quote.price_type.value}\t{format_price(quote.price)}\t"
        f"{t('生效', 'effective')} {quote.effective_date}\t{t('目录版本', 'catalog version')} "
        f"{quote.catalog_version_id}"
    )
    return OK


def cmd_catalog_versions(args: argparse.Namespace) -> int:
    from estimator.services.catalog import catalog_versions

    for v in catalog_versions(_engine(args)):
        print(
            f"{v.id}\t{v.imported_at:%Y-%m-%d %H:%M}\t{v.source_name}\t{v.content_hash[:12]}\t"
            f"models={v.models_count} parts={v.parts_count} prices={v.prices_count} "
            f"rejected={v.rejected_count}"
        )
    return OK


def cmd_labor_import(args: argparse.Namespace) -> int:
    from estimator.services.labor import import_labor_standard

    result = import_labor_standard(_engine(args), Path(args.file), skip_invalid=args.skip_invalid)
    if not _report_import(result):
        return REJECTED
    if result.status == "imported":
        c = result.counts
        print(
            t(
                f"已导入工时标准版本 {result.version_id}：工时定额 {c['labor_times']}，工时单价 "
                f"{c['labor_rates']}，喷漆幅数 {c['paint_panels']}，喷漆单价 {c['paint_rates']}，"
                f"多幅折扣 {c['paint_discounts']}，拒绝 {result.rows_rejected} 行",
                f"imported labor standard version {result.version_id}: {c['labor_times']} labor "
                f"times, {c['labor_rates']} labor rates, {c['paint_panels']} paint panels, "
                f"{c['paint_rates']} paint rates, {c['paint_discounts']} discounts, "
                f"{result.rows_rejected} rows rejected",
            )
        )
        _report_rejected_file(result)
    return OK


def _read_text(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise Rejected(t(f"文件不存在: {path}", f"no such file: {path}")) from None
    except UnicodeDecodeError:
        raise Rejected(t(f"{path} 不是 UTF-8 文本", f"{path} is not UTF-8 text")) from None
    except OSError as error:
        raise Rejected(t(f"无法读取 {path}: {error}", f"cannot read {path}: {error}")) from None


def cmd_estimate_price(args: argparse.Namespace) -> int:
    from estimator.services.estimates import price_document

    result = price_document(_engine(args), _read_text(args.file))
    for warning in result.warnings:
        print(t("警告: ", "warning: ") + warning, file=sys.stderr)
    if result.problems or result.document is None or result.priced is None:
        print_problems(result.problems, sys.stderr)
        return REJECTED
    if args.json:
        print(json.dumps(result.document, ensure_ascii=False, indent=2))
        return OK
    from estimator.cli.tables import priced_table

    print(priced_table(result.priced))
    return OK


# --- cases, workflow, audit -----------------------------------------------------------

PASSWORD_ENV = "ESTIMATOR_PASSWORD"


def _signed_in(args: argparse.Namespace, engine: Any) -> Any:
    """The user named by --as, signed in with the password in ESTIMATOR_PASSWORD."""
    import os

    from estimator.domain.workflow import DomainError
    from estimator.services.users import authenticate

    if not args.as_user:
        raise UsageError(t("需要 --as 用户名", "--as USERNAME is required"))
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        import getpass

        if not sys.stdin.isatty():
            raise UsageError(
                t(f"请在环境变量 {PASSWORD_ENV} 中提供密码", f"give the password in {PASSWORD_ENV}")
            )
        password = getpass.getpass(t("密码: ", "password: "))
    try:
        return authenticate(engine, args.as_user, password)
    except DomainError as refusal:
        raise Rejected(t(refusal.message_zh, refusal.message_en)) from None


def cannot_write(output: str, error: OSError) -> Rejected:
    """The refusal of an output file that cannot be written."""
    return Rejected(t(f"无法写入 {output}: {error}", f"cannot write {output}: {error}"))


def read_input(path: str) -> bytes:
    """A file the command reads (a key, a photo), or a refusal saying why it cannot."""
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise Rejected(t(f"无法读取 {path}: {error}", f"cannot read {path}: {error}")) from None


def _no_estimate(estimate_id: str) -> Rejected:
    return Rejected(t(f"没有估损单 {estimate_id}", f"no estimate {estimate_id}"))


def _domain_error(error: Exception) -> Rejected:
    zh = getattr(error, "message_zh", str(error))
    en = getattr(error, "message_en", str(error))
    return Rejected(t(zh, en))


def cmd_user_add(args: argparse.Namespace) -> int:
    import os

    from estimator.domain.workflow import DomainError, Role
    from estimator.services.users import create_user, has_users

    engine = _engine(args)
    if has_users(engine):
        admin = _signed_in(args, engine)
        if Role.ADMIN not in admin.roles:
            raise Rejected(t("只有管理员可以添加用户", "only an administrator may add users"))
        actor = admin.username
    else:
        actor = "first-run"  # the very first user is created without signing in
    password = os.environ.get("ESTIMATOR_NEW_PASSWORD")
    if password is None:
        raise UsageError(
            t(
                "请在环境变量 ESTIMATOR_NEW_PASSWORD 中提供新用户的密码",
                "give the new user's password in ESTIMATOR_NEW_PASSWORD",
            )
        )
    try:
        roles = {Role(r) for r in args.role}
        user = create_user(
            engine, args.username, password, roles, display_name=args.name or "", actor=actor
        )
    except DomainError as error:
        raise _domain_error(error) from None
    print(t(f"已创建用户 {user.username}", f"user {user.username} created"))
    return OK


def cmd_estimate_import(args: argparse.Namespace) -> int:
    from estimator.services.cases import import_estimate

    engine = _engine(args)
    actor = args.as_user or "cli"
    if args.as_user:
        actor = _signed_in(args, engine).username
    result = import_estimate(engine, _read_text(args.file), actor=actor)
    if result.problems or result.estimate_id is None:
        print_problems(result.problems, sys.stderr)
        return REJECTED
    print(
        t(
            f"已建立案件 {result.case_id}，估损单草稿:",
            f"case {result.case_id} created; draft estimate:",
        )
    )
    print(result.estimate_id)
    return OK


def cmd_estimate_act(args: argparse.Namespace) -> int:
    from estimator.domain.workflow import DomainError
    from estimator.services import cases

    engine = _engine(args)
    user = _signed_in(args, engine)
    actions = {
        "submit": lambda: cases.submit(engine, args.id, user),
        "return": lambda: cases.return_estimate(engine, args.id, user, args.reason or ""),
        "approve": lambda: cases.approve(engine, args.id, user, args.reason or ""),
    }
    try:
        status = actions[args.action]()
    except cases.NotFound:
        raise _no_estimate(args.id) from None
    except DomainError as error:
        raise _domain_error(error) from None
    print(t(f"估损单 {args.id} 状态: {status.value}", f"estimate {args.id} is now {status.value}"))
    return OK


def cmd_estimate_adjust(args: argparse.Namespace) -> int:
    from decimal import Decimal, InvalidOperation

    from estimator.domain.workflow import DomainError
    from estimator.services import cases

    engine = _engine(args)
    user = _signed_in(args, engine)
    try:
        amount = Decimal(args.amount)
    except InvalidOperation:
        raise UsageError(t(f"金额无效: {args.amount}", f"not an amount: {args.amount}")) from None
    try:
        cases.adjust_line(engine, args.id, args.line - 1, amount, args.reason or "", user)
        totals = cases.approved_totals(engine, args.id)
    except cases.NotFound:
        raise _no_estimate(args.id) from None
    except DomainError as error:
        raise _domain_error(error) from None
    print(t(f"核损合计 {totals.total:,.2f}", f"reviewed total {totals.total:,.2f}"))
    return OK


def cmd_estimate_diff(args: argparse.Namespace) -> int:
    from estimator.services import cases

    try:
        result = cases.diff(_engine(args), args.first, args.second)
    except cases.NotFound as missing:
        raise Rejected(t(f"没有估损单 {missing}", f"no estimate {missing}")) from None
    if args.json:
        print(
            json.dumps(
                {
                    "lines": [
                        {
                            "change": c.change.value,
                            "key": c.key,
                            "kind": c.kind,
                            "description": c.description,
                            "before": None if c.before is None else f"{c.before:.2f}",
                            "after": None if c.after is None else f"{c.after:.2f}",
                            "fields": {k: list(v) for k, v in c.fields.items()},
                        }
                        for c in result.lines
                    ],
                    "totals": {
                        k: {"before": f"{a:.2f}", "after": f"{b:.2f}", "change": f"{b - a:.2f}"}
                        for k, (a, b) in result.totals.items()
                    },
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return OK
    marks = {"added": "+", "changed": "~", "removed": "-"}
    for c in result.lines:
        before = "" if c.before is None else f"{c.before:.2f}"
        after = "" if c.after is None else f"{c.after:.2f}"
        fields = "; ".join(f"{k}: {a or '—'} → {b or '—'}" for k, (a, b) in c.fields.items())
        print(
            f"{marks[c.change.value]} {c.kind:<8} {c.description:<20} {before:>10} → {after:<10} {fields}"
        )
    for name, (a, b) in result.totals.items():
        if a != b:
            print(f"  {name:<16} {a:>10.2f} → {b:<10.2f} ({b - a:+.2f})")
    return OK


def cmd_estimate_notify(args: argparse.Namespace) -> int:
    from estimator.domain.workflow import DomainError
    from estimator.services import cases

    engine = _engine(args)
    try:
        notice = cases.approval_notice(engine, args.id)
        if args.mark_sent:
            cases.record_notification_sent(engine, args.id, _signed_in(args, engine))
    except cases.NotFound:
        raise _no_estimate(args.id) from None
    except DomainError as error:
        raise _domain_error(error) from None
    print(t("致客户:", "to the customer:"))
    print(notice.to_customer)
    print(t("致修理厂:", "to the shop:"))
    print(notice.to_shop)
    return OK


def cmd_estimate_event(args: argparse.Namespace) -> int:
    import datetime as dt

    from estimator.domain.clocks import EventKind
    from estimator.services import cases

    engine = _engine(args)
    user = _signed_in(args, engine)
    try:
        at = dt.datetime.fromisoformat(args.at) if args.at else None
        if at is not None and at.tzinfo is None:
            at = at.astimezone()  # a time typed without a zone is local time
        kind = EventKind(args.kind)
    except ValueError as error:
        raise UsageError(str(error)) from None
    try:
        stored = cases.load_estimate(engine, args.id)
        cases.record_event(engine, stored.case_id, kind, user.username, at)
    except cases.NotFound:
        raise _no_estimate(args.id) from None
    for deadline in cases.case_deadlines(engine, args.id):
        state = t("已完成", "met") if deadline.met_at else t("到期", "due")
        print(f"{deadline.name}\t{state}\t{deadline.due.astimezone():%Y-%m-%d %H:%M}")
    return OK


def _date_range(args: argparse.Namespace) -> tuple[Any, Any]:
    """--from and --to as dates (a wrong date is wrong usage)."""
    import datetime as dt

    try:
        return dt.date.fromisoformat(args.start), dt.date.fromisoformat(args.end)
    except ValueError as error:
        raise UsageError(str(error)) from None


def cmd_report_time_limits(args: argparse.Namespace) -> int:
    from estimator.services.reports import write_time_limit_report

    engine, dates = _engine(args), _date_range(args)
    try:
        rows = write_time_limit_report(engine, *dates, Path(args.output))
    except OSError as error:
        raise cannot_write(args.output, error) from None
    for r in rows:
        rate = "—" if r.rate is None else f"{r.rate:.1%}"
        print(f"{r.name}\t{r.cases}\t{rate}")
    print(t(f"报表已写入 {args.output}", f"report written to {args.output}"))
    return OK


def cmd_review(args: argparse.Namespace) -> int:
    from estimator.services import cases
    from estimator.services.review import review_estimate

    try:
        findings = review_estimate(_engine(args), args.id)
    except cases.NotFound:
        raise _no_estimate(args.id) from None
    language = current_language()
    if args.json:
        print(
            json.dumps(
                {
                    "findings": [
                        {
                            "rule": f.rule,
                            "severity": f.severity.value,
                            "line": f.line,
                            "message": f.message(language),
                        }
                        for f in findings
                    ]
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return OK
    if not findings:
        print(t("未发现问题", "no findings"))
    for f in findings:
        line = "" if f.line is None else t(f"第 {f.line + 1} 行 ", f"line {f.line + 1} ")
        print(f"{f.rule} [{f.severity.value}] {line}{f.message(language)}")
    return OK


def cmd_report_review(args: argparse.Namespace) -> int:
    from estimator.services.reports import write_review_report

    report = write_review_report(_engine(args), *_date_range(args), Path(args.output))
    for rule, count in report.by_rule.items():
        print(f"{rule}\t{count}")
    print(
        t(
            f"{report.cases} 个案件；报表已写入 {args.output}",
            f"{report.cases} cases; report written to {args.output}",
        )
    )
    return OK


def passphrase_from_env(variable: str | None) -> str:
    """The certificate passphrase from the environment variable ``--passphrase-env`` names."""
    import os

    passphrase = os.environ.get(variable or "", "")
    if not variable or not passphrase:
        raise UsageError(
            t(
                "请用 --passphrase-env 指定存放证书口令的环境变量",
                "name the variable holding the passphrase with --passphrase-env",
            )
        )
    return passphrase


def cmd_estimate_export(args: argparse.Namespace) -> int:
    from estimator.domain.workflow import DomainError
    from estimator.services import cases
    from estimator.services.documents import export_estimate, export_signed_sheet

    if args.sign_with and args.format != "pdf":
        raise UsageError(t("只有 PDF 可以签名", "only a PDF can be signed"))
    p12 = read_input(args.sign_with) if args.sign_with else b""
    try:
        if args.sign_with:
            passphrase = passphrase_from_env(args.passphrase_env)
            export_signed_sheet(_engine(args), args.id, Path(args.output), p12, passphrase.encode())
        else:
            export_estimate(_engine(args), args.id, args.format, Path(args.output))
    except cases.NotFound:
        raise _no_estimate(args.id) from None
    except DomainError as error:
        raise _domain_error(error) from None
    except OSError as error:
        raise cannot_write(args.output, error) from None
    print(t(f"已写入 {args.output}", f"written to {args.output}"))
    return OK


def _certificate_der(data: bytes) -> bytes:
    """A certificate as DER, from PEM or DER."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    if data.lstrip().startswith(b"-----BEGIN"):
        return x509.load_pem_x509_certificate(data).public_bytes(Encoding.DER)
    return x509.load_der_x509_certificate(data).public_bytes(Encoding.DER)


def cmd_pdf_verify(args: argparse.Namespace) -> int:
    from estimator.documents.signing import verify_pdf

    try:
        data = Path(args.file).read_bytes()
    except OSError as error:
        raise Rejected(
            t(f"无法读取 {args.file}: {error}", f"cannot read {args.file}: {error}")
        ) from None
    trusted = None
    if args.trust:
        try:
            trusted = _certificate_der(Path(args.trust).read_bytes())
        except (OSError, ValueError) as error:
            raise Rejected(
                t(
                    f"无法读取证书 {args.trust}: {error}",
                    f"cannot read the certificate {args.trust}: {error}",
                )
            ) from None
    result = verify_pdf(data, trusted)
    state = "intact" if result.ok else ("unsigned" if not result.signed else "altered")
    if args.json:
        print(
            json.dumps(
                {
                    "state": state,
                    "signed": result.signed,
                    "intact": result.intact,
                    "trusted": result.trusted,
                    "signer": result.signer,
                    "signing_time": result.signing_time.isoformat()
                    if result.signing_time
                    else None,
                    "coverage": result.coverage,
                    "later_revisions": result.later_revisions,
                    "timestamped": result.timestamped,
                    "detail": result.detail,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        words = {
            "intact": t("完好，签名后未被改动", "intact: unchanged since signing"),
            "altered": t("已被改动或签名无效", "altered, or the signature is invalid"),
            "unsigned": t("未签名", "not signed"),
        }
        print(f"{words[state]}")
        if result.signed:
            when = result.signing_time.isoformat() if result.signing_time else "?"
            print(
                t(
                    f"签名人: {result.signer}；时间: {when}；证书{'受信任' if result.trusted else '未在信任列表中'}",
                    f"signer: {result.signer}; time: {when}; certificate "
                    f"{'trusted' if result.trusted else 'not in the trust list'}",
                )
            )
    return OK if result.ok else REJECTED


def cmd_cert_create(args: argparse.Namespace) -> int:
    import os

    from estimator.documents.signing import create_self_signed_p12

    passphrase = os.environ.get(args.passphrase_env, "")
    if not passphrase:
        raise UsageError(
            t(
                f"环境变量 {args.passphrase_env} 中没有口令",
                f"no passphrase in {args.passphrase_env}",
            )
        )
    try:
        Path(args.output).write_bytes(create_self_signed_p12(args.name, passphrase.encode()))
    except OSError as error:
        raise cannot_write(args.output, error) from None
    print(
        t(
            f"已为 {args.name} 生成自签名证书 {args.output}",
            f"self-signed certificate for {args.name} written to {args.output}",
        )
    )
    return OK


def cmd_invoice_reconcile(args: argparse.Namespace) -> int:
    from estimator.domain.workflow import DomainError
    from estimator.services import cases
    from estimator.services.invoices import reconcile_invoice, save_reconciliation

    engine = _engine(args)
    user = _signed_in(args, engine) if args.save else None
    try:
        result = reconcile_invoice(engine, args.estimate_id, Path(args.invoice))
    except cases.NotFound:
        raise _no_estimate(args.estimate_id) from None
    except DomainError as error:
        raise _domain_error(error) from None
    if result.problems:
        print_problems(result.problems, sys.stderr)
        return REJECTED
    if user is not None:
        save_reconciliation(
            engine, args.estimate_id, result, user.username, Path(args.invoice).name
        )
    _print_reconciliation(result, args.json)
    return OK


def _print_reconciliation(result: Any, as_json: bool) -> None:
    if as_json:
        print(
            json.dumps(
                {
                    "guarantee": result.guarantee,
                    "lines": [
                        {
                            "outcome": r.outcome.value,
                            "item": r.item,
                            "description": r.description,
                            "estimate": f"{r.estimate_amount:.2f}",
                            "invoice": f"{r.invoice_amount:.2f}",
                            "difference": f"{r.difference:.2f}",
                            "borne_by": r.borne_by,
                        }
                        for r in result.lines
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for r in result.lines:
        print(
            f"{r.outcome.value:<16} {r.description:<20} {r.estimate_amount:>10.2f} "
            f"{r.invoice_amount:>10.2f} {r.difference:>+10.2f} {r.borne_by}"
        )


# --- partner shops -----------------------------------------------------------------------


def _maintainer(args: argparse.Namespace, engine: Any) -> Any:
    from estimator.domain.workflow import Role

    user = _signed_in(args, engine)
    if not user.roles & {Role.MAINTAINER, Role.ADMIN}:
        raise Rejected(
            t("只有数据维护人员可以维护合作修理厂", "only maintainers manage partner shops")
        )
    return user


def cmd_partner_import(args: argparse.Namespace) -> int:
    from estimator.services.partners import import_partners

    engine = _engine(args)
    user = _maintainer(args, engine)
    result = import_partners(
        engine, Path(args.file), skip_invalid=args.skip_invalid, imported_by=user.username
    )
    if not _report_import(result):
        return REJECTED
    if result.status == "imported":
        print(
            t(
                f"已导入合作修理厂 {result.counts['shops']} 家：读取 {result.rows_read} 行，"
                f"拒绝 {result.rows_rejected} 行",
                f"imported {result.counts['shops']} partner shops: {result.rows_read} rows read, "
                f"{result.rows_rejected} rows rejected",
            )
        )
        _report_rejected_file(result)
    return OK


def cmd_partner_export(args: argparse.Namespace) -> int:
    from estimator.services.partners import export_partners

    try:
        count = export_partners(_engine(args), Path(args.output))
    except OSError as error:
        raise cannot_write(args.output, error) from None
    print(
        t(
            f"已导出合作修理厂 {count} 家到 {args.output}",
            f"{count} partner shops exported to {args.output}",
        )
    )
    return OK


def cmd_partner_list(args: argparse.Namespace) -> int:
    from estimator.services.partners import partner_shops

    for shop in partner_shops(_engine(args)):
        a = shop.agreement
        types = "; ".join(f"{k}:{v.value}" for k, v in sorted(a.price_types.items()))
        print(
            f"{shop.name}\t{shop.shop_class.value}\t{shop.region}\t{a.valid_from}\t"
            f"{a.valid_to}\t{a.default_price_type.value}\t{types}"
        )
    return OK


def cmd_report_guarantee(args: argparse.Namespace) -> int:
    from estimator.services.reports import write_guarantee_report

    engine, dates = _engine(args), _date_range(args)
    try:
        report = write_guarantee_report(engine, *dates, Path(args.output))
    except OSError as error:
        raise cannot_write(args.output, error) from None
    for shop, d in report.by_shop.items():
        print(
            f"{shop}\t{d.certificates}\t{d.reconciled}\t{d.invoice - d.estimate:+.2f}\t"
            f"{d.shop:+.2f}\t{d.customer:+.2f}"
        )
    print(
        t(
            f"{len(report.certificates)} 份承诺书；报表已写入 {args.output}",
            f"{len(report.certificates)} certificates; report written to {args.output}",
        )
    )
    return OK


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from estimator.services.audit import verify_audit

    check = verify_audit(_engine(args), args.head)
    if args.json:
        print(
            json.dumps(
                {
                    "ok": check.ok,
                    "entries": check.entries,
                    "head": check.head,
                    "first_broken": check.first_broken,
                    "reason": check.reason,
                }
            )
        )
    elif check.ok:
        print(
            t(
                f"审计记录完好：{check.entries} 条，链头 {check.head}",
                f"audit trail intact: {check.entries} entries, head {check.head}",
            )
        )
    else:
        print(
            t(
                f"审计记录被改动：第 {check.first_broken} 条起 ({check.reason})",
                f"audit trail broken at entry {check.first_broken} ({check.reason})",
            ),
            file=sys.stderr,
        )
    return OK if check.ok else REJECTED


# --- templates, database, demo ----------------------------------------------------------


def cmd_template(args: argparse.Namespace) -> int:
    from estimator.services.catalog import write_catalog_template
    from estimator.services.flood import write_inventory_template
    from estimator.services.invoices import write_invoice_template
    from estimator.services.labor import write_labor_template
    from estimator.services.partners import write_partner_template

    writers: dict[str, Callable[[Path], None]] = {
        "catalog": write_catalog_template,
        "labor": write_labor_template,
        "partners": write_partner_template,
        "invoice": write_invoice_template,
        "inventory": write_inventory_template,
    }
    writer = writers.get(args.kind)
    if writer is None:
        return not_yet(args)
    try:
        writer(Path(args.output))
    except OSError as error:
        raise cannot_write(args.output, error) from None
    print(t(f"模板已写入 {args.output}", f"template written to {args.output}"))
    return OK


def cmd_flood_assess(args: argparse.Namespace) -> int:
    from estimator.cli.flood import cmd_flood_assess as assess

    return assess(args)


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from estimator.persistence.migrations import current_revision

    engine = _engine(args)
    print(
        t(
            f"数据库已是最新结构 ({current_revision(engine)})",
            f"database is at the newest schema ({current_revision(engine)})",
        )
    )
    return OK


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
    return OK if check.ok else REJECTED


def cmd_db_backup(args: argparse.Namespace) -> int:
    from estimator.domain.workflow import DomainError
    from estimator.services.backup import backup_database, refuse_server_database

    try:
        refuse_server_database(args.db)
        check = backup_database(_engine(args), Path(args.output))
    except DomainError as error:
        raise _domain_error(error) from None
    print(t(f"已备份到 {args.output}", f"backed up to {args.output}"))
    return _print_database_check(check)


def cmd_db_verify(args: argparse.Namespace) -> int:
    from estimator.domain.workflow import DomainError
    from estimator.services.backup import verify_database

    try:
        return _print_database_check(verify_database(Path(args.file)))
    except DomainError as error:
        raise _domain_error(error) from None


def cmd_case_act(args: argparse.Namespace) -> int:
    from estimator.domain.workflow import DomainError
    from estimator.services.cases import NotFound
    from estimator.services.retention import archive_case, delete_case

    engine = _engine(args)
    user = _signed_in(args, engine)
    try:
        if args.action == "archive":
            archive_case(engine, args.id, user, args.reason or "")
        else:
            delete_case(engine, args.id, user)
    except NotFound:
        raise Rejected(t(f"没有案件 {args.id}", f"no case {args.id}")) from None
    except DomainError as error:
        raise _domain_error(error) from None
    done = {"archive": t("已归档", "archived"), "delete": t("已删除", "deleted")}[args.action]
    print(t(f"案件 {args.id} {done}", f"case {args.id} {done}"))
    return OK


def cmd_demo(args: argparse.Namespace) -> int:
    import os

    from estimator.services.demo_cache import DEMO_USERS, fresh_demo_database

    path = fresh_demo_database(Path(args.demo_path) if args.demo_path else None)
    print(t(f"演示数据库已建立: {path}", f"demo database ready: {path}"))
    print(
        t(
            f"命令行: estimator --db sqlite+pysqlite:///{path} …",
            f"command line: estimator --db sqlite+pysqlite:///{path} …",
        )
    )
    from estimator.gui.app import authenticate_while_loading
    from estimator.persistence.database import create_database_engine, sqlite_url

    engine = create_database_engine(sqlite_url(path))
    name, _display, _roles, password = DEMO_USERS[0]
    user = authenticate_while_loading(engine, name, password)
    return open_window(engine, user, os.environ.get("ESTIMATOR_SCREENSHOT"))


def open_window(engine: Any, user: Any, screenshot: str | None = None) -> int:
    """Open the workstation window (Qt is imported only here)."""
    from estimator.gui.app import run as run_gui

    return run_gui(engine, user, screenshot=screenshot)


def not_yet(args: argparse.Namespace) -> int:
    """Commands whose issue has not landed yet say so plainly."""
    print(
        t(
            f"“{args.command_name}” 尚未在此版本中提供",
            f"'{args.command_name}' is not available in this version yet",
        ),
        file=sys.stderr,
    )
    return REJECTED


# --- parser ----------------------------------------------------------------------------


def _actor_argument(parser: argparse.ArgumentParser) -> None:
    """--as USER, required, signed in with the password in ESTIMATOR_PASSWORD."""
    parser.add_argument(
        "--as",
        dest="as_user",
        required=True,
        help=t(
            "操作人 (密码取自 ESTIMATOR_PASSWORD)",
            "who acts (password from ESTIMATOR_PASSWORD)",
        ),
    )


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # exit 2 with a plain message, as argparse does
        self.print_usage(sys.stderr)
        self.exit(USAGE, f"{self.prog}: {t('用法错误', 'usage error')}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The whole command tree; every subcommand has --help."""
    parser = _Parser(
        prog="estimator",
        description=t(
            "定损工作站：机动车保险定损与估损。不带参数时打开工作站。",
            "Estimator: loss assessment for motor-insurance claims. "
            "Without arguments it opens the workstation.",
        ),
    )
    parser.add_argument(
        "--db",
        help=t(
            f"数据库 URL (或环境变量 {DB_ENV})；默认为用户数据目录中的 SQLite",
            f"database URL (or {DB_ENV}); default: SQLite in the user's data folder",
        ),
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help=t("在全新的演示数据库上打开", "open on a fresh demo database"),
    )
    parser.add_argument(
        "--demo-path", help=t("演示数据库文件位置", "where to create the demo database")
    )
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    def command(
        parent: Any,
        name: str,
        help_text: str,
        handler: Callable[[argparse.Namespace], int],
        full_name: str,
    ) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = parent.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=handler, command_name=full_name)
        return p

    catalog = sub.add_parser("catalog", help=t("配件目录", "parts catalog"))
    catalog_sub = catalog.add_subparsers(
        dest="catalog_command", required=True, parser_class=_Parser
    )
    p = command(
        catalog_sub,
        "import",
        t("导入配件目录工作簿", "import a parts catalog workbook"),
        cmd_catalog_import,
        "catalog import",
    )
    p.add_argument("file")
    p.add_argument(
        "--region",
        help=t("工作簿未含地区列时的价格地区", "price region when the workbook has none"),
    )
    p.add_argument(
        "--skip-invalid",
        action="store_true",
        help=t(
            "只导入有效行，无效行写入 <文件>.rejected.xlsx",
            "import the valid rows; write the others to <file>.rejected.xlsx",
        ),
    )
    p = command(
        catalog_sub,
        "search",
        t(
            "搜索配件：中文、拼音首字母或配件编码",
            "search parts: Chinese, pinyin initials or part number",
        ),
        cmd_catalog_search,
        "catalog search",
    )
    p.add_argument("text")
    p.add_argument(
        "--model", help=t("按车型编码排序适配件", "rank parts fitting this model code first")
    )
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true")
    p = command(
        catalog_sub,
        "vin",
        t("按 VIN 查车型并校验", "find the model of a VIN and check it"),
        cmd_catalog_vin,
        "catalog vin",
    )
    p.add_argument("vin")
    p = command(
        catalog_sub,
        "price",
        t("查询某日的配件价格", "a part's price on a date"),
        cmd_catalog_price,
        "catalog price",
    )
    p.add_argument("part_no")
    p.add_argument("--region", required=True)
    p.add_argument(
        "--type", default="oem_4s", help="oem_4s|oem_market|brand|aftermarket|reman|used"
    )
    p.add_argument("--on", help="YYYY-MM-DD")
    command(
        catalog_sub,
        "versions",
        t("目录版本列表", "list catalog versions"),
        cmd_catalog_versions,
        "catalog versions",
    )

    labor = sub.add_parser("labor", help=t("工时标准", "labor standards"))
    labor_sub = labor.add_subparsers(dest="labor_command", required=True, parser_class=_Parser)
    p = command(
        labor_sub,
        "import",
        t("导入工时标准工作簿", "import a labor standards workbook"),
        cmd_labor_import,
        "labor import",
    )
    p.add_argument("file")
    p.add_argument("--skip-invalid", action="store_true")

    p = command(
        sub,
        "template",
        t("写出空白工作簿模板", "write an empty workbook template"),
        cmd_template,
        "template",
    )
    p.add_argument("kind", choices=["catalog", "labor", "inventory", "partners", "invoice"])
    p.add_argument("-o", "--output", required=True)

    estimate = sub.add_parser("estimate", help=t("估损单", "estimates"))
    estimate_sub = estimate.add_subparsers(
        dest="estimate_command", required=True, parser_class=_Parser
    )
    p = command(
        estimate_sub,
        "price",
        t("按数据库为 estimate/1 文档定价", "price an estimate/1 document"),
        cmd_estimate_price,
        "estimate price",
    )
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p = command(
        estimate_sub,
        "import",
        t("将 estimate/1 文档存为新案件草稿", "store an estimate/1 document as a new case's draft"),
        cmd_estimate_import,
        "estimate import",
    )
    p.add_argument("file")
    p.add_argument("--as", dest="as_user", help=t("操作人", "who imports it"))
    for action, zh, en in (
        ("submit", "提交核损", "submit for review"),
        ("return", "核损退回 (须写原因)", "return to the assessor (with --reason)"),
        ("approve", "核损通过", "approve"),
    ):
        p = command(estimate_sub, action, t(zh, en), cmd_estimate_act, f"estimate {action}")
        p.set_defaults(action=action)
        p.add_argument("id")
        _actor_argument(p)
        p.add_argument("--reason")
    p = command(
        estimate_sub,
        "adjust",
        t("核损调整某一行的金额 (须写原因)", "set the reviewer's amount of a line (with --reason)"),
        cmd_estimate_adjust,
        "estimate adjust",
    )
    p.add_argument("id")
    p.add_argument("line", type=int, help=t("行号 (从 1 起)", "line number (from 1)"))
    p.add_argument("amount")
    p.add_argument("--reason")
    _actor_argument(p)
    p = command(
        estimate_sub,
        "diff",
        t("比较两个版本", "compare two versions"),
        cmd_estimate_diff,
        "estimate diff",
    )
    p.add_argument("first")
    p.add_argument("second")
    p.add_argument("--json", action="store_true")
    p = command(
        estimate_sub,
        "export",
        t("导出估损单", "export an estimate"),
        cmd_estimate_export,
        "estimate export",
    )
    p.add_argument("id")
    p.add_argument("--format", choices=["json", "xlsx", "pdf"], required=True)
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--sign-with")
    p.add_argument("--passphrase-env")

    p = command(
        sub,
        "review",
        t("对已存估损单运行核损规则", "run the core-loss review rules"),
        cmd_review,
        "review",
    )
    p.add_argument("id")
    p.add_argument("--json", action="store_true")

    pdf = sub.add_parser("pdf", help="PDF")
    pdf_sub = pdf.add_subparsers(dest="pdf_command", required=True, parser_class=_Parser)
    p = command(
        pdf_sub,
        "verify",
        t("校验已签名的估损单", "verify a signed estimate sheet"),
        cmd_pdf_verify,
        "pdf verify",
    )
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--trust",
        help=t(
            "受信任的证书 (PEM 或 DER，如保险公司 CA)",
            "a trusted certificate (PEM or DER, e.g. the insurer's CA)",
        ),
    )

    flood = sub.add_parser("flood", help=t("存货水浸定损", "flood inventory assessment"))
    flood_sub = flood.add_subparsers(dest="flood_command", required=True, parser_class=_Parser)
    p = command(
        flood_sub,
        "assess",
        t("评估存货水浸损失", "assess flood damage to inventory"),
        cmd_flood_assess,
        "flood assess",
    )
    from estimator.cli import flood as flood_cli

    flood_cli.add_parser(p)

    p = command(
        estimate_sub,
        "notify",
        t("核定后的通知短信文本", "the approval notice texts"),
        cmd_estimate_notify,
        "estimate notify",
    )
    p.add_argument("id")
    p.add_argument(
        "--mark-sent", action="store_true", help=t("记录已发送", "record that it was sent")
    )
    p.add_argument("--as", dest="as_user")

    p = command(
        estimate_sub,
        "event",
        t(
            "记录案件事件 (如拆解时间)，并显示时限",
            "record a case event (e.g. the teardown) and show the deadlines",
        ),
        cmd_estimate_event,
        "estimate event",
    )
    p.add_argument("id")
    p.add_argument(
        "kind",
        choices=["dispatch", "first_contact", "arrival", "survey", "first_photo", "teardown"],
    )
    p.add_argument("--at", help=t("时间 (ISO 8601，默认现在)", "when (ISO 8601, default now)"))
    _actor_argument(p)

    report = sub.add_parser("report", help=t("报表", "reports"))
    report_sub = report.add_subparsers(dest="report_command", required=True, parser_class=_Parser)
    p = command(
        report_sub,
        "time-limits",
        t("时限达成率与前端定损周期 (Excel)", "time-limit compliance and front-end cycle (Excel)"),
        cmd_report_time_limits,
        "report time-limits",
    )
    p.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD")
    p.add_argument("-o", "--output", required=True)

    p = command(
        report_sub,
        "review",
        t("核损提示与核减金额 (Excel)", "review findings and amounts saved (Excel)"),
        cmd_report_review,
        "report review",
    )
    p.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD")
    p.add_argument("-o", "--output", required=True)

    p = command(
        report_sub,
        "guarantee",
        t(
            "无差价承诺：出具与核对的承诺书，按修理厂和月份的差额 (Excel)",
            "guarantee: certificates issued and reconciled, differences by shop and month (Excel)",
        ),
        cmd_report_guarantee,
        "report guarantee",
    )
    p.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD")
    p.add_argument("-o", "--output", required=True)

    invoice = sub.add_parser("invoice", help=t("修理厂结算发票", "the shop's final invoice"))
    invoice_sub = invoice.add_subparsers(
        dest="invoice_command", required=True, parser_class=_Parser
    )
    p = command(
        invoice_sub,
        "reconcile",
        t("将发票与核定的估损单逐项核对", "reconcile an invoice against the approved estimate"),
        cmd_invoice_reconcile,
        "invoice reconcile",
    )
    p.add_argument("estimate_id")
    p.add_argument("invoice")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--save",
        action="store_true",
        help=t(
            "保存核对结果 (用于报表；需 --as)",
            "store the reconciliation (for the report; needs --as)",
        ),
    )
    p.add_argument("--as", dest="as_user")

    partner = sub.add_parser("partner", help=t("合作修理厂", "partner shops"))
    partner_sub = partner.add_subparsers(
        dest="partner_command", required=True, parser_class=_Parser
    )
    p = command(
        partner_sub,
        "import",
        t("导入合作修理厂工作簿 (数据维护)", "import a partner shops workbook (maintainers)"),
        cmd_partner_import,
        "partner import",
    )
    p.add_argument("file")
    p.add_argument(
        "--skip-invalid",
        action="store_true",
        help=t(
            "只导入有效行，无效行写入 <文件>.rejected.xlsx",
            "import the valid rows; write the others to <file>.rejected.xlsx",
        ),
    )
    _actor_argument(p)
    p = command(
        partner_sub,
        "export",
        t("导出合作修理厂工作簿", "export the partner shops as a workbook"),
        cmd_partner_export,
        "partner export",
    )
    p.add_argument("-o", "--output", required=True)
    command(
        partner_sub,
        "list",
        t("合作修理厂列表", "list the partner shops"),
        cmd_partner_list,
        "partner list",
    )

    audit_parser = sub.add_parser("audit", help=t("审计记录", "audit trail"))
    audit_sub = audit_parser.add_subparsers(
        dest="audit_command", required=True, parser_class=_Parser
    )
    p = command(
        audit_sub,
        "verify",
        t("校验审计记录的哈希链", "verify the audit trail's hash chain"),
        cmd_audit_verify,
        "audit verify",
    )
    p.add_argument("--head", help=t("在别处记录的链头哈希", "a head hash recorded elsewhere"))
    p.add_argument("--json", action="store_true")

    user_parser = sub.add_parser("user", help=t("用户", "users"))
    user_sub = user_parser.add_subparsers(dest="user_command", required=True, parser_class=_Parser)
    p = command(
        user_sub,
        "add",
        t(
            "添加用户 (密码取自 ESTIMATOR_NEW_PASSWORD)",
            "add a user (password from ESTIMATOR_NEW_PASSWORD)",
        ),
        cmd_user_add,
        "user add",
    )
    p.add_argument("username")
    p.add_argument(
        "--role",
        action="append",
        required=True,
        choices=["assessor", "reviewer", "maintainer", "admin"],
    )
    p.add_argument("--name")
    p.add_argument(
        "--as",
        dest="as_user",
        help=t("管理员 (首个用户除外)", "an administrator (not for the first user)"),
    )

    cert = sub.add_parser("cert", help=t("签名证书", "signing certificates"))
    cert_sub = cert.add_subparsers(dest="cert_command", required=True, parser_class=_Parser)
    p = command(
        cert_sub,
        "create",
        t(
            "为定损员生成自签名证书 (PKCS#12)",
            "create a self-signed certificate for an assessor (PKCS#12)",
        ),
        cmd_cert_create,
        "cert create",
    )
    p.add_argument("--name", required=True)
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--passphrase-env", required=True)

    db = sub.add_parser("db", help=t("数据库", "database"))
    db_sub = db.add_subparsers(dest="db_command", required=True, parser_class=_Parser)
    command(
        db_sub,
        "upgrade",
        t("升级数据库结构", "migrate the database to the newest schema"),
        cmd_db_upgrade,
        "db upgrade",
    )
    p = command(
        db_sub,
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
    p = command(
        db_sub,
        "verify",
        t(
            "校验数据库文件 (如备份)：完整性、审计链、结构版本",
            "check a database file (e.g. a backup): integrity, audit chain, schema revision",
        ),
        cmd_db_verify,
        "db verify",
    )
    p.add_argument("file")

    case = sub.add_parser("case", help=t("案件", "cases"))
    case_sub = case.add_subparsers(dest="case_command", required=True, parser_class=_Parser)
    for action, zh, en in (
        ("archive", "归档已结案的案件", "archive a closed case"),
        (
            "delete",
            "删除保存期限已满的案件 (管理员)",
            "delete a case whose retention period is over (administrators)",
        ),
    ):
        p = command(case_sub, action, t(zh, en), cmd_case_act, f"case {action}")
        p.set_defaults(action=action)
        p.add_argument("id", help=t("案件编号", "case id"))
        _actor_argument(p)
        if action == "archive":
            p.add_argument("--reason")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``estimator`` console script."""
    from estimator.domain.workflow import DomainError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            if args.demo:
                return cmd_demo(args)
            import os

            # The sign-in dialog first; the database opens behind it, and a refusal (a
            # network share, another workstation on it) is said in a window too.
            from estimator.gui.app import open_workstation

            return open_workstation(args.db, screenshot=os.environ.get("ESTIMATOR_SCREENSHOT"))
        handler: Callable[[argparse.Namespace], int] = args.handler
        return handler(args)
    except UsageError as error:
        print(f"estimator: {t('用法错误', 'usage error')}: {error}", file=sys.stderr)
        return USAGE
    except Rejected as error:
        if str(error):
            print(f"estimator: {error}", file=sys.stderr)
        return REJECTED
    except DomainError as error:
        # A refusal no command words itself (a full disk, a read-only database).
        print(f"estimator: {t(error.message_zh, error.message_en)}", file=sys.stderr)
        return REJECTED
    except DatabaseError as error:  # the server lost in the middle of a command
        print(f"estimator: {error}", file=sys.stderr)
        return REJECTED
    except KeyboardInterrupt:
        return REJECTED
