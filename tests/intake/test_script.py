"""Traditional script and inline pinyin are undone before parsing, offsets kept."""

from __future__ import annotations

from jixiao.intake.normalize import normalize
from jixiao.intake.parse import parse_text
from jixiao.intake.script import pinyin_spans, simplified_replacements


def test_traditional_characters_become_simplified_one_for_one() -> None:
    text = "某所2020年度部門決算說明\n本年支出合計75萬元，其中：基本支出50萬元，項目支出25萬元。"
    norm = normalize(text)
    assert "本年支出合计75万元" in norm.text
    report = parse_text(text, source="t.txt")
    assert report.spending.total is not None
    assert str(report.spending.total.value.wan) == "75"
    # Evidence quotes the original, traditional text.
    assert report.spending.total.evidence.quote == "本年支出合計75萬元"


def test_simplified_text_is_left_alone() -> None:
    assert simplified_replacements("本年支出合计75万元，其中基本支出50万元。") == {}


def test_bracketed_pinyin_after_characters_is_deleted() -> None:
    text = "“三公”經(jīng)費(fèi)支出6萬(wàn)元，其中公務(wù)接待費(fèi)1.5萬(wàn)元。"
    report = parse_text("某站2021年度部門決算說明\n" + text, source="t.txt")
    assert report.three_public.total is not None
    assert str(report.three_public.total.value.wan) == "6"
    assert report.three_public.reception is not None
    assert str(report.three_public.reception.value.wan) == "1.5"


def test_brackets_that_are_not_pinyin_stay() -> None:
    text = "资金总额(万元)为12，项目(A)执行数(B)"
    assert pinyin_spans(text) == []
    # A toneless syllable is taken only once the text has shown toned glosses.
    assert pinyin_spans("的(de)") == []
    assert len(pinyin_spans("經(jīng)費(fèi)的(de)")) == 3
