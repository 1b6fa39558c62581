"""``estimator report``: the Excel reports of a period (time limits, review, guarantee)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from estimator.cli.common import (
    OK,
    UsageError,
    actor_argument,
    command,
    date_range,
    group,
    open_engine,
    period_arguments,
    say,
    signed_in,
)
from estimator.cli.tables import pad, width
from estimator.domain.clocks import CLOCK_NAMES, CLOCK_STATE_ZH, CLOCK_ZH
from estimator.domain.pending import BUCKET_EN, BUCKET_ZH
from kernel.clock import to_local
from kernel.problems import current_language


def add_parser(sub: Any) -> None:
    """``report time-limits|review|guarantee --from DATE --to DATE -o FILE`` and ``report
    indicators --from DATE --to DATE [--json] [-o FILE]``."""
    report = group(sub, "report", say("report.reports"))
    p = command(
        report,
        "time-limits",
        say("report.time_limit_compliance_front"),
        cmd_report_time_limits,
        "report time-limits",
    )
    period_arguments(p)
    p = command(
        report,
        "review",
        say("report.review_findings_amounts_saved"),
        cmd_report_review,
        "report review",
    )
    period_arguments(p)
    p = command(
        report,
        "guarantee",
        say("report.guarantee_certificates_issued_reconciled"),
        cmd_report_guarantee,
        "report guarantee",
    )
    period_arguments(p)
    p = command(
        report,
        "indicators",
        say("report.service_indicators"),
        cmd_report_indicators,
        "report indicators",
    )
    p.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD")
    p.add_argument("--json", action="store_true", help=say("report.print_json_document"))
    p.add_argument("-o", "--output", help=say("report.indicators_workbook_file"))
    p = command(
        report, "pending", say("report.pending_command"), cmd_report_pending, "report pending"
    )
    p.add_argument("--assessor", help=say("report.pending_assessor"))
    p.add_argument("--json", action="store_true")
    p.add_argument("-o", "--output")
    p.add_argument("--mark-reviewed", action="store_true", help=say("report.pending_mark_reviewed"))
    actor_argument(p)


def cmd_report_pending(args: argparse.Namespace) -> int:
    """The pending lists, printed (or as JSON) and written as a workbook; or, with
    --mark-reviewed, the assessor's list marked reviewed by the signed-in manager."""
    from estimator.services.pending import (
        REVIEWERS,
        mark_pending_reviewed,
        pending_document,
        pending_lists,
        write_pending_report,
    )

    engine = open_engine(args)
    if args.mark_reviewed:
        if not args.assessor:
            raise UsageError(say("report.pending_needs_assessor"))
        manager = signed_in(args, engine, REVIEWERS)
        marked = mark_pending_reviewed(engine, args.assessor, manager)
        print(say("report.pending_reviewed", assessor=args.assessor, count=len(marked.cases)))
        return OK
    lists = pending_lists(engine, args.assessor)
    if args.output:
        write_pending_report(lists, Path(args.output))
    if args.json:
        print(json.dumps(pending_document(lists), ensure_ascii=False, indent=2))
    else:
        _print_pending(lists)
    if args.output and not args.json:
        print(say("report.report_written", output=args.output))
    return OK


def _print_pending(lists: list[Any]) -> None:
    english = current_language() == "en"
    for p in lists:
        words = BUCKET_EN if english else BUCKET_ZH
        buckets = ", ".join(f"{words[b]} {n}" for b, n in p.counts.items())
        reviewed = (
            to_local(p.reviewed_at, p.zone).strftime("%Y-%m-%d %H:%M")
            if p.reviewed_at
            else say("report.pending_never")
        )
        due = say("report.pending_due") if p.review_due else ""
        print(
            say(
                "report.pending_header",
                assessor=p.assessor,
                count=len(p.cases),
                buckets=buckets,
                reviewed=reviewed,
                due=due,
            )
        )
        for c in p.cases:
            clock = ""
            if c.clock is not None and c.clock_state is not None:
                name = c.clock.name if english else CLOCK_ZH.get(c.clock.name, c.clock.name)
                state = c.clock_state.value if english else CLOCK_STATE_ZH[c.clock_state.value]
                owner = c.clock_title("en" if english else "zh")  # a third party's clock
                clock = f"{owner} {name} {state}".strip()
            print(
                f"  {c.claim_no}\t{c.plate}\t{c.age_days}\t{words[c.bucket]}\t{clock}\t{c.reason}"
            )


def cmd_report_time_limits(args: argparse.Namespace) -> int:
    """Time-limit compliance per deadline, printed and written as a workbook."""
    from estimator.services.reports import write_time_limit_report

    engine, dates = open_engine(args), date_range(args)
    rows = write_time_limit_report(engine, *dates, Path(args.output))
    for r in rows:
        rate = "—" if r.rate is None else f"{r.rate:.1%}"
        print(f"{r.name}\t{r.cases}\t{rate}")
    print(say("report.report_written", output=args.output))
    return OK


