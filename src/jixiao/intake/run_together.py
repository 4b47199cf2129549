"""A funds row whose cells a conversion ran together: "年度资金总额:390390100%".

A docx or web conversion can join a 自评表's row, header words and values alike, with no
separator: 全年预算数(A) 全年执行数(B) 执行率(B/A) and "21182118100%". The digits alone cannot
be split, but the header says the row holds A, B and B/A, and only one split makes the rate
B ÷ A (to within half a percentage point, so that a table whose own rate is a little off still
reads, and the audit then says so). Nothing is read when no split, or more than one, fits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from jixiao.domain.money import Money, MoneyUnit, Rate
from jixiao.intake.candidates import Candidate
from jixiao.intake.numerals import is_printed_decimal

_HEADER = re.compile(
    # A is the year's budget, or the start-of-year one when the form has no other ("年初预算数(A)").
    r"(?P<initial>年初预算数\s*)?(?P<initial_a>年初)?(?:全年|调整后?)?预算数\s*\(A\)\s*"
    r"(?:全年)?执行数\s*\(B\)\s*"
    # The template's 分值 column may stand between B and B/A: its weight is run in too.
    r"(?P<weight>分值(?:\s*[(（]\d{1,3}分[)）])?\s*)?"
    r"(?:预算)?执行率\s*\(B/A(?:[^)]{0,8}\)|\d?)"
    # The same names without their letters, as run together as the row itself.
    r"|(?P<initial_bare>年初预算数)?(?:全年|调整后?)预算数(?:全年|实际)?执行数(?:预算)?执行率"
    # OCR that garbled the budget's name ("年初预匏数调整预算将,A、全年执行数(B)执行率(B/A)"):
    # B and B/A alone; the label and 年初 are looked for in the few characters before.
    r"|(?P<damaged>(?:全年)?执行数\s*\(B\)\s*(?:预算)?执行率\s*\(B/A[^)]{0,8}\))"
)
# The same header with its amount cells left empty, then the row's one value left, its rate:
# "全年预算数全年执行数执行率资金来源:(1)财政拨款103.21%", "…预算数全年执行数执行率(%)执行率
# 权重执行率得分(分)O76%". Between them only words, and the (1) of a list: any other digit is
# an amount of the row, and then the row is not read this way.
_LONE_HEADER = re.compile(r"预算数\s*(?:全年|实际)?执行数\s*(?:预算)?执行率(?:\s*[(（][%％][)）])?")
_LONE_RATE = re.compile(
    r"(?:[^\d%％。\n]|[(（]\d[)）]){0,40}?(?<![\d.])(?P<rate>\d{1,3}(?:\.\d{1,2})?)[%％]"
)
# A form that names the rate's weight and score after it ("执行率执行率权重执行率得分") runs the
# three cells together: "79.27107.93" is rate 79.27, weight 10, score 7.93. The score is the
# rate times the weight (at most the weight), which tells the one split.
_WEIGHTED_HEADER = re.compile(r"执行率\s*(?:[(（][%％][)）])?\s*执行率权重\s*执行率得分")
_DIGIT_RUN = re.compile(r"[\d.]+%?[\d.]+")
_WEIGHTED_REACH = 80  # the row right after its header, not the indicator rows further on
_DAMAGED_REACH = 30
_HEADER_BEFORE_RATE = 60  # a header's names before its 执行率, spaces included
_HEADER_AFTER_RATE = 24  # 执行率 and its "(B/A…)"
_LABEL = r"(?:年度资金总额|资金总额|合计)"
# The budget cell may keep its unit ("年度资金总额50万元47.6895.00%"): it ends the budget's digits.
_ROW = re.compile(rf"{_LABEL}[:：]?\s*(?P<digits>\d[\d.]{{0,20}}(?:万元)?[\d.]{{2,40}})%")
_BUDGET_UNIT = "万元"
# The label before the header and the digits straight after it: an OCR line that read the
# row's first cell, then the header, then its values ("年度资金总额年初预算数…52.352.351.999%").
_LABEL_BEFORE = re.compile(rf"{_LABEL}[:：]?\s*$")
_DIGITS_AFTER = re.compile(r"\s*(?P<digits>\d[\d.]{2,40})%")
_REACH = 200  # the row follows its header closely
_TOLERANCE = Decimal("0.5")  # percentage points
_RATE_PLACES = 2  # a form prints 100%, 98.5%, 97.06%: "4.9100%" is digits of two cells


@dataclass(frozen=True, slots=True)
class _Split:
    budget: str
    executed: str
    rate: str
    error: Decimal
    initial: str = ""  # 年初预算数, when the header has that column before A
    budget_path: str = "budget.adjusted"  # budget.initial when A itself is 年初预算数(A)


def run_together_rows(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    for header in _headers(text):
        row = _ROW.search(text, header.end(), header.end() + _REACH)
        initial = bool(header.group("initial") or header.group("initial_bare"))
        label_at = _label_before(text, header.start())
        if header.group("damaged"):
            if label_at is None:
                continue  # B and B/A alone are too little without the row's label before
            initial = "年初" in text[label_at : header.start()]
        after = _DIGITS_AFTER.match(text, header.end())
        if label_at is not None and after is not None:
            row, label = after, label_at
        elif row is not None and not header.group("damaged"):
            label = row.start()
        else:
            continue
        digits, _, after_unit = row.group("digits").partition(_BUDGET_UNIT)
        budget = digits if after_unit else None
        if budget is not None and (initial or not is_printed_decimal(budget)):
            continue
        split = _only_split(
            digits + after_unit, initial=initial, weight=bool(header.group("weight")), budget=budget
        )
        if split is None:
            continue
        if not header.group("damaged") and header.group("initial_a"):
            split = replace(split, budget_path="budget.initial")
        unit = len(_BUDGET_UNIT) if budget is not None else 0
        found.extend(_candidates(split, label, row.start("digits"), row.end(), unit=unit))
    return found + _lone_rates(text) + _weighted_rates(text)


def _weighted_rates(text: str) -> list[Candidate]:
    """The execution rate of a rate, weight and score run together (see _WEIGHTED_HEADER):
    the first run of digits after the header that splits one way only."""
    found = []
    for header in _WEIGHTED_HEADER.finditer(text):
        for run in _DIGIT_RUN.finditer(text, header.end(), header.end() + _WEIGHTED_REACH):
            rate = _rate_of_weighted_run(run.group())
            if rate is not None:
                value = Rate.parse(rate)
                found.append(
                    Candidate("budget.execution_rate", value, header.start(), run.end(), rank=2)
                )
                break
    return found


def _rate_of_weighted_run(run: str) -> str | None:
    """The rate R of a run ending "R[%]WS", W a weight of 5 to 30 points and S = R × W / 100
    (at most W) to the score's last digit; None unless exactly one rate fits."""
    fits = set()
    for cut in range(1, len(run)):
        score, head = run[cut:], run[:cut]
        if not is_printed_decimal(score) or _places(score) > _RATE_PLACES:
            continue
        for width in (1, 2):
            weight, rest = head[-width:], head[:-width].removesuffix("%")
            if not (weight.isdigit() and weight[0] != "0" and 5 <= int(weight) <= 30):
                continue
            if Decimal(score) > int(weight):
                continue
            half_ulp = Decimal(1).scaleb(-_places(score)) / 2
            for start in range(len(rest)):
                rate = rest[start:]
                if not is_printed_decimal(rate) or _places(rate) > _RATE_PLACES:
                    continue
                if not 0 < Decimal(rate) <= 200:
                    continue
                earned = min(Decimal(rate) * int(weight) / 100, Decimal(int(weight)))
                if abs(earned - Decimal(score)) <= half_ulp:
                    fits.add(rate)
    return fits.pop() if len(fits) == 1 else None


