"""The report as HTML: a self-contained fragment for the web application, and a full page.

The fragment is one ``<article class="jixiao-report">`` with its own scoped style sheet and the
charts as inline SVG (text drawn as paths), so it needs no other file and no font; the page
wraps it in a complete HTML5 document. Every piece of report text is HTML-escaped.
"""

from __future__ import annotations

import re
from html import escape

from jixiao.domain.report import Report
from jixiao.render.charts import chart_svg
from jixiao.render.model import Chart, DocumentView, Heading, TableBlock, Text, build_view
from jixiao.render.tables import Table

_STYLE = """
.jixiao-report { max-width: 46em; margin: 0 auto; color: #111; line-height: 1.75;
  font-family: "FangSong", "仿宋_GB2312", "仿宋", "STFangsong", "Noto Serif SC", serif;
  font-size: 16pt; }
.jixiao-report h1 { text-align: center; font-size: 22pt; font-weight: normal; margin: 0 0 1em;
  font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "SimSun", "Noto Serif SC", serif; }
.jixiao-report h2, .jixiao-report h3 { font-size: 16pt; font-weight: normal; margin: 0;
  text-indent: 2em; }
.jixiao-report h2 { font-family: "SimHei", "黑体", "Noto Sans SC", sans-serif; }
.jixiao-report h3 { font-family: "KaiTi", "楷体_GB2312", "楷体", "STKaiti", serif; }
.jixiao-report p { margin: 0; text-indent: 2em; text-align: justify; }
.jixiao-report figure { margin: 1em 0; text-align: center; }
.jixiao-report figure svg { max-width: 100%; height: auto; }
.jixiao-report figcaption, .jixiao-report caption { font-family: "SimHei", "黑体",
  "Noto Sans SC", sans-serif; font-size: 14pt; text-align: center; }
.jixiao-report table { border-collapse: collapse; margin: 0.5em auto; font-size: 10.5pt;
  line-height: 1.4; }
.jixiao-report th, .jixiao-report td { border: 1px solid #333; padding: 0.2em 0.4em;
  text-align: center; }
.jixiao-report td.text { text-align: left; }
.jixiao-report .signature { text-align: right; text-indent: 0; padding-right: 2em; }
.jixiao-report .signature.first { margin-top: 2em; }
"""
_XML_PROLOGUE = re.compile(r"^\s*<\?xml[^>]*>\s*(?:<!DOCTYPE[^>]*>\s*)?", re.DOTALL)


def render_html_fragment(report: Report, outline: str | None = None) -> str:
    return view_fragment(build_view(report, outline))


def render_html_page(report: Report, outline: str | None = None) -> str:
    return view_page(build_view(report, outline))


def html_bytes(report: Report, outline: str | None = None) -> bytes:
    return render_html_page(report, outline).encode("utf-8")


def view_page(view: DocumentView) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(view.title)}</title>\n</head>\n<body>\n"
        f"{view_fragment(view)}</body>\n</html>\n"
    )


def view_fragment(view: DocumentView) -> str:
    out = [
        '<article class="jixiao-report" lang="zh-CN">',
        f"<style>{_STYLE}</style>",
        f"<h1>{'<br>'.join(escape(line) for line in view.title_lines)}</h1>",
    ]
    out += [_block(block) for block in view.opening]
    section_open = False
    for block in view.blocks():
        if isinstance(block, Heading) and block.level == 1:
            if section_open:
                out.append("</section>")
            out.append("<section>")
            section_open = True
        out.append(_block(block))
    if section_open:
        out.append("</section>")
    out += [
        f'<p class="signature{" first" if index == 0 else ""}">{escape(line)}</p>'
        for index, line in enumerate(view.signature)
    ]
    out.append("</article>")
    return "\n".join(out) + "\n"


def _block(block: Heading | Text | Chart | TableBlock) -> str:
    if isinstance(block, Heading):
        tag = "h2" if block.level == 1 else "h3"
        return f"<{tag}>{escape(block.text)}</{tag}>"
    if isinstance(block, Text):
        return f"<p>{escape(block.text)}</p>"
    if isinstance(block, Chart):
        svg = _XML_PROLOGUE.sub("", chart_svg(block.spec))
        return (
            f'<figure role="img" aria-label="{escape(block.caption)}">{svg}'
            f"<figcaption>{escape(block.caption)}</figcaption></figure>"
        )
    return _table(block.table, block.caption)


def _table(table: Table, caption: str | None) -> str:
    out = ["<table>"]
    if caption:
        out.append(f"<caption>{escape(caption)}</caption>")
    out.append("<thead><tr>" + "".join(f"<th>{escape(c)}</th>" for c in table.columns))
    out.append("</tr></thead><tbody>")
    for row in table.rows:
        cells = "".join(
            f"<td>{escape(c.text)}</td>"
            if c.is_numeric or len(c.text) <= 8
            else f'<td class="text">{escape(c.text)}</td>'
            for c in row
        )
        out.append(f"<tr>{cells}</tr>")
    out.append("</tbody></table>")
    return "".join(out)
