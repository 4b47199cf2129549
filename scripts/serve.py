"""Start the web application locally: migrate, demo data, the server and the worker.

    .venv/bin/python scripts/serve.py [--port 8000] [--no-demo]

Runs on SQLite under var/ (or DATABASE_URL), with the development settings. The server
(``runserver --noreload``) and the background worker (``db_worker``) run as two child
processes; Ctrl-C stops both.
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
    # Reading left half-done by a worker that was stopped is queued again before a new starts.
    _manage("jixiao_requeue", "--older-than", "0")
    # Rendered files of versions that have changed since (a workflow step, an edit) go.
    _manage("jixiao_prune_renders", "-v", "0")
    # Installed explicitly: a shell that starts this in the background ignores SIGINT.
    signal.signal(signal.SIGINT, _terminate)
    signal.signal(signal.SIGTERM, _terminate)
    env = _env()
    address = f"{args.host}:{args.port}"
    processes = [
        subprocess.Popen(
            [sys.executable, str(MANAGE), "runserver", address, "--noreload"], env=env, cwd=ROOT
        ),
        subprocess.Popen(
            [sys.executable, str(MANAGE), "db_worker", "--no-reload", "--interval", "0.5"],
            env=env,
            cwd=ROOT,
        ),
    ]
    print(f"\n== 已启动：http://{address}/  （后台任务进程已启动；按 Ctrl-C 停止）\n", flush=True)
    try:
        while all(p.poll() is None for p in processes):
            time.sleep(0.5)
        print("!! 有进程意外退出，正在停止其余进程", flush=True)
        return 1
    except KeyboardInterrupt:
        print("\n== 正在停止……", flush=True)
        return 0
    finally:
        _stop(processes)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
