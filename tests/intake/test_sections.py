"""The heading ladder: line-start headings, run-on outline sequences, known titles."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.intake.sections import (
    KNOWN_TITLES,
    HeadingMatch,
    find_headings,
    known_title,
    section_spans,
    starts_with_heading,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
REAL = SHARED / "corpus" / "real"
SEED = SHARED / "seeds" / "000_3c820579068e2a5e.txt"


def _read(path: Path) -> str:
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return path.read_text(encoding="utf-8")


def _levels(headings: list[HeadingMatch], level: int) -> list[HeadingMatch]:
    return [h for h in headings if h.level == level]


def _assert_quotes(text: str, headings: list[HeadingMatch]) -> None:
    for heading in headings:
        quote = text[heading.start : heading.end]
        assert quote.startswith(heading.marker)
        assert quote.endswith(heading.title)


# ------------------------------------------------------------------------------ the ladder


@pytest.mark.parametrize(
    ("line", "level", "marker", "title"),
    [
        ("一、部门概况", 1, "一、", "部门概况"),
        ("十二、其他", 1, "十二、", "其他"),
        ("（一）单位基本情况", 2, "（一）", "单位基本情况"),
        ("(二)部门整体支出绩效目标。", 2, "(二)", "部门整体支出绩效目标"),
        ("1、人员经费793.43万元。由财政拨款，单位按绩效考核发放", 3, "1、", "人员经费793.43万元"),
        ("10、拟订全市信息安全发展战略、规划，指导", 3, "10、", "拟订全市信息安全发展战略、规划"),
        ("2.卫生健康支出", 3, "2.", "卫生健康支出"),
        ("1. 基本支出预算 881300.39 元,占", 3, "1.", "基本支出预算 881300.39 元"),
        ("（1）公务接待费", 4, "（1）", "公务接待费"),
        ("(3)会议费；培训费", 4, "(3)", "会议费"),
        ("①办公费", 5, "①", "办公费"),
        ("（二）部门职责：", 2, "（二）", "部门职责"),
        ("\u3000\u3000二、整体支出基本情况", 1, "二、", "整体支出基本情况"),
        ("合计1,234,567.89元", None, None, None),
    ],
)
def test_line_start_markers(
    line: str, level: int | None, marker: str | None, title: str | None
) -> None:
    headings = find_headings(line)
    if level is None:
        assert headings == []
        return
    assert [(h.level, h.marker, h.title) for h in headings] == [(level, marker, title)]
    _assert_quotes(line, headings)


def test_a_numbered_sentence_is_a_level_3_item_titled_to_its_first_comma() -> None:
    text = "1、负责全市工业经济的日常运行调节，编制并组织实施近期工业经济运行调控目标。"
    [item] = find_headings(text)
    assert (item.level, item.title) == (3, "负责全市工业经济的日常运行调节")
    assert (item.start, item.end) == (0, 17)


def test_amounts_and_years_are_not_headings() -> None:
    text = (
        "第二部分 2022年度单位决算情况说明\n"
        "1.5万元用于购置设备，2022年度收入1.5万元。\n"
        "2021.12.31前完成。\n"
        "10.6亿元，约占全市GDP2.5%。\n"
        "（图1：收、支决算总计变动情况图）\n"
        "各乡(镇)、县本级部门"
    )
    assert find_headings(text) == []


def test_marker_alone_on_its_line_takes_the_next_line_as_title() -> None:
    text = "三、\n支出决算情况说明\n2020年本年支出合计4021.94万元。"
    [heading] = find_headings(text)
    assert (heading.marker, heading.title) == ("三、", "支出决算情况说明")
    assert text[heading.start : heading.end] == "三、\n支出决算情况说明"


def test_starts_with_heading() -> None:
    assert starts_with_heading("（一）本单位2021年度总收入")
    assert starts_with_heading("  3.上年结转和结余190.89万元")
    assert not starts_with_heading("29.2%,主要原因")
    assert not starts_with_heading("2021年度继续使用。")
    assert not starts_with_heading("入390.55万元")


# -------------------------------------------------------------------------------- run-on


RUN_ON = (
    "某中学专项资金绩效自评价报告一、基本情况（一）项目基本概况我校本年项目为一个"
    "（二）资金及项目绩效目标我校按生均1000元安排二、项目资金使用及管理情况我校资金严格按照"
    "文件要求使用三、存在的问题及原因分析暂无问题四、有关建议拨款应及时五、其他需要说明的问题暂无"
)


def test_run_on_outline_sequence_is_found_with_its_titles() -> None:
    headings = find_headings(RUN_ON)
    _assert_quotes(RUN_ON, headings)
    assert [(h.marker, h.title) for h in _levels(headings, 1)] == [
        ("一、", "基本情况"),
        ("二、", "项目资金使用及管理情况"),
        ("三、", "存在的问题及原因分析"),
        ("四、", "有关建议"),
        ("五、", "其他需要说明的问题"),
    ]
    assert [(h.marker, h.title) for h in _levels(headings, 2)] == [
        ("（一）", "项目基本概况"),
        ("（二）", "资金及项目绩效目标"),
    ]


def test_enumeration_in_prose_is_not_a_heading_sequence() -> None:
    text = "主要做法：一、加强组织领导，二、完善管理制度，三、强化监督检查。"
    assert find_headings(text) == []


def test_a_lone_numeral_in_prose_is_not_a_heading() -> None:
    assert find_headings("我局一、二季度完成投资一、基本情况尚可") == []


@pytest.mark.shared
def test_009_run_on_paragraph_gives_one_to_seven() -> None:
    text = _read(REAL / "009.txt")
    headings = find_headings(text)
    _assert_quotes(text, headings)
    top = _levels(headings, 1)
    assert [h.marker for h in top] == ["一、", "二、", "三、", "四、", "五、", "六、", "七、"]
    assert [h.title for h in top] == [
        "基本情况",
        "项目资金使用及管理情况",
        "预算支出组织实施情况",
        "预算支出绩效情况",
        "存在的问题及原因分析",
        "几点建议",
        "其他需要说明的问题",
    ]
    assert [h.title for h in _levels(headings, 2)] == ["项目基本概况", "资金及项目绩效目标"]


@pytest.mark.shared
def test_018_part_heading_line_has_no_numbered_heading() -> None:
    text = _read(REAL / "018.txt")
    first_line_end = text.index("\n")
    assert all(h.start > first_line_end for h in find_headings(text))
    assert [h.title for h in _levels(find_headings(text), 1)][:2] == [
        "收入支出决算总体情况说明",
        "收入决算情况说明",
    ]


# ---------------------------------------------------------------------------- the seed


@pytest.mark.shared
def test_seed_has_five_top_headings_with_offsets() -> None:
    seed = _read(SEED)
    headings = find_headings(seed)
    _assert_quotes(seed, headings)
    top = _levels(headings, 1)
    assert [(h.marker, h.title) for h in top] == [
        ("一、", "部门概况"),
        ("二、", "整体支出基本情况"),
        ("三、", "评价过程及绩效分析"),
        ("四、", "存在的问题及建议"),
        ("五、", "评价结论"),
    ]
    for heading in top:
        assert seed[heading.start : heading.end] == heading.marker + heading.title
        assert seed[heading.start - 1] == "\n" and seed[heading.end] == "\n"
        assert known_title(heading.title) == heading.title
    assert [(h.marker, h.title) for h in _levels(headings, 2)] == [
        ("（一）", "单位基本情况"),
        ("（二）", "部门职责包括"),
    ]
    items = _levels(headings, 3)
    assert len(items) == 14 + 4 + 3 + 3 + 7
    assert items[14].title == "人员经费793.43万元"


@pytest.mark.shared
def test_seed_sections_run_to_the_next_heading_of_their_level() -> None:
    seed = _read(SEED)
    headings = find_headings(seed)
    spans = section_spans(seed, headings)
    top = {headings[i].title: (start, end) for i, start, end in spans if headings[i].level == 1}
    start, end = top["整体支出基本情况"]
    assert "总支出5252.64万元" in seed[start:end]
    assert "评价过程" not in seed[start:end]
    start, end = top["评价结论"]
    assert end == len(seed)
    assert "经济运行稳中有增" in seed[start:end]


def test_sections_nest_by_level() -> None:
    text = "一、甲\n（一）乙\n1、丙\n①丁\n（二）戊\n二、己\n正文"
    headings = find_headings(text)
    assert [h.level for h in headings] == [1, 2, 3, 5, 2, 1]
    bodies = {headings[i].title: text[start:end] for i, start, end in section_spans(text, headings)}
    assert bodies["甲"] == "\n（一）乙\n1、丙\n①丁\n（二）戊\n"
    assert bodies["乙"] == "\n1、丙\n①丁\n"
    assert bodies["丙"] == "\n①丁\n"
    assert bodies["戊"] == "\n"
    assert bodies["己"] == "\n正文"


def test_line_heading_followed_by_a_run_on_outline_is_cut_where_it_begins() -> None:
    text = "（一）报告说明一、基本情况我校概况二、存在的问题及原因分析暂无三、有关建议无"
    headings = find_headings(text)
    _assert_quotes(text, headings)
    assert [(h.marker, h.title) for h in headings] == [
        ("（一）", "报告说明"),
        ("一、", "基本情况"),
        ("二、", "存在的问题及原因分析"),
        ("三、", "有关建议"),
    ]


# -------------------------------------------------------------------------- known titles


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("部门概况", "部门概况"),
        ("单位概况", "部门概况"),
        ("部门情况", "部门概况"),
        ("部门职责包括", "部门职责"),
        ("存在问题及建议", "存在的问题及建议"),
        ("存在的问题和原因分析：", "存在的问题及原因分析"),
        ("部门整体支出基本情况", "整体支出基本情况"),
        ("评价结论。", "评价结论"),
        ("部门基本情况", "部门基本情况"),
        ("单位基本情况", "单位基本情况"),
        ("项目基本情况", "基本情况"),
        ("相关建议", "有关建议"),
        ("部门整体支出绩效自评结果拟应用和公开情况", "部门整体支出绩效自评结果拟应用和公开情况"),
        ("加强组织领导", None),
        ("", None),
    ],
)
def test_known_title_is_tolerant_of_small_wording_differences(
    title: str, expected: str | None
) -> None:
    assert known_title(title) == expected


def test_known_titles_cover_the_three_outlines() -> None:
    assert set(KNOWN_TITLES) == {
        "performance_statement",
        "overall_self_evaluation",
        "project_self_evaluation",
    }
    assert "评价结论" in KNOWN_TITLES["performance_statement"]
    assert "下一步改进措施" in KNOWN_TITLES["overall_self_evaluation"]
    assert "其他需要说明的问题" in KNOWN_TITLES["project_self_evaluation"]


# ------------------------------------------------------------------------------ properties

MARKERS = ["一、", "二、", "三、", "（一）", "(二)", "1、", "2.", "1.5", "(1)", "①", "十"]
WORDS = ["基本情况", "存在的问题及原因分析", "有关建议", "其他需要说明的问题", "万元", "我校"]
PIECES = st.sampled_from([*MARKERS, *WORDS, "\n", " ", "\u3000", "。", "，"])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=60).map("".join)))
def test_find_headings_never_raises_and_stays_inside_the_text(text: str) -> None:
    headings = find_headings(text)
    assert [h.start for h in headings] == sorted(h.start for h in headings)
    for heading in headings:
        assert 0 <= heading.start < heading.end <= len(text)
        assert text[heading.start :].startswith(heading.marker)
        assert 1 <= heading.level <= 5
    for index, start, end in section_spans(text, headings):
        assert 0 <= index < len(headings)
        assert 0 <= start <= end <= len(text)
