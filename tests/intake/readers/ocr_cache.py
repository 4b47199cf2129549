"""The real recogniser, with its answers kept on disk between test runs.

OCR takes seconds a page. The slow tests read the same page images every run, and what
they test beyond the recogniser (layout, repairs, doubts, the parser) changes more often
than the recogniser does; so the recogniser's raw answer for each page image is stored under
``.pytest_cache``, keyed by the image's pixels, the rapidocr version and the engine settings.
A fresh checkout (CI) recognises every page for real; delete the folder to do so here.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jixiao.intake.readers import ocr

CACHE = Path(__file__).resolve().parents[3] / ".pytest_cache" / "jixiao-ocr"


@dataclass
class Answer:
    """What jixiao's reader takes from RapidOCR's output."""

    boxes: Any
    txts: Any
    word_results: Any


class CachingEngine:
    def __init__(self, engine: Any) -> None:
        self.engine = engine
        from importlib.metadata import version

        settings = (
            f"{version('rapidocr')}|{ocr.MAX_SIDE}|{ocr.MIN_LINE_SCORE}|{ocr._MODELS}"
            f"|{sorted(ocr.ENGINE_SETTINGS.items())}"
        )
        self.salt = settings.encode()
        self.recognised = 0  # pages the real recogniser read in this run

    def __call__(self, pixels: Any) -> Answer:
        key = hashlib.sha256(self.salt + pixels.tobytes()).hexdigest()[:32]
        path = CACHE / f"{key}.pickle"
        if path.exists():
            answer: Answer = pickle.loads(path.read_bytes())
            return answer
        result = self.engine(pixels)
        self.recognised += 1
        answer = Answer(
            boxes=None if result.boxes is None else [list(map(list, b)) for b in result.boxes],
            txts=list(result.txts or ()),
            word_results=[
                [(str(w[0]), float(w[1]), [list(p) for p in w[2]]) for w in words]
                for words in (result.word_results or ())
            ],
        )
        CACHE.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(answer))
        return answer


@contextmanager
def caching_recogniser() -> Iterator[CachingEngine]:
    """jixiao's OCR reader answered through CachingEngine for the duration (a module's
    fixture wraps this)."""
    real = ocr._cached_engine()
    caching = CachingEngine(real)
    original = ocr._cached_engine
    ocr._cached_engine = lambda: caching  # type: ignore[assignment]
    try:
        yield caching
    finally:
        ocr._cached_engine = original  # type: ignore[assignment]
