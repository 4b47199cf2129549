"""`jixiao render`: files in every format, data files in and out, Chinese errors, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.cli import main
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "05-fenglin-forestry-station-2022" / "source.txt"


@pytest.mark.parametrize(
    ("fmt", "magic"),
    [
        ("docx", b"PK"),
        ("xlsx", b"PK"),
        ("pdf", b"%PDF"),
        ("html", b"<!DOCTYPE"),
        ("md", "枫".encode()),
    ],
)
def test_writes_each_format(tmp_path: Path, fmt: str, magic: bytes) -> None:
    out = tmp_path / f"report.{fmt}"
    assert main(["render", str(EXAMPLE), "--to", fmt, "-o", str(out)]) == 0
    assert out.read_bytes().startswith(magic)


def test_data_file_out_and_back_in(tmp_path: Path) -> None:
    data = tmp_path / "report.yaml"
    assert main(["render", str(EXAMPLE), "--to", "yaml", "-o", str(data)]) == 0
    edited = data.read_text(encoding="utf-8").replace("problems: []", "problems:\n  - 台账不全")
    data.write_text(edited, encoding="utf-8")
    out = tmp_path / "report.md"
    assert (
        main(["render", str(data), "--to", "md", "--outline", "performance-note", "-o", str(out)])
        == 0
    )
    text = out.read_text(encoding="utf-8")
    assert "1．台账不全" in text and "“三公”经费支出3.60万元" in text


def test_default_output_name_beside_the_input(tmp_path: Path) -> None:
    source = tmp_path / "r.txt"
    source.write_bytes(EXAMPLE.read_bytes())
    assert main(["render", str(source), "--to", "json"]) == 0
    assert (tmp_path / "r.json").exists()


def test_unknown_outline_fails_with_a_chinese_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["render", str(EXAMPLE), "--to", "md", "--outline", "nope", "-o", str(tmp_path / "x")]
    )
    assert code == 2
    assert "没有名为“nope”的提纲模板" in capsys.readouterr().err


def test_unreadable_input_fails_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: jixiao-report/1\nspending: {total: 很多}\n", encoding="utf-8")
    assert main(["render", str(bad), "--to", "md", "-o", str(tmp_path / "x.md")]) == 2
    assert "spending.total" in capsys.readouterr().err


def test_refuses_to_overwrite_its_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "r.json"
    assert main(["render", str(EXAMPLE), "--to", "json", "-o", str(data)]) == 0
    assert main(["render", str(data), "--to", "json"]) == 2
    assert "输出文件与输入文件相同" in capsys.readouterr().err
