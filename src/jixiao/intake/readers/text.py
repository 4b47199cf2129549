"""Plain-text reports: bytes -> str in whatever encoding a Chinese office saved them in.

The decoded text is the reference every Evidence offset points into, so it must be exactly
the document's characters: either we are confident of the encoding, or we refuse with a
Chinese message that tells the user what to do. Latin-1 is never tried, because any byte
string "decodes" as Latin-1 and the result is silent mojibake.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections import Counter
from dataclasses import dataclass

from jixiao.domain.errors import UnreadableInput, UnsupportedFormat

MAX_BYTES = 50 * 1024 * 1024  # larger inputs are refused (reports are small; this protects memory)

# Bytes that never occur in text: C0 controls except tab, newlines, vertical tab, form feed
# (pdftotext emits it between pages) and the old DOS end-of-file mark 0x1A.
_CONTROL_BYTES = frozenset(set(range(0x00, 0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1A}) | {0x7F}
_CONTROL_DELETE = bytes(sorted(_CONTROL_BYTES))  # for bytes.translate: counted in C
_MAX_CONTROL_RATIO = 0.01

# Other file formats that users upload as ".txt" by mistake: (magic, what it is, what to do).
_SUPPORTED_ADVICE = "请把扩展名改回它的真实格式后重新上传"
_CONVERT_ADVICE = "请在 Word 或 WPS 中另存为 .docx 后上传"
_UNSUPPORTED_ADVICE = "请上传 .txt、.docx、.pdf 或 .xlsx 格式的报告"
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF", "PDF 文件（.pdf）", _SUPPORTED_ADVICE),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "Office 97-2003 格式文件（.doc/.xls/.wps）",
        _CONVERT_ADVICE,
    ),
    (b"{\\rtf", "RTF 文档（.rtf）", _CONVERT_ADVICE),
    (b"\x89PNG", "PNG 图片", _UNSUPPORTED_ADVICE),
    (b"\xff\xd8\xff", "JPEG 图片", _UNSUPPORTED_ADVICE),
    (b"GIF8", "GIF 图片", _UNSUPPORTED_ADVICE),
    (b"Rar!", "RAR 压缩包", _UNSUPPORTED_ADVICE),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包", _UNSUPPORTED_ADVICE),
    (b"\x1f\x8b", "gzip 压缩包", _UNSUPPORTED_ADVICE),
)
_ZIP_MAGIC = b"PK\x03\x04"
_ZIP_KINDS: tuple[tuple[bytes, str, str], ...] = (
    (b"word/", "Word 文档（.docx）", _SUPPORTED_ADVICE),
    (b"xl/", "Excel 表格（.xlsx）", _SUPPORTED_ADVICE),
    (b"ppt/", "PowerPoint 演示文稿（.pptx）", _UNSUPPORTED_ADVICE),
)
_ZIP_OTHER = (b"", "ZIP 压缩包", "请解压后上传其中的报告文件")

_UNKNOWN_ENCODING = "无法识别文件编码：请将文件另存为 UTF-8 或 GB18030 编码的文本后重试"


@dataclass(frozen=True, slots=True)
class DecodedText:
    """The decoded document (newlines normalised to ``\\n``, BOM removed) and its encoding."""

    text: str
    encoding: str


def decode(data: bytes, *, name: str = "") -> DecodedText:
    """Decode a text report, or raise ``UnreadableInput`` with a one-line Chinese reason."""
    label = f"文件“{name}”" if name else "文件"
    if len(data) > MAX_BYTES:
        raise UnreadableInput(f"{label}超过50MB，不像是一份绩效报告：请检查是否选错了文件")
    _refuse_other_formats(data, label)
    text, encoding = _detect(data, label)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UnreadableInput(f"{label}为空（没有任何文字）：请选择填写了内容的报告文件")
    return DecodedText(text=text, encoding=encoding)


def _refuse_other_formats(data: bytes, label: str) -> None:
    if not data.strip():
        raise UnreadableInput(f"{label}为空（没有任何文字）：请选择填写了内容的报告文件")
    if data.startswith(_ZIP_MAGIC):
        _, kind, advice = next((z for z in _ZIP_KINDS if z[0] in data), _ZIP_OTHER)
        error = UnreadableInput if advice == _SUPPORTED_ADVICE else UnsupportedFormat
        raise error(f"{label}实际上是 {kind}，不是纯文本：{advice}")
    for magic, kind, advice in _MAGIC:
        if data.startswith(magic):
            error = UnreadableInput if advice == _SUPPORTED_ADVICE else UnsupportedFormat
            raise error(f"{label}实际上是 {kind}，不是纯文本：{advice}")


def _detect(data: bytes, label: str) -> tuple[str, str]:
    """Try the encodings in order of how unambiguous their evidence is."""
    bom = _decode_with_bom(data, label)
    if bom is not None:
        return bom
    if b"\x00" in data:
        utf16 = _decode_utf16_by_nul_pattern(data)
        if utf16 is None:
            raise UnreadableInput(
                f"{label}不是文本文件（含有二进制数据）：请上传 .txt、.docx、.pdf 或 .xlsx 报告"
            )
        return utf16
    controls = len(data) - len(data.translate(None, _CONTROL_DELETE))
    if controls > _MAX_CONTROL_RATIO * len(data):
        raise UnreadableInput(
            f"{label}不是文本文件（含有二进制数据）：请上传 .txt、.docx、.pdf 或 .xlsx 报告"
        )
    text = _strict(data, "utf-8")
    if text is not None:
        # Valid UTF-8 is decisive: a GB18030 reading of the same bytes would be mojibake.
        if _looks_double_encoded(text):
            raise UnreadableInput(
                f"{label}的内容已是乱码（UTF-8 文字曾被当作西文编码重复保存）："
                "请找到原始文件重新导出"
            )
        if _plausible_utf8(text):
            return text, "utf-8"
        raise UnreadableInput(_UNKNOWN_ENCODING)
    text = _strict(data, "gb18030")
    if text is not None and _plausible_chinese(text):
        return text, "gb18030"
    # Last resort: UTF-16 without BOM and without a single ASCII character (hence no NUL).
    for encoding in ("utf-16-le", "utf-16-be"):
        text = _strict(data, encoding) if len(data) % 2 == 0 else None
        if text is not None and _plausible_chinese(text, strict=True):
            return text, encoding
    raise UnreadableInput(_UNKNOWN_ENCODING)


def _decode_with_bom(data: bytes, label: str) -> tuple[str, str] | None:
    boms = (
        (codecs.BOM_UTF8, "utf-8"),
        (b"\x84\x31\x95\x33", "gb18030"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    )
    for bom, encoding in boms:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], encoding)
            if text is None or not _plausible_after_bom(text, encoding):
                raise UnreadableInput(
                    f"{label}标明为 {encoding.upper()} 编码但内容已损坏："
                    "请重新导出或另存为 UTF-8 文本后重试"
                )
            return text, encoding
    return None


def _plausible_after_bom(text: str, encoding: str) -> bool:
    """A BOM names the encoding, but "\xff\xfe" may also just begin a binary file."""
    if not _plausible_utf8(text):
        return False
    if encoding == "utf-8":
        return not _looks_double_encoded(text)
    letters = sum(1 for ch in text if not ch.isspace())
    mostly_ascii = _non_ascii(Counter(text)).total() <= 0.1 * letters
    return mostly_ascii or _plausible_chinese(text)


def _decode_utf16_by_nul_pattern(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without BOM: ASCII characters leave their NUL byte all on one side."""
    if len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    # Real UTF-16 text puts most NULs on one parity (ASCII's high byte; only the rare
    # U+xx00 character puts one on the other side); binary data scatters them evenly.
    if min(even_nuls, odd_nuls) > max(even_nuls, odd_nuls) // 4:
        return None
    # ASCII's NUL is the high byte: odd positions for little-endian. A text of hanzi only
    # has NULs just from U+xx00 characters, on the other side, so try both orders.
    orders = ("utf-16-le", "utf-16-be") if odd_nuls >= even_nuls else ("utf-16-be", "utf-16-le")
    for encoding in orders:
        text = _strict(data, encoding)
        if text is None or "\x00" in text or not _plausible_utf8(text):
            continue
        if any(ord(ch) > 0x7F for ch in text) and not _plausible_chinese(text):
            continue
        return text, encoding
    return None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _control_ratio(counts: Counter[str]) -> float:
    """The share of control characters, from each character's count (``Counter(text)``:
    counted once for both checks of a decoding)."""
    controls = sum(n for ch, n in counts.items() if ord(ch) in _CONTROL_BYTES)
    return controls / max(1, counts.total())


