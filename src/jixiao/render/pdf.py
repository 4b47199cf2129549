"""The report as PDF, compiled from a generated Typst source by the ``typst`` package.

The layout follows the Word file (GB/T 9704-2012 page, margins, 28 pt lines, two-character
indent, "— 1 —" page numbers at the outer side). Fonts come from the ``pylopdf-fonts-zh-cn``
package (Noto Serif SC for text, Noto Sans SC for the title and level-1 headings, standing in
for 小标宋 and 黑体); Typst embeds the subsets it uses, and system fonts are ignored, so the
result is the same on every machine and needs no system package. Charts are SVG (vector).

Report text never becomes Typst markup: every piece of it is passed as a string literal
(``#p("…")``), where only ``\\`` and ``"`` need escaping.
"""

from __future__ import annotations

import functools
import re
import threading

import typst

from jixiao.domain.report import Report
from jixiao.render import fonts
from jixiao.render.charts import chart_svg
from jixiao.render.model import Chart, DocumentView, Heading, TableBlock, Text, build_view
from jixiao.render.tables import Table

_PREAMBLE = """
#set document(title: {title})
#set page(
  paper: "a4",
  margin: (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm),
  footer-descent: 7mm,
  footer: context {{
    let n = counter(page).get().first()
    let number = text(font: "{serif}", size: 14pt)[— #n —]
    if calc.odd(n) {{ align(right, pad(right: 1em, number)) }}
    else {{ align(left, pad(left: 1em, number)) }}
  }},
)
#set text(
  font: "{serif}", size: 16pt, lang: "zh", region: "cn",
  top-edge: 1em, bottom-edge: 0em, cjk-latin-spacing: none,
)
#set par(first-line-indent: (amount: 2em, all: true), leading: 12pt, spacing: 12pt, justify: true)
#show table: set par(first-line-indent: (amount: 0pt, all: true), justify: false, leading: 4pt)
#show table: set text(size: 10.5pt)
#let p(body) = par(body)
// A paragraph that states a chart's figures stays on the page of its chart.
#let kept(body) = block(sticky: true, above: 12pt, below: 12pt, par(body))
#let title(body) = block(below: 28pt, width: 100%, {{
  set align(center)
  set par(first-line-indent: (amount: 0pt, all: false), justify: false, leading: 10pt)
  text(font: "{sans}", size: 22pt, body)
}})
#let h1(body) = block(sticky: true, above: 12pt, below: 12pt, par(text(font: "{sans}", body)))
#let h2(body) = block(sticky: true, above: 12pt, below: 12pt, par(body))
#let caption(body) = block(sticky: true, above: 12pt, below: 6pt, width: 100%, {{
  set align(center)
  set par(first-line-indent: (amount: 0pt, all: false))
  text(font: "{sans}", size: 14pt, body)
}})
#let chart(svg, body) = block(above: 12pt, below: 12pt, breakable: false, width: 100%, {{
  set align(center)
  set par(first-line-indent: (amount: 0pt, all: false))
  image(bytes(svg), format: "svg", width: 100%)
  text(font: "{sans}", size: 14pt, body)
}})
#let signature(body) = block(width: 100%, {{
  set align(right)
  set par(first-line-indent: (amount: 0pt, all: false))
  pad(right: 2em, body)
}})
"""

_LOCK = threading.Lock()
_UNBROKEN = re.compile(r"[\x21-\x7e%‰—]+")  # a figure or a mark: no Chinese, no spaces
_INNER_MARK = re.compile(r"[^\s][。！？；：:!?;]+[^\s]")
# Table cells: 10.5 pt text; a Chinese character is 1 em wide, a figure's character at most
# 0.6 em (Noto Serif); 4 pt insets on each side and the rule between.
_TABLE_PT = 10.5
_SMALLEST_SCALE = 8 / _TABLE_PT
_CJK_PT = 10.5
_ASCII_PT = 6.3
_CELL_INSETS_PT = 9.0
_TEXT_WIDTH_PT = 156 / 25.4 * 72  # 156 mm
_WRAP_PT = 12 * _CJK_PT


def render_pdf(report: Report, outline: str | None = None) -> bytes:
    return view_pdf(build_view(report, outline))


def pdf_bytes(report: Report, outline: str | None = None) -> bytes:
    return render_pdf(report, outline)


def view_pdf(view: DocumentView) -> bytes:
    source = typst_source(view)
    with _LOCK:  # one compiler, loaded fonts and all; it is not meant for two threads at once
        result = _typst().compile(source.encode("utf-8"), format="pdf", timestamp=0)
    if not isinstance(result, bytes):
        raise TypeError("typst returned no PDF")
    return result


def typst_source(view: DocumentView) -> str:
    """The Typst source of the document (also useful to inspect or to edit by hand)."""
    out = [
        _PREAMBLE.format(
            title=literal(view.title), serif=fonts.SERIF_FAMILY, sans=fonts.SANS_FAMILY
        ),
        f"#title({{{' ; linebreak() ; '.join(literal(line) for line in view.title_lines)}}})",
    ]
    blocks = [*view.opening, *view.blocks()]
    for block, following in zip(blocks, [*blocks[1:], None], strict=True):
        if isinstance(block, Text) and isinstance(following, Chart):
            out.append(f"#kept({paragraph_content(block.text)})")
        else:
            out.append(_block(block))
    if view.signature:
        out.append("#v(28pt)")
        out += [f"#signature({literal(line)})" for line in view.signature]
    return "\n".join(out) + "\n"


