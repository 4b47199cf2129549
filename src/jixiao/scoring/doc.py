"""docs/frameworks.md, written from the framework files and the code's own catalogues.

``render()`` is the whole document; scripts/gen_frameworks_doc.py writes it and a test fails
when the committed file differs, so the documentation cannot drift from the data.
"""

from __future__ import annotations

from jixiao.domain.basic_data import FIELDS
from jixiao.domain.scorecard import ROUNDING_RULE
from jixiao.scoring.cases import Better
from jixiao.scoring.formulas import FORMULAS
from jixiao.scoring.frameworks import Framework, bundled
from jixiao.scoring.methods import SUMMARIES
from jixiao.scoring.numbers import number
from jixiao.scoring.warnings import WARNING_CODES

_DIRECTION = {"higher": "越高越好", "lower": "越低越好", "equal": "等于目标"}
_KIND = {"overall": "部门整体支出", "project": "项目支出"}
_KIND_UNIT = {"money": "万元", "count": "个数", "rate": "%"}

_USAGE = """\
## 用法

```
jixiao score 报告.txt                     # 按报告所述数据评分（默认框架按报告类型选择）
jixiao score 基础数据.yaml --framework dept-overall-d
jixiao score 基础数据.xlsx --json         # 结构见“评分结果 JSON”
jixiao score --list                       # 列出可用框架
```

- 框架可以是下列内置框架的名称，也可以是自己编写的框架文件路径（.yaml）：新地区的权重是新文件，
  不是新代码。框架文件在加载时逐项校验，出错时提示文件名和字段。
- 缺少的数据逐项列出（“需要补充的数据”），从不推测；数据齐全后才给出总分和等级。
"""

_DATA_FILE = """\
## 基础数据文件

单位可以填写 YAML、JSON 或 Excel（.xlsx）文件。YAML 示例：

```yaml
单位名称: 青峰县示范局
年度: 2022
评价类型: 部门整体支出        # 或 项目支出
金额单位: 万元                # 或 元；单个数值也可写“12元”“3万元”
基础数据:
  编制数: 45
  在职人数: 43
  本年“三公”经费预算数: 13
  本年“三公”经费实际支出数: 11
评价判断:                     # 定性指标：按指标编号（或二级+三级指标名称）填写
  budget-rules: {满足要点数: 3}
  fund-compliance: {违规数: 0}
  economic-benefit: {档次: 达成, 得分: 3}
自评:
  总分: 95.5
  等级: 优
  指标得分: {staff-control-rate: 5}
指标:                          # 项目支出：自评表的绩效指标，每行一项
  - {一级指标: 产出指标, 二级指标: 数量指标, 三级指标: 受资助学生人数, 指标性质: "≥",
     指标值: 735, 度量单位: 人次, 完成值: 735, 分值: 10, 得分: 10}
满意度调查: 发放问卷500份，收回有效问卷482份
```

- 名称不认识的项目会被拒绝并指明位置，不会被悄悄当作缺失。数值写小数时按原样精确读取。
- Excel 文件按标签读取，不依赖固定单元格：任一工作表中写有下表“名称”（或别名）的单元格，其右侧
  第一个非空单元格就是数值；有“三级指标”“指标值”表头的行开始绩效指标表，到空行或“总分/合计”为止
  （一级、二级指标的空单元格沿用上一行，即合并单元格）；有“指标”和“满足要点数/违规数/档次”表头的行
  开始评价判断表。文件只读打开、只取数值，超过20 MB或解压后超过100 MB的文件会被拒绝。
"""

