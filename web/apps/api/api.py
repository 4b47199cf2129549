"""The JSON API: one NinjaAPI with a router per resource, mounted at /api/.

OpenAPI 3.1 at /api/openapi.json, its documentation page at /api/docs (Swagger UI served
from the application's own static files: "ninja" is in INSTALLED_APPS).
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from apps.api import errors
from apps.api.auth import API_AUTH
from apps.api.routers import (
    basic_data,
    campaigns,
    documents,
    key_projects,
    public,
    submissions,
    units,
    workflow,
)

DESCRIPTION = """绩效评价管理系统的数据接口。

- 认证：浏览器沿用登录会话（修改请求须带 X-CSRFToken 请求头）；脚本使用接口令牌，
  请求头 `Authorization: Bearer <令牌>`（管理员用 `manage.py jixiao_token 用户名` 签发）。
- 权限与网页相同：单位用户只见本单位，财政审核人只见本区域，公众只见已公开的报告。
- 列表分页：`?page=1&page_size=50`，返回 items、count、page、page_size、pages。
- 报告的 ETag 即其修改序号；修改数据须带 `If-Match`，数据已被他人修改时返回 412。
- 所有错误的格式相同：`{"error": {"code": "…", "message": "中文说明", "details": …}}`。
"""


class ChineseJSONRenderer(JSONRenderer):
    """UTF-8 JSON as people read it (汉字, not \\u escapes), like the error bodies."""

    json_dumps_params: dict[str, Any] = {"ensure_ascii": False}  # noqa: RUF012


api = NinjaAPI(
    title="绩效评价管理系统 API",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=API_AUTH,
    renderer=ChineseJSONRenderer(),
)
errors.install(api)
for module in (units, campaigns, submissions, basic_data, documents, workflow, public):
    api.add_router("", module.router)
api.add_router("", key_projects.router)
api.add_router("", key_projects.public_router)