def _non_ascii(counts: Counter[str]) -> Counter[str]:
    """Distinct non-ASCII, non-space characters and their counts (classified once each)."""
    return Counter({ch: n for ch, n in counts.items() if ord(ch) > 0x7F and not ch.isspace()})


def _plausible_utf8(text: str) -> bool:
    """Valid UTF-8 is strong evidence by itself; refuse only damaged or double-encoded text."""
    counts = Counter(text)
    if _control_ratio(counts) > _MAX_CONTROL_RATIO:
        return False
    non_ascii = _non_ascii(counts)
    bad = sum(n for ch, n in non_ascii.items() if _is_junk(ch))
    return bad <= 0.01 * non_ascii.total()


def _looks_double_encoded(text: str) -> bool:
    """UTF-8 that was once read as Latin-1/cp1252 and saved again ("å¹´" for "年")."""
    distinct = set(text)
    if not any(0x80 <= ord(ch) <= 0xFF for ch in distinct):
        return False
    as_bytes: dict[str, bytes] = {}
    for ch in distinct:
        try:
            as_bytes[ch] = bytes([ord(ch)]) if ord(ch) <= 0xFF else ch.encode("cp1252")
        except UnicodeEncodeError:
            return False  # a character mojibake cannot contain: this is genuine text
    try:
        repaired = b"".join(map(as_bytes.__getitem__, text)).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return any(_is_cjk(ch) for ch in set(repaired))


