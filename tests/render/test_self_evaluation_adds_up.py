"""The 自评表 jixiao writes adds up (framework.md §9) and passes its own audit: 总分 = Σ 得分 and
Σ 分值 of its rows, each 得分 ≤ its 分值, the grade the band of the 总分 when the 分值 make 100;
the form alone, written to Excel and read back, raises no score error of its own."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.datafile import SCHEMA, data_to_report
from jixiao.domain.report import Report
from jixiao.render.tables import EMPTY, Table, grade_of, self_evaluation
from jixiao.render.xlsx import render_self_evaluation_xlsx
from jixiao.services import report_read
from tests.render.readback import error_codes, read_back

EXAMPLES = sorted(Path(__file__).resolve().parents[2].glob("examples/*/source.txt"))
# Codes about the form's own arithmetic: the 自评表 must never raise them itself.
FORM_CODES = {"score-grade-band"}


def _number(cell: Any) -> Decimal | None:
    return cell.number if cell.text != EMPTY else None


def assert_adds_up(tables: tuple[Table, ...]) -> None:
    funds = next((t for t in tables if t.key == "funds"), None)
    indicators = next((t for t in tables if t.key == "indicators"), None)
    rows: list[tuple[Decimal | None, Decimal | None]] = []
    if funds is not None:
        weight, score = _number(funds.rows[0][4]), _number(funds.rows[0][6])
        if weight is not None:
            rows.append((weight, score))
        assert score is None or weight is not None  # no 得分 without its 分值
    if indicators is None:
        return
    rows += [(_number(r[7]), _number(r[8])) for r in indicators.rows[:-1]]
    for weight, score in rows:
        if weight is not None and score is not None:
            assert Decimal(0) <= score <= weight
    total = indicators.rows[-1]
    assert total[0].text == "总分"
    total_weight, total_score, grade = _number(total[7]), _number(total[8]), total[9].text
    if any(w is None or s is None for w, s in rows):
        assert (total_weight, total_score, grade) == (None, None, EMPTY)  # no partial total
        return
    assert total_weight == sum(w for w, _ in rows if w is not None)
    assert total_score == sum(s for _, s in rows if s is not None)
    if total_weight == 100 and total_score is not None:
        assert grade == f"{grade_of(total_score)}（按总分）"
    else:
        assert grade == EMPTY


def assert_passes_its_own_audit(report: Report) -> None:
    again = read_back(render_self_evaluation_xlsx(report), "xlsx")
    assert not FORM_CODES & set(error_codes(again))
    tables = self_evaluation(report)
    indicators = next((t for t in tables if t.key == "indicators"), None)
    total = indicators.rows[-1] if indicators is not None else None
    if total is not None and total[7].number == 100 and total[8].number is not None:
        assert again.performance.self_score is not None  # a complete form's 总分 reads back
        assert again.performance.self_score.value.percent == total[8].number


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name[:12])
def test_every_example_form_adds_up(path: Path) -> None:
    report = report_read(path=path, source=path.name)
    assert_adds_up(self_evaluation(report))
    assert_passes_its_own_audit(report)


def test_a_stated_grade_off_its_band_is_not_copied_into_the_form() -> None:
    path = next(p for p in EXAMPLES if "08-" in p.parent.name)  # 88 points graded 优
    report = report_read(path=path, source=path.name)
    indicators = next(t for t in self_evaluation(report) if t.key == "indicators")
    assert [c.text for c in indicators.rows[-1][7:]] == ["100", "88", "良（按总分）"]


WEIGHTS = st.lists(st.integers(1, 30), min_size=1, max_size=8)


@st.composite
def forms(draw: st.DrawFn) -> dict[str, Any]:
    """A report's 自评表: indicators with 分值 and 得分 ≤ 分值 (some scores missing), and
    perhaps a funds row, a stated self-score and a grade."""
    weights = draw(WEIGHTS)
    if draw(st.booleans()):  # the standard form: indicators hold 90 of the 100 points
        weights = [*weights[:-1], max(1, 90 - sum(weights[:-1]))]
    indicators = []
    for index, weight in enumerate(weights):
        hundredths = draw(st.integers(0, weight * 100))
        score: str | None = format(Decimal(hundredths).scaleb(-2), "f")
        if draw(st.integers(0, 9)) == 0:
            score = None
        indicators.append(
            {
                "level1": "产出指标",
                "level2": "数量指标",
                "level3": f"指标{index + 1}",
                "direction": "≥",
                "target": "10",
                "actual": "10",
                "weight": str(weight),
                "score": score,
            }
        )
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "kind": draw(st.sampled_from(("project", "overall"))),
        "profile": {"unit_name": "青峰县第二中学", "year": 2023},
        "performance": {"indicators": indicators},
    }
    if draw(st.booleans()):
        data["budget"] = {
            "adjusted": "150.00万元",
            "executed": "142.80万元",
            "execution_rate": f"{draw(st.integers(5000, 12000)) / 100:.2f}%",
        }
    if draw(st.booleans()):
        data["performance"]["self_score"] = str(draw(st.integers(40, 100)))
    if draw(st.booleans()):
        data["performance"]["grade"] = draw(st.sampled_from(("优", "良", "中", "差")))
    return data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(forms())
def test_any_form_adds_up(data: dict[str, Any]) -> None:
    report = data_to_report(data, source="generated")
    assert_adds_up(self_evaluation(report))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(forms())
def test_any_form_passes_its_own_audit(data: dict[str, Any]) -> None:
    assert_passes_its_own_audit(data_to_report(data, source="generated"))
