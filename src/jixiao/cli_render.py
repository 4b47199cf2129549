"""`jixiao render INPUT --to docx|pdf|html|md|xlsx|yaml|json [--outline NAME] [-o OUT]`

INPUT is any report jixiao reads (.txt, .docx, .pdf, .xlsx) or a data file of the report
(.yaml/.yml/.json, see jixiao.datafile). ``--to yaml`` or ``json`` writes that data file, to be
edited and rendered again. Exit status: 0 written; 2 could not run (unreadable input, unknown
outline, unwritable output), with a one-line Chinese reason on standard error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from jixiao import datafile
from jixiao.domain.errors import JixiaoError
from jixiao.domain.report import Report
from jixiao.render import FORMATS, render
from jixiao.render.template import template_by_name
from jixiao.services import report_gaps, report_read

COMMAND = "render"
EXIT_OK, EXIT_FAILED = 0, 2
DATA_FORMATS = ("yaml", "json")
DATA_SUFFIXES = (".yaml", ".yml", ".json")


def register(commands: Any) -> None:
    parser = commands.add_parser(
        COMMAND,
        help="按公文格式生成报告（Word、PDF、网页、Markdown）或数据表（Excel）",
        description="读取报告或其数据文件，按提纲模板生成 Word、PDF、网页、Markdown 或 Excel 文件",
    )
    parser.add_argument(
        "input", type=Path, metavar="输入文件", help="报告或数据文件（.yaml/.json）"
    )
    parser.add_argument(
        "--to",
        required=True,
        choices=(*FORMATS, *DATA_FORMATS),
        help="输出格式：docx、pdf、html、md、xlsx，或 yaml、json（可编辑的数据文件）",
    )
    parser.add_argument(
        "--outline",
        metavar="提纲",
        help="提纲模板名称，如 performance-note、hunan-overall-self-evaluation（默认按报告自身的"
        "提纲或类型选择）",
    )
    parser.add_argument("-o", "--output", type=Path, metavar="输出文件", help="默认与输入同名")


def run(args: argparse.Namespace) -> int:
    try:
        if args.outline:
            template_by_name(args.outline)  # an unknown name fails before any reading
        report = read_input(args.input)
        data = convert(report, args.to, outline=args.outline)
        target = args.output or args.input.with_suffix(f".{args.to}")
        if target.resolve() == args.input.resolve():
            raise JixiaoError(f"输出文件与输入文件相同（{target.name}）：请用 -o 指定另一个文件名")
        target.write_bytes(data)
    except JixiaoError as error:
        print(f"jixiao：{error}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as error:
        print(f"jixiao：无法写入输出文件（{error.strerror or error}）", file=sys.stderr)
        return EXIT_FAILED
    print(f"已生成 {target}", file=sys.stderr)
    if args.to in FORMATS and args.to != "xlsx":
        for gap in report_gaps(report=report, outline=args.outline):
            print(f"提示：{gap}", file=sys.stderr)
    return EXIT_OK


def read_input(path: Path) -> Report:
    """A report file or a report data file."""
    if path.suffix.lower() in DATA_SUFFIXES:
        return datafile.load_path(path)
    return report_read(path=path, source=str(path))


def convert(report: Report, fmt: str, *, outline: str | None = None) -> bytes:
    if fmt == "yaml":
        return datafile.dump_yaml(report).encode("utf-8")
    if fmt == "json":
        return datafile.dump_json(report).encode("utf-8")
    return render(report, fmt, outline=outline)
