"""The evaluation report of a key project: its values gathered here, written by the core
(jixiao.render.key_report, from the outline in jixiao/data/key_project_report.toml) as Word
or PDF. Until the report is final it is the 征求意见稿 the unit responds to."""

from __future__ import annotations

from decimal import Decimal

from apps.evaluations.models import (
    EvaluatorKind,
    Feedback,
    Indicator,
    KeyProject,
    ProjectState,
    Score,
    SheetState,
    Survey,
)
from apps.evaluations.scoring import execution_rate, indicators_of, panel_of, recheck_of
from apps.evaluations.selectors import assignments_of
from jixiao.domain.scorecard import display
from jixiao.render.key_report import KeyReport, report_docx, report_pdf
from jixiao.scoring.key_rules import load_key_rules
from jixiao.scoring.key_rules import survey_flags as flags_of
from jixiao.scoring.panel import Method, PanelResult, Recheck

MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
# The report exists once scoring has closed: the organizer previews it, the unit reads it
# as the draft it responds to, everybody who sees the project reads the final one.
REPORT_STATES = (ProjectState.PANEL, ProjectState.DRAFT, ProjectState.FINAL, ProjectState.PUBLISHED)


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value.quantize(Decimal('0.01'))}万元"


def _lines(text: str) -> list[str]:
    return [
        line.strip().lstrip("0123456789.．、").strip() for line in text.splitlines() if line.strip()
    ]


def _date(value: object) -> str | None:
    if value is None:
        return None
    local = value.astimezone() if hasattr(value, "astimezone") else value
    return f"{local.year}年{local.month}月{local.day}日"  # type: ignore[attr-defined]


def build(project: KeyProject) -> KeyReport:
    indicators = indicators_of(project)
    assignments = assignments_of(project=project)
    panel = panel_of(project, assignments, indicators=indicators)
    checked = recheck_of(project, panel, indicators)
    rules = load_key_rules()
    final = project.state in (ProjectState.FINAL, ProjectState.PUBLISHED)
    feedback = Feedback.objects.filter(project=project).first()
    experts = [a.evaluator_name for a in assignments if a.kind == EvaluatorKind.EXPERT]
    internal = [a.evaluator_name for a in assignments if a.kind == EvaluatorKind.INTERNAL]
    agencies = [a.evaluator_name for a in assignments if a.kind == EvaluatorKind.AGENCY]
    use = rules.use_for(panel.grade) if panel.grade else None
    requests = list(project.requests.prefetch_related("files"))
    visits = list(project.visits.all())
    surveys = list(project.surveys.all())
    methods = {line.method for line in panel.lines}
    share = display(rules.panel.divergence_share * 100)
    values: dict[str, str | None] = {
        "项目名称": project.title,
        "单位": project.unit.name,
        "主管部门": project.unit.department.name if project.unit.department else None,
        "年度": str(project.plan.year),
        "计划名称": project.plan.title,
        "计划文号": project.plan.number or None,
        "预算金额": _money(project.amount),
        "全年预算数": _money(project.budget),
        "全年执行数": _money(project.executed),
        "执行率": f"{display(rate)}%" if (rate := execution_rate(project)) is not None else None,
        "年度总体目标": _goal(project),
        "评价机构": "、".join([project.plan.organizer, *agencies]),
        "评价专家": "、".join(experts) or None,
        "内部评审": "、".join(internal) or None,
        "评价人数": str(len(assignments)),
        "计分方法": _method_text(methods, rules.panel.trimmed_from),
        "分歧界限": f"该指标分值的{share}%",
        "资料清单项数": str(len(requests)) if requests else None,
        "资料份数": str(sum(len(r.files.all()) for r in requests)) if requests else None,
        "现场核查次数": str(len(visits)) if visits else None,
        "满意度调查次数": str(len(surveys)) if surveys else None,
        "总分": f"{display(panel.total)}分" if panel.total is not None else None,
        "等级": panel.grade,
        "分歧指标数": str(len(panel.divergent)),
        "结果应用": use.advice if use else None,
        "下年度建议金额": _money(use.suggested_budget(project.amount))
        if use and use.budget_change < 0
        else None,
        "反馈日期": _date(feedback.given_at) if feedback and final else None,
        "反馈结论": ("对评价结论无异议" if feedback.agrees else "对评价结论有异议")
        if feedback and final
        else None,
        "落款单位": project.plan.organizer,
        "落款日期": _date(project.finalized_at) if final else None,
        "稿别": None if final else "（征求意见稿）",
    }
    lists = {
        "绩效目标": [f"{i.level3}：{i.target}" for i in indicators if i.row_key],
        "资料清单": [
            f"{r.title}（期限{r.due_date:%Y-%m-%d}，已提交{len(r.files.all())}份）"
            for r in requests
        ],
        "现场核查": [f"{v.visited_on:%Y-%m-%d}在{v.place}：{v.notes}" for v in visits],
        "满意度": [_survey_text(s) for s in surveys],
        "合议": [line.explanation for line in panel.divergent],
        "复算": _recheck_texts(checked),
        "等级说明": [
            "等级标准："
            + "，".join(f"{b.grade}（{display(b.minimum)}分及以上）" for b in rules.panel.grades)
        ],
        "经验": _lines(project.experience),
        "问题": _lines(project.problems) or _lost_points(indicators, panel),
        "建议": _lines(project.suggestions),
        "意见反馈": _feedback_texts(feedback) if final else [],
    }
    return KeyReport(values=values, lists=lists, panel=panel, recheck=checked)


