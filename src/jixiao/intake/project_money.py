"""A project's money as its self-evaluation report states it in running text.

Project reports do not use the table's words: "中央财政下达我市困难群众救助补助资金35331.2万元",
"已完成拨付276万元", "发放资金150万元", "支付率92%". Their wordings are too many to list, but
the verb nearest before an amount says what it is: 下达/安排/批复/预算 give what the project
had, 支付/拨付/执行/发放 what it spent, and 支付率/使用率/发放率 the execution rate. The verb
lists are data (``[project_money]`` in labels.toml).

The lead of an amount is the text before it back to the previous clause mark or figure. Its
last listed word decides; a word of the ``ignore`` list there (结余, 尚余, 调减, 上年 …) means the
amount is something else and is skipped; words such as 转移支付 are nouns and are masked. A
category named "…支出" (业务项目支出) is not the verb 支出: such an amount is skipped too.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources

from jixiao.domain.money import Money, Rate
from jixiao.intake.candidates import Candidate
from jixiao.intake.money_parts import a_listed_share, level, without_parts_before_total
from jixiao.intake.numerals import rate_fits
from jixiao.intake.quantities import Quantity

_RANK = 3  # below every table and lexicon wording of the same field
_MAX_LEAD = 40
_CLAUSE_MARK = re.compile(r"[，,。；;！？!?\n]")
# Not the year carried-over money comes from: "2024年结转2023年资金…" is 2024's money.
_YEAR = re.compile(r"(?<!结转)((?:19|20)\d{2})年")
# Before the verb 支出 only these may stand; any other 汉字 makes "…支出" a category's name.
_SPENT_BEFORE = re.compile(r"(?:^|[已共计际累年度底止月日的为和及总\d]|资金|全部|形成)$")
# Words that sum what another word names; alone, or after a budget's word, a budget.
_SUM_WORDS = frozenset(("合计", "共计", "总额"))


@dataclass(frozen=True, slots=True)
class _Words:
    pattern: re.Pattern[str]
    senses: dict[str, str]  # word -> "budget" | "executed" | "rate" | "ignore"
    masked: re.Pattern[str]
    anywhere: re.Pattern[str]
    added: re.Pattern[str]


@cache
def _words() -> _Words:
    raw = tomllib.loads(
        resources.files("jixiao.data.lexicon").joinpath("labels.toml").read_text("utf-8")
    )["project_money"]
    senses = {
        word: sense for sense in ("budget", "executed", "rate", "ignore") for word in raw[sense]
    }
    ordered = sorted(senses, key=len, reverse=True)
    masked = sorted(raw["nouns"], key=len, reverse=True)
    return _Words(
        pattern=re.compile("|".join(map(re.escape, ordered))),
        senses=senses,
        masked=re.compile("|".join(map(re.escape, masked))),
        anywhere=re.compile("|".join(map(re.escape, raw["ignore_anywhere"]))),
        added=re.compile(
            f"(?:{'|'.join(map(re.escape, raw['added']))})"
            f"(?!{'|'.join(map(re.escape, raw['added_then']))})"
        ),
    )


def project_money(text: str, quantities: list[Quantity], year: int | None) -> list[Candidate]:
    """The budget, executed amount and execution rate statements of a project report.

    An amount in a sentence that dates itself to another year than the report's
    ("截至2025年6月已拨付…" in a 2024 report) is not the year's figure and is left out.
    """
    words = _words()
    found: list[Candidate] = []
    leads: list[str] = []
    previous_end = 0
    for quantity in quantities:
        if quantity.kind not in ("amount", "rate"):
            continue
        prior_end = previous_end
        lead_start = max(previous_end, quantity.start - _MAX_LEAD)
        previous_end = quantity.end
        lead = text[lead_start : quantity.start]
        marks = list(_CLAUSE_MARK.finditer(lead))
        if marks:
            mark = marks[-1]
            lead_start += mark.end()
            lead = lead[mark.end() :]
        candidate = _classify(lead, lead_start, quantity, words)
        if candidate is not None and a_listed_share(text, lead_start, lead):
            continue
        if candidate is None and quantity.kind == "amount":
            candidate = _granted_after(text, quantity, lead, words)
        if candidate is None and quantity.kind == "amount":
            candidate = _budget_of_the_sentence(
                text, prior_end, lead_start, lead, quantity=quantity, words=words
            )
        elif (
            candidate is not None
            and candidate.path == "budget.adjusted"
            and _initial_in_sentence(text, prior_end, lead_start)
            and not _REVISED.search(lead)
        ):
            candidate.path = "budget.initial"
            lead = "年初" + lead  # what the later steps read the lead for
        if candidate is not None and quantity.kind == "rate" and _a_target(text, quantity.start):
            continue
        if candidate is not None and not _other_year(text, quantity.start, year):
            found.append(candidate)
            leads.append(lead)
    _initial_then_revised(found, leads)
    found, leads = _without_parts_of_initial(found, leads)
    found, leads = _without_level_shares(found, leads)
    found, leads = _without_restated_parts(text, quantities, found, leads)
    found, leads = without_parts_before_total(text, quantities, found, leads)
    found, leads = _after_masked(text, found, leads, words)
    return _without_item_figures(text, found, leads)


_SENTENCE_END = re.compile(r"[。；;\n]")


def _initial_in_sentence(text: str, prior_end: int, lead_start: int) -> bool:
    """ "年初预算项目共14个，项目支出预算资金为2836.14万元": the clause that says 年初 may
    come before the amount's own clause, in its sentence and after the figure before it."""
    start = prior_end
    for end in _SENTENCE_END.finditer(text, prior_end, lead_start):
        start = end.end()
    return "年初" in text[start:lead_start]


