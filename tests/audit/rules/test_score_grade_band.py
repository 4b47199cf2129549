import pytest

from jixiao.audit.rules import score_grade_band as rule
from jixiao.domain.findings import Severity
from jixiao.domain.report import Performance, Report, ReportKind
from tests.audit.builders import ReportBuilder, run_rule, seed_like_report


def _report(score: str | None, grade: str | None) -> Report:
    b = ReportBuilder(kind=ReportKind.PROJECT)
    return b.build(
        performance=Performance(
            self_score=b.rate(f"总分{score}") if score is not None else None,
            grade=b.text(f"评价等级：{grade}", grade) if grade is not None else None,
        )
    )


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        ("96", "优"),
        ("90", "优秀"),
        ("100", "优"),
        ("89.9", "良"),
        ("80", "良好"),
        ("79.5", "中"),
        ("60", "中等"),
        ("70", "合格"),
        ("59.9", "差"),
        ("0", "不合格"),
        ("45", "较差"),
    ],
)
def test_grades_within_their_band_are_fine(score: str, grade: str) -> None:
    assert run_rule(rule, _report(score, grade)) == []


@pytest.mark.parametrize(
    ("score", "grade", "expected"),
    [("89.99", "优", "良"), ("85", "优秀", "良"), ("90", "良", "优"), ("59", "合格", "差")],
)
def test_a_grade_outside_the_scores_band_is_an_error(score: str, grade: str, expected: str) -> None:
    findings = run_rule(rule, _report(score, grade))
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert f"应评为“{expected}”" in findings[0].message
    assert f"报告所写等级“{grade}”" in findings[0].message


def test_message_names_the_band() -> None:
    (found,) = run_rule(rule, _report("85", "优"))
    assert found.message == "自评得分85分应评为“良”（80分（含）至90分），与报告所写等级“优”不符"


@pytest.mark.parametrize("score", ["100.5", "120"])
def test_a_score_above_100_is_an_error(score: str) -> None:
    findings = run_rule(rule, _report(score, None))
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert findings[0].message == f"自评得分{score}分超出0至100分的范围"


def test_unknown_grade_words_or_no_grade_give_nothing() -> None:
    assert run_rule(rule, _report("85", "一般")) == []
    assert run_rule(rule, _report("85", None)) == []
    assert run_rule(rule, _report(None, "优")) == []
    assert run_rule(rule, seed_like_report()) == []


def test_wording_mapping() -> None:
    assert rule.band_of_wording("优秀等次") == "优"
    assert rule.band_of_wording("“良好”") == "良"
    assert rule.band_of_wording("不合格") == "差"
    assert rule.band_of_wording("合格") == "中"
    assert rule.band_of_wording("满意") is None
