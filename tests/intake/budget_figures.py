"""The project money a parsed report states, as text, for the intake tests to compare."""

from __future__ import annotations

from jixiao.domain.report import Report


def budget_figures(report: Report) -> dict[str, str]:
    """initial / adjusted / executed (万元) and execution_rate (%) where stated."""
    out = {}
    for name in ("initial", "adjusted", "executed", "execution_rate"):
        stated = getattr(report.budget, name)
        if stated is not None:
            value = stated.value
            out[name] = str(value.percent if name == "execution_rate" else value.wan)
    return out
