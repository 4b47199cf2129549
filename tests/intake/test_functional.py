"""The 功能分类 list in running text (invented examples)."""

from __future__ import annotations

from jixiao.domain.classification import load_classification
from jixiao.intake.functional import find_functional

CLASSES = load_classification(2022)


def test_a_list_of_real_classes_is_taken() -> None:
    text = "本年支出合计500万元，其中：一般公共服务支出300万元，农林水支出150万元，其他支出50万元。"
    found = find_functional(text, CLASSES)
    assert found is not None
    assert [line.stated_name for line in found.lines] == [
        "一般公共服务支出",
        "农林水支出",
        "其他支出",
    ]


def test_other_spending_alone_ends_a_list_of_another_kind() -> None:
    text = "基本支出中，医疗业务支出800万元，管理费用150万元，其他支出20万元。"
    assert find_functional(text, CLASSES) is None


def test_a_list_one_item_a_line_goes_on_past_a_name_that_is_no_class() -> None:
    # A misnamed class in the middle must reach the audit (for the sum and for the name),
    # and the real classes after it must not be lost.
    text = (
        "2022年度本级支出情况如下：\n——一般公共服务支出120万元，增长3%；\n"
        "——住房改革支出15万元；\n——国防支出1万元；\n——农林水支出60万元；\n——专项上解9万元。\n"
    )
    found = find_functional(text, CLASSES)
    assert found is not None
    assert [(line.stated_name, line.code) for line in found.lines] == [
        ("一般公共服务支出", "201"),
        ("住房改革支出", None),
        ("国防支出", "203"),
        ("农林水支出", "213"),
    ]


def test_a_line_of_no_class_alone_starts_no_list() -> None:
    text = "项目情况：\n——住房改革支出15万元；\n——宣传活动支出3万元。\n"
    assert find_functional(text, CLASSES) is None


def test_a_list_whose_first_name_was_cut_off_is_partial() -> None:
    # The excerpt begins inside the list: the first amount's name was on the page before.
    text = "3\n80000元、社会保障和就业支出12000元、卫生健康支出6000元、住房保障支出9000元。\n"
    found = find_functional(text, CLASSES)
    assert found is not None
    assert found.basis == "partial"
    assert [line.stated_name for line in found.lines] == [
        "社会保障和就业支出",
        "卫生健康支出",
        "住房保障支出",
    ]


def test_a_total_before_its_classes_is_no_cut_off_item() -> None:
    text = "本年支出合计500万元，一般公共服务支出300万元，农林水支出200万元。"
    found = find_functional(text, CLASSES)
    assert found is not None
    assert found.basis != "partial"


def test_numbered_sub_items_under_a_class_do_not_continue_the_list() -> None:
    text = (
        "支出科目如下：\n一、一般公共服务支出50万元，其中：\n1、人大事务支出20万元。\n"
        "2、政府办公室及相关机构支出30万元。\n"
    )
    found = find_functional(text, CLASSES)
    assert found is not None
    assert [line.stated_name for line in found.lines] == ["一般公共服务支出"]
