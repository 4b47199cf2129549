"""The report as Markdown (CommonMark with pipe tables).

The title and the level-1 headings are setext headings (underlined with = and -), so that a
heading line itself reads "一、部门概况" exactly as in the official text; a level-2 heading is a
line of its own, "（一）**单位基本情况**", for the same reason. Charts are not drawn in
Markdown: their caption stays, as a note. Text from the report is escaped so that it cannot
turn into markup.
"""

from __future__ import annotations

import re

from jixiao.domain.report import Report
from jixiao.render.model import Block, Chart, DocumentView, Heading, TableBlock, Text, build_view
from jixiao.render.tables import Table

# Brackets make a link only as [text](…), [text][…] or a definition [label]: …; a bracket
# anywhere else ("常财绩（[2021]54号）") is left as the report wrote it.
_INLINE_SPECIAL = re.compile(r"([\\`*_<|]|\[(?=[^\]]*\][(\[:])|\](?=[(\[:]))")
# In a paragraph a "|" is text: a table needs its delimiter row on the very next line, and
# paragraphs here are separated by blank lines (a flattened table row stays as written).
_PARAGRAPH_SPECIAL = re.compile(r"([\\`*_<]|\[(?=[^\]]*\][(\[:])|\](?=[(\[:]))")
# At a line start: a heading, a quote, a list item, a rule or a setext underline.
_LINE_START = re.compile(r"^(\s*)([#>]|[+\-=](?=[\s+\-=]|$))")
_ORDERED = re.compile(r"^(\s*\d{1,9})([.)])(?=\s|$)")


def render_markdown(report: Report, outline: str | None = None) -> str:
    return view_markdown(build_view(report, outline))


def view_markdown(view: DocumentView) -> str:
    lines: list[str] = [escape(view.title), "=" * _width(view.title), ""]
    previous: Block | None = None
    for block in [*view.opening, *view.blocks()]:
        if isinstance(block, Text) and block.tight and isinstance(previous, Text):
            # The line after the one before, as in the report (no blank line between): one
            # block of lines, each ended by a hard line break (two trailing spaces).
            lines[-2:] = [f"{lines[-2]}  "]
        lines += _block(block)
        previous = block
    if view.signature:
        # Two trailing spaces end a line without ending the paragraph (a hard line break).
        lines += [
            *(f"{escape(line)}  " for line in view.signature[:-1]),
            escape(view.signature[-1]),
        ]
        lines.append("")
    return "\n".join(lines)


def escape(text: str) -> str:
    """A paragraph that Markdown shows as it is: inline markup characters and line-start
    markers are backslash-escaped."""
    escaped = _PARAGRAPH_SPECIAL.sub(r"\\\1", text)
    escaped = _ORDERED.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", escaped)
    return _LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", escaped)


def escape_inline(text: str) -> str:
    """Text inside a line (a table cell): only inline markup characters are escaped (within a
    source table row the cell separators are split off first)."""
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def _block(block: Heading | Text | Chart | TableBlock) -> list[str]:
    if isinstance(block, Heading):
        if block.level == 1:
            return [escape(block.text), "-" * _width(block.text), ""]
        # Not "###": a reader of the text must still see the line start with （一）.
        return [f"{escape(block.marker)}**{escape_inline(block.title)}**", ""]
    if isinstance(block, Text):
        return [escape(block.text), ""]
    if isinstance(block, Chart):
        return [f"*{escape(block.caption)}*（图表见 Word、PDF 或网页版）", ""]
    lines = [escape(block.caption), ""] if block.caption else []
    return [*lines, *table_lines(block.table), ""]


def table_lines(table: Table) -> list[str]:
    if table.source_rows:
        return _source_table_lines(table)

    def row(cells: list[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    lines = [row([escape_inline(c) for c in table.columns])]
    lines.append(
        row(["---:" if _numeric_column(table, i) else "---" for i in range(len(table.columns))])
    )
    lines += [row([escape_inline(cell.text) for cell in cells]) for cells in table.rows]
    return lines


def _source_table_lines(table: Table) -> list[str]:
    """The report's own pipe rows as written (cell text escaped, spacing kept), the first as
    the header."""
    rows = ["|".join(escape_inline(cell) for cell in row.split("|")) for row in table.source_rows]
    delimiter = "|" + "|".join("---" for _ in table.columns) + "|"
    return [rows[0], delimiter, *rows[1:]]


def _numeric_column(table: Table, index: int) -> bool:
    return any(cells[index].is_numeric for cells in table.rows)


def _width(text: str) -> int:
    # Setext underlines need no exact length; about the display width reads best.
    return max(3, 2 * len(text))


def markdown_bytes(report: Report, outline: str | None = None) -> bytes:
    return render_markdown(report, outline).encode("utf-8")
