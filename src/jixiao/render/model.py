"""The view model: a report laid out as a document (title, sections, paragraphs, tables,
charts, signature) by an outline template. Every output (Word, PDF, HTML, Markdown) draws
this same view, so they say the same thing.

A report read from a document keeps its own words: its sections, mapped onto the template's
outline, with every paragraph as written (``jixiao.render.kept``); the template's computed
tables and charts come in addition. Only a report with no text of its own (built from a data
file) is written wholly by the template's wording. Either way the view lists its ``gaps``: the
places where a placeholder stands in for what the report does not say.

Numbering follows GB/T 9704-2012: level-1 headings 一、二、…, level-2 （一）（二）…, list
items 1．2．…; figures and tables are numbered 图1, 表1 … in document order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from jixiao.domain.report import Report, ReportKind
from jixiao.render import tables as table_views
from jixiao.render.chartdata import ChartSpec, chart_for
from jixiao.render.tables import Table
from jixiao.render.template import (
    Directive,
    Paragraph,
    SubHeading,
    Template,
    TemplateSection,
    template_for,
)
from jixiao.render.values import placeholder_values

_NUMERALS = "一二三四五六七八九十"
GAP_SECTION = "“{title}”：原报告中没有这一部分，已写入“{placeholder}”，请据实补充"
GAP_DATE = "落款日期：原报告没有写明成文日期，请补充"
GAP_UNIT = "落款单位：原报告没有写明落款单位，请补充"
TITLE_LINE_CHARS = 20  # 二号 (22 pt) characters on the 156 mm line of an A4 公文 page


@dataclass(frozen=True, slots=True)
class Heading:
    level: int  # 1 一、  2 （一）
    marker: str
    title: str

    @property
    def text(self) -> str:
        return f"{self.marker}{self.title}"


@dataclass(frozen=True, slots=True)
class Text:
    """A body paragraph (a list item carries its number in the text). ``tight``: in the
    report's own text it follows the paragraph before with no blank line between (a list's
    items, a form's lines), which Markdown keeps as one block of lines."""

    text: str
    tight: bool = False


@dataclass(frozen=True, slots=True)
class Chart:
    caption: str
    spec: ChartSpec


@dataclass(frozen=True, slots=True)
class TableBlock:
    table: Table
    caption: str | None  # "表1 部门整体支出绩效自评表" on the first table of a form


Block = Heading | Text | Chart | TableBlock


@dataclass(frozen=True, slots=True)
class Section:
    heading: Heading
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class DocumentView:
    title: str
    title_lines: tuple[str, ...]  # where a long title breaks (GB/T 9704: 回行词意完整)
    opening: tuple[Block, ...]
    sections: tuple[Section, ...]
    signature: tuple[str, ...]
    template: str
    kind: ReportKind
    # Where a placeholder stands in for what the report does not say, in Chinese, one a line
    # (shown to the unit before it downloads the document).
    gaps: tuple[str, ...] = ()

    def blocks(self) -> list[Block]:
        """Every block in reading order, section headings included."""
        out: list[Block] = []
        for section in self.sections:
            out.append(section.heading)
            out.extend(section.blocks)
        return out

    def charts(self) -> list[Chart]:
        return [b for b in self.blocks() if isinstance(b, Chart)]


def build_view(report: Report, outline: str | None = None) -> DocumentView:
    """The document for ``report`` on the template ``outline`` (default: see
    ``template_for``): the report's own text where it has one, else the template's wording."""
    # Imported here: kept builds on this module's blocks.
    from jixiao.render.kept import kept_view  # noqa: PLC0415
    from jixiao.render.source import read_source  # noqa: PLC0415

    template = template_for(report, outline)
    source = read_source(report)
    if source is None:
        return _Builder(report, template).build()
    builder = _Builder(report, template)
    signature = tuple(t for line in template.signature if (t := line.fill(builder.values)))
    view = kept_view(report, template, source, builder.values, signature)
    if len(view.title_lines) == 1:  # the report's one-line title, broken where it is long
        return replace(view, title_lines=title_lines(view.title, builder.values.get("单位")))
    if view.title_lines:
        return view
    title = template.document_title.fill(builder.values) or template.description
    return replace(view, title=title, title_lines=title_lines(title, builder.values.get("单位")))


