"""The shared corpus scored with ../shared/tools/corpus_eval.py's own comparisons, in-process
(one jixiao call per text is a minute of process start-up; this is a second)."""

from __future__ import annotations

import csv
import importlib.util
from dataclasses import dataclass, field
from functools import cache
from types import ModuleType

from jixiao.contract import audit_json, extract_json
from jixiao.services import report_evaluate
from tests.conftest import CORPUS, SHARED, shared_file


@dataclass
class CorpusTotals:
    right: int = 0
    wrong: int = 0
    missing: int = 0
    extra: int = 0
    project_right: int = 0
    project_stated: int = 0
    caught: int = 0
    false_alarms: int = 0
    lines: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.right / max(1, self.right + self.wrong + self.missing)

    @property
    def precision(self) -> float:
        return self.right / max(1, self.right + self.wrong + self.extra)

    @property
    def project_recall(self) -> float:
        return self.project_right / max(1, self.project_stated)

    @property
    def detail(self) -> str:
        return "\n".join(self.lines)


def corpus_eval() -> ModuleType:
    path = shared_file(SHARED / "tools" / "corpus_eval.py")
    spec = importlib.util.spec_from_file_location("corpus_eval", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def corpus_totals() -> CorpusTotals:
    ce = corpus_eval()
    with (CORPUS / "expected.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    with (CORPUS / "checks.tsv").open(encoding="utf-8") as handle:
        verdicts = {
            r["id"]: r["result"]
            for r in csv.DictReader(handle, delimiter="\t")
            if r["check"] == "SUMMARY"
        }
    totals = CorpusTotals()
    for row in rows:
        evaluation = report_evaluate(path=CORPUS / "real" / f"{row['id']}.txt")
        doc = extract_json(evaluation.report)
        want = ce.expected_figures(row)
        got = ce.got_figures(doc)
        got.update(ce.got_scoped(doc, {k for k in want if "@" in k}))
        for key, value in want.items():
            outcome = "missing" if key not in got else "right" if got[key] == value else "wrong"
            setattr(totals, outcome, getattr(totals, outcome) + 1)
            if row["kind"] == "project":
                totals.project_stated += 1
                totals.project_right += outcome == "right"
            if outcome != "right":
                totals.lines.append(f"{row['id']} {outcome} {key}={value} got {got.get(key)}")
        for key in got.keys() - want.keys():
            if key.startswith("functional.") and any(
                k.startswith("functional.") and want[k] == got[key] for k in want
            ):
                continue
            totals.extra += 1
            totals.lines.append(f"{row['id']} extra {key}={got[key]}")
        findings = audit_json(evaluation.audit)["findings"]
        flagged = any(
            f["severity"] == "error" and f["code"] not in ce.NOT_ARITHMETIC for f in findings
        )
        inconsistent = verdicts.get(row["id"], "").startswith("INCONSISTENT")
        totals.caught += flagged and inconsistent
        totals.false_alarms += flagged and not inconsistent
    return totals