# A verb after an amount that grants it: "补助资金1749万元，全部在规定时限内下达…".
_GRANTED = frozenset(("下达", "下拨", "拨入", "到位", "批复"))
_TRAILING = re.compile(r"[^。；;\n\d]{0,30}")


def _granted_after(text: str, quantity: Quantity, lead: str, words: _Words) -> Candidate | None:
    """An amount with no word before it that a granting verb follows, in its sentence and
    before any other figure, is the budget ("资金1749万元，已全部下达"; "尚未下达" is not)."""
    if words.anywhere.search(lead) or words.added.search(lead):
        return None
    if words.pattern.search(words.masked.sub(lambda m: "\0" * len(m.group(0)), lead)):
        return None
    trailing = _TRAILING.match(text, quantity.end)
    if trailing is None:
        return None
    masked = words.masked.sub(lambda m: "\0" * len(m.group(0)), trailing.group(0))
    hit = words.pattern.search(masked)
    if hit is None or hit.group(0) not in _GRANTED or "未" in masked[: hit.start()]:
        return None
    money = quantity.money()
    if money is None:
        return None
    path = "budget.initial" if "年初" in lead else "budget.adjusted"
    return _candidate(path, money, quantity.start, quantity)


def _budget_of_the_sentence(
    text: str, prior_end: int, lead_start: int, lead: str, *, quantity: Quantity, words: _Words
) -> Candidate | None:
    """ "2024年预算安排本局项目共计12个，财政资金560万元": an amount whose own clause only names
    the money ("财政资金", no listed word) takes its kind from the clause just before, in its
    sentence and with no figure of its own, when that clause's last listed word is a budget's."""
    if _MONEY_NOUN.match(lead) is None or words.anywhere.search(lead):
        return None
    before = text[prior_end:lead_start].rstrip()
    if not before or _CLAUSE_MARK.match(before[-1]) is None or before[-1] in "。；;\n":
        return None
    before = before[:-1]
    marks = list(_CLAUSE_MARK.finditer(before))
    clause_start = prior_end + (marks[-1].end() if marks else 0)
    earlier = text[clause_start : prior_end + len(before)]
    if not earlier.strip() or "《" in earlier or words.anywhere.search(earlier):
        return None
    if words.added.search(earlier):
        return None
    masked = words.masked.sub(lambda m: "\0" * len(m.group(0)), earlier)
    hits = list(words.pattern.finditer(masked))
    if not hits or words.senses[hits[-1].group(0)] != "budget":
        return None
    money = quantity.money()
    if money is None:
        return None
    path = "budget.initial" if "年初" in earlier else "budget.adjusted"
    return _candidate(path, money, clause_start + hits[-1].start(), quantity)


