"""Load and faults on PostgreSQL: a script with a report, never a timed test.

    .venv/bin/python scripts/loadtest.py [--database-url postgres://postgres@127.0.0.1:5432/jixiao_load]
        [--cluster "15 main"] [--duration 60] [--concurrency 8] [--units 1000] [--years 3]

1. seeds a fresh database with ``--units`` units × ``--years`` campaigns (every workflow state,
   published reports, figures for the bureau's view);
2. starts the application with the production settings under gunicorn when it is installed,
   else ``runserver``, and a background worker (``db_worker``);
3. drives ``--duration`` seconds of concurrent requests on the campaign view, a report's page,
   the public list and the API list, and prints requests/s and p50/p99 per address (with wrk
   when it is installed, ``apt install wrk``; else, or with ``--python-clients``, with Python
   threads, which take a good part of a core from the server);
4. uploads 10 MB every ``--upload-every`` s under the read load (loadtest_upload.py), then
   20 files at once, and checks each was read and is on disk with its hash;
5. kills the worker (SIGKILL) in the middle of reading a large report, requeues the task it
   left running (``manage.py jixiao_requeue``) and shows a new worker completing it;
6. restarts PostgreSQL (``pg_ctlcluster <cluster> restart``) under load and shows that the
   requests fail cleanly (503) and that the application recovers by itself.

The database named in ``--database-url`` is dropped and created again.
"""

# ruff: noqa: PLC0415  (Django's modules are imported once django.setup() has run)

from __future__ import annotations

import argparse
import hashlib
import http.client
import importlib.util
import json
import os
import random
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import loadtest_wrk
from loadtest_data import report_bytes, report_of_size, seed, token_for
from loadtest_upload import multipart, upload_round

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "web"
HOST = "127.0.0.1"


@dataclass
class Setup:
    url: str
    cluster: str
    port: int
    data_dir: Path
    env: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------- the database


def recreate_database(url: str) -> None:
    import psycopg

    parts = urllib.parse.urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def django_setup(setup: Setup) -> None:
    os.environ.update(setup.env)
    sys.path.insert(0, str(WEB))
    import django

    django.setup()


def manage(setup: Setup, *args: str, **popen: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(WEB / "manage.py"), *args], cwd=WEB, env=setup.env, **popen
    )


# ---------------------------------------------------------------- HTTP, as a browser or a script


