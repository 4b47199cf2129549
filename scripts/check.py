"""Every check the project holds itself to, in one command (`./test`, `make check`).

ruff (lint and format), mypy (strict on src/jixiao), the import contracts (the core never
imports Django or the web layer; layers point one way), the module-size limit, the tests.
Runs all of them and fails if any failed, so one run shows every problem.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 600
SIZE_CHECKED = ("src", "web", "tests", "scripts")


def oversized_modules() -> list[str]:
    found = []
    for top in SIZE_CHECKED:
        for path in sorted((ROOT / top).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            lines = sum(1 for _ in path.open(encoding="utf-8"))
            if lines > MAX_LINES:
                found.append(f"{path.relative_to(ROOT)}: {lines} 行（上限 {MAX_LINES}）")
    return found


def run(title: str, command: list[str]) -> bool:
    print(f"== {title}", flush=True)
    ok = subprocess.run(command, cwd=ROOT, check=False).returncode == 0
    if not ok:
        print(f"!! {title} 未通过", flush=True)
    return ok


def main(pytest_args: list[str]) -> int:
    py = sys.executable
    results = [
        run("ruff check", [py, "-m", "ruff", "check", "."]),
        run("ruff format --check", [py, "-m", "ruff", "format", "--check", "."]),
        run("mypy --strict src/jixiao", [py, "-m", "mypy"]),
        run("import contracts", [str(Path(py).parent / "lint-imports")]),
    ]
    print("== module size", flush=True)
    too_big = oversized_modules()
    for line in too_big:
        print(f"!! {line}")
    results.append(not too_big)
    results.append(run("pytest", [py, "-m", "pytest", *pytest_args]))
    failed = results.count(False)
    print(f"== {'全部检查通过' if not failed else f'{failed} 项检查未通过'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
