"""Numbers as Chinese reports write them, parsed into exact Decimals.

Arabic figures with thousands separators ("5,252.64"), Chinese numerals in standard
form ("一千零五十五", "一万零五十五点五"), in digit-by-digit form ("二〇二二"), in the
colloquial short form ("一万五" = 15000, "三千五" = 3500), 大写 numerals ("伍仟贰佰伍拾贰")
and 大写 money with 元角分 ("伍仟贰佰伍拾贰元陆角肆分" = 5252.64), and "百分之二十五" = 25.

No floats anywhere: every result is built from its digit string. cn2an is not used
because it returns floats.
"""

from __future__ import annotations

import re
from decimal import Decimal

_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "壹": 1,
    "二": 2, "两": 2, "兩": 2, "贰": 2, "貳": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
_ZEROS = frozenset("零〇○")
_SMALL: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}

DIGIT_CHARS = "".join(_DIGITS)
"""Every character that stands for one digit (零〇一壹二两贰 …)."""
MAGNITUDE_CHARS = "".join(_SMALL) + "".join(_BIG)
"""十拾百佰千仟万萬亿億."""
NUMERAL_CHARS = DIGIT_CHARS + MAGNITUDE_CHARS
"""Characters a Chinese numeral is made of, except the decimal point 点."""
BIG_CHARS = "".join(_BIG)

_ARABIC = re.compile(r"[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_DAXIE_MONEY = re.compile(
    rf"(?P<int>[{NUMERAL_CHARS}]+(?:点[{DIGIT_CHARS}]+)?)[元圆]"
    rf"(?:(?P<jiao>[{DIGIT_CHARS}])角)?(?:零?(?P<fen>[{DIGIT_CHARS}])分)?整?"
)


def parse_number(text: str) -> Decimal | None:
    """The number ``text`` states, exactly; None when it is not (only) a number.

    Accepts Arabic figures ("5,252.64", "-3", "1E+3" so that ``str(Decimal)`` round-trips),
    Chinese numerals ("一千零五十五", "两千", "二〇二二", "一万零五十五点五"), "百分之…"
    (the percent figure: "百分之二十五" -> 25) and 大写 money ("伍仟贰佰伍拾贰元陆角肆分").
    """
    plain = text.strip()
    if plain.startswith("百分之"):
        plain = plain[3:]
    if not plain:
        return None
    if _ARABIC.fullmatch(plain):
        return Decimal(plain.replace(",", "").replace("−", "-"))
    money = _DAXIE_MONEY.fullmatch(plain)
    if money:
        return parse_money_numeral(money["int"], money["jiao"], money["fen"])
    return parse_chinese(plain)


def is_printed_decimal(text: str) -> bool:
    """A plain decimal as a table prints it: no leading zero before digits, one point at most
    and not at either end ("07" and "1." are not how a cell of a run-together row begins)."""
    if text.startswith(".") or text.endswith("."):
        return False
    digits = text.replace(".", "", 1)
    if not (digits.isascii() and digits.isdigit()):
        return False  # no sign, exponent or second point: a cell prints none of them
    return not (len(text) > 1 and text[0] == "0" and text[1] != ".")


# Rows of several layouts (paired, lettered, prose) take a printed rate as the execution rate
# only when the amounts beside it give it: within half a point of 执行数 ÷ 预算数.
RATE_POINTS = Decimal("0.5")


def rate_fits(
    rate: Decimal, spent: Decimal, budget: Decimal, points: Decimal = RATE_POINTS
) -> bool:
    """Is ``rate`` (in %) ``spent`` ÷ ``budget`` to within ``points`` percentage points? A rate
    beside a budget of 0 never is."""
    return bool(budget) and abs(spent / budget * 100 - rate) <= points


def parse_money_numeral(integer: str, jiao: str | None, fen: str | None) -> Decimal | None:
    """元角分 money: the 元 part as a numeral, then one 角 digit and one 分 digit."""
    whole = parse_chinese(integer)
    if whole is None:
        return None
    if jiao is None and fen is None:
        return whole
    cents = f"{_DIGITS[jiao] if jiao else 0}{_DIGITS[fen] if fen else ''}"
    return whole + Decimal(f"0.{cents}")


def parse_chinese(text: str) -> Decimal | None:
    """A Chinese numeral, with an optional decimal part after 点; None when malformed."""
    whole, point, fraction = text.partition("点")
    integer = _parse_integer(whole)
    if integer is None:
        return None
    if not point:
        return Decimal(integer)
    if not fraction or any(char not in _DIGITS for char in fraction):
        return None
    return Decimal(f"{integer}.{''.join(str(_DIGITS[char]) for char in fraction)}")


def _parse_integer(text: str) -> int | None:
    if not text:
        return None
    if all(char in _DIGITS for char in text):
        # Digit by digit: "二〇二二" (a lone "五" is the same thing).
        return int("".join(str(_DIGITS[char]) for char in text))
    if any(char not in _DIGITS and char not in _SMALL and char not in _BIG for char in text):
        return None
    return _parse_positional(text)


def _parse_positional(text: str) -> int | None:
    """Standard form with magnitudes: 一千零五十五, 三万亿, 一亿零五万, 一万五 (short form)."""
    total = 0  # finished 万/亿 groups
    section = 0  # value below the current 万/亿 group
    pending: int | None = None  # a digit still waiting for its magnitude
    last_small: int | None = None  # smallest 十/百/千 so far in this section
    last_unit: int | None = None  # the magnitude written just before ``pending``
    top_big = 0  # largest 万/亿 so far; a larger one multiplies everything ("万亿")
    last_big = 0
    zero = False  # a 零 since the last magnitude: the next digit is plain units
    for char in text:
        if char in _ZEROS:
            if pending is not None:
                return None  # "五零" is not standard form
            zero = True
        elif char in _DIGITS:
            if pending is not None:
                return None  # two digits in a row: "十三五" is a slogan, not a number
            pending = _DIGITS[char]
        elif char in _SMALL:
            unit = _SMALL[char]
            if last_small is not None and unit >= last_small:
                return None  # magnitudes must fall: "十百" is malformed
            if pending is None and section:
                return None  # "一百十" without a digit before 十
            section += (1 if pending is None else pending) * unit
            pending, last_small, last_unit, zero = None, unit, unit, False
        else:
            big = _BIG[char]
            if pending is not None:
                section += _short_form(pending, last_unit, zero)
                pending = None
            if not section and not total:
                section = 1  # "万" alone is ten thousand
            if big > top_big:
                total = (total + section) * big
                top_big = big
            elif big < last_big:
                total += section * big
            else:
                return None  # "一万三千万": a group repeated
            section, last_small, last_unit, last_big, zero = 0, None, big, big, False
    if pending is not None:
        section += _short_form(pending, last_unit, zero)
    return total + section


def _short_form(digit: int, last_unit: int | None, zero: bool) -> int:
    """The value of a trailing digit: units after 十 or 零, else one magnitude down (一万五)."""
    if zero or last_unit is None or last_unit == 10:
        return digit
    return digit * (last_unit // 10)