def cmd_report_review(args: argparse.Namespace) -> int:
    """Review findings per rule, printed and written as a workbook."""
    from estimator.services.reports import write_review_report

    report = write_review_report(open_engine(args), *date_range(args), Path(args.output))
    for rule, count in report.by_rule.items():
        print(f"{rule}\t{count}")
    print(say("report.cases_report_written", cases=report.cases, output=args.output))
    return OK


def cmd_report_guarantee(args: argparse.Namespace) -> int:
    """Guarantee certificates and their differences per shop, printed and written."""
    from estimator.services.reports import write_guarantee_report

    engine, dates = open_engine(args), date_range(args)
    report = write_guarantee_report(engine, *dates, Path(args.output))
    for shop, d in report.by_shop.items():
        print(
            f"{shop}\t{d.certificates}\t{d.reconciled}\t{d.invoice - d.estimate:+.2f}\t"
            f"{d.shop:+.2f}\t{d.customer:+.2f}"
        )
    print(
        say(
            "report.certificates_report_written", count=len(report.certificates), output=args.output
        )
    )
    return OK


#: The columns of the readable indicators table: (document key, message code, is a ratio).
_INDICATOR_COLUMNS = (
    ("cases", "report.column_cases", False),
    ("front_end_cycle_avg_days", "report.column_cycle_avg", False),
    ("front_end_cycle_median_days", "report.column_cycle_median", False),
    ("front_end_cycle_within_target", "report.column_within_target", True),
    ("resubmission_compliance", "report.column_resubmission", True),
    ("escalations", "report.column_escalations", False),
    ("chases", "report.column_chases", False),
    ("penalty", "report.column_penalty", False),
    ("onsite_collection_rate", "report.column_onsite", True),
    ("deviation", "report.column_deviation", True),
    ("supplements_per_case", "report.column_supplements", False),
    ("review_hours_avg", "report.column_review_hours", False),
    ("returns_per_submission", "report.column_returns", False),
)


def _cell(value: Any, ratio: bool = False) -> str:
    """A figure as the table shows it: a ratio as a percentage, a dash where none."""
    if value is None:
        return "—"
    return f"{float(value):.1%}" if ratio else str(value)


def text_table(header: list[str], body: list[list[str]]) -> list[str]:
    """Aligned text lines: the first column to the left, the figures to the right."""
    widths = [max(width(line[i]) for line in [header, *body]) for i in range(len(header))]
    return [
        "  ".join(pad(cell, widths[i], right=i > 0) for i, cell in enumerate(line))
        for line in [header, *body]
    ]


def indicator_table(rows: list[dict[str, Any]], key: str, title: str) -> list[str]:
    """The figures of ``rows`` (by assessor or group), then their attainment per clock."""
    header = [title, *(say(code) for _k, code, _r in _INDICATOR_COLUMNS)]
    body = [
        [str(row[key]), *(_cell(row[k], ratio) for k, _c, ratio in _INDICATOR_COLUMNS)]
        for row in rows
    ]
    clocks = [c for c in CLOCK_NAMES if any(c in row["attainment"] for row in rows)]
    if not clocks:
        return text_table(header, body)
    attained = [
        [str(row[key]), *(_cell(row["attainment"].get(c), True) for c in clocks)] for row in rows
    ]
    return [
        *text_table(header, body),
        "",
        say("report.attainment_heading"),
        *text_table([title, *(say(f"report.clock_{c}") for c in clocks)], attained),
    ]


def cmd_report_indicators(args: argparse.Namespace) -> int:
    """The service indicators of a period: JSON, or tables per assessor and group; and the
    workbook with charts when -o is given."""
    from estimator.services.indicators import indicators_document, write_indicators_workbook

    start, end = date_range(args)
    if end < start:
        raise UsageError(say("report.period_backwards", start=start, end=end))
    engine = open_engine(args)
    if args.output:
        document = write_indicators_workbook(engine, start, end, Path(args.output))
    else:
        document = indicators_document(engine, start, end)
    if args.json:
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return OK
    print(say("report.indicators_heading", start=document["from"], end=document["to"]))
    print()
    assessors = document["by_assessor"]
    print("\n".join(indicator_table(assessors, "assessor", say("report.column_assessor"))))
    print()
    groups = [{**row, "group": say(f"report.group_{row['group']}")} for row in document["by_group"]]
    print("\n".join(indicator_table(groups, "group", say("report.column_group"))))
    if args.output:
        print(say("report.report_written", output=args.output))
    return OK
