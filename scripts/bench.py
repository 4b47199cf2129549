"""Speed figures for the core, printed as a table (`make bench`).

Never a timed unit test: these machines are shared and noisy. Each row states its target;
read the ratio column (measured / target) rather than the raw number.
"""

from __future__ import annotations

import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import docx
import pylopdf_fonts_zh_cn
import pypdfium2 as pdfium  # type: ignore[import-untyped]
import typst
from bench_intake import print_intake_table
from bench_readers import ocr_rows, old_format_rows
from bench_web import campaign_view_rows

from jixiao.audit.engine import run as run_audit
from jixiao.domain.report import Report
from jixiao.intake.files import read_document_bytes
from jixiao.intake.parse import parse_text
from jixiao.intake.readers.text import decode
from jixiao.render import charts, render

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


def sample_docx(text: str) -> bytes:
    """The text as a Word document, one paragraph a line (python-docx writes it)."""
    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def sample_pdf(text: str) -> bytes:
    """The text as a report PDF set by typst (official margins, 15 pt body, justified and
    indented, fonts embedded, page numbers): the seed fills seven A4 pages."""

    def quoted(line: str) -> str:
        return '"' + line.replace("\\", "\\\\").replace('"', '\\"') + '"'

    source = (
        '#set page(paper: "a4", margin: (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm),'
        " footer: context align(center)[— #counter(page).display() —])\n"
        '#set text(font: "Noto Serif SC", size: 15pt, lang: "zh")\n'
        "#set par(justify: true, leading: 10pt, first-line-indent: (amount: 2em, all: true))\n"
        + "".join(f"#{quoted(line)}\n\n" for line in text.split("\n") if line.strip())
    )
    fonts = os.path.dirname(pylopdf_fonts_zh_cn.__file__)
    return bytes(typst.compile(source.encode("utf-8"), font_paths=[fonts]))


def document_rows(text: str) -> list[tuple[str, float, float, str]]:
    """Reading Word and PDF files: bytes to DocumentText, before parsing."""
    word = sample_docx(text)
    pdf = sample_pdf(text)
    pages = len(pdfium.PdfDocument(pdf))
    docx_ms = median_ms(lambda: read_document_bytes(word, name="bench.docx"), 50)
    pdf_ms = median_ms(lambda: read_document_bytes(pdf, name="bench.pdf"), 20)
    return [
        ("读取 .docx（文件 → 文本，不含解析）", docx_ms, 30.0, "毫秒"),
        (f"读取 {pages} 页 PDF（文件 → 文本，不含解析）", pdf_ms, 300.0, "毫秒"),
    ]


def render_rows(name: str, report: Report) -> list[tuple[str, float, float | None, str]]:
    """Rendering, after warm-up. Each run writes a report that differs from the last (one
    line of text), so that no output is reused; the chart images are cached (same figures),
    which the last rows undo to show the cost of drawing them."""
    variants = [
        replace(report, performance=replace(report.performance, problems=(f"第{i}个问题",)))
        for i in range(64)
    ]
    counter = iter(range(10**9))

    def next_variant() -> Report:
        return variants[next(counter) % len(variants)]

    def fresh_charts(fmt: str) -> None:
        charts.chart_png.cache_clear()
        charts.chart_svg.cache_clear()
        render(next_variant(), fmt)

    return [
        (
            f"生成 .docx（{name}）中位数",
            median_ms(lambda: render(next_variant(), "docx"), 50),
            50.0,
            "毫秒",
        ),
        (
            f"生成 PDF（{name}）中位数",
            median_ms(lambda: render(next_variant(), "pdf"), 50),
            300.0,
            "毫秒",
        ),
        (
            f"生成 .docx，重绘3幅图表（{name}）",
            median_ms(lambda: fresh_charts("docx"), 10),
            None,
            "毫秒",
        ),
        (
            f"生成 PDF，重绘3幅矢量图（{name}）",
            median_ms(lambda: fresh_charts("pdf"), 10),
            None,
            "毫秒",
        ),
    ]


def main() -> int:
    name, text = sample_text()
    rows = document_rows(text)
    rows.extend(old_format_rows(text))
    parse_only = median_ms(lambda: parse_text(text, source="bench"), 200)
    rows.append((f"读取（{name}）中位数", parse_only, 5.0, "毫秒"))
    both = median_ms(lambda: run_audit(parse_text(text, source="bench")), 200)
    rows.append((f"读取+核对（{name}）中位数，单核", both, 5.0, "毫秒"))
    batch = batch_seconds(text, 1000)
    rows.append(("1000 份报告，一次 jixiao audit 调用", batch, 10.0, "秒"))
    rows.extend(render_rows(name, parse_text(text, source="bench")))
    rows.extend(campaign_view_rows())
    rows.extend(ocr_rows(text))  # last: a minute of recognition
    print(f"| {'项目':<36} | {'实测':>10} | {'目标':>8} | {'实测/目标':>9} |")
    print(f"|{'-' * 38}|{'-' * 12}|{'-' * 10}|{'-' * 11}|")
    for label, measured, target, unit in rows:
        if target is None:  # shown for information: no target is set for it
            cells = [f"{label:<36}", f"{measured:>7.2f}{unit:>3}", f"{'—':>8}"]
            print("| " + " | ".join(cells) + f" | {'—':>9} |")
            continue
        ratio = measured / target
        flag = "" if ratio <= 1 else "  超出目标"
        cells = [f"{label:<36}", f"{measured:>7.2f}{unit:>3}", f"{target:>5.1f}{unit:>3}"]
        print("| " + " | ".join(cells) + f" | {ratio:>9.2f} |{flag}")
    print_intake_table(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