def _lone_rates(text: str) -> list[Candidate]:
    """The execution rate of a run-together header whose amounts are empty (see _LONE_HEADER).
    Ranked below any rate the text states with its own label."""
    found = []
    for header in _LONE_HEADER.finditer(text):
        rate = _LONE_RATE.match(text, header.end())
        if rate is None or not 0 < Decimal(rate.group("rate")) <= 200:
            continue
        value = Rate.parse(rate.group("rate"))
        found.append(Candidate("budget.execution_rate", value, header.start(), rate.end(), rank=2))
    return found


def _headers(text: str) -> list[re.Match[str]]:
    """The headers, looked for only around each 执行率: the pattern's optional openings made a
    scan of a whole report cost half a millisecond, and every header names 执行率."""
    found: list[re.Match[str]] = []
    at = text.find("执行率")
    while at >= 0:
        start = max(found[-1].end() if found else 0, at - _HEADER_BEFORE_RATE)
        header = _HEADER.search(text, start, at + _HEADER_AFTER_RATE)
        if header is not None and header.start() <= at:
            found.append(header)
        at = text.find("执行率", at + 1)
    return found


def _label_before(text: str, position: int) -> int | None:
    """Where the row's label stands just before the header, if it does: right before it, or
    (a garbled header) within a few characters."""
    near = _LABEL_BEFORE.search(text, max(0, position - 12), position)
    if near is not None:
        return near.start()
    window_start = max(0, position - _DAMAGED_REACH)
    named = list(re.finditer(_LABEL, text[window_start:position]))
    return window_start + named[-1].start() if named else None


