"""The OLE compound file (Word 97 .doc, WPS .wps, Excel 97 .xls, WPS .et), opened safely.

An OLE file is a little file system: a FAT of sector chains and a directory of streams.
Nothing in it is compressed, so it cannot expand like a zip; the dangers are a directory or
a chain that loops or claims far more than the file holds, which would make a reader spin or
allocate without end. olefile detects loops and broken chains; on top of that every stream
is checked against the file's own size before it is read, and the directory's size is
capped.
"""

from __future__ import annotations

import io
from typing import Any

from jixiao.domain.errors import UnreadableInput

MAX_ENTRIES = 4096  # directory entries: a report has a handful of streams
MAX_STREAM = 64 * 1024 * 1024


def damaged(label: str) -> str:
    return (
        f"{label}已损坏或不完整，无法打开：请在 Word/WPS/Excel 中打开后另存为新文件"
        "（或另存为 .docx/.xlsx）再提交"
    )


def bomb(label: str) -> str:
    return (
        f"{label}的内部结构异常（目录或数据块链远超文件本身，疑似恶意构造），已拒绝读取："
        "请确认文件来源，或在 Word/WPS/Excel 中另存为新文件后再提交"
    )


def open_ole(data: bytes, *, label: str) -> Any:
    """An open olefile.OleFileIO whose directory passed the checks above."""
    import olefile  # type: ignore[import-untyped]  # noqa: PLC0415 (only for old formats)

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as error:  # olefile raises many kinds on a damaged container
        raise UnreadableInput(damaged(label)) from error
    entries = getattr(ole, "direntries", None) or []
    if len(entries) > MAX_ENTRIES:
        ole.close()
        raise UnreadableInput(bomb(label))
    return ole


def stream_names(data: bytes, *, label: str) -> set[str]:
    """The names of the streams at the container's top level."""
    ole = open_ole(data, label=label)
    try:
        return {path[0] for path in ole.listdir(streams=True, storages=False) if len(path) == 1}
    except Exception as error:
        raise UnreadableInput(damaged(label)) from error
    finally:
        ole.close()


def read_stream(ole: Any, name: str, *, label: str, size_limit: int) -> bytes:
    """One stream's bytes, refused when its declared size exceeds what the file can hold."""
    try:
        if not ole.exists(name):
            raise UnreadableInput(damaged(label))
        size = ole.get_size(name)
        if size > min(size_limit, MAX_STREAM):
            raise UnreadableInput(bomb(label))
        with ole.openstream(name) as stream:
            data: bytes = stream.read()
    except UnreadableInput:
        raise
    except Exception as error:
        raise UnreadableInput(damaged(label)) from error
    if len(data) < size:
        raise UnreadableInput(damaged(label))
    return data
