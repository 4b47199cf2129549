"""Figures stated in running text: a label, a short gap, then its amount or rate.

"总支出5252.64万元", "“三公”经费财政拨款预算数9万元", "公务接待费支出295.70万元，同比减少
60.14万元，下降16.9%": the label owns the first matching quantity after it in the same
sentence; a change phrase after a value (同比减少…, 下降…%) is that value's change.
A quantity with no label before it is not a figure of the report: it is left alone
rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from jixiao.domain.money import Money, MoneyUnit, Rate
from jixiao.intake.candidates import Candidate
from jixiao.intake.elided_totals import elided_totals
from jixiao.intake.lexicon import LabelMatch, LabelSense, Lexicon
from jixiao.intake.quantities import Quantity, find_quantities
from jixiao.intake.scopes import effective_scope, other_year_scope
from jixiao.intake.stated_none import stated_none

_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
_SENTENCE_MARKS = frozenset("。；;！？!?\n")
# Up to the last sentence mark before the end: where the sentence holding the end begins.
_BEFORE_SENTENCE = re.compile(r"(?s:.*)[。；;！？!?\n]")
# A line break that starts a sentence: a new paragraph.
_PARAGRAPH_START = re.compile(r"\n(?![。；;！？!?\n])")
_CLAUSE_START = re.compile(r"[，,、:]")
_OPENING_QUOTES = '“"‘「'
_MAX_GAP = 28
_LOOK_BACK = 200  # characters before a label that can still qualify it
# What may stand between a label and its number: qualifiers, copulas and the like. Any other
# word ("存在", "配套资金", "未达到") means the number is not the label's figure.
_GAP_WORDS = (
    r"为|是|达到|达|共计|合计|总计|总额|共|计|约|金额|数额|数|额|的|实际|全年|本年|年度|当年|"
    r"预算安排|预算数|预算|决算支出数|决算数|决算|支出数|支出|执行数|完成|安排|财政拨款|"
    r"一般公共预算|拨款|资金|累计|年初|调整后|调整为|决算总数|总数"
)
_GAP_OK = re.compile(
    rf"[)）]?[”\"’」]?(?:\([^()]{{1,24}}\))?(?:\s|[:：]|{_GAP_WORDS})*"
    rf"(?:[，,](?:共计|合计|总计|总额为|计)(?:\s|{_GAP_WORDS})*)?"
)
# The character just before a label that still lets the label name the unit's own figure;
# any other 汉字 makes the label part of a longer noun ("政府采购支出总额") of a narrower thing.
_OPEN_BEFORE = re.compile(
    r"[的中局站院校委办所心位门年度其共计括要及和与为是县市区镇乡部排际本我等、：:，,。.；;（()）“”\"'‘’「」\s\d]"
)
# A government's own budget: its 一般公共预算支出 is all of it, not a narrower part.
_GOVERNMENT = re.compile(r"全(?:省|市|县|区|镇|乡)|本级|投资区|开发区|新区")
# Wordings that, right after another label, only repeat what it is ("因公出国(境)费支出预算为…"
# in a budget: 支出预算 is not a second figure but the first one's 预算).
_REPEATING_SUFFIXES = frozenset(("支出预算", "支出:", "预算支出总额", "支出预算合计", "支出合计"))
_CHANGE = re.compile(
    r"(?:同比|比上年|较上年|较上年度|与上年相比|较\d{4}年度?[^，,。；]{0,8}|与\d{4}年[^，,。；]{0,6}相比)?"
    r"[，,]?\s*(?P<verb>增加|增长|上升|提高|增|减少|下降|降低|节约|减)(?:了)?$"
)
# "与2019年相比", "较上年": a year named only to compare does not date the figure, nor does
# the year carried-over money comes from ("2024年结转2023年资金…" is 2024's money).
_COMPARISON = re.compile(
    r"(?:与|较|比)\d{4}年度?(?:[^，,。；\d]{0,6}?相比)?|同比|较上年度?|比上年度?|结转\d{4}年度?"
)
_ACTUAL_WORDS = re.compile(r"决算|实际|执行|完成|支出")
_COMPOUND_PATHS = ("spending.", "three_public.", "accounts.", "budget.execution_rate")
_ALL_OF = re.compile(r"[，,]?(?:全部|均|全)(?:为|是|用于)")
_DECREASE = ("减少", "下降", "降低", "节约", "减")
# The actual against its budget in so many words: "决算数大于预算数20万元", "超支0.5万元". (A
# change "较年初预算减少…" stays a change: its rate is checked on the figure before it.)
_VERSUS_BUDGET = re.compile(
    r"(?:决算数?|支出数?|执行数|实际支出)?(?:(?P<more>大于|超过|超出|高于|多于)|(?P<less>小于|低于|少于))(?:年初|全年|调整后)?预算数?"
    r"[，,]?\s*(?:金额|数额)?(?:为|达)?$|(?P<overrun>超支|超预算|超出预算)(?:了|金额|数额)?(?:为|达)?$"
)
_UNCHANGED = re.compile(r"[，,]?(?:与|较|比)?[^，,。；]{0,10}?(?:持平|无变化|没有变化|未发生变化)")
_WHOLE_DOCUMENT = ("部门预算", "单位预算", "部门决算", "单位决算", "年预算", "年决算")
_EXPLAINING = re.compile(r"[”\"’]?\((?:[^()]|\([^()]*\))*\)")
_NAMING = re.compile(r"^(?:以下)?(?:简称|统称|合称)")
_PAIRED_TOTALS = re.compile(
    r"收入?、?支出?总计(?:各是|各为|分别为|分别是|分别)(?P<a>\d[\d,]*(?:\.\d+)?)(?:万元|元)?[,，、和及]"
    r"(?P<b>\d[\d,]*(?:\.\d+)?)(?P<unit>万元|元)"
)
# "收、支总计均为393.71万元": one amount for both grand totals.
_SAME_TOTALS = re.compile(
    r"收入?、?支出?总计(?:均为|均是|都是|都为)(?P<a>\d[\d,]*(?:\.\d+)?)(?P<unit>万元|元)"
)


@dataclass(frozen=True, slots=True)
class _Context:
    text: str
    kind: str
    year: int | None
    lexicon: Lexicon


def prose_candidates(
    text: str,
    *,
    kind: str,
    year: int | None,
    lexicon: Lexicon,
    claimed: list[tuple[int, int]],
    quantities: list[Quantity] | None = None,
) -> list[Candidate]:
    """Every labelled figure in running text outside the spans tables have claimed.

    ``quantities`` are those of the whole text when the caller has them already.
    """
    ctx = _Context(text, kind, year, lexicon)
    quantities = [
        q
        for q in (find_quantities(text) if quantities is None else quantities)
        if q.kind in ("amount", "rate") and not _overlaps(q.start, q.end, claimed)
    ]
    labels = [lb for lb in lexicon.find(text) if _senses_for(lb, kind)]
    found = list(_paired_totals(text))
    found.extend(elided_totals(text, kind))
    found.extend(stated_none(text, labels))
    events: list[LabelMatch | Quantity] = sorted([*labels, *quantities], key=lambda e: e.start)
    current: dict[str, Candidate] = {}
    carried: list[Candidate] = []
    previous_end = -1
    for start, end, group, new_paragraph in _sentences_with_events(text, events):
        if new_paragraph:
            current = {}  # a new paragraph: "this year's value" is stated afresh
        # "…580万元，与上年相比减少20万元；完成年初预算100%": a clause after a semicolon
        # that opens with no label of its own still speaks of the figure before.
        if new_paragraph or previous_end != start - 1 or text[start - 1] not in "；;":
            carried = []
        made, carried = _sentence_candidates(ctx, start, end, group, current, carried=carried)
        found.extend(made)
        previous_end = end
    return found


def _sentences_with_events(
    text: str, events: list[LabelMatch | Quantity]
) -> Iterable[tuple[int, int, list[LabelMatch | Quantity], bool]]:
    """The sentences (the text between sentence marks) that hold events: their span, their
    events and whether a paragraph began since the previous one.

    Found from the events, a few dozen, instead of walking every sentence of the text; an
    event on a sentence mark belongs to no sentence.
    """
    position = 0
    previous = 0  # where the previous sentence with events began
    while position < len(events):
        at = events[position].start
        if text[at] in _SENTENCE_MARKS:
            position += 1
            continue
        before = _BEFORE_SENTENCE.match(text, previous, at)
        start = before.end() if before else previous
        stop = _SENTENCE_END.search(text, at)
        end = stop.start() if stop else len(text)
        first = position
        while position < len(events) and events[position].start < end:
            position += 1
        new_paragraph = _PARAGRAPH_START.search(text, previous, start + 1) is not None
        yield start, end, events[first:position], new_paragraph
        previous = start


def _senses_for(label: LabelMatch, kind: str) -> tuple[LabelSense, ...]:
    return tuple(s for s in label.senses if s.kinds is None or kind in s.kinds)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)


def _sentence_candidates(
    ctx: _Context,
    start: int,
    end: int,
    events: list[LabelMatch | Quantity],
    current: dict[str, Candidate],
    *,
    carried: list[Candidate],
) -> tuple[list[Candidate], list[Candidate]]:
    """The figures of one sentence; ``events`` are its labels and quantities in order.

    ``current`` holds, per field, the latest statement of the report year's own figure in the
    paragraph, so that "上年决算数为31.06万元，2021年较上年减少6.19万元" changes this year's value.
    ``carried`` are the actual values a completion or an overrun may speak of at the start of
    the sentence; returned with the figures are those at its end.
    """
    found: list[Candidate] = []
    pending: LabelMatch | None = None
    rearmed = False  # the label already gave its 预算 figure; a 决算/实际 one may follow
    budget_word: LabelMatch | None = None  # "三公经费决算数为38.74万元，年初预算数为42.00万元"
    last: list[Candidate] = []  # the values a change phrase would belong to
    last_label: LabelMatch | None = None
    completing: list[Candidate] = []  # "决算为34.08万元，完成全年预算50.74万元的67.2%"
    actual: list[Candidate] = []  # the last values that are not a 预算: what a ratio is of
    cursor = start
    for event in events:
        if isinstance(event, LabelMatch) and _only_budget(event):
            before = ctx.text[max(start, event.start - 2) : event.start]
            if before.endswith(_COMPARED_WITH):
                continue  # "较年初预算数减少10.93万元": the base of a change, not a figure
            if (actual or carried) and before.endswith(("完成", "成了")):
                completing, pending = actual or carried, None
                cursor = event.end
                continue
        if isinstance(event, LabelMatch):
            if _SHARE_OF.search(ctx.text, max(start, event.start - 8), event.start):
                continue  # "占一般公共预算支出的19.62%": the whole a share is of, not a figure
            if (
                pending is not None
                and event.wording in _REPEATING_SUFFIXES
                and _adjacent(ctx.text, pending.end, event.start)
            ):
                continue
            if pending is not None and _inside_parenthesis(ctx.text, pending.end, event.start):
                if _names_the_list(ctx.text, start, pending, event):
                    pending = event  # "出国费、接待费、公车运行费(“三公”经费)决算总额…"
                    cursor = event.end
                continue  # "基本支出（人员经费和公用经费）…": the inner words explain the label
            if pending is not None and not rearmed and _qualifies(ctx, pending, event):
                continue  # "三公经费年初预算30万元": 年初预算 says which 三公 figure it is
            if pending is None and last_label and _budget_after_value(ctx, last, event):
                pending, rearmed, budget_word = last_label, False, event
                cursor = event.end
                continue
            pending, rearmed, budget_word = event, False, None
            cursor = event.end
            continue
        prefix = ctx.text[cursor : event.start]
        cursor = event.end
        if completing and event.kind == "amount" and len(prefix) <= 2:
            found.extend(_budget_of(completing, event))  # the budget the values complete
            continue
        ratio = _ratio_aspect(prefix, event, completing or actual)
        if ratio is None and not actual and _ratio_aspect(prefix, event, carried) == "completion":
            ratio, actual = "completion", carried  # a share is only ever of its own sentence
        if completing and event.kind == "rate" and prefix.strip("，, ") in ("", "的"):
            ratio = "completion"
        if ratio is not None:
            found.extend(_ratio_of(completing or actual, event, ratio))
            completing = []
            continue
        versus = _VERSUS_BUDGET.search(prefix)
        if versus:
            if event.kind == "amount" and (actual or carried):
                said = event.start - len(prefix) + versus.start()
                saving = versus.group("less") is not None
                found.extend(_over_budget_of(actual or carried, event, said, saving=saving))
            continue
        change = _CHANGE.search(prefix)
        if change and last and (pending is None or rearmed or pending.start < last[0].start):
            said = event.start - len(prefix)
            whole = _before_parenthesis(ctx.text, start, said, found) if prefix[:1] == ")" else []
            if whole:
                last = whole  # its rate, next, is the whole's as well
            bases = [current.get(c.path, c) if c.scope == "上年" else c for c in last]
            found.extend(_change_of(bases, event, decrease=change.group("verb") in _DECREASE))
            continue
        if pending is None:
            continue
        if budget_word is not None:
            gap = ctx.text[budget_word.end : event.start]
            made = _labelled(ctx, pending, event, start, gap=gap, scope="预算")
            budget_word = None
        elif rearmed:
            if not _ACTUAL_WORDS.search(prefix):
                pending = None
                continue
            made = _labelled(ctx, pending, event, start, gap=prefix.lstrip("，, "))
        else:
            made = _labelled(ctx, pending, event, start)
        if not made:
            continue
        found.extend(made)
        last, last_label = made, pending
        if not all(c.scope == "预算" for c in made):
            actual = made
        for candidate in made:
            if not candidate.scope and candidate.aspect == "value":
                current[candidate.path] = candidate
        rearmed = not rearmed and all(c.scope == "预算" for c in made)
        if not rearmed:
            pending = None
        tail = ctx.text[event.end : min(end, event.end + 24)]
        if _UNCHANGED.match(tail):
            found.extend(_unchanged(made))
        found.extend(_all_of(ctx, made, event.end, end))
    return found, actual or carried


_COMPARED_WITH = ("较", "比", "与", "于")
_COMPLETION = re.compile(r"(?:^的?|完成(?:了)?(?:全年|年初|调整后)?预算(?:数)?的?)$")
_BUDGET_ITSELF = re.compile(r"(?:本年|全年|年初|调整后)?预算(?:数|金额)?")
_SHARE_OF = re.compile(r"占(?!用)[^，,。；;\d%占]{0,6}$")
_SHARE = re.compile(r"^[，,]?\s*占(?P<of>[^，,。；;\d%]{0,16}?)的?\s*$")


def _only_budget(label: LabelMatch) -> bool:
    return all(s.path.startswith("budget.") for s in label.senses)


def _ratio_aspect(prefix: str, quantity: Quantity, values: list[Candidate]) -> str | None:
    """ "占69%" after a value is its share; "完成预算的47%" (or "占年初预算的48.82%") its
    completion of the budget; after "完成全年预算50.74万元", "的67.2%" is that completion."""
    if quantity.kind != "rate" or not values:
        return None
    share = _SHARE.match(prefix)
    if share:
        # "占年初预算的48.82%" completes the budget; "占一般公共预算支出的19.62%" and
        # "占基本支出预算71.43%" are shares of a whole that merely has 预算 in its name.
        return "completion" if _BUDGET_ITSELF.fullmatch(share.group("of")) else "share"
    stripped = prefix.strip("，, ")
    if "完成" in stripped and _COMPLETION.search(stripped):
        return "completion"
    return None


def _budget_of(values: list[Candidate], quantity: Quantity) -> list[Candidate]:
    money = quantity.money()
    if money is None:
        return []
    return [
        Candidate(v.path, money, quantity.start, quantity.end, scope="预算")
        for v in values
        if v.aspect == "value"
    ]


def _ratio_of(values: list[Candidate], quantity: Quantity, aspect: str) -> list[Candidate]:
    rate = quantity.rate()
    if rate is None:
        return []
    return [
        Candidate(
            v.path, rate, quantity.start, quantity.end, aspect=aspect, scope=v.scope, anchor=v.span
        )
        for v in values
        if v.aspect == "value" and isinstance(v.value, Money)
    ]


def _adjacent(text: str, end: int, start: int) -> bool:
    """Next to each other, or apart only by a parenthesis that explains the first
    ("“三公”经费（因公出国（境）费、…）支出合计")."""
    return start - end <= 2 or _EXPLAINING.fullmatch(text, end, start) is not None


def _names_the_list(text: str, sentence_start: int, pending: LabelMatch, inner: LabelMatch) -> bool:
    """A parenthesis holding only a label, after a list of labels, names the whole list."""
    opened = text.rfind("(", pending.end, inner.start)
    closing = text.find(")", inner.end)
    if opened < 0 or closing < 0:
        return False
    inside = "".join(ch for ch in text[opened + 1 : closing] if ch not in "“”\"'‘’ ")
    # "(简称“三公”经费)", "(以下统称…)": the naming words are not a second label
    alone = _NAMING.sub("", inside) == inner.wording
    listed = "、" in text[sentence_start : pending.start]
    return alone and listed and any(s.path.endswith(".total") for s in inner.senses)


def _inside_parenthesis(text: str, start: int, end: int) -> bool:
    between = text[start:end]
    return between.count("(") > between.count(")")


def _budget_after_value(ctx: _Context, last: list[Candidate], label: LabelMatch) -> bool:
    """A budget word just after a figure gives that figure's budget, not the unit's."""
    if not last or any(c.path.startswith("budget.") for c in last):
        return False
    if not all(s.path.startswith("budget.") for s in label.senses):
        return False
    if ctx.kind != "project" and all(s.path.endswith("_rate") for s in label.senses):
        # "财政拨款支出合计…万元，预算执行率100%": the unit's own rate, not the figure's budget
        # (a project report's rates are read by its money verbs, item by item)
        return False
    return ctx.text[last[-1].end : label.start].strip() in ("，", ",", "；")


def _all_of(ctx: _Context, made: list[Candidate], position: int, end: int) -> list[Candidate]:
    """ "三公经费支出0.35万元，全部为公务接待费": the one part is the whole."""
    whole = [c for c in made if c.path == "three_public.total" and c.aspect == "value"]
    match = _ALL_OF.match(ctx.text, position, end)
    if not whole or match is None:
        return []
    labels = ctx.lexicon.find(ctx.text, match.end(), min(end, match.end() + 16))
    if not labels or labels[0].start != match.end():
        return []
    return [
        Candidate(sense.path, whole[0].value, labels[0].start, labels[0].end, scope=whole[0].scope)
        for sense in labels[0].senses
        if sense.path.startswith("three_public.") and sense.path != "three_public.total"
    ]


def _qualifies(ctx: _Context, pending: LabelMatch, label: LabelMatch) -> bool:
    """A budget word right after a money label qualifies it instead of starting a new figure."""
    if not all(s.path.startswith("budget.") for s in label.senses):
        return False
    if any(s.path.startswith("budget.") for s in pending.senses):
        return False
    gap = ctx.text[pending.end : label.start]
    return len(gap) <= 8 and bool(_GAP_OK.fullmatch(gap))


def _labelled(
    ctx: _Context,
    label: LabelMatch,
    quantity: Quantity,
    sentence_start: int,
    *,
    gap: str | None = None,
    scope: str | None = None,
) -> list[Candidate]:
    """The label's figure; ``gap`` overrides the words between label and number (used when a
    label gives a second figure: "三公经费预算7.00万元，支出决算5.86万元")."""
    if gap is None:
        gap = ctx.text[label.end : quantity.start]
        listing = _EXPLAINING.match(gap)
        if listing and "、" in listing.group():
            gap = gap[
                listing.end() :
            ]  # "“三公”经费（出国费、…、接待费）支出合计…": the parts named
    if len(gap) > _MAX_GAP or not _GAP_OK.fullmatch(gap):
        return []
    # Only the last clause mark matters; looking back a bounded way keeps a figure-dense run
    # without sentence marks from costing figures × sentence length.
    window = max(sentence_start, label.start - _LOOK_BACK)
    clause_from = window
    for match in _CLAUSE_START.finditer(ctx.text, window, label.start):
        clause_from = match.end()
    prefix = ctx.text[clause_from : label.start]
    # A label that opens with its own quote mark ("实际支出“三公”经费") starts a new noun.
    compound = (
        label.start > 0
        and ctx.text[label.start] not in _OPENING_QUOTES
        and not _OPEN_BEFORE.match(ctx.text[label.start - 1])
    )
    made = []
    for sense in _senses_for(label, ctx.kind):
        value = _value_for(sense.path, quantity)
        if value is None:
            continue
        scopes = ctx.lexicon.scopes_in(prefix + gap)
        if sense.scope and not _GOVERNMENT.search(ctx.text, clause_from, label.start):
            scopes.append(sense.scope)  # after the words that say 预算 or another year
        sentence = _COMPARISON.sub("", ctx.text[window : label.start])
        year_scope = other_year_scope(sentence, ctx.year)
        scope_of = year_scope or effective_scope(scopes, path=sense.path, kind=ctx.kind)
        # Project prose wordings are verbs (安排, 支出共计): a compound check means nothing there.
        if (
            compound
            and sense.path.startswith(_COMPOUND_PATHS)
            and sense.rank < 3
            and not scope_of
            and not _neutral_compound(prefix, sense.path)
        ):
            scope_of = "其他"
        made.append(
            Candidate(
                path=sense.path,
                value=value,
                start=label.start,
                end=quantity.end,
                scope=scope if scope is not None else scope_of,
                rank=sense.rank,
                approximate=quantity.approximate,
            )
        )
    return made


def _neutral_compound(prefix: str, path: str) -> bool:
    """财政拨款/一般公共预算 before 三公 parts limit nothing (三公 are 财政拨款 by definition),
    nor does the verb of "实际支出三公经费…", nor the document's own name before a total
    ("2024年部门预算支出总计…": the department's budget is all of it)."""
    if path.startswith("spending.") and prefix.endswith(_WHOLE_DOCUMENT):
        return True
    return path.startswith("three_public.") and prefix.endswith(
        ("财政拨款", "一般公共预算", "拨款", "支出")
    )


def _value_for(path: str, quantity: Quantity) -> Money | Rate | None:
    if path.endswith("_rate"):
        return quantity.rate() if quantity.kind == "rate" else None
    return quantity.money() if quantity.kind == "amount" else None


def _before_parenthesis(
    text: str, start: int, closed: int, found: list[Candidate]
) -> list[Candidate]:
    """The values stated right before the parenthesis that closes at ``closed``: "车辆费2066万元
    (其中：运行费1920万元，购置费146万元)，减少12万元" changes the 2066, not the last part."""
    opened = text.rfind("(", start, closed)
    outer = [c for c in found if c.aspect == "value" and c.end <= opened]
    if opened < 0 or not outer:
        return []
    latest = max(c.end for c in outer)
    return [c for c in outer if c.end == latest]


def _change_of(values: list[Candidate], quantity: Quantity, *, decrease: bool) -> list[Candidate]:
    made = []
    for base in values:
        if quantity.kind == "amount":
            money = quantity.money()
            if money is None:
                continue
            signed: Money | Rate = Money(
                -money.wan if decrease else money.wan, money.ulp, money.stated_unit
            )
            aspect = "change"
        else:
            rate = quantity.rate()
            if rate is None:
                continue
            signed = Rate(-rate.percent if decrease else rate.percent, rate.ulp)
            aspect = "change_rate"
        made.append(
            Candidate(
                path=base.path,
                value=signed,
                start=quantity.start,
                end=quantity.end,
                aspect=aspect,
                scope=base.scope,
                anchor=base.span,
            )
        )
    return made


def _over_budget_of(
    values: list[Candidate], quantity: Quantity, said: int, *, saving: bool
) -> list[Candidate]:
    """ "决算数大于预算数20万元": how far each value is over its budget (signed, 万元)."""
    money = quantity.money()
    if money is None:
        return []
    signed = Money(-money.wan if saving else money.wan, money.ulp, money.stated_unit)
    return [
        Candidate(
            path=value.path,
            value=signed,
            start=said,
            end=quantity.end,
            aspect="over_budget",
            scope=value.scope,
            anchor=value.span,
        )
        for value in values
        if value.aspect == "value"
    ]


def _unchanged(values: list[Candidate]) -> list[Candidate]:
    """ "与上年持平": a change of zero, stated in words."""
    return [
        Candidate(
            path=base.path,
            value=Money(Money.of(0).wan, Money.of(0).ulp),
            start=base.start,
            end=base.end,
            aspect="change",
            scope=base.scope,
            anchor=base.span,
        )
        for base in values
    ]


def _paired_totals(text: str) -> Iterable[Candidate]:
    """ "收、支总计各是4125.49,4143.91万元": both 决算 grand totals in one phrase, or one amount
    for both ("收、支总计均为393.71万元")."""
    matches = [*_PAIRED_TOTALS.finditer(text), *_SAME_TOTALS.finditer(text)]
    for match in matches:
        unit = match.group("unit")
        second = "b" if "b" in match.re.groupindex else "a"
        for path, group in (
            ("accounts.income_grand_total", "a"),
            ("accounts.expenditure_grand_total", second),
        ):
            money = Money.parse(match.group(group), _money_unit(unit))
            yield Candidate(path=path, value=money, start=match.start(), end=match.end())


def _money_unit(unit: str) -> MoneyUnit:
    return MoneyUnit.YUAN if unit == "元" else MoneyUnit.WAN
