"""``estimator audit verify``: check the audit trail's hash chain."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from estimator.cli.common import OK, REJECTED, command, group, open_engine, t


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
