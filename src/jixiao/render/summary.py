"""A summary document made of plain tables: the finance bureau's city-wide report on a
campaign (counts by state, grades, the ranking, spending by 功能分类, 三公, findings).

The caller gathers the figures; this module lays them out as the same ``DocumentView`` the
reports use, so the summary gets the reports' Word and PDF writers, page setup and numbering.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.report import ReportKind
from jixiao.render.docx import view_docx
from jixiao.render.model import DocumentView, Heading, Section, TableBlock, Text, title_lines
from jixiao.render.pdf import view_pdf
from jixiao.render.tables import Cell, Table

Value = str | int | Decimal | None
_NUMERALS = "一二三四五六七八九十"
_EMPTY = "—"


@dataclass(frozen=True, slots=True)
class SummaryPart:
    """One numbered section: a heading, optional paragraphs, and a table when it has rows."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Summary:
    title: str
    opening: tuple[str, ...]
    parts: tuple[SummaryPart, ...]
    signature: tuple[str, ...] = ()
    empty_note: str = "本部分暂无数据。"


def summary_view(summary: Summary) -> DocumentView:
    """The summary as a document view, sections numbered 一、二、… and tables 表1、表2 …"""
    sections = []
    table_number = 0
    for index, part in enumerate(summary.parts, start=1):
        blocks: list[Text | TableBlock] = [Text(note) for note in part.notes]
        if part.rows:
            table_number += 1
            table = Table(columns=part.columns, rows=tuple(_row(r) for r in part.rows))
            blocks.append(TableBlock(table=table, caption=f"表{table_number} {part.title}"))
        elif not part.notes:
            blocks.append(Text(summary.empty_note))
        heading = Heading(level=1, marker=f"{_numeral(index)}、", title=part.title)
        sections.append(Section(heading=heading, blocks=tuple(blocks)))
    return DocumentView(
        title=summary.title,
        title_lines=title_lines(summary.title, None),
        opening=tuple(Text(line) for line in summary.opening),
        sections=tuple(sections),
        signature=summary.signature,
        template="summary",
        kind=ReportKind.UNKNOWN,
    )


def summary_docx(summary: Summary) -> bytes:
    return view_docx(summary_view(summary))


def summary_pdf(summary: Summary) -> bytes:
    return view_pdf(summary_view(summary))


def _row(values: tuple[Value, ...]) -> tuple[Cell, ...]:
    return tuple(_cell(v) for v in values)


def _cell(value: Value) -> Cell:
    """A Decimal prints with two places (万元, 分, %), an int as a count, None as a dash."""
    if value is None:
        return Cell(text=_EMPTY)
    if isinstance(value, bool):  # bool is an int; never meant as a count here
        return Cell(text="是" if value else "否")
    if isinstance(value, int):
        return Cell(text=str(value), number=Decimal(value), kind="number")
    if isinstance(value, Decimal):
        shown = value.quantize(Decimal("0.01"))
        return Cell(text=f"{shown:,.2f}", number=shown, kind="money", places=2)
    return Cell(text=value)


def _numeral(number: int) -> str:
    if number <= 10:
        return _NUMERALS[number - 1]
    tens, units = divmod(number, 10)
    prefix = "" if tens == 1 else _NUMERALS[tens - 1]
    return f"{prefix}十{_NUMERALS[units - 1] if units else ''}"
