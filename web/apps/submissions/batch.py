"""A batch of reports in one .zip: checked when uploaded, read member by member in the worker.

The upload is refused as a whole (nothing stored) when a member name could escape a folder
(absolute, ``..``, a drive letter), when it holds too many files or expands beyond the limit.
Each member is matched to a unit of the campaign by name: the file name equals the unit's
name, or contains it (the longest such name wins; a tie is reported, never guessed).
"""

from __future__ import annotations

import logging
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F

from apps.accounts.models import User
from apps.accounts.policy import is_reviewer, units_q
from apps.audit.models import AuditAction
from apps.audit.services import audit_record
from apps.campaigns.models import Campaign
from apps.errors import InvalidInput, NotAllowed
from apps.submissions import engine, storage
from apps.submissions.models import BatchImport, IntakeState, State, Submission

_log = logging.getLogger(__name__)

READABLE = engine.READABLE_SUFFIXES
_UTF8_FLAG = 0x800
_CHUNK = 1024 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")
# What reading one damaged member raises (a bad CRC, a truncated or unsupported stream, an
# encrypted member): that member is skipped with its name, never the rest of the batch.
_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError)


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its author saw it: Windows zips store GBK names without a flag."""
    name = info.filename
    if info.flag_bits & _UTF8_FLAG:
        return name
    try:
        return name.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return name


def unsafe_reason(name: str) -> str | None:
    """Why a member name is refused, None when it is a plain relative path."""
    normal = name.replace("\\", "/")
    if normal.startswith("/") or _DRIVE.match(normal):
        return "使用了绝对路径"
    if ".." in normal.split("/"):
        return "含有“..”上级目录"
    if "\x00" in normal:
        return "含有非法字符"
    return None


@dataclass(frozen=True, slots=True)
class Member:
    info: zipfile.ZipInfo
    name: str


def readable_members(archive: zipfile.ZipFile) -> list[Member]:
    """Every member to read; InvalidInput for an unsafe name or a zip bomb."""
    members: list[Member] = []
    expanded = 0
    for info in archive.infolist():
        name = member_name(info)
        reason = unsafe_reason(name)
        if reason is not None:
            raise InvalidInput(f"压缩包中的“{name}”{reason}，已拒绝整个压缩包，请重新打包后上传")
        if info.is_dir() or PurePosixPath(name).name.startswith(("~$", ".")):
            continue
        expanded += info.file_size
        members.append(Member(info, name))
    if len(members) > settings.BATCH_MAX_FILES:
        raise InvalidInput(f"压缩包中有{len(members)}个文件，超过{settings.BATCH_MAX_FILES}个上限")
    if expanded > settings.BATCH_MAX_EXPANDED_BYTES:
        raise InvalidInput("压缩包解压后过大，已拒绝：请分批上传")
    return members


def batch_upload(*, campaign: Campaign, upload: UploadedFile, by: User) -> BatchImport:
    """Check and store a .zip of reports, and queue its reading."""
    if not is_reviewer(by):
        raise NotAllowed("只有财政审核人或管理员可以批量导入报告")
    original = PurePosixPath((upload.name or "").replace("\\", "/")).name
    if not original.lower().endswith(".zip"):
        raise InvalidInput("请上传 .zip 压缩包")
    stored = storage.save_chunks(
        upload.chunks(),
        folder=f"batches/{campaign.pk}",
        suffix=".zip",
        limit=settings.UPLOAD_LIMIT_BYTES * 20,
        original=original,
    )
    try:
        with zipfile.ZipFile(storage.path_of(stored.name)) as archive:
            total = len(readable_members(archive))
        if not total:
            raise InvalidInput(f"“{original}”中没有文件：请把各单位的报告放入压缩包后再上传")
    except zipfile.BadZipFile as error:
        storage.remove(stored.name)
        raise InvalidInput(f"“{original}”不是有效的 .zip 压缩包") from error
    except BaseException:
        storage.remove(stored.name)
        raise
    with transaction.atomic():
        found = BatchImport.objects.create(
            campaign=campaign,
            original_name=original[:255],
            stored_name=stored.name,
            uploaded_by=by,
            total=total,
        )
        summary = {"campaign": campaign.pk, "file": found.original_name, "members": total}
        audit_record(action=AuditAction.IMPORT, actor=by, target=found, summary=summary)
        transaction.on_commit(lambda: _enqueue(found.pk))
    return found


def _enqueue(batch_id: int) -> None:
    from apps.submissions.tasks import import_batch  # noqa: PLC0415 (tasks import this module)

    import_batch.enqueue(batch_id)


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if not ch.isspace() and ch not in "()（）[]【】-_·.")


def match_unit(file_name: str, units: dict[str, Any]) -> tuple[Any | None, str]:
    """The unit a file is for (``units``: name → unit), and a message when there is none."""
    stem = _key(PurePosixPath(file_name).stem)
    by_key = {_key(name): unit for name, unit in units.items()}
    if stem in by_key:
        return by_key[stem], ""
    contained = sorted((k for k in by_key if k and k in stem), key=len, reverse=True)
    if not contained:
        return None, "文件名中没有参评单位的名称"
    if len(contained) > 1 and len(contained[0]) == len(contained[1]):
        return None, f"文件名同时含有“{contained[0]}”和“{contained[1]}”，无法确定单位"
    return by_key[contained[0]], ""


def batch_process(*, batch_id: int) -> BatchImport:
    """Read every member (in the worker): store it as the matched unit's document."""
    BatchImport.objects.filter(pk=batch_id).update(state=IntakeState.RUNNING)
    found = BatchImport.objects.select_related("campaign", "uploaded_by").get(pk=batch_id)
    submissions = {
        s.unit.name: s
        for s in Submission.objects.filter(campaign=found.campaign)
        .filter(units_q(found.uploaded_by, prefix="unit__"))  # only the uploader's units
        .select_related("unit")
    }
    results: list[dict[str, str]] = []
    try:
        with zipfile.ZipFile(storage.path_of(found.stored_name)) as archive:
            for member in readable_members(archive):
                results.append(_one(archive, member, submissions, found))
                BatchImport.objects.filter(pk=batch_id).update(
                    processed=F("processed") + 1, results=results
                )
    except (InvalidInput, zipfile.BadZipFile, OSError) as error:
        message = error.message if isinstance(error, InvalidInput) else "压缩包无法读取"
        BatchImport.objects.filter(pk=batch_id).update(state=IntakeState.FAILED, message=message)
        found.refresh_from_db()
        return found
    stored = sum(1 for r in results if r["status"] == "ok")
    BatchImport.objects.filter(pk=batch_id).update(
        state=IntakeState.DONE,
        message=f"共{len(results)}个文件：已导入{stored}个，未导入{len(results) - stored}个",
    )
    found.refresh_from_db()
    return found


