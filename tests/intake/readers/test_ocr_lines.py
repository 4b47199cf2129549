"""A page's lines split into runs of about equal width, recognised in parallel, joined in order."""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass
from typing import Any

from jixiao.intake.readers.ocr_lines import in_parallel, runs


def test_runs_cover_every_line_once_in_order() -> None:
    widths = [900, 40, 1200, 1200, 300, 1250, 60, 1100, 700]
    parts = runs(widths, 4)
    assert parts[0][0] == 0 and parts[-1][1] == len(widths)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(parts))
    assert 2 <= len(parts) <= 4


def test_runs_are_about_equal_in_width() -> None:
    widths = [1000] * 12
    assert [sum(widths[a:b]) for a, b in runs(widths, 4)] == [3000, 3000, 3000, 3000]


def test_one_line_or_one_run_is_not_split() -> None:
    assert runs([800], 4) == [(0, 1)]
    assert runs([800, 900], 1) == [(0, 2)]
    assert runs([], 4) == []


@dataclass
class _Crop:
    shape: tuple[int, int, int]
    text: str


@dataclass
class _Output:
    imgs: list[Any]
    txts: tuple[str, ...]
    scores: tuple[float, ...]
    word_results: tuple[Any, ...]
    elapse: float


def test_lines_read_in_parallel_come_back_in_their_order() -> None:
    threads: set[str] = set()

    def recognise(crops: list[_Crop]) -> _Output:
        threads.add(threading.current_thread().name)
        return _Output(
            imgs=list(crops),
            txts=tuple(c.text for c in crops),
            scores=tuple(0.9 for _ in crops),
            word_results=tuple((c.text,) for c in crops),
            elapse=0.1,
        )

    crops = [_Crop((40, 400 + 37 * i, 3), f"第{i}行") for i in range(30)]
    joined = in_parallel(recognise, 2)(crops)
    assert joined.txts == tuple(f"第{i}行" for i in range(30))
    assert joined.word_results == tuple((f"第{i}行",) for i in range(30))
    assert len(joined.scores) == 30 and joined.imgs == crops
    assert all(name.startswith("ocr-lines") for name in threads)


def test_one_worker_reads_the_page_as_it_is() -> None:
    def recognise(crops: list[Any]) -> str:
        return "whole"

    assert in_parallel(recognise, 1)([1, 2, 3]) == "whole"
