"""docs/frameworks.md is generated from the framework files and must not drift from them."""

from __future__ import annotations

from jixiao.scoring.doc import render
from tests.conftest import ROOT


def test_the_committed_document_is_current() -> None:
    committed = (ROOT / "docs" / "frameworks.md").read_text(encoding="utf-8")
    assert committed == render(), (
        "docs/frameworks.md is out of date: run `python scripts/gen_frameworks_doc.py`"
    )


def test_the_document_covers_every_framework_and_the_json_shape() -> None:
    text = render()
    for name in ("dept-overall-b", "dept-overall-d", "project-self-2020"):
        assert f"### {name}：" in text
    assert "## 评分结果 JSON" in text and '"score_exact"' in text
    assert "三公经费变动率 = (11 − 13) / 13 = −15.38%，不高于0，得满分5分" in text
