"""Any whole against the parts listed after 其中 (invented texts read by the parser)."""

from __future__ import annotations

from jixiao.audit.rules import whole_equals_stated_parts as rule
from jixiao.domain.findings import Severity
from jixiao.intake.parse import parse_text
from tests.audit.builders import run_rule

TITLE = "某县2024年水利发展资金绩效自评报告\n"


def test_parts_that_add_up_give_nothing() -> None:
    text = TITLE + "下达资金300万元。其中：河道治理200万元，水库维修70万元，饮水工程30万元。\n"
    assert run_rule(rule, parse_text(text, source="t")) == []


def test_parts_that_fall_short_are_an_error_with_every_figure_quoted() -> None:
    text = TITLE + "下达资金300万元。其中：河道治理200万元，水库维修70万元，饮水工程25万元。\n"
    findings = run_rule(rule, parse_text(text, source="t"))
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert str(findings[0].computed) == "295"
    assert [e.quote for e in findings[0].evidence] == [
        "下达资金300万元",
        "河道治理200万元",
        "水库维修70万元",
        "饮水工程25万元",
    ]
    assert "相差5万元" in findings[0].message


def test_parts_that_exceed_the_whole() -> None:
    text = TITLE + "补贴资金预算数60万元，其中包括省级补贴资金60万元，上年结余资金12.66万元。\n"
    findings = run_rule(rule, parse_text(text, source="t"))
    assert [f.severity for f in findings] == [Severity.ERROR]


def test_counts_are_only_a_warning() -> None:
    text = TITLE + "本年共实施项目10个，其中年初安排6个，年中追加5个。\n"
    findings = run_rule(rule, parse_text(text, source="t"))
    assert [f.severity for f in findings] == [Severity.WARNING]


def test_counts_that_name_their_other_measure_words_in_brackets() -> None:
    # "套(台、件)" and "台(套)" count the same things: the brackets belong to the unit
    text = TITLE + (
        "共购置和安装设备共500套(台、件)，其中：指挥中心设备120套(台、件)；"
        "各乡镇站点设备300台(套)；移动终端90套(台、件)。\n"
    )
    report = parse_text(text, source="t")
    findings = run_rule(rule, report)
    assert [f.severity for f in findings] == [Severity.WARNING]  # 510 ≠ 500
    assert "相差10套" in findings[0].message
    assert [str(p.value) for p in report.breakdowns[0].parts] == ["120", "300", "90"]


def test_a_part_in_none_of_the_whole_s_measure_words_is_not_a_part() -> None:
    # 名(人) and 辆 share no measure word: the list stops at the vehicles
    text = TITLE + "共培训学员200名(人)，其中：农民150名(人)，配发车辆60辆，技术员40名。\n"
    report = parse_text(text, source="t")
    assert report.breakdowns == ()
    assert run_rule(rule, report) == []


def test_a_list_cut_short_or_far_from_the_whole_says_nothing() -> None:
    cut = TITLE + "下达资金300万元。其中：河道治理200万元，水库维修70万元"  # the excerpt ends
    some = TITLE + "下达资金300万元。其中：河道治理100万元，水库维修70万元。"  # the main items
    changes = TITLE + "下达资金300万元，其中：河道治理200万元，比上年增加20万元，水库维修100万元。"
    for text in (cut, some, changes):
        assert run_rule(rule, parse_text(text, source="t")) == []


def test_one_numbered_part_a_line() -> None:
    text = (
        "某校2023年部门预算说明\n(一)2023年收入预算3814.61万元，其中：\n1、财政拨款3362.61万元；\n"
        "2、专户管理的事业收入434万元；\n3、单位资金收入0万元。\n"
    )
    findings = run_rule(rule, parse_text(text, source="t"))
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert str(findings[0].computed) == "3796.61"


def test_groups_split_by_their_counts_must_add_up_to_the_whole() -> None:
    text = (
        "某开发区2023年绩效自评工作总结\n"
        "全年签约项目20个，总投资额58.4亿元。正式签约项目14个，总投资额40.2亿元；"
        "意向签约项目6个，总投资额17.6亿元。\n"
    )
    findings = run_rule(rule, parse_text(text, source="t"))
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert "相差6000万元" in findings[0].message
    consistent = text.replace("17.6亿元", "18.2亿元")
    assert run_rule(rule, parse_text(consistent, source="t")) == []


BASIC_BY_CLASS = (
    "某站2024年部门预算说明\n"
    "1.基本支出预算1133000元，占一般公共预算支出的80%。其中：\n"
    "工资福利支出预算{wages}元，占基本支出预算79.44%。\n"
    "商品和服务支出预算150000元，占基本支出预算13.24%。\n"
    "对个人和家庭补助支出预算{families}元，占基本支出预算3.53%。\n"
    "2.项目支出预算283250元，占一般公共预算支出的20%。\n"
)


def test_basic_spending_against_its_economic_classes_one_a_line() -> None:
    # the whole's own share comes before 其中, and each class sits on a line of its own
    right = BASIC_BY_CLASS.format(wages="900000", families="83000")
    wrong = BASIC_BY_CLASS.format(wages="900000", families="40000")  # 1090000 ≠ 1133000
    assert run_rule(rule, parse_text(right, source="t")) == []
    findings = run_rule(rule, parse_text(wrong, source="t"))
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert len(findings[0].evidence) == 4  # the whole and its three classes


