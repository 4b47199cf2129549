"""Speed figures for the core, printed as a table (`make bench`).

Never a timed unit test: these machines are shared and noisy. Each row states its target;
read the ratio column (measured / target) rather than the raw number.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from jixiao.audit.engine import run as run_audit
from jixiao.intake.parse import parse_text
from jixiao.intake.readers.text import decode

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_3c820579068e2a5e.txt"


def sample_text() -> tuple[str, str]:
    """The seed when ../shared is beside us, else the largest bundled example."""
    if SEED.exists():
        return "种子报告", SEED.read_text(encoding="utf-8")
    examples = sorted(ROOT.glob("examples/*/source.txt"), key=lambda p: p.stat().st_size)
    return examples[-1].parent.name, decode(examples[-1].read_bytes()).text


def median_ms(action: Callable[[], object], runs: int) -> float:
    for _ in range(10):  # warm-up: regex compilation, data files, caches
        action()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def batch_seconds(text: str, count: int) -> float:
    folder = Path(tempfile.mkdtemp(prefix="jixiao-bench-"))
    try:
        sources = sorted(ROOT.glob("examples/*/source.txt"))
        for index in range(count):
            target = folder / f"{index:04d}.txt"
            if index % 4 == 0 or not sources:
                target.write_text(text, encoding="utf-8")
            else:
                shutil.copyfile(sources[index % len(sources)], target)
        files = sorted(str(p) for p in folder.glob("*.txt"))
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "jixiao.cli", "audit", "--json", *files],
            stdout=subprocess.DEVNULL,
            check=False,
        )
        return time.perf_counter() - start
    finally:
        shutil.rmtree(folder)


def main() -> int:
    name, text = sample_text()
    rows = []
    parse_only = median_ms(lambda: parse_text(text, source="bench"), 200)
    rows.append((f"读取（{name}）中位数", parse_only, 5.0, "毫秒"))
    both = median_ms(lambda: run_audit(parse_text(text, source="bench")), 200)
    rows.append((f"读取+核对（{name}）中位数，单核", both, 5.0, "毫秒"))
    batch = batch_seconds(text, 1000)
    rows.append(("1000 份报告，一次 jixiao audit 调用", batch, 10.0, "秒"))
    print(f"| {'项目':<36} | {'实测':>10} | {'目标':>8} | {'实测/目标':>9} |")
    print(f"|{'-' * 38}|{'-' * 12}|{'-' * 10}|{'-' * 11}|")
    for label, measured, target, unit in rows:
        ratio = measured / target
        flag = "" if ratio <= 1 else "  超出目标"
        cells = [f"{label:<36}", f"{measured:>7.2f}{unit:>3}", f"{target:>5.1f}{unit:>3}"]
        print("| " + " | ".join(cells) + f" | {ratio:>9.2f} |{flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
