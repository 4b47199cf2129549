"""A report as a data file (YAML or JSON): what it states, editable by hand, read back exactly.

The file mirrors the domain model (``jixiao.domain.report.Report``) without the source text:
unit and year, the figures, the indicators and the narrative (成效, 问题, 建议, 结论). Amounts
are strings with their unit as the report printed them ("5252.64万元", "387664.62元", "3.60万元"),
so that the unit, the printed precision and every digit survive; a bare number means 万元.
Rates are percent ("97.12%" or "97.12"). A figure that the report also compares with the year
before is a mapping: ``{value: 5918.26万元, change: -486.52万元, change_rate: -8.22%}``.

Numbers typed without quotes are read from their literal text, never through a float. Every
key is checked: a misspelt key or a malformed amount is refused with a Chinese message naming
the place in the file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

import yaml

from jixiao.domain.classification import load_classification
from jixiao.domain.errors import UnreadableInput
from jixiao.domain.evidence import Evidence
from jixiao.domain.money import Count, Money, MoneyUnit, Rate, canonical
from jixiao.domain.report import (
    AccountTotals,
    Achievement,
    BudgetExecution,
    Direction,
    EconomicItem,
    FunctionalBasis,
    FunctionalItem,
    Heading,
    Indicator,
    Mention,
    Performance,
    Report,
    ReportKind,
    Spending,
    StatedCount,
    StatedMoney,
    StatedRate,
    StatedText,
    ThreePublic,
    UnitProfile,
)
from jixiao.render.figures import (
    ACCOUNT_FIELDS,
    BUDGET_MONEY_FIELDS,
    RATE_PATHS,
    SPENDING_FIELDS,
    THREE_PUBLIC_FIELDS,
    Figure,
    money_text,
    rate_digits,
    report_figures,
)

SCHEMA = "jixiao-report/1"

_MONEY = re.compile(r"([+-]?\d[\d,]*(?:\.\d+)?)\s*(万元|亿元|元)?")
_RATE = re.compile(r"([+-]?\d+(?:\.\d+)?)\s*[%％]?")
_COUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(\D{0,4})")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class DataFileError(UnreadableInput):
    """A data file that does not follow the schema; the message names the place."""


# ------------------------------------------------------------------------------- Report → data


def report_to_data(report: Report) -> dict[str, Any]:
    """The data file's content: plain strings, lists and mappings (JSON- and YAML-ready)."""
    figures = report_figures(report)
    profile = report.profile
    performance = report.performance
    spending = report.spending
    return {
        "schema": SCHEMA,
        "source": report.source,
        "kind": report.kind.value,
        "outline": report.outline,
        "profile": {
            "unit_name": profile.name.value if profile.name else None,
            "region": profile.region,
            "year": profile.year,
            "internal_sections": list(profile.internal_sections),
            "subordinate_units": list(profile.subordinate_units),
            "authorized_staff": _count_text(profile.authorized_staff),
            "actual_staff": _count_text(profile.actual_staff),
            "duties": list(profile.duties),
            "signing_unit": profile.signing_unit,
            "signed_on": profile.signed_on,
        },
        "spending": {
            **{name: _figure_data(figures.get(f"spending.{name}")) for name in SPENDING_FIELDS},
            "functional_basis": spending.functional_basis.value,
            "functional_whole": _money_data(spending.functional_whole),
            "functional": [
                {
                    "code": item.code,
                    "name": item.name,
                    "stated_name": item.stated_name,
                    "amount": money_text(item.amount.value),
                }
                for item in spending.functional
            ],
            "economic": [
                {"name": item.name, "amount": money_text(item.amount.value)}
                for item in spending.economic
            ],
        },
        "three_public": {
            name: _figure_data(figures.get(f"three_public.{name}")) for name in THREE_PUBLIC_FIELDS
        },
        "budget": {
            **{name: _figure_data(figures.get(f"budget.{name}")) for name in BUDGET_MONEY_FIELDS},
            "execution_rate": _figure_data(figures.get("budget.execution_rate")),
        },
        "accounts": {
            name: _figure_data(figures.get(f"accounts.{name}")) for name in ACCOUNT_FIELDS
        },
        "performance": {
            "self_score": _figure_data(figures.get("performance.self_score")),
            "grade": performance.grade.value if performance.grade else None,
            "indicators": [_indicator_data(i) for i in performance.indicators],
            "achievements": [a.text for a in performance.achievements],
            "problems": list(performance.problems),
            "suggestions": list(performance.suggestions),
            "conclusions": list(performance.conclusions),
        },
        "headings": [
            {"level": h.level, "marker": h.marker, "title": h.title} for h in report.headings
        ],
    }


