"""The report data file: exact round trips, literal digits, and schema errors that say where."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao import datafile
from jixiao.audit.engine import run as run_audit
from jixiao.contract import extract_json
from jixiao.datafile import DataFileError, data_to_report, loads
from jixiao.domain.money import Money, MoneyUnit
from jixiao.domain.report import Report
from jixiao.render.figures import money_text, printed_digits
from jixiao.services import report_read
from tests.conftest import ROOT, SEED

SOURCES = [*sorted(ROOT.glob("examples/*/source.txt")), SEED]
KEYS = ("spending", "three_public", "budget", "accounts", "self_score", "grade", "indicators")
KEYS_TOO = ("year", "kind", "unit_name", "outline", "headings", "signing_unit", "signed_on")


def _errors(report: Report) -> list[str]:
    # Errors only: some warnings read the source text, which a data file does not carry.
    return sorted({f.code for f in run_audit(report).findings if f.severity.value == "error"})


@pytest.mark.parametrize("fmt", ["yaml", "json"])
@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.parent.name[:12])
def test_every_report_round_trips_exactly(path: Path, fmt: str) -> None:
    if not path.exists():
        pytest.skip("../shared is not beside this checkout")
    report = report_read(path=path, source=path.name)
    text = datafile.dump_yaml(report) if fmt == "yaml" else datafile.dump_json(report)
    again = loads(text, fmt=fmt, source="data")
    before, after = extract_json(report), extract_json(again)
    assert {k: before[k] for k in KEYS + KEYS_TOO} == {k: after[k] for k in KEYS + KEYS_TOO}
    assert _errors(report) == _errors(again)  # changes and their rates survive, too


def test_yaml_numbers_keep_their_printed_digits() -> None:
    report = loads(
        "schema: jixiao-report/1\nthree_public:\n  total: 3.60\n  reception: 387664.62元\n"
        "budget:\n  execution_rate: 97.10\nprofile:\n  year: 2022\n  signed_on: 2023-08-29\n",
        fmt="yaml",
        source="t",
    )
    total = report.three_public.total
    assert total is not None and total.value == Money(Decimal("3.60"), Decimal("0.01"))
    reception = report.three_public.reception
    assert reception is not None
    assert reception.value.stated_unit is MoneyUnit.YUAN
    assert reception.value.wan == Decimal("38.766462")
    rate = report.budget.execution_rate
    assert rate is not None and str(rate.value.percent) == "97.10"
    assert report.profile.year == 2022 and report.profile.signed_on == "2023-08-29"


def test_json_numbers_are_read_as_decimals() -> None:
    report = loads(
        '{"schema": "jixiao-report/1", "spending": {"total": 5252.640}}', fmt="json", source="t"
    )
    assert report.spending.total is not None
    assert str(report.spending.total.value.wan) == "5252.640"


def test_a_figure_keeps_its_change_for_the_audit() -> None:
    report = loads(
        "schema: jixiao-report/1\nkind: final_accounts\nprofile: {year: 2024}\nspending:\n"
        "  total: {value: 5918.26万元, change: -486.52万元, change_rate: -8.22%}\n",
        fmt="yaml",
        source="t",
    )
    codes = [f.code for f in run_audit(report).findings if f.severity.value == "error"]
    assert codes == ["change-rate-matches"]
    dumped = datafile.report_to_data(report)["spending"]["total"]
    assert dumped == {"value": "5918.26万元", "change": "-486.52万元", "change_rate": "-8.22%"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "schema: jixiao-report/1"),
        ({"schema": "jixiao-report/1", "spending": {"totl": "1"}}, "spending.totl：不认识的键"),
        (
            {"schema": "jixiao-report/1", "spending": {"total": "五百万"}},
            "spending.total：金额应写作",
        ),
        ({"schema": "jixiao-report/1", "kind": "annual"}, "kind：应为 overall"),
        (
            {"schema": "jixiao-report/1", "budget": {"execution_rate": "高"}},
            "budget.execution_rate",
        ),
        ({"schema": "jixiao-report/1", "profile": {"signed_on": "8月29日"}}, "profile.signed_on"),
        ({"schema": "jixiao-report/1", "three_public": {"total": {"change": "1"}}}, "缺少 value"),
        (
            {"schema": "jixiao-report/1", "spending": {"functional": [{"amount": "1万元"}]}},
            "spending.functional[0]：缺少 stated_name",
        ),
        ([], "文件：应为“键: 值”形式的映射"),
    ],
)
def test_schema_errors_name_the_place(data: object, message: str) -> None:
    with pytest.raises(DataFileError) as caught:
        data_to_report(data, source="t")
    assert message in str(caught.value)


def test_malformed_text_is_a_chinese_error(tmp_path: Path) -> None:
    bad = tmp_path / "r.yaml"
    bad.write_text("schema: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="数据文件格式有误"):
        datafile.load_path(bad)
    with pytest.raises(DataFileError, match="无法读取数据文件"):
        datafile.load_path(tmp_path / "missing.json")


def test_printed_digits_keep_precision_and_never_drop_a_digit() -> None:
    assert printed_digits(Decimal("3.6"), Decimal("0.01")) == "3.60"
    assert printed_digits(Decimal("340"), Decimal("1")) == "340"
    assert printed_digits(Decimal("0"), Decimal("0")) == "0"
    assert printed_digits(Decimal("1.234"), Decimal("0.01")) == "1.234"
    assert money_text(Money.parse("387664.62", MoneyUnit.YUAN)) == "387664.62元"
    assert money_text(Money.parse("10.6", MoneyUnit.YI)) == "10.6亿元"
