"""The city-wide summary report: reviewers only, of their own region, with names and totals."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal

import pypdfium2 as pdfium
from django.test import Client

from apps.submissions.models import Submission
from tests.render.readback import docx_text
from tests.web.conftest import World, report_for

Upload = Callable[..., Submission]


def test_only_a_reviewer_gets_the_summary(world: World) -> None:
    client = Client()
    url = f"/campaigns/{world.campaign.pk}/summary.docx"
    assert client.get(url).status_code == 302  # to the log-in page
    for user in (world.prep_a, world.head_a):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.force_login(world.rev_x)
    assert client.get(f"/campaigns/{world.campaign.pk}/summary.exe").status_code == 404
    assert client.get(f"/campaigns/{world.campaign.pk + 999}/summary.docx").status_code == 404


def test_the_summary_names_the_region_s_units_and_its_totals(world: World, upload: Upload) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    upload(world.submission(world.b), world.prep_b, report_for(world.b))
    client = Client()
    client.force_login(world.rev_x)
    response = client.get(f"/campaigns/{world.campaign.pk}/summary.docx")
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    text = docx_text(response.content)
    assert world.a.name in text and world.b.name not in text  # region Y is not reviewer X's
    assert submission.total is not None
    assert f"{submission.total.quantize(Decimal('0.01')):,.2f}" in text
    assert "支出功能分类汇总" in text and "财政核算得分排名" in text and "“三公”经费同比" in text
    pdf = client.get(f"/campaigns/{world.campaign.pk}/summary.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    document = pdfium.PdfDocument(io.BytesIO(pdf.content))
    flat = "".join(p.get_textpage().get_text_range() for p in document).replace("\r\n", "")
    assert world.a.name in flat.replace("\n", "") and world.b.name not in flat
