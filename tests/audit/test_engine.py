from collections.abc import Iterable
from decimal import Decimal

import pytest

from jixiao.audit import engine
from jixiao.audit.context import RuleContext
from jixiao.audit.registry import RULES
from jixiao.audit.rulesets import RuleSet
from jixiao.domain.evidence import Evidence
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.money import Rate
from jixiao.domain.report import (
    BudgetExecution,
    FunctionalBasis,
    Mention,
    Performance,
    Report,
    ReportKind,
    Spending,
    StatedRate,
    ThreePublic,
)
from tests.audit.builders import ReportBuilder, seed_like_report


def test_seed_gives_exactly_two_errors_and_four_warnings_in_order() -> None:
    result = engine.run(seed_like_report())

    assert result.source == "seed-like.txt"
    assert result.has_errors
    assert [(f.severity, f.code) for f in result.findings] == [
        (Severity.ERROR, "functional-sum-equals-total"),
        (Severity.ERROR, "basic-equals-personnel-plus-public"),
        (Severity.WARNING, "functional-class-name"),
        (Severity.WARNING, "functional-class-name"),
        (Severity.WARNING, "indicator-table-missing"),
        (Severity.WARNING, "self-score-missing"),
    ]
    assert "应急物资储备支出" in result.findings[2].message
    assert "灾害防治应急管理支出" in result.findings[3].message


def test_a_clean_final_accounts_report_has_no_findings() -> None:
    b = ReportBuilder(kind=ReportKind.FINAL_ACCOUNTS, year=2020)
    total = b.mention("spending.total", "本年支出合计4021.94万元", cluster=3)
    basic = b.mention("spending.basic", "基本支出2719.24万元", cluster=3)
    project = b.mention("spending.project", "项目支出1302.70万元", cluster=3)
    items = (
        b.functional("社会保障和就业支出", "67.64"),
        b.functional("卫生健康支出", "1196.48"),
        b.functional("农林水支出", "0.8"),
    )
    whole = b.money("一般公共预算财政拨款支出1264.92万元")
    spending = Spending(
        total=total,
        basic=basic,
        project=project,
        functional=items,
        functional_basis=FunctionalBasis.STATED,
        functional_whole=whole,
    )
    assert engine.run(b.build(spending=spending)).findings == ()


def test_the_ruleset_follows_the_report_year() -> None:
    def report(year: int | None) -> Report:
        b = ReportBuilder(kind=ReportKind.PROJECT, year=year)
        performance = Performance(self_score=b.rate("总分85分"), grade=b.text("等级：优", "优"))
        return b.build(performance=performance)

    def grade_severity(year: int | None) -> Severity:
        found = [f for f in engine.run(report(year)).findings if f.code == "score-grade-band"]
        assert len(found) == 1
        return found[0].severity

    assert grade_severity(2022) is Severity.ERROR
    assert grade_severity(2020) is Severity.ERROR
    assert grade_severity(2019) is Severity.WARNING  # before 财预〔2020〕10号
    assert grade_severity(None) is Severity.WARNING


def test_only_enabled_rules_run() -> None:
    ruleset = RuleSet.of(("self-score-missing",))
    result = engine.run(seed_like_report(), ruleset)
    assert [f.code for f in result.findings] == ["self-score-missing"]


def test_severity_overrides_leave_rounding_notes_alone() -> None:
    b = ReportBuilder()
    spending = Spending(
        total=b.money("支出合计100.01万元"),
        basic=b.money("基本支出50万元"),
        project=b.money("项目支出50万元"),
        personnel=b.money("人员经费10万元"),
        public=b.money("公用经费10万元"),
    )
    overrides = {
        "total-equals-basic-plus-project": Severity.WARNING,
        "basic-equals-personnel-plus-public": Severity.WARNING,
    }
    ruleset = RuleSet.of(tuple(overrides), severity=overrides)
    result = engine.run(b.build(spending=spending), ruleset)
    assert [(f.code, f.severity) for f in result.findings] == [
        ("basic-equals-personnel-plus-public", Severity.WARNING),
        ("total-equals-basic-plus-project", Severity.INFO),
    ]


