"""Write docs/frameworks.md from the framework files (src/jixiao/data/frameworks/*.yaml).

    python scripts/gen_frameworks_doc.py          # rewrite the file
    python scripts/gen_frameworks_doc.py --check  # exit 1 when the file is out of date

tests/scoring/test_frameworks_doc.py fails when the committed file differs from what this
script writes: edit a framework file, then run this script and commit both.
"""

from __future__ import annotations

import sys
from pathlib import Path

from jixiao.scoring.doc import render

TARGET = Path(__file__).resolve().parent.parent / "docs" / "frameworks.md"


def main(argv: list[str]) -> int:
    fresh = render()
    current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
    if "--check" in argv:
        if current != fresh:
            print(f"{TARGET} 已过期：请运行 python scripts/gen_frameworks_doc.py", file=sys.stderr)
            return 1
        return 0
    if current != fresh:
        TARGET.write_text(fresh, encoding="utf-8")
        print(f"已更新 {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
