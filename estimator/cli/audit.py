"""``estimator audit verify``: check the audit trail's hash chain."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from estimator.cli.common import OK, REJECTED, command, group, open_engine, say


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
    """Say whether the chain is intact (exit 1 when it is broken)."""
    from estimator.services.audit import verify_audit

    check = verify_audit(open_engine(args), args.head)
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
    return OK if check.ok else REJECTED
