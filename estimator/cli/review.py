"""``estimator review ID``: the core-loss review rules run on a stored estimate."""

from __future__ import annotations

import argparse
import json
from typing import Any

from estimator.cli.common import OK, command, open_engine, say
from kernel.problems import current_language


def add_parser(sub: Any) -> None:
    """``review ID [--json]``."""
    p = command(
        sub,
        "review",
        say("review.run_core_loss_review"),
        cmd_review,
        "review",
    )
    p.add_argument("id")
    p.add_argument("--json", action="store_true")


def cmd_review(args: argparse.Namespace) -> int:
    """Print the review's findings (a missing estimate is said by ``main``)."""
    from estimator.services.review import review_estimate

    findings = review_estimate(open_engine(args), args.id)
    language = current_language()
    if args.json:
        document = {
            "findings": [
                {
                    "rule": f.rule,
                    "severity": f.severity.value,
                    "line": f.line,
                    "message": f.message(language),
                }
                for f in findings
            ]
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return OK
    if not findings:
        print(say("review.no_findings"))
    for f in findings:
        line = "" if f.line is None else say("review.line", line=f.line + 1)
        print(f"{f.rule} [{f.severity.value}] {line}{f.message(language)}")
    return OK
