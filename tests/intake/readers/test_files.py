"""From a file to a document: the content picks the reader, and what cannot or must not be
read is refused in one Chinese sentence that says what to do — old formats, passwords,
damaged files, zip bombs and XML entity tricks among them."""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from jixiao.domain.errors import UnreadableInput, UnsupportedFormat
from jixiao.intake.files import read_document, read_document_bytes, read_text_document
from jixiao.intake.readers.safety import MAX_EXPANDED
from tests.conftest import ROOT
from tests.intake.readers.makers import (
    CONTENT_TYPES,
    body,
    docx_bytes,
    docx_from_text,
    pdf_from_text,
    xlsx_from_text,
)
from tests.intake.readers.ofd_maker import ofd_from_text
from tests.intake.readers.sheets97 import xls_from_text
from tests.intake.readers.word97 import doc_from_text

REPORT = (
    "青峰县林业局2023年度部门整体支出绩效自评报告\n"
    "一、部门基本情况\n"
    "2023年度，我局总支出5252.64万元，其中基本支出793.43万元，项目支出4459.21万元。\n"
)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# -------------------------------------------------------------------- content, not name


@pytest.mark.parametrize(
    ("name", "make", "kind"),
    [
        ("报告.docx", lambda: docx_from_text(REPORT), "docx"),
        ("报告.txt", lambda: docx_from_text(REPORT), "docx"),  # a .docx renamed
        ("报告.doc", lambda: pdf_from_text(REPORT), "pdf"),  # a PDF saved as .doc
        ("报告", lambda: xlsx_from_text(REPORT), "xlsx"),
        ("报告.pdf", lambda: pdf_from_text(REPORT), "pdf"),
        ("报告.txt", lambda: REPORT.encode("gb18030"), "text"),
        ("报告.txt", lambda: doc_from_text(REPORT), "doc"),  # a Word 97 file renamed
        ("表.doc", lambda: xls_from_text(REPORT), "xls"),  # a workbook saved as .doc
        ("报告.zip", lambda: ofd_from_text(REPORT), "ofd"),
    ],
)
def test_the_content_decides_the_reader(name: str, make: object, kind: str) -> None:
    document = read_document_bytes(make(), name=name)  # type: ignore[operator]
    assert document.format == kind
    assert "5252.64万元" in document.text


def test_reading_a_path_and_the_old_text_interface(tmp_path: Path) -> None:
    path = tmp_path / "报告.docx"
    path.write_bytes(docx_from_text(REPORT))
    assert read_document(path).format == "docx"
    decoded = read_text_document(path)
    assert decoded.encoding == "docx" and "793.43" in decoded.text


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("报告.doc", "<html>报告</html>".encode(), ("不是Word 97-2003", "另存为 .docx")),
        ("表.xls", "<table>报告</table>".encode(), ("不是Excel 97-2003", "另存为 .xlsx")),
        ("报告.docx", OLE + "EncryptedPackage".encode("utf-16-le"), ("打开密码", "取消密码")),
        ("报告.rtf", b"{\\rtf1\\ansi report}", ("RTF", "另存为 .docx")),
        ("演示.pptx", zipped({"ppt/presentation.xml": b"<p/>"}), ("PowerPoint", ".docx")),
        ("报告.odt", zipped({"mimetype": b"application/x", "content.xml": b"<a/>"}),
         ("OpenDocument", "另存为 .docx")),
        ("材料.zip", zipped({"报告.txt": REPORT.encode()}), ("ZIP 压缩包", "解压")),
    ],
)  # fmt: skip
def test_formats_that_cannot_be_read_say_what_to_do(
    name: str, data: bytes, words: tuple[str, ...]
) -> None:
    with pytest.raises(UnsupportedFormat) as refused:
        read_document_bytes(data, name=name)
    message = str(refused.value)
    assert name in message and all(word in message for word in words), message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("报告.pdf", REPORT.encode(), ("扩展名是 .pdf", "重新导出")),  # text named .pdf
        ("报告.docx", b"<html><body>404</body></html>", ("扩展名是 .docx", "不是Word")),
        ("报告.docx", b"PK\x03\x04" + b"\x00" * 200, ("已损坏",)),
        ("报告.docx", docx_from_text(REPORT)[:-200], ("已损坏",)),  # cut short
        ("表.xlsx", zipped({"xl/workbook.xml": b"<workbook/>"}), ("已损坏",)),
        # An OLE container with nothing in it: a broken .doc/.wps/.xls/.et
        ("报告.doc", OLE + b"\0" * 1024, ("已损坏", "另存为")),
        ("报告.wps", OLE + b"\0" * 1024, ("已损坏", "另存为")),
        ("表.xls", OLE + b"\0" * 1024, ("已损坏", "另存为")),
        ("表.et", OLE + b"\0" * 1024, ("已损坏", "另存为")),
        ("扫描.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 64, ("图片", "重新拍照或扫描")),
    ],
)
def test_broken_and_mislabelled_files_are_refused(
    name: str, data: bytes, words: tuple[str, ...]
) -> None:
    with pytest.raises(UnreadableInput) as refused:
        read_document_bytes(data, name=name)
    assert all(word in str(refused.value) for word in words), str(refused.value)