def request(
    port: int, method: str, path: str, headers: dict[str, str] | None = None, body: bytes = b""
) -> tuple[int, bytes, dict[str, str], float]:
    """One request on a fresh connection: (status, body, headers, seconds); status 0 when the
    connection itself failed."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request(method, path, body=body or None, headers=headers or {})
        response = connection.getresponse()
        content = response.read()
        found = {k.lower(): v for k, v in response.getheaders()}
        return response.status, content, found, time.perf_counter() - started
    except OSError:
        return 0, b"", {}, time.perf_counter() - started
    finally:
        connection.close()


def session_login(port: int, username: str, password: str) -> dict[str, str]:
    """Log in through the log-in page (CSRF and all): the headers a signed-in browser sends."""
    status, body, headers, _ = request(port, "GET", "/accounts/login/")
    cookies = dict(re.findall(r"(csrftoken)=([^;]+)", headers.get("set-cookie", "")))
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    assert status == 200 and token and cookies, "log-in page not reachable"
    form = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": token.group(1).decode()}
    ).encode()
    cookie = f"csrftoken={cookies['csrftoken']}"
    status, _, headers, _ = request(
        port,
        "POST",
        "/accounts/login/",
        {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
        form,
    )
    session = re.search(r"sessionid=([^;]+)", headers.get("set-cookie", ""))
    assert status == 302 and session, f"log-in failed ({status})"
    return {"Cookie": f"sessionid={session.group(1)}"}


# ---------------------------------------------------------------- the servers


def start_web(setup: Setup, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    out = log.open("ab")
    if importlib.util.find_spec("gunicorn"):
        workers = str(max(2, (os.cpu_count() or 1) * 2))
        command = [
            sys.executable, "-m", "gunicorn", "config.wsgi:application",
            "--bind", f"{HOST}:{setup.port}", "--workers", workers, "--timeout", "60",
            "--graceful-timeout", "5", "--log-level", "warning", "--preload",
        ]  # fmt: skip
        server = f"gunicorn（{workers} 个进程）"
        process = subprocess.Popen(command, cwd=WEB, env=setup.env, stdout=out, stderr=out)
    else:
        server = "Django runserver（未安装 gunicorn；单进程多线程）"
        process = manage(
            setup, "runserver", f"{HOST}:{setup.port}", "--noreload", stdout=out, stderr=out
        )
    for _ in range(150):
        if request(setup.port, "GET", "/public/")[0] == 200:
            return process, server
        time.sleep(0.2)
    raise SystemExit(f"应用未能启动，见 {log}")


def start_worker(setup: Setup, log: Path) -> subprocess.Popen[bytes]:
    out = log.open("ab")
    return manage(
        setup, "db_worker", "--no-reload", "--interval", "0.2", "--no-startup-delay",
        stdout=out, stderr=out,
    )  # fmt: skip


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


# ---------------------------------------------------------------- load


@dataclass
class Target:
    key: str
    path: Callable[[], str]
    headers: dict[str, str]


def drive(
    port: int, targets: list[Target], seconds: float, concurrency: int
) -> list[tuple[str, int, float, float]]:
    """(key, status, seconds, time since start) of every request made."""
    results: list[tuple[str, int, float, float]] = []
    lock = threading.Lock()
    start = time.monotonic()
    deadline = start + seconds

    def worker(offset: int) -> None:
        # Each client keeps to one address, as a person on one page does: a slow page then
        # slows its own clients (and the shared server), not every client's next request.
        target = targets[offset % len(targets)]
        mine = []
        while time.monotonic() < deadline:
            status, _, _, elapsed = request(port, "GET", target.path(), target.headers)
            mine.append((target.key, status, elapsed, time.monotonic() - start))
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def load(
    port: int,
    targets: list[Target],
    seconds: float,
    concurrency: int,
    *,
    use_wrk: bool,
    header: bool = True,
) -> None:
    """Drive and print the table, with wrk when asked, else with the Python clients."""
    if use_wrk:
        plain = [(t.key, t.path, t.headers) for t in targets]
        loadtest_wrk.report(loadtest_wrk.drive(port, plain, seconds, concurrency), header=header)
    else:
        results = drive(port, targets, seconds, concurrency)
        report_load(results, seconds, targets, header=header)


class Writer:
    """Changes one report of the campaign ``per_second`` times a second while the readers run,
    as units saving their figures do in the weeks before the deadline: the same write a save
    makes (``lock_version`` + 1, ``updated_at``), so every remembered page computes again."""

    def __init__(self, campaign: int, per_second: float) -> None:
        self.campaign, self.pause, self.count = campaign, 1 / per_second, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run)

    def _run(self) -> None:
        from django.db.models import F
        from django.utils import timezone

        from apps.submissions.models import Submission

        rows = Submission.objects.filter(campaign_id=self.campaign)
        ids = list(rows.values_list("pk", flat=True))
        while not self._stop.wait(self.pause):
            Submission.objects.filter(pk=random.choice(ids)).update(
                lock_version=F("lock_version") + 1, updated_at=timezone.now()
            )
            self.count += 1

    def __enter__(self) -> Writer:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report_load(
    results: list[tuple[str, int, float, float]],
    seconds: float,
    targets: list[Target],
    *,
    header: bool = True,
) -> None:
    if header:
        print(
            f"| {'地址':<34} | {'请求数':>7} | {'错误':>5} | {'请求/秒':>8} |"
            f" {'p50 毫秒':>9} | {'p99 毫秒':>9} |"
        )
        print(f"|{'-' * 36}|{'-' * 9}|{'-' * 7}|{'-' * 10}|{'-' * 11}|{'-' * 11}|")
    by_key: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for key, status, elapsed, _ in results:
        by_key[key].append((status, elapsed))
    totals = [Target("合计", lambda: "", {})] if len(targets) > 1 else []
    for target in [*targets, *totals]:
        rows = (
            [r for k, rs in by_key.items() for r in rs]
            if target.key == "合计"
            else by_key[target.key]
        )
        ok = [e * 1000 for s, e in rows if 200 <= s < 400]
        errors = len(rows) - len(ok)
        p50 = statistics.median(ok) if ok else float("nan")
        p99 = percentile(ok, 0.99) if ok else float("nan")
        print(
            f"| {target.key:<34} | {len(rows):>7} | {errors:>5} | {len(rows) / seconds:>8.1f} |"
            f" {p50:>9.1f} | {p99:>9.1f} |"
        )


# ---------------------------------------------------------------- uploads and the worker


def wait_documents(ids: list[int], seconds: float) -> dict[str, int]:
    from django.db import close_old_connections

    from apps.submissions.models import Document

    deadline = time.monotonic() + seconds
    while True:
        close_old_connections()
        states = Counter(Document.objects.filter(pk__in=ids).values_list("intake_state", flat=True))
        if (
            states.get("done", 0) + states.get("failed", 0) == len(ids)
            or time.monotonic() > deadline
        ):
            return dict(states)
        time.sleep(0.3)


def concurrent_uploads(setup: Setup, drafts: list[tuple[int, str, str]], year: int) -> None:
    from apps.submissions import storage
    from apps.submissions.models import Document

    tokens = [token_for(username) for _, _, username in drafts]
    payloads = [report_bytes(name, year) for _, name, _ in drafts]
    barrier = threading.Barrier(len(drafts))
    answers: list[tuple[int, dict[str, Any]]] = [(0, {})] * len(drafts)

    def one(index: int) -> None:
        submission, name, _ = drafts[index]
        body, kind = multipart(f"{name}{year}年度.txt", payloads[index])
        headers = {"Authorization": f"Bearer {tokens[index]}", "Content-Type": kind}
        barrier.wait()
        status, content, _, _ = request(
            setup.port, "POST", f"/api/submissions/{submission}/documents", headers, body
        )
        answers[index] = (status, json.loads(content) if content else {})

    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(drafts))]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    accepted = [a for s, a in answers if s == 202]
    print(
        f"并发上传 {len(drafts)} 个文件：{Counter(s for s, _ in answers)}，"
        f"用时 {time.monotonic() - started:.2f} 秒"
    )
    states = wait_documents([a["id"] for a in accepted], 120)
    lost = 0
    for answer, payload in zip(accepted, payloads, strict=False):
        document = Document.objects.get(pk=answer["id"])
        path = storage.root() / document.stored_name
        if (
            not path.is_file()
            or hashlib.sha256(path.read_bytes()).hexdigest() != hashlib.sha256(payload).hexdigest()
        ):
            lost += 1
    print(f"后台读取结果：{states}；磁盘上缺失或不一致的文件：{lost} 个")


def kill_worker_mid_intake(setup: Setup, draft: tuple[int, str, str], year: int, log: Path) -> None:
    from django.db import close_old_connections
    from django_tasks_db.models import DBTaskResult

    from apps.submissions.models import Document

    worker = start_worker(setup, log)
    token = token_for(draft[2])
    body, kind = multipart("大报告.txt", report_bytes(draft[1], year, repeat=150))
    headers = {"Authorization": f"Bearer {token}", "Content-Type": kind}
    status, content, _, _ = request(
        setup.port, "POST", f"/api/submissions/{draft[0]}/documents", headers, body
    )
    assert status == 202, (status, content[:300])
    document_id = json.loads(content)["id"]
    task = None
    for _ in range(3000):
        close_old_connections()
        task = DBTaskResult.objects.filter(args_kwargs__args=[document_id]).first()
        if task is not None and task.status == "RUNNING":
            break
        time.sleep(0.01)
    assert task is not None and task.status == "RUNNING", "the worker never took the task"
    time.sleep(0.3)
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    task.refresh_from_db()
    document = Document.objects.get(pk=document_id)
    print(
        f"读取中杀死后台进程（SIGKILL）：任务状态 {task.status}，"
        f"文件读取状态 {document.intake_state}"
    )
    requeue = subprocess.run(
        [sys.executable, str(WEB / "manage.py"), "jixiao_requeue", "--older-than", "0"],
        cwd=WEB, env=setup.env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    print(f"manage.py jixiao_requeue --older-than 0：{requeue.stdout.strip()}")
    worker = start_worker(setup, log)
    started = time.monotonic()
    states = wait_documents([document_id], 180)
    task.refresh_from_db()
    print(
        f"新的后台进程：任务 {task.status}，执行过的进程 {len(task.worker_ids)} 个，"
        f"文件读取 {states}，用时 {time.monotonic() - started:.1f} 秒"
    )
    stop(worker)


def restart_database_under_load(setup: Setup, targets: list[Target], concurrency: int) -> None:
    seconds = 25.0
    holder: dict[str, Any] = {}

    def load() -> None:
        holder["results"] = drive(setup.port, targets, seconds, concurrency)

    thread = threading.Thread(target=load)
    thread.start()
    time.sleep(5)
    restart_at = time.monotonic()
    subprocess.run(["pg_ctlcluster", *setup.cluster.split(), "restart"], check=True)
    restarted = time.monotonic() - restart_at
    thread.join()
    results = holder["results"]
    by_second: dict[int, Counter[int]] = defaultdict(Counter)
    for _, status, _, at in results:
        by_second[int(at)][status] += 1
    print(
        f"第 5 秒执行 pg_ctlcluster {setup.cluster} restart（用时 {restarted:.1f} 秒）；"
        "每秒的响应状态："
    )
    for second in sorted(by_second):
        counts = ", ".join(
            f"{status or '连接失败'}×{n}" for status, n in sorted(by_second[second].items())
        )
        print(f"  第 {second:>2} 秒：{counts}")
    failures = Counter(status for _, status, _, _ in results if not 200 <= status < 400)
    last_failure = max(
        (at for _, status, _, at in results if not 200 <= status < 400), default=None
    )
    tail_ok = all(
        200 <= s < 400 for _, s, _, at in results if last_failure is None or at > last_failure
    )
    print(
        f"失败的请求：{dict(failures) or '无'}；"
        f"最后一次失败在第 {last_failure or 0:.1f} 秒，之后全部成功：{tail_ok}"
    )


# ---------------------------------------------------------------- main


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="负载与故障演练（PostgreSQL）")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/jixiao_load")
    parser.add_argument("--cluster", default="15 main", help="pg_ctlcluster 的版本与名称")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--python-clients", action="store_true", help="不用 wrk，用 Python 线程客户端压测"
    )
    parser.add_argument(
        "--writes-per-second",
        type=float,
        default=1.0,
        help="边读边写一轮中每秒修改报告的次数（0：不做这一轮）",
    )
    parser.add_argument(
        "--upload-every",
        type=float,
        default=10.0,
        help="边读边上传 10 MB 报告的间隔秒数（0：不做）",
    )
    parser.add_argument(
        "--skip-faults", action="store_true", help="只做负载，不杀进程、不重启数据库"
    )
    args = parser.parse_args(argv)

    data_dir = Path(tempfile.mkdtemp(prefix="jixiao-load-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "JIXIAO_"))}
    env |= {
        "DATABASE_URL": args.database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": f"{HOST},localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback
        "JIXIAO_DATA_DIR": str(data_dir),
        # the web folder, and whatever the caller added (e.g. where gunicorn is installed)
        "PYTHONPATH": os.pathsep.join(filter(None, [str(WEB), os.environ.get("PYTHONPATH")])),
    }
    setup = Setup(
        url=args.database_url, cluster=args.cluster, port=args.port, data_dir=data_dir, env=env
    )
    log = data_dir / "server.log"
    print(f"== 数据库 {args.database_url}（重新创建）；数据与日志目录 {data_dir}")
    recreate_database(args.database_url)
    subprocess.run(
        [sys.executable, str(WEB / "manage.py"), "migrate", "-v", "0"], cwd=WEB, env=env, check=True
    )
    # Production settings serve hashed static files: they must be collected first.
    subprocess.run(
        [sys.executable, str(WEB / "manage.py"), "collectstatic", "--noinput", "-v", "0"],
        cwd=WEB,
        env=env,
        check=True,
    )
    django_setup(setup)
    started = time.monotonic()
    seeded = seed(args.units, args.years)
    took = time.monotonic() - started
    print(
        f"== 已写入 {args.units} 个单位 × {args.years} 年：单位报告 {seeded['rows']} 份，"
        f"公开报告 {seeded['published']} 份，用时 {took:.1f} 秒"
    )
    web, server = start_web(setup, log)
    worker = start_worker(setup, log)
    try:
        browser = session_login(args.port, "load_admin", "Load-pass-2024")
        api = {"Authorization": f"Bearer {token_for('load_admin')}"}
        pages, campaign, randint = seeded["submissions"], seeded["campaign"], random.randint
        api_pages = max(1, -(-seeded["rows"] // 50))
        overview = f"/campaigns/{campaign}/"
        targets = [
            Target(f"{overview}（{args.units} 个单位）", lambda: overview, browser),
            Target("/submissions/<id>/", lambda: f"/submissions/{random.choice(pages)}/", browser),
            Target("/public/", lambda: "/public/", {}),
            Target(
                "/api/submissions?page=<n>",
                lambda: f"/api/submissions?page={randint(1, api_pages)}",
                api,
            ),
        ]
        # Warm-up: each process computes the remembered pages once (apps.memo); concurrent
        # requests, so that every worker gets some.
        drive(args.port, targets, 3.0, args.concurrency)
        use_wrk = loadtest_wrk.available() and not args.python_clients
        driver = "wrk" if use_wrk else "Python 线程客户端（未安装 wrk）"
        print(f"\n== {server}，{args.concurrency} 个并发连接（{driver}），{args.duration:.0f} 秒")
        load(args.port, targets, args.duration, args.concurrency, use_wrk=use_wrk)
        alone = max(5.0, args.duration / 4)
        print(f"\n== 每个地址单独压测 {alone:.0f} 秒（{args.concurrency} 个并发连接）")
        for target in targets:
            load(
                args.port, [target], alone, args.concurrency,
                use_wrk=use_wrk, header=target is targets[0],
            )  # fmt: skip
        if args.writes_per_second > 0:
            print(
                f"\n== 边读边写：每秒 {args.writes_per_second:g} 次修改本年度报告"
                f"（{args.duration / 2:.0f} 秒，{args.concurrency} 个并发连接）"
            )
            with Writer(seeded["campaign"], args.writes_per_second) as writer:
                load(args.port, targets, args.duration / 2, args.concurrency, use_wrk=use_wrk)
            print(f"期间写入 {writer.count} 次：每次写入后，各进程的总览与列表都重新计算一次")
        year = 2020 + args.years - 1
        if args.upload_every > 0:
            draft = seeded["drafts"][0]
            upload_round(
                port=args.port,
                seconds=max(30.0, args.duration / 2),
                every=args.upload_every,
                body=report_of_size(draft[1], year, 10 * 1024**2),
                draft=draft,
                token=token_for(draft[2]),
                drive=lambda t: load(args.port, targets, t, args.concurrency, use_wrk=use_wrk),
                request=request,
                wait=wait_documents,
            )
        print("\n== 20 个并发上传（接口，令牌认证）")
        concurrent_uploads(setup, seeded["drafts"][:20], year)
        if not args.skip_faults:
            stop(worker)
            print("\n== 读取中杀死后台进程")
            kill_worker_mid_intake(setup, seeded["drafts"][20], year, log)
            print("\n== 负载下重启 PostgreSQL")
            restart_database_under_load(setup, targets, args.concurrency)
    finally:
        stop(worker)
        stop(web)
    print(f"\n服务器日志：{log}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
