"""The command line, run as a user runs it: a real process, real files, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def jixiao(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jixiao.cli", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_seed_audit_reports_exactly_the_two_real_mismatches(seed_path: Path) -> None:
    done = jixiao("audit", "--json", seed_path)
    assert done.returncode == 1, done.stderr
    findings = json.loads(done.stdout)["reports"][0]["findings"]
    errors = [f for f in findings if f["severity"] == "error"]
    assert sorted(f["code"] for f in errors) == [
        "basic-equals-personnel-plus-public",
        "functional-sum-equals-total",
    ]
    basic = next(f for f in errors if f["code"] == "basic-equals-personnel-plus-public")
    assert (basic["stated"], basic["computed"], basic["difference"]) == (
        "793.43",
        "850.81",
        "-57.38",
    )
    functional = next(f for f in errors if f["code"] == "functional-sum-equals-total")
    assert functional["computed"] == "5107.2" or functional["computed"] == "5107.20"
    assert "4459.21" in functional["message"] and "5252.64" in functional["message"]
    names = [f for f in findings if f["code"] == "functional-class-name"]
    quoted = " ".join(e["quote"] for f in names for e in f["evidence"])
    assert len(names) == 2 and "应急物资储备支出" in quoted and "灾害防治应急管理支出" in quoted
    codes = {f["code"] for f in findings}
    assert {"self-score-missing", "indicator-table-missing"} <= codes
    for identity in ("total-equals-basic-plus-project", "three-public-equals-parts"):
        assert all(f["severity"] != "error" for f in findings if f["code"] == identity)
    text = seed_path.read_text(encoding="utf-8")
    for finding in findings:
        for evidence in finding["evidence"]:
            assert text[evidence["start"] : evidence["end"]] == evidence["quote"]


def test_readable_audit_shows_each_finding_with_its_quote(seed_path: Path) -> None:
    done = jixiao("audit", seed_path)
    assert done.returncode == 1
    assert (
        "[错误] 基本支出793.43万元不等于人员经费793.43万元与公用经费57.38万元之和850.81万元"
        in done.stdout
    )
    assert "原文“基本支出793.43万元”" in done.stdout
    assert "共核对 1 份报告" in done.stdout


def test_extract_json_follows_the_contract(seed_path: Path) -> None:
    done = jixiao("extract", "--json", seed_path)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) >= {"source", "unit_name", "year", "kind", "spending", "three_public",
                         "budget", "self_score", "grade", "evidence"}  # fmt: skip
    assert set(data["three_public"]) == {
        "total", "overseas", "vehicle", "vehicle_purchase", "vehicle_operation", "reception"
    }  # fmt: skip
    assert set(data["budget"]) == {"initial", "adjusted", "executed", "execution_rate"}
    assert data["spending"]["basic"] == "793.43" and data["kind"] == "overall"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.txt", b"", "为空"),
        ("blank.txt", b"   \n\t\n", "为空"),
        ("binary.txt", bytes(range(256)) * 64, "文本"),
        ("invalid.txt", b"\xff\xfe\xfd\x80\x81" * 50 + b"\x00\x01", ""),
        ("report.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, ".docx"),
        ("picture.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "图片"),
    ],
)
def test_bad_input_gets_one_chinese_line_and_exit_2(
    tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    for command in (("extract", "--json"), ("audit",)):
        done = jixiao(*command, path)
        assert done.returncode == 2, (command, done.stdout, done.stderr)
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("jixiao："), done.stderr
        assert "Traceback" not in done.stderr and expected in lines[0]


def test_a_directory_and_a_missing_file_are_refused(tmp_path: Path) -> None:
    for target, word in ((tmp_path, "文件夹"), (tmp_path / "nope.txt", "找不到")):
        done = jixiao("extract", target)
        assert done.returncode == 2 and word in done.stderr and "Traceback" not in done.stderr


def test_a_file_over_50_mb_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: no 50 MB written to disk
        handle.truncate(50 * 1024 * 1024 + 1)
    done = jixiao("audit", path)
    assert done.returncode == 2 and "50" in done.stderr and "Traceback" not in done.stderr


def test_bad_arguments_are_explained_in_chinese() -> None:
    done = jixiao("audit")
    assert done.returncode == 2
    assert done.stderr.startswith("jixiao：参数有误") and "Traceback" not in done.stderr


def test_many_files_in_one_call_keep_their_order(tmp_path: Path, seed_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(
        "某县林业局2023年度绩效情况说明\n二、整体支出基本情况\n2023年度总支出300万元，基本支出100万元，项目支出200万元。\n",
        encoding="gb18030",
    )
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    done = jixiao("audit", "--json", good, seed_path, bad)
    assert done.returncode == 2  # one file could not be read: the batch says so
    reports = json.loads(done.stdout)["reports"]
    assert [Path(r["source"]).name for r in reports] == ["good.txt", seed_path.name, "empty.txt"]
    assert "error" in reports[2] and "为空" in reports[2]["error"]
    assert not [f for f in reports[0]["findings"] if f["severity"] == "error"]
