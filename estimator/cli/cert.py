"""``estimator cert``: users' signing certificates, enrolled by an administrator (their
SHA-256 fingerprints kept with the users), and the organisation CA that may issue them."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from estimator.cli.common import (
    OK,
    Rejected,
    UsageError,
    actor_argument,
    cannot_write,
    command,
    group,
    open_engine,
    read_input,
    signed_in,
    t,
)
from kernel.problems import render

#: The passphrase of a certificate file read or written (``--passphrase-env`` names another).
CERT_PASSWORD_ENV = "ESTIMATOR_CERT_PASSWORD"
#: The passphrase of the organisation CA's key file.
CA_PASSWORD_ENV = "ESTIMATOR_CA_PASSWORD"


def add_parser(sub: Any) -> None:
    """``cert create|enrol|revoke|list|issue`` and ``cert ca create``."""
    cert = group(sub, "cert", t("签名证书", "signing certificates"))
    p = command(
        cert,
        "create",
        t(
            "为用户生成自签名证书 (PKCS#12) 并登记",
            "create a self-signed certificate for a user (PKCS#12) and enrol it",
        ),
        cmd_cert_create,
        "cert create",
    )
    p.add_argument("username")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--name", help=t("证书上的姓名 (默认为用户姓名)", "the name on the certificate"))
    _passphrase_argument(p)
    actor_argument(p)
    p = command(
        cert,
        "enrol",
        t(
            f"登记用户的签名证书 (.pem/.crt/.der，或 .p12 口令取自 {CERT_PASSWORD_ENV})",
            f"enrol a user's signing certificate (.pem/.crt/.der, or .p12 with the "
            f"passphrase in {CERT_PASSWORD_ENV})",
        ),
        cmd_cert_enrol,
        "cert enrol",
    )
    p.add_argument("username")
    p.add_argument("file")
    _passphrase_argument(p)
    actor_argument(p)
    p = command(
        cert,
        "revoke",
        t("吊销用户的证书登记", "revoke a user's enrolment"),
        cmd_cert_revoke,
        "cert revoke",
    )
    p.add_argument("username")
    actor_argument(p)
    p = command(
        cert,
        "list",
        t("列出已登记的证书", "list the enrolled certificates"),
        cmd_cert_list,
        "cert list",
    )
    p.add_argument("username", nargs="?")
    p = command(
        cert,
        "issue",
        t("由本机构 CA 为用户签发证书并登记", "issue a user a certificate from the CA, enrolled"),
        cmd_cert_issue,
        "cert issue",
    )
    p.add_argument("username")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--ca", help=t("CA 文件 (默认在用户数据目录中)", "the CA's PKCS#12 file"))
    _passphrase_argument(p)
    actor_argument(p)
    ca = group(cert, "ca", t("本机构 CA", "the organisation's CA"))
    p = command(
        ca,
        "create",
        t(
            f"创建本机构 CA (口令取自 {CA_PASSWORD_ENV})",
            f"create the organisation's CA (passphrase from {CA_PASSWORD_ENV})",
        ),
        cmd_ca_create,
        "cert ca create",
    )
    p.add_argument("-o", "--output", help=t("默认在用户数据目录中", "default: the data folder"))
    p.add_argument("--name", default="Estimator CA")
    actor_argument(p)


def _passphrase_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase-env",
        default=CERT_PASSWORD_ENV,
        help=t(
            f"存放证书口令的环境变量 (默认 {CERT_PASSWORD_ENV})",
            f"the variable holding the certificate's passphrase (default {CERT_PASSWORD_ENV})",
        ),
    )


def _passphrase(variable: str, *, required: bool = True) -> bytes:
    passphrase = os.environ.get(variable, "")
    if required and not passphrase:
        raise UsageError(render("cert_no_passphrase", {"variable": variable}))
    return passphrase.encode()


def _write_new(output: str, data: bytes, *, overwrite: bool = True) -> None:
    """Write a key file; one that exists is refused when it must not be replaced (a CA)."""
    try:
        with Path(output).open("wb" if overwrite else "xb") as file:
            file.write(data)
    except OSError as error:
        raise cannot_write(output, error) from None


def _enrolled(enrolment: Any) -> None:
    print(
        render("cert_enrolled", {"name": enrolment.username, "fingerprint": enrolment.fingerprint})
    )
    if enrolment.replaced:
        print(render("cert_replaced", {"old": enrolment.replaced}))


def cmd_cert_create(args: argparse.Namespace) -> int:
    """Write a new self-signed PKCS#12 certificate for the user and enrol it."""
    from estimator.services.signers import create_certificate

    engine = open_engine(args)
    actor = signed_in(args, engine)
    passphrase = _passphrase(args.passphrase_env)
    p12 = create_certificate(engine, args.username, passphrase, actor=actor, name=args.name or "")
    _keep_and_enrol(engine, args, p12, passphrase, actor)
    return OK


