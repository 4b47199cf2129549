"""The report fields a preparer edits, with their Chinese labels, in the order forms show them.

Paths are those of ``jixiao.contract.extract_json`` ("spending.total"); the data a submission
keeps is that JSON plus the narrative lists (problems, suggestions, conclusions).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FieldKind = Literal["money", "rate", "text"]


@dataclass(frozen=True, slots=True)
class FieldSpec:
    path: str
    label: str
    kind: FieldKind
    group: str

    @property
    def form_name(self) -> str:
        return self.path.replace(".", "__")


GROUPS = {
    "spending": "支出情况（万元）",
    "three_public": "“三公”经费（万元）",
    "budget": "预算执行",
    "accounts": "收支总表（万元）",
    "performance": "自评结果",
}

FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("spending.total", "支出合计", "money", "spending"),
    FieldSpec("spending.basic", "基本支出", "money", "spending"),
    FieldSpec("spending.personnel", "人员经费", "money", "spending"),
    FieldSpec("spending.public", "公用经费", "money", "spending"),
    FieldSpec("spending.project", "项目支出", "money", "spending"),
    FieldSpec("three_public.total", "“三公”经费合计", "money", "three_public"),
    FieldSpec("three_public.overseas", "因公出国（境）费", "money", "three_public"),
    FieldSpec("three_public.vehicle", "公务用车购置及运行费", "money", "three_public"),
    FieldSpec("three_public.vehicle_purchase", "其中：公务用车购置费", "money", "three_public"),
    FieldSpec(
        "three_public.vehicle_operation", "其中：公务用车运行维护费", "money", "three_public"
    ),
    FieldSpec("three_public.reception", "公务接待费", "money", "three_public"),
    FieldSpec("budget.initial", "年初预算数（万元）", "money", "budget"),
    FieldSpec("budget.adjusted", "全年预算数（万元）", "money", "budget"),
    FieldSpec("budget.executed", "全年执行数（万元）", "money", "budget"),
    FieldSpec("budget.execution_rate", "预算执行率（%）", "rate", "budget"),
    FieldSpec("accounts.income_current", "本年收入合计", "money", "accounts"),
    FieldSpec("accounts.income_grand_total", "收入总计", "money", "accounts"),
    FieldSpec("accounts.expenditure_grand_total", "支出总计", "money", "accounts"),
    FieldSpec("self_score", "单位自评得分（百分制）", "rate", "performance"),
    FieldSpec("grade", "单位自评等级", "text", "performance"),
)
FIELDS_BY_PATH = {f.path: f for f in FIELDS}

# The narrative lists: one item per line in the form.
NARRATIVES: dict[str, str] = {
    "problems": "存在的问题",
    "suggestions": "改进措施和建议",
    "conclusions": "评价结论",
}

FUNCTIONAL_BASIS = {
    "total": "支出合计",
    "project": "项目支出",
    "stated": "文中另行说明的支出",
    "unknown": "未说明",
    "partial": "列表缺少科目名称，不核对合计",
}

INDICATOR_COLUMNS: dict[str, str] = {
    "level1": "一级指标",
    "level2": "二级指标",
    "level3": "三级指标",
    "direction": "方向",
    "target": "年度指标值",
    "actual": "实际完成值",
    "unit": "计量单位",
    "weight": "分值",
    "score": "得分",
}

OTHER_LABELS = {
    "unit_name": "单位名称",
    "year": "年度",
    "spending.functional": "支出功能分类",
    "spending.functional_basis": "功能分类对应的支出",
    "indicators": "绩效指标",
    **NARRATIVES,
}


def label_of(path: str) -> str:
    """The Chinese label of a data path, for comments, differences and messages."""
    spec = FIELDS_BY_PATH.get(path)
    if spec is not None:
        return spec.label
    if path.startswith("spending.functional["):
        return f"支出功能分类：{path.split(']', 1)[-1].lstrip('.') or path}"
    return OTHER_LABELS.get(path, path)


def get_path(data: dict[str, object], path: str) -> object:
    """The value at a dotted path of the data JSON, None when absent."""
    node: object = data
    for part in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def set_path(data: dict[str, object], path: str, value: object) -> None:
    node = data
    parts = path.split(".")
    for part in parts[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            child = {}
            node[part] = child
        node = child
    node[parts[-1]] = value


def quoted(text: str) -> str:
    """A quote from a report in Chinese quotation marks; the marks inside it become single
    (“‘三公’经费支出13.46万元”), as Chinese nests quotations, not ““三公”…”."""
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"
