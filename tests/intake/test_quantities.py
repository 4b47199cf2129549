import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.domain.money import Count, MoneyUnit
from jixiao.intake.quantities import (
    Quantity,
    find_bare_numbers,
    find_quantities,
    parse_cell,
    parse_number,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "seeds" / "000_3c820579068e2a5e.txt"


def only(text: str) -> Quantity:
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


def summary(text: str) -> list[tuple[str, str, str]]:
    return [(q.kind, q.digits, q.unit) for q in find_quantities(text)]


# --- amounts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "digits", "unit"),
    [
        ("总支出5252.64万元。", "5252.64", "万元"),
        ("拨付1,234,567.89元", "1234567.89", "元"),
        ("资金0.123456万元", "0.123456", "万元"),
        ("投入10.6亿元", "10.6", "亿元"),
        ("城乡社区支出340万元，", "340", "万元"),
        ("公用经费57.38万。", "57.38", "万元"),
        ("专项资金40万）", "40", "万元"),
        ("结余资金12万", "12", "万元"),
        ("三百万元", "300", "万元"),
        ("安排四十万。", "40", "万元"),
        ("一千零五十五万元", "1055", "万元"),
        ("伍仟贰佰伍拾贰元陆角肆分", "5252.64", "元"),
        ("人民币壹拾万元整。", "10", "万元"),
        ("一亿零五万元", "100050000", "元"),
    ],
)
def test_amounts_keep_the_stated_number_and_unit(text: str, digits: str, unit: str) -> None:
    quantity = only(text)
    assert (quantity.kind, quantity.digits, quantity.unit) == ("amount", digits, unit)
    assert quantity.value == Decimal(digits)
    assert quantity.text == text[quantity.start : quantity.end]


def test_money_converts_to_wan_exactly_and_keeps_the_printed_precision() -> None:
    yuan = only("执行数387664.62元").money()
    assert yuan is not None
    assert (yuan.wan, yuan.ulp, yuan.stated_unit) == (
        Decimal("38.766462"),
        Decimal("0.000001"),
        MoneyUnit.YUAN,
    )
    yi = only("约10.6亿元").money()
    assert yi is not None
    assert str(yi) == "106000"
    assert yi.ulp == Decimal(1000)
    assert only("57.38万").money() == only("57.38万元").money()


def test_approximate_amounts() -> None:
    assert only("研发投入约10.6亿元").approximate
    assert only("超过5万元").approximate
    assert only("300余万元").approximate
    assert only("1万余元").value == Decimal(1)
    assert not only("研发投入10.6亿元").approximate
    assert not only("厉行节约5万元").approximate
    assert not only("最近3次").approximate
    assert only("将近3次").approximate


def test_minus_only_in_a_table_like_place() -> None:
    cell = only("| -12.50万元 |")
    assert (cell.value, cell.text) == (Decimal("-12.50"), "-12.50万元")
    assert only("-3万元").value == Decimal(-3)
    # Prose writes 减少/下降; a dash between figures is a range, not a sign.
    assert only("较上年减少-5万元").value == Decimal(5)
    assert only("10-11万元").text == "11万元"


def test_bare_wan_followed_by_a_word_is_not_money() -> None:
    counted = only("服务57.38万人")
    assert (counted.kind, counted.value, counted.unit) == ("count", Decimal("57.38"), "万人")
    assert counted.count() == Count(value=Decimal("57.38"), measure="万人")
    assert counted.money() is None
    assert find_quantities("资金40万资金") == []


def test_one_space_before_a_money_unit_or_percent_is_tolerated() -> None:
    assert summary("基本支出预算 881300.39 元，下降 15.87 %") == [
        ("amount", "881300.39", "元"),
        ("rate", "15.87", "%"),
    ]
    assert only("减少91.91\n万元").text == "91.91\n万元"
    assert find_quantities("累计 1918 个") == []  # normalize.py joins these first


def test_thousands_separator_versus_a_list_of_figures() -> None:
    assert summary("收、支总计各是4125.49,4143.91万元") == [("amount", "4143.91", "万元")]


# --- rates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "digits", "quote"),
    [
        ("执行率97.06%，", "97.06", "97.06%"),
        ("约占全市GDP2.5%", "2.5", "2.5%"),
        ("覆盖率达百分之二十五的企业", "25", "百分之二十五"),
        ("百分之95以上", "95", "百分之95"),
        ("百分之九十七点零六", "97.06", "百分之九十七点零六"),
    ],
)
def test_rates_never_swallow_the_following_word(text: str, digits: str, quote: str) -> None:
    quantity = only(text)
    assert (quantity.kind, quantity.digits, quantity.text) == ("rate", digits, quote)
    rate = quantity.rate()
    assert rate is not None
    assert rate.percent == Decimal(digits)
    assert quantity.money() is None


