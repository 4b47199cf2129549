"""The use cases the web application calls: scoring with a unit's 基础数据, rendering."""

from __future__ import annotations

from pathlib import Path

import yaml

from jixiao.intake.parse import parse_text
from jixiao.services import report_render, report_score
from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "scoring" / "complete-overall.yaml"


def test_basic_data_beside_a_report_fills_what_the_report_does_not_state(seed_text: str) -> None:
    report = parse_text(seed_text, source="seed")
    alone = report_score(report=report)
    basic = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    with_data = report_score(report=report, basic_data=basic)
    assert alone.total is None and len(alone.missing) > len(with_data.missing)
    missing_labels = {m.label for m in with_data.missing}
    assert not {"编制数", "在职人数"} & missing_labels


def test_render_writes_the_requested_format(seed_path: Path) -> None:
    report = parse_text(seed_path.read_text(encoding="utf-8"), source="seed")
    assert report_render(report=report, to="docx")[:2] == b"PK"
    assert report_render(report=report, to="pdf")[:5] == b"%PDF-"
