"""A file whose name the browser sent in GBK or Latin-1 is received under that name (it was
dropped with "这个字段是必填项"); its content is untouched."""

from __future__ import annotations

import io

import pytest
from django.test import Client

from apps.submissions.models import Document
from apps.uploadnames import TranscodedHeaders
from tests.web.conftest import World, report_for

BOUNDARY = "----jixiaoBoundary7MA4YWxk"


def _body(raw_name: bytes, content: bytes, token: str) -> bytes:
    return b"".join(
        [
            f"--{BOUNDARY}\r\n".encode(),
            b'Content-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n',
            token.encode() + b"\r\n",
            f"--{BOUNDARY}\r\n".encode(),
            b'Content-Disposition: form-data; name="file"; filename="' + raw_name + b'"\r\n',
            b"Content-Type: text/plain\r\n\r\n",
            content + b"\r\n",
            f"--{BOUNDARY}--\r\n".encode(),
        ]
    )


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("甲区农业农村局报告.txt".encode("gbk"), "甲区农业农村局报告.txt"),
        ("rapport-é.txt".encode("latin-1"), "rapport-é.txt"),
        ("甲区农业农村局报告.txt".encode(), "甲区农业农村局报告.txt"),
    ],
)
def test_a_file_name_in_any_encoding_is_received(world: World, raw: bytes, name: str) -> None:
    client = Client()
    client.force_login(world.prep_a)
    submission = world.submission(world.a)
    content = report_for(world.a).encode("utf-8")
    response = client.post(
        f"/submissions/{submission.pk}/upload/",
        data=_body(raw, content, ""),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )
    assert response.status_code == 302
    document = Document.objects.get(submission=submission)
    assert document.original_name == name
    assert document.size == len(content)


def test_the_stream_keeps_contents_and_boundaries_across_reads() -> None:
    content = bytes(range(256)) * 700  # binary, longer than one read, with CR/LF inside
    body = _body("报告.docx".encode("gbk"), content, "t")
    out = b""
    stream = TranscodedHeaders(io.BytesIO(body), BOUNDARY.encode())
    while chunk := stream.read(1000):
        out += chunk
    assert out == body.replace("报告.docx".encode("gbk"), "报告.docx".encode())
