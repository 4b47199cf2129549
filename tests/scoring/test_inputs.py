"""Reading the inputs: a data file (YAML, JSON, .xlsx by labels) or what a report states."""

from __future__ import annotations

import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from jixiao.domain.basic_data import Level
from jixiao.domain.report import Direction
from jixiao.intake.parse import parse_text
from jixiao.scoring.engine import score
from jixiao.scoring.inputs import (
    InputsError,
    describes_survey,
    inputs_from_report,
    read_inputs_file,
)
from jixiao.scoring.xlsx_inputs import read_xlsx
from tests.conftest import ROOT, SEED, shared_file

FIXTURE = ROOT / "tests" / "fixtures" / "scoring" / "complete-overall.yaml"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_yaml_fixture_reads_exactly() -> None:
    inputs = read_inputs_file(FIXTURE)
    assert (inputs.unit_name, inputs.year, inputs.kind) == ("青峰县统计局", 2022, "overall")
    three = inputs.basic.three_public_actual
    assert three is not None and three.value == Decimal("11.33")  # never a float
    assert "本年“三公”经费实际支出数" in three.source
    assert len(inputs.basic.stated()) == 29  # every row of the fixture
    budget_rules = inputs.judgement("budget-rules")
    assert budget_rules is not None and budget_rules.met == 3
    economic = inputs.judgement("经济效益")
    assert economic is not None and economic.level is Level.ACHIEVED
    assert economic.score == Decimal("2.7")
    assert inputs.self_score == 92 and inputs.self_grade == "优"


def test_yuan_amounts_english_keys_and_json(tmp_path: Path) -> None:
    data = {
        "unit_name": "某单位",
        "year": "2023年",
        "kind": "项目支出",
        "amount_unit": "元",
        "basic": {"全年预算数": 486320.50, "全年执行数": "479638.26", "编制数": "45人"},
        "indicators": [
            {
                "一级指标": "产出指标",
                "三级指标": "维修面积",
                "指标性质": ">=",
                "指标值": 2600,
                "度量单位": "平方米",
                "完成值": 2684,
                "分值": 10,
                "得分": 10,
            },
        ],
        "survey": "发放问卷500份",
    }
    path = _write(tmp_path, "data.json", json.dumps(data, ensure_ascii=False))
    inputs = read_inputs_file(path)
    assert inputs.year == 2023 and inputs.kind == "project"
    assert inputs.basic.budget is not None
    assert inputs.basic.budget.value == Decimal("48.632050")  # 元 → 万元, exact
    assert inputs.basic.authorized_staff is not None
    assert inputs.basic.authorized_staff.value == 45  # a count is never scaled
    [row] = inputs.indicators
    assert row.direction is Direction.AT_LEAST and row.weight == 10
    assert inputs.survey_described


def test_a_value_can_carry_its_own_unit(tmp_path: Path) -> None:
    text = "基础数据:\n  公用经费预算数: 12000元\n  重点项目支出: 3万元\n"
    path = _write(tmp_path, "d.yaml", text)
    basic = read_inputs_file(path).basic
    assert basic.public_budget is not None and basic.public_budget.value == Decimal("1.2")
    assert basic.key_project_spending is not None
    assert basic.key_project_spending.value == 3


def test_blank_values_stay_missing(tmp_path: Path) -> None:
    path = _write(tmp_path, "d.yaml", "基础数据:\n  编制数:\n  在职人数: ''\n")
    assert read_inputs_file(path).basic.stated() == {}


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("基础数据:\n  编址数: 45\n", "编址数"),
        ("单位名: x\n", "单位名"),
        ("基础数据:\n  编制数: 四十五\n", "编制数"),
        ("评价类型: 其他\n", "评价类型"),
        ("评价判断:\n  budget-rules: {满足要点数: 1.5}\n", "满足要点数"),
        ("评价判断:\n  social-benefit: {档次: 很好}\n", "档次"),
        ("指标:\n  - {一级指标: 产出指标}\n", "三级指标"),
        ("金额单位: 亿元\n", "金额单位"),
        ("- 1\n- 2\n", "顶层"),
    ],
)
def test_a_bad_label_or_value_is_refused_naming_it(tmp_path: Path, text: str, named: str) -> None:
    with pytest.raises(InputsError) as caught:
        read_inputs_file(_write(tmp_path, "bad.yaml", text))
    assert "bad.yaml" in str(caught.value) and named in str(caught.value)


