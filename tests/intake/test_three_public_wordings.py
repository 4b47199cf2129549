"""三公 wordings and budget figures in final accounts (invented examples)."""

from __future__ import annotations

from jixiao.intake.parse import parse_text


def _three(text: str) -> dict[str, str]:
    report = parse_text(text, source="t.txt")
    return {
        name: str(getattr(report.three_public, name).value.wan)
        for name in ("total", "overseas", "vehicle", "vehicle_operation", "reception")
        if getattr(report.three_public, name) is not None
    }


def test_a_budget_figure_never_stands_in_for_the_actual_one() -> None:
    text = (
        "某镇2024年“三公”经费决算汇总情况\n2024年我镇“三公”经费预算为20万元，其中：因公出国(境)费0万元，"
        "公务接待费9万元，公务用车运行维护费11万元。\n2024年“三公”经费支出共计9.07万元。\n"
    )
    assert _three(text) == {"total": "9.07"}


def test_bare_overseas_and_operation_wordings() -> None:
    text = (
        "某站2024年度部门决算说明\n2024年因公出国(境)支出0万元；公务用车运行支出2.6万元；"
        "差旅费、用餐费等公务接待费决算支出3万元。\n"
    )
    assert _three(text) == {"overseas": "0", "vehicle_operation": "2.6", "reception": "3"}


def test_budget_parts_in_a_budget() -> None:
    text = (
        "某局2024年部门预算说明\n2024年“三公”经费支出预算为79万元。其中：因公出国(境)费支出预算为0万元，"
        "公务接待费支出预算为4万元，公务用车购置及运行费支出预算为75万元。\n"
    )
    assert _three(text) == {"total": "79", "overseas": "0", "reception": "4", "vehicle": "75"}
