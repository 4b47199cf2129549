"""Audit findings: values with a code, a severity, a Chinese message and evidence."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from jixiao.domain.evidence import Evidence


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    message: str
    stated: Decimal | None = None
    computed: Decimal | None = None
    difference: Decimal | None = None  # stated - computed
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class AuditReport:
    source: str
    findings: tuple[Finding, ...]

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)
