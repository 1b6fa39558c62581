"""``estimator audit verify``: check the audit trail's hash chain."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from estimator.cli.common import OK, REJECTED, command, group, open_engine, say
from kernel.problems import render


def add_parser(sub: Any) -> None:
    """``audit verify [--head HASH] [--json]``."""
    audit = group(sub, "audit", say("audit.audit_trail"))
    p = command(
        audit,
        "verify",
        say("audit.verify_audit_trail_s"),
        cmd_audit_verify,
        "audit verify",
    )
    p.add_argument("--head", help=say("help.audit.head_hash_recorded_elsewhere"))
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
        print(say("audit.audit_trail_intact_entries", entries=check.entries, head=check.head))
    else:
        print(
            say(
                "audit.audit_trail_broken_entry",
                first_broken=check.first_broken,
                reason=check.reason,
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
