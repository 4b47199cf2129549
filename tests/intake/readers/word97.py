"""A minimal Word 97 (.doc) writer and OLE compound-file writer, for tests only.

Written from the published formats ([MS-CFB], [MS-DOC]), independently of jixiao's reader:
an OLE container of 512-byte sectors (every stream at least 4096 bytes, so no mini stream)
holding a WordDocument stream (a FIB, the text as one UTF-16 piece, and FKP pages of
paragraph properties) and a 1Table stream (the piece table and the paragraph bin table).
Tables are written as Word writes them: each cell's text ends with U+0007, and each row
with one more U+0007 paragraph that carries sprmPFTtp; cell paragraphs carry sprmPFInTable.
"""

from __future__ import annotations

import struct

from tests.intake.readers.makers import blocks

SECTOR = 512
END_OF_CHAIN = 0xFFFFFFFE
FREE = 0xFFFFFFFF
FAT_SECTOR = 0xFFFFFFFD
NO_STREAM = 0xFFFFFFFF
MINIMUM_STREAM = 4096

_PLAIN, _IN_TABLE, _ROW_END = 0, 1, 2
# GrpPrlAndIstd of each kind of paragraph: istd 0, then the sprms.
_GRPPRL = {
    _PLAIN: struct.pack("<H", 0),
    _IN_TABLE: struct.pack("<HHB", 0, 0x2416, 1),
    _ROW_END: struct.pack("<HHBHB", 0, 0x2416, 1, 0x2417, 1),
}
_TEXT_FC = 1024


def doc_from_text(text: str, *, encrypted: bool = False) -> bytes:
    """A .doc of the text: one paragraph per line, each block of pipe rows a Word table."""
    chars: list[str] = []
    kinds: list[int] = []  # one per paragraph, in order

    def paragraph(body: str, end: str, kind: int) -> None:
        chars.extend(body + end)
        kinds.append(kind)

    for kind, content in blocks(text):
        if kind == "p":
            paragraph(str(content[0]), "\r", _PLAIN)
            continue
        width = max(len(row) for row in content)
        for row in content:
            for index in range(width):
                paragraph(row[index] if index < len(row) else "", "\x07", _IN_TABLE)
            paragraph("", "\x07", _ROW_END)
    body = "".join(chars)
    return ole_file(_streams(body, kinds, encrypted=encrypted))


