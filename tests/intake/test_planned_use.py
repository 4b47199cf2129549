"""The older project form's 计划投资额 / 实际使用情况 block (invented examples)."""

from __future__ import annotations

from jixiao.domain.money import Money
from jixiao.domain.report import ReportKind
from jixiao.intake.parse import parse_text
from jixiao.intake.planned_use import planned_and_used


def _read(text: str) -> dict[str, str]:
    found = {}
    for candidate in planned_and_used(text):
        assert isinstance(candidate.value, Money)
        found[candidate.path] = str(candidate.value.wan)
    return found


def test_one_cell_per_line_with_the_unit_in_its_own_cell() -> None:
    text = (
        "项目类型\n\n经常性项目(√)\n\n计划投资额\n\n(万元)\n\n86.5\n\n实际到位资金\n\n(万元)\n\n"
        "80\n\n实际使用情况(万元)\n\n79.42\n\n其中:\n\n中央财政\n\n0\n"
    )
    assert _read(text) == {"budget.adjusted": "86.5", "budget.executed": "79.42"}


def test_cells_run_together() -> None:
    text = (
        "项目类型经常性项目计划投资额(万元)52实际到位资金(万元)52"
        "实际使用情况(万元)49.6其中:省财政52"
    )
    assert _read(text) == {"budget.adjusted": "52", "budget.executed": "49.6"}


def test_pipe_row_in_yuan() -> None:
    text = (
        "| 计划投资额 | (元) | 365,000 | 实际到位资金 | (元) | 365,000 "
        "| 实际使用情况 | (元) | 351,200 |"
    )
    assert _read(text) == {"budget.adjusted": "36.5000", "budget.executed": "35.1200"}


def test_without_the_unit_note_nothing_is_read() -> None:
    # Prose that mentions a planned investment is not the form: other readers decide.
    assert _read("该工程计划投资额3200万元，已完成投资1800万元。") == {}


def test_the_form_gives_the_project_budget() -> None:
    text = (
        "某县文化馆非遗保护项目绩效自评表\n\n一、项目基本情况\n\n计划投资额\n\n(万元)\n\n40\n\n"
        "实际到位资金\n\n(万元)\n\n40\n\n实际使用情况(万元)\n\n37.5\n"
    )
    report = parse_text(text, source="x.txt")
    assert report.kind == ReportKind.PROJECT
    adjusted, executed = report.budget.adjusted, report.budget.executed
    assert adjusted is not None and executed is not None
    assert (str(adjusted.value.wan), str(executed.value.wan)) == ("40", "37.5")
