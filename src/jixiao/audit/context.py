"""What a rule may know besides the report: the year's classification and the outline."""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.domain.classification import Classification, load_classification
from jixiao.domain.outlines import Outline, detect_outline, outline_by_name
from jixiao.domain.report import Report


@dataclass(frozen=True)
class RuleContext:
    """Everything a rule reads that does not come from the report itself.

    ``outline`` is the outline the report follows: the one ``report.outline`` names, else the
    one its level-1 headings match (``outline_detected`` is then True), else None.
    """

    classification: Classification
    outline: Outline | None = None
    outline_detected: bool = False
    # Work several rules share for one report (the scorecard), done once per audit.
    memo: dict[str, object] = field(default_factory=dict, compare=False, repr=False)


def build_context(report: Report) -> RuleContext:
    """The context for one report, from its year and headings."""
    outline = outline_by_name(report.outline) if report.outline else None
    detected = False
    if outline is None:
        titles = [h.title for h in report.headings if h.level == 1]
        outline = detect_outline(titles, kind=report.kind)
        detected = outline is not None
    return RuleContext(
        classification=load_classification(report.year),
        outline=outline,
        outline_detected=detected,
    )
