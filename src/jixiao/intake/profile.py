"""Who and when: the unit's name, the report year, the kind of report, the signature."""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.intake.document_sense import document_kind, report_year

_DATE_LINE = re.compile(r"^\s*(20\d{2})年(\d{1,2})月(\d{1,2})日\s*$")
# A repost's first line may be the file's name: "…自评报告.pdf".
_TITLE = re.compile(r"(?:说明|报告|表|情况)(?:[(（][^)）]*[)）])?(?:\.(?:pdf|docx?|xlsx?|wps))?$")
_UNIT_SUFFIX = (
    r"(?:人民政府|委员会|政协|局|办公室|中心|站|所|院|学校|中学|小学|幼儿园|医院|卫生院"
    r"|队|馆|社|厅|部|委|会|处|室|街道办事处|政府)"
)
# "某县民政局2024年…" and, on reposted pages, "某县民政局 2024年…".
_UNIT_BEFORE_YEAR = re.compile(
    rf"^(?P<name>[\u4e00-\u9fff()（）]{{2,40}}?{_UNIT_SUFFIX})\s*(?:20\d{{2}}年)"
)
# The year first: "2021年某市发展和改革局部门整体支出绩效自评报告".
_UNIT_AFTER_YEAR = re.compile(
    rf"^20\d{{2}}\s*年度?(?P<name>[\u4e00-\u9fff()（）]{{2,40}}?{_UNIT_SUFFIX})"
    r"(?=部门|单位|整体|决算|预算|项目|绩效)"
)
_UNIT_CELL = re.compile(
    rf"(?:预算部门、单位名称|部门[(（]单位[)）]名称|单位名称|部门名称|预算单位|填报单位|实施单位"
    rf"|(?<!主管)部门)"
    rf"[:：|\s]+(?P<name>[\u4e00-\u9fff()（）]{{2,30}}?{_UNIT_SUFFIX})(?=[\s|]|$)",
    re.MULTILINE,
)
# The sentence that hands the report over: "现将2024年某县民政局…绩效自评报告如下".
# Both need a place before the office: a bare "区卫生健康局", "财政局" or a site's own name is
# not the unit's name.
_PLACED = r"[^\W\d_省市县区州]\w{0,9}?(?:省|市|县|区|州|盟|旗|镇|乡)[\u4e00-\u9fff()（）]{1,30}?"
_UNIT_HANDED_OVER = re.compile(
    rf"现将20\d{{2}}\s*年度?(?P<name>{_PLACED}{_UNIT_SUFFIX})"
    r"[\u4e00-\u9fff（）()、]{0,60}?报告如下"
)
# A government site's publisher line: "来源：某县民政局", "信息来源:…", "发布机构：…".
_UNIT_PUBLISHER = re.compile(
    rf"(?:信息来源|来源|发布机构)[:：]\s*(?P<name>{_PLACED}{_UNIT_SUFFIX})"
    r"(?=[\s|，,。]|文字|时间|发布|浏览|$)",
    re.MULTILINE,
)
# Publishers that run the portal or the paper, not the unit that reports: a county's or a
# district's government, a media centre.
_PORTAL = re.compile(r"(?:[市县区]人民政府|融媒体中心|新闻中心|报社|电视台)$")
_UNIT_LINE = re.compile(rf"^[\u4e00-\u9fff()（）]{{2,30}}{_UNIT_SUFFIX}$")


@dataclass(frozen=True, slots=True)
class Profile:
    unit_name: tuple[str, int, int] | None
    year: int | None
    kind: str
    signing_unit: str | None
    signed_on: str | None


def read_profile(text: str) -> Profile:
    lines = text.split("\n")
    title = _title(lines)
    kind = document_kind(text)
    year = report_year(text, title[0] if title else None, kind)
    signing_unit, signed_on = _signature(lines)
    return Profile(_unit_name(text, title, signing_unit), year, kind, signing_unit, signed_on)


def _title(lines: list[str]) -> tuple[str, int] | None:
    """The first short line that names a report (within the first few lines)."""
    offset = 0
    for line in lines[:15]:
        stripped = line.strip()
        if (
            8 <= len(stripped) <= 60
            and _TITLE.search(stripped)
            and not any(mark in stripped for mark in "|:：")
        ):
            return stripped, offset + line.index(stripped)
        offset += len(line) + 1
    return None


def _signature(lines: list[str]) -> tuple[str | None, str | None]:
    """A unit name on the line before a date line at the end of the report."""
    tail = [line.strip() for line in lines if line.strip()][-4:]
    for index, line in enumerate(tail):
        date = _DATE_LINE.match(line)
        if date and index > 0 and _UNIT_LINE.match(tail[index - 1]):
            iso = f"{date.group(1)}-{int(date.group(2)):02d}-{int(date.group(3)):02d}"
            return tail[index - 1], iso
    return None, None


def _unit_name(
    text: str, title: tuple[str, int] | None, signing_unit: str | None
) -> tuple[str, int, int] | None:
    if title:
        found = _UNIT_BEFORE_YEAR.match(title[0])
        if found:
            start = title[1]
            return found.group("name"), start, start + len(found.group("name"))
    if signing_unit:
        position = text.rfind(signing_unit)
        return signing_unit, position, position + len(signing_unit)
    first = text.lstrip().split("\n", 1)[0].strip()
    if _UNIT_LINE.match(first):
        position = text.index(first)
        return first, position, position + len(first)
    cell = _UNIT_CELL.search(text[:3000])
    if cell:
        return cell.group("name"), cell.start("name"), cell.end("name")
    # Last, a title with the year first: a labelled name is the fuller one where both are given.
    found = _UNIT_AFTER_YEAR.match(title[0]) if title else None
    if found and title:
        start = title[1] + found.start("name")
        return found.group("name"), start, start + len(found.group("name"))
    handed = _UNIT_HANDED_OVER.search(text[:3000])
    if handed:
        return handed.group("name"), handed.start("name"), handed.end("name")
    for match in _UNIT_PUBLISHER.finditer(text[:3000]):
        if not _PORTAL.search(match.group("name")):
            return match.group("name"), match.start("name"), match.end("name")
    return None
