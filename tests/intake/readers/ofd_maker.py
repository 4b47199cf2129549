"""OFD test files from a report's text, written by hand from GB/T 33190 (not by jixiao).

A4 pages, 25 mm margins; body text 4.2 mm (12 pt), wrapped greedily at the margin (never
inside a Latin word or figure), first lines indented two characters; pipe tables as ruled
tables (PathObjects for the rules, one TextObject per cell line at 2.5 mm, Word's default
cell margins of 1.9 mm); a page number at the foot. Each line is one TextObject whose
TextCode carries DeltaX advances, runs of equal advances written in the "g N v" short form.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.sax.saxutils import escape

from tests.intake.readers.makers import _HEADING, _WORDS, blocks

NS = "http://www.ofdspec.org/2016"
WIDTH, HEIGHT, MARGIN = 210.0, 297.0, 25.0
BODY, SMALL, LEADING = 4.2, 2.5, 7.0
PAD = 1.9  # a table cell's left and right margin
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


def _advance(char: str, size: float) -> float:
    return size if _WIDE.match(char) else size * 0.5


def _width(text: str, size: float) -> float:
    return sum(_advance(c, size) for c in text)


class _Pages:
    def __init__(self) -> None:
        self.pages: list[list[str]] = [[]]
        self.y = MARGIN
        self.ids = 10

    def _id(self) -> int:
        self.ids += 1
        return self.ids

    def room(self, needed: float) -> None:
        if self.y + needed > HEIGHT - MARGIN:
            self.pages.append([])
            self.y = MARGIN

    def text(self, x: float, baseline: float, text: str, size: float) -> None:
        deltas = _delta_spec([_advance(c, size) for c in text[:-1]])
        width = _width(text, size)
        self.pages[-1].append(
            f'<ofd:TextObject ID="{self._id()}" Boundary="{x:.2f} {baseline - size:.2f} '
            f'{width:.2f} {size * 1.2:.2f}" Font="1" Size="{size}">'
            f'<ofd:TextCode X="0" Y="{size:.2f}" DeltaX="{deltas}">{escape(text)}</ofd:TextCode>'
            "</ofd:TextObject>"
        )

    def rule(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.pages[-1].append(
            f'<ofd:PathObject ID="{self._id()}" Boundary="{min(x0, x1):.2f} {min(y0, y1):.2f} '
            f'{abs(x1 - x0) + 0.1:.2f} {abs(y1 - y0) + 0.1:.2f}" LineWidth="0.2">'
            f"<ofd:AbbreviatedData>M 0 0 L {abs(x1 - x0):.2f} {abs(y1 - y0):.2f}"
            "</ofd:AbbreviatedData></ofd:PathObject>"
        )


def _delta_spec(deltas: list[float]) -> str:
    out: list[str] = []
    index = 0
    while index < len(deltas):
        run = 1
        while index + run < len(deltas) and deltas[index + run] == deltas[index]:
            run += 1
        if run >= 3:
            out.append(f"g {run} {deltas[index]:g}")
        else:
            out.extend(f"{d:g}" for d in deltas[index : index + run])
        index += run
    return " ".join(out)


def _wrap(text: str, width: float, size: float, indent: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in _WORDS.findall(text):
        room = width - (indent if not lines else 0.0)
        if current and _width(current + word, size) > room:
            lines.append(current)
            current = word.lstrip(" ")
        else:
            current += word
    if current:
        lines.append(current)
    return lines


def ofd_from_text(text: str) -> bytes:
    pages = _Pages()
    usable = WIDTH - 2 * MARGIN
    for kind, content in blocks(text):
        if kind == "p":
            line = str(content[0])
            if not line.strip():
                pages.y += LEADING / 2
                continue
            indent = 0.0 if _HEADING.match(line) else 2 * BODY
            for number, piece in enumerate(_wrap(line, usable, BODY, indent)):
                pages.room(LEADING)
                x = MARGIN + (indent if number == 0 else 0.0)
                pages.text(x, pages.y + BODY, piece, BODY)
                pages.y += LEADING
            continue
        rows = content
        columns = max(len(row) for row in rows)
        column_width = usable / columns
        for row in rows:
            wrapped = [
                _wrap(row[i] if i < len(row) else "", column_width - 2 * PAD, SMALL, 0.0)
                for i in range(columns)
            ]
            height = max(1, *(len(w) for w in wrapped)) * (SMALL + 1.2) + 2.4
            pages.room(height)
            top = pages.y
            for index, lines in enumerate(wrapped):
                x = MARGIN + index * column_width
                for number, piece in enumerate(lines):
                    pages.text(x + PAD, top + 1.2 + SMALL + number * (SMALL + 1.2), piece, SMALL)
                pages.rule(x, top, x, top + height)
            pages.rule(MARGIN, top, MARGIN + usable, top)
            pages.rule(MARGIN, top + height, MARGIN + usable, top + height)
            pages.rule(MARGIN + usable, top, MARGIN + usable, top + height)
            pages.y += height
        pages.y += LEADING / 2
    return _package(pages.pages)


def _package(pages: list[list[str]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0" '
            'DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>test</ofd:DocID></ofd:DocInfo>'
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
        listing = "".join(
            f'<ofd:Page ID="{n + 1}" BaseLoc="Pages/Page_{n}/Content.xml"/>'
            for n in range(len(pages))
        )
        archive.writestr(
            "Doc_0/Document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}">'
            f"<ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 {WIDTH} {HEIGHT}"
            "</ofd:PhysicalBox></ofd:PageArea><ofd:MaxUnitID>1</ofd:MaxUnitID>"
            f"</ofd:CommonData><ofd:Pages>{listing}</ofd:Pages></ofd:Document>",
        )
        for number, objects in enumerate(pages):
            footer = (
                f'<ofd:TextObject ID="1" Boundary="100 275 10 5" Font="1" Size="3.5">'
                f'<ofd:TextCode X="0" Y="3.5">- {number + 1} -</ofd:TextCode></ofd:TextObject>'
            )
            archive.writestr(
                f"Doc_0/Pages/Page_{number}/Content.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}"><ofd:Content>'
                f'<ofd:Layer ID="2">{"".join(objects)}{footer}</ofd:Layer>'
                "</ofd:Content></ofd:Page>",
            )
    return buffer.getvalue()


def scanned_ofd_from_text(text: str, *, seed: int = 0) -> bytes:
    """An OFD as a scanner's software writes one: each page a scanned image (scans.py) in
    an ImageObject filling the page, the images listed in DocumentRes.xml (MultiMedia,
    under its BaseLoc folder), no text objects."""
    import random

    from tests.intake.readers.scans import page_images, scanned

    rng = random.Random(seed)
    images = []
    for picture in page_images(text, dpi=200):
        buffer = io.BytesIO()
        scanned(picture, rng).save(buffer, "PNG")  # type: ignore[attr-defined]
        images.append(buffer.getvalue())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0" '
            'DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>scan</ofd:DocID></ofd:DocInfo>'
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
        listing = "".join(
            f'<ofd:Page ID="{n + 1}" BaseLoc="Pages/Page_{n}/Content.xml"/>'
            for n in range(len(images))
        )
        archive.writestr(
            "Doc_0/Document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}">'
            f"<ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 {WIDTH} {HEIGHT}"
            "</ofd:PhysicalBox></ofd:PageArea><ofd:MaxUnitID>1</ofd:MaxUnitID>"
            "<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>"
            f"</ofd:CommonData><ofd:Pages>{listing}</ofd:Pages></ofd:Document>",
        )
        media = "".join(
            f'<ofd:MultiMedia ID="{100 + n}" Type="Image" Format="PNG">'
            f"<ofd:MediaFile>Image_{n}.png</ofd:MediaFile></ofd:MultiMedia>"
            for n in range(len(images))
        )
        archive.writestr(
            "Doc_0/DocumentRes.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{NS}" BaseLoc="Res">'
            f"<ofd:MultiMedias>{media}</ofd:MultiMedias></ofd:Res>",
        )
        for number, image in enumerate(images):
            archive.writestr(f"Doc_0/Res/Image_{number}.png", image)
            archive.writestr(
                f"Doc_0/Pages/Page_{number}/Content.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}"><ofd:Content>'
                f'<ofd:Layer ID="2"><ofd:ImageObject ID="3" Boundary="0 0 {WIDTH} {HEIGHT}" '
                f'CTM="{WIDTH} 0 0 {HEIGHT} 0 0" ResourceID="{100 + number}"/></ofd:Layer>'
                "</ofd:Content></ofd:Page>",
            )
    return buffer.getvalue()