_JSON = """\
## 评分结果 JSON

`jixiao score --json` 输出下列结构（只增不改：新增键可以，已有键不改名、不删除）。所有数字都是十进制
字符串，不用浮点数；`score`、`total` 等是四舍五入后的显示值，`*_exact` 是精确值。

```json
{
  "schema": 1,
  "source": "基础数据.yaml",
  "unit_name": "青峰县示范局",
  "year": 2022,
  "framework": {"name": "dept-overall-b", "title": "…", "kind": "overall | project",
                "basis": "…", "region": "…"},
  "complete": true,
  "total": "95.5", "total_exact": "95.5", "grade": "优",
  "full_points": "100", "scored": "95.5", "counted_weight": "100", "rescaled": false,
  "self_score": "96", "self_grade": "优", "self_minus_total": "0.5",
  "lines": [
    {"id": "three-public-change", "level1": "投入", "level2": "预算配置",
     "level3": "三公经费变动率", "weight": "5",
     "status": "scored | missing | incomputable | not_applicable | reference | unweighted",
     "value": "-15.38", "value_exact": "-15.38461538461538461538461538", "value_unit": "%",
     "score": "5", "score_exact": "5", "stated_score": null,
     "target": null, "actual": null, "unit": null,
     "explanation": "三公经费变动率 = (11 − 13) / 13 = −15.38%，不高于0，得满分5分",
     "missing": [{"key": "…", "label": "…"}]}
  ],
  "missing": [{"key": "authorized_staff", "label": "编制数", "indicators": ["staff-control-rate"]}],
  "warnings": [{"code": "achieved-not-full-marks", "message": "…", "indicator": "output-03",
                "stated": "7", "computed": "10",
                "evidence": [{"quote": "资金到位及时率", "start": 607, "end": 614}]}],
  "notes": ["…"],
  "rounding": "…"
}
```

- `status`：scored 已计分；missing 缺数据（`missing` 列出缺什么）；incomputable 数据齐全
  但无法计算（如分母为0）；not_applicable 不适用、已剔除；reference 分值为0的参考指标；
  unweighted 未列分值、未计分。
- `total` 在有指标缺数据时为 null，`scored` 是已计分指标的得分之和。`rescaled` 为 true 表示
  计分指标的分值合计（`counted_weight`）不等于满分，总分已按比例折算。
- `missing` 每项数据只列一次，`indicators` 是需要它的指标编号。
"""

