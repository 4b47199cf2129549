"""The shares of a whole's parts add up to the whole: 基本支出 and 项目支出 of 支出, the three
"三公" parts of the “三公”经费.

"基本支出700000元，占一般公共预算支出的87.5%；项目支出100000元，占一般公共预算支出的20%": each
share may be stated without the whole, so share-matches cannot check it, yet together they say
the parts are 107.5% of one whole. Shares are grouped by the part's whole and by the words that
name it after 占 (a share of 总支出 and one of 财政拨款支出 are of two wholes). Every part stated:
the shares must add up to 100%; some parts only: to no more. Rounding of each printed share
is allowed for, so 33.33% + 33.33% + 33.33% is no error.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from jixiao.audit import messages
from jixiao.audit.context import RuleContext
from jixiao.audit.ratios import named_whole
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.money import Rate
from jixiao.domain.report import Mention, Report

CODE = "shares-add-up"

PARTS_OF = {
    "spending.total": ("spending.basic", "spending.project"),
    "three_public.total": (
        "three_public.overseas",
        "three_public.vehicle",
        "three_public.reception",
    ),
}
_WHOLE_OF = {part: whole for whole, parts in PARTS_OF.items() for part in parts}
_FULL = Decimal(100)


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    groups: dict[tuple[str, str, str], dict[str, Mention]] = {}
    doubled: set[tuple[str, str, str]] = set()
    for mention in report.mentions:
        whole = _WHOLE_OF.get(mention.path)
        if mention.aspect != "share" or whole is None:
            continue
        named = named_whole(report, mention)
        if named is None:
            continue  # "占69%": the whole unnamed, another rule's business
        key = (whole, mention.scope, named)
        shares = groups.setdefault(key, {})
        if mention.path in shares and shares[mention.path].value != mention.value:
            doubled.add(key)  # one part given two shares of it: which to add is unclear
        shares.setdefault(mention.path, mention)
    for key, shares in groups.items():
        if key not in doubled and len(shares) >= 2:
            found = _finding(key[0], key[2], list(shares.values()))
            if found is not None:
                yield found


def _finding(whole: str, of: str, shares: list[Mention]) -> Finding | None:
    rates = [s.value for s in shares if isinstance(s.value, Rate)]
    if len(rates) != len(shares):
        return None
    total = sum((r.percent for r in rates), Decimal(0))
    slack = sum((r.ulp for r in rates), Decimal(0)) / 2
    complete = len(shares) == len(PARTS_OF[whole])
    if total <= _FULL + slack and (not complete or total >= _FULL - slack):
        return None
    places = max(messages.places_of_ulp(r.ulp) for r in rates)
    parts = "、".join(
        f"{messages.label(s.path, s.scope)}{messages.rate_text(r)}"
        for s, r in zip(shares, rates, strict=True)
    )
    message = messages.render(
        CODE if complete else f"{CODE}:over",
        parts=parts,
        whole=of,
        total=messages.percent_text(total, places, places),
    )
    return Finding(
        CODE,
        Severity.ERROR,
        message,
        stated=_FULL,
        computed=total,
        difference=total - _FULL,
        evidence=tuple(s.evidence for s in shares),
    )
