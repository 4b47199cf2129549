"""Word 97 .doc, WPS .wps, Excel 97 .xls, WPS .et and OFD read like .docx and .xlsx.

Every example (and the seed, and the real texts when ../shared is here) is written by other
software than jixiao reads it with — the .doc by a minimal Word 97 writer of our own
(word97.py: its own OLE container, the piece table and paragraph properties written from
the published formats), the .xls by xlwt, the OFD by hand from GB/T 33190 (ofd_maker.py) —
and must give the figures, findings and headings its .docx (or .xlsx) gives. Bad files of
each kind are refused with one Chinese sentence.
"""

from __future__ import annotations

import io
import re
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from jixiao.audit.engine import run as run_audit
from jixiao.contract import audit_json, extract_json
from jixiao.domain.errors import UnreadableInput, UnsupportedFormat
from jixiao.domain.report import Report
from jixiao.intake.document import DocumentText
from jixiao.intake.files import read_document_bytes
from jixiao.intake.parse import parse_document
from jixiao.intake.readers.text import decode
from tests.conftest import CORPUS, ROOT, SEED
from tests.intake.readers.makers import docx_from_text, xlsx_from_text
from tests.intake.readers.ofd_maker import ofd_from_text
from tests.intake.readers.sheets97 import xls_from_text
from tests.intake.readers.word97 import doc_from_text, ole_file

EXAMPLES = sorted(ROOT.glob("examples/*/source.txt"))
REAL = sorted((CORPUS / "real").glob("*.txt"))[::10]  # a spread of the real texts
TEXTS = [p for p in [SEED, *REAL, *EXAMPLES] if p.exists()]

# kind: (file name, writer, the format whose reading it must match)
KINDS: dict[str, tuple[str, Callable[[str], bytes], str]] = {
    "doc": ("报告.doc", doc_from_text, "docx"),
    "wps": ("报告.wps", doc_from_text, "docx"),
    "xls": ("表.xls", xls_from_text, "xlsx"),
    "et": ("表.et", xls_from_text, "xlsx"),
    "ofd": ("报告.ofd", ofd_from_text, "docx"),
}
REFERENCE: dict[str, Callable[[str], bytes]] = {"docx": docx_from_text, "xlsx": xlsx_from_text}


def _id(path: Path) -> str:
    return path.parent.name[:2] if path.name == "source.txt" else path.stem


@cache
def _text(path: Path) -> str:
    return decode(path.read_bytes()).text


@cache
def _read(path: Path, kind: str) -> tuple[DocumentText, Report]:
    text = _text(path)
    if kind in KINDS:
        name, write, _ = KINDS[kind]
    else:
        name, write = f"报告.{kind}", REFERENCE[kind]
    document = read_document_bytes(write(text), name=name)
    return document, parse_document(document, source=name)


def _stated(report: Report) -> dict[str, Any]:
    """What the report states, without where. Names are compared without spaces: a
    fixed-layout page (OFD) shows a run of spaces as one gap."""
    data = extract_json(report)
    for key in ("source", "evidence"):
        data.pop(key)
    for figure in data.get("figures") or []:
        figure.pop("evidence", None)  # offsets differ where the text does (OFD)
    for heading in data["headings"]:
        heading["title"] = re.sub(r"\s+", "", heading["title"])
    for indicator in data["indicators"]:
        for key, value in indicator.items():
            if isinstance(value, str):
                indicator[key] = re.sub(r"\s+", "", value)
    return data


def _findings(report: Report) -> list[tuple[str, str, str | None, str | None]]:
    return sorted(
        (f["code"], f["severity"], f.get("stated"), f.get("computed"))
        for f in audit_json(run_audit(report))["findings"]
    )


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("path", TEXTS, ids=_id)
def test_figures_findings_and_headings_are_those_of_the_docx_or_xlsx(path: Path, kind: str) -> None:
    _, read = _read(path, kind)
    _, reference = _read(path, KINDS[kind][2])
    assert _stated(read) == _stated(reference)
    assert _findings(read) == _findings(reference)
    assert read.reading is not None and read.reading.reader == kind


