"""Recognised lines → text, without the recogniser: pages are built here from characters
placed as a scan of a printed page would have them (fast; the real recogniser is tested in
test_ocr.py and test_ocr_corpus.py)."""

from __future__ import annotations

from jixiao.domain.reading import Box, DoubtKind
from jixiao.intake.parse import parse_document
from jixiao.intake.readers.ocr_layout import LOW_CONFIDENCE, Glyph, OcrLine, OcrPage, layout

SIZE = 30  # pixels per character
WIDE = "一二三四五六七八九十"


PAD = 8  # the recogniser's boxes reach this far above and below the characters


def line(text: str, x: int, y: int, *, slope: float = 0.0, low: dict[int, float] | None = None,
         gap: dict[int, int] | None = None) -> OcrLine:  # fmt: skip
    """Characters from x on the baseline y: 汉字 a full size wide, others half, in boxes
    padded as the recogniser pads them; ``gap`` adds pixels before a character, ``low``
    sets a character's confidence."""
    glyphs = []
    position = float(x)
    for index, char in enumerate(text):
        position += (gap or {}).get(index, 0)
        width = SIZE if ord(char) > 0x2E80 else SIZE // 2
        if char == " ":
            glyphs.append(Glyph(" ", 1.0, None))
            position += SIZE // 3
            continue
        top = round(y + slope * position)
        box = (round(position), top - PAD, round(position + width), top + SIZE + PAD)
        glyphs.append(Glyph(char, (low or {}).get(index, 0.99), box))
        position += width
    boxes = [g.box for g in glyphs if g.box]
    bounds = (min(b[0] for b in boxes), min(b[1] for b in boxes),
              max(b[2] for b in boxes), max(b[3] for b in boxes))  # fmt: skip
    return OcrLine.of(glyphs, bounds)


def page(*lines: OcrLine) -> OcrPage:
    return OcrPage(width=1240, height=1754, lines=list(lines))


def test_lines_are_put_in_reading_order_and_paragraphs_rejoined() -> None:
    # Recognised out of order; the first paragraph runs over two full lines.
    first = "本单位2022年度支出合计5252.64万元，其中基本支出793.43万元，项目支出4459.21"
    result = layout(
        [page(
            line("万元。", 100, 260),
            line("一、部门支出情况", 100, 140),
            line(first, 160, 200),
        )],
        format="image",
    )  # fmt: skip
    assert result.text == "一、部门支出情况\n" + first + "万元。\n"
    assert result.reader == "ocr" and result.pages == (0,)


def test_a_skewed_table_keeps_its_rows_and_columns() -> None:
    slope = 0.015  # about 0.9°: the right end of a row sits 15 px lower
    rows = [
        ("项目", "年初预算数", "全年预算数", "全年执行数"),
        ("基本支出", "868.30", "", "905.46"),  # an empty cell in the middle
        ("项目支出", "1450.30", "2723.45", "2666.72"),
    ]
    lines = []
    for number, cells in enumerate(rows):
        y = 300 + number * 70
        for column, text in enumerate(cells):
            if text:
                lines.append(line(text, 100 + 250 * column, y, slope=slope))
    result = layout([page(*lines)], format="image")
    assert result.text.splitlines() == [
        "| 项目 | 年初预算数 | 全年预算数 | 全年执行数 |",
        "| 基本支出 | 868.30 |  | 905.46 |",
        "| 项目支出 | 1450.30 | 2723.45 | 2666.72 |",
    ]
    cell = result.cell_at(result.text.index("905.46"))
    assert cell is not None and cell.address == (1, 2, 4)


def test_one_recognised_line_is_cut_into_cells_at_wide_gaps() -> None:
    # The detector saw one box across the row; the gaps between cells are 3 characters.
    row = line("三公经费29.0863.46", 100, 300, gap={4: 90, 9: 90})
    head = line("名称上年本年", 100, 230, gap={2: 90, 4: 90})
    result = layout([page(head, row)], format="image")
    assert result.text.splitlines() == ["| 名称 | 上年 | 本年 |", "| 三公经费 | 29.08 | 63.46 |"]


def test_a_cells_wrapped_line_joins_its_cell() -> None:
    lines = [
        line("项目", 100, 300), line("全年执行数", 500, 300),
        line("年度资金总额（万", 100, 370), line("3572.18", 500, 370),
        line("元）", 100, 405),  # closer than the rows: the cell's second line
        line("其中：基本支出", 100, 470), line("905.46", 500, 470),
    ]  # fmt: skip
    result = layout([page(*lines)], format="image")
    assert result.text.splitlines() == [
        "| 项目 | 全年执行数 |",
        "| 年度资金总额（万元） | 3572.18 |",
        "| 其中：基本支出 | 905.46 |",
    ]


def test_known_damage_is_repaired_and_said_so() -> None:
    # "4459. 21" with no gap on the page; 兀 for 元; O for 0 among digits.
    damaged = line("项目支出4459. 21万兀，公用经费1O5.2万元", 100, 300)
    result = layout([page(damaged)], format="image")
    assert result.text == "项目支出4459.21万元，公用经费105.2万元\n"
    repairs = {(result.text[d.start : d.end], d.recognised) for d in result.doubts}
    assert repairs == {("4459.21万元", "4459. 21万兀"), ("105.2万元", "1O5.2万元")}
    assert all(d.kind is DoubtKind.REPAIRED and d.page == 1 for d in result.doubts)


