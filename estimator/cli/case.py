"""``estimator case``: a case's retention (archive a closed case, delete an expired one), its
chases (催问), its pending reason (未决原因), its on-site documents (现场单证) and its routing
(``queue.py``: the large-case queue and the escalations)."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from estimator.cli.common import (
    OK,
    UsageError,
    actor_argument,
    command,
    group,
    open_engine,
    say,
    signed_in,
)
from estimator.cli.objects import add_command as add_objects_command
from estimator.cli.queue import add_commands
from estimator.domain.onsite_documents import ITEM_WORDS, PROCEDURE_WORDS, STATE_WORDS
from kernel.clock import from_local, to_local
from kernel.problems import current_language

_ACTIONS = (("archive", "case.archive_command"), ("delete", "case.delete_command"))


def add_parser(sub: Any) -> None:
    """``case archive|delete ID --as USER``."""
    case = group(sub, "case", say("case.cases"))
    for action, words in _ACTIONS:
        p = command(case, action, say(words), cmd_case_act, f"case {action}")
        # A missing id is a missing case, not a missing estimate (``main`` words it).
        p.set_defaults(action=action, missing="case")
        p.add_argument("id", help=say("help.case.case_id"))
        actor_argument(p)
        if action == "archive":
            p.add_argument("--reason")
    p = command(case, "chase", say("case.chase_command"), cmd_case_chase, "case chase")
    p.set_defaults(missing="case")
    p.add_argument("id", help=say("help.case.case_id"))
    p.add_argument("--by", required=True, help=say("case.chase_by"))
    p.add_argument("--via", required=True, help=say("case.chase_via"))
    p.add_argument("--note", default="", help=say("case.chase_note"))
    p.add_argument("--at", help=say("help.estimate.when_iso_8601_default"))
    actor_argument(p)
    p = command(
        case,
        "pending-reason",
        say("case.pending_reason_command"),
        cmd_case_pending_reason,
        "case pending-reason",
    )
    p.set_defaults(missing="case")
    p.add_argument("id", help=say("help.case.case_id"))
    p.add_argument("text", help=say("case.pending_reason_text"))
    actor_argument(p)
    p = command(
        case, "documents", say("case.documents_command"), cmd_case_documents, "case documents"
    )
    p.set_defaults(missing="case")
    p.add_argument("id", help=say("help.case.case_id"))
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="ITEM=STATE",
        dest="states",
        help=say("case.documents_set"),
    )
    p.add_argument("--procedure", help=say("case.documents_procedure"))
    p.add_argument("--at", help=say("help.estimate.when_iso_8601_default"))
    actor_argument(p)
    add_commands(case)  # the large-case queue and the escalations (queue.py)
    add_objects_command(case)  # case objects (objects.py)


def cmd_case_act(args: argparse.Namespace) -> int:
    """Archive or delete a case as the signed-in user."""
    from estimator.services.retention import archive_case, delete_case

    engine = open_engine(args)
    user = signed_in(args, engine)
    if args.action == "archive":
        archive_case(engine, args.id, user, args.reason or "")
    else:
        delete_case(engine, args.id, user)
    done = {"archive": say("case.archived"), "delete": say("case.deleted")}[args.action]
    print(say("case.case", id=args.id, done=done))
    return OK


def cmd_case_chase(args: argparse.Namespace) -> int:
    """Record a chase of a case as the signed-in user; print its count and penalty."""
    from estimator.services.chases import RECORDERS, record_chase

    engine = open_engine(args)
    user = signed_in(args, engine, RECORDERS)
    try:
        # A time typed without a zone is Shanghai time.
        at = from_local(dt.datetime.fromisoformat(args.at)) if args.at else None
    except ValueError as error:
        raise UsageError(str(error)) from None
    result = record_chase(engine, args.id, args.by, args.via, user, args.note, at)
    print(say("case.chased", id=args.id, count=result.count, penalty=f"{result.penalty:,.2f}"))
    return OK


def cmd_case_pending_reason(args: argparse.Namespace) -> int:
    """Record why a case is still pending, as the signed-in assessor."""
    from estimator.services.pending import REASON_WRITERS, set_pending_reason

    engine = open_engine(args)
    user = signed_in(args, engine, REASON_WRITERS)
    reason = set_pending_reason(engine, args.id, args.text, user)
    print(say("case.pending_reason_set", id=args.id, reason=reason))
    return OK


def cmd_case_documents(args: argparse.Namespace) -> int:
    """Choose the procedure and record items' states (signed in), then print the checklist."""
    from estimator.services import onsite_documents as documents
    from estimator.services.settings import display_zone

    engine = open_engine(args)
    zone = display_zone(engine)
    pairs = []
    for text in args.states:
        item, equals, state = text.partition("=")
        if not equals:
            raise UsageError(say("case.documents_set_form", value=text))
        pairs.append((item, state))
    if args.procedure or pairs:
        user = signed_in(args, engine, documents.RECORDERS)
        try:
            at = from_local(dt.datetime.fromisoformat(args.at), zone) if args.at else None
        except ValueError as error:
            raise UsageError(str(error)) from None
        if args.procedure:
            documents.set_procedure(engine, args.id, args.procedure, user)
        for item, state in pairs:
            documents.record_document(engine, args.id, item, state, user, at)
    _print_checklist(args.id, documents.document_checklist(engine, args.id), zone)
    return OK


def _print_checklist(case_id: str, checklist: Any, zone: str) -> None:
    english = current_language() == "en"
    procedure = PROCEDURE_WORDS[checklist.procedure][english]
    print(say("case.documents_of", id=case_id, procedure=procedure))
    for number, item in enumerate(checklist.items, 1):
        when = f"{to_local(item.at, zone):%Y-%m-%d %H:%M} {item.recorded_by}" if item.at else ""
        what, how = ITEM_WORDS[item.item][english], STATE_WORDS[item.state][english]
        print(f"{number}. {what}\t{how}\t{when}".rstrip())
    yes_no = say("case.yes") if checklist.complete_at_survey else say("case.no")
    print(say("case.documents_at_survey", answer=yes_no))
    if checklist.collected_at is not None:
        at = f"{to_local(checklist.collected_at, zone):%Y-%m-%d %H:%M}"
        print(say("case.documents_collected", at=at))
