"""Every framework file loads and is checked; a broken one is refused naming file and field."""

from __future__ import annotations

import re
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest

from jixiao.domain.basic_data import FIELD_BY_KEY
from jixiao.scoring import frameworks
from jixiao.scoring.cases import Better
from jixiao.scoring.frameworks import FrameworkError, parse_text

DATA = resources.files("jixiao.data") / "frameworks"
FILES = sorted(e.name for e in DATA.iterdir() if e.name.endswith(".yaml"))

# 财预〔2013〕53号 附件2 (framework.md §1.2): every common indicator, as (level2, level3).
SECTION_1_2 = {
    ("目标设定", "绩效目标合理性"),
    ("目标设定", "绩效指标明确性"),
    ("预算配置", "在职人员控制率"),
    ("预算配置", "三公经费变动率"),
    ("预算配置", "重点支出安排率"),
    ("预算执行", "预算完成率"),
    ("预算执行", "预算调整率"),
    ("预算执行", "支付进度率"),
    ("预算执行", "结转结余率"),
    ("预算执行", "结转结余变动率"),
    ("预算执行", "公用经费控制率"),
    ("预算执行", "三公经费控制率"),
    ("预算执行", "政府采购执行率"),
    ("预算管理", "管理制度健全性"),
    ("预算管理", "资金使用合规性"),
    ("预算管理", "预决算信息公开性"),
    ("预算管理", "基础信息完善性"),
    ("资产管理", "管理制度健全性"),
    ("资产管理", "资产管理安全性"),
    ("资产管理", "固定资产利用率"),
    ("职责履行", "实际完成率"),
    ("职责履行", "完成及时率"),
    ("职责履行", "质量达标率"),
    ("职责履行", "重点工作办结率"),
    ("履职效益", "经济效益"),
    ("履职效益", "社会效益"),
    ("履职效益", "生态效益"),
    ("履职效益", "社会公众或服务对象满意度"),
}
LOWER_IS_BETTER = {
    "staff-control-rate",
    "three-public-change",
    "budget-adjustment-rate",
    "carryover-rate",
    "carryover-change",
    "public-control-rate",
    "three-public-control-rate",
}


@pytest.mark.parametrize("name", FILES)
def test_every_bundled_file_loads(name: str) -> None:
    framework = parse_text((DATA / name).read_text(encoding="utf-8"), name)
    assert f"{framework.name}.yaml" == name  # one file per framework, named by it
    ids = [spec.id for spec in framework.indicators]
    assert all(re.fullmatch(r"[a-z][a-z0-9-]*", i) for i in ids)
    assert len(set(ids)) == len(ids)
    assert framework.grades[-1].minimum == 0


def test_one_default_per_kind() -> None:
    assert frameworks.default_for("overall").name == "dept-overall-b"
    assert frameworks.default_for("project").name == "project-self-2020"


@pytest.mark.parametrize("name", ["dept-overall-b", "dept-overall-d"])
def test_overall_frameworks_hold_every_indicator_of_the_53_framework(name: str) -> None:
    framework = frameworks.load(name)
    assert {(s.level2, s.level3) for s in framework.indicators} == SECTION_1_2
    assert sum((s.weight for s in framework.indicators), Decimal(0)) == 100
    lower = {s.id for s in framework.indicators if s.better is Better.LOWER}
    assert lower == LOWER_IS_BETTER
    for spec in framework.indicators:
        assert all(key in FIELD_BY_KEY for key in spec.inputs)


def test_variant_b_weights_by_level1() -> None:
    framework = frameworks.load("dept-overall-b")
    by_level1: dict[str, Decimal] = {}
    for spec in framework.indicators:
        by_level1[spec.level1] = by_level1.get(spec.level1, Decimal(0)) + spec.weight
    assert by_level1 == {"投入": 15, "过程": 40, "产出": 25, "效果": 20}
    weights = {spec.id: spec.weight for spec in framework.indicators}
    # The weights variant B states (framework.md §1.3) are kept as they are.
    for indicator, weight in {
        "staff-control-rate": 5,
        "three-public-change": 5,
        "key-spending-rate": 5,
        "budget-adjustment-rate": 3,
        "payment-progress-rate": 3,
        "carryover-change": 3,
        "three-public-control-rate": 6,
        "budget-rules": 3,
        "fund-compliance": 3,
    }.items():
        assert weights[indicator] == weight, indicator


def test_project_framework_weights() -> None:
    rules = frameworks.load("project-self-2020").project
    assert rules is not None
    assert rules.execution_weight == 10
    assert [(c.id, c.weight) for c in rules.categories] == [
        ("output", 50),
        ("outcome", 30),
        ("satisfaction", 10),
    ]


def test_grades_follow_the_2020_bands() -> None:
    framework = frameworks.load("project-self-2020")
    cases = {"100": "优", "90": "优", "89.99": "良", "80": "良", "79.99": "中", "60": "中"}
    cases["59.99"] = "差"
    for total, grade in cases.items():
        assert framework.grade_of(Decimal(total)) == grade


def _broken(old: str, new: str, name: str = "dept-overall-b.yaml") -> str:
    text = (DATA / name).read_text(encoding="utf-8")
    assert old in text, old
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("    weight: 6\n", "    weight: 7\n", "indicators"),  # sum 101
        ("    weight: 6\n", "    weight: 六\n", "weight"),
        ("inputs: [actual_staff, authorized_staff]", "inputs: [staff]", "inputs"),
        ("inputs: [actual_staff, authorized_staff]", "inputs: [actual_staff]", "inputs"),
        ("method: bands\n", "method: tiers\n", "method"),
        ("params: {limit: 100, deduct: 0.5}", "params: {limit: 100}", "params.deduct"),
        ("params: {limit: 100, deduct: 0.5}", "params: {limit: 100, deduct: 0.5, x: 1}", "x"),
        ("    direction: lower\n", "    direction: down\n", "direction"),
        ("formula: ratio\n", "formula: quotient\n", "formula"),
        ("- id: fund-compliance", "- id: budget-rules", "indicators"),
        ("kind: overall", "kind: city", "kind"),
        ("title: ", "titel: ", "titel"),
        ("  - {grade: 差, min: 0}", "  - {grade: 差, min: 10}", "grades[3].min"),
        ("        - {min: 90, points: 5}", "        - {min: 90, points: 6}", "params"),
    ],
)
def test_a_broken_file_is_refused_naming_file_and_field(old: str, new: str, field: str) -> None:
    with pytest.raises(FrameworkError) as caught:
        parse_text(_broken(old, new), "city.yaml")
    message = str(caught.value)
    assert "city.yaml" in message
    assert field in message, message


def test_a_broken_project_file_is_refused() -> None:
    text = _broken("weight: 50", "weight: 60", "project-self-2020.yaml")
    with pytest.raises(FrameworkError, match="project"):
        parse_text(text, "p.yaml")
    text = _broken("far_exceeded: 1.2", "far_exceeded: 0.9", "project-self-2020.yaml")
    with pytest.raises(FrameworkError, match="far_exceeded"):
        parse_text(text, "p.yaml")


def test_not_yaml_and_unknown_names() -> None:
    with pytest.raises(FrameworkError, match="YAML"):
        parse_text("name: [", "bad.yaml")
    with pytest.raises(FrameworkError, match="no-such"):
        frameworks.load("no-such")
    with pytest.raises(FrameworkError, match="无法读取"):
        frameworks.load_file(Path("/nonexistent/x.yaml"))