# --- counts ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("抽调50人", "50", "人"),
        ("入企业检查116次", "116", "次"),
        ("完成高新技术企业18家", "18", "家"),
        ("接待人次28598人次", "28598", "人次"),
        ("下设五个督查小组", "5", "个"),
        ("有两次区域性检测", "2", "次"),
        ("十五个", "15", "个"),
        ("接访三十五起", "35", "起"),
        ("曲潭16个村", "16", "个"),
        ("提高3个百分点", "3", "个百分点"),
        ("新增耕地120亩", "120", "亩"),
        ("修建道路3.5公里", "3.5", "公里"),
        ("计8分", "8", "分"),
        ("惠及五万人", "5", "万人"),
        ("一万五千人", "15000", "人"),
    ],
)
def test_counts_take_the_longest_measure_word(text: str, value: str, unit: str) -> None:
    quantity = only(text)
    assert (quantity.kind, quantity.value, quantity.unit) == ("count", Decimal(value), unit)


def test_approximate_counts() -> None:
    assert (only("召开会议25余次").value, only("召开会议25余次").approximate) == (Decimal(25), True)
    assert only("10多个方案").approximate
    assert only("50人左右").approximate
    assert only("2.5万多人").unit == "万人"


@pytest.mark.parametrize(
    "text",
    ["在职 46 人员经费", "5项目支出", "3家庭", "4名称", "2批复",
     "确保每一个学生", "一批企业", "一起参与", "无一例越级上访", "第五批", "第3次", "百人联百企",
     "千家万户", "十分乐观", "零件", "十四五期间", "十三五时期", "过亿元"],
)  # fmt: skip
def test_articles_ordinals_and_words_made_of_numerals_are_not_counts(text: str) -> None:
    assert find_quantities(text) == []


# --- not quantities --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2022年",
        "2022年度",
        "2019年度4月份",
        "2023年8月29日",
        "二〇二三年八月二十九日",
        "1996—2000年间",
        "10-11月期间",
        "2022-04-15 14:54",
        "〔2021〕54号",
        "常财绩（[2021]54号文件）",
        "1、负责全市工业经济",
        "(1)项目概况",
        "一、部门概况",
        "3.2.1节",
        "推动5G全覆盖",
        "电话0734-7222222",
        "51092324T000010263357-2023年全县",
        "《2022年科工信局5.12防灾减灾宣传活动方案》",
        "三公经费 29.08 63.46 44.29",
    ],
)
def test_years_dates_numbers_and_codes_are_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


# --- cells and bare numbers ------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "kind", "digits"),
    [
        ("2030.12", "number", "2030.12"),
        ("100%", "rate", "100"),
        ("1,234.50", "number", "1234.50"),
        ("0.00", "number", "0.00"),
        ("100.00%", "rate", "100.00"),
        ("7.50.", "number", "7.50"),
        ("387664.62", "number", "387664.62"),
        (" -3.5 ", "number", "-3.5"),
        ("30万元", "amount", "30"),
        ("735人次", "count", "735"),
    ],
)
def test_parse_cell_reads_whole_numeric_cells(cell: str, kind: str, digits: str) -> None:
    quantity = parse_cell(cell)
    assert quantity is not None
    assert (quantity.kind, quantity.digits, quantity.value) == (kind, digits, Decimal(digits))
    assert quantity.text == cell[quantity.start : quantity.end]


@pytest.mark.parametrize(
    "cell", ["—", "-", "/", "", "  ", "合计", "2022年", "(万元)", "30万元以上", "约30", "1.2.3"]
)
def test_parse_cell_refuses_everything_else(cell: str) -> None:
    assert parse_cell(cell) is None


def test_bare_numbers_of_a_flattened_table_row() -> None:
    row = "三公经费 29.08 63.46 44.29\n1. 水费 7.50. 25.36|108.70%| -4 x5 6y"
    found = find_bare_numbers(row)
    assert [(q.kind, q.digits) for q in found] == [
        ("number", "29.08"),
        ("number", "63.46"),
        ("number", "44.29"),
        ("number", "7.50"),
        ("number", "25.36"),
        ("rate", "108.70"),
        ("number", "-4"),
    ]
    assert all(q.text == row[q.start : q.end] for q in found)


def test_parse_number_is_exported_here() -> None:
    assert parse_number("一千零五十五") == Decimal(1055)


# --- the seed report -------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> str:
    if not SEED.exists():
        pytest.skip("../shared is absent")
    text = SEED.read_text(encoding="utf-8")
    # What upstream normalization does: full-width brackets to ASCII, and no space between
    # a number and its unit ("累计 1918 个").
    text = text.translate(str.maketrans("（）", "()"))
    return re.sub(r"(?<=\d) (?=[个家人])", "", text)


