"""What kind of report a text is and which year it reports on, by weighing all the evidence.

Real excerpts often begin mid-document or with a web page's chrome, so neither the first line
nor the first match can be trusted. The kind is the one with the most weight over the signals
of the first page, title-like lines counting more; the year is voted for by every year the first
page names, where a year only compared with ("较2023年", "同口径比2018年") votes for the year
after it, a filling date early in a year ("填报日期：2022年2月3日") for the year before, and years
of a plan ("预计于2021年完工"), inside document titles (《…》), document numbers (〔2023〕)
and publishing dates do not vote.

绩效工资 and 绩效目标 are no signal of a performance report: budgets list 绩效工资 among wages,
and every kind of document sets 绩效目标.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_FIRST_PAGE = 1500


@dataclass(frozen=True, slots=True)
class _Signal:
    pattern: re.Pattern[str]
    kind: str
    weight: int
    cap: int = 1  # how many matches count


def _signal(pattern: str, kind: str, weight: int, cap: int = 1) -> _Signal:
    return _Signal(re.compile(pattern), kind, weight, cap)


_SIGNALS = (
    _signal(r"部门整体|单位整体|整体支出|整体绩效", "overall", 8),
    _signal(r"绩效情况说明|部门绩效(?:自评|评价)|预算绩效情况", "overall", 4),
    # "某镇人民政府2024年度绩效自评报告": a unit's own yearly self-evaluation names no project
    # (a project's title does, and its stronger signal wins the line).
    _signal(r"(?:19|20)\d{2}\s*年度?绩效自评报告", "overall", 4),
    _signal(r"项目支出绩效(?:自评|评价)", "project", 7),
    # "对2024年度项目支出资金使用情况进行了绩效自评", "参与绩效评价的项目共3个": a unit's yearly
    # report whose title names no project says in its first lines that it evaluates its projects.
    _signal(
        r"对[^。\n]{0,20}项目支出[^。\n]{0,12}进行了?绩效(?:自评|评价)"
        r"|参与绩效(?:自评|评价)的项目(?:共|有)?\s*\d",
        "project",
        8,
    ),
    _signal(
        r"项目.{0,14}绩效(?:自评|评价|目标自评)|绩效目标自评表|绩效评价(?:情况)?表"
        r"|项目.{0,14}?自评(?:结果|报告|情况|表)",
        "project",
        5,
    ),
    _signal(
        r"(?:转移支付|专项资金|补助资金|补贴资金|专项债券|债券项目|资金|经费)"
        r"(?:项目)?.{0,12}?绩效(?:的)?(?:自评|评价)",
        "project",
        5,
    ),
    _signal(r"重点(?:项目)?绩效评价|财政支出绩效评价|第三方", "project", 3),
    _signal(r"年度资金总额|全年预算数\s*[(（]A[)）]|预算执行率\s*[(（]B/A", "project", 4),
    _signal(r"资金(?:到位|执行|使用|管理)情况", "project", 2),
    _signal(r"项目概况|项目实施依据|项目(?:预期|绩效)目标|项目基本性质", "project", 3),
    _signal(r"下达[^，。；\n]{0,30}?资金|资金[^，。；\n]{0,6}下达", "project", 1, cap=3),
    _signal(r"(?:部门|单位)决算|决算(?:说明|公开|情况|报告|表)", "final_accounts", 5),
    _signal(r"决算", "final_accounts", 1, cap=4),
    _signal(r"(?:部门|单位)预算|预算(?:情况)?的?说明|预算公开|预算(?:草案|报告)", "budget", 5),
    _signal(r"预算(?:安排|数|支出|收入)|支出预算|收入预算|总预算", "budget", 1, cap=4),
)
# The order ties are broken in: the narrower document first.
_PRIORITY = ("project", "overall", "final_accounts", "budget")
_TITLE_LINE = re.compile(r"(?:报告|表|说明|情况|通报|公开)(?:[(（][^)）]*[)）])?\s*\|?\s*$")
_TITLE_WEIGHT = 2


def document_kind(text: str) -> str:
    """overall | project | final_accounts | budget | unknown."""
    scores = kind_scores(text)
    if not scores or max(scores.values()) == 0:
        return "unknown"
    best = max(scores.values())
    kind = next(kind for kind in _PRIORITY if scores[kind] == best)
    if kind == "final_accounts" and scores["budget"] and _budget_beside_last_accounts(text):
        return "budget"
    return kind


_HEADING_YEAR = {
    kind: re.compile(rf"(?P<year>(?:19|20)\d{{2}})\s*年度?[^，。；\n\d]{{0,10}}{word}")
    for kind, word in (("budget", "预算"), ("final_accounts", "决算"))
}


def _budget_beside_last_accounts(text: str) -> bool:
    """Do the first page's headings give a year's budget and an EARLIER year's 决算? A budget
    shows the year before's 决算 for comparison; final accounts compare with their own
    year's budget, never with a later one."""
    years: dict[str, list[int]] = {"budget": [], "final_accounts": []}
    for line in _without_noise(text[:_FIRST_PAGE]).split("\n"):
        if len(line.strip()) > 40:
            continue  # a heading, not a sentence
        for kind, pattern in _HEADING_YEAR.items():
            years[kind] += [int(m.group("year")) for m in pattern.finditer(line)]
    budget, accounts = years["budget"], years["final_accounts"]
    return bool(budget and accounts) and min(budget) > max(accounts)


