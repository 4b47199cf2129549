"""An upload through the API is checked before it is accepted.

The page's upload is read later by the worker, and a file that cannot be read shows its
reason on the page. A script wants the answer at once: so the API reads the stored file with
the core's reader right away (the same reader the worker uses, with its zip-bomb, XML-entity,
encryption and encoding checks) and refuses an unreadable file with 422 and the core's
Chinese reason. A refused file leaves nothing behind: the record is rolled back and the file
removed. An accepted file is then read by the worker as any other upload.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from apps.accounts.models import User
from apps.api.errors import ApiError
from apps.submissions import engine, storage
from apps.submissions.models import Document, Submission
from apps.submissions.services import document_upload


def too_large_message() -> str:
    return f"文件超过 {settings.UPLOAD_LIMIT_BYTES // (1024 * 1024)} MB 上限，请只提交报告正文"


def upload_checked(*, submission: Submission, upload: UploadedFile, by: User) -> Document:
    if upload.size is not None and upload.size > settings.UPLOAD_LIMIT_BYTES:
        raise ApiError(413, "too_large", too_large_message())
    stored_name = ""
    try:
        with transaction.atomic():
            document = document_upload(submission=submission, upload=upload, by=by)
            stored_name = document.stored_name
            try:
                engine.read_report(storage.path_of(stored_name), source=document.original_name)
            except engine.ReadError as error:
                raise ApiError(422, "unreadable_file", str(error)) from error
    except BaseException:
        if stored_name:
            storage.remove(stored_name)  # the row is rolled back: no file without it
        raise
    return document
