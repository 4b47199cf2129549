"""The document view of an uploaded report: the unit's own words on the outline (issue 13).

The report's level-1 sections (``jixiao.render.source``) are mapped onto the template's
sections by their titles (the outline's accepted variants, or the template's title); each
mapped section keeps every paragraph as written, its level-2 headings and its tables. A source
section that fits no template section stays, under its own title, right after the section
that precedes it in the source. A template section the source lacks gets the template's
placeholder, and is listed among the view's gaps, as is a missing 落款 date.

The template's computed tables and charts come in addition: each is placed right after the
paragraph that states its figures (the evidence of the last of them), so that a chart stays
with its text; where that paragraph is not kept, at the end of the section the template names.
The computed 自评表 is left out when the source has its own (its figures sit in a table).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from jixiao.domain.outlines import outline_by_name
from jixiao.domain.report import Report
from jixiao.render import tables as table_views
from jixiao.render.chartdata import ChartSpec, chart_for
from jixiao.render.model import (
    GAP_DATE,
    GAP_SECTION,
    GAP_UNIT,
    Block,
    Chart,
    DocumentView,
    Heading,
    Section,
    TableBlock,
    Text,
    numeral,
)
from jixiao.render.source import Line, SourceSection, SourceText
from jixiao.render.tables import Cell, Table
from jixiao.render.template import Directive, Template

_SENTENCE_ENDS = ("。", "！", "？", "；", "…", ".", ";")


@dataclass
class _Part:
    """A section being built: its heading title and its blocks with their source spans."""

    title: str
    template_index: int | None  # None: a source section that fits no template section
    items: list[tuple[Block, int, int]] = field(default_factory=list)  # block, start, end
    extra: list[Block] = field(default_factory=list)  # computed blocks placed at the end


@dataclass(frozen=True, slots=True)
class _Addition:
    """A computed chart or table, and the offset of the figure it is to follow."""

    blocks: tuple[Block, ...]
    anchor: int | None
    template_index: int


def kept_view(
    report: Report,
    template: Template,
    source: SourceText,
    values: Mapping[str, str | None],
    signature: tuple[str, ...],
) -> DocumentView:
    """``values`` fill the template's captions; ``signature`` is the template's filled 落款,
    used when the source has none."""
    parts = _parts(template, source)
    opening = _Part("", None, _items(source.opening))
    for addition in _additions(report, template, values):
        _place(addition, [opening, *parts])
    gaps: list[str] = []
    sections = []
    for index, part in enumerate(parts, start=1):
        blocks = [block for block, _, _ in part.items]
        if not part.items and part.template_index is not None:
            placeholder = template.sections[part.template_index].empty
            blocks.append(Text(placeholder))
            gaps.append(GAP_SECTION.format(title=part.title, placeholder=placeholder))
        blocks += part.extra
        heading = Heading(1, f"{numeral(index)}、", part.title)
        sections.append(Section(heading, tuple(blocks)))
    kept_signature = tuple(line.text for line in source.signature)
    if not kept_signature:
        kept_signature = signature
        if not report.profile.signed_on:
            gaps.append(GAP_DATE)
        if not signature:
            gaps.append(GAP_UNIT)
    title_lines = tuple(line.text for line in source.title)
    opening_blocks = tuple(b for b, _, _ in opening.items) + tuple(opening.extra)
    sections, opening_blocks = _numbered(sections, opening_blocks)
    return DocumentView(
        title="".join(title_lines),
        title_lines=title_lines,
        opening=opening_blocks,
        sections=tuple(sections),
        signature=kept_signature,
        template=template.name,
        kind=report.kind,
        gaps=tuple(gaps),
    )


# ------------------------------------------------------------------------------------ mapping


def _parts(template: Template, source: SourceText) -> list[_Part]:
    """Template sections in order, each with the first source section that fits it; source
    sections that fit none (or a section already taken) right after their predecessor's."""
    taken: dict[int, SourceSection] = {}
    after: dict[int, list[SourceSection]] = {}  # template index (-1: before all) → strays
    last = -1
    for section in source.sections:
        index = _match(template, section.title)
        if index is not None and index not in taken:
            taken[index] = section
            last = index
        else:
            after.setdefault(last, []).append(section)
    parts = [_Part(s.title, None, _items(s.lines)) for s in after.get(-1, [])]
    for index, template_section in enumerate(template.sections):
        kept = taken.get(index)
        if kept is None:
            parts.append(_Part(template_section.title, index))
        else:
            parts.append(_Part(kept.title, index, _items(kept.lines)))
        parts += [_Part(s.title, None, _items(s.lines)) for s in after.get(index, [])]
    return parts


def _match(template: Template, title: str) -> int | None:
    """The template section a source heading's title fills: the same title, else one of the
    outline's accepted variants, else one title containing the other."""
    key = _normalise(title)
    if not key:
        return None
    for index, section in enumerate(template.sections):
        if _normalise(section.title) == key:
            return index
    outline = outline_by_name(template.outline) if template.outline else None
    if outline is not None:
        for index, section in enumerate(template.sections):
            required = next((s for s in outline.sections if s.title == section.title), None)
            if required is not None and required.matches(title):
                return index
    for index, section in enumerate(template.sections):
        other = _normalise(section.title)
        if other in key or key in other:
            return index
    return None


