"""From data back to a Report: corrections replace the figure and its restatements."""

from __future__ import annotations

import copy
from decimal import Decimal

from apps.submissions.reportdata import data_from_report, report_with_data
from jixiao.audit.engine import run
from jixiao.intake.parse import parse_text
from tests.web.conftest import World, report_for


def _codes(report: object) -> set[str]:
    return {f.code for f in run(report).findings if f.severity.value == "error"}  # type: ignore[arg-type]


def test_unchanged_data_gives_back_the_same_report(world: World) -> None:
    report = parse_text(report_for(world.a), source="a.txt")
    data = data_from_report(report)
    again = report_with_data(base=report, data=data, source="a.txt", year=2022)
    assert again == report


def test_a_corrected_figure_replaces_every_statement_of_the_old_value(world: World) -> None:
    report = parse_text(report_for(world.a, flaw="basic"), source="a.txt")
    assert "basic-equals-personnel-plus-public" in _codes(report)
    old = report.spending.personnel
    assert old is not None
    data = copy.deepcopy(data_from_report(report))
    data["spending"]["personnel"] = format(old.value.wan - 10, "f")
    corrected = report_with_data(base=report, data=data, source="a.txt", year=2022)
    assert corrected.spending.personnel is not None
    assert corrected.spending.personnel.evidence == old.evidence  # still points at the quote
    values = {m.value.wan for m in corrected.stated_mentions("spending.personnel")}  # type: ignore[union-attr]
    assert values == {old.value.wan - 10}
    assert "basic-equals-personnel-plus-public" not in _codes(corrected)


def test_functional_lines_are_matched_to_the_years_classes(world: World) -> None:
    data = {
        "spending": {
            "total": "10",
            "functional": [
                {"stated_name": "灾害防治及应急管理支出", "amount": "4"},
                {"stated_name": "应急物资储备支出", "amount": "6"},
            ],
            "functional_basis": "total",
        }
    }
    report = report_with_data(base=None, data=data, source="手填", year=2022)
    first, second = report.spending.functional
    assert (first.code, first.name) == ("224", "灾害防治及应急管理支出")
    assert (second.code, second.name) == (None, None)
    assert report.spending.total is not None and report.spending.total.value.wan == Decimal(10)
    assert report.year == 2022 and report.text == ""


def test_printed_precision_is_kept(world: World) -> None:
    report = report_with_data(
        base=None, data={"spending": {"total": "340.00"}}, source="手填", year=2022
    )
    assert report.spending.total is not None
    assert report.spending.total.value.ulp == Decimal("0.01")
