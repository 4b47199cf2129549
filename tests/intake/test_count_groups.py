"""Groups that split a whole by their counts, each with its own investment (invented texts)."""

from __future__ import annotations

from jixiao.domain.evidence import Evidence
from jixiao.intake.count_groups import find_count_groups
from jixiao.intake.quantities import find_quantities


def _groups(text: str) -> list[tuple[str, list[str]]]:
    found = find_count_groups(
        text, find_quantities(text), lambda s, e: Evidence(quote=text[s:e], start=s, end=e)
    )
    return [(str(b.whole.value), [str(p.value) for p in b.parts]) for b in found]


def test_groups_whose_counts_add_up_to_the_whole_are_its_parts() -> None:
    text = (
        "全年引进项目20个，其中10亿元以上项目3个，总投资额58.4亿元。"
        "正式签约项目14个，其中10亿元以上项目2个，总投资额40.2亿元；5亿元以上项目4个；"
        "框架协议项目6个，总投资额18.2亿元。\n"
    )
    assert _groups(text) == [("584000.0", ["402000.0", "182000.0"])]


def test_groups_whose_counts_do_not_add_up_are_left_alone() -> None:
    text = (
        "全年引进项目20个，总投资额58.4亿元。"
        "其中工业项目9个，总投资额30亿元；服务业项目7个，总投资额20亿元。\n"
    )
    assert _groups(text) == []


def test_another_measure_or_another_paragraph_is_not_a_group() -> None:
    other_measure = (
        "全年引进项目20个，总投资额58.4亿元。"
        "开工项目12个，年度计划投资30亿元；签约项目8个，签约金额20亿元。\n"
    )
    assert _groups(other_measure) == []
    other_paragraph = (
        "全年引进项目20个，总投资额58.4亿元。\n"
        "工业项目12个，总投资额30亿元；服务业项目8个，总投资额28.4亿元。\n"
    )
    assert _groups(other_paragraph) == []


def test_a_statement_with_two_investments_is_no_group() -> None:
    text = (
        "全年引进项目20个，总投资额58.4亿元。"
        "工业项目12个，总投资额30亿元，其中一期总投资额12亿元；服务业项目8个，总投资额28.4亿元。\n"
    )
    assert _groups(text) == []
