"""Two sibling figures whose values trade places between two statements: the table puts 50
under 公务用车购置费 and 25 under 运行费, the text says 运行费50万元 and 购置费25万元.

Unlike one figure restated with another value (a warning: two statements filed under one field
are often two figures), a swap leaves no legitimate reading: the same two amounts cannot each be
both figures, so one of the two places has its labels the wrong way round. An error, quoting
both statements of both figures. Only figures of one family (the 三公 parts, the 支出 classes)
and one scope are compared, each with exactly the two values, beyond printed rounding.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

from jixiao.audit import messages
from jixiao.audit.context import RuleContext
from jixiao.audit.rules.figure_restated_differently import comparable_values
from jixiao.audit.tolerance import Comparison, Outcome
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.money import Money
from jixiao.domain.report import Mention, Report

CODE = "values-swapped"


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    by_field: dict[tuple[str, str], list[Mention]] = {}
    for mention in comparable_values(report.mentions):
        if isinstance(mention.value, Money):
            by_field.setdefault((mention.scope, mention.path), []).append(mention)
    for (scope_a, path_a), (scope_b, path_b) in itertools.combinations(sorted(by_field), 2):
        if scope_a != scope_b or not _siblings(path_a, path_b):
            continue
        swap = _swap(by_field[(scope_a, path_a)], by_field[(scope_b, path_b)])
        if swap is not None:
            yield _finding(*swap)


def _siblings(a: str, b: str) -> bool:
    """Two fields of one family, neither a part of the other (三公经费 holds 公务用车费)."""
    family_a, _, _ = a.rpartition(".")
    family_b, _, _ = b.rpartition(".")
    return family_a == family_b and not b.startswith(a + "_") and not a.startswith(b + "_")


def _swap(
    first: Sequence[Mention], second: Sequence[Mention]
) -> tuple[Mention, Mention, Mention, Mention] | None:
    """(a = x, b = y, a = y, b = x): one place's pair, then the other's; None if no swap."""
    values_a, values_b = _two_values(first), _two_values(second)
    if values_a is None or values_b is None:
        return None
    a_x, a_y = values_a
    b_y, b_x = values_b
    if _agree(b_y, a_x):
        b_y, b_x = b_x, b_y
    if not (_agree(b_y, a_y) and _agree(b_x, a_x)):
        return None
    return a_x, b_y, a_y, b_x


def _two_values(mentions: Sequence[Mention]) -> tuple[Mention, Mention] | None:
    """The first statement of each of exactly two values that differ beyond rounding."""
    distinct: list[Mention] = []
    for mention in mentions:
        if not any(_agree(mention, seen) for seen in distinct):
            distinct.append(mention)
    if len(distinct) != 2:
        return None
    return distinct[0], distinct[1]


def _comparison(a: Mention, b: Mention) -> Comparison:
    x, y = a.value, b.value
    assert isinstance(x, Money) and isinstance(y, Money)
    return Comparison(stated=x.wan, computed=y.wan, tolerance=x.ulp + y.ulp)


def _agree(a: Mention, b: Mention) -> bool:
    return _comparison(a, b).outcome is not Outcome.MISMATCH


def _finding(a_x: Mention, b_y: Mention, a_y: Mention, b_x: Mention) -> Finding:
    comparison = _comparison(a_x, a_y)
    first, second = messages.label(a_x.path, a_x.scope), messages.label(b_y.path, b_y.scope)

    def place(a: Mention, b: Mention) -> str:
        amounts = f"{first}{_amount(a)}、{second}{_amount(b)}"
        quotes = "".join(f"“{messages.quote_text(m.evidence.quote)}”" for m in (a, b))
        return f"{amounts}（{quotes}）"

    message = messages.render(
        CODE, first=first, second=second, one=place(a_x, b_y), other=place(a_y, b_x)
    )
    return Finding(
        CODE,
        Severity.ERROR,
        message,
        stated=comparison.stated,
        computed=comparison.computed,
        difference=comparison.difference,
        evidence=(a_x.evidence, b_y.evidence, a_y.evidence, b_x.evidence),
    )


def _amount(mention: Mention) -> str:
    assert isinstance(mention.value, Money)
    return messages.money_text(mention.value)
