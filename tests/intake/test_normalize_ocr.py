"""OCR damage that the normalizer repairs, and what it must leave alone."""

from __future__ import annotations

from jixiao.intake.normalize import normalize


def test_a_figure_split_by_a_stray_space_in_a_sentence_is_joined() -> None:
    text = "本单位总支出31 2.46万元,其中人员经费218. 05万元,项目支出64.63万兀."
    normalized = normalize(text).text
    assert "总支出312.46万元" in normalized
    assert "人员经费218.05万元" in normalized
    assert "项目支出64.63万元" in normalized


def test_table_cells_separated_by_spaces_stay_apart() -> None:
    text = "三公经费 29.08 63.46 44.29\n公车运行维护 11.86 12 9.84"
    assert normalize(text).text == text


def test_repairs_map_back_to_the_original() -> None:
    text = "总支出31 2.46万元,公用经费29.78万元"
    normalized = normalize(text)
    start = normalized.text.index("312.46")
    first, last = normalized.to_original(start, start + len("312.46万元"))
    assert text[first:last] == "31 2.46万元"
