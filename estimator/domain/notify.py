"""Approval notices (workflow.md): the approved amount, for the customer and for the shop. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from estimator.domain.words import amount_in_words
from kernel.problems import register_messages, render

#: The guarantee's repair window in days from approval, unless configured otherwise.
REPAIR_WINDOW_DAYS = 30

#: The expected payment as the notice discloses it once, in full (settlement.md); the
#: notice texts are Chinese (SMS to Chinese customers), the English for the logs and tests.
NOTICE_MESSAGES: dict[str, tuple[str, str]] = {
    "notice.expected_payment": (
        "预估赔款 ¥{amount}（{words}），以核赔为准。",
        "Expected payment ¥{amount} ({words}), subject to the claim's settlement.",
    ),
    # A case of several objects whose payout still rests on versions not approved.
    "notice.expected_payment_provisional": (
        "预估赔款 ¥{amount}（{words}），其中{versions}尚未核定，以核赔为准。",
        "Expected payment ¥{amount} ({words}); {versions} not approved yet; subject to the "
        "claim's settlement.",
    ),
}
register_messages(NOTICE_MESSAGES)


@dataclass(frozen=True)
class ApprovalNotice:
    """The two messages sent once an estimate is approved (SMS or chat)."""

    to_customer: str
    to_shop: str


def approval_notice(
    *,
    claim_no: str,
    plate: str,
    shop_name: str,
    total: Decimal,
    total_in_words: str,
    version_no: int,
    certificate_no: str = "",
    repair_window_days: int = REPAIR_WINDOW_DAYS,
    expected_payment: Decimal | None = None,
    unapproved: str = "",
    version_words: str = "",
) -> ApprovalNotice:
    """The texts, with the amount in figures and in capital numerals; with a guarantee
    certificate (``certificate_no``), its number and the repair window; with the case's
    ``expected_payment`` (预估赔款), that amount once in each text, naming the versions
    it still rests on that are not approved (``unapproved``: 三者车1第1版). A third-party
    object's version is named by its object (``version_words``: 三者车1第1版)."""
    amount = f"{total:,.2f}"
    payment = ""
    if expected_payment is not None:
        params = {
            "amount": f"{expected_payment:,.2f}",
            "words": amount_in_words(expected_payment),
            "versions": unapproved,
        }
        code = "notice.expected_payment_provisional" if unapproved else "notice.expected_payment"
        payment = render(code, params, "zh")
    version_words = version_words or f"第 {version_no} 版"
    to_customer = ""
    to_shop = ""
    if certificate_no:
        to_customer = (
            f"本次维修享受无差价理赔服务（承诺书第 {certificate_no} 号）：自核损之日起"
            f"{repair_window_days}日内在 {shop_name} 维修，您无需支付核定金额以外的任何费用。"
        )
        to_shop = (
            f"本单适用无差价理赔服务承诺书第 {certificate_no} 号，差价由保险公司与贵厂结算，"
            f"不得向客户收取。"
        )
    return ApprovalNotice(
        to_customer=(
            f"【定损通知】尊敬的客户，您的车辆 {plate}（报案号 {claim_no}）定损已核定，"
            f"核定金额 ¥{amount}（{total_in_words}），请到 {shop_name} 维修。{payment}{to_customer}"
        ),
        to_shop=(
            f"【核损通知】{shop_name}：报案号 {claim_no}，车牌 {plate}，{version_words}估损单已核定，"
            f"核定金额 ¥{amount}（{total_in_words}）。{payment}{to_shop}"
            f"如拆检发现新损失，请联系定损员追加定损。"
        ),
    )