# A clause that only names money: "财政资金", "项目经费共".
_MONEY_NOUN = re.compile(r"^\s*[\u4e00-\u9fff]{0,6}(?:资金|经费)(?:为|共|合计)?\s*$")


_PARTS_FOLLOW = re.compile(r"[\s，,（(:：]*其中")


def _without_restated_parts(
    text: str, quantities: list[Quantity], found: list[Candidate], leads: list[str]
) -> tuple[list[Candidate], list[str]]:
    """ "县本级安排76万元 … 安排资金2110万元，其中中央1413万元、省级621万元、县级76万元": a
    budget equal to a part that a larger budget lists after 其中, in that budget's sentence,
    is the part stated again, not the project's budget."""
    parts: dict[int, tuple[int, set[Decimal]]] = {}
    for at, whole in enumerate(found):
        if whole.path != "budget.adjusted" or not isinstance(whole.value, Money):
            continue
        if _PARTS_FOLLOW.match(text, whole.end) is None:
            continue
        close = _SENTENCE_END.search(text, whole.end)
        stop = close.start() if close else len(text)
        values = set()
        for quantity in quantities:
            if quantity.kind == "amount" and whole.end <= quantity.start < stop:
                money = quantity.money()
                if money is not None:
                    values.add(money.wan)
        parts[at] = (stop, values)
    dropped = {
        i
        for i, candidate in enumerate(found)
        if candidate.path == "budget.adjusted"
        and isinstance(candidate.value, Money)
        and i not in parts  # a budget with its own 其中 parts is a whole, not a part restated
        and any(
            j != i
            and candidate.value.wan in values
            and candidate.value.wan < _wan(found[j])
            and not found[j].end <= candidate.start < stop
            for j, (stop, values) in parts.items()
        )
    }
    if not dropped:
        return found, leads
    kept = [
        (c, lead) for i, (c, lead) in enumerate(zip(found, leads, strict=True)) if i not in dropped
    ]
    return [c for c, _ in kept], [lead for _, lead in kept]


def _wan(candidate: Candidate) -> Decimal:
    assert isinstance(candidate.value, Money)
    return candidate.value.wan


def _without_level_shares(
    found: list[Candidate], leads: list[str]
) -> tuple[list[Candidate], list[str]]:
    """ "中央下达…9.73万；自治区匹配下拨…1.8万元，市财政匹配…0.7848万元" and no total: each
    budget is one level's share, and the first is not the project's. When a larger budget is
    stated too (a total, "共2330.9万元"), the shares stay for prefer_wholes to weigh."""
    budgets = [i for i, c in enumerate(found) if c.path == "budget.adjusted"]
    levels = {i: level(leads[i]) for i in budgets}
    shares: set[int] = set()
    run: list[int] = []
    for i in [*budgets, -1]:
        if levels.get(i) and (not run or found[i].start - found[run[-1]].end < 80):
            run.append(i)
            continue
        if len({levels[j] for j in run}) >= 2 and not any(
            _larger(found[k], [found[j] for j in run]) for k in budgets if k not in run
        ):
            shares.update(run)
        run = [i] if levels.get(i) else []
    if not shares:
        return found, leads
    kept = [
        (c, lead) for i, (c, lead) in enumerate(zip(found, leads, strict=True)) if i not in shares
    ]
    return [c for c, _ in kept], [lead for _, lead in kept]


def _larger(whole: Candidate, parts: list[Candidate]) -> bool:
    values = [p.value.wan for p in parts if isinstance(p.value, Money)]
    return isinstance(whole.value, Money) and whole.value.wan >= sum(values) - Decimal("0.011")


def _without_parts_of_initial(
    found: list[Candidate], leads: list[str]
) -> tuple[list[Candidate], list[str]]:
    """Budgets that add up to a 年初 budget stated before them are its parts ("年初预算…
    2836.14万元，其中：…预算资金为2827.23万元…上年结转…预算资金为8.91万元"), not the year's."""
    parts: set[int] = set()
    for at, whole in enumerate(found):
        if whole.path != "budget.initial" or not isinstance(whole.value, Money):
            continue
        later = [
            i
            for i in range(at + 1, len(found))
            if found[i].path == "budget.adjusted" and isinstance(found[i].value, Money)
        ]
        for first in range(len(later)):
            total = Decimal(0)
            for last in range(first, len(later)):
                value = found[later[last]].value
                assert isinstance(value, Money)
                total += value.wan
                if last > first and abs(total - whole.value.wan) <= Decimal("0.011") * (
                    last - first + 1
                ):
                    parts.update(later[first : last + 1])
                if total > whole.value.wan:
                    break
    if not parts:
        return found, leads
    kept = [
        (c, lead) for i, (c, lead) in enumerate(zip(found, leads, strict=True)) if i not in parts
    ]
    return [c for c, _ in kept], [lead for _, lead in kept]


