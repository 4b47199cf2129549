"""Which level of government an amount's words name (invented wordings)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.intake.funding_levels import level_named
from jixiao.intake.parse import parse_text


@pytest.mark.parametrize(
    ("words", "level"),
    [
        ("中央财政资金", "中央"),
        ("2024年度中央下达资金", "中央"),
        ("下达中央水利发展资金", "中央"),
        ("中央补助地方资金", "中央"),
        ("省级财政资金", "省"),
        ("自治区本级资金", "省"),
        ("某某市财政资金", "市"),
        ("市级配套资金", "市"),
        ("县财政配套资金", "县"),
        ("区本级财政资金", "县"),
        ("地方配套资金", "地方"),
        ("配套资金", "配套"),
        ("单位自筹资金", "自筹"),
    ],
)
def test_one_level_named(words: str, level: str) -> None:
    assert level_named(words) == level


@pytest.mark.parametrize(
    "words",
    [
        "中央和县级资金",  # two levels joined
        "省、市财政资金",
        "中省资金",
        "市县配套资金",
        "中央资金合计",  # a sum
        "各级财政资金",
        "上级补助资金",
        "省级以上资金",
        "省财政厅下达资金",  # an agency passing money on
        "某某省下达资金",  # a level below the centre passing money on
        "自治区下达",
        "市级下拨资金",
        "县财政拨付资金",
        "上年中央结转资金",  # another period
        "中央资金结余",  # a change
        "全县投入资金",  # the whole area, not its treasury
        "下达我县资金",  # the recipient
        "城市管理资金",
        "节省资金",
        "项目资金",  # no level at all
        "中央空调",  # no money words
    ],
)
def test_no_single_level(words: str) -> None:
    assert level_named(words) is None


def test_the_report_keeps_each_level_amount_with_its_years() -> None:
    report = parse_text(
        "某县2024年道路养护项目绩效自评报告\n"
        "项目总投资80万元，其中中央财政资金50万元，县财政配套资金30万元，"
        "2024年度中央下达资金80万元，中央和县级资金80万元已拨付。\n",
        source="t",
    )
    assert [(a.level, a.amount.value, a.years) for a in report.level_amounts] == [
        ("中央", Decimal(50), ()),
        ("县", Decimal(30), ()),
        ("中央", Decimal(80), (2024,)),
    ]


def test_items_listed_with_a_pause_mark_each_keep_their_level() -> None:
    report = parse_text(
        "某县2024年衔接资金项目绩效自评报告\n"
        "共下达资金1200.50万元（其中：中央财政衔接资金800.50万元、省级财政衔接资金400万元）。\n",
        source="t",
    )
    assert [(a.level, a.amount.value) for a in report.level_amounts] == [
        ("中央", Decimal("800.50")),
        ("省", Decimal(400)),
    ]
