"""``estimator pdf verify``: check a signed estimate sheet: intact or altered, and trusted
only when signed with the certificate enrolled for the signer it names (or one the
organisation's CA issued them); exit 1 otherwise."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from estimator.cli.common import OK, REJECTED, Rejected, command, group, open_engine, read_input, t


def add_parser(sub: Any) -> None:
    """``pdf verify FILE [--json] [--trust CERT]``."""
    pdf = group(sub, "pdf", "PDF")
    p = command(
        pdf,
        "verify",
        t(
            "校验已签名的估损单 (签名人证书须已登记或由本机构 CA 签发)",
            "verify a signed estimate sheet (the signer's certificate must be enrolled, or "
            "issued by the organisation's CA)",
        ),
        cmd_pdf_verify,
        "pdf verify",
    )
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--trust",
        help=t(
            "另一个可信的签发证书 (PEM 或 DER，如保险公司 CA)；证书主体仍须是签名人",
            "a further trusted issuing certificate (PEM or DER, e.g. the insurer's CA); the "
            "certificate's subject must still name the signer",
        ),
    )


def _certificate_der(path: str) -> bytes:
    """The certificate in ``path`` as DER (PEM or DER), or a refusal saying why not."""
    from estimator.domain.errors import DomainError
    from estimator.services.signers import read_certificate_file

    try:
        return read_certificate_file(Path(path).read_bytes()).der
    except (OSError, DomainError) as error:
        raise Rejected(
            t(f"无法读取证书 {path}: {error}", f"cannot read the certificate {path}: {error}")
        ) from None


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
            from kernel.problems import render

            when = stamp(result.signing_time) if result.signing_time else "?"
            print(render("sheet_signer", {"signer": check.holder, "at": when}))
    return OK if check.trusted else REJECTED
