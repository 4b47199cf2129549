"""Scanned PDFs and photographs → DocumentText, through OCR on the CPU, offline.

The recogniser is RapidOCR's pipeline on onnxruntime with the PP-OCR models that ship inside
the ``rapidocr`` wheel (Apache-2.0; docs/adr/0010-ocr-on-the-cpu-with-models-in-the-wheel.md).
Nothing is downloaded: the model files are looked up in the installed package and passed to
it by path; when they are missing the reader says so instead of letting the library fetch
them. Each page yields lines of characters with their boxes and confidences; ocr_layout.py
puts them back into reading order, rebuilds table rows and marks the figures to check.

Images are checked before they are decoded: an empty file, a header that claims more than
MAX_PIXELS (a "decompression bomb"), a truncated or undecodable file, each get one Chinese
sentence. Pages are scaled so that the longer side is at most MAX_SIDE pixels: text stays
30–40 pixels high, and the recogniser's time stays bounded.
"""

from __future__ import annotations

import functools
import io
import logging
import os
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources
from typing import Any

from jixiao.domain.errors import UnreadableInput
from jixiao.intake.document import DocumentText
from jixiao.intake.readers.ocr_layout import (
    INK_SPACE_CONFIDENCE,
    Glyph,
    OcrLine,
    OcrPage,
    layout,
)
from jixiao.intake.readers.ocr_lines import in_parallel
from jixiao.intake.readers.ocr_spacing import INK_SPACE, spaced

Progress = Callable[[int, int], None]  # (pages done, pages in all)

MAX_PAGES = 100  # a performance report with its tables is far shorter
MAX_PIXELS = 60_000_000  # one page image: A4 at 600 dpi is 35 megapixels
MAX_SIDE = 2400  # pixels on the longer side of a page given to the recogniser
RENDER_DPI = 200  # scanned PDF pages are rendered at this resolution
# Lines recognised with less confidence are dropped by the recogniser. Kept low: a faint "="
# or "—" in a table cell is better kept and flagged (ocr_layout.LOW_CONFIDENCE) than lost.
MIN_LINE_SCORE = 0.3
WORKERS = max(1, min(os.cpu_count() or 1, 4))  # pages recognised at once, one core each
CONTENT_DARK = 140  # a pixel darker than this (0–255) is ink when the printed area is found
DET_SIDE = 1280  # pixels on the longer side of the image the text detector looks at
_MODELS = ("PP-OCRv6_det_small.onnx", "PP-OCRv6_rec_small.onnx")
# The settings that change what the recogniser answers (the tests' OCR cache is keyed by them).
ENGINE_SETTINGS: dict[str, Any] = {
    "Global.text_score": MIN_LINE_SCORE,
    "Global.use_cls": False,  # pages are upright; a skew of a degree or two is fine
    "Det.limit_side_len": DET_SIDE,
    # One line a call: the recogniser's cost is per column of its input, and a batch pads
    # every line to the widest one (a tenth more columns on a page of prose).
    "Rec.rec_batch_num": 1,
    # One thread a call: pages run in parallel instead (see recognised_pages).
    "EngineConfig.onnxruntime.intra_op_num_threads": 1,
    "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    "EngineConfig.onnxruntime.enable_cpu_mem_arena": True,  # shapes vary per line
}


@dataclass(frozen=True, slots=True)
class _Image:
    """One page image as the recogniser takes it (an RGB array), and its size."""

    pixels: Any  # numpy array, height × width × 3
    width: int
    height: int


def read_image(
    data: bytes, *, label: str, progress: Progress | None = None, ocr: bool = True
) -> DocumentText:
    """A photograph or scan (.jpg/.png/.tif/.bmp/.gif; every frame of a multi-page TIFF).
    ``ocr=False``: only check that every frame decodes (an empty text is returned)."""
    if not data:
        raise UnreadableInput(f"{label}是空文件（0 字节）：请重新拍照或扫描后再提交")
    images = list(_decoded_frames(data, label))
    if not ocr:
        return DocumentText(text="", format="image", reader="ocr")
    return recognise(images, label=label, kind="image", progress=progress)


