"""OFD (GB/T 33190, China's fixed-layout format) → DocumentText.

An OFD file is a zip of XML: OFD.xml names each document's Document.xml (DocBody/DocRoot),
which lists its pages (Pages/Page, BaseLoc); a page's Content holds layers of TextObjects,
each with a Boundary ("x y width height", millimetres from the page's top left), a font Size,
and TextCode runs whose X/Y place the first character's baseline within the boundary and
whose DeltaX gives the advance to each next character ("g 5 3.17" repeats 3.17 five times).

Characters are placed on the page from these, gathered into visual lines by baseline, and
laid out as a scan's recognised characters are (ocr_layout: paragraphs re-joined, table rows
rebuilt from positions), without the repairs and doubts that only recognition needs. The zip
and its XML pass the same checks as a .docx first (safety.check_package), and every XML part
is parsed with defusedxml.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Callable
from typing import Any, NamedTuple

from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
from defusedxml.ElementTree import ParseError, fromstring  # type: ignore[import-untyped]

from jixiao.domain.errors import UnreadableInput
from jixiao.intake.document import DocumentText
from jixiao.intake.readers.ocr_layout import Glyph, OcrLine, OcrPage, layout
from jixiao.intake.readers.safety import check_package

MAX_PAGES = 500
Progress = Callable[[int, int], None]  # (pages recognised, pages in all): scanned OFD only
_SCALE = 20  # positions are kept in 1/20 mm (integers, as the layout's boxes are)
_DEFAULT_PAGE = (210.0, 297.0)  # A4, when a document does not say
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE]-?\d+)?")
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


class _Char(NamedTuple):
    char: str
    x: float  # left, mm
    baseline: float  # mm from the top
    size: float
    width: float


def read_ofd(
    data: bytes, *, label: str, progress: Progress | None = None, ocr: bool = True
) -> DocumentText:
    """Read an OFD file (already sniffed as a zip holding OFD.xml). An OFD made from a scan
    (each page an image, no text objects) is read through OCR: the largest image of each
    page (``ocr=False``: only checked that every one decodes)."""
    check_package(data, label=label)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            found = list(_pages(archive, label))
            pages = [page for page, _ in found]
            scans = [archive.read(image) for _, image in found if image is not None]
    except UnreadableInput:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as error:
        raise UnreadableInput(_damaged(label)) from error
    if not any(page.lines for page in pages):
        if scans:
            return _recognised(scans, label=label, progress=progress, ocr=ocr)
        raise UnreadableInput(
            f"{label}中没有文字对象，也没有扫描图像：请提交带文字的 OFD、"
            "PDF 或 Word 文件，或直接提交扫描得到的 PDF/图片"
        )
    return layout(pages, format="ofd", recognised=False)


def _recognised(
    scans: list[bytes], *, label: str, progress: Progress | None, ocr: bool
) -> DocumentText:
    """The pages' images, recognised as a scanned PDF's pages are."""
    from jixiao.intake.readers import ocr as recogniser  # noqa: PLC0415 (seconds to import)

    if len(scans) > recogniser.MAX_PAGES:
        raise UnreadableInput(
            f"{label}有 {len(scans)} 页扫描图像，超过 {recogniser.MAX_PAGES} 页上限："
            "请只提交绩效报告正文及其附表"
        )
    images = [next(iter(recogniser.frames(scan, label=label))) for scan in scans]
    if not ocr:
        return DocumentText(text="", format="ofd", reader="ocr")
    return recogniser.recognise(images, label=label, kind="ofd", progress=progress)


def _damaged(label: str) -> str:
    return f"{label}已损坏，不是完整的 OFD 文件：请重新导出或重新下载后再提交"


def _xml(archive: zipfile.ZipFile, name: str, label: str) -> Any:
    try:
        return fromstring(archive.read(name), forbid_dtd=True)
    except (DefusedXmlException, ParseError) as error:
        raise UnreadableInput(_damaged(label)) from error


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: Any, name: str) -> list[Any]:
    return [child for child in element.iter() if _local(child.tag) == name]


def _resolve(base: str, location: str) -> str:
    location = location.strip()
    if location.startswith("/"):
        return location.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), location))


def _pages(archive: zipfile.ZipFile, label: str) -> Any:
    """(each page's text, the zip name of its largest image or None)."""
    root = _xml(archive, "OFD.xml", label)
    count = 0
    for doc_root in _children(root, "DocRoot"):
        document_name = _resolve("OFD.xml", doc_root.text or "")
        document = _xml(archive, document_name, label)
        size = _page_size(document)
        media = _media(archive, document_name, document, label)
        for page in _children(document, "Page"):
            count += 1
            if count > MAX_PAGES:
                raise UnreadableInput(f"{label}超过 {MAX_PAGES} 页：请只提交报告正文")
            location = page.get("BaseLoc")
            if not location:
                continue
            content = _xml(archive, _resolve(document_name, location), label)
            yield (
                _page(content, _page_size(content) or size or _DEFAULT_PAGE),
                _image(content, media),
            )


def _media(
    archive: zipfile.ZipFile, document_name: str, document: Any, label: str
) -> dict[str, str]:
    """The document's images: resource ID → zip name (DocumentRes and PublicRes files,
    each with a BaseLoc folder for its MultiMedia's MediaFile)."""
    names = set(archive.namelist())
    media: dict[str, str] = {}
    for kind in ("DocumentRes", "PublicRes"):
        for reference in _children(document, kind):
            res_name = _resolve(document_name, reference.text or "")
            if res_name not in names:
                continue
            res = _xml(archive, res_name, label)
            base = (res.get("BaseLoc") or "").strip().strip("/")
            for item in _children(res, "MultiMedia"):
                files = _children(item, "MediaFile")
                location = (files[0].text or "").strip() if files else ""
                if not location:
                    continue
                if not location.startswith("/") and base:
                    location = f"{base}/{location}"
                path = _resolve(res_name, location)
                if path in names and item.get("ID"):
                    media[str(item.get("ID"))] = path
    return media


def _image(content: Any, media: dict[str, str]) -> str | None:
    """The zip name of the page's largest image (a scanned page is one image)."""
    best: tuple[float, str | None] = (0.0, None)
    for image in _children(content, "ImageObject"):
        numbers = [float(n) for n in _NUMBER.findall(image.get("Boundary", ""))]
        area = numbers[2] * numbers[3] if len(numbers) == 4 else 0.0
        path = media.get(str(image.get("ResourceID", "")))
        if path is not None and area >= best[0]:
            best = (area, path)
    return best[1]


def _page_size(element: Any) -> tuple[float, float] | None:
    for box in _children(element, "PhysicalBox"):
        numbers = [float(n) for n in _NUMBER.findall(box.text or "")]
        if len(numbers) == 4 and numbers[2] > 0 and numbers[3] > 0:
            return numbers[2], numbers[3]
    return None


def _page(content: Any, size: tuple[float, float]) -> OcrPage:
    chars = [
        char for text_object in _children(content, "TextObject") for char in _chars(text_object)
    ]
    return OcrPage(
        width=round(size[0] * _SCALE), height=round(size[1] * _SCALE), lines=_lines(chars)
    )


def _chars(text_object: Any) -> list[_Char]:
    boundary = [float(n) for n in _NUMBER.findall(text_object.get("Boundary", ""))]
    if len(boundary) < 2:
        return []
    left, top = boundary[0], boundary[1]
    size = float(text_object.get("Size", "0") or 0) or 3.5
    ctm = [float(n) for n in _NUMBER.findall(text_object.get("CTM", ""))]
    scale = ctm[0] if len(ctm) == 6 and ctm[0] > 0 else 1.0  # a plain scaling CTM
    chars: list[_Char] = []
    x = y = 0.0
    for code in _children(text_object, "TextCode"):
        text = code.text or ""
        x = float(code.get("X", x))
        y = float(code.get("Y", y))
        deltas = _deltas(code.get("DeltaX", ""))
        for index, char in enumerate(text):
            natural = size if _WIDE.match(char) else size * 0.5
            step = deltas[index] if index < len(deltas) else natural
            if not char.isspace():
                chars.append(
                    _Char(char, left + x * scale, top + y * scale, size * scale, natural * scale)
                )
            x += step
    return chars


def _deltas(spec: str) -> list[float]:
    """DeltaX as a list of advances ("g N v" is N times v)."""
    tokens = spec.split()
    out: list[float] = []
    index = 0
    while index < len(tokens):
        if tokens[index] == "g" and index + 2 < len(tokens):
            out.extend([float(tokens[index + 2])] * min(int(float(tokens[index + 1])), 100_000))
            index += 3
            continue
        if _NUMBER.fullmatch(tokens[index]):
            out.append(float(tokens[index]))
        index += 1
    return out


def _lines(chars: list[_Char]) -> list[OcrLine]:
    """Characters on one baseline, left to right, as lines of glyphs (boxes in 1/20 mm;
    a gap wider than a third of the font size becomes a space)."""
    rows: list[list[_Char]] = []
    for char in sorted(chars, key=lambda c: (round(c.baseline, 1), c.x)):
        if rows and abs(rows[-1][0].baseline - char.baseline) < 0.3 * char.size:
            rows[-1].append(char)
        else:
            rows.append([char])
    lines = []
    space = Glyph(" ", 1.0, None)
    for row in rows:
        glyphs: list[Glyph] = []
        end = None  # where the previous character ends, mm
        top = bottom = 0
        for letter, x, baseline, size, width in sorted(row, key=lambda c: c.x):
            if end is not None and x - end > size / 3:
                glyphs.append(space)
            top = int((baseline - 0.88 * size) * _SCALE + 0.5)
            bottom = int((baseline + 0.12 * size) * _SCALE + 0.5)
            box = (int(x * _SCALE + 0.5), top, int((x + width) * _SCALE + 0.5), bottom)
            glyphs.append(Glyph(letter, 1.0, box))
            end = x + width
        boxes = [g.box for g in glyphs if g.box is not None]
        bounds = (
            boxes[0][0],
            min(b[1] for b in boxes),
            boxes[-1][2],
            max(b[3] for b in boxes),
        )
        lines.append(OcrLine.of(glyphs, bounds))
    return lines
