"""key_projects.toml: the bundled rules load, and a wrong file is refused naming the field."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.scoring.key_rules import (
    FILE,
    KeyRulesError,
    load_key_rules,
    parse_key_rules,
    survey_flags,
)

D = Decimal


def _bundled_text() -> str:
    from importlib import resources

    return (resources.files("jixiao.data") / FILE).read_text(encoding="utf-8")


def test_the_bundled_rules() -> None:
    rules = load_key_rules()
    assert rules.panel.divergence_share == D("0.2") and rules.panel.trimmed_from == 3
    framework = rules.framework
    common = sum((c.weight for c in framework.common), D(0))
    categories = sum((c.weight for c in framework.categories), D(0))
    assert common + categories == framework.full_points == 100
    assert [c.level1 for c in framework.categories] == ["产出", "效益"]
    assert categories >= 60  # 10号文: 产出 and 效益 at least 60% in principle
    assert [c.id for c in framework.common if c.formula] == ["execution"]
    assert [u.grade for u in rules.uses] == ["优", "良", "中", "差"]
    cut = rules.use_for("差")
    assert cut is not None and cut.rectify and cut.suggested_budget(D("180")) == D("144.00")
    assert rules.use_for("优").priority  # type: ignore[union-attr]
    assert [u.grade for u in rules.uses if u.rectify] == ["中", "差"]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("divergence_share = 0.2", "divergence_share = 2", "panel.divergence_share"),
        ("trimmed_from = 3", "trimmed_from = 2", "至少要剩一个评分"),
        ('{grade = "差", min = 0}', '{grade = "差", min = 10}', "最低一档为0"),
        ("weight = 35", "weight = 36", "应等于 full_points"),
        ("budget_change = -0.2", "budget_change = -2", "use[3].budget_change"),
        (
            'weight = 5\nformula = "execution"',
            'weight = 5\nformula = "magic"',
            "framework.common[7].formula",
        ),
        ('[[use]]\ngrade = "差"', '[[use]]\ngrade = "劣"', "等级“差”没有对应的"),
    ],
)
def test_a_wrong_field_is_refused_by_name(old: str, new: str, message: str) -> None:
    text = _bundled_text()
    assert old in text
    with pytest.raises(KeyRulesError) as refused:
        parse_key_rules(text.replace(old, new, 1))
    assert message in str(refused.value)


def test_survey_flags() -> None:
    rules = load_key_rules().survey
    assert survey_flags(rate=D(95), sample=None, satisfied=None, rules=rules) == (
        "只有满意度，没有有效样本数：无法判断结果是否可信，请补充调查样本量",
    )
    assert survey_flags(rate=D(95), sample=200, satisfied=190, rules=rules) == ()
    small = survey_flags(rate=D(90), sample=10, satisfied=9, rules=rules)
    assert small == ("有效样本10份，少于30份，样本量偏小",)
    wrong = survey_flags(rate=D(98), sample=200, satisfied=180, rules=rules)
    assert wrong == ("所报满意度98%与 满意样本/有效样本 = 180/200 = 90.00%不符",)
    assert survey_flags(rate=None, sample=50, satisfied=60, rules=rules) == (
        "满意样本60份多于有效样本50份",
    )