def _keep_and_enrol(
    engine: Any, args: argparse.Namespace, p12: bytes, passphrase: bytes, actor: Any
) -> None:
    """Write the new key file, then enrol its certificate (no enrolment without the file)."""
    from estimator.services.signers import enrol_certificate, read_certificate_file

    _write_new(args.output, p12)
    print(render("cert_written", {"path": args.output}))
    facts = read_certificate_file(p12, passphrase)
    _enrolled(enrol_certificate(engine, args.username, facts, actor=actor))


def cmd_cert_enrol(args: argparse.Namespace) -> int:
    """Enrol the certificate in FILE for the user (the previous one kept, enrolled until now)."""
    from estimator.services.signers import enrol_certificate, read_certificate_file

    engine = open_engine(args)
    actor = signed_in(args, engine)
    facts = read_certificate_file(
        read_input(args.file), _passphrase(args.passphrase_env, required=False) or None
    )
    _enrolled(enrol_certificate(engine, args.username, facts, actor=actor))
    return OK


def cmd_cert_revoke(args: argparse.Namespace) -> int:
    """End the user's enrolment for good."""
    from estimator.services.signers import revoke_certificate

    engine = open_engine(args)
    ended = revoke_certificate(engine, args.username, actor=signed_in(args, engine))
    print(render("cert_revoked", {"name": ended.username, "fingerprint": ended.fingerprint}))
    return OK


def cmd_cert_list(args: argparse.Namespace) -> int:
    """One line per enrolment: whose, fingerprint, from, until (and how it ended)."""
    from estimator.services.signers import enrolments, stamp

    for row in enrolments(open_engine(args), args.username):
        who = row.username or t("本机构 CA", "organisation CA")
        until = stamp(row.ended_at) if row.ended_at else ""
        ended = {"replaced": t("已取代", "replaced"), "revoked": t("已吊销", "revoked")}
        print(
            "\t".join(
                [who, row.fingerprint, stamp(row.enrolled_at), until, ended.get(row.ended_how, "")]
            ).rstrip()
        )
    return OK


def cmd_ca_create(args: argparse.Namespace) -> int:
    """Create the organisation's CA: its key file written, its certificate configured."""
    from estimator.services.signers import configure_ca, create_ca, default_ca_path

    engine = open_engine(args)
    actor = signed_in(args, engine)
    passphrase = _passphrase(CA_PASSWORD_ENV)
    output = args.output or str(default_ca_path())
    ca = create_ca(engine, args.name, passphrase, actor=actor)
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    _write_new(output, ca, overwrite=False)
    configured = configure_ca(engine, ca, passphrase, actor=actor)
    print(render("ca_created", {"path": output, "fingerprint": configured.fingerprint}))
    return OK


def cmd_cert_issue(args: argparse.Namespace) -> int:
    """Write a certificate the CA issues to the user (PKCS#12), enrolled."""
    from estimator.services.signers import default_ca_path, issue_certificate

    engine = open_engine(args)
    actor = signed_in(args, engine)
    ca_file = args.ca or str(default_ca_path())
    if not Path(ca_file).exists():
        raise Rejected(render("ca_missing"))
    passphrase = _passphrase(args.passphrase_env)
    p12 = issue_certificate(
        engine,
        args.username,
        read_input(ca_file),
        _passphrase(CA_PASSWORD_ENV),
        passphrase,
        actor=actor,
    )
    _keep_and_enrol(engine, args, p12, passphrase, actor)
    return OK
