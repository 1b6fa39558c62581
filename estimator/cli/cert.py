"""``estimator cert``: signing certificates for assessors."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from estimator.cli.common import OK, UsageError, command, group, say


def add_parser(sub: Any) -> None:
    """``cert create --name NAME -o FILE --passphrase-env VAR``."""
    cert = group(sub, "cert", say("cert.signing_certificates"))
    p = command(
        cert,
        "create",
        say("cert.create_self_signed_certificate"),
        cmd_cert_create,
        "cert create",
        database=False,
    )
    p.add_argument("--name", required=True)
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--passphrase-env", required=True)


def cmd_cert_create(args: argparse.Namespace) -> int:
    """Write a self-signed PKCS#12 certificate locked with the passphrase of the variable."""
    from estimator.documents.signing import create_self_signed_p12

    passphrase = os.environ.get(args.passphrase_env, "")
    if not passphrase:
        raise UsageError(say("cert.no_passphrase", variable=args.passphrase_env))
    Path(args.output).write_bytes(create_self_signed_p12(args.name, passphrase.encode()))
    print(say("cert.written", name=args.name, output=args.output))
    return OK
