"""``estimator pdf verify``: check a signed estimate sheet (signer, time, intact or altered)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from estimator.cli.common import OK, REJECTED, Rejected, command, group, read_input, say
from kernel.problems import Problem


def add_parser(sub: Any) -> None:
    """``pdf verify FILE [--json] [--trust CERT]``."""
    pdf = group(sub, "pdf", "PDF")
    p = command(
        pdf,
        "verify",
        say("pdf.verify_signed_estimate_sheet"),
        cmd_pdf_verify,
        "pdf verify",
        database=False,
    )
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--trust",
        help=say("help.pdf.trusted_certificate_pem_der"),
    )


def _certificate_der(data: bytes) -> bytes:
    """A certificate as DER, from PEM or DER."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    if data.lstrip().startswith(b"-----BEGIN"):
        return x509.load_pem_x509_certificate(data).public_bytes(Encoding.DER)
    return x509.load_der_x509_certificate(data).public_bytes(Encoding.DER)


def cmd_pdf_verify(args: argparse.Namespace) -> int:
    """Say whether a signed sheet is intact, altered or unsigned (exit 1 unless intact)."""
    from estimator.documents.signing import verify_pdf

    data = read_input(args.file)
    trusted = None
    if args.trust:
        try:
            trusted = _certificate_der(Path(args.trust).read_bytes())
        except (OSError, ValueError) as error:
            raise Rejected(
                say("pdf.cannot_read_certificate", trust=args.trust, error=error)
            ) from None
    result = verify_pdf(data, trusted)
    state = "intact" if result.ok else ("unsigned" if not result.signed else "altered")
    if args.json:
        print(
            json.dumps(
                {
                    "state": state,
                    "signed": result.signed,
                    "intact": result.intact,
                    "trusted": result.trusted,
                    "signer": result.signer,
                    "signing_time": result.signing_time.isoformat()
                    if result.signing_time
                    else None,
                    "coverage": result.coverage,
                    "later_revisions": result.later_revisions,
                    "timestamped": result.timestamped,
                    "detail": result.detail,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        words = {
            "intact": say("pdf.intact_unchanged_since_signing"),
            "altered": say("pdf.altered_signature_invalid"),
            "unsigned": say("pdf.not_signed"),
        }
        print(f"{words[state]}")
        if result.signed:
            when = result.signing_time.isoformat() if result.signing_time else "?"
            print(
                say(
                    "pdf.signer",
                    signer=result.signer,
                    when=when,
                    trust=Problem("pdf.trusted" if result.trusted else "pdf.not_trusted"),
                )
            )
    return OK if result.ok else REJECTED
