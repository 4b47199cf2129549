"""Is this the right document for this unit's slot? And do its year-on-year changes agree
with last year's report already in the system?

Checked whenever a submission is evaluated with its uploaded document: the unit name the
document states against the unit of the slot, the year it reports on against the campaign's
year, its kind (a 决算说明 or 预算说明 is no performance report) against what the campaign asks
for; and every change on the year before the document states for a field ("支出合计较上年
减少0.66万元") against this year's figure minus the unit's figure of the year before. Each
mismatch is a finding of the core's shape (severity ``warning``), shown to the unit and to
the reviewer with the others. The core finds the name, year, kind and changes
(``jixiao.intake``); the web layer knows the slot and the previous year's data.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from apps.submissions.fields import FIELDS_BY_PATH, get_path
from apps.submissions.reportdata import decimal_or_none
from jixiao.domain.money import Money
from jixiao.domain.report import Report, ReportKind

JSON = dict[str, Any]

UNIT_MISMATCH = "document-unit-mismatch"
YEAR_MISMATCH = "document-year-mismatch"
KIND_MISMATCH = "document-kind-mismatch"
CHANGE_MISMATCH = "change-on-previous-year"
SLOT_CODES = frozenset({UNIT_MISMATCH, YEAR_MISMATCH, KIND_MISMATCH})
TITLES = {
    UNIT_MISMATCH: "上传的报告不是本单位的",
    YEAR_MISMATCH: "上传的报告年度与任务不符",
    KIND_MISMATCH: "上传的文件不是绩效自评报告",
    CHANGE_MISMATCH: "较上年增减与系统中的上年数据不符",
}
KIND_NAMES = {
    ReportKind.OVERALL: "部门整体支出绩效自评报告",
    ReportKind.PROJECT: "项目支出绩效自评报告",
    ReportKind.FINAL_ACCOUNTS: "决算说明",
    ReportKind.BUDGET: "预算说明",
}
# A change stated in 万元 to two decimals, against figures each rounded to two decimals.
_CHANGE_TOLERANCE = Decimal("0.02")
_NOISE = re.compile(r"[\s（）()“”\"'·、，,]|^中共|^中国共产党")
_PLACE = re.compile(r"^(?P<place>.{1,8}?(?:自治州|自治县|地区|省|市|州|盟|县|区|旗))")


def _normal(name: str) -> str:
    return _NOISE.sub("", unicodedata.normalize("NFKC", name))


def _place(name: str) -> str | None:
    found = _PLACE.match(name)
    return found.group("place") if found else None


def names_differ(stated: str, unit_name: str, text: str = "") -> bool:
    """Whether a document stating ``stated`` is about another unit than ``unit_name``.

    Not when either name contains the other, nor when the unit's own name appears in the
    document at all; so when the places they name differ (常宁市 / 雁川市), or when the rest of
    one is no abbreviation of the other's (农业农村局 / 科技和工业信息化局)."""
    a, b = _normal(stated), _normal(unit_name)
    if not a or not b or a in b or b in a or (b and b in _normal(text[:20000])):
        return False
    place_a, place_b = _place(a), _place(b)
    if place_a and place_b and place_a != place_b:
        return True
    rest_a, rest_b = a[len(place_a or "") :], b[len(place_b or "") :]
    shorter, longer = sorted((rest_a, rest_b), key=len)
    return not _abbreviates(shorter, longer)


def _abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` is ``long`` with characters left out (科工信局 of 科技和工业信息化局,
    农业局 of 农业农村局): its characters appear in ``long`` in the same order."""
    rest = iter(long)
    return all(char in rest for char in short)


def slot_findings(
    *, report: Report, unit_name: str, year: int, expected_kind: str | None
) -> list[JSON]:
    """The mismatches between a document (``report``, as read) and its campaign slot."""
    out: list[JSON] = []
    stated = report.profile.name
    if stated is not None and names_differ(stated.value, unit_name, report.text):
        out.append(
            _finding(
                UNIT_MISMATCH,
                f"上传的报告写明的单位是“{stated.value}”，不是本报送任务的单位“{unit_name}”："
                "请确认上传的是本单位的报告，如传错请重新上传",
                evidence=[_evidence(stated.evidence)],
            )
        )
    if report.year is not None and report.year != year:
        out.append(
            _finding(
                YEAR_MISMATCH,
                f"上传的报告是{report.year}年度的，本任务评价的是{year}年度："
                f"请上传{year}年度的报告",
            )
        )
    kind = report.kind
    if kind in (ReportKind.FINAL_ACCOUNTS, ReportKind.BUDGET):
        wanted = KIND_NAMES.get(ReportKind(expected_kind or "overall"), "绩效自评报告")
        out.append(
            _finding(
                KIND_MISMATCH,
                f"上传的文件看来是{KIND_NAMES[kind]}，本任务要求的是{wanted}："
                "请确认文件类型，如传错请重新上传绩效自评报告",
            )
        )
    return out


def change_findings(
    *, report: Report, data: Mapping[str, Any], previous: Mapping[str, Any] | None, year: int
) -> list[JSON]:
    """Each stated change on the year before that last year's data in the system contradicts.

    ``report`` is the audited report (current figures, the document's statements); ``data``
    this year's figures; ``previous`` the unit's data of ``year - 1``, None when there is
    none. Only changes of the unit's whole figure of a report field are compared."""
    if not previous:
        return []
    out: list[JSON] = []
    seen: set[str] = set()
    for mention in report.mentions:
        if mention.aspect != "change" or mention.scope or not isinstance(mention.value, Money):
            continue
        spec = FIELDS_BY_PATH.get(mention.path)
        if spec is None or spec.kind != "money" or mention.path in seen:
            continue
        now = decimal_or_none(get_path(dict(data), mention.path))
        before = decimal_or_none(get_path(dict(previous), mention.path))
        if now is None or before is None:
            continue
        said, actual = mention.value.wan, now - before
        if abs(said - actual) <= _CHANGE_TOLERANCE:
            continue
        seen.add(mention.path)
        out.append(
            {
                **_finding(
                    CHANGE_MISMATCH,
                    f"报告称{spec.label}较上年{_moved(said)}，但系统中{year - 1}年度报告的"
                    f"{spec.label}为{_wan(before)}万元、本年为{_wan(now)}万元，"
                    f"实际{_moved(actual)}：请核对上年数或增减额",
                    evidence=[_evidence(mention.evidence)],
                ),
                "stated": _wan(said),
                "computed": _wan(actual),
                "difference": _wan(said - actual),
            }
        )
    return out


def _moved(change: Decimal) -> str:
    if change == 0:
        return "持平"
    return f"{'增加' if change > 0 else '减少'}{_wan(abs(change))}万元"


def _wan(value: Decimal) -> str:
    text = format(value.quantize(Decimal("0.01")), "f")
    return "0.00" if text == "-0.00" else text


def _evidence(evidence: Any) -> JSON:
    return {"quote": evidence.quote, "start": evidence.start, "end": evidence.end}


def _finding(code: str, message: str, evidence: list[JSON] | None = None) -> JSON:
    return {
        "code": code,
        "severity": "warning",
        "message": message,
        "stated": None,
        "computed": None,
        "difference": None,
        "evidence": evidence or [],
    }
