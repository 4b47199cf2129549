"""The campaign view as an .xlsx workbook (openpyxl), with formula-like text neutralised."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from apps.campaigns.overview import RULE_TITLES, CampaignOverview
from apps.exports import safe_value
from apps.submissions.models import State
from apps.units.models import UnitKind


def _cell(value: Any) -> Any:
    return safe_value(value)  # openpyxl writes Decimal as a number, exactly as printed


def _sheet(ws: Worksheet, header: list[str], rows: Iterable[list[Any]]) -> None:
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([_cell(v) for v in row])
    for index, title in enumerate(header, start=1):
        ws.column_dimensions[get_column_letter(index)].width = max(10, len(title) * 2 + 2)
    ws.freeze_panes = "A2"


def overview_xlsx(overview: CampaignOverview) -> bytes:
    workbook = Workbook()
    units = workbook.active
    assert units is not None
    units.title = "单位情况"
    _sheet(
        units,
        ["单位编码", "单位名称", "单位类型", "所属区域", "状态", "是否逾期", "支出合计（万元）",
         "基本支出（万元）", "项目支出（万元）", "“三公”经费（万元）", "预算执行率（%）",
         "自评得分", "自评等级", "评分", "评分等级", "错误", "警告"],
        (
            [s.unit.code, s.unit.name, UnitKind(s.unit.kind).label, s.unit.region.name,
             State(s.state).label, "是" if r.overdue else "", s.total, s.basic, s.project,
             s.three_public, s.execution_rate, s.self_score, s.self_grade, s.score, s.grade,
             s.error_count, s.warning_count]
            for r in overview.rows
            for s in [r.submission]
        ),
    )  # fmt: skip
    _sheet(
        workbook.create_sheet("功能分类"),
        ["功能分类科目", "各单位合计（万元）"],
        ([b.label, b.value] for b in overview.functional),
    )
    _sheet(
        workbook.create_sheet("三公经费"),
        ["单位名称", "上年（万元）", "本年（万元）", "增减额（万元）", "增减率（%）"],
        (
            [r.submission.unit.name, r.previous_three_public, r.submission.three_public,
             r.three_public_change, r.three_public_rate]
            for r in overview.three_public
        ),
    )  # fmt: skip
    _sheet(
        workbook.create_sheet("问题统计"),
        ["问题代码", "问题", "涉及单位数"],
        ([b.key, RULE_TITLES.get(b.key, b.key), b.value] for b in overview.findings),
    )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
