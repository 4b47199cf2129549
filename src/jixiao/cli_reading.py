"""What the command line says about how a file was read: which reader, OCR's mean
confidence and the places to check (an additive "reading" field of ``extract --json``), and a
progress bar while OCR reads a scan's pages."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from jixiao.domain.report import Report

READERS = {
    "text": "纯文本",
    "docx": "Word 文档（.docx）",
    "pdf": "PDF 文字层",
    "pdf+ocr": "PDF 文字层，扫描页经文字识别（OCR）",
    "xlsx": "Excel 工作簿（.xlsx）",
    "ocr": "文字识别（OCR，扫描件或照片）",
    "doc": "Word 97-2003 文档（.doc）",
    "wps": "WPS 文字文档（.wps）",
    "xls": "Excel 97-2003 工作簿（.xls）",
    "et": "WPS 表格（.et）",
    "ofd": "OFD 版式文档",
}


def _confidence(value: float | None) -> str | None:
    """A confidence as a decimal string (the contract has no floats), 4 places."""
    return None if value is None else str(Decimal(str(round(value, 4))))


def reading_json(report: Report) -> dict[str, Any]:
    reading = report.reading
    if reading is None:
        return {"reader": "text", "confidence": None, "doubts": []}
    doubts = []
    for doubt in reading.doubts:
        item: dict[str, Any] = {
            "kind": doubt.kind.value,
            "text": report.text[doubt.start : doubt.end],
            "start": doubt.start,
            "end": doubt.end,
        }
        if doubt.page is not None:
            item["page"] = doubt.page
        if doubt.box is not None:
            item["box"] = list(doubt.box)
        if doubt.confidence is not None:
            item["confidence"] = _confidence(doubt.confidence)
        if doubt.recognised is not None:
            item["recognised"] = doubt.recognised
        doubts.append(item)
    return {
        "reader": reading.reader,
        "confidence": _confidence(reading.confidence),
        "doubts": doubts,
    }


def reading_line(report: Report) -> str:
    """One line before ``extract``'s text output, for anything but a plain text file."""
    reading = report.reading
    if reading is None or reading.reader == "text":
        return ""
    line = f"读取方式：{READERS.get(reading.reader, reading.reader)}"
    if reading.confidence is not None:
        line += f"，平均识别置信度 {reading.confidence * 100:.1f}%"
    if reading.doubts:
        line += f"，{len(reading.doubts)} 处数字请核对原件（见核对结果）"
    return line + "\n"


class PageProgress:
    """A one-line bar of OCR's pages on a terminal; silent when stderr is not one."""

    def __init__(self, stream: TextIO, path: Path) -> None:
        self.stream = stream
        self.name = path.name[:30]
        self.shown = False

    def step(self, done: int, total: int) -> None:
        if not self.stream.isatty():
            return
        width = 30
        filled = width * done // max(total, 1)
        bar = "█" * filled + "·" * (width - filled)
        self.stream.write(f"\r识别中 {bar} {done}/{total} 页 {self.name:<30}")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * 80 + "\r")
            self.stream.flush()
            self.shown = False
