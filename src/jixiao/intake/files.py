"""From a file to a DocumentText, by what the file IS, with a clear refusal otherwise.

The content decides the reader, not the extension: a .docx saved as "报告.txt" or a PDF
named ".doc" is read as what it is. A file that claims a binary format (.docx, .xlsx,
.pdf) but holds plain text or a web page is refused: it is a broken download or export,
and reading it as text would quote whatever it happens to hold.

Readers: plain text; .docx; .xlsx; PDF (its text layer, or OCR for a scan); photographs
and scans (.jpg/.png/.tif/.bmp/.gif, OCR); Word 97 .doc and WPS .wps (an OLE container
holding a WordDocument stream); .xls and WPS .et (a Workbook stream); OFD (a zip of XML).
OCR takes seconds a page: ``progress`` hears (pages done, pages in all) as it goes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from jixiao.domain.errors import UnreadableInput, UnsupportedFormat
from jixiao.intake.document import DocumentText
from jixiao.intake.readers.safety import OLE_MAGIC, is_encrypted_office, password_message
from jixiao.intake.readers.text import MAX_BYTES, DecodedText, decode

Progress = Callable[[int, int], None]

_LEGACY = {
    ".doc": ("Word 97-2003 文档（.doc）", ".docx", "Word 或 WPS"),
    ".wps": ("WPS 文字文档（.wps）", ".docx", "WPS 或 Word"),
    ".xls": ("Excel 97-2003 工作簿（.xls）", ".xlsx", "Excel 或 WPS"),
    ".et": ("WPS 表格（.et）", ".xlsx", "WPS 或 Excel"),
}
_CLAIMS = {
    ".docx": "Word 文档",
    ".docm": "Word 文档",
    ".xlsx": "Excel 工作簿",
    ".xlsm": "Excel 工作簿",
    ".pdf": "PDF 文件",
}
_IMAGES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff"}
_IMAGE_MAGICS = (
    b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF87a", b"GIF89a",
)  # fmt: skip
_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
# Every extension a report may come in: for upload forms and batch imports.
READABLE_SUFFIXES = (
    ".txt", ".docx", ".pdf", ".xlsx", ".doc", ".wps", ".xls", ".et", ".ofd",
    ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".gif",
)  # fmt: skip


def read_document(
    path: Path, *, progress: Progress | None = None, ocr: bool = True
) -> DocumentText:
    """The text of a report file in any format jixiao reads (see the module docstring), or
    UnreadableInput with what to do next."""
    if not path.exists():
        raise UnreadableInput(f"找不到文件“{path}”：请检查文件名和路径")
    if path.is_dir():
        raise UnreadableInput(f"“{path}”是文件夹，不是报告文件：请指定其中的报告文件")
    try:
        size = path.stat().st_size
    except OSError as error:
        raise UnreadableInput(
            f"无法读取“{path.name}”：{error.strerror or '文件不可访问'}"
        ) from error
    if size > MAX_BYTES:
        raise UnreadableInput(
            f"“{path.name}”有 {size / 1024 / 1024:.0f} MB，超过 50 MB 上限：请只提交报告正文"
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableInput(
            f"无法读取“{path.name}”：{error.strerror or '文件不可访问'}"
        ) from error
    return read_document_bytes(data, name=path.name, progress=progress, ocr=ocr)


def read_document_bytes(
    data: bytes, *, name: str, progress: Progress | None = None, ocr: bool = True
) -> DocumentText:
    """The same for bytes (an upload): ``name`` gives the extension and the messages' label.
    ``ocr=False`` checks a scan or photograph (it opens, it is not a bomb) without
    recognising it: the result is then an empty text whose reader is "ocr"."""
    label = f"“{name}”" if name else "文件"
    suffix = Path(name).suffix.lower()
    if len(data) > MAX_BYTES:
        raise UnreadableInput(f"{label}超过 50 MB 上限：请只提交报告正文")
    # PDF readers accept junk before the header within the first 1 KB (a bad download's
    # HTTP header); a text that merely mentions "%PDF-" must not count.
    if data.startswith(_PDF_MAGIC) or (suffix == ".pdf" and _PDF_MAGIC in data[:1024]):
        from jixiao.intake.readers.pdf import read_pdf  # noqa: PLC0415 (see _read_package)

        return read_pdf(data, label=label, progress=progress, ocr=ocr)
    if data.startswith(_ZIP_MAGIC):
        return _read_package(data, label, progress=progress, ocr=ocr)
    if data.startswith(OLE_MAGIC):
        return _read_ole(data, label, suffix)
    if (
        data.startswith(_IMAGE_MAGICS)
        or (data.startswith(b"BM") and suffix == ".bmp")
        or (suffix in _IMAGES and not data.strip(b"\0 \r\n\t").startswith(b"<"))
    ):
        from jixiao.intake.readers.ocr import read_image  # noqa: PLC0415 (see _read_package)

        return read_image(data, label=label, progress=progress, ocr=ocr)
    if data.startswith(b"{\\rtf"):
        raise UnsupportedFormat(f"{label}是 RTF 文档：请用 Word 或 WPS 打开后另存为 .docx 再提交")
    if suffix in _LEGACY:
        # Not an OLE container: a web page or text saved under an old Office name.
        kind, target, program = _LEGACY[suffix]
        raise UnsupportedFormat(
            f"{label}的扩展名是 {suffix}，但内容不是{kind}（可能是网页或其他格式另存而来）："
            f"请用 {program} 打开后另存为 {target} 再提交"
        )
    if suffix in _CLAIMS and data.strip():
        raise UnreadableInput(
            f"{label}的扩展名是 {suffix}，但内容不是{_CLAIMS[suffix]}（可能是网页或纯文本，"
            "或下载不完整）：请重新导出或下载该文件后再提交"
        )
    decoded = decode(data, name=name)
    return DocumentText(text=decoded.text, format="text", encoding=decoded.encoding)


def read_text_document(path: Path) -> DecodedText:
    """The decoded text of a report file (any readable format); kept for callers that
    need no pages or cells. ``encoding`` is the text's encoding, or the file format."""
    document = read_document(path)
    return DecodedText(text=document.text, encoding=document.encoding or document.format)


