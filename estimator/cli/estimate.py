"""``estimator estimate``: price, import, move through review, adjust, compare, notify, record
events, export.

A missing estimate (the services' ``NotFound``), a refusal (``DomainError``) and an output
that cannot be written are worded by ``main``'s one error handler.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from estimator.cli import objects  # noqa: F401 - registers the texts of import --case
from estimator.cli.common import (
    OK,
    REJECTED,
    UsageError,
    actor_argument,
    command,
    group,
    open_engine,
    passphrase_from_env,
    print_problems,
    read_input,
    read_text,
    say,
    signed_in,
)
from estimator.cli.flood_guide import add_commands as add_flood_commands
from estimator.cli.payout import add_command as add_payout_command
from estimator.cli.tables import priced_table
from estimator.domain.clocks import CLOCK_ZH, EventKind
from estimator.domain.errors import DomainError
from estimator.domain.field_events import check_event
from estimator.domain.workflow import EstimateStatus, Role, status_words
from kernel.clock import from_local, to_local, utcnow
from kernel.money import NotExactError, limit, parse_decimal
from kernel.problems import Worded, in_language, register_messages, render

if TYPE_CHECKING:
    from estimator.services.database import Database
    from estimator.services.users import User

register_messages(
    {
        "help.estimate.within_authority": (
            "定损员在本人定损权限内核定自己的现场定损估损单",
            "the assessor approves their own on-site estimate within their authority",
        ),
        "estimate.approved_within_authority": (
            "已在定损权限内核定，客户可在现场签字",
            "approved within authority: the customer may sign at the scene",
        ),
        "estimate.drawn_for_sample_check": (
            "本单已抽中抽检，将由核损员复查",
            "drawn for a sample check: a reviewer will check it",
        ),
    }
)

_ACTIONS = (
    ("submit", "estimate.submit_command"),
    ("return", "estimate.return_command"),
    ("approve", "estimate.approve_command"),
)
_EVENTS = (
    "report",
    "dispatch",
    "first_contact",
    "arrival",
    "entrustment",
    "survey",
    "first_photo",
    "teardown",
    "items_confirmed",
    "documents_collected",
)


def add_parser(sub: Any) -> None:
    """``estimate price|import|submit|return|approve|adjust|diff|export|notify|event``."""
    estimate = group(sub, "estimate", say("estimate.estimates"))
    p = command(
        estimate,
        "price",
        say("estimate.price_estimate_1_document"),
        cmd_estimate_price,
        "estimate price",
    )
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p = command(
        estimate,
        "import",
        say("estimate.store_estimate_1_document"),
        cmd_estimate_import,
        "estimate import",
    )
    p.add_argument("file")
    p.add_argument("--case", help=say("help.estimate.import_case"))
    actor_argument(p)
    for action, words in _ACTIONS:
        p = command(estimate, action, say(words), cmd_estimate_act, f"estimate {action}")
        p.set_defaults(action=action)
        p.add_argument("id")
        actor_argument(p)
        if action == "submit":
            p.add_argument(
                "--reason",
                action="append",
                default=[],
                metavar="RULE=TEXT",
                help=say("help.estimate.submit_reason"),
            )
        else:
            p.add_argument("--reason")
        if action == "approve":
            p.add_argument(
                "--within-authority",
                action="store_true",
                help=say("help.estimate.within_authority"),
            )
    p = command(
        estimate,
        "adjust",
        say("estimate.set_reviewer_s_amount"),
        cmd_estimate_adjust,
        "estimate adjust",
    )
    p.add_argument("id")
    p.add_argument("line", type=int, help=say("help.estimate.line_number_1"))
    p.add_argument("amount")
    p.add_argument("--reason")
    actor_argument(p)
    p = command(
        estimate,
        "diff",
        say("estimate.compare_two_versions"),
        cmd_estimate_diff,
        "estimate diff",
    )
    p.add_argument("first")
    p.add_argument("second")
    p.add_argument("--json", action="store_true")
    _add_later_commands(estimate)


def _add_later_commands(estimate: Any) -> None:
    """``estimate export|notify|event|payout|flood-guide|flood-add``."""
    p = command(
        estimate,
        "export",
        say("estimate.export_estimate"),
        cmd_estimate_export,
        "estimate export",
    )
    p.add_argument("id")
    p.add_argument("--format", choices=["json", "xlsx", "pdf"], required=True)
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--sign-with")
    p.add_argument("--passphrase-env")
    p = command(
        estimate,
        "notify",
        say("estimate.approval_notice_texts"),
        cmd_estimate_notify,
        "estimate notify",
    )
    p.add_argument("id")
    p.add_argument(
        "--mark-sent",
        action="store_true",
        help=say("help.estimate.record_was_sent"),
    )
    actor_argument(p)
    p = command(
        estimate,
        "event",
        say("estimate.record_case_event_e"),
        cmd_estimate_event,
        "estimate event",
    )
    p.add_argument("id")
    p.add_argument("kind", choices=list(_EVENTS))
    p.add_argument("--at", help=say("help.estimate.when_iso_8601_default"))
    p.add_argument("--note", default="", help=say("help.estimate.event_note"))
    actor_argument(p)
    add_payout_command(estimate)  # estimate payout (payout.py)
    add_flood_commands(estimate)  # estimate flood-guide, flood-add (flood_guide.py)


def cmd_estimate_price(args: argparse.Namespace) -> int:
    """Price an ``estimate/1`` document without storing it."""
    from estimator.services.estimates import price_document

    result = price_document(open_engine(args), read_text(args.file))
    for warning in result.warnings:
        print(say("catalog.warning") + warning, file=sys.stderr)
    if result.problems or result.document is None or result.priced is None:
        print_problems(result.problems, sys.stderr)
        return REJECTED
    if args.json:
        print(json.dumps(result.document, ensure_ascii=False, indent=2))
        return OK

    print(priced_table(result.priced))
    return OK


def cmd_estimate_import(args: argparse.Namespace) -> int:
    """Store a document as a new case's draft (or, with ``--case``, its ``object`` in that
    case: a new loss object or the object's next version), written by the signed-in
    assessor; the draft's id alone on the last line."""
    from estimator.services.estimate_store import import_estimate
    from estimator.services.loss_objects import import_into_case

    engine = open_engine(args)
    author = signed_in(args, engine, {Role.ASSESSOR}).username
    if args.case:
        result = import_into_case(engine, read_text(args.file), args.case, actor=author)
    else:
        result = import_estimate(engine, read_text(args.file), actor=author)
    if result.problems or result.estimate_id is None:
        print_problems(result.problems, sys.stderr)
        return REJECTED
    done = "estimate.object_added_draft" if args.case else "estimate.case_created_draft_estimate"
    print(say(done, case_id=result.case_id))
    print(result.estimate_id)
    return OK