def read_scanned_pdf(
    document: Any, *, label: str, progress: Progress | None = None, ocr: bool = True
) -> DocumentText:
    """A PDF without a text layer (an open pypdfium2 document): every page rendered at
    RENDER_DPI (less for an oversized page) and recognised (``ocr=False``: only counted)."""
    count = len(document)
    if count > MAX_PAGES:
        raise UnreadableInput(_too_many_pages(label, count))
    if not ocr:
        return DocumentText(text="", format="pdf", reader="ocr")

    return recognise(
        page_images(document, range(count)), label=label, kind="pdf", progress=progress, count=count
    )


def recognise(
    images: Any,
    *,
    label: str,
    kind: str,
    progress: Progress | None = None,
    count: int | None = None,
) -> DocumentText:
    """Recognise each page image (an iterable of _Image) and lay the pages out as text."""
    total = count if count is not None else len(images)
    pages = recognised_pages(images, label=label, progress=progress, total=total)
    document = layout(pages, format=kind)
    if not document.text.strip():
        raise UnreadableInput(
            f"{label}中没有识别出任何文字：请确认图片清晰、方向正确，"
            "或重新扫描（建议 200–300 dpi）后再提交"
        )
    return document


def recognised_pages(
    images: Iterable[_Image],
    *,
    label: str,
    progress: Progress | None = None,
    total: int = 0,
    done: int = 0,
) -> list[OcrPage]:
    """The recogniser's lines of each page image, in page order. WORKERS pages are
    recognised at once, each on one core (onnxruntime releases the GIL): on two cores this
    is faster than one page at a time on two threads, whose convolutions are too small to
    share well. Images are produced (rendered) here, one ahead of each worker, so a long
    scan is never held in memory whole. ``done`` pages were counted before these."""
    engine = _engine(label)
    pages: list[OcrPage] = []
    with ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="ocr") as pool:
        pending: deque[Future[OcrPage]] = deque()

        def collect() -> None:
            pages.append(pending.popleft().result())
            if progress is not None:
                progress(done + len(pages), max(total, done + len(pages)))

        for image in images:
            pending.append(pool.submit(_page, engine, image))
            if len(pending) > WORKERS:
                collect()
        while pending:
            collect()
    return pages


def page_images(document: Any, indices: Iterable[int]) -> Iterator[_Image]:
    """The pages of an open pypdfium2 document at ``indices``, rendered for the
    recogniser at RENDER_DPI (less for an oversized page)."""
    for index in indices:
        page = document[index]
        try:
            width, height = page.get_size()
            scale = min(RENDER_DPI / 72, MAX_SIDE / max(width, height, 1.0))
            bitmap = page.render(scale=scale, grayscale=True)
            yield _as_image(bitmap.to_pil())
        finally:
            page.close()


def _page(engine: Any, image: _Image) -> OcrPage:
    """The page's recognised lines. The detector sees the printed area only (the margins
    cut off), so that within its DET_SIDE pixels the text is as large as it can be: a lone
    "=" or "—" in a small table cell is found at that size and lost at a whole page's."""
    dark = _darkest(image.pixels) < CONTENT_DARK  # ink, for the margins and the spaces
    left, top, right, bottom = _content(dark)
    result = engine(image.pixels[top:bottom, left:right])
    lines = []
    for quad, text, words in zip(
        result.boxes if result.boxes is not None else (),
        result.txts or (),
        result.word_results or (),
        strict=False,
    ):
        moved = [(w[0], w[1], _moved(w[2], left, top)) for w in words or () if len(w) == 3]
        line = _line(_moved(quad, left, top), str(text), moved, dark)
        if line is not None:
            lines.append(line)
    return OcrPage(width=image.width, height=image.height, lines=lines)


def _darkest(pixels: Any) -> Any:
    """Each pixel's darkest channel. Two element-wise minima: ``min(axis=2)`` walks the
    three interleaved bytes of each pixel one by one, a dozen times slower (0.15 s a page)."""
    import numpy as np  # noqa: PLC0415

    return np.minimum(np.minimum(pixels[:, :, 0], pixels[:, :, 1]), pixels[:, :, 2])


