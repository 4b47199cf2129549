"""The OCR reader on real images: what comes back, and how bad images are refused.

One small page image is recognised for real (a few seconds; the recogniser's answers are
cached as in test_ocr_corpus.py); the refusals need no recognition at all.
"""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from jixiao.domain.errors import UnreadableInput
from jixiao.intake.files import read_document_bytes
from jixiao.intake.readers import ocr
from tests.intake.readers.ocr_cache import caching_recogniser

TEXT = "2022年度部门支出合计5252.64万元，其中基本支出793.43万元。"
REAL_ENGINE = ocr._cached_engine


@pytest.fixture(scope="module")
def cached_recogniser() -> Iterator[None]:
    with caching_recogniser():
        yield


def _page_png(text: str = TEXT) -> bytes:
    """A line of text drawn by Pillow in the Noto font the project ships (not by jixiao)."""
    from pathlib import Path as _Path

    import pylopdf_fonts_zh_cn
    from PIL import Image, ImageDraw, ImageFont

    fonts = sorted(_Path(pylopdf_fonts_zh_cn.__file__).parent.rglob("*Serif*.otf"))
    font = ImageFont.truetype(str(fonts[0]), 30)
    picture = Image.new("L", (1240, 300), 255)
    ImageDraw.Draw(picture).text((60, 100), text, font=font, fill=0)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return buffer.getvalue()


def test_a_photographed_line_is_read_with_its_box_and_confidence(cached_recogniser: None) -> None:
    pages: list[tuple[int, int]] = []
    document = read_document_bytes(
        _page_png(), name="扫描.png", progress=lambda done, total: pages.append((done, total))
    )
    assert document.reader == "ocr" and document.format == "image"
    assert document.text.strip() == TEXT
    assert pages == [(1, 1)]
    assert document.confidence is not None and document.confidence > 0.9
    start = document.text.index("5252.64")
    box = document.box_at(start, start + 7)
    assert box is not None and 60 <= box[0] < box[2] <= 1240 and 80 <= box[1] < box[3] <= 160


def test_a_png_named_txt_is_still_an_image(cached_recogniser: None) -> None:
    assert read_document_bytes(_page_png(), name="报告.txt").reader == "ocr"


def test_extract_says_which_reader_and_the_confidence(tmp_path: Path) -> None:
    path = tmp_path / "扫描.png"
    path.write_bytes(_page_png())
    done = subprocess.run(
        [sys.executable, "-m", "jixiao.cli", "extract", "--json", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["reading"]["reader"] == "ocr"
    assert 0.9 < float(data["reading"]["confidence"]) <= 1
    assert data["spending"]["total"] == "5252.64"
    cited = next(e for e in data["evidence"] if e["path"] == "spending.total")
    assert cited["page"] == 1 and len(cited["box"]) == 4
    plain = subprocess.run(
        [sys.executable, "-m", "jixiao.cli", "extract", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert plain.stdout.startswith("读取方式：文字识别（OCR，扫描件或照片），平均识别置信度")


# ------------------------------------------------------------------------------ refusals


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims width × height pixels, with one tiny data chunk."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def _truncated_jpeg() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "white").save(buffer, "JPEG")
    return buffer.getvalue()[:400]


BAD_IMAGES = {
    "empty": ("扫描.jpg", b"", "空文件"),
    "200 megapixels": ("照片.png", _png_header(20_000, 10_000), "像素过多"),
    "truncated jpeg": ("照片.jpg", _truncated_jpeg(), "图片"),
    "not an image": ("照片.tif", b"II*\x00" + b"\xff" * 100, "图片"),
}


@pytest.mark.parametrize("case", sorted(BAD_IMAGES))
def test_bad_images_are_refused_with_one_chinese_line(case: str) -> None:
    name, data, words = BAD_IMAGES[case]
    with pytest.raises(UnreadableInput) as refused:
        read_document_bytes(data, name=name)
    message = str(refused.value)
    assert words in message and name in message and "\n" not in message, message


@pytest.mark.parametrize("case", sorted(BAD_IMAGES))
def test_the_command_line_exits_2_on_a_bad_image(case: str, tmp_path: Path) -> None:
    name, data, words = BAD_IMAGES[case]
    path = tmp_path / name
    path.write_bytes(data)
    done = subprocess.run(
        [sys.executable, "-m", "jixiao.cli", "extract", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and not done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("jixiao：") and words in lines[0], done.stderr


def test_a_scan_can_be_checked_without_recognising_it() -> None:
    """What a web request does: the image opens, no OCR is run."""
    document = read_document_bytes(_page_png(), name="扫描.png", ocr=False)
    assert document.reader == "ocr" and document.text == ""
    with pytest.raises(UnreadableInput, match="像素过多"):
        read_document_bytes(_png_header(20_000, 10_000), name="照片.png", ocr=False)


def test_a_pdf_of_too_many_scanned_pages_is_refused_before_reading() -> None:
    from PIL import Image

    buffer = io.BytesIO()
    pages = [Image.new("L", (20, 20), 255) for _ in range(ocr.MAX_PAGES + 1)]
    pages[0].save(buffer, "PDF", save_all=True, append_images=pages[1:])
    with pytest.raises(UnreadableInput, match=f"超过 {ocr.MAX_PAGES} 页上限"):
        read_document_bytes(buffer.getvalue(), name="扫描.pdf", ocr=False)


def test_missing_models_are_said_so_instead_of_downloaded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "model_files", list)
    monkeypatch.setattr(ocr, "_cached_engine", REAL_ENGINE)
    REAL_ENGINE.cache_clear()
    try:
        with pytest.raises(UnreadableInput, match="文字识别模型不完整"):
            read_document_bytes(_page_png(), name="扫描.png")
    finally:
        REAL_ENGINE.cache_clear()


def test_the_models_ship_in_the_installed_package() -> None:
    paths = ocr.model_files()
    assert len(paths) == 2 and all(Path(p).stat().st_size > 1_000_000 for p in paths)


def test_the_darkest_channel_is_the_per_pixel_minimum() -> None:
    import numpy as np

    pixels = np.random.default_rng(7).integers(0, 256, (31, 17, 3), dtype=np.uint8)
    assert (ocr._darkest(pixels) == pixels.min(axis=2)).all()


def test_character_boxes_land_where_the_library_puts_them() -> None:
    import numpy as np
    from rapidocr.cal_rec_boxes.main import CalRecBoxes, Direction

    if not ocr.model_files():
        pytest.skip("rapidocr is not installed")
    # A line tilted by about a degree, and four characters inside its crop.
    quad = np.array([[100, 200], [700, 210], [699, 250], [99, 240]], dtype=np.float32)
    chars = [[[x, 0], [x + 30, 0], [x + 30, 40], [x, 40]] for x in (0, 150, 300, 570)]
    fast = ocr._character_boxes()
    ours = fast.reverse_rotate_crop_image(quad.copy(), chars, Direction.HORIZONTAL)
    theirs = CalRecBoxes().reverse_rotate_crop_image(quad.copy(), chars, Direction.HORIZONTAL)

    def bounds(box: list[list[int]]) -> tuple[int, ...]:
        xs, ys = [p[0] for p in box], [p[1] for p in box]
        return (min(xs), min(ys), max(xs), max(ys))

    assert [bounds(b) for b in ours] == [bounds(b) for b in theirs]