def cmd_estimate_act(args: argparse.Namespace) -> int:
    """Submit, return or approve an estimate as the signed-in user."""
    from estimator.services import workflow

    engine = open_engine(args)
    user = signed_in(args, engine)
    if args.action == "approve" and args.within_authority:
        return _approve_within_authority(engine, args.id, user)
    actions = {
        "submit": lambda: _submit(engine, args.id, user, args.reason),
        "return": lambda: workflow.return_estimate(engine, args.id, user, args.reason or ""),
        "approve": lambda: workflow.approve(engine, args.id, user, args.reason or ""),
    }
    status = actions[args.action]()
    print(say("estimate.estimate_now", id=args.id, status=status_words(status)))
    if args.action == "approve":
        from estimator.services.guarantee import certificate_of

        certificate = certificate_of(engine, args.id)
        if certificate is not None and certificate.matches:  # the guarantee is named at once
            print(
                say(
                    "estimate.guarantee_certificate",
                    number=certificate.number,
                    valid_to=certificate.valid_to.isoformat(),
                )
            )
    return OK


def _approve_within_authority(engine: Any, estimate_id: str, user: User) -> int:
    """The assessor approves their own on-site version within their authority (定损权限)."""
    from estimator.services import authority

    status = authority.approve_within_authority(engine, estimate_id, user)
    print(say("estimate.estimate_now", id=estimate_id, status=status_words(status)))
    print(say("estimate.approved_within_authority"))
    if authority.sample_state(engine, estimate_id).sampled:
        print(say("estimate.drawn_for_sample_check"))
    return OK


