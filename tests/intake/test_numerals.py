from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.intake.numerals import is_printed_decimal, parse_chinese, parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5,252.64", "5252.64"),
        ("1,234,567.89", "1234567.89"),
        ("0.00", "0.00"),
        ("-3.5", "-3.5"),
        ("一千零五十五", "1055"),
        ("两千", "2000"),
        ("十五", "15"),
        ("三十五", "35"),
        ("一百一十", "110"),
        ("二〇二二", "2022"),
        ("五", "5"),
        ("一万零五十五点五", "10055.5"),
        ("二点五", "2.5"),
        ("百分之二十五", "25"),
        ("百分之95", "95"),
        ("百分之九十七点零六", "97.06"),
        ("伍仟贰佰伍拾贰元陆角肆分", "5252.64"),
        ("壹拾贰万叁仟肆佰伍拾陆元柒角捌分", "123456.78"),
        ("贰元零伍分", "2.05"),
        ("叁佰元整", "300"),
        ("伍仟贰佰伍拾贰", "5252"),
        ("三万亿", "3000000000000"),
        ("一亿零五万", "100050000"),
        ("一亿三千万", "130000000"),
    ],
)
def test_parse_number_reads_arabic_chinese_and_daxie(text: str, expected: str) -> None:
    value = parse_number(text)
    assert value == Decimal(expected)
    assert isinstance(value, Decimal)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("一万五", "15000"), ("三千五", "3500"), ("两百五", "250"), ("三千五万", "35000000")],
)
def test_colloquial_short_form_means_one_magnitude_down(text: str, expected: str) -> None:
    assert parse_chinese(text) == Decimal(expected)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "十三五", "十四五", "一万三千万", "十百", "点五", "五点", "12a", "1.2.3",
     "元", "角", "five", "百分之", "二十五%"],
)  # fmt: skip
def test_parse_number_refuses_what_is_not_a_number(text: str) -> None:
    assert parse_number(text) is None


def test_decimal_part_keeps_its_zeros() -> None:
    assert str(parse_number("一点五零")) == "1.50"
    assert str(parse_number("100.00")) == "100.00"


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_str_of_a_decimal_round_trips(value: Decimal) -> None:
    parsed = parse_number(str(value))
    assert parsed == value
    assert isinstance(parsed, Decimal)


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_integers_written_in_chinese_round_trip(value: int) -> None:
    assert parse_chinese(_to_chinese(value)) == value


@given(st.text(alphabet="零〇一二两三四五六七八九十百千万亿点壹贰拾佰仟元角分整", max_size=12))
def test_arbitrary_numeral_strings_never_raise(text: str) -> None:
    result = parse_number(text)
    assert result is None or isinstance(result, Decimal)


_CN_DIGITS = "零一二三四五六七八九"


def _to_chinese(value: int) -> str:
    """Standard-form writer used as a test oracle (零 between gaps, 十 spelt 一十 inside)."""
    if value == 0:
        return "零"
    groups = []
    for big in ("亿", "万", ""):
        size = {"亿": 10**8, "万": 10**4, "": 1}[big]
        groups.append((value // size % 10**4, big))
    text, gap = "", False
    for group, big in groups:
        if group == 0:
            gap = bool(text)
            continue
        if text and (gap or group < 1000):
            text += "零"
        text += _four_digits(group) + big
        gap = False
    return text


def _four_digits(group: int) -> str:
    text, gap = "", False
    for size, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = group // size % 10
        if digit == 0:
            gap = bool(text)
            continue
        if gap:
            text += "零"
        text += _CN_DIGITS[digit] + name
        gap = False
    return text


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("12.5", True),
        ("0.75", True),
        ("0", True),
        ("300", True),
        ("07", False),  # no table prints a leading zero before a digit
        ("1.", False),
        (".5", False),
        ("1.2.3", False),
        ("", False),
        ("1e3", False),
    ],
)
def test_a_printed_decimal_is_how_a_table_cell_writes_a_number(text: str, printed: bool) -> None:
    assert is_printed_decimal(text) is printed


def test_a_rate_fits_its_amounts_to_half_a_point_and_never_a_zero_budget() -> None:
    from jixiao.intake.numerals import rate_fits

    # 47.68 / 50 = 95.36 %
    assert rate_fits(Decimal("95.36"), Decimal("47.68"), Decimal(50))
    assert rate_fits(Decimal("95.8"), Decimal("47.68"), Decimal(50))
    assert not rate_fits(Decimal("95.00"), Decimal("47.68"), Decimal(50), points=Decimal("0.3"))
    assert not rate_fits(Decimal(96), Decimal("47.68"), Decimal(50))
    assert not rate_fits(Decimal(0), Decimal(0), Decimal(0))
