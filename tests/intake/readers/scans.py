"""Scans and photographs of printed reports, made by other software than jixiao reads them.

A report's text is set by typst (makers.typst_pdf_from_text: Noto fonts, justified, ruled
tables), each page rasterised by PDFium at 150–200 dpi, then damaged as a scanner or a phone
would: a small rotation, speckle noise and uneven toner (scans), or a perspective tilt, blur,
a lighting gradient and JPEG compression (photographs). The damage is drawn from a seeded
random generator, so each file is the same on every run. Pillow writes the image-only PDF.

OCR takes seconds a page; the images of a text are cached on disk between runs under
``.pytest_cache`` (keyed by the text and the damage), and so are the OCR results the slow
tests compare (see test_ocr_corpus.py).
"""

from __future__ import annotations

import hashlib
import io
import random
from pathlib import Path

from tests.intake.readers.makers import typst_pdf_from_text

CACHE = Path(__file__).resolve().parents[3] / ".pytest_cache" / "jixiao-scans"


def page_images(text: str, *, dpi: int) -> list[object]:
    """The pages of the text as typst sets them, rasterised (greyscale PIL images)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(typst_pdf_from_text(text))
    try:
        return [
            document[index].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            for index in range(len(document))
        ]
    finally:
        document.close()


def scanned(picture: object, rng: random.Random) -> object:
    """A page as a flatbed scanner returns it: rotated up to 1°, speckled, toner uneven."""
    import numpy as np
    from PIL import Image

    angle = rng.uniform(-1.0, 1.0)
    rotated = picture.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)  # type: ignore[attr-defined]
    pixels = np.asarray(rotated, dtype=np.float32)
    noise = np.random.default_rng(rng.randrange(1 << 30))
    pixels = pixels + noise.normal(0.0, 12.0, pixels.shape)  # sensor noise
    speckles = noise.random(pixels.shape) < 0.002
    pixels[speckles] = noise.uniform(0, 255, int(speckles.sum()))  # dust
    width = pixels.shape[1]
    toner = 1.0 + 0.08 * np.linspace(-1, 1, width)[None, :] * rng.choice((-1, 1))
    pixels = 255 - (255 - pixels) * toner  # darker print on one side
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")


def photographed(picture: object, rng: random.Random) -> object:
    """A page as a phone photographs it on a desk: tilted in perspective, slightly out of
    focus, lit from one side, on a grey background, saved as JPEG."""
    import numpy as np
    from PIL import Image, ImageFilter

    page = picture.convert("L")  # type: ignore[attr-defined]
    width, height = page.size
    margin = int(0.06 * width)
    canvas = Image.new("L", (width + 2 * margin, height + 2 * margin), 90)
    canvas.paste(page, (margin, margin))
    w, h = canvas.size

    def jitter(x: float, y: float) -> tuple[float, float]:
        return x + rng.uniform(-0.035, 0.035) * w, y + rng.uniform(-0.03, 0.03) * h

    corners = [jitter(0, 0), jitter(w, 0), jitter(w, h), jitter(0, h)]
    coefficients = _perspective(corners, [(0, 0), (w, 0), (w, h), (0, h)])
    tilted = canvas.transform(
        (w, h), Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BICUBIC, fillcolor=70
    )
    blurred = tilted.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.1)))
    pixels = np.asarray(blurred, dtype=np.float32)
    ys, xs = np.mgrid[0:h, 0:w]
    light = 0.75 + 0.25 * ((xs / w) if rng.random() < 0.5 else (ys / h))
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 6.0, pixels.shape)
    pixels = np.clip(pixels * light + noise, 0, 255).astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(pixels, "L").convert("RGB").save(buffer, "JPEG", quality=82)
    buffer.seek(0)
    return Image.open(buffer).convert("RGB")


def _perspective(
    source: list[tuple[float, float]], target: list[tuple[float, float]]
) -> list[float]:
    """The 8 coefficients PIL's PERSPECTIVE transform takes: for each pixel of the output
    (``target`` corners) the point of the input (``source`` corners) to sample."""
    import numpy as np

    rows = []
    values = []
    for (x, y), (u, v) in zip(target, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        values.extend([u, v])
    solution = np.linalg.solve(np.array(rows, dtype=float), np.array(values, dtype=float))
    return [float(value) for value in solution]


def scanned_pdf(text: str, *, seed: int = 0) -> bytes:
    """An image-only PDF of the text: every page scanned at 150–200 dpi."""
    key = hashlib.sha256(f"scan-v1|{seed}|{text}".encode()).hexdigest()[:24]
    cached = CACHE / f"{key}.pdf"
    if cached.exists():
        return cached.read_bytes()
    rng = random.Random(seed)
    dpi = rng.choice((150, 175, 200))
    pages = [scanned(page, rng) for page in page_images(text, dpi=dpi)]
    buffer = io.BytesIO()
    first, *rest = pages
    first.save(buffer, "PDF", save_all=True, append_images=rest, resolution=float(dpi))  # type: ignore[attr-defined]
    data = buffer.getvalue()
    CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(data)
    return data


def photographs(text: str, *, seed: int = 0) -> list[bytes]:
    """JPEG photographs of the text's printed pages (one file a page)."""
    rng = random.Random(seed)
    out = []
    for page in page_images(text, dpi=200):
        buffer = io.BytesIO()
        photographed(page, rng).save(buffer, "JPEG", quality=85)  # type: ignore[attr-defined]
        out.append(buffer.getvalue())
    return out