def _read_package(
    data: bytes, label: str, *, progress: Progress | None = None, ocr: bool = True
) -> DocumentText:
    """A zip: a Word document, an Excel workbook, or something to refuse."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise UnreadableInput(
            f"{label}已损坏，无法打开：请在 Word/WPS/Excel 中重新保存，或重新导出后再提交"
        ) from error
    # Each reader is imported when a file needs it: openpyxl, python-docx and pdfium take
    # a third of a second or more to import, which a batch of text reports need not pay.
    if any(n.startswith("word/") for n in names):
        from jixiao.intake.readers.docx import read_docx  # noqa: PLC0415

        return read_docx(data, label=label)
    if any(n.startswith("xl/") for n in names):
        from jixiao.intake.readers.xlsx import read_xlsx  # noqa: PLC0415

        return read_xlsx(data, label=label)
    if "OFD.xml" in names:
        from jixiao.intake.readers.ofd import read_ofd  # noqa: PLC0415

        return read_ofd(data, label=label, progress=progress, ocr=ocr)
    if any(n.startswith("ppt/") for n in names):
        raise UnsupportedFormat(
            f"{label}是 PowerPoint 演示文稿：请提交 .docx、.pdf 或 .xlsx 格式的报告"
        )
    if "mimetype" in names or "content.xml" in names:
        raise UnsupportedFormat(
            f"{label}是 OpenDocument/WPS 开放格式文档：请另存为 .docx 或 .xlsx 再提交"
        )
    raise UnsupportedFormat(f"{label}是 ZIP 压缩包：请解压后提交其中的报告文件")


def _read_ole(data: bytes, label: str, suffix: str) -> DocumentText:
    """An OLE container: a Word 97 or WPS document, an Excel 97 or WPS workbook, a
    password-protected .docx/.xlsx, or something to refuse."""
    if is_encrypted_office(data):
        raise UnsupportedFormat(password_message(label))
    from jixiao.intake.readers.ole import stream_names  # noqa: PLC0415

    streams = stream_names(data, label=label)
    if "WordDocument" in streams:
        from jixiao.intake.readers.doc import read_doc  # noqa: PLC0415

        return read_doc(data, label=label, reader="wps" if suffix == ".wps" else "doc")
    if "Workbook" in streams or "Book" in streams:
        from jixiao.intake.readers.xls import read_xls  # noqa: PLC0415

        return read_xls(data, label=label, reader="et" if suffix == ".et" else "xls")
    if "PowerPoint Document" in streams:
        raise UnsupportedFormat(
            f"{label}是 PowerPoint 演示文稿：请提交 .docx、.doc、.pdf 或 .xlsx 格式的报告"
        )
    raise UnsupportedFormat(
        f"{label}是无法识别的 Office 97-2003 格式文件：请用 Word、Excel 或 WPS 打开后"
        "另存为 .docx 或 .xlsx 再提交"
    )
