"""What jixiao writes is Chinese: no English word or rule code in a rendered report or 自评表.

Every example is rendered to .md, .docx and .xlsx; the Latin words of the output that are not
on the allow-list (tests.chinese) and not in the unit's own text or file name (its words are
kept verbatim, whatever they are) fail the test, naming the example, the format and the words.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from jixiao.render import render
from jixiao.services import report_read
from tests.chinese import english_words

EXAMPLES = sorted(Path(__file__).resolve().parents[2].glob("examples/*/source.txt"))


def written_text(data: bytes, fmt: str) -> str:
    if fmt == "md":
        return data.decode("utf-8")
    texts: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            shown = name.startswith(("word/document", "word/header", "word/footer")) or (
                name == "xl/sharedStrings.xml" or name.startswith("xl/worksheets/")
            )
            xml = archive.read(name).decode("utf-8", errors="replace")
            if name == "xl/workbook.xml":
                texts.extend(re.findall(r'<sheet[^>]* name="([^"]*)"', xml))
            elif shown and name.endswith(".xml"):
                texts.extend(re.findall(r"<(?:w:t|t)(?: [^>]*)?>([^<]*)</(?:w:t|t)>", xml))
    return "\n".join(texts)


@pytest.mark.parametrize("fmt", ["md", "docx", "xlsx"])
@pytest.mark.parametrize("source", EXAMPLES, ids=lambda p: p.parent.name[:2])
def test_a_rendered_example_has_no_english_of_ours(source: Path, fmt: str) -> None:
    report = report_read(path=source, source=source.name)
    # the unit's own words, and its file's name (the 自评表 names the file it came from)
    own = frozenset(english_words(f"{report.text}\n{report.source}"))
    words = english_words(written_text(render(report, fmt), fmt), own)
    assert words == [], f"{source.parent.name} .{fmt}: {words}"


def test_the_check_finds_a_rule_code_in_a_rendered_text() -> None:
    found = english_words("问题：indicator-table-missing（PDF 第3页）")
    assert found == ["indicator-table-missing"]
