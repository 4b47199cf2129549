"""Reports to render: the seed when ../shared is there, else the richest example."""

from __future__ import annotations

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