def _content(dark: Any) -> tuple[int, int, int, int]:
    """The box (left, top, right, bottom) around what is printed on the page, with a margin;
    the whole image when little would be cut. A row or column counts as printed when more of
    its pixels are dark than scanner dust makes dark."""
    import numpy as np  # noqa: PLC0415

    height, width = dark.shape[:2]
    rows = np.flatnonzero(dark.sum(axis=1) > max(4, width * 0.003))
    columns = np.flatnonzero(dark.sum(axis=0) > max(4, height * 0.003))
    if not len(rows) or not len(columns):
        return 0, 0, width, height
    pad = max(16, round(0.015 * max(width, height)))
    left, right = max(0, int(columns[0]) - pad), min(width, int(columns[-1]) + 1 + pad)
    top, bottom = max(0, int(rows[0]) - pad), min(height, int(rows[-1]) + 1 + pad)
    if (right - left) * (bottom - top) > 0.9 * width * height:
        return 0, 0, width, height
    return left, top, right, bottom


def _moved(points: Any, left: int, top: int) -> list[tuple[float, float]]:
    """Points found in the cut-out, on the whole page."""
    return [(float(point[0]) + left, float(point[1]) + top) for point in points]


def _line(quad: Any, text: str, words: Any, dark: Any = None) -> OcrLine | None:
    """One recognised line: its characters with a box and a confidence each. RapidOCR
    gives one (char, confidence, quad) per character other than a space; spaces take the
    gap between their neighbours."""
    chars = [(str(w[0]), float(w[1]), _bounds(w[2])) for w in words or () if len(w) == 3]
    if "".join(c for c, _, _ in chars) != text.replace(" ", ""):
        return _spread(quad, text, chars)
    if dark is not None:
        text = spaced(chars, text, dark)
    glyphs: list[Glyph] = []
    queue = iter(chars)
    for char in text:
        if char in (" ", INK_SPACE):
            glyphs.append(Glyph(" ", INK_SPACE_CONFIDENCE if char == INK_SPACE else 1.0, None))
            continue
        got, confidence, box = next(queue)
        glyphs.append(Glyph(got, confidence, box))
    return OcrLine.of(glyphs, _bounds(quad)) if glyphs else None


def _spread(quad: Any, text: str, chars: list[Any]) -> OcrLine | None:
    """Characters placed evenly along the line, when RapidOCR's per-character boxes do not
    match its text (kept with the line's lowest known confidence)."""
    left, top, right, bottom = _bounds(quad)
    if not text.strip():
        return None
    confidence = min((c for _, c, _ in chars), default=0.0)
    step = (right - left) / len(text)
    glyphs = []
    for index, char in enumerate(text):
        start = int(left + index * step)
        box = None if char == " " else (start, top, int(start + step), bottom)
        glyphs.append(Glyph(char, 1.0 if box is None else confidence, box))
    return OcrLine.of(glyphs, (left, top, right, bottom))


def _bounds(quad: Any) -> tuple[int, int, int, int]:
    xs = [float(point[0]) for point in quad]
    ys = [float(point[1]) for point in quad]
    return (round(min(xs)), round(min(ys)), round(max(xs)), round(max(ys)))


# ------------------------------------------------------------------------------- images


def frames(data: bytes, *, label: str) -> Iterator[_Image]:
    """The frames of an image file (an OFD's scanned page), checked as read_image checks
    a photograph: empty, truncated, undecodable or oversized files are refused."""
    if not data:
        raise UnreadableInput(f"{label}中的扫描图像是空的：请重新扫描后再提交")
    return _decoded_frames(data, label)


def _decoded_frames(data: bytes, label: str) -> Iterator[_Image]:
    from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError  # noqa: PLC0415

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow's notes on odd files are not for users
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise UnreadableInput(_too_large(label)) from error
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        raise UnreadableInput(
            f"{label}不是可以打开的图片（文件已损坏或格式不受支持）："
            "请重新拍照或扫描，保存为 JPG、PNG 或 TIFF 后再提交"
        ) from error
    with opened:
        frames = getattr(opened, "n_frames", 1)
        if frames > MAX_PAGES:
            raise UnreadableInput(_too_many_pages(label, frames))
        for frame in ImageSequence.Iterator(opened):
            if frame.width * frame.height > MAX_PIXELS:
                raise UnreadableInput(_too_large(label))
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    frame.load()
                    upright = ImageOps.exif_transpose(frame)
                    image = _as_image(upright)
                yield image
            except (OSError, ValueError, SyntaxError) as error:
                raise UnreadableInput(
                    f"{label}的图片数据不完整（文件被截断或已损坏）：请重新拍照或扫描后再提交"
                ) from error


