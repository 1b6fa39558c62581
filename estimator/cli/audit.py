"""``estimator audit verify``: check the audit trail's hash chain."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from estimator.cli.common import OK, REJECTED, command, group, open_engine, t
from kernel.problems import render


def add_parser(sub: Any) -> None:
    """``audit verify [--head HASH] [--json]``."""
    audit = group(sub, "audit", t("审计记录", "audit trail"))
    p = command(
        audit,
        "verify",
        t("校验审计记录的哈希链", "verify the audit trail's hash chain"),
        cmd_audit_verify,
        "audit verify",
    )
    p.add_argument("--head", help=t("在别处记录的链头哈希", "a head hash recorded elsewhere"))
    p.add_argument("--json", action="store_true")


def cmd_audit_verify(args: argparse.Namespace) -> int:
    """Say whether the chain is intact and every submitted, approved or signed version still
    matches it (exit 1 naming each version that does not)."""
    from estimator.services.audit import verify_audit
    from estimator.services.binding import verify_bindings

    engine = open_engine(args)
    check = verify_audit(engine, args.head)
    content = verify_bindings(engine)
    if args.json:
        print(
            json.dumps(
                {
                    "ok": check.ok and content.ok,
                    "entries": check.entries,
                    "head": check.head,
                    "first_broken": check.first_broken,
                    "reason": check.reason,
                    "content": {
                        "ok": content.ok,
                        "checked": content.checked,
                        "problems": [p.as_dict() for p in content.problems],
                    },
                },
                ensure_ascii=False,
            )
        )
        return OK if check.ok and content.ok else REJECTED
    if check.ok:
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
    print_bindings(content)
    return OK if check.ok and content.ok else REJECTED


def print_bindings(content: Any) -> None:
    """The content check's summary and each version it names (``db verify`` shares it)."""
    if content.ok:
        print(render("bindings_intact", {"count": content.checked}))
    else:
        print(render("bindings_broken", {"count": len(content.failures)}), file=sys.stderr)
    for problem in content.failures:
        print(f"  {problem.message()}", file=sys.stderr)
    for problem in content.not_bound:
        print(f"  {problem.message()}")
