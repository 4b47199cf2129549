"""Test documents built from a report's text by other means than jixiao reads them with.

- .docx from hand-written WordprocessingML (zipfile + strings, not python-docx): one
  paragraph per line, each block of pipe rows a real Word table; optionally the headings'
  numbers ("一、", "（一）") turned into Word's automatic numbering, as Word itself stores it.
- .xlsx with openpyxl's writer: pipe rows as rows, other lines in column A; figures as
  numbers with the number format that shows them as the text does.
- .pdf with reportlab: wrapped paragraphs (optionally indented and justified as Word sets
  Chinese text), pipe tables drawn as ruled tables, a page number at the foot of each page.
  STSong-Light is a CID font that needs no font file, so the PDF does not embed it: fine for
  tests (it exercises jixiao's pdfminer path), never for output.
- .pdf with typst: the Noto fonts embedded, justified, indented, page numbers, ruled tables
  (jixiao's PDFium path, and the space typst sets between 汉字 and figures).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_HEADING = re.compile(
    r"^(?P<marker>[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)(?P<title>.+)$"
)
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?%?$")
_WORDS = re.compile(r" ?[0-9A-Za-z.,%]+| ?.")


MAX_COLUMNS = 12  # wider "tables" are flattened text that lost its rows: kept as lines


def blocks(text: str) -> Iterator[tuple[str, list[str] | list[list[str]]]]:
    """("p", [line]) for a line, ("table", rows) for a run of pipe rows."""
    table: list[str] = []
    for line in [*text.split("\n"), ""]:
        if line.startswith("|") and line.rstrip().endswith("|") and line.count("|") >= 2:
            table.append(line)
            continue
        if table:
            rows = [[cell.strip() for cell in row.strip()[1:-1].split("|")] for row in table]
            if max(len(row) for row in rows) <= MAX_COLUMNS:
                yield "table", rows
            else:
                yield from (("p", [row]) for row in table)
            table = []
        yield "p", [line]


# ----------------------------------------------------------------------------------- docx

_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WORD_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml"
CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels"
  ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="{_WORD_TYPE}.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="{_WORD_TYPE}.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="{_WORD_TYPE}.numbering+xml"/>
</Types>"""
_PACKAGE_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{_OFFICE}/officeDocument" Target="word/document.xml"/>
</Relationships>"""
_DOCUMENT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{_OFFICE}/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="{_OFFICE}/numbering" Target="numbering.xml"/>
</Relationships>"""
_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1">
  <w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr>
</w:style>
<w:style w:type="paragraph" w:styleId="Heading2">
  <w:name w:val="heading 2"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr>
</w:style>
</w:styles>"""
# One heading ladder as Word writes it: level 0 "一、" and level 1 "（一）", both counted in
# Chinese; the levels are linked to the heading styles.
_NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W_NS}">
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
  <w:pStyle w:val="Heading1"/><w:suff w:val="nothing"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
  <w:pStyle w:val="Heading2"/><w:suff w:val="nothing"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"""


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _paragraph(line: str, *, numbered: bool) -> str:
    heading = _HEADING.match(line) if numbered else None
    if heading:
        style = "Heading1" if heading.group("marker").endswith("、") else "Heading2"
        return (
            f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{_run(heading.group("title"))}</w:p>'
        )
    return f"<w:p>{_run(line)}</w:p>" if line else "<w:p/>"


def _table(rows: list[list[str]]) -> str:
    width = max(len(row) for row in rows)
    grid = "".join('<w:gridCol w:w="900"/>' for _ in range(width))
    rows_xml = []
    for row in rows:
        cells = []
        for index in range(width):
            text = row[index] if index < len(row) else ""
            cells.append(f"<w:tc><w:tcPr/><w:p>{_run(text) if text else ''}</w:p></w:tc>")
        rows_xml.append(f"<w:tr>{''.join(cells)}</w:tr>")
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{''.join(rows_xml)}</w:tbl>"