def _goal(project: KeyProject) -> str | None:
    version = project.table.approved_version
    goal = str((version.data if version else {}).get("goal") or "").strip()
    return goal or None


def _method_text(methods: set[Method], trimmed_from: int) -> str | None:
    if Method.TRIMMED in methods:
        return f"评价人达到{trimmed_from}个的，各指标去掉一个最高分和一个最低分后取平均"
    if Method.MEAN in methods or Method.AGREED in methods:
        return "各指标取评价人评分的平均"
    return None


def _survey_text(survey: Survey) -> str:
    said = f"{survey.subject}（{survey.method}）"
    if survey.sample:
        said += f"，有效样本{survey.sample}份"
    if survey.rate is not None:
        said += f"，满意度{display(survey.rate)}%"
    flags = flags_of(
        rate=survey.rate,
        sample=survey.sample,
        satisfied=survey.satisfied,
        rules=load_key_rules().survey,
    )
    return said + (f"（{'；'.join(flags)}）" if flags else "")


def _recheck_texts(checked: Recheck) -> list[str]:
    share = display(load_key_rules().panel.recheck_share * 100)
    out = [
        f"“{line.level3}”专家组得分{display(line.panel or 0)}分，"
        f"按公式复算{display(line.computed)}分，相差超过分值的{share}%，请评价组说明理由："
        f"{line.explanation}"
        for line in checked.flagged
    ]
    if checked.lines and not out:
        out.append("可按公式复算的指标，专家组得分与复算结果相符。")
    out.extend(p.message for p in checked.problems)
    return out


def _lost_points(indicators: list[Indicator], panel: PanelResult) -> list[str]:
    """Without the report's own wording of the problems: the indicators that lost a fifth
    of their points or more, with the reasons the evaluators gave."""
    reasons: dict[int, list[str]] = {}
    submitted = Score.objects.filter(
        indicator__in=indicators, assignment__state=SheetState.SUBMITTED
    ).exclude(reason="")
    for score in submitted.order_by("assignment_id"):
        reasons.setdefault(score.indicator_id, []).append(score.reason)
    out = []
    for indicator, line in zip(indicators, panel.lines, strict=True):
        if line.final is not None and line.final < indicator.weight * Decimal("0.8"):
            why = "；".join(dict.fromkeys(reasons.get(indicator.pk, [])))
            out.append(
                f"{indicator.level3}得{display(line.final)}分（分值{display(indicator.weight)}分）：{why}"
            )
    return out


def _feedback_texts(feedback: Feedback | None) -> list[str]:
    if feedback is None:
        return []
    out = [f"单位意见：{feedback.text}"]
    if feedback.handling:
        out.append(f"采纳情况：{feedback.handling}")
    return out


def report_bytes(project: KeyProject, fmt: str) -> bytes:
    report = build(project)
    return report_docx(report) if fmt == "docx" else report_pdf(report)


def filename(project: KeyProject, fmt: str) -> str:
    draft = (
        "" if project.state in (ProjectState.FINAL, ProjectState.PUBLISHED) else "（征求意见稿）"
    )
    return f"{project.title}绩效评价报告{draft}.{fmt}"
