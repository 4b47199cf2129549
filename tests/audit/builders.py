"""Hand-built Reports for the audit tests.

A ``ReportBuilder`` writes each quote into the report text as it goes, so every Evidence
points at the right offsets, and reads the amount (and the sign of a change) from the quote
itself: ``b.money("基本支出793.43万元")`` is 793.43万元, ``b.change(..., "同比减少63.96万元")``
is −63.96万元.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from jixiao.audit.context import build_context
from jixiao.domain.classification import load_classification
from jixiao.domain.evidence import Evidence
from jixiao.domain.findings import Finding
from jixiao.domain.money import Money, MoneyUnit, Rate
from jixiao.domain.report import (
    FunctionalBasis,
    FunctionalItem,
    Heading,
    Mention,
    Performance,
    Report,
    ReportKind,
    Spending,
    StatedMoney,
    StatedRate,
    StatedText,
    ThreePublic,
    UnitProfile,
)

_AMOUNT = re.compile(r"(-?\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|万|元)?")
_UNITS = {"亿元": MoneyUnit.YI, "万元": MoneyUnit.WAN, "万": MoneyUnit.WAN, "元": MoneyUnit.YUAN}
_DOWN = ("减少", "下降", "降低", "减")


class ReportBuilder:
    def __init__(
        self,
        kind: ReportKind = ReportKind.OVERALL,
        year: int | None = 2022,
        source: str = "test.txt",
    ) -> None:
        self.kind = kind
        self.year = year
        self.source = source
        self._text: list[str] = []
        self._length = 0
        self.mentions: list[Mention] = []
        self.headings: list[Heading] = []

    # -- text and evidence -------------------------------------------------------------
    def quote(self, text: str) -> Evidence:
        start = self._length
        self._text.append(text + "\n")
        self._length += len(text) + 1
        return Evidence(quote=text, start=start, end=start + len(text))

    def heading(self, marker: str, title: str, level: int = 1) -> Heading:
        evidence = self.quote(marker + title)
        heading = Heading(level=level, marker=marker, title=title, evidence=evidence)
        self.headings.append(heading)
        return heading

    # -- stated figures ----------------------------------------------------------------
    def money(self, quote: str, default_unit: MoneyUnit = MoneyUnit.WAN) -> StatedMoney:
        return StatedMoney(value=parse_money(quote, default_unit), evidence=self.quote(quote))

    def rate(self, quote: str) -> StatedRate:
        return StatedRate(value=Rate.parse(_last_number(quote)), evidence=self.quote(quote))

    def text(self, quote: str, value: str) -> StatedText:
        return StatedText(value=value, evidence=self.quote(quote))

    # -- mentions ----------------------------------------------------------------------
    def mention(self, path: str, quote: str, *, scope: str = "", cluster: int = 0) -> StatedMoney:
        """A stated amount, listed in ``mentions``; returned for use as a primary field."""
        stated = self.money(quote)
        self.mentions.append(Mention(path, stated.value, stated.evidence, "value", scope, cluster))
        return stated

    def change(self, path: str, quote: str, *, scope: str = "", cluster: int = 0) -> Mention:
        """A signed change on the year before (减少/下降 make it negative)."""
        money = parse_money(quote)
        if any(word in quote for word in _DOWN):
            money = replace(money, wan=-money.wan)
        found = Mention(path, money, self.quote(quote), "change", scope, cluster)
        self.mentions.append(found)
        return found

    def change_rate(self, path: str, quote: str, *, scope: str = "", cluster: int = 0) -> Mention:
        rate = Rate.parse(_last_number(quote))
        if any(word in quote for word in _DOWN):
            rate = replace(rate, percent=-rate.percent)
        found = Mention(path, rate, self.quote(quote), "change_rate", scope, cluster)
        self.mentions.append(found)
        return found

    def functional(self, stated_name: str, digits: str, year: int | None = None) -> FunctionalItem:
        """A 功能分类 line, matched against the classification as the extractor would."""
        match = load_classification(year if year is not None else self.year).match(stated_name)
        return FunctionalItem(
            code=match.code if match else None,
            name=match.name if match else None,
            stated_name=stated_name,
            amount=self.money(f"{stated_name}{digits}万元"),
        )

    # -- the report ----------------------------------------------------------------------
    def build(self, **fields: Any) -> Report:
        profile = fields.pop("profile", UnitProfile(year=self.year))
        return Report(
            source=self.source,
            kind=self.kind,
            text="".join(self._text),
            profile=profile,
            headings=tuple(fields.pop("headings", self.headings)),
            mentions=tuple(fields.pop("mentions", self.mentions)),
            **fields,
        )


def parse_money(quote: str, default_unit: MoneyUnit = MoneyUnit.WAN) -> Money:
    """The last amount in a quote, in the unit written after it."""
    found = list(_AMOUNT.finditer(quote))
    if not found:
        raise ValueError(f"no amount in {quote!r}")
    digits, unit = found[-1].group(1), found[-1].group(2)
    return Money.parse(digits, _UNITS[unit] if unit else default_unit)


def _last_number(quote: str) -> str:
    return str(re.findall(r"\d+(?:\.\d+)?", quote)[-1])


def run_rule(module: Any, report: Report) -> list[Finding]:
    """The findings of one rule module on a report, with the report's own context."""
    return list(module.check(report, build_context(report)))


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