def render_gaps(report: Report, outline: str | None = None) -> tuple[str, ...]:
    """What the rendered document fills with a placeholder because the report does not say
    it (a section it lacks, the 落款 date), in Chinese, one item a line; empty when nothing."""
    return build_view(report, outline).gaps


class _Builder:
    def __init__(self, report: Report, template: Template) -> None:
        self.report = report
        self.template = template
        self.values = placeholder_values(report)
        self.lists = _lists(report)
        self.figure_number = 0
        self.table_number = 0

    def build(self) -> DocumentView:
        template = self.template
        title = template.document_title.fill(self.values) or template.description
        opening = tuple(Text(text) for line in template.opening if (text := line.fill(self.values)))
        sections = tuple(
            self._section(index, section)
            for index, section in enumerate(template.sections, start=1)
        )
        signature = tuple(text for line in template.signature if (text := line.fill(self.values)))
        lines = title_lines(title, self.values.get("单位"))
        gaps = [
            GAP_SECTION.format(title=section.heading.title, placeholder=template_section.empty)
            for section, template_section in zip(sections, template.sections, strict=True)
            if section.blocks and section.blocks[-1] == Text(template_section.empty)
        ]
        if self.values.get("落款日期") is None:
            gaps.append(GAP_DATE)
        return DocumentView(
            title,
            lines,
            opening,
            sections,
            signature,
            template.name,
            self.report.kind,
            tuple(gaps),
        )

    def _section(self, index: int, section: TemplateSection) -> Section:
        groups: list[tuple[SubHeading | None, list[Block]]] = [(None, [])]
        for line in section.lines:
            if isinstance(line, SubHeading):
                groups.append((line, []))
            else:
                groups[-1][1].extend(self._blocks(line))
        blocks: list[Block] = []
        sub_number = 0
        for sub, content in groups:
            if not content:
                continue  # a sub-heading with nothing under it is left out
            if sub is not None:
                title = sub.text.fill(self.values)
                if title:
                    sub_number += 1
                    blocks.append(Heading(2, f"（{numeral(sub_number)}）", title))
            blocks.extend(content)
        if not any(isinstance(b, Text | Chart | TableBlock) for b in blocks):
            blocks.append(Text(section.empty))
        return Section(Heading(1, f"{numeral(index)}、", section.title), tuple(blocks))

    def _blocks(self, line: Paragraph | Directive) -> list[Block]:
        if isinstance(line, Paragraph):
            text = line.text.fill(self.values)
            return [Text(text)] if text else []
        caption = line.caption.fill(self.values) if line.caption else None
        if line.kind == "列表":
            items = self.lists.get(line.name, ())
            return [Text(f"{n}．{item}") for n, item in enumerate(items, start=1)]
        if line.kind == "表格":
            return self._tables(caption)
        spec = chart_for(self.report, line.name)
        if spec is None:
            return []
        self.figure_number += 1
        return [Chart(f"图{self.figure_number} {caption or line.name}", spec)]

    def _tables(self, caption: str | None) -> list[Block]:
        tables = table_views.self_evaluation(self.report)
        if not tables:
            return []
        self.table_number += 1
        label = f"表{self.table_number} {caption}" if caption else f"表{self.table_number}"
        return [
            TableBlock(table, label if index == 0 else None) for index, table in enumerate(tables)
        ]


def title_lines(title: str, unit: str | None) -> tuple[str, ...]:
    """A title too long for one line breaks after the unit's name, so that each line is a
    whole phrase ("青峰县第二中学 / 2023年度项目支出绩效自评报告") and the kind of report
    stays on one line for whoever reads it back."""
    if len(title) <= TITLE_LINE_CHARS or not unit or not title.startswith(unit):
        return (title,)
    rest = title[len(unit) :]
    return (unit, rest) if rest else (title,)


def _lists(report: Report) -> dict[str, Sequence[str]]:
    performance = report.performance
    return {
        "职责": report.profile.duties,
        "绩效成效": [a.text for a in performance.achievements],
        "问题": performance.problems,
        "建议": performance.suggestions,
        "结论": performance.conclusions,
    }


def numeral(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三."""
    if number <= 10:
        return _NUMERALS[number - 1]
    tens, units = divmod(number, 10)
    prefix = "" if tens == 1 else _NUMERALS[tens - 1]
    return f"{prefix}十{_NUMERALS[units - 1] if units else ''}"