def numbers_in_sequence(text: str) -> bool:
    """Do the text's 一、 and （一） headings count up as Word's numbering would (一、 from
    一, （一） from （一） under each 一、)? Only then may they become automatic numbers."""
    expected = {"、": 1, "）": 1}
    for line in text.split("\n"):
        heading = _HEADING.match(line)
        if not heading:
            continue
        marker = heading.group("marker")
        value = (
            "一二三四五六七八九十".index(marker.strip("（）、")[-1]) + 1
            if len(marker.strip("（）、")) == 1
            else 0
        )
        kind = marker[-1]
        if value != expected[kind]:
            return False
        expected[kind] += 1
        if kind == "、":
            expected["）"] = 1
    return True


def document_xml(text: str, *, numbered: bool = False) -> str:
    numbered = numbered and numbers_in_sequence(text)
    parts = []
    for kind, content in blocks(text):
        if kind == "p":
            parts.append(_paragraph(str(content[0]), numbered=numbered))
        else:
            parts.append(_table(content))
            parts.append("<w:p/>")  # Word always puts a paragraph after a table
    return body(*parts)


def docx_bytes(
    document: str | bytes,
    *,
    numbering: str = "",
    content_types: str = "",
    extra: dict[str, str | bytes] | None = None,
) -> bytes:
    """A .docx package around ``document`` (word/document.xml); ``numbering`` replaces the
    heading ladder of _NUMBERING, ``extra`` adds parts (an image, a custom XML part)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types or CONTENT_TYPES)
        archive.writestr("_rels/.rels", _PACKAGE_RELS)
        archive.writestr("word/_rels/document.xml.rels", _DOCUMENT_RELS)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/styles.xml", _STYLES)
        archive.writestr("word/numbering.xml", numbering or _NUMBERING)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def body(*elements: str) -> str:
    """word/document.xml around body elements written by hand."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}" xmlns:mc="{MC_NS}"><w:body>{"".join(elements)}'
        "<w:sectPr/></w:body></w:document>"
    )


def docx_from_text(text: str, *, numbered: bool = False) -> bytes:
    return docx_bytes(document_xml(text, numbered=numbered))


# ----------------------------------------------------------------------------------- xlsx


