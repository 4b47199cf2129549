"""The upload round of scripts/loadtest.py: one 10 MB report through the API every ten
seconds while the mixed read load runs (the probe's upload that used to stop the site).

Each upload is answered at once (202, or a 4xx with the reason); the worker reads the file
outside any transaction within its budget; the readers' figures are printed by the caller.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

Post = Callable[[str, dict[str, str], bytes], tuple[int, bytes, dict[str, str], float]]


class Uploader:
    def __init__(
        self,
        post: Post,
        path: str,
        headers: dict[str, str],
        body: bytes,
        *,
        every: float = 10.0,
    ) -> None:
        self.post, self.path, self.headers, self.body, self.every = post, path, headers, body, every
        self.answers: list[tuple[int, float, int | None]] = []  # status, seconds, document id
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run)

    def _run(self) -> None:
        while True:
            status, content, _, seconds = self.post(self.path, self.headers, self.body)
            document = json.loads(content).get("id") if status == 202 and content else None
            self.answers.append((status, seconds, document))
            if self._stop.wait(self.every):
                return

    def __enter__(self) -> Uploader:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def summary(self, wait: Callable[[list[int], float], dict[str, Any]]) -> str:
        """What the uploads got, and how their reading ended (waiting for it, at most 5 min)."""
        statuses = Counter(status for status, _, _ in self.answers)
        slowest = max((seconds for _, seconds, _ in self.answers), default=0.0)
        ids = [document for _, _, document in self.answers if document is not None]
        started = time.monotonic()
        states = wait(ids, 300) if ids else {}
        return (
            f"上传 {len(self.answers)} 次（每次 {len(self.body) / 1024 / 1024:.1f} MB）："
            f"应答 {dict(statuses)}，最慢应答 {slowest:.2f} 秒；"
            f"后台读取结果 {states}（负载结束后又等了 {time.monotonic() - started:.0f} 秒）"
        )


def multipart(name: str, content: bytes) -> tuple[bytes, str]:
    boundary = secrets.token_hex(12)
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    return (
        head + content + f"\r\n--{boundary}--\r\n".encode(),
        f"multipart/form-data; boundary={boundary}",
    )


def upload_round(
    *,
    port: int,
    seconds: float,
    every: float,
    body: bytes,
    draft: tuple[int, str, str],
    token: str,
    drive: Callable[[float], None],
    request: Callable[..., Any],
    wait: Callable[[list[int], float], dict[str, Any]],
) -> None:
    """The mixed read load (``drive``) while ``body`` is uploaded every ``every`` seconds."""
    content, kind = multipart("十兆报告.txt", body)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": kind}
    print(
        f"\n== 边读边上传：每 {every:g} 秒上传一个 {len(body) / 1024**2:.1f} MB 的报告"
        f"（{seconds:.0f} 秒）"
    )

    def post(path: str, head: dict[str, str], data: bytes) -> Any:
        return request(port, "POST", path, head, data)

    path = f"/api/submissions/{draft[0]}/documents"
    with Uploader(post, path, headers, content, every=every) as uploader:
        drive(seconds)
    print(uploader.summary(wait))
