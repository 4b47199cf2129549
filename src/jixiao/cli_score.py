"""`jixiao score INPUT [--framework NAME] [--json]`: the scorecard of a report or data file.

INPUT is a report (read by the intake, like `jixiao extract`) or a 基础数据 file a unit fills
in (.yaml/.yml/.json/.xlsx). ``--framework`` takes a bundled framework's name or the path
of a framework file; ``--list`` shows the bundled ones. Exit status: 0 when a scorecard was
printed (complete or listing what is missing), 2 when the command could not run, with a
one-line Chinese reason on standard error.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from jixiao.domain.errors import JixiaoError
from jixiao.domain.report import Report
from jixiao.scoring import frameworks
from jixiao.scoring.engine import score
from jixiao.scoring.inputs import ScoringInputs, read_inputs_file
from jixiao.scoring.output import format_scorecard, scorecard_json
from jixiao.services import report_read

COMMAND = "score"
EXIT_OK, EXIT_FAILED = 0, 2
DATA_SUFFIXES = (".yaml", ".yml", ".json", ".xlsx")


def register(commands: Any) -> None:
    parser = commands.add_parser(COMMAND, help="按评分框架核算得分，逐项说明计算过程")
    parser.add_argument(
        "input",
        type=Path,
        nargs="?",
        metavar="文件",
        help="报告文件，或基础数据文件（yaml/json/xlsx）",
    )
    parser.add_argument(
        "--framework", metavar="框架", help="框架名称或框架文件路径（默认按材料类型选择）"
    )
    parser.add_argument(
        "--json", action="store_true", help="输出 JSON（格式见 docs/frameworks.md）"
    )
    parser.add_argument("--list", action="store_true", help="列出可用的评分框架")


def run(args: argparse.Namespace) -> int:
    if args.list:
        sys.stdout.write(_framework_list())
        return EXIT_OK
    if args.input is None:
        print("jixiao：请指定要评分的文件（报告或基础数据文件）", file=sys.stderr)
        return EXIT_FAILED
    path: Path = args.input
    try:
        source = _read(path)
        card = score(source, args.framework)
    except JixiaoError as error:
        print(f"jixiao：{error}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as error:  # a bug of ours: one Chinese line for the user, details logged
        logging.getLogger("jixiao").exception("internal error scoring %s", path)
        print(
            f"jixiao：评分“{path.name}”时程序内部出错（{type(error).__name__}）："
            "请把该文件发给系统维护人员",
            file=sys.stderr,
        )
        return EXIT_FAILED
    if args.json:
        json.dump(scorecard_json(card), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_scorecard(card))
    return EXIT_OK


def _read(path: Path) -> Report | ScoringInputs:
    if not path.exists():
        raise JixiaoError(f"找不到文件“{path}”：请检查文件名和路径")
    if path.suffix.lower() in DATA_SUFFIXES:
        inputs = read_inputs_file(path)
        if path.suffix.lower() != ".xlsx" or _states_anything(inputs):
            return inputs
        # A workbook without one 基础数据 label is a report (a 自评表 saved as .xlsx).
    return report_read(path=path, source=str(path))


def _states_anything(inputs: ScoringInputs) -> bool:
    return bool(inputs.basic.stated() or inputs.indicators or inputs.judgements)


def _framework_list() -> str:
    lines = ["可用的评分框架："]
    for framework in frameworks.bundled():
        mark = "（默认）" if framework.default else ""
        lines.append(f"  {framework.name}{mark}  {framework.title}；适用：{framework.region}")
    return "\n".join(lines) + "\n"