def _one(
    archive: zipfile.ZipFile,
    member: Member,
    submissions: dict[str, Submission],
    found: BatchImport,
) -> dict[str, str]:
    from apps.submissions.services import document_store  # noqa: PLC0415 (services import batch)

    name = PurePosixPath(member.name.replace("\\", "/")).name
    result = {"file": member.name, "unit": "", "status": "skipped", "message": ""}
    if PurePosixPath(name).suffix.lower() not in READABLE:
        result["message"] = f"不是可读取的报告文件（{engine.READABLE_NAMES}）"
        return result
    submission, why = match_unit(name, submissions)
    if submission is None:
        result["message"] = why
        return result
    result["unit"] = submission.unit.name
    if submission.state not in (State.DRAFT, State.RETURNED):
        result["message"] = f"该单位报告处于“{State(submission.state).label}”状态，未替换"
        return result
    try:
        with archive.open(member.info) as source:
            document_store(
                submission=submission,
                chunks=iter(lambda: source.read(_CHUNK), b""),
                original_name=name,
                by=found.uploaded_by,
            )
    except InvalidInput as error:
        result["message"] = error.message
        return result
    except _DAMAGED as error:  # this member only: named, skipped, the others go on
        _log.warning("batch %s: member %s is damaged: %s", found.pk, member.name, error)
        result["message"] = (
            "压缩包中的这个文件已损坏（无法解压），已跳过：请重新打包该文件后单独上传"
        )
        return result
    result["status"] = "ok"
    result["message"] = "已导入，正在读取"
    return result
