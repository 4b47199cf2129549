"""Readable Chinese output of the command line (without --json)."""

from __future__ import annotations

from jixiao.domain.findings import AuditReport, Severity
from jixiao.domain.money import canonical
from jixiao.domain.report import Report, StatedMoney, StatedRate

_SEVERITY = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
_FIELDS = (
    ("spending.total", "支出合计"),
    ("spending.basic", "基本支出"),
    ("spending.personnel", "人员经费"),
    ("spending.public", "公用经费"),
    ("spending.project", "项目支出"),
    ("three_public.total", "“三公”经费"),
    ("three_public.overseas", "因公出国(境)费"),
    ("three_public.vehicle", "公务用车购置及运行费"),
    ("three_public.vehicle_purchase", "公务用车购置费"),
    ("three_public.vehicle_operation", "公务用车运行费"),
    ("three_public.reception", "公务接待费"),
    ("budget.initial", "年初预算数"),
    ("budget.adjusted", "全年预算数"),
    ("budget.executed", "全年执行数"),
    ("budget.execution_rate", "执行率"),
    ("performance.self_score", "自评得分"),
)


def _field(report: Report, path: str) -> StatedMoney | StatedRate | None:
    group, name = path.split(".")
    holder = {
        "spending": report.spending,
        "three_public": report.three_public,
        "budget": report.budget,
        "performance": report.performance,
    }[group]
    value = getattr(holder, name)
    return value if isinstance(value, StatedMoney | StatedRate) else None


def _title(report: Report | None, source: str) -> str:
    if report is None:
        return source
    name = report.profile.name.value if report.profile.name else "（未识别单位名称）"
    year = f"{report.profile.year}年度" if report.profile.year else "（未识别年度）"
    return f"{source}：{name} {year}"


def format_extract(report: Report) -> str:
    lines = [f"== {_title(report, report.source)}"]
    for path, label in _FIELDS:
        stated = _field(report, path)
        if stated is None:
            continue
        if isinstance(stated, StatedMoney):
            value = f"{canonical(stated.value.wan)}万元"
        else:
            value = f"{canonical(stated.value.percent)}{'分' if 'score' in path else '%'}"
        lines.append(f"  {label}：{value}    原文“{stated.evidence.quote}”")
    for item in report.spending.functional:
        name = item.name or f"{item.stated_name}（非标准类名）"
        lines.append(
            f"  功能分类 {item.code or '—'} {name}：{canonical(item.amount.value.wan)}万元"
        )
    if report.performance.grade:
        lines.append(f"  等级：{report.performance.grade.value}")
    if len(lines) == 1:
        lines.append("  未读到任何金额数字")
    return "\n".join(lines) + "\n\n"


def format_audit(audit: AuditReport, report: Report | None) -> str:
    lines = [f"== {_title(report, audit.source)}"]
    if not audit.findings:
        lines.append("  未发现问题")
    for finding in audit.findings:
        lines.append(f"  [{_SEVERITY[finding.severity]}] {finding.message}（{finding.code}）")
        for evidence in finding.evidence:
            lines.append(f"      原文“{evidence.quote}”（第{evidence.start + 1}字起）")
    return "\n".join(lines) + "\n\n"


def format_summary(total: int, failed: int, counts: dict[Severity, int]) -> str:
    parts = [f"共核对 {total} 份报告"]
    if failed:
        parts.append(f"{failed} 份无法读取")
    parts.append(
        f"错误 {counts[Severity.ERROR]} 条，警告 {counts[Severity.WARNING]} 条，"
        f"提示 {counts[Severity.INFO]} 条"
    )
    return "；".join(parts) + "。\n"