def dump_yaml(report: Report) -> str:
    header = "# jixiao 报告数据文件：金额写明单位（如 5252.64万元），比率写作 97.12%\n"
    body = yaml.safe_dump(report_to_data(report), allow_unicode=True, sort_keys=False, width=100)
    return header + body


def dump_json(report: Report) -> str:
    return json.dumps(report_to_data(report), ensure_ascii=False, indent=2) + "\n"


def _count_text(count: StatedCount | None) -> str | None:
    return None if count is None else str(count.value)


def _money_data(stated: StatedMoney | None) -> str | None:
    return None if stated is None else money_text(stated.value)


def _value_text(value: Money | Rate) -> str:
    return money_text(value) if isinstance(value, Money) else f"{rate_digits(value)}%"


def _figure_data(figure: Figure | None) -> str | dict[str, str] | None:
    if figure is None:
        return None
    if figure.change is None and figure.change_rate is None:
        return _value_text(figure.value)
    data = {"value": _value_text(figure.value)}
    if figure.change is not None:
        data["change"] = money_text(figure.change)
    if figure.change_rate is not None:
        data["change_rate"] = f"{rate_digits(figure.change_rate)}%"
    return data


def _indicator_data(indicator: Indicator) -> dict[str, str | None]:
    return {
        "level1": indicator.level1,
        "level2": indicator.level2,
        "level3": indicator.level3,
        "direction": indicator.direction.value if indicator.direction else None,
        "target": indicator.target,
        "actual": indicator.actual,
        "unit": indicator.unit,
        "weight": None if indicator.weight is None else canonical(indicator.weight),
        "score": None if indicator.score is None else canonical(indicator.score),
        "deviation_reason": indicator.deviation_reason,
    }


# ------------------------------------------------------------------------------- data → Report


def load_path(path: Path) -> Report:
    """A Report from a .yaml/.yml/.json data file."""
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(
            f"无法读取数据文件“{path.name}”：请确认文件存在且为 UTF-8 编码"
        ) from exc
    fmt = "json" if path.suffix.lower() == ".json" else "yaml"
    return loads(raw, fmt=fmt, source=str(path))


def loads(text: str, *, fmt: str, source: str) -> Report:
    """A Report from the text of a data file (``fmt`` is "yaml" or "json")."""
    try:
        if fmt == "json":
            data = json.loads(text, parse_float=Decimal, parse_int=Decimal)
        else:
            data = yaml.load(text, Loader=_ExactLoader)  # a SafeLoader subclass
    except (ValueError, yaml.YAMLError) as exc:
        raise DataFileError(f"数据文件格式有误，无法解析（{_first_line(exc)}）") from exc
    return data_to_report(data, source=source)


def data_to_report(data: object, *, source: str) -> Report:
    """A Report from parsed data; raises DataFileError naming the first place that is wrong."""
    top = _mapping(data, "", _TOP_KEYS)
    if top.get("schema") != SCHEMA:
        raise DataFileError(f"数据文件第一项应为 schema: {SCHEMA}（用于识别文件格式和版本）")
    builder = _Builder()
    kind = _enum(ReportKind, top.get("kind", "unknown"), "kind")
    profile = builder.profile(_mapping(top.get("profile") or {}, "profile", _PROFILE_KEYS))
    spending = builder.spending(
        _mapping(top.get("spending") or {}, "spending", _SPENDING_KEYS), profile.year
    )
    three = builder.figures("three_public", top.get("three_public"), THREE_PUBLIC_FIELDS)
    budget = builder.figures(
        "budget", top.get("budget"), BUDGET_MONEY_FIELDS, rates=("execution_rate",)
    )
    execution_rate = builder.rate_figure("budget.execution_rate", top.get("budget"))
    accounts = builder.figures("accounts", top.get("accounts"), ACCOUNT_FIELDS)
    performance = builder.performance(
        _mapping(top.get("performance") or {}, "performance", _PERFORMANCE_KEYS)
    )
    return Report(
        source=str(top.get("source") or source),
        kind=kind,
        text="",
        profile=profile,
        spending=spending,
        three_public=ThreePublic(**three),
        budget=BudgetExecution(
            initial=budget.get("initial"),
            adjusted=budget.get("adjusted"),
            executed=budget.get("executed"),
            carryover=budget.get("carryover"),
            execution_rate=execution_rate,
        ),
        accounts=AccountTotals(**accounts),
        performance=performance,
        headings=tuple(_headings(top.get("headings") or [])),
        outline=_optional_text(top.get("outline"), "outline"),
        mentions=tuple(builder.mentions),
    )


