"""Uploaded files on disk, outside the web root, under names the application chooses.

A user's file name is kept only as data (``original_name``); on disk a file is
``<folder>/<random hex><suffix>`` under ``settings.MEDIA_ROOT``, which no URL serves: a view
reads it after a permission check.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath

from django.conf import settings

from apps.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class Stored:
    name: str  # relative to MEDIA_ROOT
    size: int
    sha256: str


def root() -> Path:
    return Path(settings.MEDIA_ROOT)


def path_of(stored_name: str) -> Path:
    """The file behind a stored name; refuses a name that would leave the upload folder."""
    base = root().resolve()
    target = (base / stored_name).resolve()
    if base not in target.parents:
        raise InvalidInput("文件位置无效")
    return target


def save_chunks(
    chunks: Iterable[bytes], *, folder: str, suffix: str, limit: int, original: str
) -> Stored:
    """Write the chunks to a new file; over ``limit`` bytes the file is removed and refused."""
    name = f"{folder}/{secrets.token_hex(16)}{suffix.lower()}"
    target = path_of(name)
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    try:
        with target.open("xb") as out:
            for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise InvalidInput(
                        f"“{PurePath(original).name}”超过{limit // (1024 * 1024)} MB 上限，"
                        "请只提交报告正文"
                    )
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return Stored(name=name, size=size, sha256=digest.hexdigest())


def remove(stored_name: str) -> None:
    path = path_of(stored_name)
    path.unlink(missing_ok=True)
    path.with_name(path.name + ".report").unlink(missing_ok=True)  # read_cache's entry
