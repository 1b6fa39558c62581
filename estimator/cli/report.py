"""``estimator report``: the Excel reports of a period (time limits, review, guarantee)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from estimator.cli.common import OK, command, date_range, group, open_engine, period_arguments, say


def add_parser(sub: Any) -> None:
    """``report time-limits|review|guarantee --from DATE --to DATE -o FILE``."""
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