def test_a_broken_rule_becomes_a_warning_and_the_others_still_run(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(report: Report, context: RuleContext) -> Iterable[Finding]:
        raise ZeroDivisionError("boom")

    rules = dict(RULES)
    rules["total-equals-basic-plus-project"] = broken
    monkeypatch.setattr(engine, "RULES", rules)

    result = engine.run(seed_like_report())

    failed = [f for f in result.findings if f.code == "rule-failed"]
    assert len(failed) == 1
    assert failed[0].severity is Severity.WARNING
    assert "total-equals-basic-plus-project" in failed[0].message
    assert "ZeroDivisionError" in failed[0].message
    assert len(result.findings) == 7
    assert "total-equals-basic-plus-project" in caplog.text
    assert "boom" in caplog.text


def test_identical_findings_are_reported_once(monkeypatch: pytest.MonkeyPatch) -> None:
    evidence = Evidence("x", 5, 6)
    same = Finding("self-score-missing", Severity.WARNING, "同一条", evidence=(evidence,))

    def twice(report: Report, context: RuleContext) -> Iterable[Finding]:
        return [same, same, Finding("self-score-missing", Severity.WARNING, "另一条")]

    monkeypatch.setattr(engine, "RULES", {"self-score-missing": twice})
    result = engine.run(ReportBuilder().build(), RuleSet(name="t", enabled=("self-score-missing",)))
    assert [f.message for f in result.findings] == ["同一条", "另一条"]


def test_sort_order_is_severity_then_text_position() -> None:
    def at(start: int | None, severity: Severity, code: str = "c") -> Finding:
        evidence = () if start is None else (Evidence("q", start, start + 1),)
        return Finding(code, severity, f"{code}{start}", evidence=evidence)

    unsorted = [
        at(None, Severity.ERROR),
        at(50, Severity.INFO),
        at(40, Severity.ERROR),
        at(10, Severity.WARNING),
        at(5, Severity.ERROR),
    ]
    ordered = engine.sort_findings(unsorted)
    assert [(f.severity, f.message) for f in ordered] == [
        (Severity.ERROR, "c5"),
        (Severity.ERROR, "c40"),
        (Severity.ERROR, "cNone"),
        (Severity.WARNING, "c10"),
        (Severity.INFO, "c50"),
    ]


def test_odd_inputs_do_not_break_any_rule() -> None:
    # Zero budgets and bases, a rate where an amount is expected, a negative score, no year.
    b = ReportBuilder(kind=ReportKind.PROJECT, year=None)
    b.mentions.append(Mention("spending.basic", Rate.parse("12"), b.quote("基本支出12%")))
    b.mention("spending.total", "支出10万元", cluster=1)
    b.change("spending.total", "增加10万元", cluster=1)
    b.change_rate("spending.total", "增长100%", cluster=1)
    b.change("three_public.total", "三公经费减少1万元", cluster=1)
    report = b.build(
        budget=BudgetExecution(
            adjusted=b.money("全年预算数0万元"),
            executed=b.money("执行数0万元"),
            execution_rate=b.rate("执行率0%"),
        ),
        three_public=ThreePublic(total=b.money("三公经费0万元")),
        performance=Performance(
            self_score=StatedRate(Rate(Decimal(-5)), b.quote("得分-5分")),
            grade=b.text("等级", ""),
        ),
        spending=Spending(basic=b.money("基本支出0元")),
    )
    result = engine.run(report)
    assert not [f for f in result.findings if f.code == "rule-failed"]
    assert [f.message for f in result.findings if f.code == "score-grade-band"] == [
        "自评得分-5分超出0至100分的范围"
    ]


def test_money_in_findings_is_in_wan() -> None:
    b = ReportBuilder()
    spending = Spending(
        basic=b.money("基本支出1000元"),
        personnel=b.money("人员经费600元"),
        public=b.money("公用经费300元"),
    )
    ruleset = RuleSet.of(("basic-equals-personnel-plus-public",))
    (found,) = engine.run(b.build(spending=spending), ruleset).findings
    assert (found.stated, found.computed, found.difference) == (
        Decimal("0.1"),
        Decimal("0.09"),
        Decimal("0.01"),
    )
