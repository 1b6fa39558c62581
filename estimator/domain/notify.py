"""Approval notices (workflow.md): the approved amount, for the customer and for the shop. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


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
    guarantee: bool = False,
) -> ApprovalNotice:
    """The texts, with the amount in figures and in capital numerals."""
    amount = f"{total:,.2f}"
    guarantee_text = (
        "本次维修在该修理厂享受无差价服务，您无需支付核定金额以外的费用。" if guarantee else ""
    )
    return ApprovalNotice(
        to_customer=(
            f"【定损通知】尊敬的客户，您的车辆 {plate}（报案号 {claim_no}）定损已核定，"
            f"核定金额 ¥{amount}（{total_in_words}），请到 {shop_name} 维修。{guarantee_text}"
        ),
        to_shop=(
            f"【核损通知】{shop_name}：报案号 {claim_no}，车牌 {plate}，第 {version_no} 版估损单已核定，"
            f"核定金额 ¥{amount}（{total_in_words}）。如拆检发现新损失，请联系定损员追加定损。"
        ),
    )
