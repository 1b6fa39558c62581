"""The prevention advice (防灾防损建议) of a flood assessment, as the report and its workbook
print it."""

from __future__ import annotations

from estimator.domain.flood import FloodAssessment
from estimator.domain.flood_json import cm


def recommendations(a: FloodAssessment) -> list[str]:
    """The prevention advice (防灾防损建议) printed beside the avoided loss."""
    height = cm(a.prevention.proposed_base_height_cm)
    deepest = cm(a.depth.deepest_cm)
    return [
        f"底层货物以托盘或货架垫高至 {height} 厘米 (本次最深水深 {deepest} 厘米)，"
        f"可避免损失 ¥{a.prevention.avoided:,.2f}。",
        "纸箱包装品类 (室内机等) 不宜落地堆码；受潮后纸箱失去承重能力，上层货物倒塌压损。",
        "仓库设置排水沟、集水井和排水泵，汛期前检查疏通；门口设挡水板。",
        "选址避开低洼地带和历史积水区；高价值、怕水的品类存放于地势较高的区域或上层货架。",
        "汛期关注气象预警，提前转移或加高堆垛；建立水浸应急预案并演练。",
    ]
