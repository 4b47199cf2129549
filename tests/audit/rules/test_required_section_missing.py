from jixiao.audit.rules import required_section_missing as rule
from jixiao.domain.findings import Severity
from jixiao.domain.report import ReportKind
from tests.audit.builders import ReportBuilder, run_rule, seed_like_report


def test_seed_has_every_section_of_its_outline() -> None:
    assert run_rule(rule, seed_like_report()) == []


def test_a_detected_outline_reports_each_missing_section() -> None:
    b = ReportBuilder()
    b.heading("一、", "部门概况")
    b.heading("二、", "整体支出基本情况")
    b.heading("三、", "评价过程及绩效分析")
    findings = run_rule(rule, b.build())
    assert [f.severity for f in findings] == [Severity.WARNING, Severity.WARNING]
    assert [f.message for f in findings] == [
        "按《绩效情况说明》提纲，报告应有第四部分“存在的问题及建议”，但没有找到这一部分",
        "按《绩效情况说明》提纲，报告应有第五部分“评价结论”，但没有找到这一部分",
    ]


def test_the_outline_the_report_names_is_used() -> None:
    b = ReportBuilder(kind=ReportKind.PROJECT)
    b.heading("一、", "绩效目标分解下达情况")
    b.heading("二、", "绩效目标完成情况分析")
    findings = run_rule(rule, b.build(outline="project-self-evaluation"))
    titles = [f.message for f in findings]
    assert len(titles) == 2
    assert "偏离绩效目标的原因和下一步改进措施" in titles[0]
    assert "绩效自评结果拟应用和公开情况" in titles[1]


def test_optional_sections_are_not_required() -> None:
    b = ReportBuilder(kind=ReportKind.PROJECT)
    for marker, title in [
        ("一、", "绩效目标分解下达情况"),
        ("二、", "绩效目标完成情况分析"),
        ("三、", "偏离绩效目标的原因和下一步改进措施"),
        ("四、", "绩效自评结果拟应用和公开情况"),
    ]:
        b.heading(marker, title)
    assert run_rule(rule, b.build(outline="project-self-evaluation")) == []


def test_no_recognisable_outline_gives_nothing() -> None:
    b = ReportBuilder()
    b.heading("一、", "收入支出决算总体情况说明")
    b.heading("二、", "收入决算情况说明")
    assert run_rule(rule, b.build()) == []


def test_level_two_headings_do_not_fill_level_one_sections() -> None:
    b = ReportBuilder()
    b.heading("一、", "部门概况")
    b.heading("二、", "整体支出基本情况")
    b.heading("三、", "评价过程及绩效分析")
    b.heading("（一）", "存在的问题及建议", level=2)
    b.heading("四、", "评价结论")
    findings = run_rule(rule, b.build())
    assert len(findings) == 1
    assert "存在的问题及建议" in findings[0].message


def test_the_analysis_section_may_say_it_is_a_self_evaluation() -> None:
    # "绩效目标自评完成情况分析": the 衔接资金 reports of several provinces insert 自评.
    b = ReportBuilder(kind=ReportKind.PROJECT)
    for marker, title in [
        ("一、", "绩效目标分解下达情况"),
        ("二、", "绩效自评工作开展情况"),
        ("三、", "绩效目标自评完成情况分析"),
        ("四、", "绩效自评结果拟应用和公开情况"),
    ]:
        b.heading(marker, title)
    findings = run_rule(rule, b.build(outline="project-self-evaluation"))
    assert len(findings) == 1
    assert "偏离绩效目标的原因和下一步改进措施" in findings[0].message