# An amount hidden by the site that reposts the report: "点击查看>> 万元" (bidding sites show it
# to members only), "*元", "78.*元", "××万元".
_MASKED = re.compile(r"(?:点击查看\s*>*|\d*\.?[*＊]+|×{2,}|[xX]{2,})\s*(?=万元|亿元|元)")
_SENSE_PATH = {"budget": "budget.adjusted", "executed": "budget.executed"}


def _after_masked(
    text: str, found: list[Candidate], leads: list[str], words: _Words
) -> tuple[list[Candidate], list[str]]:
    """Once a report hides a budget (or executed) amount, a readable one stated later is not
    taken for the project's: it may be a second batch or a part, the hidden one the whole
    ("下达资金 点击查看>> 万元，其中… 又下达资金1.53万元，其中…")."""
    first: dict[str, int] = {}
    for match in _MASKED.finditer(text):
        lead = text[max(0, match.start() - _MAX_LEAD) : match.start()]
        marks = list(_CLAUSE_MARK.finditer(lead))
        if marks:
            lead = lead[marks[-1].end() :]
        if words.anywhere.search(lead):
            continue
        masked = words.masked.sub(lambda m: "\0" * len(m.group(0)), lead)
        hits = list(words.pattern.finditer(masked))
        path = _SENSE_PATH.get(words.senses[hits[-1].group(0)]) if hits else None
        if path is not None:
            first.setdefault(path, match.start())
    if not first:
        return found, leads
    kept = [
        (c, lead)
        for c, lead in zip(found, leads, strict=True)
        if c.path not in first or c.start < first[c.path]
    ]
    return [c for c, _ in kept], [lead for _, lead in kept]


_REVISED = re.compile(r"全年实际下达|实际下达|调整后|调减后|调增后|最终下达|预算下达")


def _initial_then_revised(found: list[Candidate], leads: list[str]) -> None:
    """ "预算金额54.41万元，预算下达54万元" / "下达111万元 … 调减40万元，全年实际下达71万元":
    the first budget is the initial one, the revised one the year's budget."""
    budgets = [
        (c, lead) for c, lead in zip(found, leads, strict=True) if c.path == "budget.adjusted"
    ]
    if len(budgets) < 2:
        return
    first = budgets[0][0]
    for candidate, lead in budgets[1:]:
        if candidate.value != first.value and _REVISED.search(lead):
            first.path = "budget.initial"
            return


# "项目绩效总目标：…发放率100%": a rate set as a target, not the one achieved; "绩效目标完成
# 情况：…执行率98%" reports the achieved one.
# "按照…区域绩效目标表进行资金分配，…执行率为96%": a 目标表 is the form the targets are on.
_TARGET = re.compile(r"目标(?!\s*(?:完成|实现|达成|执行|表))")
# "时效指标 指标1:年度资金支付完成率100% 10 10": a form's numbered indicator row names the
# rate it aims at; the row's figures are the indicator's, not a statement of the money.
_NUMBERED_INDICATOR = re.compile(r"指标\s*\d{1,2}\s*[:：]")


def _a_target(text: str, position: int) -> bool:
    line_start = text.rfind("\n", 0, position) + 1
    return (
        _TARGET.search(text, line_start, position) is not None
        or _NUMBERED_INDICATOR.search(text, line_start, position) is not None
    )


def _other_year(text: str, position: int, year: int | None) -> bool:
    if year is None:
        return False
    sentence_start = text.rfind("。", max(0, position - 200), position) + 1
    # "(含2023年转列项目5个)": a year in an aside dates the aside, not the amount after it.
    before = _ASIDE.sub("", text[sentence_start:position])[-60:]
    years = _YEAR.findall(before)
    return bool(years) and int(years[-1]) != year


