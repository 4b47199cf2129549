"""Page-numbered lists: ``?page=2&page_size=50`` → {"items", "count", "page", "page_size",
"pages"}. The bounds keep a request from asking the database for an absurd offset."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.db.models import QuerySet
from ninja import Field, Schema

from apps.api.errors import ApiError

MAX_PAGE = 100_000
MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50

T = TypeVar("T")


class PageParams(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="页码，从 1 开始")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description=f"每页条数，最多 {MAX_PAGE_SIZE}"
    )


class PageMeta(Schema):
    count: int = Field(description="总条数")
    page: int
    page_size: int
    pages: int = Field(description="总页数")


def paginate(
    rows: QuerySet[Any] | Sequence[Any], params: PageParams, convert: Callable[[Any], T]
) -> dict[str, Any]:
    count = rows.count() if isinstance(rows, QuerySet) else len(rows)
    pages = max(1, -(-count // params.page_size))
    if params.page > pages and count:
        raise ApiError(404, "page_not_found", f"没有第{params.page}页：共{pages}页")
    start = (params.page - 1) * params.page_size
    items = [convert(row) for row in rows[start : start + params.page_size]]
    return {
        "items": items,
        "count": count,
        "page": params.page,
        "page_size": params.page_size,
        "pages": pages,
    }
