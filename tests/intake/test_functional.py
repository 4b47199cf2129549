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
