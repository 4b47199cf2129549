"""A .zip of many reports: matched to units by name, read with progress; unsafe zips refused."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from apps.errors import InvalidInput, NotAllowed
from apps.submissions.batch import batch_upload, match_unit, member_name
from apps.submissions.models import BatchImport, Document, IntakeState, State, Submission
from tests.web.conftest import World, report_for


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, body in files.items():
            archive.writestr(name, body)
    return out.getvalue()


def _gbk_zip(name: str, body: bytes) -> bytes:
    """What Windows' built-in zip writes: the name in GBK bytes, without the UTF-8 flag.
    (zipfile always writes UTF-8, so an ASCII placeholder is swapped for the bytes.)"""
    raw = name.encode("gbk")
    placeholder = b"n" * len(raw)
    data = _zip({placeholder.decode(): body})
    assert data.count(placeholder) == 2  # the local header and the central directory
    return data.replace(placeholder, raw)


def _upload(world: World, user: Any, data: bytes, capture: Callable[..., Any]) -> BatchImport:
    file = SimpleUploadedFile("reports.zip", data, content_type="application/zip")
    with capture(execute=True):
        found = batch_upload(campaign=world.campaign, upload=file, by=user)
    found.refresh_from_db()
    return found


def test_reports_are_matched_by_unit_name_and_read(
    world: World, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    data = _zip(
        {
            f"2022/{world.a.name}2022年度绩效自评报告.txt": report_for(world.a).encode(),
            f"{world.a2.name}.txt": report_for(world.a2, flaw="basic").encode(),
            "不认识的单位.txt": b"x",
            f"{world.a.name}.exe": b"MZ",
            "__MACOSX/._junk.txt": b"",
        }
    )
    found = _upload(world, world.rev_x, data, django_capture_on_commit_callbacks)
    assert found.state == IntakeState.DONE and found.total == 4 and found.processed == 4
    by_file = {r["file"]: r for r in found.results}
    assert by_file[f"{world.a2.name}.txt"]["status"] == "ok"
    assert by_file["不认识的单位.txt"]["message"] == "文件名中没有参评单位的名称"
    assert "不是可读取的报告文件" in by_file[f"{world.a.name}.exe"]["message"]
    a2 = world.submission(world.a2)
    assert a2.document is not None and "basic-equals-personnel-plus-public" in a2.finding_codes
    assert world.submission(world.a).total is not None
    assert "已导入2个" in found.message


def test_windows_gbk_names_are_read(
    world: World, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    data = _gbk_zip(f"{world.a.name}.txt", report_for(world.a).encode())
    found = _upload(world, world.rev_x, data, django_capture_on_commit_callbacks)
    assert [r["unit"] for r in found.results] == [world.a.name]


def test_a_reviewer_imports_only_for_their_region(
    world: World, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    data = _zip({f"{world.b.name}.txt": report_for(world.b).encode()})
    found = _upload(world, world.rev_x, data, django_capture_on_commit_callbacks)
    assert found.results[0]["status"] == "skipped"
    assert world.submission(world.b).document is None


def test_a_report_past_the_draft_is_not_replaced(
    world: World, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    Submission.objects.filter(unit=world.a).update(state=State.ACCEPTED)
    data = _zip({f"{world.a.name}.txt": report_for(world.a).encode()})
    found = _upload(world, world.admin, data, django_capture_on_commit_callbacks)
    assert "审核通过" in found.results[0]["message"]
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    "name",
    ["../evil.txt", "a/../../evil.txt", "/etc/passwd.txt", "C:/Windows/evil.txt", "..\\evil.txt"],
)
def test_path_traversal_names_refuse_the_whole_zip(world: World, name: str) -> None:
    data = _zip({f"{world.a.name}.txt": b"ok", name: b"evil"})
    with pytest.raises(InvalidInput, match="已拒绝整个压缩包"):
        batch_upload(
            campaign=world.campaign,
            upload=SimpleUploadedFile("x.zip", data),
            by=world.rev_x,
        )
    assert not BatchImport.objects.exists()
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.zip"))


def test_zip_limits_and_bad_archives(world: World, settings: Any) -> None:
    settings.BATCH_MAX_FILES = 2
    data = _zip({f"{i}.txt": b"x" for i in range(3)})
    with pytest.raises(InvalidInput, match="超过2个上限"):
        batch_upload(
            campaign=world.campaign, upload=SimpleUploadedFile("x.zip", data), by=world.rev_x
        )
    settings.BATCH_MAX_FILES = 100
    settings.BATCH_MAX_EXPANDED_BYTES = 1000
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.txt", b"0" * 100_000)
    with pytest.raises(InvalidInput, match="解压后过大"):
        batch_upload(
            campaign=world.campaign,
            upload=SimpleUploadedFile("x.zip", bomb.getvalue()),
            by=world.rev_x,
        )
    with pytest.raises(InvalidInput, match=r"不是有效的 \.zip"):
        batch_upload(
            campaign=world.campaign, upload=SimpleUploadedFile("x.zip", b"PK no"), by=world.rev_x
        )
    with pytest.raises(NotAllowed):
        batch_upload(
            campaign=world.campaign, upload=SimpleUploadedFile("x.zip", data), by=world.prep_a
        )


def test_matching_prefers_the_longest_name_and_refuses_ties() -> None:
    units = {"甲区农业农村局": 1, "甲区农业农村局机关服务中心": 2, "乙局": 3, "丙局": 4}
    assert match_unit("甲区农业农村局机关服务中心2022.docx", units)[0] == 2
    assert match_unit("甲区 农业农村局.pdf", units)[0] == 1
    assert match_unit("乙局丙局.txt", units) == (None, "文件名同时含有“乙局”和“丙局”，无法确定单位")


def test_member_names_keep_utf8(tmp_path: Path) -> None:
    path = tmp_path / "u.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("中文名.txt", b"x")  # Python sets the UTF-8 flag
    with zipfile.ZipFile(path) as archive:
        assert member_name(archive.infolist()[0]) == "中文名.txt"


def test_the_batch_pages_show_progress(
    world: World, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    client = Client()
    client.force_login(world.rev_x)
    assert client.get(f"/campaigns/{world.campaign.pk}/batch/").status_code == 200
    data = _zip({f"{world.a.name}.txt": report_for(world.a).encode()})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/campaigns/{world.campaign.pk}/batch/",
            {"file": SimpleUploadedFile("r.zip", data)},
        )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'data-state="done"' in page and "1 / 1" in page and world.a.name in page
    refused = client.post(
        f"/campaigns/{world.campaign.pk}/batch/",
        {"file": SimpleUploadedFile("r.zip", _zip({"../x.txt": b"x"}))},
    )
    assert refused.status_code == 400 and "已拒绝整个压缩包" in refused.content.decode()
    client.force_login(world.rev_y)
    assert client.get(response["Location"]).status_code == 404
