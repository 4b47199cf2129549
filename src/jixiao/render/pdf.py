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
_AUTO_WIDTH = 12  # half-width units: a column no wider than this is sized to its content


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
    header = f"table.header({', '.join(cells)})"
    rows = [
        ", ".join(
            f"table.cell(align: {'center' if c.is_numeric or len(c.text) <= 8 else 'left'})"
            f"{_cell_content(c.text)}"
            for c in row
        )
        for row in table.rows
    ]
    body = ",\n  ".join([header, *rows])
    return (
        f"#table(columns: {_widths(table)}, stroke: 0.5pt, inset: 4pt, "
        f"align: center + horizon,\n  {body},\n)"
    )


def _cell_content(text: str) -> str:
    """A cell's content; a figure ("486320.50", "98.63%") in a box, which no line breaks:
    a figure broken over two lines reads back as two."""
    if text and _UNBROKEN.fullmatch(text):
        return f"[#box({literal(text)})]"
    return f"[{literal_content(text)}]"


def _widths(table: Table) -> str:
    """A column of short cells (figures, 指标性质, 分值) is as wide as its widest cell; the
    others share the rest in proportion to their longest text, so that a long indicator name
    wraps and a figure never does."""
    longest = [_display_width(name) for name in table.columns]
    for row in table.rows:
        longest = [
            max(width, _display_width(cell.text)) for width, cell in zip(longest, row, strict=True)
        ]
    return (
        "(" + ", ".join("auto" if w <= _AUTO_WIDTH else f"{min(w, 40)}fr" for w in longest) + ",)"
    )


def _display_width(text: str) -> int:
    """Half-width units: a Chinese character counts two."""
    return sum(1 if ord(ch) < 0x2E80 else 2 for ch in text)


def literal_content(text: str) -> str:
    """Content holding ``text``: a string literal inside a content block."""
    return f"#{literal(text)}"


@functools.cache
def _typst() -> typst.Compiler:
    """The one compiler, made on first use: the font files are read once."""
    return typst.Compiler(font_paths=[str(fonts.font_directory())], ignore_system_fonts=True)