_TOP_KEYS = frozenset(
    {"schema", "source", "kind", "outline", "profile", "spending", "three_public", "budget"}
    | {"accounts", "performance", "headings"}
)
_PROFILE_KEYS = frozenset(
    {"unit_name", "region", "year", "internal_sections", "subordinate_units", "duties"}
    | {"authorized_staff", "actual_staff", "signing_unit", "signed_on"}
)
_SPENDING_KEYS = frozenset(
    {*SPENDING_FIELDS, "functional_basis", "functional_whole", "functional", "economic"}
)
_PERFORMANCE_KEYS = frozenset(
    {"self_score", "grade", "indicators", "achievements", "problems", "suggestions"}
    | {"conclusions"}
)
_INDICATOR_KEYS = frozenset(
    {"level1", "level2", "level3", "direction", "target", "actual", "unit", "weight", "score"}
    | {"deviation_reason"}
)
_FIGURE_KEYS = frozenset({"value", "change", "change_rate"})


class _Builder:
    """Builds the parts of a Report and the mentions that say where each figure came from."""

    def __init__(self) -> None:
        self.mentions: list[Mention] = []

    def profile(self, data: Mapping[str, object]) -> UnitProfile:
        name = _optional_text(data.get("unit_name"), "profile.unit_name")
        year = data.get("year")
        if year is not None and not (isinstance(year, int | Decimal) and 1900 < int(year) < 2200):
            raise DataFileError(f"profile.year：年度应为四位数字，而不是“{year}”")
        signed_on = _optional_text(data.get("signed_on"), "profile.signed_on")
        if signed_on is not None and not _DATE.fullmatch(signed_on):
            raise DataFileError("profile.signed_on：日期应写作 2023-08-29 的形式")
        return UnitProfile(
            name=None if name is None else StatedText(name, _evidence("profile.unit_name", name)),
            region=_optional_text(data.get("region"), "profile.region"),
            year=None if year is None else int(year),
            internal_sections=_texts(data.get("internal_sections"), "profile.internal_sections"),
            subordinate_units=_texts(data.get("subordinate_units"), "profile.subordinate_units"),
            authorized_staff=_count(data.get("authorized_staff"), "profile.authorized_staff"),
            actual_staff=_count(data.get("actual_staff"), "profile.actual_staff"),
            duties=_texts(data.get("duties"), "profile.duties"),
            signing_unit=_optional_text(data.get("signing_unit"), "profile.signing_unit"),
            signed_on=signed_on,
        )

    def spending(self, data: Mapping[str, object], year: int | None) -> Spending:
        main = self.figures("spending", {k: data.get(k) for k in SPENDING_FIELDS}, SPENDING_FIELDS)
        whole = data.get("functional_whole")
        return Spending(
            **main,
            functional=tuple(self._functional(data.get("functional") or [], year)),
            functional_basis=_enum(
                FunctionalBasis, data.get("functional_basis", "unknown"), "functional_basis"
            ),
            functional_whole=None
            if whole is None
            else self._money("spending.functional_whole", whole),
            economic=tuple(self._economic(data.get("economic") or [])),
        )

    def figures(
        self, head: str, data: object, names: tuple[str, ...], rates: tuple[str, ...] = ()
    ) -> dict[str, StatedMoney | None]:
        """The amounts of one block; ``rates`` are further keys the block may hold (read by
        ``rate_figure``)."""
        block = _mapping(data or {}, head, frozenset((*names, *rates)))
        out: dict[str, StatedMoney | None] = {}
        for name in names:
            raw = block.get(name)
            stated = None if raw is None else self._figure(f"{head}.{name}", raw)
            out[name] = stated if isinstance(stated, StatedMoney) else None
        return out

    def rate_figure(self, path: str, data: object) -> StatedRate | None:
        name = path.rpartition(".")[2]
        raw = data.get(name) if isinstance(data, Mapping) else None
        stated = None if raw is None else self._figure(path, raw)
        return stated if isinstance(stated, StatedRate) else None

    def performance(self, data: Mapping[str, object]) -> Performance:
        score = data.get("self_score")
        grade = _optional_text(data.get("grade"), "performance.grade")
        stated_score = None if score is None else self._figure("performance.self_score", score)
        return Performance(
            indicators=tuple(
                _indicator(item, f"performance.indicators[{index}]")
                for index, item in enumerate(_list(data.get("indicators"), "indicators"))
            ),
            achievements=tuple(
                Achievement(text, (), _evidence("performance.achievements", text))
                for text in _texts(data.get("achievements"), "performance.achievements")
            ),
            problems=_texts(data.get("problems"), "performance.problems"),
            suggestions=_texts(data.get("suggestions"), "performance.suggestions"),
            conclusions=_texts(data.get("conclusions"), "performance.conclusions"),
            self_score=stated_score if isinstance(stated_score, StatedRate) else None,
            grade=None if grade is None else StatedText(grade, _evidence("grade", grade)),
        )

    def _figure(self, path: str, raw: object) -> StatedMoney | StatedRate:
        parts = _mapping(raw, path, _FIGURE_KEYS) if isinstance(raw, Mapping) else {"value": raw}
        if parts.get("value") is None:
            raise DataFileError(f"{path}：缺少 value（本年数）")
        is_rate = path in RATE_PATHS
        value: Money | Rate = (
            _rate(parts["value"], path) if is_rate else _money(parts["value"], path)
        )
        evidence = _evidence(path, _value_text(value))
        self.mentions.append(Mention(path=path, value=value, evidence=evidence))
        for aspect, parse in (("change", _money), ("change_rate", _rate)):
            raw_change = parts.get(aspect)
            if raw_change is None:
                continue
            changed: Money | Rate = parse(raw_change, f"{path}.{aspect}")
            self.mentions.append(
                Mention(
                    path=path,
                    value=changed,
                    evidence=_evidence(f"{path}.{aspect}", _value_text(changed)),
                    aspect=aspect,
                    anchor=evidence,
                )
            )
        if isinstance(value, Rate):
            return StatedRate(value, evidence)
        return StatedMoney(value, evidence)

    def _money(self, path: str, raw: object) -> StatedMoney:
        money = _money(raw, path)
        return StatedMoney(money, _evidence(path, money_text(money)))

    def _economic(self, raw: object) -> list[EconomicItem]:
        items = []
        for index, entry in enumerate(_list(raw, "spending.economic")):
            where = f"spending.economic[{index}]"
            item = _mapping(entry, where, frozenset({"name", "amount"}))
            name = _optional_text(item.get("name"), f"{where}.name")
            amount = item.get("amount")
            if not name or amount is None:
                raise DataFileError(f"{where}：需要 name（经济分类名称）和 amount（金额）")
            items.append(EconomicItem(name, self._money(f"{where}.amount", amount)))
        return items

    def _functional(self, raw: object, year: int | None) -> list[FunctionalItem]:
        """The 功能分类 lines; a line that gives neither code nor name gets them from the
        政府收支分类科目 of the year, as a report read from text would."""
        classification = load_classification(year)
        items = []
        for index, entry in enumerate(_list(raw, "spending.functional")):
            where = f"spending.functional[{index}]"
            item = _mapping(entry, where, frozenset({"code", "name", "stated_name", "amount"}))
            stated_name = _optional_text(item.get("stated_name"), f"{where}.stated_name")
            if not stated_name:
                raise DataFileError(f"{where}：缺少 stated_name（报告所写的科目名称）")
            amount = item.get("amount")
            if amount is None:
                raise DataFileError(f"{where}：缺少 amount（金额）")
            code = _optional_text(item.get("code"), f"{where}.code")
            name = _optional_text(item.get("name"), f"{where}.name")
            if "code" not in item and "name" not in item:
                matched = classification.match(stated_name)
                code, name = (matched.code, matched.name) if matched else (None, None)
            items.append(
                FunctionalItem(
                    code=code,
                    name=name,
                    stated_name=stated_name,
                    amount=self._money(f"{where}.amount", amount),
                )
            )
        return items


