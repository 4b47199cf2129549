"""`jixiao score`, run as a user runs it: a real process, real files, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import ROOT
from tests.test_cli import jixiao

FIXTURE = ROOT / "tests" / "fixtures" / "scoring" / "complete-overall.yaml"
LINE_KEYS = {
    "id", "level1", "level2", "level3", "weight", "status", "value", "value_exact",
    "value_unit", "score", "score_exact", "stated_score", "target", "actual", "unit",
    "explanation", "missing",
}  # fmt: skip
TOP_KEYS = {
    "schema", "source", "unit_name", "year", "framework", "complete", "total", "total_exact",
    "grade", "full_points", "scored", "counted_weight", "rescaled", "self_score", "self_grade",
    "self_minus_total", "lines", "missing", "warnings", "notes", "rounding",
}  # fmt: skip


def test_a_readable_chinese_scorecard() -> None:
    done = jixiao("score", FIXTURE)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "青峰县统计局 2022年度" in out
    assert "三公经费变动率 = (11 − 13) / 13 = −15.38%，不高于0，得满分5分" in out
    assert "总分：83.64分（满分100分），等级：良；单位自评92分（优），相差8.36分" in out
    assert "[self-score-above-computed]" in out


def test_json_is_stable_and_exact() -> None:
    done = jixiao("score", "--json", FIXTURE)
    assert done.returncode == 0, done.stderr
    card = json.loads(done.stdout)
    assert set(card) == TOP_KEYS
    assert card["framework"]["name"] == "dept-overall-b"
    assert (card["total"], card["grade"], card["complete"]) == ("83.64", "良", True)
    assert card["total_exact"].startswith("83.6377777777")
    assert all(set(line) == LINE_KEYS for line in card["lines"])
    change = next(line for line in card["lines"] if line["id"] == "three-public-change")
    assert (change["value"], change["score"], change["status"]) == ("-15.38", "5", "scored")
    assert card["self_minus_total"] == "8.36"


def test_another_framework_by_name(tmp_path: Path) -> None:
    done = jixiao("score", "--json", "--framework", "dept-overall-d", FIXTURE)
    assert json.loads(done.stdout)["total"] == "85.58"


def test_the_seed_lists_what_is_missing(seed_path: Path) -> None:
    done = jixiao("score", seed_path)
    assert done.returncode == 0, done.stderr
    assert "总分：暂不能给出" in done.stdout
    assert "需要补充的数据（共33项，不会推测）" in done.stdout
    assert "1. 在职人数（用于：staff-control-rate）" in done.stdout
    card = json.loads(jixiao("score", "--json", seed_path).stdout)
    assert card["total"] is None and len(card["missing"]) == 33


def test_list_and_errors(tmp_path: Path) -> None:
    listed = jixiao("score", "--list")
    assert listed.returncode == 0 and "dept-overall-b（默认）" in listed.stdout
    absent = jixiao("score", tmp_path / "none.yaml")
    assert absent.returncode == 2 and "找不到文件" in absent.stderr
    bad = jixiao("score", "--framework", "no-such", FIXTURE)
    assert bad.returncode == 2 and "no-such" in bad.stderr
    (tmp_path / "bad.yaml").write_text("基础数据:\n  编址数: 1\n", encoding="utf-8")
    refused = jixiao("score", tmp_path / "bad.yaml")
    assert refused.returncode == 2 and "编址数" in refused.stderr
    nothing = jixiao("score")
    assert nothing.returncode == 2 and "请指定" in nothing.stderr
