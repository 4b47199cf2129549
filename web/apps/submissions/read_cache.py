"""The report read from an upload, kept beside the stored file so that a later edit of the
figures does not read the file again.

Every edit re-audits the data against the report its document states (the unit's words, the
places of its figures). Reading the document again in the request cost as much as the upload
itself: seconds for a long text, a full OCR run for a scan. The worker keeps what it read as
``<stored file>.report``, written by the application itself under the upload folder (never a
user's file); an entry made by another version of jixiao, or for a file that changed, is not
used, and the file is read again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from functools import cache
from importlib import resources
from pathlib import Path

from jixiao.domain.report import Report

_log = logging.getLogger(__name__)
_SUFFIX = ".report"


@cache
def code_fingerprint() -> str:
    """What jixiao's code and data files are: another version may read differently."""
    digest = hashlib.sha256()
    package = Path(str(resources.files("jixiao")))
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".toml", ".yaml", ".json", ".txt"):
            stat = path.stat()
            digest.update(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _key(stored: Path) -> tuple[str, int, int]:
    stat = stored.stat()
    return code_fingerprint(), stat.st_size, stat.st_mtime_ns


def cache_path(stored: Path) -> Path:
    return stored.with_name(stored.name + _SUFFIX)


def keep(stored: Path, report: Report) -> None:
    """Keep ``report`` beside ``stored`` (best effort: a failure only costs a later read)."""
    target = cache_path(stored)
    temporary = target.with_name(target.name + ".tmp")
    try:
        with temporary.open("wb") as out:
            pickle.dump((_key(stored), report), out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, target)
    except (OSError, pickle.PicklingError):
        _log.warning("could not keep the report read from %s", stored.name, exc_info=True)
        temporary.unlink(missing_ok=True)


def recall(stored: Path) -> Report | None:
    """The report kept for ``stored``, None when there is none that is still valid."""
    target = cache_path(stored)
    try:
        with target.open("rb") as handle:
            key, report = pickle.load(handle)
        if key != _key(stored) or not isinstance(report, Report):
            return None
        return report
    except FileNotFoundError:
        return None
    except Exception:
        _log.info("report kept for %s not usable; reading the file", stored.name, exc_info=True)
        return None


def forget(stored: Path) -> None:
    cache_path(stored).unlink(missing_ok=True)