_ASIDE = re.compile(r"[(（][^()（）]*[)）]")


def prefer_wholes(chosen: dict[str, Candidate], candidates: list[Candidate]) -> None:
    """Refine a project's chosen figures with the report's own arithmetic.

    The budget is the whole, not a share listed first: "中央下达1372.7万元，自治区下达98.6万元，
    地方匹配859.6万元 … 共2330.9万元" gives 2330.9. Of several execution rates, the one that
    is 执行数 ÷ 预算数 is the project's (a 100% 到位 figure may come first).
    """
    budgets = [c for c in candidates if c.path == "budget.adjusted" and c.rank == _RANK]
    current = chosen.get("budget.adjusted")
    if current is not None and current.rank == _RANK and len(budgets) >= 3:
        for candidate in budgets:
            if _is_sum_of_neighbours(candidate, budgets):
                chosen["budget.adjusted"] = candidate
                break
    adjusted, executed = chosen.get("budget.adjusted"), chosen.get("budget.executed")
    rates = [c for c in candidates if c.path == "budget.execution_rate" and not c.scope]
    if adjusted is None or executed is None or len(rates) < 2:
        return
    if not isinstance(adjusted.value, Money) or not isinstance(executed.value, Money):
        return
    for rate in rates:
        if isinstance(rate.value, Rate) and rate_fits(
            rate.value.percent, executed.value.wan, adjusted.value.wan
        ):
            chosen["budget.execution_rate"] = rate
            return


def _is_sum_of_neighbours(whole: Candidate, budgets: list[Candidate]) -> bool:
    """Is ``whole`` the sum (to rounding) of a run of two or more other budget statements?"""
    if not isinstance(whole.value, Money):
        return False
    others = [c for c in budgets if c is not whole and isinstance(c.value, Money)]
    for first in range(len(others)):
        total = Decimal(0)
        for last in range(first, len(others)):
            value = others[last].value
            assert isinstance(value, Money)
            total += value.wan
            if last > first and abs(total - whole.value.wan) <= Decimal("0.011") * (
                last - first + 1
            ):
                return True
            if total > whole.value.wan:
                break
    return False


def _classify(lead: str, lead_start: int, quantity: Quantity, words: _Words) -> Candidate | None:
    if words.anywhere.search(lead) or words.added.search(lead):
        return None
    masked = words.masked.sub(lambda m: "\0" * len(m.group(0)), lead)
    hits = list(words.pattern.finditer(masked))
    if not hits:
        return None
    last = hits[-1]
    if (
        last.group(0) in _SUM_WORDS
        and len(hits) > 1
        and words.senses[hits[-2].group(0)] == "executed"
    ):
        last = hits[-2]  # "执行数合计312万元": 合计 sums what was spent, not a budget
    sense = words.senses[last.group(0)]
    if sense == "ignore":
        return None
    if last.group(0) == "支出" and not _SPENT_BEFORE.search(masked[: last.start()]):
        return None  # 业务项目支出30万元: a category, not what was spent
    start = lead_start + last.start()
    if sense == "rate":
        rate = quantity.rate()
        if rate is None:
            return None
        return _candidate("budget.execution_rate", rate, start, quantity)
    money = quantity.money()
    if money is None:
        return None
    if (
        sense == "executed"
        and "同意" not in masked[: last.start()]
        and not _RECEIVED.search(masked, max(0, last.start() - 6), last.end() + 3)
    ):
        # "经研究，同意向本镇拨付经费N万元" grants the money: an approval is a budget; and so is
        # what a higher level paid to the unit ("省级拨付我区…62万元", "中央拨付16万元").
        return _candidate("budget.executed", money, start, quantity)
    path = "budget.initial" if "年初" in lead else "budget.adjusted"
    return _candidate(path, money, start, quantity)


# Money a higher level paid down: the giver before 拨付/下拨, or the unit itself as recipient.
_RECEIVED = re.compile(
    r"(?:中央|省级?|市级?|自治区|上级|国家)(?:财政)?(?:已|共|累计)?(?:拨付|下拨)"
    r"|(?:拨付|下拨)(?:给|至|到)?(?:我|本)(?:区|县|市|镇|乡|省|单位|局|院|校|中心)"
)