@pytest.mark.parametrize("kind", ["doc", "xls"])
@pytest.mark.parametrize("path", EXAMPLES, ids=_id)
def test_the_text_and_its_cells_are_the_docx_or_xlsx_ones(path: Path, kind: str) -> None:
    document, _ = _read(path, kind)
    reference, _ = _read(path, KINDS[kind][2])
    assert document.text == reference.text
    assert [c.address for c in document.cells] == [c.address for c in reference.cells]


@pytest.mark.parametrize("kind", KINDS)
def test_every_quote_is_the_document_text(kind: str) -> None:
    path = next(p for p in EXAMPLES if p.parent.name.startswith("03-"))
    document, read = _read(path, kind)
    evidence = extract_json(read)["evidence"]
    assert evidence
    for item in evidence:
        assert document.text[item["start"] : item["end"]] == item["quote"]
    if kind == "ofd":
        assert all(1 <= item["page"] <= len(document.pages) for item in evidence)


# ------------------------------------------------------------------------------ bad files

_REPORT = "2022年度部门支出合计5252.64万元，其中基本支出793.43万元。"


def _xls_encrypted() -> bytes:
    """An .xls whose workbook stream opens with a FILEPASS record after its BOF, as Excel
    writes a password-protected workbook (the rest of the stream is left as it was)."""
    import olefile

    data = xls_from_text(_REPORT)
    ole = olefile.OleFileIO(io.BytesIO(data))
    stream = ole.openstream("Workbook").read()
    ole.close()
    bof_length = struct.unpack_from("<H", stream, 2)[0]
    filepass = struct.pack("<HHHHH", 0x002F, 6, 0, 0x1234, 0x5678)
    return ole_file({"Workbook": stream[: 4 + bof_length] + filepass + stream[4 + bof_length :]})


def _ofd_with(content: str) -> bytes:
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(ofd_from_text(_REPORT))) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.endswith("Content.xml"):
                data = content.encode()
            target.writestr(info, data)
    return buffer.getvalue()


def _ofd_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("OFD.xml", "<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'/>")
        archive.writestr("Doc_0/Document.xml", b"<a>" + b" " * (120 << 20) + b"</a>")
    return buffer.getvalue()


BAD_FILES: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "truncated doc": ("报告.doc", lambda: doc_from_text(_REPORT)[:1536], "已损坏"),
    "encrypted doc": ("报告.doc", lambda: doc_from_text(_REPORT, encrypted=True), "密码"),
    "lying doc stream": (
        "报告.doc",
        lambda: ole_file(
            {"WordDocument": b"\xec\xa5" + b"\0" * 4094, "1Table": b"\0" * 4096},
            claimed_sizes={"WordDocument": 2_000_000_000},
        ),
        "内部结构异常",
    ),
    "ole without a document": ("报告.wps", lambda: ole_file({"Other": b"x" * 10}), "无法识别"),
    "truncated xls": ("表.xls", lambda: xls_from_text(_REPORT)[:2000], "已损坏"),
    "encrypted xls": ("表.et", _xls_encrypted, "密码"),
    "truncated ofd": ("报告.ofd", lambda: ofd_from_text(_REPORT)[:300], "已损坏"),
    "ofd without text": ("报告.ofd", lambda: _ofd_with("<ofd:Page xmlns:ofd='x'/>"), "没有文字"),
    "ofd with entities": (
        "报告.ofd",
        lambda: _ofd_with('<!DOCTYPE a [<!ENTITY e "x">]><ofd:Page xmlns:ofd="x">&e;</ofd:Page>'),
        "XML",
    ),
    "ofd zip bomb": ("报告.ofd", _ofd_bomb, "压缩炸弹"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_files_are_refused_with_one_chinese_line(case: str) -> None:
    name, make, words = BAD_FILES[case]
    with pytest.raises((UnreadableInput, UnsupportedFormat)) as refused:
        read_document_bytes(make(), name=name)
    message = str(refused.value)
    assert words in message and name in message and "\n" not in message, message


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_the_command_line_exits_2_with_one_line(case: str, tmp_path: Path) -> None:
    name, make, words = BAD_FILES[case]
    path = tmp_path / name
    path.write_bytes(make())
    done = subprocess.run(
        [sys.executable, "-m", "jixiao.cli", "audit", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and words in lines[0], done.stderr
