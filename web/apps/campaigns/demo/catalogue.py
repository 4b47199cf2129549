"""Who and what the demo holds: regions, units, accounts, and the state of each report.

Every name is fictional (雁川市 and its districts do not exist). Figures are generated
deterministically from the unit and year, so two runs build the same data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from apps.submissions.models import State
from apps.units.models import UnitKind

DEMO_PASSWORD = "jixiao2024"
CITY = "雁川市"
BUREAU = "雁川市财政局"

REGIONS = (("R001", "市本级"), ("R002", "雁北区"), ("R003", "雁南县"))
REVIEWERS = (
    ("czj_shi", "周审核", "市本级"),
    ("czj_beiqu", "吴审核", "雁北区"),
    ("czj_nanxian", "郑审核", "雁南县"),
)


@dataclass(frozen=True, slots=True)
class DemoUnit:
    code: str
    name: str
    kind: UnitKind
    region: str
    slug: str  # account names: <slug>_tb (填报人), <slug>_fz (负责人)
    scale: int  # 万元, the order of its yearly spending
    main_class: str  # its main 功能分类 类
    seed: bool = False  # built from the seed report's figures


UNITS: tuple[DemoUnit, ...] = (
    DemoUnit("101001", "雁川市科技和工业信息化局", UnitKind.ADMINISTRATIVE, "市本级", "kegongxin",
             5200, "科学技术支出", seed=True),
    DemoUnit("101002", "雁川市农业农村局", UnitKind.ADMINISTRATIVE, "市本级", "nongye",
             4800, "农林水支出"),
    DemoUnit("101003", "雁川市教育局", UnitKind.ADMINISTRATIVE, "市本级", "jiaoyu",
             9600, "教育支出"),
    DemoUnit("101004", "雁川市第一中学", UnitKind.SCHOOL, "市本级", "yizhong", 3100, "教育支出"),
    DemoUnit("101005", "雁川市中心医院", UnitKind.HOSPITAL, "市本级", "zhongxinyy",
             18500, "卫生健康支出"),
    DemoUnit("101006", "雁川市水利局", UnitKind.ADMINISTRATIVE, "市本级", "shuili",
             6400, "农林水支出"),
    DemoUnit("101007", "雁川市市场监督管理局", UnitKind.ADMINISTRATIVE, "市本级", "shijian",
             3900, "一般公共服务支出"),
    DemoUnit("101008", "雁川市林业科学研究所", UnitKind.INSTITUTION, "市本级", "linkesuo",
             860, "农林水支出"),
    DemoUnit("102001", "雁北区城市管理局", UnitKind.ADMINISTRATIVE, "雁北区", "beiqu_cg",
             2700, "城乡社区支出"),
    DemoUnit("102002", "雁北区实验小学", UnitKind.SCHOOL, "雁北区", "beiqu_xx", 1450, "教育支出"),
    DemoUnit("102003", "雁北区妇幼保健院", UnitKind.HOSPITAL, "雁北区", "beiqu_fy",
             2300, "卫生健康支出"),
    DemoUnit("103001", "雁南县白沙镇人民政府", UnitKind.TOWNSHIP, "雁南县", "baisha",
             1900, "一般公共服务支出"),
    DemoUnit("103002", "雁南县民政局", UnitKind.ADMINISTRATIVE, "雁南县", "nx_minzheng",
             2600, "社会保障和就业支出"),
    DemoUnit("103003", "雁南县农业技术推广中心", UnitKind.INSTITUTION, "雁南县", "nx_nongji",
             640, "农林水支出"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class DemoCampaign:
    year: int
    notice_number: str
    title: str
    # Days from the day the demo is built: the current campaign is still open (due in a month),
    # the year before closed long ago. Fixed dates made every demo deadline 已逾期.
    deadline_in_days: int
    states: tuple[State, ...]  # one per unit, in UNITS order
    flaws: dict[str, str] = field(default_factory=dict)  # unit code → flaw


_S = State
CAMPAIGNS = (
    DemoCampaign(
        2021,
        "雁财绩〔2022〕6号",
        "2021年度部门整体支出绩效自评",
        -335,
        (_S.PUBLISHED, _S.PUBLISHED, _S.PUBLISHED, _S.DEPT_REVIEW, _S.PUBLISHED, _S.ACCEPTED,
         _S.RESUBMITTED, _S.RETURNED, _S.PUBLISHED, _S.UNDER_REVIEW, _S.PUBLISHED, _S.SUBMITTED,
         _S.DRAFT, _S.PUBLISHED),
        {"101007": "three", "101008": "basic", "103001": "rate"},
    ),
    DemoCampaign(
        2022,
        "雁财绩〔2023〕9号",
        "2022年度部门整体支出绩效自评",
        30,
        (_S.DRAFT, _S.PUBLISHED, _S.ACCEPTED, _S.DEPT_REVIEW, _S.UNDER_REVIEW, _S.RETURNED,
         _S.RESUBMITTED, _S.SUBMITTED, _S.PUBLISHED, _S.RETURNED, _S.ACCEPTED, _S.DRAFT,
         _S.UNDER_REVIEW, _S.DRAFT),
        {"101006": "basic", "102002": "three", "101007": "functional", "102001": "grade",
         "103001": "rate"},
    ),
)  # fmt: skip
# The unit whose current report is left empty for a walk-through (upload the seed yourself).
EMPTY_DRAFT = ("103003", 2022)

_CENT = Decimal("0.01")
_MINOR_CLASSES = ("社会保障和就业支出", "卫生健康支出", "住房保障支出")


def money(value: Decimal | float) -> Decimal:
    return Decimal(str(value)).quantize(_CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Figures:
    total: Decimal
    basic: Decimal
    personnel: Decimal
    public: Decimal
    project: Decimal
    functional: tuple[tuple[str, Decimal], ...]
    overseas: Decimal
    vehicle: Decimal
    reception: Decimal
    three_total: Decimal
    initial: Decimal
    adjusted: Decimal
    executed: Decimal
    rate: Decimal
    self_score: Decimal
    grade: str
    three_before: Decimal  # last year's 三公, for the change sentence


def grade_of(score: Decimal) -> str:
    if score >= 90:
        return "优"
    if score >= 80:
        return "良"
    return "中" if score >= 60 else "差"


def figures_for(unit: DemoUnit, year: int, flaw: str = "") -> Figures:
    """A unit's figures of a year; the change of its 三公 on the year before is on the year
    before's own figures, so that a report agrees with last year's report in the system."""
    figures = replace(_drawn(unit, year), three_before=_drawn(unit, year - 1).three_total)
    return _flawed(figures, flaw)


def _drawn(unit: DemoUnit, year: int) -> Figures:
    rng = random.Random(f"{unit.code}-{year}")
    total = money(unit.scale * (0.9 + 0.2 * rng.random()) * (1 + 0.05 * (year - 2021)))
    basic = money(total * Decimal(str(0.25 + 0.3 * rng.random())))
    personnel = money(basic * Decimal(str(0.8 + 0.12 * rng.random())))
    public = basic - personnel
    project = total - basic
    minors = [
        (name, money(total * Decimal(str(0.01 + 0.03 * rng.random()))))
        for name in _MINOR_CLASSES
        if name != unit.main_class
    ]
    main = total - sum((amount for _, amount in minors), Decimal(0))
    functional = [(unit.main_class, main), *minors]
    vehicle = money(3 + 12 * rng.random())
    reception = money(1 + 4 * rng.random())
    overseas = Decimal("0.00")
    rate = Decimal(str(0.92 + 0.075 * rng.random()))
    adjusted = money(total / rate)
    executed = total
    rate_text = (executed / adjusted * 100).quantize(_CENT, rounding=ROUND_HALF_UP)
    score = Decimal(str(round(80 + 18 * rng.random(), 1)))
    figures = Figures(
        total=total, basic=basic, personnel=personnel, public=public, project=project,
        functional=tuple(functional), overseas=overseas, vehicle=vehicle, reception=reception,
        three_total=overseas + vehicle + reception, initial=money(adjusted * Decimal("0.82")),
        adjusted=adjusted, executed=executed, rate=rate_text, self_score=score,
        grade=grade_of(score), three_before=Decimal(0),
    )  # fmt: skip
    return figures


def _flawed(figures: Figures, flaw: str) -> Figures:
    """One deliberate inconsistency, as units really make them."""
    if flaw == "basic":
        return replace(figures, personnel=figures.personnel + Decimal("10.00"))
    if flaw == "three":
        return replace(figures, three_total=figures.three_total + Decimal("0.30"))
    if flaw == "functional":
        name, amount = figures.functional[0]
        items = ((name, amount + Decimal("50.00")), *figures.functional[1:])
        return replace(figures, functional=items)
    if flaw == "rate":
        return replace(figures, rate=figures.rate + Decimal("1.20"))
    if flaw == "grade":
        return replace(figures, self_score=Decimal("86.5"), grade="优")
    return figures
