"""Bad input through the pages: a batch .zip with path-traversal names or a bomb, figures no
report can hold, and spreadsheet formulas in what the application exports. Each is refused
with a Chinese message and nothing half-stored, or written as inert text."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from apps.submissions.models import State, Submission, SubmissionVersion
from apps.units.models import Unit, UnitKind
from tests.web.api.conftest import stored_state
from tests.web.conftest import World, report_for

FORMULAS = ("=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3+cmd|' /C notepad'!'A1'", "@SUM(A1)")


def _zip(names: dict[str, bytes], compression: int = zipfile.ZIP_STORED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("members", "words"),
    [
        ({"../../etc/cron.d/evil.txt": b"x"}, "上级目录"),
        ({"ok/../../../evil.txt": b"x"}, "上级目录"),
        ({"/etc/passwd.txt": b"x"}, "绝对路径"),
        ({"C:/Windows/evil.txt": b"x"}, "绝对路径"),
        ({"..\\..\\evil.txt": b"x"}, "上级目录"),
    ],
)
def test_a_batch_zip_with_an_escaping_name_is_refused_whole(
    world: World, members: dict[str, bytes], words: str
) -> None:
    client = Client()
    client.force_login(world.rev_x)
    before = stored_state()
    data = _zip({f"{world.a.name}.txt": report_for(world.a).encode(), **members})
    response = client.post(
        f"/campaigns/{world.campaign.pk}/batch/",
        {"file": SimpleUploadedFile("reports.zip", data)},
    )
    assert response.status_code == 400
    assert words in response.content.decode()
    assert stored_state() == before


def test_a_batch_zip_bomb_is_refused_before_anything_is_expanded(
    world: World, settings: Any
) -> None:
    settings.BATCH_MAX_EXPANDED_BYTES = 10 * 1024 * 1024
    client = Client()
    client.force_login(world.rev_x)
    bomb = _zip({f"{world.a.name}.txt": b"0" * (30 * 1024 * 1024)}, zipfile.ZIP_DEFLATED)
    assert len(bomb) < 100 * 1024
    before = stored_state()
    response = client.post(
        f"/campaigns/{world.campaign.pk}/batch/", {"file": SimpleUploadedFile("r.zip", bomb)}
    )
    assert response.status_code == 400 and "解压后过大" in response.content.decode()
    assert stored_state() == before


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("-5", "大于或等于0"),
        ("1e400", "小于或等于"),
        ("1" + "0" * 30, "小于或等于"),
        ("NaN", "请填写数字"),
    ],
)
def test_absurd_figures_in_the_edit_form(world: World, value: str, words: str) -> None:
    submission = world.submission(world.a)
    client = Client()
    client.force_login(world.prep_a)
    form = {
        "lock_version": str(submission.lock_version),
        "functional_basis": "unknown",
        "spending__total": value,
        "functional-TOTAL_FORMS": "0",
        "functional-INITIAL_FORMS": "0",
        "indicators-TOTAL_FORMS": "0",
        "indicators-INITIAL_FORMS": "0",
    }
    before = stored_state()
    response = client.post(f"/submissions/{submission.pk}/edit/", form)
    assert response.status_code == 400
    page = response.content.decode()
    assert words in page and value in page  # the message, and what was typed is kept
    assert stored_state() == before
    submission.refresh_from_db()
    assert submission.lock_version == 1


def _cells(workbook_bytes: bytes) -> list[Any]:
    workbook = load_workbook(io.BytesIO(workbook_bytes))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def test_formulas_typed_as_names_are_exported_as_text(world: World) -> None:
    for index, formula in enumerate(FORMULAS):
        unit = Unit.objects.create(
            code=f"F{index}", name=formula, kind=UnitKind.OTHER, region=world.x
        )
        world.campaign.units.add(unit)
        Submission.objects.create(campaign=world.campaign, unit=unit, grade=formula[:8])
    client = Client()
    client.force_login(world.rev_x)
    response = client.get(f"/campaigns/{world.campaign.pk}/export.xlsx")
    assert response.status_code == 200
    cells = _cells(response.content)
    texts = [str(c.value) for c in cells if isinstance(c.value, str)]
    for formula in FORMULAS:
        assert any(formula in text for text in texts), formula
    for cell in cells:
        assert cell.data_type != "f", (cell.coordinate, cell.value)
        if isinstance(cell.value, str):
            assert not cell.value.startswith(("=", "+", "-", "@")), cell.value


def test_formulas_in_published_data_are_inert_in_the_csv(
    world: World, drive: Callable[[Any, State], Submission]
) -> None:
    published = drive(world.a2, State.PUBLISHED)
    version = published.current_version
    assert version is not None
    # What a unit typed, kept as submitted: a formula as its self-grade, another as its name.
    SubmissionVersion.objects.filter(pk=version.pk).update(data={**version.data, "grade": "=1+1"})
    Unit.objects.filter(pk=world.a2.pk).update(name="@SUM(A1:A9)")
    response = Client().get(f"/public/campaigns/{world.campaign.pk}/data.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert "'@SUM(A1:A9)" in cells and "'=1+1" in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
