"""What `jixiao score` prints: a readable Chinese scorecard, or a stable JSON document.

The JSON shape is documented in docs/frameworks.md ("评分结果 JSON") and pinned by tests:
extend it freely, never rename or remove a key. Every number is a decimal string: ``score``
rounded for display (two decimals, half up), ``score_exact`` as computed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.domain.money import canonical
from jixiao.domain.scorecard import (
    ROUNDING_RULE,
    LineStatus,
    Scorecard,
    ScoreLine,
    ScoreWarning,
    display,
)
from jixiao.scoring.engine import summary
from jixiao.scoring.numbers import number, result

JSON = dict[str, Any]
SCHEMA_VERSION = 1

_STATUS = {
    LineStatus.SCORED: "",
    LineStatus.MISSING: "缺数据",
    LineStatus.INCOMPUTABLE: "无法计算",
    LineStatus.NOT_APPLICABLE: "不适用",
    LineStatus.REFERENCE: "参考",
    LineStatus.UNWEIGHTED: "未计分",
}


def _exact(value: Decimal | None) -> str | None:
    return None if value is None else canonical(value)


def _shown(value: Decimal | None) -> str | None:
    return None if value is None else display(value)


def scorecard_json(card: Scorecard) -> JSON:
    difference = (
        card.self_score - card.total
        if card.self_score is not None and card.total is not None
        else None
    )
    return {
        "schema": SCHEMA_VERSION,
        "source": card.source,
        "unit_name": card.unit_name,
        "year": card.year,
        "framework": {
            "name": card.framework.name,
            "title": card.framework.title,
            "kind": card.framework.kind,
            "basis": card.framework.basis,
            "region": card.framework.region,
        },
        "complete": card.complete,
        "total": _shown(card.total),
        "total_exact": _exact(card.total),
        "grade": card.grade,
        "full_points": canonical(card.full_points),
        "scored": _shown(card.scored),
        "counted_weight": canonical(card.counted_weight),
        "rescaled": card.rescaled,
        "self_score": _exact(card.self_score),
        "self_grade": card.self_grade,
        "self_minus_total": _shown(difference),
        "lines": [_line_json(line) for line in card.lines],
        "missing": [
            {"key": n.key, "label": n.label, "indicators": list(n.indicators)}
            for n in card.needed()
        ],
        "warnings": [_warning_json(w) for w in card.warnings],
        "notes": list(card.notes),
        "rounding": ROUNDING_RULE,
    }


def _line_json(line: ScoreLine) -> JSON:
    return {
        "id": line.id,
        "level1": line.level1,
        "level2": line.level2,
        "level3": line.level3,
        "weight": canonical(line.weight),
        "status": line.status.value,
        "value": _shown(line.value),
        "value_exact": _exact(line.value),
        "value_unit": line.value_unit if line.value is not None else None,
        "score": _shown(line.score),
        "score_exact": _exact(line.score),
        "stated_score": _exact(line.stated_score),
        "target": line.target,
        "actual": line.actual,
        "unit": line.unit,
        "explanation": line.explanation,
        "missing": [{"key": m.key, "label": m.label} for m in line.missing],
    }


def _warning_json(warning: ScoreWarning) -> JSON:
    return {
        "code": warning.code,
        "message": warning.message,
        "indicator": warning.indicator,
        "stated": _exact(warning.stated),
        "computed": _exact(warning.computed),
        "evidence": [{"quote": e.quote, "start": e.start, "end": e.end} for e in warning.evidence],
    }


# -- text ----------------------------------------------------------------------------------
def format_scorecard(card: Scorecard) -> str:
    who = card.unit_name or "（未识别单位名称）"
    year = f"{card.year}年度" if card.year else "（未识别年度）"
    lines = [
        f"== 评分：{card.source}：{who} {year}",
        f"框架：{card.framework.title}（{card.framework.name}）",
        f"依据：{card.framework.basis}；适用：{card.framework.region}",
        f"结果：{summary(card)}",
        "",
    ]
    level2 = None
    for line in card.lines:
        heading = " › ".join(p for p in (line.level1, line.level2) if p)
        if heading != level2:
            lines.append(f"【{heading}】")
            level2 = heading
        lines.extend(_line_text(line))
    lines.append("")
    lines.append(_total_text(card))
    needed = card.needed()
    if needed:
        lines.append(f"需要补充的数据（共{len(needed)}项，不会推测）：")
        for index, item in enumerate(needed, 1):
            lines.append(f"  {index}. {item.label}（用于：{'、'.join(item.indicators)}）")
    if card.warnings:
        lines.append(f"提请复核（{len(card.warnings)}条）：")
        for warning in card.warnings:
            lines.append(f"  [{warning.code}] {warning.message}")
    if card.notes:
        lines.append("说明：")
        lines.extend(f"  - {note}" for note in card.notes)
    lines.append(f"  - 计分规则：{ROUNDING_RULE}")
    return "\n".join(lines) + "\n\n"


def _line_text(line: ScoreLine) -> list[str]:
    status = _STATUS[line.status]
    score = result(line.score) if line.score is not None else "—"
    own = f"  单位自评{number(line.stated_score)}" if line.stated_score is not None else ""
    tag = f"  [{status}]" if status else ""
    head = f"  {line.id}  {line.level3}  分值{number(line.weight)}  得分{score}{own}{tag}"
    return [head, f"      {line.explanation}"]


def _total_text(card: Scorecard) -> str:
    if card.total is None:
        return (
            f"总分：暂不能给出（已计分{result(card.scored)}分，计分指标分值合计"
            f"{number(card.counted_weight)}分）"
        )
    said = f"总分：{result(card.total)}分（满分{number(card.full_points)}分），等级：{card.grade}"
    if card.rescaled:
        said += f"（由{result(card.scored)}/{number(card.counted_weight)}折算）"
    if card.self_score is not None:
        grade = f"（{card.self_grade}）" if card.self_grade else ""
        gap = card.self_score - card.total
        said += f"；单位自评{number(card.self_score)}分{grade}，相差{result(gap)}分"
    return said
