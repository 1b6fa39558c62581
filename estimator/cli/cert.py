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
    say,
    signed_in,
)
from estimator.domain import signer_messages  # noqa: F401 - registers the words used here
from estimator.domain.field_rules import check_fields
from estimator.domain.workflow import Role

#: The passphrase of a certificate file read or written (``--passphrase-env`` names another).
CERT_PASSWORD_ENV = "ESTIMATOR_CERT_PASSWORD"
#: The passphrase of the organisation CA's key file.
CA_PASSWORD_ENV = "ESTIMATOR_CA_PASSWORD"


def add_parser(sub: Any) -> None:
    """``cert create|enrol|revoke|list|issue`` and ``cert ca create``."""
    cert = group(sub, "cert", say("help_cert"))
    p = command(
        cert,
        "create",
        say("help_cert_create"),
        cmd_cert_create,
        "cert create",
    )
    p.add_argument("username")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--name", help=say("help_cert_name"))
    _passphrase_argument(p)
    actor_argument(p)
    p = command(
        cert,
        "enrol",
        say("help_cert_enrol", variable=CERT_PASSWORD_ENV),
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
        say("help_cert_revoke"),
        cmd_cert_revoke,
        "cert revoke",
    )
    p.add_argument("username")
    p.add_argument("--fingerprint", default="", help=say("help_cert_fingerprint"))
    actor_argument(p)
    p = command(
        cert,
        "list",
        say("help_cert_list"),
        cmd_cert_list,
        "cert list",
    )
    p.add_argument("username", nargs="?")
    p = command(
        cert,
        "issue",
        say("help_cert_issue"),
        cmd_cert_issue,
        "cert issue",
    )
    p.add_argument("username")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--ca", help=say("help_cert_ca_file"))
    _passphrase_argument(p)
    actor_argument(p)
    ca = group(cert, "ca", say("help_ca"))
    p = command(
        ca,
        "create",
        say("help_ca_create", variable=CA_PASSWORD_ENV),
        cmd_ca_create,
        "cert ca create",
    )
    p.add_argument("-o", "--output", help=say("help_ca_output"))
    p.add_argument("--name", default="Estimator CA")
    actor_argument(p)


def _passphrase_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase-env",
        default=CERT_PASSWORD_ENV,
        help=say("help_passphrase_env", variable=CERT_PASSWORD_ENV),
    )


def _passphrase(variable: str, *, required: bool = True) -> bytes:
    passphrase = os.environ.get(variable, "")
    if required and not passphrase:
        raise UsageError(say("cert_no_passphrase", variable=variable))
    return passphrase.encode()


def _write_new(output: str, data: bytes, *, overwrite: bool = True) -> None:
    """Write a key file; one that exists is refused when it must not be replaced (a CA)."""
    try:
        with Path(output).open("wb" if overwrite else "xb") as file:
            file.write(data)
    except OSError as error:
        raise cannot_write(output, error) from None


def _enrolled(enrolment: Any) -> None:
    print(say("cert_enrolled", name=enrolment.username, fingerprint=enrolment.fingerprint))
    if enrolment.replaced:
        print(say("cert_replaced", old=enrolment.replaced))


def cmd_cert_create(args: argparse.Namespace) -> int:
    """Write a new self-signed PKCS#12 certificate for the user and enrol it."""
    from estimator.services.signers import create_certificate

    engine = open_engine(args)
    actor = signed_in(args, engine, {Role.ADMIN})  # the signers' register: administrators
    passphrase = _passphrase(args.passphrase_env)
    if args.name:
        check_fields({"certificate_name": args.name})  # what X.509 can hold, said in words
    p12 = create_certificate(engine, args.username, passphrase, actor=actor, name=args.name or "")
    _keep_and_enrol(engine, args, p12, passphrase, actor)
    return OK


def _keep_and_enrol(
    engine: Any, args: argparse.Namespace, p12: bytes, passphrase: bytes, actor: Any
) -> None:
    """Write the new key file, then enrol its certificate (no enrolment without the file)."""
    from estimator.services.signers import enrol_certificate, read_certificate_file

    _write_new(args.output, p12)
    print(say("cert_written", path=args.output))
    facts = read_certificate_file(p12, passphrase)
    _enrolled(enrol_certificate(engine, args.username, facts, actor=actor))


def cmd_cert_enrol(args: argparse.Namespace) -> int:
    """Enrol the certificate in FILE for the user (the previous one kept, enrolled until now)."""
    from estimator.services.signers import enrol_certificate, read_certificate_file

    engine = open_engine(args)
    actor = signed_in(args, engine, {Role.ADMIN})  # the signers' register: administrators
    facts = read_certificate_file(
        read_input(args.file), _passphrase(args.passphrase_env, required=False) or None
    )
    _enrolled(enrol_certificate(engine, args.username, facts, actor=actor))
    return OK


def cmd_cert_revoke(args: argparse.Namespace) -> int:
    """End the user's enrolment for good."""
    from estimator.services.signers import revoke_certificate

    engine = open_engine(args)
    actor = signed_in(args, engine, {Role.ADMIN})  # the signers' register: administrators
    ended = revoke_certificate(engine, args.username, actor=actor, fingerprint=args.fingerprint)
    print(say("cert_revoked", name=ended.username, fingerprint=ended.fingerprint))
    return OK


def cmd_cert_list(args: argparse.Namespace) -> int:
    """One line per enrolment: whose, fingerprint, from, until (and how it ended)."""
    from estimator.services.signers import enrolments, stamp

    for row in enrolments(open_engine(args), args.username):
        who = row.username or say("list_ca")
        until = stamp(row.ended_at) if row.ended_at else ""
        ended = {"replaced": say("list_replaced"), "revoked": say("list_revoked")}
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
    actor = signed_in(args, engine, {Role.ADMIN})  # the signers' register: administrators
    passphrase = _passphrase(CA_PASSWORD_ENV)
    output = args.output or str(default_ca_path())
    ca = create_ca(engine, args.name, passphrase, actor=actor)
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    _write_new(output, ca, overwrite=False)
    configured = configure_ca(engine, ca, passphrase, actor=actor)
    print(say("ca_created", path=output, fingerprint=configured.fingerprint))
    return OK


def cmd_cert_issue(args: argparse.Namespace) -> int:
    """Write a certificate the CA issues to the user (PKCS#12), enrolled."""
    from estimator.services.signers import default_ca_path, issue_certificate

    engine = open_engine(args)
    actor = signed_in(args, engine, {Role.ADMIN})  # the signers' register: administrators
    ca_file = args.ca or str(default_ca_path())
    if not Path(ca_file).exists():
        raise Rejected(say("ca_missing"))
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
