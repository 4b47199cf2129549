"""Intake time per MB at 10 KB, 100 KB, 1 MB and 10 MB, for text and .docx (`make bench`).

The texts repeat a real report (the seed, else the largest example) up to each size; each
.docx holds the same text, one paragraph a line. Each size is read file → report (decoding
and extraction, not the audit): the best of three reads up to 1 MB, one read beyond.
Linear intake shows the same seconds per MB at every size; the target is ≤ 5 s for 10 MB.
"""

from __future__ import annotations

import io
import random
import re
import time
from collections.abc import Callable

import docx

from jixiao.audit.engine import run as run_audit
from jixiao.intake.files import read_document_bytes
from jixiao.intake.parse import parse_document

SIZES = (
    (10 * 1024, "10 KB"),
    (100 * 1024, "100 KB"),
    (1024 * 1024, "1 MB"),
    (10 * 1024**2, "10 MB"),
)
TARGET_SECONDS_PER_10_MB = 5.0
_DIGIT = re.compile(r"[0-9]")


def text_of_size(seed: str, size: int) -> str:
    """The seed repeated until its UTF-8 encoding reaches ``size`` bytes, each copy with its
    own digits (a fixed random sequence): a report-like text, not one that compresses a
    thousandfold (a .docx of it would rightly be refused as a zip bomb)."""
    unit = seed.rstrip("\n") + "\n"
    digits = random.Random(2024)
    copies = []
    total = 0
    while total < size:
        copy = _DIGIT.sub(lambda _: str(digits.randrange(10)), unit)
        copies.append(copy)
        total += len(copy.encode("utf-8"))
    return "".join(copies).encode("utf-8")[:size].decode("utf-8", errors="ignore")


def docx_of(text: str) -> bytes:
    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def read_seconds(data: bytes, name: str) -> float:
    """The best of three reads up to 1 MB (a shared machine's noise), one read beyond."""
    runs = 3 if len(data) <= 1024**2 else 1
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        parse_document(read_document_bytes(data, name=name), source=name)
        best = min(best, time.perf_counter() - start)
    return best


def intake_rows(seed: str, *, sizes: tuple[tuple[int, str], ...] = SIZES) -> list[list[str]]:
    """[kind, size label, file size, seconds, seconds per MB] for each kind and size."""
    read_seconds(seed.encode("utf-8"), "warm-up.txt")
    audit_seconds(seed.encode("utf-8"), "warm-up.txt")  # rule sets and catalogues load once
    rows: list[list[str]] = []
    makers: tuple[tuple[str, str, Callable[[str], bytes]], ...] = (
        ("文本 .txt", ".txt", lambda t: t.encode("utf-8")),
        ("Word .docx", ".docx", docx_of),
    )
    for kind, suffix, make in makers:
        for size, label in sizes:
            data = make(text_of_size(seed, size))
            seconds = read_seconds(data, f"bench{suffix}")
            per_mb = seconds / (size / 1024**2)
            audit = audit_seconds(data, f"bench{suffix}") if suffix == ".txt" else None
            rows.append(
                [
                    kind,
                    label,
                    f"{len(data) / 1024:,.0f} KB",
                    f"{seconds:.2f}",
                    f"{per_mb:.2f}",
                    "—" if audit is None else f"{audit / (size / 1024**2):.2f}",
                ]
            )
    return rows


def audit_seconds(data: bytes, name: str) -> float:
    """The audit of the report read from ``data``, alone (a long report's rules must stay
    linear too: the worker audits every upload after reading it)."""
    report = parse_document(read_document_bytes(data, name=name), source=name)
    start = time.perf_counter()
    run_audit(report)
    return time.perf_counter() - start


def print_intake_table(seed: str) -> None:
    print("\n读取（文件 → 报告数据）耗时随文本大小的变化：每 MB 秒数相同即线性增长")
    print(f"（目标：10 MB 不超过 {TARGET_SECONDS_PER_10_MB:.0f} 秒，即每 MB 不超过 0.5 秒）\n")
    print("| 格式 | 正文大小 | 文件大小 | 耗时（秒） | 每 MB 秒数 | 核对每 MB 秒数 |")
    print("|---|---|---|---|---|---|")
    for row in intake_rows(seed):
        print("| " + " | ".join(row) + " |")