def test_unreadable_and_oversized_files(tmp_path: Path) -> None:
    with pytest.raises(InputsError, match="格式有误"):
        read_inputs_file(_write(tmp_path, "x.yaml", "a: [1,\n"))
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (2 * 1024 * 1024 + 1))
    with pytest.raises(InputsError, match="2 MB"):
        read_inputs_file(big)


# -- .xlsx ---------------------------------------------------------------------------------
def _workbook(tmp_path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "基础数据"
    sheet.append(["部门整体支出绩效评价基础数据表"])
    sheet.append(["填报单位", "青峰县统计局", None, "金额单位：万元"])
    sheet.append(["年度", 2022])
    sheet.append(["编制数（人）", 40, None, "在职人数", 41])  # two pairs in one row
    sheet.append([None, "本年“三公”经费预算数", None, 11])  # the value further right
    sheet.append(["上年“三公”经费预算数", 13])
    sheet.append(["公用经费实际支出数", 57.38])
    sheet.append([])
    sheet.append(["指标", "满足要点数", "违规数", "档次", "得分"])
    sheet.append(["budget-rules", 3])
    sheet.append(["社会效益", None, None, "达成", 3.6])
    second = book.create_sheet("自评表")
    second.append(["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值",
                   "分值", "得分"])  # fmt: skip
    second.append(["产出指标", "数量指标", "培训人次", "≥", 200, "人次", 180, 20, 18])
    second.append([None, "质量指标", "合格率", "=", 100, "%", "100%", 10, 10])
    second.append(["总分", None, None, None, None, None, None, 100, 95])
    second.append(["自评得分", 95, "自评等级", "优"])
    path = tmp_path / "基础数据.xlsx"
    book.save(path)
    return path


def test_a_workbook_is_read_by_its_labels(tmp_path: Path) -> None:
    inputs = read_xlsx(_workbook(tmp_path))
    basic = inputs.basic
    assert inputs.unit_name == "青峰县统计局" and inputs.year == 2022
    assert basic.authorized_staff is not None and basic.authorized_staff.value == 40
    assert basic.actual_staff is not None and basic.actual_staff.value == 41
    assert basic.three_public_budget is not None and basic.three_public_budget.value == 11
    assert basic.three_public_budget.source == "数据文件 基础数据!D5"
    assert basic.public_actual is not None and basic.public_actual.value == Decimal("57.38")
    rules = inputs.judgement("budget-rules")
    assert rules is not None and rules.met == 3
    social = inputs.judgement("社会效益")
    assert social is not None and social.level is Level.ACHIEVED
    assert social.score == Decimal("3.6")
    first, second = inputs.indicators
    assert (first.level3, first.target, first.actual, first.weight) == (
        "培训人次",
        "200",
        "180",
        Decimal(20),
    )
    assert second.level1 == "产出指标"  # the merged 一级指标 cell carries down
    assert inputs.self_score == 95 and inputs.self_grade == "优"
    card = score(inputs)
    assert card.line("staff-control-rate").score == Decimal("3.75")  # 41 / 40: 5 − 2.5 × 0.5


def test_a_workbook_that_expands_too_far_is_refused(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    with pytest.raises(InputsError, match="解压后"):
        read_xlsx(path, max_expanded=1024)


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"not a zip")
    with pytest.raises(InputsError, match=r"不是 \.xlsx"):
        read_inputs_file(fake)
    odd = tmp_path / "odd.xlsx"
    with zipfile.ZipFile(odd, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(InputsError, match="Excel"):
        read_xlsx(odd)


# -- from a report -------------------------------------------------------------------------
def test_survey_descriptions() -> None:
    assert describes_survey("学校向学生和教职工发放问卷500份，收回有效问卷482份")
    assert describes_survey("对150户示范主体开展问卷调查，满意度93.4%")
    assert not describes_survey("学生满意度100%，家长满意度100%")


def test_a_report_gives_what_it_states_and_no_more() -> None:
    text = shared_file(SEED).read_text(encoding="utf-8")
    inputs = inputs_from_report(parse_text(text, source="seed"))
    stated = inputs.basic.stated()
    assert set(stated) == {"three_public_actual", "public_actual", "project_spending"}
    assert stated["three_public_actual"].value == 11
    assert stated["three_public_actual"].evidence is not None
    assert inputs.kind == "overall" and inputs.year == 2022