SEED_CLASSES = (
    ("一般公共服务支出", "379.62"),
    ("科学技术支出", "720.38"),
    ("社会保障和就业支出", "82.82"),
    ("卫生健康支出", "1333.84"),
    ("城乡社区支出", "340"),
    ("农林水支出", "6"),
    ("资源勘探工业信息等支出", "1857.19"),
    ("住房保障支出", "36.57"),
    ("应急物资储备支出", "350.28"),
    ("灾害防治应急管理支出", "0.5"),
)


def seed_like_report() -> Report:
    """A report with the figures of the seed (a 2022 county 绩效情况说明), built by hand.

    Five level-1 sections of the 绩效情况说明 outline; 总支出5252.64 = 基本793.43 + 项目4459.21;
    人员经费793.43 + 公用经费57.38 ≠ 基本支出; ten 功能分类 lines summing to 5107.20 (neither
    项目 nor 总支出), two of them not standard 类 names; 三公11 = 接待4 + 公务车运行7; no self
    score, no indicators.
    """
    b = ReportBuilder(kind=ReportKind.OVERALL, year=2022, source="seed-like.txt")
    b.quote("某局2022年度绩效情况说明")
    b.heading("一、", "部门概况")
    b.heading("（一）", "单位基本情况", level=2)
    b.heading("（二）", "部门职责", level=2)
    b.heading("二、", "整体支出基本情况")
    total = b.mention("spending.total", "总支出5252.64万元", cluster=2)
    basic = b.mention("spending.basic", "基本支出793.43万元", cluster=2)
    project = b.mention("spending.project", "项目资金支出4459.21万元", cluster=2)
    personnel = b.mention("spending.personnel", "人员经费793.43万元", cluster=2)
    public = b.mention("spending.public", "公用经费57.38万", cluster=2)
    functional = tuple(b.functional(name, digits) for name, digits in SEED_CLASSES)
    three_total = b.mention("three_public.total", "三公经费11万元", cluster=2)
    reception = b.mention("three_public.reception", "公务接待4万元", cluster=2)
    operation = b.mention("three_public.vehicle_operation", "公务车运行费7万元", cluster=2)
    b.heading("三、", "评价过程及绩效分析")
    b.heading("四、", "存在的问题及建议")
    b.heading("五、", "评价结论")
    return b.build(
        spending=Spending(
            total=total,
            basic=basic,
            personnel=personnel,
            public=public,
            project=project,
            functional=functional,
            functional_basis=FunctionalBasis.UNKNOWN,
        ),
        three_public=ThreePublic(
            total=three_total, reception=reception, vehicle_operation=operation
        ),
        performance=Performance(),
    )