def _money(raw: object, path: str) -> Money:
    text = _scalar_text(raw, path)
    found = _MONEY.fullmatch(text.strip())
    if found is None:
        raise DataFileError(f"{path}：金额应写作“5252.64万元”或“387664.62元”，而不是“{text}”")
    unit = MoneyUnit(found.group(2)) if found.group(2) else MoneyUnit.WAN
    return Money.parse(found.group(1), unit)


def _rate(raw: object, path: str) -> Rate:
    text = _scalar_text(raw, path)
    found = _RATE.fullmatch(text.strip())
    if found is None:
        raise DataFileError(f"{path}：比率或分数应写作“97.12%”或“97.12”，而不是“{text}”")
    return Rate.parse(found.group(1))


def _count(raw: object, path: str) -> StatedCount | None:
    if raw is None:
        return None
    text = _scalar_text(raw, path)
    found = _COUNT.fullmatch(text.strip())
    if found is None:
        raise DataFileError(f"{path}：人数应写作“18人”，而不是“{text}”")
    count = Count(Decimal(found.group(1)), found.group(2) or "人")
    return StatedCount(count, _evidence(path, str(count)))


def _indicator(raw: object, where: str) -> Indicator:
    item = _mapping(raw, where, _INDICATOR_KEYS)

    def text(key: str) -> str | None:
        value = item.get(key)
        return None if value is None else _scalar_text(value, f"{where}.{key}")

    direction = text("direction")
    return Indicator(
        level1=text("level1") or "",
        level2=text("level2") or "",
        level3=text("level3") or "",
        direction=None if direction is None else _enum(Direction, direction, f"{where}.direction"),
        target=text("target"),
        actual=text("actual"),
        unit=text("unit"),
        weight=_decimal(text("weight"), f"{where}.weight"),
        score=_decimal(text("score"), f"{where}.score"),
        deviation_reason=text("deviation_reason"),
    )


