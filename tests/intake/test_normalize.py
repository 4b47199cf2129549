"""The normalized view: each step on its own, the corpus' PDF wraps, and the offset map."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.intake.normalize import NormalizedText, normalize

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
REAL = SHARED / "corpus" / "real"
SEED = SHARED / "seeds" / "000_3c820579068e2a5e.txt"


def _read(path: Path) -> str:
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return path.read_text(encoding="utf-8")


_T2S = opencc.OpenCC("t2s")


def _fold(text: str) -> str:
    """Compare characters up to width and script: NFKC (full-width → half-width), 〔〕 → [],
    traditional → simplified."""
    folded = unicodedata.normalize("NFKC", text).translate(str.maketrans("〔〕", "[]"))
    simplified: str = _T2S.convert(folded)
    return simplified if len(simplified) == len(folded) else folded


def _solid(text: str) -> str:
    return re.sub(r"\s+", "", _fold(text))


# ---------------------------------------------------------------------- character mapping


def test_full_width_digits_letters_and_marks_become_half_width() -> None:
    result = normalize("ＧＤＰ增长２．５％（见表１）：合计１２３ａｂ")
    assert result.text == "GDP增长2.5%(见表1):合计123ab"


def test_chinese_punctuation_is_kept() -> None:
    text = "收入，支出。其中；办公费、差旅费“三公”经费"
    assert normalize(text).text == text


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("合计1，234，567.89元", "合计1,234,567.89元"),
        ("共１，２３４万元，其中", "共1,234万元，其中"),
        ("分别为12，34个", "分别为12，34个"),  # not groups of three: a list, not a number
        ("1，2345", "1，2345"),
        ("1，234，56", "1，234，56"),
        ("2021，2022年", "2021，2022年"),
    ],
)
def test_full_width_comma_is_a_thousands_separator_only_in_groups_of_three(
    original: str, expected: str
) -> None:
    assert normalize(original).text == expected


def test_brackets_and_minus_before_a_digit() -> None:
    result = normalize("常财绩〔2021〕54号［注］下降－5%，－－，1996—2000年，3–4月")
    assert result.text == "常财绩[2021]54号[注]下降-5%，－－，1996—2000年，3–4月"


# --------------------------------------------------------------------------------- spaces


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("2023 年", "2023年"),
        ("881300.39 元", "881300.39元"),
        ("下降 3.8 %", "下降3.8%"),
        ("累计 1918 个", "累计1918个"),
        ("会议25 余次", "会议25余次"),
        ("金额\u00a0881300.39\u3000元", "金额881300.39元"),
        ("2023 年 8 月 29 日", "2023年8月29日"),
        ("基本支出 911000.39 元,其中", "基本支出911000.39元,其中"),
        ("881300 .39元", "881300.39元"),
    ],
)
def test_spaces_inside_amounts_are_removed(original: str, expected: str) -> None:
    assert normalize(original).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "29.08 63.46 44.29",
        "三公经费 29.08 63.46 44.29",
        "人员经费 46 人员",  # 人员 starts a label, it is not the measure word 人
        "编制数 2018年实际在职人数",
        "1. 基本支出",
        "16 预算配置",
    ],
)
def test_spaces_between_figures_and_labels_are_kept(text: str) -> None:
    assert normalize(text).text == text


# ---------------------------------------------------------------------------- page markers


@pytest.mark.parametrize(
    "marker", ["—5—", "- 5 -", "-12-", "第5页", "第 5 页 共 7 页", "共7页 第5页"]
)
def test_page_marker_lines_are_dropped(marker: str) -> None:
    assert (
        normalize(f"上一页的末行。\n{marker}\n下一页的首行。").text
        == "上一页的末行。\n下一页的首行。"
    )


def test_a_line_that_is_just_a_number_is_kept() -> None:
    assert normalize("编制数\n46\n实际人数\n50").text == "编制数\n46\n实际人数\n50"


def test_page_marker_as_first_line() -> None:
    assert normalize("—5—\n正文。").text == "正文。"


# --------------------------------------------------------------------------- wrapped lines

WRAPPED = (
    "（一）本单位本年度总收入五百八十一万元，其中本年收\n"
    "入三百九十万元，较上年度决算数减少一百七十五万元，下降\n"
    "百分之三十一。收入具体情况如下和主要的原因分析说明。\n"
    "1.一般公共预算财政拨款收入三百八十二万元，为市本级\n"
    "财政当年拨付的资金。较上年度决算数减少一百五十七万元\n"
    "2.上级补助收入八万元，为事业单位开展业务活动取得的收\n"
    "入。较上年度决算数减少十七万元，下降百分之六十七点五。\n"
)


def test_pdf_wraps_are_joined_but_not_before_a_heading() -> None:
    lines = normalize(WRAPPED).text.split("\n")
    assert lines[0].startswith("(一)本单位")
    assert "其中本年收入三百九十万元" in lines[0]
    assert lines[0].endswith("收入具体情况如下和主要的原因分析说明。")
    assert lines[1] == "1.一般公共预算财政拨款收入三百八十二万元，为市本级财政当年拨付的资金。" + (
        "较上年度决算数减少一百五十七万元"
    )
    assert lines[2].startswith("2.上级补助收入") and lines[2].endswith("下降百分之六十七点五。")


def test_never_join_across_a_blank_line() -> None:
    text = WRAPPED.replace("其中本年收\n", "其中本年收\n\n")
    assert "其中本年收\n\n入三百九十万元" in normalize(text).text


def test_one_paragraph_per_line_is_never_joined() -> None:
    paragraphs = [
        "一、部门概况",
        "本单位是全市机构改革中合并而成的行政机关，内设股室十四个，下设事业单位四个",
        "二、整体支出基本情况",
        "本年度总支出五千二百万元，基本支出七百九十万元，项目资金支出四千四百万元，"
        "主要用于企业扩展生产线及科学技术研发，以及突发公共卫生事件应急处理等方面",
        "常宁市科技和工业信息化局",
        "2023年8月29日",
    ]
    text = "\n".join(paragraphs)
    assert normalize(text).text == text


def test_table_rows_are_not_joined() -> None:
    rows = "\n".join(
        ["项目名称 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |"] * 6
    )
    assert normalize(rows).text == rows


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text(alphabet="甲乙丙丁经费支出预算收入合计项目单位", min_size=60, max_size=160),
        min_size=3,
        max_size=6,
    )
)
def test_wrapping_then_normalizing_restores_paragraphs(paragraphs: list[str]) -> None:
    """A PDF at 25 characters a line: normalize undoes exactly the layout breaks."""
    wrapped = "\n".join(
        "\n".join(p[i : i + 25] for i in range(0, len(p), 25)) + "。" for p in paragraphs
    )
    assert normalize(wrapped).text == "\n".join(p + "。" for p in paragraphs)


# ------------------------------------------------------------------------------ the corpus


@pytest.mark.shared
def test_024_pdf_wraps_are_joined() -> None:
    result = normalize(_read(REAL / "024.txt"))
    for phrase in ("本年收入390.55万元", "本年支出480.71万元", "减少91.91万元"):
        assert phrase in result.text


@pytest.mark.shared
def test_024_evidence_maps_back_to_the_wrapped_original() -> None:
    original = _read(REAL / "024.txt")
    result = normalize(original)
    start = result.text.index("减少91.91万元")
    begin, end = result.to_original(start, start + len("减少91.91万元"))
    assert original[begin:end] == "减少91.91\n万元"


@pytest.mark.shared
def test_035_spaced_amounts_are_tightened() -> None:
    result = normalize(_read(REAL / "035.txt"))
    assert "2023年本年一般公共预算基本支出911000.39元" in result.text
    assert "同比减少166271.4元，下降15.87%" in result.text.replace(",", "，")


@pytest.mark.shared
def test_seed_has_one_paragraph_per_line_and_nothing_is_joined() -> None:
    seed = _read(SEED)
    result = normalize(seed)
    assert result.text.count("\n") == seed.count("\n")
    assert _solid(result.text) == _solid(seed)
    assert "累计1918个，帮助13家企业" in result.text


@pytest.mark.shared
def test_001_cell_lines_are_unchanged() -> None:
    original = _read(REAL / "001.txt")
    before, after = original.split("\n"), normalize(original).text.split("\n")
    assert len(after) == len(before)
    for old, new in zip(before, after, strict=True):
        assert re.sub(r"\s", "", old) == re.sub(r"\s", "", new)
        if re.fullmatch(r"[\d.%]+", old):
            assert new == old


@pytest.mark.shared
@pytest.mark.parametrize("name", ["002", "003", "007", "009", "012", "018", "020", "031", "037"])
def test_unwrapped_corpus_keeps_its_lines(name: str) -> None:
    original = _read(REAL / f"{name}.txt")
    assert normalize(original).text.count("\n") == original.count("\n")


# ------------------------------------------------------------------------------ offset map


def _check_origin(original: str, result: NormalizedText) -> None:
    assert len(result.origin) == len(result.text) + 1
    assert result.origin[-1] == len(original)
    assert all(a < b for a, b in zip(result.origin, result.origin[1:], strict=False))
    for index, char in enumerate(result.text):
        assert _fold(original[result.origin[index]]) == _fold(char)


ALPHABET = list(
    "0123456789０１２．，,.  \u3000\u00a0\n\n元万年个%％（）:：甲乙经费支出一、(1)|－—第页共"
)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=300), st.data())
def test_origin_is_monotonic_and_each_character_comes_from_its_original(
    original: str, data: st.DataObject
) -> None:
    result = normalize(original)
    _check_origin(original, result)
    start = data.draw(st.integers(0, len(result.text)))
    end = data.draw(st.integers(start, len(result.text)))
    begin, stop = result.to_original(start, end)
    assert 0 <= begin <= stop <= len(original)
    quote = _solid(original[begin:stop])
    # Only spaces, newlines and whole page-marker lines are ever deleted.
    if "页" not in original and "—" not in original and "－" not in original:
        assert quote == _solid(result.text[start:end])


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text_normalizes_with_a_consistent_map(original: str) -> None:
    _check_origin(original, normalize(original))


def test_to_original_of_an_empty_span_and_bad_spans() -> None:
    result = normalize("合计 100 元")
    assert result.text == "合计100元"
    assert result.to_original(2, 5) == (3, 6)
    assert result.to_original(5, 5) == (7, 7)
    assert result.to_original(len(result.text), len(result.text)) == (8, 8)
    with pytest.raises(ValueError, match="outside"):
        result.to_original(3, 2)
    with pytest.raises(ValueError, match="outside"):
        result.to_original(0, 99)


def test_normalizing_nothing() -> None:
    result = normalize("")
    assert result.text == ""
    assert result.origin == (0,)
