"""Decoding text reports: every common Chinese encoding, and a clear refusal otherwise."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.domain.errors import UnreadableInput, UnsupportedFormat
from jixiao.intake.readers.text import MAX_BYTES, DecodedText, decode

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
SEED = SHARED / "seeds" / "000_3c820579068e2a5e.txt"

# A small report of our own, so that the encoding matrix runs without ../shared.
SAMPLE = (
    "某某县教育局2022年度部门整体支出绩效自评报告\n\n"
    "一、部门基本情况\n"
    "（一）本年度总支出5252.64万元，其中基本支出793.43万元，占15.1%。\n"
    "二、存在的问题及原因分析\n"
    "“三公”经费11万元；公务接待4万元。\n"
)

ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"]


def _bom_utf16(text: str, order: str) -> bytes:
    bom = codecs.BOM_UTF16_LE if order == "le" else codecs.BOM_UTF16_BE
    return bom + text.encode(f"utf-16-{order}")


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_sample_decodes_identically_in_every_encoding(encoding: str) -> None:
    decoded = decode(SAMPLE.encode(encoding))
    assert decoded.text == SAMPLE


@pytest.mark.parametrize("order", ["le", "be"])
def test_utf16_with_explicit_bom_is_stripped(order: str) -> None:
    decoded = decode(_bom_utf16(SAMPLE, order))
    assert decoded.text == SAMPLE
    assert decoded.encoding == f"utf-16-{order}"


def test_encoding_names_say_what_was_detected() -> None:
    assert decode(SAMPLE.encode("utf-8")).encoding == "utf-8"
    assert decode(SAMPLE.encode("utf-8-sig")).encoding == "utf-8"
    assert decode(SAMPLE.encode("gbk")).encoding == "gb18030"
    assert decode(SAMPLE.encode("utf-16-le")).encoding == "utf-16-le"
    assert decode(SAMPLE.encode("utf-16-be")).encoding == "utf-16-be"


def test_hanzi_only_utf16_without_bom_or_ascii() -> None:
    # No ASCII means no NUL high bytes except from U+4E00 "一": the order is still found.
    text = "一般公共预算财政拨款支出决算情况说明一二三"
    assert decode(text.encode("utf-16-le")).text == text
    assert decode(text.encode("utf-16-be")).text == text


@pytest.mark.shared
@pytest.mark.skipif(not SEED.exists(), reason="../shared is absent")
@pytest.mark.parametrize("encoding", [*ENCODINGS, "bom-le", "bom-be"])
def test_seed_decodes_identically_in_every_encoding(encoding: str) -> None:
    seed = SEED.read_text(encoding="utf-8")
    if encoding.startswith("bom-"):
        data = _bom_utf16(seed, encoding.removeprefix("bom-"))
    else:
        data = seed.encode(encoding)
    assert decode(data, name="seed.txt").text == seed


def test_newlines_are_normalised() -> None:
    decoded = decode("第一行\r\n第二行\r第三行\n".encode("gbk"))
    assert decoded.text == "第一行\n第二行\n第三行\n"


def test_bom_is_not_part_of_the_text() -> None:
    decoded = decode(codecs.BOM_UTF8 + "报告".encode())
    assert decoded.text == "报告"


def _refusal(data: bytes, name: str = "") -> str:
    with pytest.raises(UnreadableInput) as caught:
        decode(data, name=name)
    message = str(caught.value)
    assert "\n" not in message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)
    return message


def test_empty_file_is_refused() -> None:
    assert "为空" in _refusal(b"", name="空.txt")
    assert "空.txt" in _refusal(b"", name="空.txt")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "gbk"])
def test_whitespace_only_is_refused(encoding: str) -> None:
    assert "为空" in _refusal(" \r\n\t\u3000\n".encode(encoding))


def test_invalid_bytes_are_refused_not_guessed() -> None:
    assert "编码" in _refusal(b"\x80\x81\xfe\xff\x80abc")


def test_a_utf16_bom_before_garbage_is_refused() -> None:
    assert "损坏" in _refusal(b"\xff\xfe\xfd\x80\x81" * 50 + b"\x00\x01")


def test_latin1_text_is_not_returned_as_mojibake() -> None:
    # "Größe" in Latin-1 is two ASCII letters around a valid but rare GB2312 pair.
    assert "编码" in _refusal("Größe".encode("latin-1"))
    assert "编码" in _refusal("Café résumé naïve".encode("latin-1"))


def test_double_encoded_utf8_is_refused() -> None:
    mojibake = SAMPLE.encode("utf-8").decode("latin-1").encode("utf-8")
    assert "乱码" in _refusal(mojibake)


def test_random_binary_is_refused() -> None:
    noise = random.Random(7).randbytes(4096)
    message = _refusal(noise)
    assert "不是文本文件" in message or "编码" in message


def test_nul_bytes_that_are_not_utf16_are_binary() -> None:
    assert "不是文本文件" in _refusal(b"\x00\x01\x02\x00" * 64 + b"abc\x00\x00\x00")


def test_many_control_bytes_are_binary() -> None:
    assert "不是文本文件" in _refusal(b"report\x01\x02\x03\x04\x05\x06 data" * 10)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml...word/document.xml", "Word"),
        (b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml...xl/workbook.xml", "Excel"),
        (b"PK\x03\x04\x14\x00\x00\x00readme.txt", "ZIP"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    ],
)
def test_other_formats_say_what_they_look_like(data: bytes, kind: str) -> None:
    message = _refusal(data, name="报告.txt")
    assert kind in message
    assert "不是纯文本" in message


def test_legacy_word_file_is_unsupported_with_advice() -> None:
    with pytest.raises(UnsupportedFormat, match=r"\.docx"):
        decode(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)


def test_oversized_input_is_refused_before_decoding() -> None:
    assert "50MB" in _refusal(b"a" * (MAX_BYTES + 1))


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=2048))
def test_arbitrary_bytes_decode_or_are_refused(data: bytes) -> None:
    try:
        result = decode(data)
    except UnreadableInput:
        return
    assert isinstance(result, DecodedText)
    assert "\r" not in result.text
    assert result.text.strip()


@settings(max_examples=200, deadline=None)
# NUL is excluded: b"0\x00" is also valid UTF-16-LE for "0", and a text file never holds NUL.
@given(st.text(alphabet=st.characters(codec="gb18030", exclude_characters="\x00"), max_size=200))
def test_any_valid_utf8_text_round_trips_or_is_refused(text: str) -> None:
    try:
        result = decode(text.encode("utf-8"))
    except UnreadableInput:
        return
    assert result.text == text.replace("\r\n", "\n").replace("\r", "\n")