def _decimal(text: str | None, path: str) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(text.strip().rstrip("%"))
    except InvalidOperation as exc:
        raise DataFileError(f"{path}：应为数字，而不是“{text}”") from exc


def _headings(raw: object) -> list[Heading]:
    headings = []
    for index, entry in enumerate(_list(raw, "headings")):
        where = f"headings[{index}]"
        item = _mapping(entry, where, frozenset({"level", "marker", "title"}))
        level = item.get("level")
        if not isinstance(level, int | Decimal) or not 1 <= int(level) <= 5:
            raise DataFileError(f"{where}.level：标题级别应为 1 至 5")
        title = _optional_text(item.get("title"), f"{where}.title") or ""
        marker = _optional_text(item.get("marker"), f"{where}.marker") or ""
        headings.append(Heading(int(level), marker, title, _evidence(where, marker + title)))
    return headings


def _evidence(path: str, shown: str) -> Evidence:
    # A data file has no source text: the quote says where in the file the figure is.
    return Evidence(quote=f"{path}：{shown}", start=0, end=0)


def _mapping(raw: object, where: str, allowed: frozenset[str]) -> Mapping[str, object]:
    if not isinstance(raw, Mapping):
        raise DataFileError(f"{where or '文件'}：应为“键: 值”形式的映射")
    unknown = sorted(str(k) for k in raw if k not in allowed)
    if unknown:
        place = f"{where}." if where else ""
        raise DataFileError(
            f"{place}{unknown[0]}：不认识的键；可用的键为 {'、'.join(sorted(allowed))}"
        )
    return {str(k): v for k, v in raw.items()}


def _list(raw: object, where: str) -> list[object]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise DataFileError(f"{where}：应为列表（每项一行，以“- ”开头）")
    return raw


def _texts(raw: object, where: str) -> tuple[str, ...]:
    return tuple(_scalar_text(item, f"{where}[{i}]") for i, item in enumerate(_list(raw, where)))


def _optional_text(raw: object, where: str) -> str | None:
    return None if raw is None else _scalar_text(raw, where)


def _scalar_text(raw: object, where: str) -> str:
    if isinstance(raw, bool) or not isinstance(raw, str | int | Decimal):
        raise DataFileError(f"{where}：应为文字或数字")
    return raw if isinstance(raw, str) else str(raw)


_E = TypeVar("_E", ReportKind, FunctionalBasis, Direction)


def _enum(kind: type[_E], raw: object, where: str) -> _E:
    try:
        return kind(raw)
    except ValueError as exc:
        choices = "、".join(str(member.value) for member in kind)
        raise DataFileError(f"{where}：应为 {choices} 之一，而不是“{raw}”") from exc


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0][:120] if str(exc).strip() else type(exc).__name__


class _ExactLoader(yaml.SafeLoader):
    """YAML's safe loader, but numbers keep their literal digits (3.60 stays 3.60)."""


def _exact_number(loader: yaml.SafeLoader, node: yaml.Node) -> Decimal | str:
    text = str(node.value).replace("_", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        return text  # .inf, .nan: not numbers a report states


def _literal(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    return str(node.value)  # a date stays the text "2023-08-29"


def _add_exact_constructors(
    loader: type[yaml.SafeLoader],
    number: Callable[[yaml.SafeLoader, yaml.Node], object],
    literal: Callable[[yaml.SafeLoader, yaml.Node], object],
) -> None:
    for tag in ("tag:yaml.org,2002:float", "tag:yaml.org,2002:int"):
        loader.add_constructor(tag, number)
    loader.add_constructor("tag:yaml.org,2002:timestamp", literal)


_add_exact_constructors(_ExactLoader, _exact_number, _literal)
