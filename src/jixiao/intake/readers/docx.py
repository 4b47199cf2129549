""".docx → DocumentText: paragraphs and tables in body order, with Word's own numbering.

python-docx opens the package and finds its parts; the body is then walked directly (as
``Document.iter_inner_content()`` does, but also into content controls, which government
templates use for fill-in fields). A paragraph is one line, prefixed with the number Word
would show ("一、", "（一）": see docx_numbering.py). A table row is one pipe row, a merged cell
written once: a horizontal merge (gridSpan) at its first column, a vertical merge in its
top row only (the rows below hold an empty cell there). Headers, footers and footnotes are
left out: they hold page numbers and running titles, not the report.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import nsmap, qn
from lxml import etree  # type: ignore[import-untyped]

from jixiao.domain.errors import UnreadableInput
from jixiao.intake.document import DocumentBuilder, DocumentText, join_lines
from jixiao.intake.readers.docx_numbering import Numbering, load_numbering
from jixiao.intake.readers.safety import check_package, damaged_message

_NS = {"w": nsmap["w"], "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
_P, _TBL, _TR, _TC, _SDT = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdt")
_SDT_CONTENT, _CUSTOM_XML = qn("w:sdtContent"), qn("w:customXml")
_PPR, _PSTYLE, _NUMPR = qn("w:pPr"), qn("w:pStyle"), qn("w:numPr")
_NUM_ID, _ILVL, _VAL = qn("w:numId"), qn("w:ilvl"), qn("w:val")
_TCPR, _GRID_SPAN, _VMERGE = qn("w:tcPr"), qn("w:gridSpan"), qn("w:vMerge")
_TRPR, _GRID_BEFORE = qn("w:trPr"), qn("w:gridBefore")
_T, _TAB, _PTAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:ptab"), qn("w:br"), qn("w:cr")
_HYPHEN, _TXBX = qn("w:noBreakHyphen"), qn("w:txbxContent")
# Subtrees whose text is not the paragraph's: deleted or moved-away revisions, the fallback
# copy of a drawing (mc:Choice holds the same text), text boxes (read as paragraphs).
_SKIP = frozenset(
    {qn("w:del"), qn("w:moveFrom"), f"{{{_NS['mc']}}}Fallback", _TXBX, _PPR, qn("w:rPr")}
)
_RUN_TEXT = etree.XPath(
    ".//w:r/w:t | .//w:r/w:tab | .//w:r/w:ptab | .//w:r/w:br | .//w:r/w:cr"
    " | .//w:r/w:noBreakHyphen",
    namespaces=_NS,
)
_TRICKY = etree.XPath(
    "boolean(.//w:del | .//w:moveFrom | .//mc:Fallback | .//w:txbxContent)", namespaces=_NS
)
_TEXT_BOXES = etree.XPath(".//w:txbxContent[not(ancestor::mc:Fallback)]", namespaces=_NS)
_OPEN_ERRORS = (
    PackageNotFoundError,
    KeyError,
    ValueError,
    zipfile.BadZipFile,
    zlib.error,
    etree.LxmlError,
)


def read_docx(data: bytes, *, label: str) -> DocumentText:
    """Read a .docx (already sniffed as a zip holding word/). Raises UnreadableInput."""
    check_package(data, label=label)
    try:
        document = docx.Document(io.BytesIO(data))
    except _OPEN_ERRORS as error:
        raise UnreadableInput(damaged_message(label)) from error
    part = document.part
    numbering = _related_element(part, RT.NUMBERING)
    styles = _related_element(part, RT.STYLES)
    walker = _Walker(load_numbering(numbering, styles), _Styles(styles))
    walker.body(document.element.body)
    return walker.builder.build()


def _related_element(part: Any, relationship: str) -> Any | None:
    try:
        return part.part_related_by(relationship).element
    except KeyError:
        return None


class _Styles:
    """Paragraph styles: the default one, and the numbering each style carries."""

    def __init__(self, styles: Any | None) -> None:
        self.default: str | None = None
        self._numbering: dict[str, tuple[str | None, str | None, str | None]] = {}
        if styles is None:
            return
        for style in styles.iterchildren(qn("w:style")):
            if style.get(qn("w:type")) != "paragraph":
                continue
            style_id = style.get(qn("w:styleId"))
            if style.get(qn("w:default")) in ("1", "true"):
                self.default = style_id
            num_pr = style.find(f"{_PPR}/{_NUMPR}")
            based_on = style.find(qn("w:basedOn"))
            self._numbering[style_id] = (
                _val(num_pr.find(_NUM_ID)) if num_pr is not None else None,
                _val(num_pr.find(_ILVL)) if num_pr is not None else None,
                _val(based_on),
            )

    def numbering(self, style: str | None) -> tuple[str | None, str | None]:
        """(numId, ilvl) a style gives its paragraphs, following basedOn."""
        num_id: str | None = None
        level: str | None = None
        seen: set[str] = set()
        while style and style not in seen and style in self._numbering:
            seen.add(style)
            own_id, own_level, style = self._numbering[style]
            num_id = num_id or own_id
            level = level if level is not None else own_level
        return num_id, level


class _Walker:
    def __init__(self, numbering: Numbering, styles: _Styles) -> None:
        self.builder = DocumentBuilder("docx")
        self.numbering = numbering
        self.styles = styles

    def body(self, container: Any) -> None:
        for child in container.iterchildren():
            tag = child.tag
            if tag == _P:
                tricky = bool(_TRICKY(child))
                self.builder.paragraph(self.paragraph_text(child, tricky=tricky))
                for box in _TEXT_BOXES(child) if tricky else ():
                    self.body(box)
            elif tag == _TBL:
                self.table(child)
            elif tag in (_SDT, _CUSTOM_XML):
                content = child.find(_SDT_CONTENT) if tag == _SDT else child
                if content is not None:
                    self.body(content)

    def paragraph_text(self, paragraph: Any, *, tricky: bool | None = None) -> str:
        """The paragraph's number and text. ``tricky``: it holds revisions, drawings or
        text boxes (found out here when the caller has not)."""
        number = self._number(paragraph)
        if tricky is None:
            tricky = bool(_TRICKY(paragraph))
        pieces = _slow_text(paragraph) if tricky else _fast_text(paragraph)
        text = "".join(pieces)
        return number + text if text.strip() else ""

    def table(self, table: Any) -> None:
        index = self.builder.new_table()
        for row_number, row in enumerate(_rows(table), start=1):
            column = 1 + _int(row.find(f"{_TRPR}/{_GRID_BEFORE}"), 0)
            cells: list[tuple[int, str | None]] = []
            for cell in _cells(row):
                properties = cell.find(_TCPR)
                span = _int(properties.find(_GRID_SPAN), 1) if properties is not None else 1
                merge = properties.find(_VMERGE) if properties is not None else None
                continued = merge is not None and (_val(merge) or "continue") == "continue"
                cells.append((column, None if continued else self.cell_text(cell)))
                column += max(span, 1)
            self.builder.row(index, row_number, cells)

    def cell_text(self, cell: Any) -> str:
        lines: list[str] = []
        for child in _flat_content(cell):
            if child.tag == _P:
                lines.append(self.paragraph_text(child))
            else:  # a table inside the cell: its rows, one line each
                for row in _rows(child):
                    lines.append(" ".join(self.cell_text(c) for c in _cells(row)))
        return join_lines(lines)

    def _number(self, paragraph: Any) -> str:
        properties = paragraph.find(_PPR)
        style = num_id = level = None
        if properties is not None:
            style = _val(properties.find(_PSTYLE))
            num_pr = properties.find(_NUMPR)
            if num_pr is not None:
                num_id = _val(num_pr.find(_NUM_ID))
                level = _val(num_pr.find(_ILVL))
        style = style or self.styles.default
        if num_id is None or level is None:
            style_id, style_level = self.styles.numbering(style)
            num_id = num_id or style_id
            level = level if level is not None else style_level
        if not num_id or num_id == "0":
            return ""
        return self.numbering.render(
            num_id, int(level) if level and level.isdigit() else None, style
        )


def _fast_text(paragraph: Any) -> list[str]:
    return [_piece(element) for element in _RUN_TEXT(paragraph)]


def _slow_text(paragraph: Any) -> list[str]:
    """Run text in document order, leaving out the subtrees in _SKIP."""
    pieces: list[str] = []
    stack = [paragraph]
    while stack:
        element = stack.pop()
        if element.tag in _SKIP:
            continue
        if element.tag in (_T, _TAB, _PTAB, _BR, _CR, _HYPHEN):
            pieces.append(_piece(element))
            continue
        stack.extend(reversed(list(element.iterchildren(tag=etree.Element))))
    return pieces


def _piece(element: Any) -> str:
    tag = element.tag
    if tag == _T:
        return str(element.text or "")
    if tag in (_TAB, _PTAB):
        return "\t"
    if tag == _HYPHEN:
        return "-"
    return "\n"  # w:br, w:cr: a line break inside the paragraph


def _rows(table: Any) -> list[Any]:
    return [row for row in _flat_content(table) if row.tag == _TR]


def _cells(row: Any) -> list[Any]:
    return [cell for cell in _flat_content(row) if cell.tag == _TC]


def _flat_content(container: Any) -> list[Any]:
    """Children, with content controls (w:sdt) and custom XML unwrapped; for a cell, its
    paragraphs and tables."""
    found: list[Any] = []
    for child in container.iterchildren(tag=etree.Element):
        if child.tag in (_SDT, _CUSTOM_XML):
            content = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if content is not None:
                found.extend(_flat_content(content))
        elif child.tag in (_P, _TBL, _TR, _TC):
            found.append(child)
    return found


def _val(element: Any | None) -> str | None:
    if element is None:
        return None
    value = element.get(_VAL)
    return None if value is None else str(value)


def _int(element: Any | None, default: int) -> int:
    value = _val(element)
    return int(value) if value is not None and value.isdigit() else default
