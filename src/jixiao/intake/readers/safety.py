"""Checks an Office file must pass before any library parses it.

A .docx or .xlsx is a zip of XML parts. Two tricks make such a file dangerous to open:
a zip bomb (members that expand a thousandfold) and XML entity expansion ("billion laughs",
external entities). Both are refused here, quickly and before python-docx or openpyxl see
the file:

- the zip directory is read first (no member is decompressed) and the declared sizes are
  checked; Python's zipfile never returns more bytes than a member declares, so a member
  that lies about its size cannot expand beyond the checked limit later;
- every XML part's prolog is checked for a document type declaration. OOXML never needs a
  DTD, so any ``<!DOCTYPE`` or ``<!ENTITY`` is refused outright; without a DTD there are no
  entities to expand and no external entity to fetch. [Content_Types].xml, which says
  which parts are XML, is itself parsed with defusedxml.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
from defusedxml.ElementTree import ParseError, fromstring  # type: ignore[import-untyped]

from jixiao.domain.errors import UnreadableInput, UnsupportedFormat

MAX_EXPANDED = 100 * 1024 * 1024  # all members together, decompressed
MAX_RATIO = 100  # decompressed / compressed, per member …
RATIO_FLOOR = 1024 * 1024  # … for members larger than this (tiny members cannot hurt)
MAX_MEMBERS = 10_000
_PROLOG_BYTES = 64 * 1024  # a DTD must come before the root element, near the start

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The stream name of a password-protected .docx/.xlsx inside its OLE container (UTF-16LE,
# as OLE directory entries are stored).
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")

_CONTENT_TYPES = "[Content_Types].xml"
_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_ROOT = re.compile(r"<(?![?!])")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_DTD = re.compile(r"<!(?:DOCTYPE|ENTITY)")


def is_encrypted_office(data: bytes) -> bool:
    """A password-protected .docx/.xlsx: an OLE container holding an EncryptedPackage."""
    return data.startswith(OLE_MAGIC) and _ENCRYPTED_STREAM in data


def bomb_message(label: str) -> str:
    return (
        f"{label}解压后的内容异常庞大（超过 100 MB 或压缩比超过 100 倍，疑似“压缩炸弹”），"
        "已拒绝读取：请确认文件来源，或在 Word/Excel 中另存为新文件后再提交"
    )


def damaged_message(label: str) -> str:
    return f"{label}已损坏，无法打开：请在 Word/WPS/Excel 中重新保存，或重新导出后再提交"


def check_package(data: bytes, *, label: str) -> frozenset[str]:
    """The member names of an Office file that passed the checks in the module docstring."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise UnreadableInput(damaged_message(label)) from error
    with archive:
        infos = archive.infolist()
        check_sizes(infos, label=label)
        if any(info.flag_bits & 0x1 for info in infos):
            raise UnsupportedFormat(password_message(label))
        try:
            _check_xml_parts(archive, infos, label=label)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
            raise UnreadableInput(damaged_message(label)) from error
        return frozenset(info.filename for info in infos)


def check_sizes(infos: list[zipfile.ZipInfo], *, label: str) -> None:
    """Refuse a zip bomb from its directory alone, before anything is decompressed."""
    if len(infos) > MAX_MEMBERS:
        raise UnreadableInput(bomb_message(label))
    if sum(info.file_size for info in infos) > MAX_EXPANDED:
        raise UnreadableInput(bomb_message(label))
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UnreadableInput(bomb_message(label))


def password_message(label: str) -> str:
    return (
        f"{label}设有打开密码（已加密），无法读取：请在 Word/WPS/Excel 中取消密码后"
        "另存为新文件再提交"
    )


def _check_xml_parts(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], *, label: str) -> None:
    names = {info.filename for info in infos}
    xml_parts = {name for name in names if name.lower().endswith((".xml", ".rels"))}
    if _CONTENT_TYPES in names:
        xml_parts |= _xml_parts_by_type(archive.read(_CONTENT_TYPES), names, label=label)
    for name in sorted(xml_parts):
        with archive.open(name) as member:
            prolog = member.read(_PROLOG_BYTES)
        if _has_dtd(prolog, complete=len(prolog) < _PROLOG_BYTES):
            raise UnreadableInput(
                f"{label}内含可疑的 XML 声明（DTD/实体定义，可被用来耗尽内存或读取本机文件），"
                "已拒绝读取：请在 Word/Excel 中另存为新文件后再提交"
            )


def _xml_parts_by_type(data: bytes, names: set[str], *, label: str) -> set[str]:
    """Parts that [Content_Types].xml declares as XML (a part may be XML by any name)."""
    try:
        root = fromstring(data, forbid_dtd=True)
    except (DefusedXmlException, ParseError) as error:
        raise UnreadableInput(
            f"{label}的结构声明（[Content_Types].xml）无效或含有可疑的 XML 声明："
            "请在 Word/Excel 中另存为新文件后再提交"
        ) from error
    xml_extensions = set()
    parts = set()
    for element in root:
        content_type = element.get("ContentType", "")
        # Images (SVG is image/svg+xml) are kept as bytes by the libraries, never parsed.
        is_xml = content_type.endswith("xml") and not content_type.startswith("image/")
        if not is_xml:
            continue
        if element.tag == f"{_TYPES_NS}Default":
            xml_extensions.add("." + element.get("Extension", "").lower())
        elif element.tag == f"{_TYPES_NS}Override":
            parts.add(element.get("PartName", "").lstrip("/"))
    parts |= {name for name in names if name.lower().endswith(tuple(xml_extensions))}
    return parts & names


def _has_dtd(prolog: bytes, *, complete: bool) -> bool:
    """Does the XML declare a DTD before its root element?"""
    text = _decode(prolog)
    text = _COMMENT.sub("", text)
    root = _ROOT.search(text)
    if root is None:
        # No root element in the first 64 KB: only a padded prolog hides one that late.
        return not complete or bool(_DTD.search(text))
    return bool(_DTD.search(text, 0, root.start()))


def _decode(prolog: bytes) -> str:
    if prolog.startswith((b"\xff\xfe", b"\xfe\xff")):
        return prolog.decode("utf-16", errors="replace")
    if prolog[:2] in (b"<\x00", b"\x00<"):
        encoding = "utf-16-le" if prolog[0] == ord("<") else "utf-16-be"
        return prolog.decode(encoding, errors="replace")
    return prolog.decode("utf-8", errors="replace")
