"""Quotes marked in the document text, escaped, nested, and never in the wrong place."""

from __future__ import annotations

from apps.submissions.highlight import highlight


def _finding(severity: str, *spans: tuple[str, int, int]) -> dict[str, object]:
    return {
        "code": "x",
        "severity": severity,
        "message": "m",
        "evidence": [{"quote": q, "start": s, "end": e} for q, s, e in spans],
    }


def test_quotes_are_marked_with_anchors() -> None:
    text = "总支出100万元，基本支出60万元。"
    shown = highlight(text, [_finding("error", ("总支出100万元", 0, 8))])
    assert str(shown.html).startswith(
        '<span id="ev-0-0" class="anchor"></span><mark class="sev-error">总支出100万元</mark>'
    )
    assert shown.findings[0].quotes[0].marked


def test_text_is_escaped() -> None:
    shown = highlight("<script>alert(1)</script>", [])
    assert "<script>" not in str(shown.html) and "&lt;script&gt;" in str(shown.html)


def test_overlapping_quotes_nest_and_take_the_worst_severity() -> None:
    text = "abcdefgh"
    shown = highlight(
        text, [_finding("warning", ("abcdef", 0, 6)), _finding("error", ("cdefgh", 2, 8))]
    )
    html = str(shown.html)
    assert '<mark class="sev-warning">ab</mark>' in html
    assert '<mark class="sev-error">cdef</mark>' in html
    assert '<mark class="sev-error">gh</mark>' in html
    assert html.count("<mark") == html.count("</mark>") == 3


def test_stale_offsets_are_not_marked() -> None:
    shown = highlight(
        "总支出100万元", [_finding("error", ("基本支出", 0, 4), ("", 0, 0), ("x", 5, 99))]
    )
    assert "<mark" not in str(shown.html)
    assert [q.marked for q in shown.findings[0].quotes] == [False, False, False]


def test_a_quote_with_quotation_marks_inside_nests_them() -> None:
    from apps.submissions.fields import quoted

    assert quoted("“三公”经费支出13.46万元") == "“‘三公’经费支出13.46万元”"
    assert quoted("支出合计5252.64万元") == "“支出合计5252.64万元”"
