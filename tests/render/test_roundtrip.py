"""The seed and every example, rendered to .md, .docx and .pdf and read back, state the same
figures (the spending, 三公 and budget blocks of the extract contract) and raise the same
audit errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.render import render
from jixiao.services import report_read
from tests.conftest import ROOT, SEED
from tests.render.readback import differences, read_back

EXAMPLES = sorted(ROOT.glob("examples/*/source.txt"))
FORMATS = ("md", "docx", "pdf")


def _check(path: Path, fmt: str) -> None:
    report = report_read(path=path, source=path.name)
    again = read_back(render(report, fmt), fmt)
    assert not differences(report, again)


@pytest.mark.shared
@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_reads_back_the_same(fmt: str) -> None:
    if not SEED.exists():
        pytest.skip("../shared is not beside this checkout")
    _check(SEED, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name[:12])
def test_example_reads_back_the_same(path: Path, fmt: str) -> None:
    _check(path, fmt)


def test_there_are_examples_to_render() -> None:
    assert len(EXAMPLES) >= 8


@pytest.mark.parametrize("outline", ["performance-note", "hunan-overall-self-evaluation"])
def test_both_overall_outlines_keep_the_figures(outline: str) -> None:
    path = next(p for p in EXAMPLES if "05-" in p.parent.name)
    report = report_read(path=path, source=path.name)
    again = read_back(render(report, "docx", outline=outline), "docx")
    assert not differences(report, again)
    assert again.outline == outline
