"""The short Chinese title of each audit rule, for lists, counts and exports.

A rule code (``indicator-table-missing``) is an identifier for programs; a person reads the
title. Every code the registry knows has one (a test walks the registry); a code without one
reads as ``UNKNOWN_TITLE`` rather than as the code itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

UNKNOWN_TITLE = "其他核对问题"

TITLES: Mapping[str, str] = MappingProxyType(
    {
        "total-equals-basic-plus-project": "支出合计 ≠ 基本支出 + 项目支出",
        "basic-equals-personnel-plus-public": "基本支出 ≠ 人员经费 + 公用经费",
        "functional-sum-equals-total": "功能分类之和 ≠ 支出合计",
        "three-public-equals-parts": "“三公”经费 ≠ 各项之和",
        "execution-rate-matches": "预算执行率计算有误",
        "functional-class-name": "功能分类科目名称不规范",
        "required-section-missing": "缺少提纲要求的部分",
        "self-score-missing": "未给出自评得分",
        "indicator-table-missing": "没有绩效指标表",
        "score-grade-band": "自评得分与等级不符",
        "income-equals-expenditure-totals": "收入总计 ≠ 支出总计",
        "carryover-balance": "年末结转和结余与本年收支不符",
        "three-public-change-equals-parts": "“三公”经费增减额不等于各项之和",
        "change-rate-matches": "增减率计算有误",
        "figure-restated-differently": "同一数字前后不一致",
        "whole-equals-stated-parts": "总数 ≠ 所列各项之和",
        "count-matches-named-items": "所述个数与列出的名称数不符",
        "share-matches": "占比计算有误",
        "shares-add-up": "各部分占比之和不是100%",
        "part-share-matches": "分项占比计算有误",
        "level-share-equals-whole": "总额被写成某一级财政的资金",
        "values-swapped": "两项数额前后互换",
        "combined-rate-matches": "整体执行率与各项执行率不符",
        "growth-base-matches": "同一数字两处增长率推算的上年基数不一致",
        "completion-rate-matches": "预算完成率计算有误",
        "over-budget-matches": "超支（节约）金额与决算、预算之差不符",
        "score-table-adds-up": "自评表得分加总有误",
        "ocr-low-confidence": "识别不确定的数字，请核对原件",
        "self-score-above-computed": "自评得分高于核算得分",
        "score-ratio-above-execution": "指标得分率高于预算执行率",
        "target-not-quantified": "指标值未量化",
        "actual-not-quantified": "完成值未量化",
        "output-as-spending": "产出指标以资金支出衡量",
        "satisfaction-without-sample": "满意度指标未说明调查样本",
        "far-exceeded-target": "完成值远超指标值",
        "achieved-not-full-marks": "指标已完成却未得满分",
        "unachieved-full-marks": "指标未完成却得满分",
        "rule-failed": "核对规则未能完成",
    }
)


def rule_title(code: str) -> str:
    """The title a person reads for ``code``; never the code itself."""
    return TITLES.get(code, UNKNOWN_TITLE)
