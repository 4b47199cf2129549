"""One archive holds everything: the database as Django's JSON and every uploaded file.

``OUT.tar.gz``::

    manifest.json   format, version, time, the row count of every table, and every file's
                    path, size and SHA-256
    database.json   every table in ``dumpdata``'s JSON (times to the microsecond), with
                    natural keys for content types (so it loads into a freshly migrated
                    database), read in one snapshot
    uploads/…       the upload folder, as it is

Content types and permissions are not saved: ``migrate`` makes them, and rows that point at
them do so by natural key. Sessions are not saved either: a restored system starts with
everybody signed out. A restore goes only into an empty database and an empty upload folder,
checks every file against its hash before anything is loaded, loads the rows in one
transaction, and then checks every table's count against the manifest.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import itertools
import json
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import django
from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from apps.errors import InvalidInput
from apps.submissions import storage

FORMAT = "jixiao-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "database.json"
UPLOADS = "uploads"
# Made by migrate (content types, permissions) or not worth keeping (sessions).
NOT_SAVED = ("contenttypes", "auth.permission", "sessions")
_CHUNK = 1024 * 1024
_ROWS = 1000


@dataclass(frozen=True, slots=True)
class Summary:
    rows: int
    tables: int
    files: int
    bytes: int


def saved_models() -> list[Any]:
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label not in NOT_SAVED
        and model._meta.label_lower not in NOT_SAVED
        and model._meta.managed
        and not model._meta.proxy
    ]


def table_counts() -> dict[str, int]:
    return {m._meta.label: m._base_manager.count() for m in saved_models()}


class _ExactEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup keeps every microsecond."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _dump(target: Path) -> None:
    """Every saved table as the JSON ``loaddata`` reads, written a thousand rows at a time."""
    with target.open("w", encoding="utf-8") as out:
        out.write("[")
        first = True
        for model in saved_models():
            rows = model._base_manager.order_by("pk").iterator(chunk_size=_ROWS)
            while batch := list(itertools.islice(rows, _ROWS)):
                for item in serializers.serialize("python", batch, use_natural_foreign_keys=True):
                    out.write(("" if first else ",\n") + json.dumps(item, cls=_ExactEncoder))
                    first = False
        out.write("]\n")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def upload_files() -> Iterator[tuple[str, Path]]:
    root = storage.root()
    if not root.exists():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path.relative_to(root).as_posix(), path


def _snapshot(target: Path) -> dict[str, int]:
    """dumpdata and the counts in one consistent read (REPEATABLE READ on PostgreSQL)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        counts = table_counts()
        _dump(target)
    return counts


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def backup_write(out: Path) -> Summary:
    """Write the archive (through a temporary file, renamed when complete)."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".jixiao-backup-") as work:
        dump = Path(work) / DATABASE
        counts = _snapshot(dump)
        files: list[dict[str, Any]] = [
            {"path": rel, "size": path.stat().st_size, "sha256": _sha256(path)}
            for rel, path in upload_files()
        ]
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": timezone.now().isoformat(),
            "django": django.get_version(),
            "database": connection.vendor,
            "tables": counts,
            "files": files,
        }
        partial = Path(work) / "archive.tar.gz"
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, MANIFEST, json.dumps(manifest, ensure_ascii=False).encode())
            archive.add(dump, arcname=DATABASE)
            root = storage.root()
            for entry in files:
                archive.add(root / entry["path"], arcname=f"{UPLOADS}/{entry['path']}")
        partial.replace(out)
    return Summary(
        rows=sum(counts.values()),
        tables=len(counts),
        files=len(files),
        bytes=sum(f["size"] for f in files),
    )


def _manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = archive.extractfile(MANIFEST)
        manifest: dict[str, Any] = json.loads(member.read()) if member else {}
    except (KeyError, ValueError) as error:
        raise InvalidInput("这不是本系统的备份文件（缺少或无法读取 manifest.json）") from error
    if manifest.get("format") != FORMAT:
        raise InvalidInput("这不是本系统的备份文件")
    if manifest.get("version") != VERSION:
        raise InvalidInput(
            f"备份文件的格式版本为 {manifest.get('version')}，本系统只能恢复版本 {VERSION}"
        )
    return manifest


def _safe_upload_name(name: str) -> str:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or len(path.parts) < 2 or path.parts[0] != UPLOADS:
        raise InvalidInput(f"备份文件中的“{name}”路径不安全，已拒绝恢复")
    return PurePosixPath(*path.parts[1:]).as_posix()


def check_empty() -> None:
    """Refuse to restore over data: the database and the upload folder must be empty."""
    filled = {label: n for label, n in table_counts().items() if n}
    if filled:
        names = "、".join(sorted(filled)[:5])
        raise InvalidInput(f"目标数据库不是空的（{names} 等表中已有数据）：只能恢复到空数据库")
    if any(True for _ in upload_files()):
        raise InvalidInput(f"上传文件目录 {storage.root()} 不是空的：只能恢复到空目录")


def _stage_files(archive: tarfile.TarFile, manifest: dict[str, Any], staging: Path) -> None:
    """Every file of the manifest, extracted beside the upload folder and checked by hash."""
    expected = {f["path"]: f for f in manifest["files"]}
    found: set[str] = set()
    for member in archive:
        if not member.name.startswith(f"{UPLOADS}/"):
            continue
        rel = _safe_upload_name(member.name)
        if not member.isfile() or rel not in expected:
            raise InvalidInput(f"备份文件中的“{member.name}”不在清单中，已拒绝恢复")
        target = staging / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        source = archive.extractfile(member)
        if source is None:
            raise InvalidInput(f"备份文件中的“{member.name}”无法读取")
        with target.open("xb") as out:
            shutil.copyfileobj(source, out, _CHUNK)
        if _sha256(target) != expected[rel]["sha256"]:
            raise InvalidInput(f"备份文件中的“{rel}”已损坏（校验值不符），已拒绝恢复")
        found.add(rel)
    missing = sorted(set(expected) - found)
    if missing:
        raise InvalidInput(
            f"备份文件缺少 {len(missing)} 个上传文件（如“{missing[0]}”），已拒绝恢复"
        )


def _open_archive(source: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(source, "r:gz")
    except (OSError, tarfile.TarError) as error:
        raise InvalidInput(f"无法打开备份文件“{source}”：不是有效的 .tar.gz 文件") from error


def backup_restore(source: Path) -> Summary:
    """Restore an archive into the (migrated, empty) database and upload folder."""
    check_empty()
    root = storage.root()
    root.parent.mkdir(parents=True, exist_ok=True)
    with (
        _open_archive(source) as archive,
        tempfile.TemporaryDirectory(dir=root.parent, prefix=".jixiao-restore-") as work,
    ):
        manifest = _manifest(archive)
        staging = Path(work) / "uploads"
        staging.mkdir()
        _stage_files(archive, manifest, staging)
        dump = Path(work) / DATABASE
        member = archive.extractfile(DATABASE)
        if member is None:
            raise InvalidInput("备份文件缺少 database.json")
        with dump.open("wb") as out:
            shutil.copyfileobj(member, out, _CHUNK)
        with transaction.atomic():
            call_command("loaddata", str(dump), verbosity=0)
            counts = table_counts()
            expected = {k: v for k, v in manifest["tables"].items() if k in counts}
            if {k: counts[k] for k in expected} != expected:
                raise InvalidInput("恢复后的数据行数与备份清单不符，已撤销恢复")
        root.mkdir(parents=True, exist_ok=True)
        for path in sorted(staging.rglob("*")):
            if path.is_file():
                target = root / path.relative_to(staging)
                target.parent.mkdir(parents=True, exist_ok=True)
                path.replace(target)
    return Summary(
        rows=sum(counts.values()),
        tables=len(counts),
        files=len(manifest["files"]),
        bytes=sum(f["size"] for f in manifest["files"]),
    )


def default_name() -> str:
    return f"jixiao-backup-{datetime.datetime.now():%Y%m%d-%H%M%S}.tar.gz"
