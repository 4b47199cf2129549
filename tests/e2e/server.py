"""The real application for the browser tests: scripts/serve.py in a child process.

It runs exactly as a user starts it (migrations, demo data, runserver and the background
worker) on a free port with its own data folder, so the tests see what a clerk sees.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVE = ROOT / "scripts" / "serve.py"
# Migrations and the demo city take most of a minute on a busy machine; allow for a slow CI.
START_TIMEOUT_S = 300.0
STOP_TIMEOUT_S = 30.0
# The test run's own settings would give the server an in-memory database (and pytest-django
# sets them in os.environ): the child must choose its own, as ./run does.
_NOT_INHERITED = ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "（没有日志）"
        return "\n".join(text.splitlines()[-lines:])


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(data_dir: Path) -> Server:
    """Start serve.py and return once the login page answers (or raise with the log)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in _NOT_INHERITED}
    env["JIXIAO_DATA_DIR"] = str(data_dir)
    env["PYTHONUNBUFFERED"] = "1"
    log = data_dir / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, str(SERVE), "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: nothing of it outlives the tests
        )
    server = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        _wait_until_answering(server)
    except BaseException:
        stop(server)
        raise
    return server


def _wait_until_answering(server: Server) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"serve.py exited early:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(server.url + "/accounts/login/", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"serve.py did not answer in {START_TIMEOUT_S:.0f} s:\n{server.log_tail()}")


def stop(server: Server) -> None:
    """SIGTERM to serve.py (it stops runserver and the worker), then SIGKILL to its group."""
    process = server.process
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=STOP_TIMEOUT_S)
    # Before serve.py installs its handler (during migrate), SIGTERM leaves a child behind.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=STOP_TIMEOUT_S)