# ----------------------------------------------------------------------------- zip bombs


def _bomb(size: int, *, name: str = "word/document.xml") -> bytes:
    """A zip whose one member is ``size`` zero bytes (deflate packs them a thousandfold)."""
    buffer = io.BytesIO()
    chunk = b"\0" * (1 << 20)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        with archive.open(name, "w", force_zip64=True) as member:
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "size"),
    [("报告.docx", MAX_EXPANDED + (1 << 20)), ("报告.docx", 3 << 20), ("表.xlsx", 3 << 20)],
    ids=["over-100MB", "ratio-docx", "ratio-xlsx"],
)
def test_a_zip_bomb_is_refused_from_its_directory(name: str, size: int) -> None:
    member = "word/document.xml" if name.endswith("docx") else "xl/worksheets/sheet1.xml"
    data = _bomb(size, name=member)
    assert len(data) < size / 100
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(zipfile.ZipFile, "open", _never)
        with pytest.raises(UnreadableInput, match="压缩炸弹"):
            read_document_bytes(data, name=name)


def _never(*args: object, **kwargs: object) -> None:
    raise AssertionError("a member was decompressed before the zip directory was checked")


def test_a_member_that_lies_about_its_size_cannot_expand_beyond_it() -> None:
    """The directory says 1000 bytes; the data inflates to 5 MB. zipfile stops at the
    declared size (and then fails its CRC): the file is refused as damaged."""
    data = bytearray(docx_bytes(body(*["<w:p/>"] * 200_000)))
    entry = data.find(b"PK\x01\x02", data.find(b"word/document.xml") + 1)
    while data[entry + 46 : entry + 46 + 17] != b"word/document.xml":
        entry = data.find(b"PK\x01\x02", entry + 1)
    assert struct.unpack("<I", data[entry + 24 : entry + 28])[0] > 1_000_000
    data[entry + 24 : entry + 28] = struct.pack("<I", 1000)
    with pytest.raises(UnreadableInput, match="已损坏"):
        read_document_bytes(bytes(data), name="报告.docx")


# ------------------------------------------------------------------------ XML entity tricks

LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + "]>\n"
)


UTF16_LAUGHS = LAUGHS.replace('"1.0"?', '"1.0" encoding="UTF-16"?')
DOCTYPE = '<!DOCTYPE t [<!ENTITY a "b">]>'


def _document_with_prolog(prolog: str, encoding: str = "utf-8") -> bytes:
    xml = body("<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>").split("\n", 1)[1]
    return (prolog + xml).encode(encoding)