def _candidates(
    split: _Split, label: int, start: int, end: int, *, unit: int = 0
) -> list[Candidate]:
    """``unit``: the length of the unit word printed after the budget's digits."""
    found = []
    at = start
    for path, digits, after in (
        ("budget.initial", split.initial, 0),
        (split.budget_path, split.budget, unit),  # column A, whichever budget it is
        ("budget.executed", split.executed, 0),
    ):
        if digits:
            at += len(digits) + after
            found.append(Candidate(path, Money.parse(digits, MoneyUnit.WAN), label, at))
    found.append(Candidate("budget.execution_rate", Rate.parse(split.rate), label, end))
    return found


def _only_split(
    digits: str, *, initial: bool = False, weight: bool = False, budget: str | None = None
) -> _Split | None:
    """The one reading of ``digits`` as budget, executed and rate that adds up, if unique;
    with ``initial``, an 年初预算数 first (which the rate does not check: only a single
    reading of all four is taken); with ``weight``, the 分值 between the executed amount and
    the rate ("202010100.00%": 20, 20, 分值 10, 100.00%); with ``budget``, the budget's
    digits, which its printed unit set apart."""
    splits = _with_initial(digits, weight=weight) if initial else _splits(digits, weight=weight)
    if budget is not None:
        splits = [s for s in splits if s.budget == budget]
    fits = sorted(splits, key=lambda s: s.error)
    if not fits or fits[0].error > _TOLERANCE:
        return None
    if len(fits) > 1 and fits[1].error <= _TOLERANCE:
        return None  # two readings add up: the digits do not say which
    return fits[0]


def _splits(digits: str, *, weight: bool = False) -> list[_Split]:
    found = []
    for rate_start in range(2, len(digits)):
        rate = digits[rate_start:]
        amounts = digits[:rate_start]
        if not is_printed_decimal(rate) or "." in amounts[-1:] or _places(rate) > _RATE_PLACES:
            continue
        if weight:
            unweighted = _without_weight(amounts)
            if unweighted is None:
                continue
            amounts = unweighted
        for cut in range(1, len(amounts)):
            budget, executed = amounts[:cut], amounts[cut:]
            if not (is_printed_decimal(budget) and is_printed_decimal(executed)):
                continue
            value_a, value_b, value_r = Decimal(budget), Decimal(executed), Decimal(rate)
            if value_a <= 0 or value_r <= 0 or value_r > 200:
                continue
            error = abs(value_b / value_a * 100 - value_r)
            found.append(_Split(budget, executed, rate, error))
    return found


# A 分值 is a whole number of points; the execution line of a 自评表 weighs 5 to 30.
_WEIGHT = re.compile(r"(?:[5-9]|[1-3]\d)$")


def _without_weight(amounts: str) -> str | None:
    """``amounts`` without the 分值 run in at its end, or None when they cannot end in one.
    The longest weight the digits allow is taken ("…10" is 10, not 0; "…15" is 15)."""
    match = _WEIGHT.search(amounts)
    if match is None or match.start() == 0:
        return None
    return amounts[: match.start()]


def _with_initial(digits: str, *, weight: bool = False) -> list[_Split]:
    found = []
    for cut in range(1, len(digits)):
        initial = digits[:cut]
        if is_printed_decimal(initial):
            found += [replace(s, initial=initial) for s in _splits(digits[cut:], weight=weight)]
    return found


def _places(text: str) -> int:
    return len(text.partition(".")[2])
