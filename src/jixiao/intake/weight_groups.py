"""The points a form's heading gives its indicators and the points of the groups under it.

A fixed-points 自评表 heads its indicator block "年度绩效目标(80分)" and each level-1 group
under it "产出指标(60分)", "效益指标(40分)"; the groups' points add up to the block's. The page
may print them in any order among the table's other cells, so the groups are those that
follow the block's heading before the next block or the 总分. Points are exact: their
breakdown is checked like money (whole-equals-stated-parts).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from jixiao.domain.evidence import Evidence
from jixiao.domain.relations import Breakdown, StatedQuantity

Locate = Callable[[int, int], Evidence]

_POINTS = r"\s*[(（]\s*(?P<points>\d{1,3})\s*分\s*[)）]"
# "(?:年度\s*)?绩…" would be tried at every character of the text; opening with a class lets
# the engine skip to a 年 or 绩 (年 must be followed by 度, as in 年度绩效目标).
_BLOCK = re.compile(
    rf"(?P<label>[年绩](?:(?<=年)度\s*绩|(?<=绩))\s*效\s*(?:目\s*标|指\s*标)){_POINTS}"
)
# "服务对象满意度指标(10分)" is a level-2 indicator under 效益指标 in older templates, not a group
# of its own: counted beside 效益指标 it would make the groups exceed their block.
_GROUP = re.compile(rf"(?P<label>(?:产出|效益|(?<!对象)满意度|决策|过程)\s*指标){_POINTS}")
_END = re.compile(r"总\s*分")
_REACH = 600  # a block's groups follow its heading within a page of cells
_UNIT = "分"


def find_weight_groups(text: str, locate: Locate) -> list[Breakdown]:
    blocks = list(_BLOCK.finditer(text))
    found: list[Breakdown] = []
    for index, block in enumerate(blocks):
        limit = min(len(text), block.end() + _REACH)
        if index + 1 < len(blocks):
            limit = min(limit, blocks[index + 1].start())
        end = _END.search(text, block.end(), limit)
        if end is not None:
            limit = end.start()
        groups = list(_GROUP.finditer(text, block.end(), limit))
        if len(groups) < 2 or len({g.group("label") for g in groups}) < len(groups):
            continue  # one group says nothing; a repeated one is another table's
        found.append(
            Breakdown(
                whole=_stated(block, locate),
                parts=tuple(_stated(g, locate) for g in groups),
            )
        )
    return found


def _stated(match: re.Match[str], locate: Locate) -> StatedQuantity:
    return StatedQuantity(
        label=re.sub(r"\s+", "", match.group("label")),
        value=Decimal(match.group("points")),
        ulp=Decimal(0),
        unit=_UNIT,
        evidence=locate(match.start(), match.end()),
    )
