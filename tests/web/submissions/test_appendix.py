"""Downloads carry the scores, each named by who gave it, and the figures changed from the
uploaded document; jixiao reading the download again takes none of that for the report's."""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from docx import Document as WordDocument
from openpyxl import load_workbook

from apps.submissions import appendix, engine, evaluation
from apps.submissions.fields import FIELDS, get_path
from apps.submissions.models import Submission
from apps.submissions.reportdata import data_from_report, decimal_or_none
from apps.submissions.services import submission_data_save
from tests.web.conftest import World, report_for

Upload = Callable[..., Submission]


def _amended(world: World, upload: Upload) -> Submission:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    data = copy.deepcopy(submission.data)
    data["spending"]["personnel"] = "736.05"
    return submission_data_save(
        submission=submission, data=data, lock_version=submission.lock_version, by=world.prep_a
    )


def _figures(path: Path, name: str) -> tuple[dict[str, object], list[str]]:
    """The report figures jixiao reads from a file, and the codes of its audit."""
    report = engine.read_report(path, source=name)
    data = data_from_report(report)
    figures = {spec.path: decimal_or_none(get_path(data, spec.path)) for spec in FIELDS}
    return figures, sorted(f["code"] for f in engine.audit(report))


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
def test_the_download_names_the_scores_and_the_changes_and_reads_back_the_same(
    world: World, upload: Upload, tmp_path: Path, fmt: str
) -> None:
    submission = _amended(world, upload)
    stated = submission.amendments[0]["stated"]
    report = evaluation.evaluate(
        submission=submission, data=submission.data, document=submission.document
    ).report
    plain = engine.render(report, to=fmt)
    assert plain is not None
    with_appendix = appendix.attach(plain, fmt, submission)

    if fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(with_appendix))[appendix.SHEET]
        text = "\n".join(
            "|".join(str(c) for c in row if c is not None)
            for row in sheet.iter_rows(values_only=True)
        )
    elif fmt == "pdf":
        pdf, before = pdfium.PdfDocument(with_appendix), pdfium.PdfDocument(plain)
        text = pdf[len(pdf) - 1].get_textpage().get_text_range()
        assert len(pdf) == len(before) + 1
        pdf.close()
        before.close()
    else:
        document = WordDocument(io.BytesIO(with_appendix))
        text = "\n".join(
            "|".join(cell.text for cell in row.cells)
            for table in document.tables
            for row in table.rows
        )
    flat = re.sub(r"[|\s]", "", text)  # cells and their spacing, as each format lays them
    assert "单位自评91.3" in flat and "财政核算" in flat
    assert f"人员经费原文{stated}改为736.05{world.prep_a}" in flat

    (tmp_path / f"plain.{fmt}").write_bytes(plain)
    (tmp_path / f"full.{fmt}").write_bytes(with_appendix)
    assert _figures(tmp_path / f"full.{fmt}", f"full.{fmt}") == _figures(
        tmp_path / f"plain.{fmt}", f"plain.{fmt}"
    )
