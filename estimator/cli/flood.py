"""``estimator flood assess``: the flood inventory assessment from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from estimator.cli.common import (
    OK,
    REJECTED,
    Rejected,
    UsageError,
    cannot_write,
    command,
    group,
    passphrase_from_env,
    print_problems,
    read_input,
    read_photo,
    t,
)
from estimator.cli.tables import pad
from estimator.domain.flood_json import assessment_document, cm
from kernel.money import NotExactError, limit, parse_decimal

if TYPE_CHECKING:
    from estimator.domain.flood import FloodAssessment


def _centimetres(text: str | None, option: str) -> Decimal | None:
    if text is None:
        return None
    try:
        return parse_decimal(text, max_places=2, minimum=Decimal(0), maximum=limit("depth_cm"))
    except (NotExactError, TypeError):
        top = limit("depth_cm")
        raise UsageError(
            t(
                f"{option} 应为 0 至 {top} 的厘米数 (最多 2 位小数): {text}",
                f"{option} takes centimetres from 0 to {top} (at most 2 decimal places): {text}",
            )
        ) from None


def cmd_flood_assess(args: argparse.Namespace) -> int:
    """Assess, then print the summary or the JSON, and write the reports asked for."""
    from estimator.services.flood import assess_flood

    depth = _centimetres(args.depth, "--depth")
    proposed = _centimetres(args.raise_to, "--raise-to")
    outcome = assess_flood(
        Path(args.inventory),
        Path(args.rules),
        depth_cm=depth,
        zone_depths=None if args.zone_depths is None else Path(args.zone_depths),
        proposed_base_height_cm=proposed,
    )
    print_problems(outcome.problems, sys.stderr)
    if outcome.assessment is None:
        errors = sum(1 for p in outcome.problems if p.severity == "error")
        print(
            t(
                f"无法定损：输入有 {errors} 处错误",
                f"cannot assess: the input has {errors} errors",
            ),
            file=sys.stderr,
        )
        return REJECTED
    assessment = outcome.assessment
    _write_reports(args, assessment)
    if args.json:
        print(json.dumps(assessment_document(assessment), ensure_ascii=False, indent=2))
    else:
        print(summary(assessment))
    return OK


def _write_reports(args: argparse.Namespace, assessment: FloodAssessment) -> None:
    from estimator.documents.flood_report import ReportHeader
    from estimator.services.flood import write_flood_pdf, write_flood_workbook

    p12: bytes | None = None
    passphrase = ""
    if args.sign_with:
        if not args.output:
            raise UsageError(t("签名需要 -o 报告.pdf", "signing needs -o REPORT.pdf"))
        passphrase = passphrase_from_env(args.passphrase_env)
        p12 = read_input(args.sign_with)
    photos = tuple((read_photo(photo), Path(photo).name) for photo in args.photo or ())
    header = ReportHeader(
        claim_no=args.claim_no or "",
        insured_name=args.insured or "",
        site=args.site or "",
        assessor=args.assessor or "",
        surveyed_on=args.surveyed_on or "",
        photos=photos,
    )
    target = ""
    try:
        if args.xlsx:
            target = args.xlsx
            write_flood_workbook(assessment, Path(target), header)
            print(t(f"已写入 {target}", f"written to {target}"), file=sys.stderr)
        if args.output:
            target = args.output
            write_flood_pdf(
                assessment, Path(target), header, p12=p12, passphrase=passphrase.encode()
            )
            print(t(f"已写入 {target}", f"written to {target}"), file=sys.stderr)
    except OSError as error:
        raise cannot_write(target, error) from None
    except ValueError as error:  # reportlab's refusal of a photo that is not an image
        raise Rejected(
            t(
                f"无法生成报告 (照片不是图片？): {error}",
                f"cannot make the report (a photo that is not an image?): {error}",
            )
        ) from None


def summary(a: FloodAssessment) -> str:
    """Per category, the site totals and the prevention what-if, as a text table."""
    head = [t("品类", "category"), t("件数", "units"), t("浸水件数", "wet")]
    head += [t("抽样数", "sample"), t("损失", "loss"), t("残值", "salvage"), t("净损失", "net")]
    widths = (16, 9, 9, 8, 16, 14, 16)
    rows = [head]
    for c in a.categories:
        rows.append(
            [
                c.category,
                str(c.units),
                str(c.wet_units),
                str(c.sample_size),
                f"{c.loss:.2f}",
                f"{c.salvage:.2f}",
                f"{c.net:.2f}",
            ]
        )
    totals = a.totals
    rows.append(
        [
            t("合计", "total"),
            str(totals.units),
            str(totals.wet_units),
            "",
            f"{totals.loss:.2f}",
            f"{totals.salvage:.2f}",
            f"{totals.net:.2f}",
        ]
    )
    out = [
        " ".join(
            pad(cell, w, right=i > 0) for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    if a.depth.zones:
        out.append("")
        for z in a.zones:
            depth = "" if z.depth_cm is None else cm(z.depth_cm)
            out.append(
                t(
                    f"区域 {z.zone or '—'}：水深 {depth} 厘米，{z.stacks} 垛，损失 {z.loss:.2f}",
                    f"zone {z.zone or '—'}: {depth} cm of water, {z.stacks} stacks, "
                    f"loss {z.loss:.2f}",
                )
            )
    p = a.prevention
    height = cm(p.proposed_base_height_cm)
    out.append("")
    out.append(
        t(
            f"防灾防损：垫高至 {height} 厘米，损失为 {p.loss:.2f}，可避免损失 {p.avoided:.2f}",
            f"prevention: with bases raised to {height} cm the loss is {p.loss:.2f}; "
            f"{p.avoided:.2f} avoided",
        )
    )
    return "\n".join(out)


def add_parser(sub: Any) -> None:
    """``flood assess``."""
    flood = group(sub, "flood", t("存货水浸定损", "flood inventory assessment"))
    p = command(
        flood,
        "assess",
        t("评估存货水浸损失", "assess flood damage to inventory"),
        cmd_flood_assess,
        "flood assess",
        database=False,
    )
    _add_arguments(p)


def _add_arguments(p: argparse.ArgumentParser) -> None:
    """The arguments of ``flood assess``."""
    p.add_argument("inventory", help=t("存货清单工作簿", "the inventory workbook"))
    p.add_argument("--rules", required=True, help=t("损失规则工作簿", "the loss rules workbook"))
    either = p.add_mutually_exclusive_group(required=True)
    either.add_argument("--depth", help=t("全场水深 (厘米)", "the water depth on site (cm)"))
    either.add_argument(
        "--zone-depths",
        help=t(
            "分区水深工作簿 (工作表 zone_depths: zone, depth_cm)",
            "a workbook of zone depths (sheet zone_depths: zone, depth_cm)",
        ),
    )
    p.add_argument("--json", action="store_true", help=t("输出 JSON", "print JSON"))
    p.add_argument("-o", "--output", help=t("写出 PDF 报告", "write the PDF report"))
    p.add_argument("--xlsx", help=t("写出 Excel 报告", "write the Excel report"))
    p.add_argument("--claim-no", help=t("报案号", "claim number"))
    p.add_argument("--insured", help=t("被保险人", "the insured"))
    p.add_argument("--site", help=t("出险地点", "the site"))
    p.add_argument("--assessor", help=t("定损员", "the assessor"))
    p.add_argument("--surveyed-on", help=t("查勘日期", "survey date"))
    p.add_argument(
        "--photo", action="append", help=t("现场照片 (可多次)", "a site photo (repeatable)")
    )
    p.add_argument(
        "--sign-with", help=t("签名证书 (PKCS#12)", "sign the PDF with this PKCS#12 file")
    )
    p.add_argument(
        "--passphrase-env", help=t("存放证书口令的环境变量", "the variable holding the passphrase")
    )
    p.add_argument(
        "--raise-to",
        help=t(
            "防损测算的垫高高度 (厘米，默认最深水深 + 10)",
            "base height of the prevention what-if (cm; default the deepest water + 10)",
        ),
    )