EXPECTED_IN_SEED = [
    ("amount", "5252.64", "万元"), ("amount", "793.43", "万元"), ("amount", "4459.21", "万元"),
    ("amount", "57.38", "万元"), ("amount", "340", "万元"), ("amount", "0.5", "万元"),
    ("amount", "10.6", "亿元"), ("amount", "23.6", "亿元"), ("rate", "2.5", "%"),
    ("count", "18", "家"), ("count", "46", "家"), ("count", "224", "件"), ("count", "50", "人"),
    ("count", "16", "个"), ("count", "116", "次"), ("count", "90", "个"), ("count", "60", "栋"),
    ("count", "10", "栋"), ("count", "35", "起"), ("count", "828", "人"), ("count", "31", "名"),
    ("amount", "305", "万元"), ("count", "61", "个"), ("count", "45", "个"),
    ("count", "812", "家"), ("count", "449", "家"), ("count", "53", "家"),
    ("count", "1918", "个"), ("count", "13", "家"), ("count", "873", "人"), ("count", "9", "家"),
    ("amount", "1055", "万元"), ("count", "6", "家"), ("amount", "564.46", "万元"),
    ("count", "2", "家"), ("amount", "55", "万元"), ("count", "1", "家"),
    ("amount", "40", "万元"), ("count", "20", "家"), ("count", "12", "家"),
    ("count", "14", "个"),
]  # fmt: skip


@pytest.mark.shared
def test_seed_figures_are_all_found(seed: str) -> None:
    found = [(q.kind, q.digits, q.unit) for q in find_quantities(seed)]
    for expected in EXPECTED_IN_SEED:
        assert expected in found, expected
    # In text order, the first figures of section 二 are these, exactly.
    assert found[1:7] == [
        ("amount", "5252.64", "万元"),
        ("amount", "793.43", "万元"),
        ("amount", "4459.21", "万元"),
        ("amount", "793.43", "万元"),
        ("amount", "57.38", "万元"),
        ("amount", "379.62", "万元"),
    ]


@pytest.mark.shared
def test_seed_approximate_figures(seed: str) -> None:
    approximate = {(q.digits, q.unit) for q in find_quantities(seed) if q.approximate}
    assert {("10.6", "亿元"), ("23.6", "亿元"), ("25", "次"), ("10", "个")} <= approximate
    assert ("5252.64", "万元") not in approximate


@pytest.mark.shared
@pytest.mark.parametrize(
    "phrase", ["2022年度", "[2021]54号", "2023年8月29日", "5G", "5.12防灾", "1996—2000年间"]
)
def test_seed_has_no_quantity_inside(seed: str, phrase: str) -> None:
    spans = [(q.start, q.end) for q in find_quantities(seed)]
    hits = [m.start() for m in re.finditer(re.escape(phrase), seed)]
    assert hits, phrase
    for hit in hits:
        end = hit + len(phrase)
        assert not any(start < end and hit < stop for start, stop in spans), phrase


# --- properties ------------------------------------------------------------------------

_REPORTISH = st.text(
    alphabet="0123456789.,-−%| \n万亿元人个家次余多约第年月号百分之"
    "零一二两三十百千壹贰拾佰角分整点",
    max_size=60,
)


@given(st.one_of(_REPORTISH, st.text(max_size=60)))
def test_find_quantities_returns_ordered_exact_spans(text: str) -> None:
    found = find_quantities(text)
    previous_end = 0
    for quantity in found:
        assert previous_end <= quantity.start < quantity.end <= len(text)
        assert quantity.text == text[quantity.start : quantity.end]
        assert isinstance(quantity.value, Decimal)
        money = quantity.money()
        if money is not None:
            assert isinstance(money.wan, Decimal)
            assert isinstance(money.ulp, Decimal)
        previous_end = quantity.end


@given(st.one_of(_REPORTISH, st.text(max_size=30)))
def test_cells_and_rows_never_raise(text: str) -> None:
    cell = parse_cell(text)
    assert cell is None or cell.text == text[cell.start : cell.end]
    for quantity in find_bare_numbers(text):
        assert quantity.text == text[quantity.start : quantity.end]


@given(st.decimals(allow_nan=False, allow_infinity=False, places=6, min_value=0, max_value=10**9))
def test_amounts_are_exact_decimals(value: Decimal) -> None:
    text = f"共{value:f}万元。"
    quantity = only(text)
    money = quantity.money()
    assert money is not None
    assert money.wan == value
    assert parse_number(quantity.digits) == value


def test_a_percentage_of_run_together_cells_is_no_rate() -> None:
    # 预算数 450, 执行数 450 and 执行率 100% joined by a conversion: "450450100%".
    found = find_quantities("年度资金总额:450450100%，其中财政拨款增长12.5%")
    assert [q.text for q in found if q.kind == "rate"] == ["12.5%"]
