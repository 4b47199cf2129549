"""A batch .zip with one damaged member: that member is named and skipped, the members after
it are imported; an empty batch and a refused unit import answer 4xx, not 200."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from apps.errors import InvalidInput
from apps.submissions.batch import batch_upload
from apps.submissions.models import BatchImport, IntakeState
from apps.units.models import Unit
from tests.web.conftest import World, report_for


def _damaged_zip(world: World) -> bytes:
    """Three reports; the middle one's compressed bytes are spoilt (its CRC no longer fits)."""
    out = io.BytesIO()
    middle = report_for(world.a2).encode()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"1-{world.a.name}.txt", report_for(world.a).encode())
        archive.writestr(f"2-{world.a2.name}.txt", middle)
        archive.writestr("3-尾部说明.txt", "这一份找不到单位".encode())
    data = bytearray(out.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo(f"2-{world.a2.name}.txt")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 10, start + min(info.compress_size, 200) - 10):
        data[offset] ^= 0x5A
    return bytes(data)


def test_a_damaged_member_is_named_and_the_rest_imported(
    world: World, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    file = SimpleUploadedFile("reports.zip", _damaged_zip(world))
    with django_capture_on_commit_callbacks(execute=True):
        found = batch_upload(campaign=world.campaign, upload=file, by=world.rev_x)
    found.refresh_from_db()
    assert found.state == IntakeState.DONE, found.message
    by_file = {r["file"]: r for r in found.results}
    assert len(by_file) == 3 and found.processed == 3
    damaged = by_file[f"2-{world.a2.name}.txt"]
    assert damaged["status"] == "skipped" and "已损坏" in damaged["message"]
    assert by_file[f"1-{world.a.name}.txt"]["status"] == "ok"
    assert "文件名中没有参评单位的名称" in by_file["3-尾部说明.txt"]["message"]
    assert world.submission(world.a).document is not None
    assert world.submission(world.a2).document is None


def test_an_empty_batch_is_refused(world: World) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w"):
        pass
    with pytest.raises(InvalidInput, match="没有文件"):
        batch_upload(
            campaign=world.campaign,
            upload=SimpleUploadedFile("空.zip", out.getvalue()),
            by=world.rev_x,
        )
    client = Client()
    client.force_login(world.rev_x)
    response = client.post(
        f"/campaigns/{world.campaign.pk}/batch/",
        {"file": SimpleUploadedFile("空.zip", out.getvalue())},
    )
    assert response.status_code == 400 and "没有文件" in response.content.decode()
    assert not BatchImport.objects.exists()


def test_a_refused_unit_import_is_4xx_and_imports_nothing(world: World) -> None:
    before = Unit.objects.count()
    client = Client()
    client.force_login(world.admin)
    bad = SimpleUploadedFile("单位.xlsx", b"PK\x03\x04not really a workbook")
    response = client.post("/units/import/", {"file": bad})
    assert 400 <= response.status_code < 500
    assert Unit.objects.count() == before
    empty = client.post("/units/import/", {})
    assert empty.status_code == 400
