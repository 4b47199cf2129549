"""Regenerate the golden files of examples/ ON PURPOSE: extract.json and audit.json.

Run `make golden`, then read `git diff examples/` before committing: every changed figure
or finding must be one you meant to change.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from jixiao.contract import audit_json, extract_json
from jixiao.services import report_evaluate

ROOT = Path(__file__).resolve().parent.parent


def golden_pair(source: Path) -> tuple[dict[str, object], dict[str, object]]:
    relative = source.relative_to(ROOT).as_posix()
    evaluation = report_evaluate(path=source, source=relative)
    return extract_json(evaluation.report), audit_json(evaluation.audit)


def write(path: Path, data: dict[str, object]) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main() -> int:
    for source in sorted(ROOT.glob("examples/*/source.*")):
        extract, audit = golden_pair(source)
        write(source.parent / "extract.json", extract)
        write(source.parent / "audit.json", audit)
        print(f"已更新 {source.parent.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
