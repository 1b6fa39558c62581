"""``estimator pdf verify``: check a signed estimate sheet: intact or altered, and trusted
only when signed with the certificate enrolled for the signer it names (or one the
organisation's CA issued them); exit 1 otherwise."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from estimator.cli.common import (
    OK,
    REJECTED,
    Rejected,
    command,
    group,
    open_engine,
    read_input,
    say,
)
from estimator.domain import signer_messages  # noqa: F401 - registers the words used here
from estimator.domain.errors import DomainError


def add_parser(sub: Any) -> None:
    """``pdf verify FILE [--json] [--trust CERT]``."""
    pdf = group(sub, "pdf", "PDF")
    p = command(
        pdf,
        "verify",
        say("help_pdf_verify"),
        cmd_pdf_verify,
        "pdf verify",
    )
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--trust",
        help=say("help_pdf_trust"),
    )


def _certificate_der(path: str) -> bytes:
    """The certificate in ``path`` as DER (PEM or DER), or a refusal saying why not."""
    from estimator.services.signers import read_certificate_file

    try:
        return read_certificate_file(Path(path).read_bytes()).der
    except (OSError, DomainError) as error:
        raise Rejected(say("trust_unreadable", path=path, detail=str(error))) from None


def cmd_pdf_verify(args: argparse.Namespace) -> int:
    """Say whether a signed sheet is trusted, not trusted (why), altered or unsigned (exit 1
    unless trusted)."""
    from estimator.services.signer_trust import verify_sheet
    from estimator.services.signers import stamp

    data = read_input(args.file)
    also = [_certificate_der(args.trust)] if args.trust else []
    check = verify_sheet(open_engine(args), data, also)
    result = check.verification
    if args.json:
        print(
            json.dumps(
                {
                    "state": check.state,
                    "signed": result.signed,
                    "intact": result.intact,
                    "trusted": check.trusted,
                    "why": check.reason(),
                    "why_code": check.why,
                    "via": check.via,
                    "signer": result.signer,
                    "holder": check.holder,
                    "signer_user": check.username,
                    "fingerprint": check.fingerprint,
                    "signing_time": result.signing_time.isoformat()
                    if result.signing_time
                    else None,
                    "coverage": result.coverage,
                    "later_revisions": result.later_revisions,
                    "timestamped": result.timestamped,
                    "detail": result.detail,
                    "words": check.words(),
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print(check.words())
        if result.signed:
            when = stamp(result.signing_time) if result.signing_time else "?"
            print(say("sheet_signer", signer=check.holder, at=when))
    return OK if check.trusted else REJECTED
