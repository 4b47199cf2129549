"""Score extraction and audit against hand-read figures (our own evaluator for the tests).

The TSV format is the one of the shared corpus (id, kind, money columns, three_public_parts and
functional_classes as "name=value;…", amount_unit …; checks.tsv has one SUMMARY row per text).
This module is written for jixiao's tests; it reads the files, not any other tool's code.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from jixiao.contract import audit_json, extract_json
from jixiao.services import text_evaluate

_SPENDING = ("total", "basic", "personnel", "public", "project")
_BUDGET = {"budget_initial": "initial", "budget_adjusted": "adjusted", "executed": "executed"}
_NOT_ARITHMETIC = {"functional-class-name", "required-section-missing"}


def _number(text: Any) -> Decimal | None:
    cleaned = str(text or "").replace(",", "").replace("%", "").replace("％", "").strip()
    try:
        return Decimal(cleaned) if cleaned else None
    except InvalidOperation:
        return None


def _part_key(name: str) -> str | None:
    if "出国" in name:
        return "overseas"
    if "车" in name:
        both = "购置" in name and ("运行" in name or "维护" in name)
        if both or name == "公务用车费":
            return "vehicle"
        return "vehicle_purchase" if "购置" in name else "vehicle_operation"
    return "reception" if "接待" in name else None


def wanted(row: dict[str, str]) -> dict[str, Decimal | str]:
    scale = Decimal("0.0001") if row["amount_unit"].strip() == "元" else Decimal(1)
    want: dict[str, Decimal | str] = {}

    def money(key: str, cell: str) -> None:
        value = _number(cell)
        if value is not None:
            want[key] = value * scale

    if row["kind"] != "project":
        for key in _SPENDING:
            money(f"spending.{key}", row[key])
    money("three_public.total", row["three_public_total"])
    for item in filter(None, row["three_public_parts"].split(";")):
        name, _, value = item.partition("=")
        part = _part_key(name.strip())
        if part:
            money(f"three_public.{part}", value)
    for item in filter(None, row["functional_classes"].split(";")):
        name, _, value = item.partition("=")
        money(f"functional.{name.strip()}", value)
    for column, key in _BUDGET.items():
        money(f"budget.{key}", row[column])
    for column, key in (("exec_rate", "budget.execution_rate"), ("self_score", "self_score")):
        value = _number(row[column])
        if value is not None:
            want[key] = value
    if row["grade"].strip():
        want["grade"] = row["grade"].strip()
    return want


def got(data: dict[str, Any]) -> dict[str, Decimal | str]:
    out: dict[str, Decimal | str] = {}
    for group in ("spending", "three_public", "budget"):
        for key, value in data[group].items():
            number = _number(value) if isinstance(value, str) else None
            if number is not None and not key.startswith("functional"):
                out[f"{group}.{key}"] = number
    for item in data["spending"]["functional"]:
        for name in {item["name"], item["stated_name"]} - {None}:
            out[f"functional.{name}"] = Decimal(item["amount"])
    if data["self_score"] is not None:
        out["self_score"] = Decimal(data["self_score"])
    if data["grade"]:
        out["grade"] = data["grade"]
    return out


@dataclass
class Score:
    right: int = 0
    wrong: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    missed_mismatch: list[str] = field(default_factory=list)
    false_alarm: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        stated = self.right + len(self.wrong) + len(self.missing)
        return self.right / stated if stated else 1.0

    @property
    def precision(self) -> float:
        claimed = self.right + len(self.wrong) + len(self.extra)
        return self.right / claimed if claimed else 1.0


def score_folder(cases: Path, expected: Path, checks: Path) -> Score:
    rows = list(csv.DictReader(expected.open(encoding="utf-8"), delimiter="\t"))
    verdicts = {
        r["id"]: r["result"]
        for r in csv.DictReader(checks.open(encoding="utf-8"), delimiter="\t")
        if r["check"] == "SUMMARY"
    }
    score = Score()
    for row in rows:
        text = (cases / f"{row['id']}.txt").read_text(encoding="utf-8")
        evaluation = text_evaluate(text=text, source=row["id"])
        want, have = wanted(row), got(extract_json(evaluation.report))
        for key, value in want.items():
            if key not in have:
                score.missing.append(f"{row['id']} {key}={value}")
            elif have[key] == value:
                score.right += 1
            else:
                score.wrong.append(f"{row['id']} {key}: {have[key]} ≠ {value}")
        wanted_functional = {v for k, v in want.items() if k.startswith("functional.")}
        for key in have.keys() - want.keys():
            if key.startswith("functional.") and have[key] in wanted_functional:
                continue  # the same class under its other name
            score.extra.append(f"{row['id']} {key}={have[key]}")
        findings = audit_json(evaluation.audit)["findings"]
        flagged = any(
            f["severity"] == "error" and f["code"] not in _NOT_ARITHMETIC for f in findings
        )
        inconsistent = verdicts.get(row["id"], "").startswith("INCONSISTENT")
        if inconsistent and not flagged:
            score.missed_mismatch.append(row["id"])
        if flagged and not inconsistent:
            score.false_alarm.append(row["id"])
    return score
