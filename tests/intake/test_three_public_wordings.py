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


def test_a_narrower_section_is_not_the_units_figure_but_is_listed() -> None:
    text = (
        "某校2023年部门预算说明\n2023年财政拨款收支总预算705.75万元。\n"
        "2023年本年一般公共预算拨款支出703.44万元，其中：基本支出703.44万元，项目支出0万元。\n"
        "初中教育支出206.54万元，其中：基本支出206.54万元。\n"
    )
    report = parse_text(text, source="t.txt")
    assert str(report.spending.total.value.wan) == "705.75"  # type: ignore[union-attr]
    assert report.spending.basic is None
    from jixiao.contract import figures_json

    scoped = [(f["path"], f["scope"], f["value"]) for f in figures_json(report) if f["scope"]]
    assert ("spending.basic", "一般公共预算财政拨款", "703.44") in scoped
    assert all(value != "206.54" for _, _, value in scoped)


def test_a_governments_own_budget_is_its_whole() -> None:
    text = "某镇2023年财政决算情况\n全镇一般公共预算支出完成18313.81万元，占年初预算的87.89%。\n"
    report = parse_text(text, source="t.txt")
    assert str(report.spending.total.value.wan) == "18313.81"  # type: ignore[union-attr]


def test_a_parenthesis_naming_the_list_before_it() -> None:
    text = (
        "某县2023年度“三公”经费决算情况\n全县因公出国(境)经费、公务接待费、公车购置费，"
        "公车运行费(“三公”经费)决算总额2771万元，比上年下降1.8%。\n"
    )
    assert _three(text) == {"total": "2771"}


def test_quotes_round_the_whole_wording_and_a_verb_before_it() -> None:
    # The quote marks may close after 经费, and a verb may stand right before the opening quote.
    for wording in (
        "2023年“三公经费”决算为6.4万元。",
        "2023年实际支出“三公”经费决算为6.4万元。",
        "2023年实际支出三公经费6.4万元。",
    ):
        text = (
            f"某县林业站2023年度决算说明\n{wording}其中公务接待费为2.4万元；"
            "公务用车运行维护费为4万元。\n"
        )
        assert _three(text) == {"total": "6.4", "vehicle_operation": "4", "reception": "2.4"}


def test_general_and_fund_money_together_are_all_the_three_public_money() -> None:
    # 一般公共预算 and 政府性基金 together are the 财政拨款: the 三公 of the unit, not one fund.
    text = (
        "某县方志办2022年度决算说明\n2022年度一般公共预算及政府性基金财政拨款“三公”经费支出"
        "预算为12.5万元，支出决算为10.1万元，完成预算的80.8%。\n"
    )
    report = parse_text(text, source="t.txt")
    assert _three(text) == {"total": "10.1"}
    totals = [
        (str(m.value), m.scope, m.aspect) for m in report.mentions if m.path == "three_public.total"
    ]
    assert totals == [("12.5", "预算", "value"), ("10.1", "", "value"), ("80.8", "", "completion")]


def test_the_purchase_named_as_a_vehicle_s_funds() -> None:
    # 公务车购置经费: 公务车 for 公务用车 and 经费 for 费, as a city's budget text writes it
    text = (
        "某市2025年市本级“三公”经费预算情况说明\n公务用车购置及运行维护费500万元（其中：公务用车"
        "运行维护费420万元，公务车购置经费80万元）。\n"
    )
    report = parse_text(text, source="t.txt")
    assert report.three_public.vehicle_purchase is not None
    assert str(report.three_public.vehicle_purchase.value.wan) == "80"


def test_vehicle_wording_with_its_two_parts_in_the_other_order() -> None:
    text = (
        "某小学2024年部门预算说明\n2024年“三公”经费支出预算为6.4万元。其中：因公出国(境)费支出预算为0万元，"
        "公务接待费支出预算为6.4万元，公务用车运行维护及购置费支出预算为0万元。\n"
    )
    assert _three(text) == {"total": "6.4", "overseas": "0", "reception": "6.4", "vehicle": "0"}
    text = (
        "某卫生院2023年度部门决算说明\n2023年“三公”经费支出决算为2.3万元。其中：公务接待费支出决算为0.8万元，"
        "公车运行维护及购置费支出决算为1.5万元。\n"
    )
    assert _three(text) == {"total": "2.3", "reception": "0.8", "vehicle": "1.5"}
