"""Start the web application locally: migrate, demo data, the server and the worker.

    .venv/bin/python scripts/serve.py [--port 8000] [--no-demo]

Runs on SQLite under var/ (or DATABASE_URL), with the development settings. The server
(``runserver --noreload``) and the background worker (``db_worker``) run as two child
processes; Ctrl-C stops both. When either dies it is started again (the worker after its
half-done tasks are queued again), so the site keeps serving; one that dies again at once,
again and again (a port in use, a broken setting), stops everything with its reason.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANAGE = ROOT / "web" / "manage.py"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def _manage(*args: str) -> None:
    subprocess.run([sys.executable, str(MANAGE), *args], check=True, env=_env(), cwd=ROOT)


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()  # both runserver and db_worker stop cleanly on SIGTERM
    deadline = time.monotonic() + 10
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # Ctrl-C and SIGTERM both stop the children


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="启动绩效评价管理系统（本机）")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-demo", action="store_true", help="不创建演示数据")
    args = parser.parse_args(argv)

    data_dir = Path(os.environ.get("JIXIAO_DATA_DIR", ROOT / "var"))
    data_dir.mkdir(parents=True, exist_ok=True)
    print("== 数据库迁移", flush=True)
    _manage("migrate", "--noinput", "-v", "0")
    if not args.no_demo:
        print("== 演示数据", flush=True)
        _manage("jixiao_demo")
    # Rendered files of versions that have changed since (a workflow step, an edit) go.
    _manage("jixiao_prune_renders", "-v", "0")
    # Installed explicitly: a shell that starts this in the background ignores SIGINT.
    signal.signal(signal.SIGINT, _terminate)
    signal.signal(signal.SIGTERM, _terminate)
    address = f"{args.host}:{args.port}"
    children = [
        Child("网站", ["runserver", address, "--noreload"]),
        Child("后台任务进程", ["db_worker", "--no-reload", "--interval", "0.5"], requeue=True),
    ]
    for child in children:
        child.start()
    print(f"\n== 已启动：http://{address}/  （后台任务进程已启动；按 Ctrl-C 停止）\n", flush=True)
    try:
        while True:
            time.sleep(0.5)
            for child in children:
                if not child.check():
                    print(f"!! {child.label}连续异常退出，正在停止", flush=True)
                    return 1
    except KeyboardInterrupt:
        print("\n== 正在停止……", flush=True)
        return 0
    finally:
        _stop([c.process for c in children if c.process is not None])


class Child:
    """One supervised process: started again when it exits, unless it keeps dying at once."""

    QUICK = 5.0  # seconds: an exit sooner than this after a start counts as failing at once
    MAX_QUICK = 5  # that many quick exits in a row: give up

    def __init__(self, label: str, command: list[str], *, requeue: bool = False) -> None:
        self.label = label
        self.command = command
        self.requeue = requeue
        self.process: subprocess.Popen[bytes] | None = None
        self.started = 0.0
        self.quick_exits = 0

    def start(self) -> None:
        if self.requeue:  # what a stopped worker was reading is read again by the next one
            manage = [sys.executable, str(MANAGE), "jixiao_requeue", "--older-than", "0"]
            subprocess.run(manage, check=False, env=_env(), cwd=ROOT)
        self.process = subprocess.Popen(
            [sys.executable, str(MANAGE), *self.command], env=_env(), cwd=ROOT
        )
        self.started = time.monotonic()

    def check(self) -> bool:
        """Start the process again if it exited; False when it keeps failing."""
        assert self.process is not None
        code = self.process.poll()
        if code is None:
            if time.monotonic() - self.started > self.QUICK:
                self.quick_exits = 0
            return True
        quick = time.monotonic() - self.started < self.QUICK
        self.quick_exits = self.quick_exits + 1 if quick else 0
        if self.quick_exits >= self.MAX_QUICK:
            return False
        print(f"!! {self.label}意外退出（退出码 {code}），正在重新启动", flush=True)
        time.sleep(min(2**self.quick_exits, 10) if quick else 0.2)
        self.start()
        return True


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