def _candidate(path: str, value: Money | Rate, start: int, quantity: Quantity) -> Candidate:
    return Candidate(
        path=path,
        value=value,
        start=start,
        end=quantity.end,
        rank=_RANK,
        approximate=quantity.approximate,
    )


# A list item's marker: 1. / 1、 / ㈠ / (一) / (1) / ① at the start of a line, or (1) / ① / ㈠
# inside one (web pages run "(1)…(2)…" together).
_LINE_ITEM = re.compile(
    r"(?m)^[ \t]*(?:(?P<dot>\d{1,2})[.、．](?!\d)|[（(](?P<cn>[一二三四五六七八九十]{1,3})[)）]"
    r"|(?P<paren>[（(]\d{1,2}[)）])|(?P<circled>[①-⑳㈠-㈩]))"
)
_INLINE_ITEM = re.compile(r"(?P<paren>[（(]\d{1,2}[)）])|(?P<circled>[①-⑳㈠-㈩])")


def _item_of(text: str, position: int) -> tuple[str, str] | None:
    """The list item an amount stands in, as (marker style, marker), or None. A marker
    inside a line has its style prefixed with "inline"."""
    line_start = text.rfind("\n", 0, position) + 1
    inline = [
        m
        for m in _INLINE_ITEM.finditer(text, line_start, position)
        if text[line_start : m.start()].strip()
    ]
    if inline:
        found = inline[-1]
        return "inline " + (found.lastgroup or ""), found.group(0)
    match = _LINE_ITEM.match(text, line_start)
    if match is None or match.end() > position:
        return None
    return match.lastgroup or "", match.group(match.lastgroup or 0)


def _without_item_figures(text: str, found: list[Candidate], leads: list[str]) -> list[Candidate]:
    """Figures stated item by item are the items', not the project's, when the report
    states its whole elsewhere or the items are allocations.

    "下达资金4.54亿元 … ㈠某工程。安排资金7000万元 ㈡某管网。安排资金5000万元 …" or
    "项目资金440万元 … (1)某工程资金拨付率100% … (2)某工程资金拨付率100%": when two or
    more sibling items of one list each state the field (different values, or a list run
    inside a line) and a budget is stated outside the list, the items are parts of that
    whole. "3.分配甲县…共计237万元 4.分配…共计100万元":
    items that allocate (分配) pass the money on, and none of them is the whole either.
    A report on several projects with no whole ("1、道路项目下达资金197万元 … 2、市场项目…")
    keeps its first project's figures. A revised budget (调整后, 实际下达 …) stated as the
    second point of a list is a revision, not a sibling.
    """
    items: dict[tuple[str, str], set[str]] = {}
    values: dict[tuple[str, str], set[object]] = {}
    where: list[tuple[str, str] | None] = []
    for candidate, lead in zip(found, leads, strict=True):
        item = _item_of(text, candidate.start)
        if item is not None and (_REVISED.search(lead) or "年初" in lead):
            item = None
        where.append(item)
        if item is not None:
            items.setdefault((candidate.path, item[0]), set()).add(item[1])
            values.setdefault((candidate.path, item[0]), set()).add(_amount(candidate))
    whole_outside = any(
        item is None and c.path == "budget.adjusted" for c, item in zip(found, where, strict=True)
    )
    kept = []
    for candidate, item in zip(found, where, strict=True):
        siblings = item is not None and _parallel(
            item[0], items[(candidate.path, item[0])], values[(candidate.path, item[0])]
        )
        if siblings and (whole_outside or _allocates(text, candidate.start)):
            continue
        kept.append(candidate)
    return kept


def _parallel(style: str, markers: set[str], values: set[object]) -> bool:
    """Two or more sibling items that are parts: their figures differ, or the list runs
    inside a line ("(1)…(2)…"). Numbered paragraphs that restate one figure (1. 资金到位
    … 2. 资金执行 … 全年执行数X元, 3. 产出 … 实际支出X元) are the report's outline."""
    return len(markers) >= 2 and (len(values) >= 2 or style.startswith("inline"))


def _amount(candidate: Candidate) -> object:
    value = candidate.value
    return value.wan if isinstance(value, Money) else value.percent


def _allocates(text: str, position: int) -> bool:
    line_start = text.rfind("\n", 0, position) + 1
    return "分配" in text[line_start:position]
