"""Project self-evaluation reports built by hand for the scoring-warning rules.

Each row's 三级指标 is written into the report text, so a finding can quote it.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.domain.report import (
    BudgetExecution,
    Direction,
    Indicator,
    Performance,
    Report,
    ReportKind,
)
from tests.audit.builders import ReportBuilder

Row = tuple[str, str, str, Direction | None, str | None, str | None, str | None, str, str]


def project_report(
    rows: list[Row],
    *,
    budget: str = "全年预算数100万元",
    executed: str = "全年执行数100万元",
    self_score: str | None = None,
    text: str = "",
    kind: ReportKind = ReportKind.PROJECT,
) -> Report:
    b = ReportBuilder(kind=kind)
    if text:
        b.quote(text)
    indicators = []
    for level1, level2, level3, direction, target, unit, actual, weight, score in rows:
        b.quote(f"{level1} {level2} {level3}")
        indicators.append(
            Indicator(
                level1,
                level2,
                level3,
                direction,
                target,
                actual,
                unit,
                Decimal(weight),
                Decimal(score),
            )
        )
    performance = Performance(
        indicators=tuple(indicators),
        self_score=b.rate(f"自评得分{self_score}分") if self_score else None,
    )
    execution = BudgetExecution(adjusted=b.money(budget), executed=b.money(executed))
    return b.build(performance=performance, budget=execution)


GE, LE, EQ = Direction.AT_LEAST, Direction.AT_MOST, Direction.EQUAL

# A sound table: 10 + 50 + 30 + 10, every target met and scored in full, survey described.
SOUND: list[Row] = [
    ("产出指标", "数量指标", "培训人次", GE, "200", "人次", "200", "25", "25"),
    ("产出指标", "质量指标", "合格率", EQ, "100", "%", "100", "25", "25"),
    ("效益指标", "社会效益指标", "带动就业人数", GE, "50", "人", "55", "30", "30"),
    ("满意度指标", "服务对象满意度指标", "学员满意度", GE, "90", "%", "95", "10", "10"),
]
SURVEY = "向学员发放问卷200份，收回有效问卷190份"
