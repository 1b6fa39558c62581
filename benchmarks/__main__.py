"""``python -m benchmarks [--quick] [--json]``: run the benchmarks and report."""

from __future__ import annotations

import argparse
import dataclasses
import json
import platform
import sys
from typing import Any

from benchmarks import (
    catalog_import,
    catalog_search,
    flood,
    memory,
    pricing,
    reference_copy,
    sheet,
    startup,
    team,
)
from benchmarks.harness import Result


def _print_table(results: list[Result]) -> None:
    print(f"{'name':<42} {'value':>10} {'floor':>10} {'ratio':>7}  detail")
    for r in results:
        floor = "" if r.floor is None else f"{r.floor:>10}"
        ratio = "" if r.ratio is None else f"{r.ratio:>7}"
        print(f"{r.name:<42} {r.value:>7} {r.unit:<2} {floor} {ratio}  {r.target} {r.detail}")
    sys.stdout.flush()


def _team(args: argparse.Namespace) -> int:
    """The team load test: exit 1 when a check fails or any call erred."""
    plan = team.Plan.quick(args.seed) if args.quick else team.Plan(seed=args.seed)
    changes: dict[str, Any] = {}
    if args.assessors is not None:
        changes["assessors"] = args.assessors
    if args.reviewers is not None:
        changes["reviewers"] = args.reviewers
    if args.minutes is not None:
        changes["seconds"] = args.minutes * 60
    plan = dataclasses.replace(plan, **changes)
    url = None if args.postgresql in (None, "auto") else args.postgresql
    results, outcome = team.run(plan, url, explicit=url is not None)
    if args.json:
        print(json.dumps([r.as_json() for r in results], ensure_ascii=False, indent=2))
    else:
        _print_table(results)
    return 0 if outcome.ok else 1


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark; print a table or JSON."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--json", action="store_true", help="print a JSON list of results")
    parser.add_argument("--parts", type=int, default=1_000_000, help="catalog size for search")
    parser.add_argument(
        "--only",
        choices=[
            "pricing",
            "search",
            "import",
            "startup",
            "pdf",
            "flood",
            "memory",
            "team",
            "reference",
        ],
        help="run one benchmark",
    )
    parser.add_argument(
        "--postgresql",
        nargs="?",
        const="auto",
        metavar="URL",
        help="also measure search on PostgreSQL: on the server at URL, or (no URL) on a "
        "throwaway server on loopback",
    )
    parser.add_argument("--assessors", type=int, help="team: assessors (default 40, quick 8)")
    parser.add_argument("--reviewers", type=int, help="team: reviewers (default 6, quick 2)")
    parser.add_argument("--minutes", type=float, help="team: length (default 5, quick 0.5)")
    parser.add_argument("--seed", type=int, default=1, help="team: the think times' seed")
    args = parser.parse_args(argv)
    if args.only == "team":
        return _team(args)
    repeat = 30 if args.quick else 200
    results: list[Result] = []
    if args.only in (None, "pricing"):
        results += pricing.run(max(10, repeat // 4))
    if args.only in (None, "search"):
        results += catalog_search.run(args.parts, repeat)
        if args.postgresql:
            url = None if args.postgresql == "auto" else args.postgresql
            results += catalog_search.run_postgresql(args.parts, repeat, url)
        results += startup.run_typeahead(args.parts, 3 if args.quick else 10)
    if args.only in (None, "import"):
        results += catalog_import.run(1 if args.quick else 3)
    if args.only in (None, "pdf"):
        results += sheet.run(5 if args.quick else 20)
    if args.only in (None, "flood"):
        results += flood.run(3 if args.quick else 7)
    if args.only in (None, "startup"):
        results += startup.run_startup(5 if args.quick else 15)
    if args.only in (None, "memory"):
        results += memory.run(args.parts)
    if args.only == "reference":  # a laptop's check-out (asked for by name: it builds its own)
        results += reference_copy.run()
        if args.postgresql:
            results += reference_copy.run_postgresql()
    if args.json:
        print(json.dumps([r.as_json() for r in results], ensure_ascii=False, indent=2))
        return 0
    print(
        f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, "
        f"Python {platform.python_version()}, SQLite {__import__('sqlite3').sqlite_version}"
    )
    _print_table(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
