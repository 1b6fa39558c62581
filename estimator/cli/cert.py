"""``estimator cert``: signing certificates for assessors."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from estimator.cli.common import OK, UsageError, command, group, t
from estimator.domain.field_rules import check_fields


def add_parser(sub: Any) -> None:
    """``cert create --name NAME -o FILE --passphrase-env VAR``."""
    cert = group(sub, "cert", t("签名证书", "signing certificates"))
    p = command(
        cert,
        "create",
        t(
            "为定损员生成自签名证书 (PKCS#12)",
            "create a self-signed certificate for an assessor (PKCS#12)",
        ),
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

    check_fields({"certificate_name": args.name})
    passphrase = os.environ.get(args.passphrase_env, "")
    if not passphrase:
        raise UsageError(
            t(
                f"环境变量 {args.passphrase_env} 中没有口令",
                f"no passphrase in {args.passphrase_env}",
            )
        )
    Path(args.output).write_bytes(create_self_signed_p12(args.name, passphrase.encode()))
    print(
        t(
            f"已为 {args.name} 生成自签名证书 {args.output}",
            f"self-signed certificate for {args.name} written to {args.output}",
        )
    )
    return OK
