"""``estimator pdf verify``: check a signed estimate sheet (signer, time, intact or altered)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from estimator.cli.common import OK, REJECTED, Rejected, command, group, read_input, t


def add_parser(sub: Any) -> None:
    """``pdf verify FILE [--json] [--trust CERT]``."""
    pdf = group(sub, "pdf", "PDF")
    p = command(
        pdf,
        "verify",
        t("校验已签名的估损单", "verify a signed estimate sheet"),
        cmd_pdf_verify,
        "pdf verify",
        database=False,
    )
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--trust",
        help=t(
            "受信任的证书 (PEM 或 DER，如保险公司 CA)",
            "a trusted certificate (PEM or DER, e.g. the insurer's CA)",
        ),
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
                t(
                    f"无法读取证书 {args.trust}: {error}",
                    f"cannot read the certificate {args.trust}: {error}",
                )
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
            "intact": t("完好，签名后未被改动", "intact: unchanged since signing"),
            "altered": t("已被改动或签名无效", "altered, or the signature is invalid"),
            "unsigned": t("未签名", "not signed"),
        }
        print(f"{words[state]}")
        if result.signed:
            when = result.signing_time.isoformat() if result.signing_time else "?"
            print(
                t(
                    f"签名人: {result.signer}；时间: {when}；证书{'受信任' if result.trusted else '未在信任列表中'}",
                    f"signer: {result.signer}; time: {when}; certificate "
                    f"{'trusted' if result.trusted else 'not in the trust list'}",
                )
            )
    return OK if result.ok else REJECTED