_SCHEMA = """\
## 框架文件的格式

每个框架一个 YAML 文件，放在 `src/jixiao/data/frameworks/`
（或任意路径，用 `--framework 路径` 指定）。

- 共同字段：`name`（稳定名称，小写字母、数字、连字符）、`kind`（overall 部门整体支出 /
  project 项目支出）、`title`、`basis`（文件依据）、`region`（适用地区）、`year`、
  `default`（该类默认框架，每类恰有一个）、`full_points`（满分）、`grades`（等级及下限，
  从高到低，最低一档为0）、`warnings`（`self_score_margin` 自评高出核算的分差、
  `execution_margin` 得分率高出执行率的百分点，默认均为5）、`notes`。
- overall：`indicators` 列表，每项 `id`（稳定编号，永不改名）、`level1/level2/level3`、
  `formula`、`inputs`（基础数据键名）、`direction`（higher/lower）、`weight`、`method`、
  `params`、`note`。各项 `weight` 之和必须等于 `full_points`；分值为0的指标用
  `reference` 方法。
- project：`project.execution`（`weight`、`method`、`params`）、`project.categories`
  （`id`、`name`、`weight`、`match` 一级指标名称关键词）、`project.quantitative`
  （`method`、`far_exceeded`）、`project.qualitative`（`method: qualitative_band`、
  `params.bands`）。执行率与各类别分值之和必须等于 `full_points`。
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _overall(framework: Framework) -> list[str]:
    lines = [
        "| 编号 | 一级 | 二级 | 三级指标 | 公式 | 方向 | 分值 | 方法 | 评分标准 | 说明 |",
        "| --- | --- | --- | --- | --- | --- | ---: | --- | --- | --- |",
    ]
    for spec in framework.indicators:
        cells = (
            spec.id,
            spec.level1,
            spec.level2,
            spec.level3,
            spec.definition,
            "—" if spec.formula == "judgement" else _DIRECTION[spec.better.value],
            number(spec.weight),
            spec.rule.method,
            spec.standard,
            spec.note,
        )
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return lines


def _project(framework: Framework) -> list[str]:
    rules = framework.project
    assert rules is not None
    execution = rules.execution_rule.describe(rules.execution_weight, Better.HIGHER)
    lines = [
        "| 编号 | 项目 | 分值 | 识别（一级指标名称含） | 方法 | 评分标准 |",
        "| --- | --- | ---: | --- | --- | --- |",
        f"| execution | 预算执行率（全年执行数 / 全年预算数） | {number(rules.execution_weight)} "
        f"| — | {rules.execution_rule.method} | {_cell(execution)} |",
    ]
    for category in rules.categories:
        lines.append(
            f"| {category.id} | {category.name} | {number(category.weight)} "
            f"| {'、'.join(category.match)} | 定量：{rules.quantitative.method}；"
            f"定性：{rules.qualitative.method} | 单位自评表分值优先，未列分值时按类别平均分配 |"
        )
    lines += [
        "",
        f"- 定量指标：{rules.quantitative.describe(framework.full_points, Better.HIGHER)}。",
        f"- 远超目标：完成值达到指标值的{number(rules.far_exceeded)}倍及以上"
        f"（“≤”类为不到指标值的1/{number(rules.far_exceeded)}）时提请复核，不自动扣分。",
        "- 定性指标三档："
        + "；".join(
            f"{band.level.value} {number(band.high)}%–{number(band.low)}%"
            for band in rules.qualitative.bands
        )
        + "（占分值的比例）。",
    ]
    return lines


def _framework(framework: Framework) -> list[str]:
    grades = "，".join(f"{g.grade} ≥ {number(g.minimum)}" for g in framework.grades)
    lines = [
        f"### {framework.name}：{framework.title}",
        "",
        f"- 类型：{_KIND[framework.kind]}{'（默认）' if framework.default else ''}；"
        f"文件：`src/jixiao/data/frameworks/{framework.file}`",
        f"- 依据：{framework.basis}",
        f"- 适用：{framework.region}；年度：{framework.year}；"
        f"满分：{number(framework.full_points)}",
        f"- 等级：{grades}",
        f"- 提示界限：自评高出核算{number(framework.self_score_margin)}分以上；"
        f"指标得分率高出预算执行率{number(framework.execution_margin)}个百分点以上",
    ]
    lines += [f"- {note}" for note in framework.notes]
    lines.append("")
    lines += _overall(framework) if framework.kind == "overall" else _project(framework)
    lines.append("")
    return lines


def render() -> str:
    """The whole of docs/frameworks.md."""
    frameworks = bundled()
    out = [
        "# 评分框架",
        "",
        "<!-- 本文件由 scripts/gen_frameworks_doc.py 根据 src/jixiao/data/frameworks/*.yaml 生成，"
        "请勿手改；修改数据文件后重新生成。 -->",
        "",
        "jixiao 按财政部门选定的评分框架核算得分，逐项写明公式、数字和得分理由。框架是数据文件："
        "指标、公式的输入、方向、分值和评分方法都写在文件里，代码只提供文件引用的公式和评分方法。",
        "",
        _USAGE,
        "## 框架一览",
        "",
        "| 名称 | 类型 | 标题 | 适用 | 默认 |",
        "| --- | --- | --- | --- | --- |",
    ]
    for framework in frameworks:
        out.append(
            f"| {framework.name} | {_KIND[framework.kind]} | {framework.title} "
            f"| {framework.region} | {'是' if framework.default else ''} |"
        )
    out += ["", "## 各框架的指标与分值", ""]
    for framework in frameworks:
        out += _framework(framework)
    out += ["## 评分方法", "", "| 方法 | 说明 |", "| --- | --- |"]
    out += [f"| {name} | {summary} |" for name, summary in SUMMARIES.items()]
    out += ["", "## 公式", "", "| 公式 | 计算 | 输入个数 |", "| --- | --- | ---: |"]
    for formula in FORMULAS.values():
        labels = ["a", "b"][: formula.arity]
        out.append(f"| {formula.name} | {formula.describe(labels)} | {formula.arity} |")
    out += ["", "## 基础数据", "", "| 键名 | 名称 | 类型 | 别名 |", "| --- | --- | --- | --- |"]
    for item in FIELDS:
        aliases = "、".join(item.aliases)
        out.append(f"| {item.key} | {item.label} | {_KIND_UNIT[item.kind.value]} | {aliases} |")
    out += ["", _DATA_FILE, "## 提请复核的提示", "", "| 代码 | 含义 |", "| --- | --- |"]
    out += [f"| {code} | {meaning} |" for code, meaning in WARNING_CODES.items()]
    out += ["", "## 计分与舍入规则", "", f"{ROUNDING_RULE}。", "", _JSON, _SCHEMA.rstrip()]
    return "\n".join(out) + "\n"
