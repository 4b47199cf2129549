"""A form's indicator block and the points of the groups under it (invented examples)."""

from __future__ import annotations

from jixiao.domain.evidence import Evidence
from jixiao.intake.weight_groups import find_weight_groups


def _locate(start: int, end: int) -> Evidence:
    return Evidence(quote="", start=start, end=end)


def test_groups_after_the_block_up_to_the_total() -> None:
    text = "年度 绩效 目标 (80 分) 产出指标 (50 分) 时效指标 效益指标 (30 分) 总分 满意度指标(10分)"
    [group] = find_weight_groups(text, _locate)
    assert (group.whole.label, group.whole.value) == ("年度绩效目标", 80)
    assert [(p.label, p.value) for p in group.parts] == [("产出指标", 50), ("效益指标", 30)]


def test_each_block_keeps_its_own_groups() -> None:
    text = (
        "绩效指标(90分) 产出指标(60分) 效益指标(30分) 绩效指标(90分) 产出指标(50分) 效益指标(40分)"
    )
    groups = find_weight_groups(text, _locate)
    assert [sum(p.value for p in g.parts) for g in groups] == [90, 90]


def test_one_group_alone_is_no_breakdown() -> None:
    assert find_weight_groups("年度绩效目标(80分) 产出指标(40分)", _locate) == []


def test_a_service_recipients_satisfaction_line_is_not_a_group() -> None:
    # An older template nests 服务对象满意度指标 under 效益指标: its points are inside 效益's.
    text = "绩效指标(90分) 产出指标(60分) 效益指标(30分) 服务对象满意度指标(10分) 总分"
    [group] = find_weight_groups(text, _locate)
    assert [(p.label, p.value) for p in group.parts] == [("产出指标", 60), ("效益指标", 30)]
