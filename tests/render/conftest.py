"""Reports to render: examples read from their text (rendered with the unit's own words), and
the same reports without their text, as a data file gives them (written by the template)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from jixiao.domain.report import Report
from jixiao.services import report_read
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "03-qingfeng-no2-middle-school-2023" / "source.txt"
OVERALL = ROOT / "examples" / "01-qingfeng-agriculture-bureau-2022" / "source.txt"


def _read(path: Path) -> Report:
    return report_read(path=path, source=path.name)


@pytest.fixture(scope="session")
def project_report() -> Report:
    """A project self-evaluation with its 自评表 (funds in 元, indicators, 总分)."""
    return _read(EXAMPLE)


@pytest.fixture(scope="session")
def overall_report() -> Report:
    """A 部门整体 report with spending, functional classes, 三公 (with a change) and budget."""
    return _read(OVERALL)


@pytest.fixture(scope="session")
def project_figures() -> Report:
    """The project report's figures without its text: the template writes every section."""
    return replace(_read(EXAMPLE), text="")


@pytest.fixture(scope="session")
def overall_figures() -> Report:
    """The 部门整体 report's figures without its text."""
    return replace(_read(OVERALL), text="")


def with_paragraph(report: Report, paragraph: str) -> Report:
    """The report with one more paragraph at the end of its text (offsets stay valid)."""
    return replace(report, text=f"{report.text}\n{paragraph}\n")
