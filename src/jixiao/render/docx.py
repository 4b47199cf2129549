"""The report as a Word file in 党政机关公文格式 (GB/T 9704-2012).

A4, margins 37 / 35 / 28 / 26 mm (top, bottom, left, right); the title in 方正小标宋简体 二号
(22 pt) centred; body text in 仿宋_GB2312 三号 (16 pt) on fixed 28 pt lines, the first line
indented two characters; level-1 headings in 黑体, level-2 in 楷体_GB2312, both 三号; page
numbers "— 1 —" in 宋体 四号, odd pages at the right and even pages at the left, one
character in from the edge; the signing unit and date at the end, right-aligned.

East Asian fonts are set the way Word and WPS honour them (tech notes §1): ``w:eastAsia`` is
written beside ``w:ascii``/``w:hAnsi``, the template's theme-font attributes (which take
priority over names) are removed, and the East Asian language is zh-CN. Charts are PNG.
"""

from __future__ import annotations

import functools
import io

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from jixiao.domain.report import Report
from jixiao.render import fonts
from jixiao.render.charts import chart_png
from jixiao.render.model import Chart, DocumentView, Heading, TableBlock, Text, build_view
from jixiao.render.tables import Table

BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
LINE_PT = 28  # fixed line pitch: 22 lines on a page
PAGE_NUMBER_PT = 14  # 四号
TABLE_PT = 10.5  # 五号: a ten-column indicator table fits the 156 mm text width
CAPTION_PT = 14
CHART_WIDTH_MM = 156  # the text width: 210 mm less the 28 and 26 mm margins
_THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")

# Style names (Word shows them in its style list).
TITLE_STYLE = "公文标题"
CAPTION_STYLE = "图表标题"
TABLE_STYLE = "表格文字"
SIGNATURE_STYLE = "落款"
PAGE_NUMBER_STYLE = "页码"
_STYLE_IDS = {"Heading 1": "Heading1", "Heading 2": "Heading2"}  # built-in names → ids


def render_docx(report: Report, outline: str | None = None) -> bytes:
    return view_docx(build_view(report, outline))


def docx_bytes(report: Report, outline: str | None = None) -> bytes:
    return render_docx(report, outline)


def view_docx(view: DocumentView) -> bytes:
    document = Document(io.BytesIO(_styled_template()))
    document.core_properties.title = view.title
    title = _add(document, "", TITLE_STYLE)
    for index, line in enumerate(view.title_lines):
        run = title.add_run(line)
        if index < len(view.title_lines) - 1:
            run.add_break()
    blocks = [*view.opening, *view.blocks()]
    for block, following in zip(blocks, [*blocks[1:], None], strict=True):
        paragraph = _block(document, block)
        if paragraph is not None and isinstance(following, Chart):
            # The paragraph that states a chart's figures stays on the chart's page.
            paragraph.paragraph_format.keep_with_next = True
    if view.signature:
        _add(document, "")
        for line in view.signature:
            _add(document, line, SIGNATURE_STYLE)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@functools.cache
def _styled_template() -> bytes:
    """An empty document with the page, styles and page numbers set (made once: building
    the styles costs more than writing a whole report)."""
    document = Document()
    _page_setup(document)
    _styles(document)
    _page_numbers(document)
    document.core_properties.language = "zh-CN"
    for paragraph in document.paragraphs:  # the default template's empty first paragraph
        paragraph._p.getparent().remove(paragraph._p)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add(document: WordDocument, text: str, style: str | None = None) -> Paragraph:
    """A paragraph in ``style`` (a style name, which is also its id here). The style is set
    in the XML directly: python-docx looks a style up by scanning every style, per call."""
    paragraph = document.add_paragraph(text)
    if style is not None:
        paragraph._p.style = _STYLE_IDS.get(style, style)
    return paragraph


# ------------------------------------------------------------------------------------- blocks


def _block(document: WordDocument, block: Heading | Text | Chart | TableBlock) -> Paragraph | None:
    """Write ``block``; the paragraph when it is a text paragraph."""
    if isinstance(block, Heading):
        _add(document, block.text, f"Heading {block.level}")
    elif isinstance(block, Text):
        return _add(document, block.text)
    elif isinstance(block, Chart):
        picture = _add(document, "", CAPTION_STYLE)
        picture.add_run().add_picture(io.BytesIO(chart_png(block.spec)), width=Mm(CHART_WIDTH_MM))
        _add(document, block.caption, CAPTION_STYLE)
    else:
        if block.caption:
            _add(document, block.caption, CAPTION_STYLE)
        _table(document, block.table)
    return None


def _table(document: WordDocument, table: Table) -> None:
    word = document.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    word.style = document.styles["Table Grid"]
    word.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = word.rows[0]
    if table.key != "source":  # a report's own table: its first row is not known as a header
        _repeat_as_header(header._tr)
    for cell, text in zip(header.cells, table.columns, strict=True):
        _cell_text(cell.paragraphs[0], text, centred=True)
    for row, cells in zip(word.rows[1:], table.rows, strict=True):
        for word_cell, cell in zip(row.cells, cells, strict=True):
            centred = cell.is_numeric or len(cell.text) <= 8
            _cell_text(word_cell.paragraphs[0], cell.text, centred=centred)


