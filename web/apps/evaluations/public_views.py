"""The published results of the bureau's key-project evaluations, for everybody."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from apps.evaluations.selectors import published_result, published_results


def public_list_view(request: HttpRequest) -> HttpResponse:
    year = request.GET.get("year", "")
    rows = published_results(year=int(year) if year.isdigit() else None)
    years = sorted({p.plan.year for p in published_results()}, reverse=True)
    return render(
        request, "evaluations/public_list.html", {"results": rows, "years": years, "year": year}
    )


def public_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    project = published_result(pk=pk)
    result = project.result or {}
    context = {"p": project, "lines": result.get("lines", []), "use": result.get("use", {})}
    return render(request, "evaluations/public_detail.html", context)
