"""The campaign view as an .xlsx workbook (openpyxl), formatted by ``apps.sheets``.

Money in 万元 with two decimals, rates as percentages, a frozen header; text goes through the
formula guard. Problems are listed by their Chinese title, never by rule code.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook

from apps.campaigns.overview import CampaignOverview
from apps.sheets import Column, count, money, rate, score, write_table
from apps.submissions import amendments
from apps.submissions.models import State
from apps.submissions.scores import (
    ASSESSED_GRADE,
    ASSESSED_SCORE,
    COMPUTED_GRADE,
    COMPUTED_SCORE,
    SELF_GRADE,
    SELF_SCORE,
    assessed,
)
from apps.units.models import UnitKind
from jixiao.audit.titles import rule_title


def overview_xlsx(
    overview: CampaignOverview, amended: list[tuple[str, list[Any]]] | None = None
) -> bytes:
    """The overview's sheets; ``amended`` (unit name, amendments) adds the 已修改数据 sheet."""
    workbook = Workbook()
    units = workbook.active
    assert units is not None
    units.title = "单位情况"
    write_table(
        units,
        [Column("单位编码"), Column("单位名称"), Column("单位类型"), Column("所属区域"),
         Column("状态"), Column("是否逾期"), money("支出合计（万元）"), money("基本支出（万元）"),
         money("项目支出（万元）"), money("“三公”经费（万元）"), rate("预算执行率"),
         score(SELF_SCORE), Column(SELF_GRADE), score(COMPUTED_SCORE), Column(COMPUTED_GRADE),
         score(ASSESSED_SCORE), Column(ASSESSED_GRADE), count("错误"), count("警告")],
        (
            [s.unit.code, s.unit.name, UnitKind(s.unit.kind).label, s.unit.region.name,
             State(s.state).label, "是" if r.overdue else "", s.total, s.basic, s.project,
             s.three_public, s.execution_rate, s.self_score, s.self_grade, s.score, s.grade,
             *assessed(s), s.error_count, s.warning_count]
            for r in overview.rows
            for s in [r.submission]
        ),
    )  # fmt: skip
    write_table(
        workbook.create_sheet("功能分类"),
        [Column("功能分类科目"), money("各单位合计（万元）")],
        ([b.label, b.value] for b in overview.functional),
    )
    write_table(
        workbook.create_sheet("三公经费"),
        [Column("单位名称"), money("上年（万元）"), money("本年（万元）"), money("增减额（万元）"),
         rate("增减率")],
        (
            [r.submission.unit.name, r.previous_three_public, r.submission.three_public,
             r.three_public_change, r.three_public_rate]
            for r in overview.three_public
        ),
    )  # fmt: skip
    write_table(
        workbook.create_sheet("问题统计"),
        [Column("问题"), count("涉及单位数")],
        ([rule_title(b.key), b.value] for b in overview.findings),
    )
    write_table(
        workbook.create_sheet("已修改数据"),
        [Column(t) for t in ("单位名称", "数据项", "上传文件原文", "现数据", "修改人", "修改时间")],
        (
            [name, a["label"], a["stated"], a["current"] or "（已删除）", a["by"] or "系统",
             a["when"]]
            for name, found in amended or []
            for a in amendments.shown(found)
        ),
    )  # fmt: skip
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
