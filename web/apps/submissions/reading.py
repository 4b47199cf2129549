"""Reading a stored report within a budget of size, time and memory, in a child process.

The worker reads uploads one after another; a file that takes minutes (a huge text, a
pathological layout) must not hold it, and one that eats all memory must not kill it. So
the reading runs in one long-lived child process: the worker sends the file's path, waits
at most ``INTAKE_TIME_LIMIT_SECONDS`` for the report, and past that kills the child (a new
one starts for the next file) and refuses the file with a Chinese reason. The child limits
its own address space (``INTAKE_MEMORY_LIMIT_MB``), so a file that needs more fails there.
A file larger than ``INTAKE_MAX_BYTES`` is refused before it is read at all. The child runs
at a lower CPU priority (nice 10), so that on a small server a long reading gives way to the
web server's requests.

A scan is recognised page by page (seconds a page): the child reports each page done, the
caller hears of it (``progress``: the page shows how far it got), and the time limit then
counts from the last page done, so a long scan is bounded per page, not cut off whole.

Nothing here touches the database: the caller holds no transaction while it waits.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from django.conf import settings

from apps.submissions import engine
from jixiao.domain.report import Report

_log = logging.getLogger(__name__)
_MB = 1024 * 1024
_NICENESS = 10


@dataclass(frozen=True, slots=True)
class Budget:
    max_bytes: int
    seconds: float
    memory_mb: int

    @classmethod
    def from_settings(cls) -> Budget:
        return cls(
            max_bytes=int(settings.INTAKE_MAX_BYTES),
            seconds=float(settings.INTAKE_TIME_LIMIT_SECONDS),
            memory_mb=int(settings.INTAKE_MEMORY_LIMIT_MB),
        )


def too_large_message(name: str, size: int, limit: int) -> str:
    return (
        f"“{name}”有 {size / _MB:.1f} MB，超过读取上限 {limit / _MB:.0f} MB：一份绩效报告的正文"
        "远小于此，请删去附图、附件和重复内容，或只提交报告正文后重新上传"
    )


def too_slow_message(name: str, seconds: float) -> str:
    return (
        f"“{name}”读取超过 {seconds:.0f} 秒仍未完成，已停止读取：文件可能过大或内容异常"
        "（如大段无标点的数字）。请只提交报告正文，或另存为 .docx 或 .txt 后重新上传；"
        "如仍失败请联系管理员"
    )


def too_big_in_memory_message(name: str) -> str:
    return (
        f"“{name}”读取时所需内存超过上限，已停止读取：请只提交报告正文，"
        "或另存为 .docx 或 .txt 后重新上传"
    )


class OverBudget(engine.ReadError):
    """The file was not read within the budget; ``str()`` says why, in Chinese."""


def read_within_budget(
    path: Path,
    *,
    source: str,
    budget: Budget | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """The report a stored file states, read in the child process within ``budget``.

    Raises ``engine.ReadError`` (the core's reason), ``OverBudget`` or ``OSError``."""
    budget = budget or Budget.from_settings()
    size = path.stat().st_size
    if size > budget.max_bytes:
        raise OverBudget(too_large_message(source, size, budget.max_bytes))
    return _reader.read(path, source=source, budget=budget, progress=progress)


# -- the child process ----------------------------------------------------------------------
def _serve(conn: Connection, memory_mb: int) -> None:
    """The child's loop: read each (path, source) sent, answer with the report or a reason."""
    # Below the web server's priority: a long reading gives way to people's requests.
    os.nice(_NICENESS)
    if memory_mb > 0:
        import resource  # noqa: PLC0415 (POSIX only, and only here)

        limit = memory_mb * _MB
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while True:
        try:
            path, source = conn.recv()
        except (EOFError, OSError):
            return
        answer: tuple[str, Any]

        def page_done(done: int, total: int) -> None:
            conn.send(("progress", (done, total)))

        try:
            answer = ("ok", engine.read_report(Path(path), source=source, progress=page_done))
        except engine.ReadError as error:
            answer = ("refused", str(error))
        except MemoryError:
            answer = ("memory", "")
        except OSError:
            answer = ("missing", "")
        except Exception as error:  # reported to the worker, which logs it
            answer = ("error", f"{type(error).__name__}: {error}")
        try:
            conn.send(answer)
        except MemoryError:
            conn.send(("memory", ""))


class _Reader:
    """One child process, started when first needed and again after it was stopped."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._memory_mb = 0

    def read(
        self,
        path: Path,
        *,
        source: str,
        budget: Budget,
        progress: Callable[[int, int], None] | None = None,
    ) -> Report:
        with self._lock:
            conn = self._ready(budget.memory_mb)
            conn.send((str(path), source))
            kind, value = "progress", None
            while kind == "progress":
                if not conn.poll(budget.seconds):
                    _log.warning("reading %s took over %ss: stopped", source, budget.seconds)
                    self.stop()
                    raise OverBudget(too_slow_message(source, budget.seconds))
                try:
                    kind, value = conn.recv()
                except (EOFError, OSError):  # the child died (killed, out of memory in C code)
                    self.stop()
                    raise OverBudget(too_big_in_memory_message(source)) from None
                if kind == "progress" and progress is not None:
                    progress(*value)
        if kind == "ok":
            assert isinstance(value, Report)
            return value
        if kind == "refused":
            raise engine.ReadError(value)
        if kind == "memory":
            self.stop()  # a MemoryError may leave the child in a poor state
            raise OverBudget(too_big_in_memory_message(source))
        if kind == "missing":
            raise OSError(f"stored file of {source} cannot be opened")
        raise RuntimeError(f"reading {source} failed in the reader process: {value}")

    def _ready(self, memory_mb: int) -> Connection:
        alive = self._process is not None and self._process.is_alive()
        if alive and self._conn is not None and self._memory_mb == memory_mb:
            return self._conn
        self.stop()
        # forkserver: the child starts from a clean process, not from a copy of the worker
        # with its database connections and threads.
        context = multiprocessing.get_context("forkserver")
        parent, child = context.Pipe()
        process = context.Process(
            target=_serve, args=(child, memory_mb), name="jixiao-reader", daemon=True
        )
        process.start()
        child.close()
        self._process, self._conn, self._memory_mb = process, parent, memory_mb
        return parent

    def stop(self) -> None:
        if self._conn is not None:
            self._conn.close()
        if self._process is not None:
            self._process.kill()
            self._process.join(timeout=5)
        self._process = self._conn = None


_reader = _Reader()


def reader_stop() -> None:
    """Stop the child process (tests; a worker shutting down)."""
    with _reader._lock:
        _reader.stop()