def kind_scores(text: str) -> Counter[str]:
    """The weight of evidence for each kind (for document_kind, and to explain it).

    Per line, each kind counts its strongest signal once (a line such as 项目支出绩效评价 is
    not counted twice by two project signals); a title-like line counts only for the kind it
    says most strongly, three times over; weak signals count on a few lines only.
    """
    page = _without_noise(text[:_FIRST_PAGE])
    scores: Counter[str] = Counter()
    used: Counter[int] = Counter()  # lines a capped signal has counted on
    for line in page.split("\n"):
        strongest: dict[str, tuple[int, int]] = {}  # kind -> (weight, signal index)
        for index, signal in enumerate(_SIGNALS):
            if (
                (signal.cap == 1 or used[index] < signal.cap)
                and signal.weight > strongest.get(signal.kind, (0, 0))[0]
                and signal.pattern.search(line)
            ):
                strongest[signal.kind] = (signal.weight, index)
        if not strongest:
            continue
        if 6 <= len(line.strip()) <= 70 and _TITLE_LINE.search(line):
            kind = max(strongest, key=lambda k: (strongest[k][0], -_PRIORITY.index(k)))
            scores[kind] += strongest[kind][0] * (1 + _TITLE_WEIGHT)
            continue
        for kind, (weight, index) in strongest.items():
            scores[kind] += weight
            used[index] += 1
    return scores


_NOISE = re.compile(r"绩效工资|绩效目标|绩效指标|《[^》\n]{0,80}》")
_OTHERS_EVALUATE = re.compile(r"重点(?:绩效)?评价|第三方")
_SELF = re.compile(r"自评")


def evaluated_by_others(text: str) -> bool:
    """Does the first page present an evaluation made by the bureau or a third party
    (财政重点评价, 委托第三方) rather than the unit's own? Then a 得分 or 等级 in it is the
    evaluators', not a self-evaluation score, and is never taken for one."""
    page = _without_noise(text[:_FIRST_PAGE])
    return bool(_OTHERS_EVALUATE.search(page)) and not _SELF.search(page)


def _without_noise(text: str) -> str:
    """The words that signal nothing, blanked (offsets are not needed here)."""
    return _NOISE.sub(lambda m: " " * len(m.group(0)), text)


# ------------------------------------------------------------------------------------- year

_YEAR = re.compile(r"(?<![\d〔\[【])(?P<year>(?:19|20)\d{2})\s*年(?!\d{1,2}月\d{1,2}日)")
_IN_TITLE_OR_NUMBER = re.compile(r"《[^》\n]{0,80}》|[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]")
_COMPARED = re.compile(r"(?:较|比|与|同口径比|相比)(?:上年|同期)?\s*(?P<year>(?:19|20)\d{2})\s*年")
# A plan for later in a report on what was done: "预计于2021年2月完工", "余款将于2021年4月前
# 支付" name a year after the report's.
# (将 only with 于/在: "将2023年资金全部拨付" is what was done with that year's money.)
_PLANNED = re.compile(
    r"(?:(?:预计|计划|拟)(?:于|在|到)?|将(?:于|在))\s*(?P<year>(?:19|20)\d{2})\s*年"
)
_FILLED = re.compile(
    r"(?:填报|报送|编制|报告)日期\s*[:：]?\s*(?P<year>(?:19|20)\d{2})\s*年\s*(?P<month>\d{1,2})\s*月"
)
_PUBLISHED = re.compile(r"(?:发布|生成|更新)(?:日期|时间)\s*[:：|]*\s*(?:19|20)\d{2}\s*[-年]")
_OF_KIND = {
    "final_accounts": re.compile(r"(?P<year>(?:19|20)\d{2})\s*年度?[^，。；\n\d]{0,8}决算"),
    "budget": re.compile(r"(?P<year>(?:19|20)\d{2})\s*年度?[^，。；\n\d]{0,8}预算"),
}


def report_year(text: str, title: str | None, kind: str) -> int | None:
    """The year the report is about, or None when the first pages name no year."""
    if title and not title.lstrip().startswith("《"):
        blanked = _blank(title, _IN_TITLE_OR_NUMBER)
        # "2024年执行情况和2025年预算情况" titles a budget: the year of its kind's word first
        of_kind = _OF_KIND.get(kind)
        found = (of_kind.search(blanked) if of_kind else None) or _YEAR.search(blanked)
        if found:
            return int(found.group("year"))
    page = _blank(text[:4000], _IN_TITLE_OR_NUMBER)
    page = _blank(page, _PUBLISHED)
    votes: Counter[int] = Counter()
    compared: set[int] = set()
    for match in _COMPARED.finditer(page):
        year = int(match.group("year"))
        votes[year + 1] += 1
        compared.add(match.start("year"))
    if kind != "budget":  # a budget is all plans, for its own year
        compared.update(match.start("year") for match in _PLANNED.finditer(page))
    for match in _YEAR.finditer(page):
        if match.start("year") not in compared:
            votes[int(match.group("year"))] += 1
    pattern = _OF_KIND.get(kind)
    if pattern is not None:
        for match in pattern.finditer(page):
            if match.start("year") not in compared:
                votes[int(match.group("year"))] += 2
    filled = _FILLED.search(text[:4000])
    if filled and int(filled.group("month")) <= 6:
        votes[int(filled.group("year")) - 1] += 2
    if not votes:
        return None
    best = max(votes.values())
    return max(year for year, count in votes.items() if count == best)


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda match: " " * len(match.group(0)), text)