def literal(text: str) -> str:
    """A Typst string literal holding ``text`` exactly (no markup, no code)."""
    escaped = (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    return f'"{escaped}"'


def _block(block: Heading | Text | Chart | TableBlock) -> str:
    if isinstance(block, Heading):
        return f"#h{block.level}({literal(block.text)})"
    if isinstance(block, Text):
        return f"#p({paragraph_content(block.text)})"
    if isinstance(block, Chart):
        return f"#chart({literal(chart_svg(block.spec))}, {literal(block.caption)})"
    lines = [f"#caption({literal(block.caption)})"] if block.caption else []
    lines.append(_table(block.table))
    return "\n".join(lines)


def paragraph_content(text: str) -> str:
    """A paragraph's text as Typst content in which no line ends with a sentence mark
    (。；： …) except the paragraph's last: each mark is boxed with the characters around
    it. A reader of the PDF takes a line that ends with a sentence mark for a paragraph's end
    (as it must, where paragraphs are not spaced apart), and would cut the paragraph there."""
    parts = []
    position = 0
    for found in _INNER_MARK.finditer(text):
        if found.start() > position:
            parts.append(literal_content(text[position : found.start()]))
        parts.append(f"#box({literal(found.group())})")
        position = found.end()
    if position == 0:
        return literal(text)
    if position < len(text):
        parts.append(literal_content(text[position:]))
    return "[" + "".join(parts) + "]"


def _table(table: Table) -> str:
    cells = [_cell_content(text) for text in table.columns]
    # A computed table's header repeats on each page; a report's own table has no header
    # row jixiao knows of (its first row may be any row of a form).
    header = ", ".join(cells) if table.key == "source" else f"table.header({', '.join(cells)})"
    rows = [
        ", ".join(
            f"table.cell(align: {'center' if c.is_numeric or len(c.text) <= 8 else 'left'})"
            f"{_cell_content(c.text)}"
            for c in row
        )
        for row in table.rows
    ]
    body = ",\n  ".join([header, *rows])
    widths, scale = _widths(table)
    written = (
        f"#table(columns: {widths}, stroke: 0.5pt, inset: 4pt, "
        f"align: center + horizon,\n  {body},\n)"
    )
    if scale >= 1:
        return written
    # A table too wide for the line at 10.5 pt is set smaller (down to 8 pt), not cut.
    return f"#[\n#set text(size: {_TABLE_PT * scale:.2f}pt)\n{written}\n]"


def _cell_content(text: str) -> str:
    """A cell's content; a figure ("486320.50", "98.63%") in a box, which no line breaks:
    a figure broken over two lines reads back as two."""
    if text and _UNBROKEN.fullmatch(text):
        return f"[#box({literal(text)})]"
    return f"[{literal_content(text)}]"


def _widths(table: Table) -> tuple[str, float]:
    """Column widths in points that fill the text width: each column gets at least its
    longest figure (which never breaks) and three characters of text, and the rest of the line
    goes to the columns with longer text, in proportion to what they lack."""
    texts = [list(table.columns), *([c.text for c in row] for row in table.rows)]
    columns = list(zip(*texts, strict=True))
    least = [max(_least_width(text) for text in column) for column in columns]
    scale = max(_SMALLEST_SCALE, min(1.0, _TEXT_WIDTH_PT / sum(least)))
    least = [w * scale for w in least]
    # A long text asks for no more than a dozen characters' width: it wraps in any case.
    wanted = [
        max(min(max(_text_width(text) for text in column) * scale, w + _WRAP_PT * scale), w)
        for column, w in zip(columns, least, strict=True)
    ]
    spare = _TEXT_WIDTH_PT - sum(least)
    lacking = sum(w - m for w, m in zip(wanted, least, strict=True))
    if spare <= 0 or lacking <= 0:
        widths = wanted if sum(wanted) <= _TEXT_WIDTH_PT else least
    else:
        share = min(1.0, spare / lacking)
        widths = [m + (w - m) * share for w, m in zip(wanted, least, strict=True)]
    return "(" + ", ".join(f"{w:.1f}pt" for w in widths) + ",)", scale


def _text_width(text: str) -> float:
    """The width of ``text`` on one line of a cell, insets included."""
    return _CELL_INSETS_PT + sum(_ASCII_PT if ord(ch) < 0x2E80 else _CJK_PT for ch in text)


def _least_width(text: str) -> float:
    """What a cell cannot do without: its longest figure whole, else three characters."""
    figures = list(_UNBROKEN.findall(text)) if text else []
    longest = max((len(run) for run in figures), default=0)
    return _CELL_INSETS_PT + max(
        longest * _ASCII_PT, min(_text_width(text) - _CELL_INSETS_PT, 3 * _CJK_PT)
    )


def literal_content(text: str) -> str:
    """Content holding ``text``: a string literal inside a content block."""
    return f"#{literal(text)}"


@functools.cache
def _typst() -> typst.Compiler:
    """The one compiler, made on first use: the font files are read once."""
    return typst.Compiler(font_paths=[str(fonts.font_directory())], ignore_system_fonts=True)
