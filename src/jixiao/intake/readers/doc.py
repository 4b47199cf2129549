"""Word 97–2003 .doc and WPS .wps → DocumentText, without Word or LibreOffice.

Both keep their text in the WordDocument stream of an OLE container ([MS-DOC]); WPS writes the
same format under its own extension. The main text is read through the piece table: the File
Information Block (FIB) at the start of WordDocument points to the Clx in the table stream
(0Table or 1Table), whose PlcPcd lists the pieces of text in order, each either 8-bit
("compressed", cp1252) or UTF-16LE at a byte offset of WordDocument. The first ccpText
characters are the body; headers, footnotes and comments follow it and are left out.

Tables: a cell's last paragraph ends with the cell mark U+0007, and a row ends with one more
paragraph, also ending in U+0007, whose properties say "table row end" (sprmPFTtp). Those
properties are in the paragraph bin table (PlcBtePapx → 512-byte FKP pages of PAPX); a row
end is told from an empty cell by them, not by guessing. Fields keep their shown result
(between the separator U+0014 and the end U+0015), not their code.
"""

from __future__ import annotations

import struct
from bisect import bisect_right
from dataclasses import dataclass

from jixiao.domain.errors import UnreadableInput, UnsupportedFormat
from jixiao.intake.document import DocumentBuilder, DocumentText
from jixiao.intake.readers.ole import damaged, open_ole, read_stream
from jixiao.intake.readers.safety import password_message
from jixiao.intake.readers.text import MAX_BYTES