def _streams(body: str, kinds: list[int], *, encrypted: bool) -> dict[str, bytes]:
    text = body.encode("utf-16-le")
    # Paragraph ends, as byte offsets in WordDocument (each paragraph ends after its mark).
    ends: list[int] = []
    for index, char in enumerate(body):
        if char in "\r\x07":
            ends.append(_TEXT_FC + 2 * (index + 1))
    starts = [_TEXT_FC, *ends[:-1]]
    fkp_start = (_TEXT_FC + len(text) + SECTOR - 1) // SECTOR * SECTOR
    pages: list[bytes] = []
    page_fcs: list[int] = []
    per_page = 24
    for first in range(0, len(ends), per_page):
        chunk = range(first, min(first + per_page, len(ends)))
        page_fcs.append(starts[first])
        pages.append(
            _fkp([starts[i] for i in chunk] + [ends[chunk[-1]]], [kinds[i] for i in chunk])
        )
    page_fcs.append(ends[-1])
    word = bytearray(fkp_start + SECTOR * len(pages))
    word[_TEXT_FC : _TEXT_FC + len(text)] = text
    for number, page in enumerate(pages):
        word[fkp_start + SECTOR * number : fkp_start + SECTOR * (number + 1)] = page

    # 1Table: the bin table, then the piece table (one uncompressed piece).
    bin_table = struct.pack(f"<{len(page_fcs)}I", *page_fcs) + struct.pack(
        f"<{len(pages)}I", *[fkp_start // SECTOR + n for n in range(len(pages))]
    )
    plc_pcd = struct.pack("<II", 0, len(body)) + struct.pack("<HIH", 0, _TEXT_FC, 0)
    clx = b"\x02" + struct.pack("<I", len(plc_pcd)) + plc_pcd
    table = bin_table + clx
    _fib(word, ccp_text=len(body), clx=(len(bin_table), len(clx)), papx=(0, len(bin_table)))
    flags = 0x0200 | (0x0100 if encrypted else 0)  # 1Table; encrypted
    struct.pack_into("<H", word, 10, flags)
    return {"WordDocument": bytes(word), "1Table": table}


def _fib(word: bytearray, *, ccp_text: int, clx: tuple[int, int], papx: tuple[int, int]) -> None:
    struct.pack_into("<HH", word, 0, 0xA5EC, 0x00C1)  # wIdent, nFib (Word 97)
    struct.pack_into("<H", word, 32, 14)  # csw
    struct.pack_into("<H", word, 62, 22)  # cslw
    struct.pack_into("<i", word, 64 + 12, ccp_text)  # fibRgLw.ccpText
    struct.pack_into("<H", word, 152, 93)  # cbRgFcLcb
    struct.pack_into("<II", word, 154 + 13 * 8, *papx)  # fcPlcfBtePapx, lcbPlcfBtePapx
    struct.pack_into("<II", word, 154 + 33 * 8, *clx)  # fcClx, lcbClx


def _fkp(fcs: list[int], kinds: list[int]) -> bytes:
    """One PapxFkp page: the paragraphs' FCs, their BxPap entries, the PAPXs at the end."""
    page = bytearray(SECTOR)
    runs = len(kinds)
    struct.pack_into(f"<{runs + 1}I", page, 0, *fcs)
    offsets: dict[int, int] = {}
    position = 511
    for kind, grpprl in _GRPPRL.items():
        if len(grpprl) % 2 == 0:
            papx = bytes([0, len(grpprl) // 2]) + grpprl  # cb = 0, cb' = size / 2
        else:
            papx = bytes([(len(grpprl) + 1) // 2]) + grpprl  # size = 2 cb - 1
        position = (position - len(papx)) // 2 * 2
        page[position : position + len(papx)] = papx
        offsets[kind] = position // 2
    for index, kind in enumerate(kinds):
        page[4 * (runs + 1) + 13 * index] = offsets[kind]
    page[511] = runs
    return bytes(page)


# -------------------------------------------------------------------------------- OLE


def ole_file(streams: dict[str, bytes], *, claimed_sizes: dict[str, int] | None = None) -> bytes:
    """An OLE compound file (version 3) with the streams at its root. ``claimed_sizes``
    writes a different size into a stream's directory entry (a lying, malicious file)."""
    names = sorted(streams, key=lambda name: (len(name), name.upper()))
    data = bytearray()
    chains: list[tuple[int, int]] = []  # (first sector, sectors)
    for name in names:
        content = streams[name].ljust(MINIMUM_STREAM, b"\0")
        sectors = (len(content) + SECTOR - 1) // SECTOR
        chains.append((len(data) // SECTOR, sectors))
        data += content.ljust(sectors * SECTOR, b"\0")
    entries = 1 + len(names)
    directory_sectors = (entries * 128 + SECTOR - 1) // SECTOR
    used = len(data) // SECTOR + directory_sectors
    fat_sectors = 1
    while used + fat_sectors > fat_sectors * (SECTOR // 4):
        fat_sectors += 1
    first_directory = len(data) // SECTOR
    first_fat = first_directory + directory_sectors
    fat = [FREE] * (fat_sectors * SECTOR // 4)
    for start, count in [*chains, (first_directory, directory_sectors)]:
        for sector in range(start, start + count):
            fat[sector] = sector + 1 if sector + 1 < start + count else END_OF_CHAIN
    for sector in range(first_fat, first_fat + fat_sectors):
        fat[sector] = FAT_SECTOR

    directory = bytearray()
    # A balanced-enough tree: the root's child is the first stream, each the next's left.
    directory += _entry("Root Entry", 5, child=1 if names else NO_STREAM, start=END_OF_CHAIN)
    for index, name in enumerate(names):
        start, _ = chains[index]
        size = (claimed_sizes or {}).get(name, max(len(streams[name]), MINIMUM_STREAM))
        right = index + 2 if index + 1 < len(names) else NO_STREAM
        directory += _entry(name, 2, right=right, start=start, size=size)
    directory = directory.ljust(directory_sectors * SECTOR, b"\0")
    for slot in range(entries, directory_sectors * SECTOR // 128):
        struct.pack_into("<III", directory, slot * 128 + 68, NO_STREAM, NO_STREAM, NO_STREAM)

    header = bytearray(SECTOR)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x003E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 44, fat_sectors)
    struct.pack_into("<I", header, 48, first_directory)
    struct.pack_into("<I", header, 56, MINIMUM_STREAM)
    struct.pack_into("<III", header, 60, END_OF_CHAIN, 0, END_OF_CHAIN)
    struct.pack_into("<I", header, 72, 0)
    difat = [first_fat + n for n in range(fat_sectors)] + [FREE] * (109 - fat_sectors)
    struct.pack_into("<109I", header, 76, *difat)
    body = bytes(data) + bytes(directory) + struct.pack(f"<{len(fat)}I", *fat)
    return bytes(header) + body


def _entry(
    name: str,
    kind: int,
    *,
    left: int = NO_STREAM,
    right: int = NO_STREAM,
    child: int = NO_STREAM,
    start: int,
    size: int = 0,
) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    entry = bytearray(128)
    entry[: len(encoded)] = encoded
    struct.pack_into("<HBB", entry, 64, len(encoded), kind, 1)
    struct.pack_into("<III", entry, 68, left, right, child)
    struct.pack_into("<IQ", entry, 116, start, size)
    return bytes(entry)
