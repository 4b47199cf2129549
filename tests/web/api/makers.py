"""Bad files, made here: broken, truncated, encrypted, bombs, entity tricks, wrong encodings."""

from __future__ import annotations

import io
import zipfile

import docx
from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def good_docx(text: str = "甲区农业农村局2022年度部门整体支出绩效自评报告") -> bytes:
    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def good_pdf(encrypted: bool = False) -> bytes:
    out = io.BytesIO()
    encrypt = pdfencrypt.StandardEncryption("secret", canPrint=0) if encrypted else None
    page = canvas.Canvas(out, encrypt=encrypt)
    page.drawString(100, 700, "Report 2022")
    page.save()
    return out.getvalue()


def _rezip(source: bytes, change: dict[str, bytes | None], extra: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(source)) as old,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        for info in old.infolist():
            data = old.read(info.filename)
            replaced = change.get(info.filename, data)
            if replaced is not None:
                new.writestr(info.filename, replaced)
        for name, data in extra.items():
            new.writestr(name, data)
    return out.getvalue()


def zip_bomb_docx() -> bytes:
    """A Word file with a member that expands a thousandfold (5 MB of zeros)."""
    return _rezip(good_docx(), {}, {"word/media/image1.bin": b"\x00" * (5 * 1024 * 1024)})


def entity_docx() -> bytes:
    """A Word file whose document declares entities ("billion laughs")."""
    source = good_docx()
    with zipfile.ZipFile(io.BytesIO(source)) as archive:
        body = archive.read("word/document.xml")
    dtd = (
        b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    )
    return _rezip(source, {"word/document.xml": body.replace(b"?>", b"?>" + dtd, 1)}, {})


def encrypted_docx() -> bytes:
    """What Word writes for a password-protected .docx: an OLE file with EncryptedPackage."""
    return OLE_MAGIC + b"\x00" * 512 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512


BAD_FILES: dict[str, tuple[str, bytes, str]] = {
    # case: (file name, bytes, words of the expected Chinese message)
    "malformed docx": ("报告.docx", b"PK\x03\x04" + b"\x00garbage" * 100, "已损坏"),
    "truncated docx": ("报告.docx", good_docx()[:2000], "已损坏"),
    "truncated pdf": ("报告.pdf", good_pdf()[:600], "已损坏"),
    "not a pdf": ("报告.pdf", "<html>下载失败</html>".encode(), "内容不是PDF"),
    "encrypted pdf": ("报告.pdf", good_pdf(encrypted=True), "密码"),
    "encrypted docx": ("报告.docx", encrypted_docx(), "密码"),
    "zip bomb": ("报告.docx", zip_bomb_docx(), "压缩炸弹"),
    "xml entities": ("报告.docx", entity_docx(), "XML"),
    "binary as text": ("报告.txt", bytes(range(256)) * 20, "不是文本文件"),
    "shift_jis text": ("报告.txt", ("部門整体支出の報告書" * 40).encode("shift_jis"), "编码"),
    "ebcdic text": ("报告.txt", ("Budget performance report 2022. " * 40).encode("cp500"), "编码"),
    "damaged doc": ("报告.doc", OLE_MAGIC + b"\x00" * 2048, "已损坏"),
    "truncated jpg": ("扫描.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64, "图片"),
}