_IDENT = 0xA5EC
_F_WHICH_TABLE = 0x0200
_F_ENCRYPTED = 0x0100
_CCP_TEXT = 0x4C
_FC_LCB = 154  # FibRgFcLcbBlob, in a FIB of Word 97 or later
_PLCF_BTE_PAPX = 13  # index of fcPlcfBtePapx/lcbPlcfBtePapx among the fc/lcb pairs
_CLX = 33  # fcClx/lcbClx
_SPRM_TTP = (0x2417, 0x244C)  # sprmPFTtp, sprmPFInnerTtp: "this paragraph ends a row"
_SPRM_IN_TABLE = (0x2416, 0x6649)  # sprmPFInTable, sprmPItap: "this paragraph is in a table"
_MAX_PIECES = 100_000
_CP1252_HOLES = {  # bytes of a compressed piece that cp1252 leaves undefined
    0x81: "\u0081", 0x8D: "\u008d", 0x8F: "\u008f", 0x90: "\u0090", 0x9D: "\u009d",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Piece:
    cp_start: int
    cp_end: int
    fc: int  # byte offset of the first character in WordDocument
    compressed: bool


def read_doc(data: bytes, *, label: str, reader: str = "doc") -> DocumentText:
    """Read a Word 97 / WPS document (already known to hold a WordDocument stream)."""
    ole = open_ole(data, label=label)
    try:
        word = read_stream(ole, "WordDocument", label=label, size_limit=len(data))
        if len(word) < _FC_LCB + (_CLX + 1) * 8:
            raise UnreadableInput(damaged(label))
        ident, flags = struct.unpack_from("<H", word, 0)[0], struct.unpack_from("<H", word, 10)[0]
        if ident != _IDENT:
            raise UnreadableInput(damaged(label))
        if flags & _F_ENCRYPTED:
            raise UnsupportedFormat(password_message(label))
        table_name = "1Table" if flags & _F_WHICH_TABLE else "0Table"
        table = read_stream(ole, table_name, label=label, size_limit=len(data))
    finally:
        ole.close()
    try:
        text, fcs = _main_text(word, table)
        marks = _table_marks(word, table)
    except (struct.error, IndexError, ValueError) as error:
        raise UnreadableInput(damaged(label)) from error
    document = _build(text, fcs, marks)
    if not document.text.strip():
        raise UnreadableInput(f"{label}中没有任何文字：请检查是否选错了文件")
    return DocumentText(text=document.text, format="doc", cells=document.cells, reader=reader)


def _pair(word: bytes, index: int) -> tuple[int, int]:
    fc, lcb = struct.unpack_from("<II", word, _FC_LCB + index * 8)
    return fc, lcb


def _main_text(word: bytes, table: bytes) -> tuple[str, list[int]]:
    """The body text and, for each of its characters, its byte offset in WordDocument."""
    ccp_text = struct.unpack_from("<i", word, _CCP_TEXT)[0]
    fc_clx, lcb_clx = _pair(word, _CLX)
    if ccp_text < 0 or ccp_text > MAX_BYTES or fc_clx + lcb_clx > len(table):
        raise ValueError("the FIB points outside the file")
    pieces = _pieces(table[fc_clx : fc_clx + lcb_clx])
    chars: list[str] = []
    fcs: list[int] = []
    for piece in pieces:
        start, end = piece.cp_start, min(piece.cp_end, ccp_text)
        if start >= end:
            continue
        count = end - start
        if piece.compressed:
            raw = word[piece.fc : piece.fc + count]
            chars.extend(_CP1252_HOLES.get(b) or bytes([b]).decode("cp1252") for b in raw)
            fcs.extend(range(piece.fc, piece.fc + len(raw)))
        else:
            raw = word[piece.fc : piece.fc + 2 * count]
            chars.extend(raw.decode("utf-16-le", errors="replace"))
            fcs.extend(range(piece.fc, piece.fc + len(raw), 2))
        if len(fcs) != len(chars):
            raise ValueError("a piece runs past the end of the stream")
    return "".join(chars), fcs


def _pieces(clx: bytes) -> list[_Piece]:
    """The PlcPcd of a Clx (after any Prc blocks of property modifiers)."""
    position = 0
    while position < len(clx) and clx[position] == 0x01:  # Prc: skip its grpprl
        size = struct.unpack_from("<h", clx, position + 1)[0]
        position += 3 + max(size, 0)
    if position >= len(clx) or clx[position] != 0x02:
        raise ValueError("no piece table")
    size = struct.unpack_from("<I", clx, position + 1)[0]
    plc = clx[position + 5 : position + 5 + size]
    count = (len(plc) - 4) // 12
    if count <= 0 or count > _MAX_PIECES:
        raise ValueError("no pieces")
    cps = struct.unpack_from(f"<{count + 1}I", plc, 0)
    pieces = []
    for index in range(count):
        raw_fc = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * index + 2)[0]
        compressed = bool(raw_fc & 0x40000000)
        fc = raw_fc & 0x3FFFFFFF
        pieces.append(_Piece(cps[index], cps[index + 1], fc // 2 if compressed else fc, compressed))
    return pieces


@dataclass(frozen=True, slots=True)
class _Marks:
    """Byte ranges (in WordDocument) of paragraphs in a table, and of those ending a row."""

    in_table: list[tuple[int, int]]
    row_end: list[tuple[int, int]]

    def holds(self, fc: int, *, row_end: bool) -> bool:
        ranges = self.row_end if row_end else self.in_table
        found = bisect_right(ranges, (fc, 1 << 62)) - 1
        return found >= 0 and ranges[found][0] <= fc < ranges[found][1]


def _table_marks(word: bytes, table: bytes) -> _Marks:
    """The paragraphs' table properties, from the bin table of PAPX FKP pages."""
    fc_plc, lcb_plc = _pair(word, _PLCF_BTE_PAPX)
    if lcb_plc < 8 or fc_plc + lcb_plc > len(table):
        return _Marks([], [])
    plc = table[fc_plc : fc_plc + lcb_plc]
    count = (len(plc) - 4) // 8
    pages = struct.unpack_from(f"<{count}I", plc, 4 * (count + 1))
    ends: list[tuple[int, int]] = []
    inside: list[tuple[int, int]] = []
    for page in pages:
        offset = (page & 0x3FFFFF) * 512
        fkp = word[offset : offset + 512]
        if len(fkp) < 512:
            continue
        runs = fkp[511]
        fcs = struct.unpack_from(f"<{runs + 1}I", fkp, 0)
        for index in range(runs):
            where = fkp[4 * (runs + 1) + 13 * index] * 2
            if not where:
                continue
            sprms = _sprms(fkp, where)
            if sprms & set(_SPRM_IN_TABLE):
                inside.append((fcs[index], fcs[index + 1]))
            if sprms & set(_SPRM_TTP):
                ends.append((fcs[index], fcs[index + 1]))
    return _Marks(sorted(inside), sorted(ends))


def _sprms(fkp: bytes, where: int) -> set[int]:
    """The sprms set to a non-zero first operand byte in the PAPX at ``where``."""
    size = fkp[where]
    start = where + 1
    if size == 0:
        size, start = fkp[where + 1] * 2, where + 2
    else:
        size = size * 2 - 1
    grpprl = fkp[start + 2 : start + size]  # after the style index
    found: set[int] = set()
    position = 0
    while position + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, position)[0]
        position += 2
        operand = _operand_size(sprm, grpprl, position)
        if position < len(grpprl) and grpprl[position]:
            found.add(sprm)
        position += operand
    return found


def _operand_size(sprm: int, grpprl: bytes, position: int) -> int:
    spra = sprm >> 13
    if spra in (0, 1):
        return 1
    if spra in (2, 4, 5):
        return 2
    if spra == 3:
        return 4
    if spra == 7:
        return 3
    if position >= len(grpprl):
        return 0
    if sprm == 0xD608:  # sprmTDefTable: a two-byte size
        return int(struct.unpack_from("<H", grpprl, position)[0]) + 1
    return grpprl[position] + 1


# -------------------------------------------------------------------------------- text


def _build(text: str, fcs: list[int], marks: _Marks) -> DocumentText:
    """Paragraphs one per line, table rows as pipe rows."""
    builder = DocumentBuilder("doc")
    paragraph: list[str] = []
    cells: list[tuple[int, str | None]] = []
    table = rows = 0
    depth = 0  # inside a field's code (between U+0013 and U+0014)
    for index, char in enumerate(text):
        if char == "\x13":
            depth += 1
            continue
        if char == "\x14":
            depth = max(depth - 1, 0)
            continue
        if char == "\x15":
            depth = max(depth - 1, 0)
            continue
        if depth:
            continue
        if char == "\x07":
            if marks.holds(fcs[index], row_end=True):
                if not table:
                    table = builder.new_table()
                rows += 1
                builder.row(table, rows, cells)
                cells = []
            else:
                cells.append((len(cells) + 1, _clean("".join(paragraph))))
            paragraph = []
            continue
        if char in "\r\x0c":
            if marks.holds(fcs[index], row_end=False):  # a cell's paragraph: the cell goes on
                paragraph.append("\n")
                continue
            if table and paragraph:
                table = rows = 0
            if paragraph:
                builder.paragraph(_clean("".join(paragraph)))
            elif table:
                table = rows = 0
            paragraph = []
            continue
        paragraph.append(char)
    if cells and table:
        rows += 1
        builder.row(table, rows, cells)
    if paragraph:
        builder.paragraph(_clean("".join(paragraph)))
    return builder.build()


_REPLACED = str.maketrans(
    {
        "\x0b": "\n",  # a manual line break
        "\x1e": "-",  # a non-breaking hyphen
        "\x1f": None,  # an optional hyphen
        "\xa0": " ",
        "\x01": None,  # a picture's anchor
        "\x08": None,  # a drawing's anchor
        "\x02": None,  # a footnote reference mark
        "\x05": None,  # a comment's anchor
    }
)


def _clean(text: str) -> str:
    return text.translate(_REPLACED)
