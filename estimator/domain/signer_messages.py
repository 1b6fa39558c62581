"""Message templates of trusted signers (reliability.md, promise 15): what a verification
says, why a signature is not trusted, and the refusals of enrolment (zh, en)."""

from __future__ import annotations

from kernel.problems import register_messages

SIGNER_MESSAGES: dict[str, tuple[str, str]] = {
    # What a verification says, first line.
    "sheet_trusted": (
        "可信：签名完好，签名后未被改动；签名人 {name} 使用的是为其登记的证书",
        "trusted: intact, unchanged since signing; {name} signed with the certificate "
        "enrolled for them",
    ),
    "sheet_trusted_ca": (
        "可信：签名完好，签名后未被改动；签名人 {name} 的证书由本机构 CA 签发",
        "trusted: intact, unchanged since signing; {name}'s certificate was issued by the "
        "organisation's CA",
    ),
    "sheet_trusted_given": (
        "可信：签名完好，签名后未被改动；签名人 {name} 的证书由指定的可信机构签发",
        "trusted: intact, unchanged since signing; {name}'s certificate was issued by the "
        "trusted issuer given",
    ),
    "sheet_not_trusted": (
        "不可信：签名完好，但{why}",
        "not trusted: the signature is intact, but {why}",
    ),
    "sheet_altered": ("已被改动或签名无效", "altered, or the signature is invalid"),
    "sheet_unsigned": ("未签名", "not signed"),
    "sheet_signer": ("签名人: {signer}；时间: {at}", "signer: {signer}; time: {at}"),
    # Why an intact signature is not trusted.
    "why_unknown_certificate": (
        "该证书未为 {name} 登记，也不是本机构 CA 签发的",
        "the certificate is not enrolled for {name} and not issued by the organisation's CA",
    ),
    "why_enrolled_to_other": (
        "该证书登记在另一用户 {other} 名下，而签名人是 {name}",
        "the certificate is enrolled to another user, {other}, while the signer is {name}",
    ),
    "why_replaced": (
        "该证书为 {name} 登记至 {until}（已被新证书取代），而签名时间 {at} 在此之后",
        "the certificate was enrolled for {name} until {until} (replaced), and it was "
        "signed after that, at {at}",
    ),
    "why_revoked": (
        "该证书的登记已于 {until} 被吊销",
        "the certificate's enrolment was revoked on {until}",
    ),
    "why_not_yet_enrolled": (
        "签名时间 {at} 早于该证书为 {name} 登记的时间 {since}",
        "it was signed at {at}, before the certificate was enrolled for {name} on {since}",
    ),
    "why_expired": (
        "签名时证书不在有效期内（{not_before} 至 {not_after}）",
        "the certificate was not valid at signing time ({not_before} to {not_after})",
    ),
    "why_subject_mismatch": (
        "证书的主体 {subject} 不是签名人 {name}",
        "the certificate's subject {subject} does not name the signer {name}",
    ),
    "why_no_signer": (
        "文件未写明本系统已知的签名人（{author}）",
        "the document names no signer known here ({author})",
    ),
    "why_signer_not_assessor": (
        "签名写明的签名人 {named} 不是文件上的定损员 {author}",
        "the signature names {named} as signer, but the document's assessor is {author}",
    ),
    # Enrolment and the organisation CA.
    "cert_admin_only": (
        "只有管理员可以管理签名证书",
        "only an administrator manages signing certificates",
    ),
    "cert_no_user": ("没有用户 {name}", "no user {name}"),
    "cert_unreadable": ("无法读取证书：{detail}", "cannot read the certificate: {detail}"),
    "cert_subject_mismatch": (
        "证书的主体 {subject} 不是用户 {name}（{display}）",
        "the certificate's subject {subject} does not name the user {name} ({display})",
    ),
    "cert_not_valid_now": (
        "证书不在有效期内（{not_before} 至 {not_after}）",
        "the certificate is not valid now ({not_before} to {not_after})",
    ),
    "cert_already_enrolled": (
        "该证书已为 {name} 登记",
        "this certificate is already enrolled for {name}",
    ),
    "cert_enrolled_elsewhere": (
        "该证书已登记在 {other} 名下，不能再登记给 {name}",
        "this certificate is enrolled to {other}; it cannot be enrolled for {name} too",
    ),
    "cert_none_enrolled": ("{name} 没有已登记的证书", "{name} has no enrolled certificate"),
    "cert_enrolled": (
        "已为 {name} 登记证书（SHA-256 指纹 {fingerprint}）",
        "certificate enrolled for {name} (SHA-256 fingerprint {fingerprint})",
    ),
    "cert_replaced": (
        "原证书 {old} 的登记到此为止；此前用它签名的文件仍然可信",
        "the previous certificate {old} is enrolled until now; what it signed before stays trusted",
    ),
    "cert_revoked": (
        "已吊销 {name} 的证书 {fingerprint}：用它签名的文件均不再可信",
        "{name}'s certificate {fingerprint} revoked: nothing signed with it is trusted any more",
    ),
    "cert_written": ("证书已写入 {path}", "certificate written to {path}"),
    "cert_no_passphrase": (
        "环境变量 {variable} 中没有口令",
        "no passphrase in {variable}",
    ),
    "ca_exists": (
        "本机构 CA 已存在（指纹 {fingerprint}）",
        "the organisation's CA exists already (fingerprint {fingerprint})",
    ),
    "ca_missing": (
        "尚未创建本机构 CA（estimator cert ca create）",
        "there is no organisation CA yet (estimator cert ca create)",
    ),
    "ca_mismatch": (
        "该文件不是已配置的本机构 CA（指纹 {fingerprint}）",
        "this file is not the organisation's configured CA (fingerprint {fingerprint})",
    ),
    "ca_created": (
        "本机构 CA 已创建：{path}（SHA-256 指纹 {fingerprint}）",
        "the organisation's CA created: {path} (SHA-256 fingerprint {fingerprint})",
    ),
    "sign_not_trusted": (
        "不能用此证书签名：{why}",
        "cannot sign with this certificate: {why}",
    ),
    # The commands' help and list words.
    "help_cert": ("签名证书", "signing certificates"),
    "help_cert_create": (
        "为用户生成自签名证书 (PKCS#12) 并登记",
        "create a self-signed certificate for a user (PKCS#12) and enrol it",
    ),
    "help_cert_name": ("证书上的姓名 (默认为用户姓名)", "the name on the certificate"),
    "help_cert_enrol": (
        "登记用户的签名证书 (.pem/.crt/.der，或 .p12 口令取自 {variable})",
        "enrol a user's signing certificate (.pem/.crt/.der, or .p12 with the passphrase "
        "in {variable})",
    ),
    "help_cert_revoke": ("吊销用户的证书登记", "revoke a user's enrolment"),
    "help_cert_fingerprint": (
        "吊销这一证书 (SHA-256 指纹) 的登记，即使已被取代；默认为现用证书",
        "revoke the enrolment of this certificate (SHA-256 fingerprint), even a replaced "
        "one; default: the current one",
    ),
    "help_cert_list": ("列出已登记的证书", "list the enrolled certificates"),
    "help_cert_issue": (
        "由本机构 CA 为用户签发证书并登记",
        "issue a user a certificate from the CA, enrolled",
    ),
    "help_cert_ca_file": ("CA 文件 (默认在用户数据目录中)", "the CA's PKCS#12 file"),
    "help_ca": ("本机构 CA", "the organisation's CA"),
    "help_ca_create": (
        "创建本机构 CA (口令取自 {variable})",
        "create the organisation's CA (passphrase from {variable})",
    ),
    "help_ca_output": ("默认在用户数据目录中", "default: the data folder"),
    "help_passphrase_env": (
        "存放证书口令的环境变量 (默认 {variable})",
        "the variable holding the certificate's passphrase (default {variable})",
    ),
    "help_pdf_verify": (
        "校验已签名的估损单 (签名人证书须已登记或由本机构 CA 签发)",
        "verify a signed estimate sheet (the signer's certificate must be enrolled, or "
        "issued by the organisation's CA)",
    ),
    "help_pdf_trust": (
        "另一个可信的签发证书 (PEM 或 DER，如保险公司 CA)；证书主体仍须是签名人",
        "a further trusted issuing certificate (PEM or DER, e.g. the insurer's CA); the "
        "certificate's subject must still name the signer",
    ),
    "trust_unreadable": (
        "无法读取证书 {path}: {detail}",
        "cannot read the certificate {path}: {detail}",
    ),
    "list_ca": ("本机构 CA", "organisation CA"),
    "list_replaced": ("已取代", "replaced"),
    "list_revoked": ("已吊销", "revoked"),
}

register_messages(SIGNER_MESSAGES)
