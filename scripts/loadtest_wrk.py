"""Drive the load with wrk when it is installed (Debian package ``wrk``).

Why: the Python clients in loadtest.py share the two cores with the server, and a thread per
client under the GIL costs the server a good part of one of them; wrk, written in C, uses a few
percent. One wrk process per address, each with its share of the connections, as a person stays
on one page: a slow page slows its own clients, and each address gets its own percentiles.
Each process picks its paths at random from a sample drawn before the run.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# Paths drawn per address before the run (a report's page picks among this many reports).
SAMPLE = 400


@dataclass(frozen=True)
class WrkResult:
    key: str
    requests: int
    errors: int  # non-2xx/3xx answers and failed connections
    seconds: float
    p50_ms: float
    p99_ms: float


def available() -> bool:
    return shutil.which("wrk") is not None


def _lua(paths: list[str], headers: dict[str, str]) -> str:
    quoted = ",".join(json.dumps(p) for p in paths)
    header_lines = "\n".join(
        f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items()
    )
    # done() prints one JSON line that the caller reads back; latencies are in microseconds.
    return f"""
local paths = {{{quoted}}}
{header_lines}
math.randomseed(os.time())
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{{"requests": %d, "errors": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d}}\\n',
    summary.requests, e.connect + e.read + e.write + e.status + e.timeout,
    summary.duration, latency:percentile(50), latency:percentile(99)))
end
"""


def drive(
    port: int,
    targets: list[tuple[str, Callable[[], str], dict[str, str]]],
    seconds: float,
    concurrency: int,
) -> list[WrkResult]:
    """Run one wrk per (key, path, headers) target at the same time for ``seconds``."""
    connections = max(1, concurrency // len(targets))
    with tempfile.TemporaryDirectory(prefix="jixiao-wrk-") as folder:
        processes = []
        for index, (key, path, headers) in enumerate(targets):
            script = Path(folder) / f"target{index}.lua"
            script.write_text(_lua([path() for _ in range(SAMPLE)], headers), encoding="utf-8")
            command = [
                "wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s",
                "--timeout", "10s", "-s", str(script), f"http://127.0.0.1:{port}",
            ]  # fmt: skip
            processes.append((key, subprocess.Popen(command, stdout=subprocess.PIPE, text=True)))
        results = []
        for key, process in processes:
            out, _ = process.communicate()
            line = next((x for x in reversed(out.splitlines()) if x.startswith("{")), None)
            if line is None:
                raise SystemExit(f"wrk 没有给出结果（{key}）：\n{out}")
            found = json.loads(line)
            results.append(
                WrkResult(
                    key=key,
                    requests=found["requests"],
                    errors=found["errors"],
                    seconds=found["duration_us"] / 1e6,
                    p50_ms=found["p50_us"] / 1000,
                    p99_ms=found["p99_us"] / 1000,
                )
            )
    return results


def report(results: list[WrkResult], *, header: bool = True) -> None:
    if header:
        print(
            f"| {'地址':<34} | {'请求数':>7} | {'错误':>5} | {'请求/秒':>8} |"
            f" {'p50 毫秒':>9} | {'p99 毫秒':>9} |"
        )
        print(f"|{'-' * 36}|{'-' * 9}|{'-' * 7}|{'-' * 10}|{'-' * 11}|{'-' * 11}|")
    for r in results:
        print(
            f"| {r.key:<34} | {r.requests:>7} | {r.errors:>5} | {r.requests / r.seconds:>8.1f} |"
            f" {r.p50_ms:>9.1f} | {r.p99_ms:>9.1f} |"
        )
    if len(results) > 1:
        total = sum(r.requests for r in results)
        rate = sum(r.requests / r.seconds for r in results)
        # Percentiles do not add up across processes: the worst address's p99 bounds them all.
        print(
            f"| {'合计':<34} | {total:>7} | {sum(r.errors for r in results):>5} | {rate:>8.1f} |"
            f" {'—':>9} | {max(r.p99_ms for r in results):>9.1f} |"
        )