@pytest.mark.parametrize(
    "parts",
    [
        {"document": _document_with_prolog(LAUGHS)},
        {"document": _document_with_prolog(
            '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY lol9 SYSTEM "file:///etc/passwd">]>'
        )},
        {"document": _document_with_prolog(
            '<?xml version="1.0"?><!--' + "x" * 70_000 + "-->" + LAUGHS.split("\n", 1)[1]
        )},
        {"document": _document_with_prolog(UTF16_LAUGHS, "utf-16")},
        {"content_types": CONTENT_TYPES.replace("<Types", f"{DOCTYPE}<Types", 1)},
        {"extra": {"customXml/item1.dat": LAUGHS + "<a>&lol9;</a>"},
         "content_types": CONTENT_TYPES.replace(
             "</Types>",
             '<Override PartName="/customXml/item1.dat" ContentType="application/xml"/></Types>',
         )},
    ],
    ids=["billion-laughs", "external-entity", "after-a-70KB-comment", "utf-16",
         "in-content-types", "in-a-part-not-named-xml"],
)  # fmt: skip
def test_entity_tricks_in_a_docx_are_refused(parts: dict[str, object]) -> None:
    document = parts.get("document", body("<w:p/>"))
    data = docx_bytes(
        document,  # type: ignore[arg-type]
        content_types=str(parts.get("content_types", "")),
        extra=parts.get("extra"),  # type: ignore[arg-type]
    )
    with pytest.raises(UnreadableInput, match="可疑的 XML 声明"):
        read_document_bytes(data, name="报告.docx")


def test_entity_tricks_in_an_xlsx_are_refused() -> None:
    source = io.BytesIO(xlsx_from_text(REPORT))
    patched = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(patched, "w") as target:
        for item in original.infolist():
            content = original.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":  # openpyxl writes no declaration
                content = LAUGHS.encode() + content
            target.writestr(item, content)
    with pytest.raises(UnreadableInput, match="可疑的 XML 声明"):
        read_document_bytes(patched.getvalue(), name="表.xlsx")


def test_an_svg_image_may_keep_its_doctype() -> None:
    """Images are never parsed as XML by python-docx: their DTD is no threat."""
    svg = (
        '<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg/>'
    )
    types = CONTENT_TYPES.replace(
        "</Types>", '<Default Extension="svg" ContentType="image/svg+xml"/></Types>'
    )
    data = docx_bytes(
        body("<w:p><w:r><w:t>正文</w:t></w:r></w:p>"),
        content_types=types,
        extra={"word/media/image1.svg": svg},
    )
    assert read_document_bytes(data, name="报告.docx").text == "正文\n"


def test_a_password_protected_zip_member_is_refused() -> None:
    data = bytearray(docx_from_text(REPORT))
    position = data.find(b"PK\x01\x02")
    while position >= 0:  # set the "encrypted" flag of every member in the directory
        data[position + 8] |= 0x1
        position = data.find(b"PK\x01\x02", position + 1)
    with pytest.raises(UnsupportedFormat, match="打开密码"):
        read_document_bytes(bytes(data), name="报告.docx")


# ------------------------------------------------------------------------ command line


def _jixiao(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jixiao.cli", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def test_the_command_line_reads_word_and_names_the_cell(tmp_path: Path) -> None:
    source = ROOT / "examples" / "03-qingfeng-no2-middle-school-2023" / "source.txt"
    path = tmp_path / "自评表.docx"
    path.write_bytes(docx_from_text(source.read_text(encoding="utf-8-sig")))
    done = _jixiao("extract", "--json", path)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["budget"]["executed"] == "47.963826"
    cited = {item["path"]: item for item in data["evidence"]}
    assert cited["budget.executed"]["cell"] == [1, 4, 5]


def test_the_command_line_refuses_an_encrypted_pdf_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "加密.pdf"
    path.write_bytes(pdf_from_text(REPORT, password="1234"))
    done = _jixiao("audit", path)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "设有打开密码" in lines[0] and "Traceback" not in done.stderr
