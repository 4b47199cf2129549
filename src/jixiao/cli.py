"""Command line: argument parsing and printing only.

    jixiao extract FILE [--json]      what one report states, with evidence
    jixiao audit FILE... [--json]     what does not add up, with quotes

Exit status (CONTRACT.md): 0 no error finding; 1 some finding is an error; 2 the command
could not run (unreadable file, bad arguments), with a one-line Chinese reason on stderr.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn, Protocol, TextIO, cast

from jixiao import __version__
from jixiao.cli_reading import PageProgress as _PageProgress
from jixiao.cli_reading import reading_json, reading_line
from jixiao.contract import audit_json, extract_json
from jixiao.domain.errors import JixiaoError
from jixiao.domain.findings import AuditReport, Severity
from jixiao.domain.report import Report
from jixiao.services import report_evaluate, report_read
from jixiao.textout import format_audit, format_extract, format_summary

EXIT_OK, EXIT_FINDINGS, EXIT_FAILED = 0, 1, 2
# One file's outcome: its audit and report, or the one-line reason it could not be read.
_Outcome = tuple[AuditReport | None, str | None, Report | None]


class _Parser(argparse.ArgumentParser):
    """argparse that explains bad arguments in one Chinese line and exits 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_FAILED, f"jixiao：参数有误（{message}）。用法见 jixiao --help\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="jixiao", description="预算绩效报告：读取、核对、评分")
    parser.add_argument("--version", action="version", version=f"jixiao {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    extract = commands.add_parser("extract", help="读取一份报告所陈述的数字，附原文出处")
    extract.add_argument("file", type=Path, metavar="文件")
    extract.add_argument("--json", action="store_true", help="输出 JSON（格式见 CONTRACT.md）")
    audit = commands.add_parser("audit", help="核对报告中的数字，列出不一致之处")
    audit.add_argument("files", type=Path, nargs="+", metavar="文件")
    audit.add_argument("--json", action="store_true", help="输出 JSON（格式见 CONTRACT.md）")
    for extension in _extensions():
        extension.register(commands)
    return parser


class _Extension(Protocol):
    """A further command in its own module (cli_score, cli_render …): one file per command."""

    COMMAND: str

    def register(self, commands: Any) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


_EXTENSION_MODULES: tuple[str, ...] = ("jixiao.cli_score", "jixiao.cli_render")


def _extensions() -> list[_Extension]:
    return [cast(_Extension, importlib.import_module(name)) for name in _EXTENSION_MODULES]


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "extract":
            return _extract(args.file, as_json=args.json)
        if args.command == "audit":
            return _audit(args.files, as_json=args.json)
        for extension in _extensions():
            if args.command == extension.COMMAND:
                return extension.run(args)
    except KeyboardInterrupt:
        print("jixiao：已中断", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped reading: not an error of ours, and no traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    _parser().print_help(sys.stderr)
    return EXIT_FAILED


def _extract(path: Path, *, as_json: bool) -> int:
    pages = _PageProgress(sys.stderr, path)
    try:
        report = report_read(path=path, source=str(path), progress=pages.step)
    except JixiaoError as error:
        print(f"jixiao：{error}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as error:
        print(f"jixiao：{_internal(path, error)}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        pages.clear()
    if as_json:
        _dump({**extract_json(report), "reading": reading_json(report)})
    else:
        sys.stdout.write(reading_line(report) + format_extract(report))
    return EXIT_OK


def _evaluate_one(path: Path) -> _Outcome:
    """The audit of one file, or the reason it could not be read."""
    pages = _PageProgress(sys.stderr, path)
    try:
        evaluation = report_evaluate(path=path, source=str(path), progress=pages.step)
    except JixiaoError as error:
        return None, str(error), None
    except Exception as error:  # a bug of ours must not hide the other files' results
        return None, _internal(path, error), None
    finally:
        pages.clear()
    return evaluation.audit, None, evaluation.report


def _results(
    paths: list[Path],
) -> Iterator[tuple[Path, tuple[AuditReport | None, str | None, Any]]]:
    """One file after another in this one process: reading and auditing a report takes a few
    milliseconds, so a batch of a thousand finishes in seconds without worker processes."""
    for path in paths:
        yield path, _evaluate_one(path)


def _audit(paths: list[Path], *, as_json: bool) -> int:
    progress = _Progress(len(paths), sys.stderr)
    reports: list[dict[str, Any]] = []
    failed = errors = 0
    texts: list[str] = []
    counts = dict.fromkeys(Severity, 0)
    for path, (audit, reason, report) in _results(paths):
        progress.step(path)
        if audit is None:
            failed += 1
            progress.clear()
            print(f"jixiao：{reason}", file=sys.stderr)
            reports.append({"source": str(path), "error": reason, "findings": []})
            continue
        errors += audit.has_errors
        for finding in audit.findings:
            counts[finding.severity] += 1
        if as_json:
            reports.append(audit_json(audit))
        else:
            texts.append(format_audit(audit, report))
    progress.clear()
    if as_json:
        _dump({"reports": reports})
    else:
        sys.stdout.write("".join(texts))
        sys.stdout.write(format_summary(len(paths), failed, counts))
    if failed:
        return EXIT_FAILED
    return EXIT_FINDINGS if errors else EXIT_OK


def _internal(path: Path, error: Exception) -> str:
    """One line for a user when jixiao itself failed; the details go to the log."""
    logging.getLogger("jixiao").exception("internal error on %s", path)
    return (
        f"读取“{path.name}”时程序内部出错（{type(error).__name__}）："
        "请把该文件发给系统维护人员，其余文件不受影响"
    )


def _dump(data: dict[str, Any]) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


class _Progress:
    """A one-line progress bar on a terminal; silent when stderr is not a terminal."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.active = total > 1 and stream.isatty()

    def step(self, path: Path) -> None:
        self.done += 1
        if not self.active:
            return
        width = 30
        filled = width * self.done // self.total
        bar = "█" * filled + "·" * (width - filled)
        self.stream.write(f"\r核对中 {bar} {self.done}/{self.total} {path.name[:30]:<30}")
        self.stream.flush()

    def clear(self) -> None:
        if self.active:
            self.stream.write("\r" + " " * 80 + "\r")
            self.stream.flush()


if __name__ == "__main__":
    sys.exit(main())