_FORM = "2022年度项目自评表 项目名称 社区食堂补助 预算执行情况(万元)(20分) "


def test_group_points_above_the_blocks_points_are_an_error() -> None:
    text = _FORM + "年度绩效目标(80分) 一级指标 产出指标(50分) 数量指标 效益指标(40分) 总分 100\n"
    findings = run_rule(rule, parse_text(text, source="t"))
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert "相差10分" in findings[0].message


def test_group_points_that_add_up_give_nothing() -> None:
    text = _FORM + "年度绩效目标(80分) 产出指标(50分) 效益指标(20分) 满意度指标(10分) 总分 100\n"
    assert run_rule(rule, parse_text(text, source="t")) == []


def test_group_points_short_of_the_block_are_no_error() -> None:
    # A group printed without its points leaves the sum short: not an arithmetic fault.
    text = _FORM + "年度绩效目标(80分) 产出指标(40分) 效益指标(35分) 满意度指标 总分 100\n"
    findings = run_rule(rule, parse_text(text, source="t"))
    assert all(f.severity is not Severity.ERROR for f in findings)


def test_a_part_may_give_its_count_beside_its_amount() -> None:
    text = TITLE + (
        "全年安排项目12个，资金500万元。其中评为优的项目6个资金320万元；评为良的项目4个资金150万元，"
        "评为中的项目2个资金40万元。\n"
    )
    findings = run_rule(rule, parse_text(text, source="t"))
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert str(findings[0].computed) == "510"


def test_a_parts_own_detail_in_brackets_and_a_closing_list_of_its_items() -> None:
    text = TITLE + (
        "下达资金500万元。其中评为优的项目6个资金320万元，评为良的项目4个资金150万元，"
        "评为差的项目2个资金30万元（含培训项目1个8万元），分别是：甲村道路、乙村水渠。\n"
    )
    assert run_rule(rule, parse_text(text, source="t")) == []
    short = text.replace("资金30万元", "资金20万元")
    findings = run_rule(rule, parse_text(short, source="t"))
    assert [str(f.computed) for f in findings] == ["490"]


def test_a_clause_with_two_amounts_is_no_part() -> None:
    text = TITLE + "下达资金300万元。其中：河道治理200万元，水库维修70万元及饮水工程30万元。\n"
    assert run_rule(rule, parse_text(text, source="t")) == []


_ZERO_TOTAL_FORM = (
    "附件: 项目支出绩效自评表 (2023年度) 项目名称 村道养护补助 主管部门 青石镇人民政府 "
    "项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: 0 0 0 10 0 0 "
)


def test_a_total_row_of_zeros_over_a_part_with_money_is_an_error() -> None:
    text = _ZERO_TOTAL_FORM + "其中:本年财政拨款 40 38.5 38.5 上年结转资金 其他资金 年度总体目标\n"
    findings = run_rule(rule, parse_text(text, source="t"))
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert str(findings[0].stated) == "0"
    assert str(findings[0].computed) == "38.5"
    assert findings[0].message.startswith("“年度资金总额0万元”不等于")  # no stray colon
    assert [e.quote for e in findings[0].evidence] == [
        "年度资金总额: 0 0 0",
        "其中:本年财政拨款 40 38.5 38.5",
    ]


def test_a_zero_total_is_compared_with_every_part_that_has_money() -> None:
    rows = "其中:本年财政拨款 40 38.5 38.5 上年结转资金 6 6 6 其他资金 年度总体目标\n"
    text = _ZERO_TOTAL_FORM + rows
    findings = run_rule(rule, parse_text(text, source="t"))
    assert [str(f.computed) for f in findings] == ["44.5"]


def test_a_total_row_with_money_is_not_checked_against_its_rows_here() -> None:
    text = (
        "2023年度项目支出绩效自评表\n"
        "项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n"
        "年度资金总额 | 60 | 60 | 54 | 10 | 90% | 9\n其中:本年财政拨款 | 50 | 50 | 45 |\n"
    )
    assert run_rule(rule, parse_text(text, source="t")) == []


def test_a_numbered_list_cut_off_by_the_end_of_the_text_is_not_summed() -> None:
    text = (
        "某县第三小学2025年单位预算\n（一）收入预算 960.40万元，其中：\n"
        "1.一般公共预算拨款收入950.00万元；\n2.政府性基金预算拨款收入0万元；\n"
        "3.财政专户管理资金收入0万\n"
    )
    assert run_rule(rule, parse_text(text, source="t")) == []


def test_the_same_list_finished_in_the_text_is_summed() -> None:
    text = (
        "某县第三小学2025年单位预算\n（一）收入预算 960.40万元，其中：\n"
        "1.一般公共预算拨款收入950.00万元；\n2.政府性基金预算拨款收入0万元；\n"
        "3.财政专户管理资金收入0万元。\n二、支出预算情况\n"
    )
    findings = run_rule(rule, parse_text(text, source="t"))
    assert [f.severity for f in findings] == [Severity.ERROR]