def _cell_text(paragraph: Paragraph, text: str, *, centred: bool) -> None:
    paragraph._p.style = TABLE_STYLE
    paragraph.add_run(text)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT


def _repeat_as_header(row: object) -> None:
    """The header row repeats at the top of every page the table runs onto."""
    properties = row.get_or_add_trPr()  # type: ignore[attr-defined]
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


# -------------------------------------------------------------------------------- page, styles


def _page_setup(document: WordDocument) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    # The page number's line (四号, about 5 mm) starts 7 mm below the text block (35 mm margin).
    section.footer_distance = Mm(23)


def _styles(document: WordDocument) -> None:
    styles = document.styles
    normal = _paragraph_style(document, "Normal")
    set_font(normal, fonts.BODY_FONT, BODY_PT)
    _layout(normal, indent=True)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    normal.paragraph_format.widow_control = False

    for level, east_asian in ((1, fonts.HEADING1_FONT), (2, fonts.HEADING2_FONT)):
        heading = _paragraph_style(document, f"Heading {level}")
        set_font(heading, east_asian, BODY_PT, bold=False)
        heading.font.italic = False
        heading.font.color.rgb = None  # the template's headings are blue
        _layout(heading, indent=True)
        heading.paragraph_format.keep_with_next = True

    title = _new_style(document, TITLE_STYLE)
    set_font(title, fonts.TITLE_FONT, TITLE_PT)
    _layout(title, indent=False, line=36)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(LINE_PT)  # one empty line below the title

    caption = _new_style(document, CAPTION_STYLE)
    set_font(caption, fonts.HEADING1_FONT, CAPTION_PT)
    _layout(caption, indent=False, line=None)
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.keep_with_next = True

    cell = _new_style(document, TABLE_STYLE)
    set_font(cell, fonts.BODY_FONT, TABLE_PT)
    _layout(cell, indent=False, line=None)

    signature = _new_style(document, SIGNATURE_STYLE)
    _layout(signature, indent=False)
    signature.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signature.paragraph_format.right_indent = Pt(2 * BODY_PT)

    page_number = _new_style(document, PAGE_NUMBER_STYLE)
    set_font(page_number, fonts.PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
    _layout(page_number, indent=False, line=None)
    _document_defaults(document)
    _drop_theme_fonts(styles.element)


def _paragraph_style(document: WordDocument, name: str) -> ParagraphStyle:
    style = document.styles[name]
    assert isinstance(style, ParagraphStyle)
    return style


def _new_style(document: WordDocument, name: str) -> ParagraphStyle:
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(style, ParagraphStyle)
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    return style


def _layout(style: ParagraphStyle, *, indent: bool, line: float | None = LINE_PT) -> None:
    fmt = style.paragraph_format
    fmt.first_line_indent = Pt(2 * BODY_PT) if indent else Pt(0)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    if line is None:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(line)


def set_font(style: ParagraphStyle, east_asian: str, size: float, *, bold: bool = False) -> None:
    """Latin text in Times New Roman, Chinese in ``east_asian``, with no theme font left to
    override them (tech notes §1)."""
    font = style.font
    font.name = fonts.LATIN_FONT
    font.size = Pt(size)
    font.bold = bold
    run_fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    run_fonts.set(qn("w:eastAsia"), east_asian)
    for attribute in _THEME_ATTRIBUTES:
        run_fonts.attrib.pop(qn(attribute), None)


def _document_defaults(document: WordDocument) -> None:
    """Defaults for text no style names: 仿宋_GB2312, and East Asian language zh-CN."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    run_defaults = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if run_defaults is None:
        return
    run_fonts = run_defaults.find(qn("w:rFonts"))
    if run_fonts is None:
        run_fonts = OxmlElement("w:rFonts")
        run_defaults.insert(0, run_fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        run_fonts.set(qn(attribute), fonts.LATIN_FONT)
    run_fonts.set(qn("w:eastAsia"), fonts.BODY_FONT)
    language = run_defaults.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_defaults.append(language)
    language.set(qn("w:eastAsia"), "zh-CN")


def _drop_theme_fonts(styles_element: object) -> None:
    """Theme fonts win over named fonts in Word: no style may keep one."""
    for run_fonts in styles_element.iter(qn("w:rFonts")):  # type: ignore[attr-defined]
        for attribute in _THEME_ATTRIBUTES:
            run_fonts.attrib.pop(qn(attribute), None)


# -------------------------------------------------------------------------------- page numbers


def _page_numbers(document: WordDocument) -> None:
    """ "— 1 —": odd pages at the right, even pages at the left, one character in."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer, alignment in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = PAGE_NUMBER_STYLE
        paragraph.alignment = alignment
        inset = Pt(PAGE_NUMBER_PT)
        if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
            paragraph.paragraph_format.right_indent = inset
        else:
            paragraph.paragraph_format.left_indent = inset
        paragraph.add_run("— ")
        _page_field(paragraph)
        paragraph.add_run(" —")


def _page_field(paragraph: Paragraph) -> None:
    """A PAGE field (begin / instruction / separate / shown number / end)."""
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1")):
        run = paragraph.add_run()
        if kind == "instr":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        elif kind == "text":
            run.text = text or ""
        else:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
    end = paragraph.add_run()
    field = OxmlElement("w:fldChar")
    field.set(qn("w:fldCharType"), "end")
    end._r.append(field)
