import re
from pathlib import Path

import pytest

from jixiao.domain.outlines import detect_outline, load_outlines, outline_by_name
from jixiao.domain.report import ReportKind

SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds" / "000_3c820579068e2a5e.txt"


def test_the_three_outlines_load() -> None:
    names = {o.name for o in load_outlines()}
    assert {"performance-note", "hunan-overall-self-evaluation", "project-self-evaluation"} <= names
    hunan = outline_by_name("hunan-overall-self-evaluation")
    assert hunan is not None
    assert len(hunan.sections) == 10
    assert hunan.kinds == (ReportKind.OVERALL,)
    note = outline_by_name("performance-note")
    assert note is not None
    assert [s.title for s in note.sections] == [
        "部门概况",
        "整体支出基本情况",
        "评价过程及绩效分析",
        "存在的问题及建议",
        "评价结论",
    ]
    assert note.sections[0].subsections == ("单位基本情况", "部门职责")


def test_detects_the_performance_note() -> None:
    titles = ["部门概况", "整体支出基本情况", "评价过程及绩效分析", "存在的问题及建议", "评价结论"]
    found = detect_outline(titles)
    assert found is not None and found.name == "performance-note"
    assert found.missing(titles) == []


def test_detects_the_hunan_template_with_a_section_missing() -> None:
    titles = [
        "部门（单位）基本情况",
        "一般公共预算支出情况",
        "政府性基金预算支出情况",
        "国有资本经营预算支出情况",
        "社会保险基金预算支出情况",
        "部门整体支出绩效情况",
        "存在的问题及原因分析",
        "下一步改进措施",
    ]
    found = detect_outline(titles)
    assert found is not None and found.name == "hunan-overall-self-evaluation"
    missing = found.missing(titles)
    # 十、其他需要说明的情况 is optional; only 九 is missing.
    assert [s.position for s in missing] == [9]


def test_detects_the_project_template_and_respects_the_kind() -> None:
    titles = ["绩效目标分解下达情况", "绩效目标完成情况分析", "偏离绩效目标的原因和下一步改进措施"]
    found = detect_outline(titles, kind=ReportKind.PROJECT)
    assert found is not None and found.name == "project-self-evaluation"
    assert detect_outline(titles, kind=ReportKind.OVERALL) is None


def test_nothing_matches_a_final_accounts_note() -> None:
    titles = ["收入支出决算总体情况说明", "收入决算情况说明", "支出决算情况说明"]
    assert detect_outline(titles) is None
    assert detect_outline([]) is None


@pytest.mark.shared
def test_the_seed_headings_follow_the_performance_note() -> None:
    if not SEED.exists():
        pytest.skip("../shared is absent")
    text = SEED.read_text(encoding="utf-8")
    titles = [m.group(1) for m in re.finditer(r"^[一二三四五六七八九十]+、(.+)$", text, re.M)]
    found = detect_outline(titles, kind=ReportKind.OVERALL)
    assert found is not None and found.name == "performance-note"
    assert found.missing(titles) == []