def _plausible_chinese(text: str, *, strict: bool = False) -> bool:
    """Does a GB18030 (or BOM-less UTF-16) decoding read like a Chinese document?

    Random or Latin-1 bytes decode "successfully" as GB18030 into rare characters: the
    3,755 level-1 hanzi of GB2312 cover nearly all of real text, so we demand that most
    non-ASCII characters are common hanzi or the punctuation and symbols reports use.
    """
    counts = Counter(text)
    if _control_ratio(counts) > _MAX_CONTROL_RATIO:
        return False
    non_ascii = _non_ascii(counts)
    total = non_ascii.total()
    if not total:
        return True
    common = sum(n for ch, n in non_ascii.items() if _is_common(ch))
    junk = sum(n for ch, n in non_ascii.items() if _is_junk(ch))
    min_common = 0.9 if strict else 0.7
    return junk <= 0.01 * total and common >= min_common * total


# Symbol blocks that Chinese reports use and GB2312 may lack: general punctuation, letterlike
# (℃ №), number forms (Ⅰ), arrows, maths (≤ ≥), enclosed numbers (①), box drawing, shapes,
# CJK symbols and punctuation, enclosed CJK and CJK compatibility (㈠ ㎡), full-width forms
# (！…～, ￥).
_SYMBOL_BLOCKS = (
    (0x2000, 0x206F),
    (0x2100, 0x22FF),
    (0x2460, 0x24FF),
    (0x2500, 0x26FF),
    (0x3000, 0x303F),
    (0x3200, 0x33FF),
    (0xFF01, 0xFF5E),  # full-width ASCII, not the half-width katakana after it
    (0xFFE0, 0xFFE6),
)


def _is_common(ch: str) -> bool:
    code = ord(ch)
    if any(low <= code <= high for low, high in _SYMBOL_BLOCKS):
        return True
    try:
        first = ch.encode("gb2312")[0]
    except UnicodeEncodeError:
        return False
    # Rows 0xA1-0xA9 are GB2312's symbols, 0xB0-0xD7 its level-1 (frequent) hanzi.
    return 0xA1 <= first <= 0xA9 or 0xB0 <= first <= 0xD7


def _is_cjk(ch: str) -> bool:
    return 0x4E00 <= ord(ch) <= 0x9FFF


def _is_junk(ch: str) -> bool:
    """Characters a report never holds: controls, private use, unassigned, replacement."""
    category = unicodedata.category(ch)
    return category in {"Cc", "Co", "Cn", "Cs"} or ch == "\ufffd"
