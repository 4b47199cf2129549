"""功能分类 rows of two-column tables and of a 决算总表's expenditure side."""

from __future__ import annotations

from decimal import Decimal

from jixiao.domain.report import FunctionalBasis
from jixiao.intake.parse import parse_text

TWO_COLUMNS = """某区城市管理委员会2023年度部门决算（节选）
2023年度一般公共预算财政拨款支出100.00万元，按支出功能分类科目列示如下：
| 科目 | 金额（万元） |
| 城乡社区支出 | 70.00 |
| 节能环保支出 | 20.50 |
| 住房保障支出 | 9.00 |
| 合计 | 99.50 |
"""

NUMBERED = """某县医院2023年度单位决算
收入支出决算总表
金额单位：万元
| 项目 | 行次 | 金额 | 项目 | 行次 | 金额 |
| 一、一般公共预算财政拨款收入 | 1 | 100.00 | 一、一般公共服务支出 | 32 | |
| 二、其他收入 | 2 | 10.00 | 二、教育支出 | 33 | |
| | 3 | | 三、卫生健康支出 | 34 | 80.00 |
| | 4 | | 四、住房保障支出 | 35 | 30.00 |
| 本年收入合计 | 28 | 110.00 | 本年支出合计 | 58 | 110.00 |
"""


def test_rows_and_their_total_row() -> None:
    spending = parse_text(TWO_COLUMNS, source="t").spending
    assert [(i.code, str(i.amount.value)) for i in spending.functional] == [
        ("212", "70"),
        ("211", "20.5"),
        ("221", "9"),
    ]
    assert spending.functional_basis is FunctionalBasis.STATED
    assert spending.functional_whole is not None
    assert spending.functional_whole.value.wan == Decimal("99.50")


def test_line_numbers_are_not_amounts_and_empty_rows_are_skipped() -> None:
    spending = parse_text(NUMBERED, source="t").spending
    assert [(i.stated_name, str(i.amount.value)) for i in spending.functional] == [
        ("卫生健康支出", "80"),
        ("住房保障支出", "30"),
    ]
