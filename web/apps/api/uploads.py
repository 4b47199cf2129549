"""An upload through the API is checked before it is accepted.

The page's upload is read later by the worker, and a file that cannot be read shows its
reason on the page. A script wants the answer at once: so the API decodes the stored file
with the core's reader right away (its format, encoding, encryption, zip-bomb and
XML-entity checks: linear in the file's size) and refuses an unreadable file with 422 and
the core's Chinese reason, leaving no record and no file. Extracting the figures, which can
take long, is the worker's, within its budget (``apps.submissions.reading``). Nothing here
holds a database transaction while a file is read.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from apps.accounts.models import User
from apps.api.errors import ApiError
from apps.submissions import engine
from apps.submissions.models import Document, Submission
from apps.submissions.services import document_upload


def too_large_message() -> str:
    return f"文件超过 {settings.UPLOAD_LIMIT_BYTES // (1024 * 1024)} MB 上限，请只提交报告正文"


def _decodable(path: Path, name: str) -> None:
    try:
        engine.check_readable(path.read_bytes(), name=name)
    except engine.ReadError as error:
        raise ApiError(422, "unreadable_file", str(error)) from error


def upload_checked(*, submission: Submission, upload: UploadedFile, by: User) -> Document:
    if upload.size is not None and upload.size > settings.UPLOAD_LIMIT_BYTES:
        raise ApiError(413, "too_large", too_large_message())
    return document_upload(submission=submission, upload=upload, by=by, check=_decodable)
