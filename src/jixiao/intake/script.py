"""Traditional script and inline pinyin, undone before anything else reads the text.

Mirror and repost sites serve government pages converted to traditional characters, and some
insert the pinyin of a character in brackets right after it ("經(jīng)費(fèi)"), even between 萬
and 元. The lexicon, the unit words and the class names are simplified, so both are undone
here, keeping the normalizer's rule that every step deletes characters or replaces one by one:

- traditional → simplified one character for one character (OpenCC's t2s, whose conversions
  keep the length; a phrase that would not is converted character by character);
- a bracketed run of Latin letters with a tone mark right after a 汉字 is deleted; once a text
  shows such runs, bracketed toneless syllables after a 汉字 ("(de)") go too.
"""

from __future__ import annotations

import re
from functools import cache

import opencc

# Characters that only traditional text uses, common in reports: one of them is enough to
# run the converter (a few microseconds a report) instead of converting every text.
_TRADITIONAL_HINTS = re.compile(
    "[們個這為與說過發經費決預項會計務額進業關廳區縣鄉鎮財撥資補貼總結報實際執處級條購運維護車億萬圓]"
)
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# Each opens with the bracket and looks behind it for the 汉字: a pattern that opens with a
# look-behind is tried at every character, one that opens with a class is skipped to in C.
_PINYIN_TONED = re.compile(
    rf"[(（](?<=[\u4e00-\u9fff][(（])(?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,7}}[)）]"
)
_PINYIN_PLAIN = re.compile(r"[(（](?<=[\u4e00-\u9fff][(（])[a-zü]{1,6}[)）]")


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplified_replacements(text: str) -> dict[int, str]:
    """{offset: simplified character} for each traditional character of ``text``."""
    if _TRADITIONAL_HINTS.search(text) is None:
        return {}
    converted: str = _converter().convert(text)
    if len(converted) != len(text):  # a phrase changed length: one character at a time
        converted = "".join(_one(ch) for ch in text)
    return {i: new for i, (old, new) in enumerate(zip(text, converted, strict=True)) if old != new}


def _one(char: str) -> str:
    new: str = _converter().convert(char)
    return new if len(new) == 1 else char


def pinyin_spans(text: str) -> list[tuple[int, int]]:
    """The spans of bracketed pinyin glosses to delete, sorted and not overlapping."""
    toned = [m.span() for m in _PINYIN_TONED.finditer(text)]
    if len(toned) < 2:
        return toned
    plain = [m.span() for m in _PINYIN_PLAIN.finditer(text)]
    return sorted(set(toned) | set(plain))