def test_a_real_gap_beside_a_point_is_not_closed() -> None:
    # A space over a gap the page shows is the author's: "合计 100. 50" stays.
    spaced = line("合计100. 50", 100, 300, gap={6: 20})
    result = layout([page(spaced)], format="image")
    assert "100. 50" in result.text and not result.doubts


def test_a_figure_read_with_low_confidence_is_a_doubt_with_its_page_and_box() -> None:
    text = "支出合计5252.64万元，基本支出793.43万元"
    shaky = line(text, 100, 300, low={text.index("793") + 1: LOW_CONFIDENCE - 0.2})
    result = layout([page(line("第一页", 100, 100)), page(shaky)], format="image")
    [doubt] = result.doubts
    assert doubt.kind is DoubtKind.LOW_CONFIDENCE and doubt.page == 2
    assert result.text[doubt.start : doubt.end] == "793.43"
    assert doubt.confidence is not None and doubt.confidence < LOW_CONFIDENCE
    assert doubt.box is not None and doubt.box[1] >= 300 - PAD
    assert result.confidence is not None and 0.9 < result.confidence < 1.0


def test_the_report_carries_the_doubts_and_evidence_its_box() -> None:
    text = "2022年度支出合计5252.64万元，其中基本支出793.43万元。"
    shaky = line(text, 100, 300, low={text.index("793"): 0.5})
    report = parse_document(layout([page(shaky)], format="image"), source="scan.jpg")
    assert report.reading is not None and report.reading.reader == "ocr"
    assert [report.text[d.start : d.end] for d in report.reading.doubts] == ["793.43"]
    basic = report.spending.basic
    assert basic is not None and basic.evidence.page == 1
    assert basic.evidence.box is not None and basic.evidence.box[1] >= 300 - PAD


def test_placed_characters_get_no_repairs_nor_doubts() -> None:
    """OFD text is placed, not recognised: 兀 stays 兀, and no confidence is reported."""
    placed = line("公用经费105.2万兀", 100, 300, low={5: 0.1})
    placed.glyphs = [g._replace(box=_unpadded(g.box)) for g in placed.glyphs]
    result = layout([page(placed)], format="ofd", recognised=False)
    assert result.text == "公用经费105.2万兀\n"
    assert not result.doubts and result.confidence is None and not result.boxes


def _unpadded(box: Box | None) -> Box | None:
    return None if box is None else (box[0], box[1] + PAD, box[2], box[3] - PAD)


def test_a_lone_one_is_doubted_as_a_possible_rule() -> None:
    """A table rule or a "|" on its own reads as "1": never trusted as a figure."""
    result = layout([page(line("公务用车购置费", 100, 300), line("1", 600, 300))], format="image")
    assert "1" in result.text
    [doubt] = result.doubts
    assert doubt.kind is DoubtKind.LONE_STROKE and result.text[doubt.start : doubt.end] == "1"


def test_figures_run_together_are_doubted_not_split() -> None:
    """The recogniser can drop the space between figures: "11.86 41.46" reads as one."""
    result = layout([page(line("公务用车购置和维护经费11.8641.4639.30", 100, 300))], format="image")
    [doubt] = result.doubts
    assert doubt.kind is DoubtKind.RUN_TOGETHER
    assert result.text[doubt.start : doubt.end] == "11.8641.4639.30"


def test_a_bar_read_inside_a_table_row_is_the_rule_between_cells() -> None:
    # The second row's rules were read as "|": its cells are cut there, as on the page.
    result = layout(
        [page(
            line("三级指标方向指标值单位", 100, 200, gap={4: 60, 6: 60, 9: 60}),
            line("数量指标|≥|735|人次", 100, 260),
            line("质量指标≥100%", 100, 320, gap={4: 60, 5: 60, 8: 60}),
        )],
        format="image",
    )  # fmt: skip
    assert "| 数量指标 | ≥ | 735 | 人次 |" in result.text, result.text


def test_a_bar_in_a_line_of_prose_stays() -> None:
    result = layout([page(line("单位名称|市科技局", 100, 200))], format="image")
    assert result.text == "单位名称|市科技局\n"


def test_an_unsure_lone_dash_between_rules_is_the_equals_of_a_direction() -> None:
    head = line("二级指标三级指标方向指标值单位", 100, 200, gap={4: 60, 8: 60, 10: 60, 13: 60})
    unsure = line("|时效指标|资金到位及时率|—|100|%|", 100, 260, low={14: 0.51})
    sure = line("|其他资金|—|—|", 100, 320)
    tail = line("质量指标合格率≥100%", 100, 380, gap={4: 60, 7: 60, 8: 60, 11: 60})
    result = layout([page(head, unsure, sure, tail)], format="image")
    assert "资金到位及时率|=|100|" in result.text, result.text
    assert "其他资金|—|—|" in result.text, result.text  # read surely: a dash it is
    (repair,) = [d for d in result.doubts if d.kind is DoubtKind.REPAIRED]
    assert result.text[repair.start : repair.end] == "=" and repair.recognised == "—"


def test_figures_in_a_row_are_spaced_from_the_words_beside_them() -> None:
    result = layout([page(line("合计1304.23 2951.55项目经费增加", 100, 300))], format="image")
    assert result.text == "合计 1304.23 2951.55 项目经费增加\n"
    prose = layout([page(line("支出合计5252.64万元，占98.5%", 100, 300))], format="image")
    assert prose.text == "支出合计5252.64万元，占98.5%\n"