def _normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] not in "PSZC")


# ------------------------------------------------------------------------------------- blocks


def _items(lines: Sequence[Line]) -> list[tuple[Block, int, int]]:
    """Paragraphs as blocks; a whole-line level-2 heading as a heading; a run of pipe rows as
    one table."""
    items: list[tuple[Block, int, int]] = []
    run: list[Line] = []

    def flush() -> None:
        if run:
            items.append((source_table(run), run[0].start, run[-1].end))
            run.clear()

    for line in lines:
        if line.is_table_row:
            run.append(line)
            continue
        flush()
        if line.heading is not None:
            items.append((Heading(2, *line.heading), line.start, line.end))
        else:
            items.append((Text(line.text, tight=not line.after_blank), line.start, line.end))
    flush()
    return items


def source_table(rows: Sequence[Line]) -> TableBlock:
    """Pipe rows as a table (ragged rows padded with empty cells); the rows as written are
    kept for Markdown, which writes them back unchanged."""
    cells = [[c.strip() for c in row.text[1:-1].split("|")] for row in rows]
    width = max(len(r) for r in cells)
    padded = [r + [""] * (width - len(r)) for r in cells]
    table = Table(
        columns=tuple(padded[0]),
        rows=tuple(tuple(Cell(text) for text in r) for r in padded[1:]),
        key="source",
        source_rows=tuple(row.text for row in rows),
    )
    return TableBlock(table, None)


# ---------------------------------------------------------------------- computed, in addition


def _additions(
    report: Report, template: Template, values: Mapping[str, str | None]
) -> list[_Addition]:
    out = []
    for index, section in enumerate(template.sections):
        for line in section.lines:
            if not isinstance(line, Directive) or line.kind == "列表":
                continue
            caption = (line.caption.fill(values) if line.caption else None) or line.name
            if line.kind == "图表":
                spec = chart_for(report, line.name)
                if spec is not None:
                    anchor = _chart_anchor(report, spec)
                    out.append(_Addition((Chart(caption, spec),), anchor, index))
            elif not report.performance.indicators:  # the source's own 自评表 stays alone
                tables = table_views.self_evaluation(report)
                if tables:
                    blocks = tuple(
                        TableBlock(t, caption if n == 0 else None) for n, t in enumerate(tables)
                    )
                    out.append(_Addition(blocks, _budget_anchor(report), index))
    return out


def _place(addition: _Addition, parts: Sequence[_Part]) -> None:
    anchor = addition.anchor
    if anchor is not None:
        for part in parts:
            for position, (block, start, end) in enumerate(part.items):
                if start <= anchor < end:
                    if isinstance(block, TableBlock) and not any(
                        isinstance(b, Chart) for b in addition.blocks
                    ):
                        return  # the figures stand in the source's own table already
                    if isinstance(block, Text) and not block.text.endswith(_SENTENCE_ENDS):
                        break  # a fragment of a flattened table: not a place for a chart
                    insert = position + 1
                    while insert < len(part.items) and _is_computed(part.items[insert][0]):
                        insert += 1
                    for offset, added in enumerate(addition.blocks):
                        part.items.insert(insert + offset, (added, end, end))
                    return
    for part in parts:
        if part.template_index == addition.template_index:
            part.extra.extend(addition.blocks)
            return


def _is_computed(block: Block) -> bool:
    return isinstance(block, Chart) or (
        isinstance(block, TableBlock) and block.table.key != "source"
    )


def _chart_anchor(report: Report, spec: ChartSpec) -> int | None:
    spending, three = report.spending, report.three_public
    if spec.key == "functional":
        stated = [item.amount for item in spending.functional]
    elif spec.key == "basic-project":
        stated = [s for s in (spending.basic, spending.project) if s is not None]
    else:
        stated = [
            s
            for s in (
                three.total,
                three.overseas,
                three.vehicle,
                three.vehicle_purchase,
                three.vehicle_operation,
                three.reception,
            )
            if s is not None
        ]
    return _last_start(e.evidence.start for e in stated)


def _budget_anchor(report: Report) -> int | None:
    budget = report.budget
    stated = [budget.initial, budget.adjusted, budget.executed, budget.execution_rate]
    return _last_start(s.evidence.start for s in stated if s is not None)


def _last_start(starts: Iterable[int]) -> int | None:
    return max(starts, default=None)


# ------------------------------------------------------------------------------- numbering


def _numbered(
    sections: list[Section], opening: tuple[Block, ...]
) -> tuple[list[Section], tuple[Block, ...]]:
    """Computed charts and tables numbered 图1、表1 … in reading order."""
    counters = {"figure": 0, "table": 0}

    def number(blocks: Sequence[Block]) -> tuple[Block, ...]:
        out: list[Block] = []
        for block in blocks:
            numbered = block
            if isinstance(block, Chart):
                counters["figure"] += 1
                numbered = Chart(f"图{counters['figure']} {block.caption}", block.spec)
            elif isinstance(block, TableBlock) and block.caption:
                counters["table"] += 1
                numbered = TableBlock(block.table, f"表{counters['table']} {block.caption}")
            out.append(numbered)
        return tuple(out)

    numbered_opening = number(opening)
    return [Section(s.heading, number(s.blocks)) for s in sections], numbered_opening
