"""Figures from a scan that the recogniser doubted, or that were repaired, are shown to the
reviewer; figures from clean text never are."""

from __future__ import annotations

from dataclasses import replace

from jixiao.audit.engine import run
from jixiao.contract import audit_json
from jixiao.domain.reading import Doubt, DoubtKind, Reading
from jixiao.intake.document import DocumentText
from jixiao.intake.parse import parse_document, parse_text

TEXT = "2022年度支出合计5252.64万元，其中基本支出793.43万元，项目支出4459.21万元。\n"


def _scanned(*doubts: Doubt) -> DocumentText:
    return DocumentText(text=TEXT, format="image", reader="ocr", confidence=0.97, doubts=doubts)


def _span(figure: str) -> tuple[int, int]:
    start = TEXT.index(figure)
    return start, start + len(figure)


def _findings(document: DocumentText) -> list[dict[str, object]]:
    report = parse_document(document, source="scan.jpg")
    return [f for f in audit_json(run(report))["findings"] if f["code"] == "ocr-low-confidence"]


def test_a_doubted_figure_is_a_warning_with_its_page_and_confidence() -> None:
    start, end = _span("793.43")
    doubt = Doubt(start, end, DoubtKind.LOW_CONFIDENCE, page=2, box=(1, 2, 3, 4), confidence=0.62)
    [finding] = _findings(_scanned(doubt))
    assert finding["severity"] == "warning"
    assert finding["message"] == (
        "基本支出“793.43”（第2页）是从扫描件或照片识别出的，识别置信度仅62%，可能有误：请核对原件"
    )
    [evidence] = finding["evidence"]  # type: ignore[misc]
    assert "793.43" in evidence["quote"]


def test_a_repaired_figure_says_what_was_read() -> None:
    start, end = _span("4459.21万元")
    doubt = Doubt(start, end, DoubtKind.REPAIRED, page=1, recognised="4459. 21万兀")
    [finding] = _findings(_scanned(doubt))
    assert "由识别结果“4459. 21万兀”按常见识别错误修正而来：请核对原件" in str(finding["message"])


def test_no_doubts_no_findings() -> None:
    assert _findings(_scanned()) == []
    plain = parse_text(TEXT, source="plain")
    assert plain.reading is None
    assert not [f for f in run(plain).findings if f.code == "ocr-low-confidence"]


def test_a_doubt_on_words_no_figure_is_quoted_from_is_not_reported() -> None:
    doubt = Doubt(0, 4, DoubtKind.LOW_CONFIDENCE, page=1, confidence=0.5)  # "2022"
    report = replace(parse_text(TEXT, source="x"), reading=Reading("ocr", 0.9, (doubt,)))
    assert report.mentions and all(m.evidence.start >= 4 for m in report.mentions)
    assert not [f for f in run(report).findings if f.code == "ocr-low-confidence"]


def test_a_lone_one_is_shown_as_a_possible_rule() -> None:
    start = TEXT.index("4459.21") + 3  # the "1" is what matters here, not its neighbours
    doubt = Doubt(start + 3, start + 4, DoubtKind.LONE_STROKE, page=1, confidence=0.99)
    [finding] = _findings(_scanned(doubt))
    assert "也可能是表格线或竖线“|”：请核对原件" in str(finding["message"])
