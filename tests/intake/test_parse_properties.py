"""Arbitrary input never reaches a user as a traceback: only the project's own errors."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.audit.engine import run
from jixiao.contract import audit_json, extract_json
from jixiao.domain.errors import JixiaoError
from jixiao.intake.parse import parse_text
from jixiao.services import report_evaluate

# Text that looks like reports: labels, numbers, units, table pipes, headings, line breaks.
_PIECES = st.sampled_from(
    [
        "总支出", "基本支出", "人员经费", "公用经费", "项目支出", "“三公”经费", "公务接待费",
        "因公出国(境)费", "其中", "，", "。", "：", "|", "\n", "\n\n", " ", "万元", "元", "万", "%",
        "一、", "（一）", "1、", "同比减少", "下降", "年初预算数", "全年执行数", "执行率", "总分",
        "优", "2022年", "科学技术支出", "收、支总计各是", "无", "—", "0", "12.5", "3,456.78",
    ]
)  # fmt: skip
REPORTISH = st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=400), REPORTISH))
def test_any_text_parses_and_audits_without_raising(text: str) -> None:
    report = parse_text(text, source="fuzz")
    audit = run(report)
    data = extract_json(report)
    audit_json(audit)
    for item in data["evidence"]:
        assert text[item["start"] : item["end"]] == item["quote"]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".txt", ".docx", ".pdf", ".doc", ""]))
def test_any_bytes_give_a_report_or_our_own_error(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    try:
        report_evaluate(path=path)
    except JixiaoError as error:
        message = str(error)
        assert message and "\n" not in message and "Traceback" not in message


def test_the_cluster_index_finds_the_smallest_section_holding_a_position() -> None:
    from jixiao.intake.parse import _ClusterIndex

    spans = [(0, 100), (10, 40), (40, 90), (50, 60), (200, 200)]
    index = _ClusterIndex(spans)
    smallest = {5: 1, 10: 2, 39: 2, 45: 3, 55: 4, 95: 1, 150: 0, 200: 0}
    assert {p: index.of(p) for p in smallest} == smallest
