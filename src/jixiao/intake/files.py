"""From a path to decoded text, refusing what cannot be a report with a clear message."""

from __future__ import annotations

from pathlib import Path

from jixiao.domain.errors import UnreadableInput, UnsupportedFormat
from jixiao.intake.readers.text import MAX_BYTES, DecodedText, decode

_LEGACY = {
    ".doc": "Word 97-2003 文档（.doc）",
    ".wps": "WPS 文档（.wps）",
    ".et": "WPS 表格（.et）",
}
_NOT_YET = {".docx": "Word 文档", ".pdf": "PDF 文件", ".xlsx": "Excel 工作簿"}
_IMAGES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff"}


def read_text_document(path: Path) -> DecodedText:
    """The decoded text of a report file, or UnreadableInput with what to do next."""
    if not path.exists():
        raise UnreadableInput(f"找不到文件“{path}”：请检查文件名和路径")
    if path.is_dir():
        raise UnreadableInput(f"“{path}”是文件夹，不是报告文件：请指定其中的报告文件")
    suffix = path.suffix.lower()
    if suffix in _LEGACY:
        raise UnsupportedFormat(
            f"“{path.name}”是{_LEGACY[suffix]}：请用 Word 或 WPS 打开后另存为 .docx 再提交"
        )
    if suffix in _NOT_YET:
        raise UnsupportedFormat(
            f"“{path.name}”是{_NOT_YET[suffix]}："
            "当前版本只读取文本报告，请另存为 .txt（UTF-8）后重试"
        )
    if suffix in _IMAGES:
        raise UnsupportedFormat(
            f"“{path.name}”是图片：请提交带文字的报告（.txt、.docx 或文字版 PDF），扫描件无法读取"
        )
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
    return decode(data, name=path.name)
