import itertools

import pytest

from jixiao.domain.classification import ClassMatch, load_classification, load_editions


def test_2022_classes_by_code() -> None:
    c = load_classification(2022)
    assert c.by_code("206") == "科学技术支出"
    assert c.by_code("224") == "灾害防治及应急管理支出"
    assert c.by_code("215") == "资源勘探工业信息等支出"
    assert c.by_code("218") is None
    assert c.by_code("234") is None
    assert c.covers_year


def test_exact_names_match_exactly() -> None:
    c = load_classification(2022)
    assert c.match("卫生健康支出") == ClassMatch("210", "卫生健康支出", exact=True)
    assert c.match("灾害防治及应急管理支出") == ClassMatch("224", "灾害防治及应急管理支出", True)


@pytest.mark.parametrize(
    ("stated", "code"),
    [
        ("社会保障和就业", "208"),
        ("一般公共服务", "201"),
        ("社会保障与就业支出", "208"),
        ("灾害防治和应急管理支出", "224"),
        ("住房 保障 支出", "221"),
        ("206 科学技术支出", "206"),
        ("（206）科学技术支出", "206"),
    ],
)
def test_clear_variants_match_but_are_not_exact(stated: str, code: str) -> None:
    found = load_classification(2022).match(stated)
    assert found is not None
    assert (found.code, found.exact) == (code, False)


@pytest.mark.parametrize(
    "stated",
    [
        "应急物资储备支出",
        "灾害防治应急管理支出",  # the real name has 及
        "科技支出",
        "医疗卫生与计划生育支出",  # the name before 2019
        "201科学技术支出",  # code and name disagree
        "2060101",
        "",
    ],
)
def test_names_that_are_not_classes_do_not_match(stated: str) -> None:
    assert load_classification(2022).match(stated) is None


def test_suggestions_only_when_a_standard_name_is_obviously_meant() -> None:
    c = load_classification(2022)
    assert c.suggest("灾害防治应急管理支出") == "灾害防治及应急管理支出"
    assert c.suggest("医疗卫生与计划生育支出") == "卫生健康支出"
    assert c.suggest("科技支出") == "科学技术支出"
    assert c.suggest("应急物资储备支出") is None


def test_each_year_gets_its_edition() -> None:
    assert load_classification(2018).by_code("210") == "医疗卫生与计划生育支出"
    assert load_classification(2018).by_code("224") is None
    assert load_classification(2019).by_code("210") == "卫生健康支出"
    assert load_classification(2020).by_code("234") == "抗疫特别国债安排的支出"
    assert load_classification(2021).by_code("234") == "抗疫特别国债安排的支出"
    assert load_classification(2025).edition == 2022


def test_years_outside_the_data_get_the_nearest_edition_flagged_as_uncovered() -> None:
    early, late = load_classification(2005), load_classification(2031)
    unknown = load_classification(None)
    assert early.edition == load_editions()[0].edition and not early.covers_year
    assert late.edition == load_editions()[-1].edition and not late.covers_year
    assert unknown.edition == load_editions()[-1].edition and unknown.year is None


def test_editions_cover_contiguous_years_and_loads_are_cached() -> None:
    editions = load_editions()
    for before, after in itertools.pairwise(editions):
        assert after.first_year == before.last_year + 1
    assert load_classification(2022) is load_classification(2022)
