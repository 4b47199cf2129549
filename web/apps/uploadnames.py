"""Upload file names in any encoding: a name the browser or tool sent as GBK (or Latin-1) bytes
instead of UTF-8 is decoded as such, so the file is received under the user's own name.

Django decodes each part's headers as UTF-8 and silently drops a part whose header is not
(the user saw "这个字段是必填项" for the file they had just chosen). This handler, first in
``FILE_UPLOAD_HANDLERS``, parses the body itself with Django's own parser, through a stream
that re-encodes every part's header lines that are not UTF-8: as GB18030 (the superset of
GBK that Chinese Windows writes) when they decode as such, else as Latin-1. File contents
pass through untouched.
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadhandler import FileUploadHandler
from django.http.multipartparser import MultiPartParser

_HEADER_LIMIT = 64 * 1024  # a part's headers longer than this are passed on as they are
_READ = 64 * 1024


def header_line(line: bytes) -> bytes:
    """One header line as UTF-8."""
    try:
        line.decode("utf-8")
        return line
    except UnicodeDecodeError:
        pass
    try:
        return line.decode("gb18030").encode("utf-8")
    except UnicodeDecodeError:
        return line.decode("latin-1").encode("utf-8")


class TranscodedHeaders:
    """A file-like view of a multipart body whose part headers are all UTF-8."""

    def __init__(self, source: Any, boundary: bytes) -> None:
        self._source = source
        self._marker = b"--" + boundary
        self._buffer = b""
        self._in_headers = False
        self._done = False

    def read(self, size: int = -1) -> bytes:
        out = b""
        while not out and not (self._done and not self._buffer):
            chunk = b"" if self._done else self._source.read(_READ)
            if not chunk:
                self._done = True
            self._buffer += chunk
            out = self._step()
        return out

    def _step(self) -> bytes:
        out = b""
        while True:
            if self._in_headers:
                end = self._buffer.find(b"\r\n\r\n")
                if end < 0:
                    if self._done or len(self._buffer) > _HEADER_LIMIT:
                        out, self._buffer, self._in_headers = out + self._buffer, b"", False
                    return out
                lines = self._buffer[:end].split(b"\r\n")
                out += b"\r\n".join(header_line(line) for line in lines) + b"\r\n\r\n"
                self._buffer = self._buffer[end + 4 :]
                self._in_headers = False
                continue
            found = self._buffer.find(self._marker)
            if found < 0:
                keep = 0 if self._done else min(len(self._buffer), len(self._marker) - 1)
                cut = len(self._buffer) - keep
                out, self._buffer = out + self._buffer[:cut], self._buffer[cut:]
                return out
            cut = found + len(self._marker)
            out, self._buffer = out + self._buffer[:cut], self._buffer[cut:]
            self._in_headers = True


class AnyEncodingFileNames(FileUploadHandler):
    """Parses multipart bodies through ``TranscodedHeaders`` with the other handlers."""

    def handle_raw_input(
        self,
        input_data: Any,
        META: dict[str, Any],
        content_length: int,
        boundary: bytes,
        encoding: str | None = None,
    ) -> tuple[Any, Any] | None:
        if self.request is None:
            return None
        others = [h for h in self.request.upload_handlers if h is not self]
        stream = TranscodedHeaders(input_data, boundary)
        return MultiPartParser(META, stream, others, encoding).parse()  # type: ignore[no-any-return]

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        return raw_data  # never reached: the body was parsed above

    def file_complete(self, file_size: int) -> None:
        return None