def _submit(engine: Database, estimate_id: str, user: User, given: list[str]) -> EstimateStatus:
    """Submit with a reason per rule for every open warning (``--reason RULE=TEXT``): a
    warning without one refuses the submission in words, as the editor's dialog does."""
    from estimator.services import workflow
    from estimator.services.review import review_estimate
    from estimator.services.submission import by_rule

    reasons = {}
    for text in given:
        rule, equals, reason = text.partition("=")
        if not equals or not rule.strip():
            raise DomainError("estimate.reason_format", given=text)
        reasons[rule.strip().upper()] = reason.strip()
    per_finding = by_rule(review_estimate(engine, estimate_id), reasons)
    return workflow.submit(engine, estimate_id, user, reasons=per_finding)


def cmd_estimate_adjust(args: argparse.Namespace) -> int:
    """Set the reviewer's amount of one line (numbered from 1)."""
    from estimator.services import estimate_store, review_queue

    engine = open_engine(args)
    user = signed_in(args, engine)
    try:
        amount = parse_decimal(args.amount, max_places=2, maximum=limit("amount"))
    except NotExactError as error:
        reason = render(error.code, {"places": 2, "minimum": 0, "maximum": error.bound})
        raise UsageError(f"{args.amount}: {reason}") from None
    review_queue.adjust_line(engine, args.id, args.line - 1, amount, args.reason or "", user)
    totals = estimate_store.approved_totals(engine, args.id)
    print(say("estimate.reviewed_total", total=totals.total))
    return OK


def cmd_estimate_diff(args: argparse.Namespace) -> int:
    """Compare two versions line by line, then the totals that changed."""
    from estimator.services import estimate_store

    result = estimate_store.diff(open_engine(args), args.first, args.second)
    if args.json:
        print(json.dumps(_diff_document(result), ensure_ascii=False, indent=2))
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


def _diff_document(result: Any) -> dict[str, Any]:
    """``estimate diff --json``: the changed lines and every total before and after."""
    return {
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
    }


def cmd_estimate_notify(args: argparse.Namespace) -> int:
    """Print the approval notices; with --mark-sent, record that they were sent."""
    from estimator.services import workflow

    engine = open_engine(args)
    user = signed_in(args, engine, {Role.ASSESSOR, Role.REVIEWER}) if args.mark_sent else None
    notice = workflow.approval_notice(engine, args.id)
    if user is not None:
        workflow.record_notification_sent(engine, args.id, user)
    print(say("estimate.customer"))
    print(notice.to_customer)
    print(say("estimate.shop"))
    print(notice.to_shop)
    return OK


def cmd_estimate_event(args: argparse.Namespace) -> int:
    """Record a case event, then print the case's deadlines."""
    from estimator.services import estimate_store, workflow
    from estimator.services.settings import display_zone

    engine = open_engine(args)
    user = signed_in(args, engine, {Role.ASSESSOR})
    zone = display_zone(engine)  # the administrators' display.timezone, read once
    try:
        at = dt.datetime.fromisoformat(args.at) if args.at else None
        if at is not None:
            at = from_local(at, zone)  # a time typed without a zone is local time
        kind = EventKind(args.kind)
    except ValueError as error:
        raise UsageError(str(error)) from None
    check_event(kind, at, utcnow(), args.note, args.at or "")  # never in the future
    stored = estimate_store.load_estimate(engine, args.id)
    workflow.record_event(engine, stored.case_id, kind, user.username, at, args.note)
    now = utcnow()
    for clock in workflow.case_deadlines(engine, args.id):
        late = clock.late_hours(now)
        state = say(f"estimate.clock_{clock.state(now).value}", hours=late)
        name = in_language(Worded(CLOCK_ZH.get(clock.name, clock.name), clock.name))
        print(f"{name}\t{state}\t{to_local(clock.due, zone):%Y-%m-%d %H:%M}")
    return OK


def cmd_estimate_export(args: argparse.Namespace) -> int:
    """Write an estimate as JSON, a workbook or the sheet (signed when a key is given)."""
    from estimator.services.documents import export_estimate, export_signed_sheet

    if args.sign_with and args.format != "pdf":
        raise UsageError(say("estimate.only_pdf_can_signed"))
    p12 = read_input(args.sign_with) if args.sign_with else b""
    if args.sign_with:
        passphrase = passphrase_from_env(args.passphrase_env)
        export_signed_sheet(open_engine(args), args.id, Path(args.output), p12, passphrase.encode())
    else:
        export_estimate(open_engine(args), args.id, args.format, Path(args.output))
    print(say("estimate.written", output=args.output))
    return OK
