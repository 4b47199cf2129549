"""Amounts whose own words name the money of one level of government.

    项目总投资80万元，其中中央财政资金50万元，县财政配套资金30万元
    2024年度中央下达资金80万元

Project reports on transfer payments say whose money a figure is: 中央, 省 (自治区), 市 (州),
县 (区, 旗), or only 地方, 配套, 自筹. Reading which level the words name is reading the text,
so it is done here; the audit only compares the figures (level-share-equals-whole).

An amount is kept only when its words (back to the previous clause mark or figure, and on to
the next) name exactly one level and nothing that would make it another figure: two levels
joined (中央和县级, 省、市, 中省, 市县), a sum of levels (合计, 总, 累计, 各级, 上级, 以上), an
agency or a level below the centre that passes money on (省财政厅下达, 市水利局拨付, 江西省下达:
often another level's money too), another
period (上年, 结转) or a change (增加, 结余, 未到位). A level word needs money words right after
it (县财政, 市级资金, 省配套): 全县, 我县 (the recipient), 城市, 库区 and 节省 are not levels.
中央 is always the central level, and may name its fund first (中央水利发展资金).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from jixiao.domain.evidence import Evidence
from jixiao.domain.relations import LevelAmount
from jixiao.intake.breakdowns import stated_quantity
from jixiao.intake.quantities import Quantity

Locate = Callable[[int, int], Evidence]

_MONEY = r"(?:资金|投资|补助|配套|匹配|下达|下拨|拨付|拨款|安排|专项|财政|预算|自筹|投入|奖补)"
# Not a level after these: the whole area (全县), the recipient (我县, 下达至县), a place (城市,
# 库区) or a verb (节省).
_NOT = "全本该各外每我向至到给对拨往"
_GOVERNMENT = re.compile(
    rf"(?P<central>(?<!党)中央)(?=(?:级|本级)?[\u4e00-\u9fff]{{0,8}}?{_MONEY})"
    rf"|(?<![{_NOT}节俭反])(?P<province>自治区|省)(?=(?:级|本级)?{_MONEY})"
    rf"|(?<![{_NOT}城超都门夜])(?P<city>市|州|盟)(?=(?:级|本级)?{_MONEY})"
    rf"|(?<![{_NOT}])(?P<county>县|旗)(?=(?:级|本级)?{_MONEY})"
    rf"|(?<![{_NOT}社库园景片校小山灾范城街])(?P<district>区)(?=级|本级|财政)"
)
_LEVELS = {"central": "中央", "province": "省", "city": "市", "county": "县", "district": "县"}
_LOCAL = re.compile(r"地方(?=财政|配套|匹配|资金|自筹|政府)")
_MATCHING = re.compile(r"配套|匹配")
_OWN = re.compile(r"自筹")

_LEVEL_WORD = r"(?:中央|自治区|省|市|州|盟|县|旗|区|地方)"
_SEVERAL = re.compile(
    rf"{_LEVEL_WORD}(?:级|本级)?(?:财政)?\s*(?:和|及|与|、|/|加|同|暨|或)\s*{_LEVEL_WORD}"
    r"|(?<!其)中(?=省)|[省市州县区旗](?=[省市州县区旗])"
)
_SUMMED = re.compile(r"合计|共计|总|累计|各级|两级|三级|上级|以上|以下|非|整合|统筹")
_AGENCY = re.compile(rf"{_LEVEL_WORD}(?:级|本级)?[\u4e00-\u9fff]{{0,4}}?(?:[厅局委办]|部(?!分))")
# Below the centre, a level that 下达 or 拨付 passes money on ("江西省下达资金…" often holds
# central and county money too); only the centre's 下达 is its own money.
_PASSED_ON = re.compile(
    r"(?:自治区|省|市|州|盟|县|旗|区)(?:级|本级)?(?:财政)?(?:转下达|下达|下拨|拨付|转拨)"
)
_OTHER_PERIOD = re.compile(
    r"上年|去年|前年|上一年|以前年度|往年|历年|结转|下年|明年|次年|下一年|同期"
)
_CHANGE = re.compile(r"增加|减少|增长|下降|降低|节约|结余|剩余|尚|未|差额|缺口|超|比")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年")
_MARK = re.compile(r"[，,。；;：:\n|\t]")
_TAIL_END = re.compile(r"[，,。；;：:\n|\t、（(]")
_BACK = 40
_ON = 20


def find_level_amounts(text: str, quantities: list[Quantity], locate: Locate) -> list[LevelAmount]:
    found: list[LevelAmount] = []
    figures = [q for q in quantities if q.kind in ("amount", "count", "rate")]
    for at, quantity in enumerate(figures):
        if quantity.kind != "amount" or quantity.money() is None:
            continue
        before = figures[at - 1].end if at > 0 else 0
        after = figures[at + 1].start if at + 1 < len(figures) else len(text)
        words = _lead(text, max(before, quantity.start - _BACK), quantity.start) + _tail(
            text, quantity.end, min(after, quantity.end + _ON)
        )
        level = level_named(words)
        if level is None:
            continue
        years = tuple(int(y) for y in _YEAR.findall(words))
        found.append(LevelAmount(level, stated_quantity(text, quantity, locate), years))
    return found


def _lead(text: str, start: int, end: int) -> str:
    lead = text[start:end]
    marks = list(_MARK.finditer(lead))
    return lead[marks[-1].end() :] if marks else lead


def _tail(text: str, start: int, end: int) -> str:
    # "中央资金50万元、省级资金30万元": the words after 、 are the next item's.
    mark = _TAIL_END.search(text, start, end)
    return text[start : mark.start() if mark else end]


def level_named(words: str) -> str | None:
    """The one level whose money ``words`` name ("中央", "省", "市", "县", "地方", "配套",
    "自筹"), or None when they name none, several, or a sum, period or change."""
    words = words.replace("其中", "")
    checks = (_SEVERAL, _SUMMED, _AGENCY, _PASSED_ON, _OTHER_PERIOD, _CHANGE)
    if any(p.search(words) for p in checks):
        return None
    levels = {_LEVELS[m.lastgroup] for m in _GOVERNMENT.finditer(words) if m.lastgroup}
    if levels:
        return levels.pop() if len(levels) == 1 else None
    if _LOCAL.search(words):
        return None if _OWN.search(words) else "地方"
    matching, own = bool(_MATCHING.search(words)), bool(_OWN.search(words))
    if matching != own:
        return "配套" if matching else "自筹"
    return None