def _as_image(picture: Any) -> _Image:
    """An RGB array no larger than MAX_SIDE on its longer side."""
    import numpy as np  # noqa: PLC0415
    from PIL import Image  # noqa: PLC0415

    if picture.mode not in ("RGB", "L"):
        picture = picture.convert("RGB")
    longest = max(picture.width, picture.height)
    if longest > MAX_SIDE:
        ratio = MAX_SIDE / longest
        size = (max(1, round(picture.width * ratio)), max(1, round(picture.height * ratio)))
        picture = picture.resize(size, Image.Resampling.LANCZOS)
    rgb = picture.convert("RGB")
    return _Image(np.asarray(rgb), rgb.width, rgb.height)


def _too_large(label: str) -> str:
    return (
        f"{label}的像素过多（超过 {MAX_PIXELS // 10_000} 万像素，可能是异常文件），"
        "已拒绝读取：请以 200–300 dpi 重新扫描，或把照片缩小后再提交"
    )


def _too_many_pages(label: str, count: int) -> str:
    return f"{label}有 {count} 页，超过 {MAX_PAGES} 页上限：请只提交绩效报告正文及其附表"


# ------------------------------------------------------------------------------- engine


def model_files() -> list[str]:
    """The paths of the bundled models (an empty list when the package lacks them)."""
    try:
        folder = resources.files("rapidocr") / "models"
    except ModuleNotFoundError:
        return []
    paths = [str(folder / name) for name in _MODELS]
    return paths if all(os.path.isfile(path) for path in paths) else []


@functools.cache
def _cached_engine() -> Any:
    models = model_files()
    if not models:
        raise FileNotFoundError("the rapidocr models are not installed")
    from rapidocr import RapidOCR  # noqa: PLC0415 (seconds to import: only when a scan comes)

    det, rec = models
    engine = RapidOCR(
        params={
            "Global.log_level": "error",
            "Global.max_side_len": MAX_SIDE,
            "Global.return_word_box": True,
            "Global.return_single_char_box": True,
            "Det.model_path": det,
            "Rec.model_path": rec,
            "Det.limit_type": "max",
            **ENGINE_SETTINGS,
        }
    )
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    engine.cal_rec_boxes = _character_boxes()
    # An instance attribute shadows the method: RapidOCR calls self.recognize_txt(crops).
    setattr(engine, "recognize_txt", in_parallel(engine.recognize_txt, WORKERS))  # noqa: B010
    return engine


def _character_boxes() -> Any:
    """RapidOCR's per-character boxes, placed back on the page with one matrix product per
    line. The library maps every corner of every character through the crop's inverse
    perspective one at a time and re-orders each box's corners in Python: a twentieth of a
    page's CPU. jixiao reads only each box's bounds, so the order of its corners does not
    matter. Vertical lines (rotated crops) keep the library's own mapping."""
    import numpy as np  # noqa: PLC0415
    from rapidocr.cal_rec_boxes.main import CalRecBoxes, Direction  # noqa: PLC0415

    class CharacterBoxes(CalRecBoxes):
        def reverse_rotate_crop_image(
            self, bbox_points: Any, word_points_list: Any, direction: Any
        ) -> Any:
            if direction != Direction.HORIZONTAL or not word_points_list:
                return super().reverse_rotate_crop_image(bbox_points, word_points_list, direction)
            import cv2  # noqa: PLC0415

            quad = np.asarray(bbox_points, dtype=np.float32)
            left, top = int(quad[:, 0].min()), int(quad[:, 1].min())
            quad = quad - np.array([left, top], dtype=np.float32)
            width = int(np.linalg.norm(quad[0] - quad[1]))
            height = int(np.linalg.norm(quad[0] - quad[3]))
            upright = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
            inverse = cv2.invert(cv2.getPerspectiveTransform(quad, upright))[1]
            points = np.asarray(word_points_list, dtype=np.float64).reshape(-1, 2)
            mapped = np.c_[points, np.ones(len(points))] @ inverse.T
            xy = mapped[:, :2] / mapped[:, 2:3] + (left, top)
            return xy.astype(int).reshape(len(word_points_list), 4, 2).tolist()

    return CharacterBoxes()


def _engine(label: str) -> Any:
    try:
        return _cached_engine()
    except (FileNotFoundError, ImportError, OSError) as error:
        raise UnreadableInput(
            f"{label}是扫描件或图片，需要文字识别，但本机的文字识别模型不完整："
            "请重新安装 jixiao（./run 会安装所需环境）后再试"
        ) from error