def xlsx_from_text(text: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "报告"
    row = 1
    for kind, content in blocks(text):
        rows = [[str(content[0])]] if kind == "p" else content
        for cells in rows:
            for column, value in enumerate(cells, start=1):
                _put(sheet.cell(row=row, column=column), value)
            row += 1
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _put(cell: object, value: str) -> None:
    """A figure as a number formatted to show as written; anything else as text."""
    if not _NUMBER.match(value):
        cell.value = value or None
        if value.startswith("="):  # "=100%" is a target as typed, not a formula
            cell.data_type = "s"
        return
    percent = value.endswith("%")
    digits = value.rstrip("%")
    decimals = len(digits.partition(".")[2])
    number = Decimal(digits) / (100 if percent else 1)
    cell.value = float(number) if decimals or percent else int(number)
    pattern = "0" + ("." + "0" * decimals if decimals else "") + ("%" if percent else "")
    cell.number_format = pattern


# ------------------------------------------------------------------------------------ pdf


def pdf_from_text(text: str, *, password: str | None = None, office: bool = False) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font = "STSong-Light"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    buffer = io.BytesIO()
    encrypt = None
    if password:
        from reportlab.lib import pdfencrypt

        encrypt = pdfencrypt.StandardEncryption(password, ownerPassword=password + "-owner")
    page = canvas.Canvas(buffer, pagesize=A4, encrypt=encrypt)
    writer = _PdfWriter(page, font, A4, office=office)
    for kind, content in blocks(text):
        if kind == "p":
            writer.paragraph(str(content[0]))
        else:
            writer.table(content)
    writer.finish()
    return buffer.getvalue()


class _PdfWriter:
    size = 12
    leading = 20
    margin = 72

    def __init__(
        self, canvas: object, font: str, page_size: tuple[float, float], *, office: bool
    ) -> None:
        self.canvas = canvas
        self.office = office
        self.font = font
        self.width, self.height = page_size
        self.y = self.height - self.margin
        self.page = 1

    def _string_width(self, text: str, size: float) -> float:
        from reportlab.pdfbase import pdfmetrics

        return float(pdfmetrics.stringWidth(text, self.font, size))

    def _room(self, needed: float) -> None:
        if self.y - needed < self.margin:
            self._footer()
            self.canvas.showPage()
            self.page += 1
            self.y = self.height - self.margin

    def _footer(self) -> None:
        self.canvas.setFont(self.font, 10)
        self.canvas.drawCentredString(self.width / 2, 40, f"— {self.page} —")

    def paragraph(self, line: str) -> None:
        """Wrapped at the margin; in "office" style, as Word sets Chinese body text: the
        first line indented two characters, every line but the last justified."""
        if not line.strip():
            self.y -= self.leading / 2
            return
        usable = self.width - 2 * self.margin
        indent = 2 * self.size if self.office and not _HEADING.match(line) else 0.0
        lines = self._wrap(line, usable, self.size, first_indent=indent)
        for number, text in enumerate(lines):
            self._room(self.leading)
            x = self.margin + (indent if number == 0 else 0.0)
            spacing = 0.0
            if self.office and number < len(lines) - 1 and len(text) > 1:
                room = self.margin + usable - x - self._string_width(text, self.size)
                spacing = room / (len(text) - 1)
            words = self.canvas.beginText(x, self.y - self.size)
            words.setFont(self.font, self.size)
            words.setCharSpace(spacing)
            words.textOut(text)
            self.canvas.drawText(words)
            self.y -= self.leading

    def table(self, rows: list[list[str]]) -> None:
        columns = max(len(row) for row in rows)
        usable = self.width - 2 * self.margin
        column_width = usable / columns
        size = 7.0
        row_height = 2 * size + 6
        for row in rows:
            cells = [row[i] if i < len(row) else "" for i in range(columns)]
            wrapped = [self._wrap(cell, column_width - 4, size) for cell in cells]
            height = max(row_height, max(len(w) for w in wrapped) * (size + 2) + 6)
            self._room(height)
            top = self.y
            for index, lines in enumerate(wrapped):
                x = self.margin + index * column_width
                self.canvas.rect(x, top - height, column_width, height)
                self.canvas.setFont(self.font, size)
                for number, text in enumerate(lines):
                    self.canvas.drawString(x + 2, top - 3 - size - number * (size + 2), text)
            self.y -= height
        self.y -= self.leading / 2

    def _wrap(self, text: str, width: float, size: float, first_indent: float = 0.0) -> list[str]:
        """Break as Word does: between any two 汉字, never inside a Latin word or a figure."""
        lines: list[str] = []
        current = ""
        for word in _WORDS.findall(text):
            room = width - (first_indent if not lines else 0.0)
            if current and self._string_width(current + word, size) > room:
                lines.append(current)
                current = word.lstrip(" ")
            else:
                current += word
        if current:
            lines.append(current)
        return lines

    def finish(self) -> None:
        self._footer()
        self.canvas.save()


# ------------------------------------------------------------------------- pdf via typst

_TYPST_PREAMBLE = """#set page(paper: "a4",
  margin: (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm),
  footer: context align(center)[— #counter(page).display() —])
#set text(font: "Noto Serif SC", size: 12pt, lang: "zh")
#set par(justify: true, first-line-indent: (amount: 2em, all: true))
"""


def _typst_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def typst_pdf_from_text(text: str) -> bytes:
    """A PDF as typst sets it, with the Noto fonts embedded: what a report exported from an
    office suite looks like to PDFium (justified, indented, fonts embedded)."""
    import os

    import pylopdf_fonts_zh_cn
    import typst

    parts = [_TYPST_PREAMBLE]
    for kind, content in blocks(text):
        if kind == "p":
            line = str(content[0])
            if not line.strip():
                continue
            if _HEADING.match(line):
                parts.append(f"#par(first-line-indent: 0em)[#{_typst_string(line)}]\n\n")
            else:
                parts.append(f"#{_typst_string(line)}\n\n")
        else:
            rows = content
            width = max(len(row) for row in rows)
            cells = ", ".join(
                f"[#{_typst_string(row[i] if i < len(row) else '')}]"
                for row in rows
                for i in range(width)
            )
            parts.append(f"#[#set text(size: 7pt)\n#table(columns: {width}, {cells})]\n\n")
    fonts = os.path.dirname(pylopdf_fonts_zh_cn.__file__)
    return bytes(typst.compile("".join(parts).encode("utf-8"), font_paths=[fonts]))
