"""A page's text lines recognised on every core, not one page per core only.

Pages are recognised WORKERS at a time (ocr.recognised_pages), but a document rarely has a
multiple of WORKERS pages: the last page of a five-page scan ran alone on one core while the
other idled (a fifth of the scan's time), and a photograph of one page always did. The
recogniser reads each line on its own (one line per call), so a page's lines can be split
into contiguous runs and read in parallel with the very same results; the runs of all pages
share one pool of WORKERS threads, so both cores stay busy to the end of a document.
docs/adr/0015-ocr-one-line-calls-and-lines-on-every-core.md
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

RUNS_PER_WORKER = 2  # runs a page's lines are cut into, per worker: even ends, few calls


@functools.cache
def _pool(workers: int) -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ocr-lines")


def runs(widths: Sequence[int], count: int) -> list[tuple[int, int]]:
    """``count`` (or fewer) contiguous runs (start, end) of the lines, of about equal total
    width: the recogniser's time goes with a line's width."""
    total = sum(widths)
    if count <= 1 or len(widths) <= 1 or total <= 0:
        return [(0, len(widths))] if widths else []
    bounds: list[tuple[int, int]] = []
    start, done = 0, 0
    for index, width in enumerate(widths):
        done += width
        if done * count >= total * (len(bounds) + 1) and index + 1 < len(widths):
            bounds.append((start, index + 1))
            start = index + 1
    bounds.append((start, len(widths)))
    return bounds


def in_parallel(recognise: Callable[[list[Any]], Any], workers: int) -> Callable[[list[Any]], Any]:
    """RapidOCR's ``recognize_txt`` (crops → TextRecOutput), spread over ``workers`` threads.
    The parts are joined back in line order; onnxruntime releases the GIL while it runs."""
    if workers <= 1:
        return recognise

    def recognise_lines(crops: list[Any]) -> Any:
        parts = runs(
            [int(crop.shape[1] * 48 / max(1, crop.shape[0])) for crop in crops],
            workers * RUNS_PER_WORKER,
        )
        if len(parts) <= 1:
            return recognise(crops)
        outputs = list(_pool(workers).map(lambda part: recognise(crops[part[0] : part[1]]), parts))
        return _joined(outputs)

    return recognise_lines


def _joined(outputs: list[Any]) -> Any:
    from dataclasses import replace  # noqa: PLC0415

    first = outputs[0]
    return replace(
        first,
        imgs=[image for output in outputs for image in (output.imgs or [])],
        txts=tuple(text for output in outputs for text in output.txts),
        scores=tuple(score for output in outputs for score in output.scores),
        word_results=tuple(words for output in outputs for words in output.word_results),
        elapse=sum(output.elapse or 0.0 for output in outputs),
    )
