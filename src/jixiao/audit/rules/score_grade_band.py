"""The grade the text states must be the band of its self score, and a score lies in 0–100.

Bands (财预〔2020〕10号, unified by the MOF budget department): 优 90 (含)–100, 良 80 (含)–90,
中 60 (含)–80, 差 below 60. Wordings accepted for each band, tried in this order:

    不合格 → 差    优秀, 优 → 优    良好, 良 → 良    中等, 合格, 中 → 中    较差, 差 → 差

合格 is read as the 中 band (a pass, 60–<80) and 不合格 as 差, as local 等次 tables do. A grade
word not in this list is not judged.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from decimal import Decimal

from jixiao.audit import messages
from jixiao.audit.context import RuleContext
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.money import canonical
from jixiao.domain.report import Report, StatedText

CODE = "score-grade-band"

# (lowest score included, band, how the band is described in messages), best band first.
_BANDS = (
    (Decimal(90), "优", "90分（含）以上"),
    (Decimal(80), "良", "80分（含）至90分"),
    (Decimal(60), "中", "60分（含）至80分"),
    (Decimal(0), "差", "60分以下"),
)
_WORDINGS = (
    ("不合格", "差"),
    ("优秀", "优"),
    ("优", "优"),
    ("良好", "良"),
    ("良", "良"),
    ("中等", "中"),
    ("合格", "中"),
    ("中", "中"),
    ("较差", "差"),
    ("差", "差"),
)


def check(report: Report, context: RuleContext) -> Iterable[Finding]:
    score = report.performance.self_score
    if score is None:
        return
    points = score.value.percent
    shown = canonical(points)
    if not Decimal(0) <= points <= Decimal(100):
        message = messages.render(f"{CODE}:range", score=shown)
        yield Finding(CODE, Severity.ERROR, message, stated=points, evidence=(score.evidence,))
        return
    grade = report.performance.grade
    stated_band = band_of_wording(grade.value) if grade is not None else None
    if grade is None or stated_band is None:
        return
    _, expected, described = next(b for b in _BANDS if points >= b[0])
    if stated_band != expected:
        message = messages.render(
            CODE, score=shown, expected=expected, band=described, stated=_word(grade)
        )
        yield Finding(
            CODE, Severity.ERROR, message, stated=points, evidence=(score.evidence, grade.evidence)
        )


def band_of_wording(word: str) -> str | None:
    """The band (优/良/中/差) a grade wording means, None when it is not one we know."""
    text = "".join(ch for ch in unicodedata.normalize("NFKC", word) if ch.isalnum())
    return next((band for wording, band in _WORDINGS if text.startswith(wording)), None)


def _word(grade: StatedText) -> str:
    return grade.value.strip()
