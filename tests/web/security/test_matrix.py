"""Who may do what, for every page and every API operation × every role.

The routes come from the URL resolver and the operations from the OpenAPI document; each
must have a rule in rules.py (rules_apps.py for targets, monitoring and rectification),
so a new page or endpoint without one fails here. For every
rule the matrix asks each role (preparer and head of unit A, reviewer of region X,
administrator, the public) about an object of their own unit or region and one of unit B /
region Y, and checks the answer against the rule: granted means the page answers 200 (or
the write took effect), refused means 302 to the log-in page, 401, 403 or 404 with nothing
changed and nothing of the other unit shown. Each case runs in a savepoint rolled back after.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.web.api.conftest import JsonClient
from tests.web.api.test_openapi import operations
from tests.web.security.conftest import ROLES, SCOPES, Scene
from tests.web.security.leaks import leaked
from tests.web.security.rules import (
    API_RULES,
    NAMESPACE_RULES,
    PAGE_RULES,
    PENDING,
    Rule,
    granted,
)

REFUSED = (302, 401, 403, 404, 405)


@dataclass(frozen=True)
class Route:
    name: str  # namespace:name
    pattern: URLPattern

    @property
    def namespace(self) -> str:
        return self.name.split(":", 1)[0] if ":" in self.name else ""


def routes() -> list[Route]:
    found: list[Route] = []

    def walk(resolver: URLResolver, namespace: str) -> None:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                walk(entry, namespace + (f"{entry.namespace}:" if entry.namespace else ""))
            elif entry.name:
                found.append(Route(namespace + entry.name, entry))
            else:
                found.append(Route(namespace + "<unnamed>", entry))

    walk(get_resolver(), "")
    return found


def _api_operation_names() -> set[str]:
    return {
        f"api:{op['operationId'].rsplit('_apps_api_routers_', 1)[-1]}" for *_, op in operations()
    }


def _is_api_operation(route: Route) -> bool:
    return route.namespace == "api" and route.name not in PAGE_RULES


def test_every_page_has_a_rule() -> None:
    missing = sorted(
        {
            r.name
            for r in routes()
            if r.name not in PAGE_RULES
            and r.name not in PENDING
            and r.namespace not in NAMESPACE_RULES
            and not _is_api_operation(r)
        }
    )
    assert not missing, (
        "这些页面没有权限规则（请在 tests/web/security/rules.py 中补上；"
        "目标、监控、整改的页面在 rules_apps.py）：" + ", ".join(missing)
    )


def test_pending_rules_are_still_pages() -> None:
    """A page that got its rule (or went away) leaves the pending list."""
    names = {r.name for r in routes()}
    assert not PENDING & set(PAGE_RULES)
    assert names >= PENDING, sorted(PENDING - names)


def test_every_api_operation_has_a_rule() -> None:
    declared = {(method, path) for method, path, _ in operations()}
    missing = sorted(declared - set(API_RULES))
    assert not missing, f"这些接口没有权限规则：{missing}"
    assert not set(API_RULES) - declared, "规则中有已不存在的接口"


@dataclass
class Outcome:
    where: str
    role: str
    scope: str
    expected: bool
    got: bool
    status: int
    note: str = ""

    def __str__(self) -> str:
        want = "允许" if self.expected else "拒绝"
        return f"{self.where} [{self.scope}] {self.role}: 应{want}，实际 {self.status} {self.note}"


def _client(scene: Scene, role: str, api: bool) -> Any:
    """A fresh client signed in as ``role`` (made outside the case's savepoint, so that its
    session survives the rollback; fresh, so that a log-out in one case ends no other)."""
    if api:
        return JsonClient(scene.user(role))
    client = Client()
    user = scene.user(role)
    if user is not None:
        client.force_login(user)
    return client


def _to_login(response: Any) -> bool:
    return response.status_code == 302 and "/login/" in response.get("Location", "")


def _send(client: Any, rule: Rule, url: str, body: Any, api: bool) -> Any:
    if api:
        if rule.method == "GET":
            return client.get(url, **rule.headers)
        if body and any(hasattr(v, "read") for v in body.values()):
            return client.client.post(url, body, headers=rule.headers)
        return client.send(rule.method, url, body, **rule.headers)
    if rule.method == "GET":
        return client.get(url)
    return client.post(url, body or {})


def _run(scene: Scene, rule: Rule, url_of: Any, where: str, api: bool) -> Iterator[Outcome]:
    for variant in rule.variants:
        who = rule.who_for(variant)
        for scope in SCOPES:
            for role in ROLES:
                client = _client(scene, role, api)
                with transaction.atomic():
                    if rule.prepare:
                        rule.prepare(scene, scope, variant)
                    url = url_of(scope, variant)
                    before = rule.effect(scene, scope) if rule.effect else None
                    body = rule.body(scene, scope, variant) if rule.body else None
                    response = _send(client, rule, url, body, api)
                    changed = rule.effect is not None and rule.effect(scene, scope) != before
                    transaction.set_rollback(True)
                yield _judge(
                    scene,
                    rule,
                    response=response,
                    changed=changed,
                    who=who,
                    role=role,
                    scope=scope,
                    where=f"{where} {variant}",
                )


def _judge(
    scene: Scene,
    rule: Rule,
    *,
    response: Any,
    changed: bool,
    who: str,
    role: str,
    scope: str,
    where: str,
) -> Outcome:
    status = response.status_code
    assert status < 500, (where, role, scope, status)
    if rule.effect is not None:
        got = changed
    elif rule.method == "GET":
        got = status in (200, 202)  # 202: a generated file is being written for this person
    else:
        got = status in (200, 201, 202) or (status == 302 and not _to_login(response))
    outcome = Outcome(where, role, scope, granted(who, role, scope), got, status)
    if not got and status not in REFUSED and rule.effect is None:
        outcome.note = "（拒绝方式不对）"
        outcome.got = True  # report as a mismatch: a refusal must be a refusal
    if not got and role == "anonymous" and rule.method == "GET" and status == 302:
        outcome.note = "" if _to_login(response) or response["Location"] == "/public/" else "?"
    unseen = not granted("sees", role, scope)
    shown = status != 302 and not response.streaming
    if not got and unseen and shown and scene.world.b.name.encode() in response.content:
        outcome.note = "（拒绝时泄露了乙县单位的名称）"
        outcome.got = True
    return outcome


def _fill_admin(route: Route) -> dict[str, Any]:
    names = set(route.pattern.pattern.regex.groupindex)
    values = {"object_id": "1", "app_label": "accounts", "content_type_id": "1", "url": "x"}
    return {k: values.get(k, "1") for k in names}


def test_pages_by_role(scene: Scene) -> None:
    outcomes: list[Outcome] = []
    for route in routes():
        if route.name in PAGE_RULES:
            for rule in PAGE_RULES[route.name]:

                def url_of(
                    scope: str, variant: dict[str, Any], r: Rule = rule, name: str = route.name
                ) -> str:
                    kwargs = {**(r.kwargs(scene, scope) if r.kwargs else {}), **variant}
                    return reverse(name, kwargs=kwargs or None)

                outcomes += _run(scene, rule, url_of, f"{rule.method} {route.name}", False)
        elif route.namespace in NAMESPACE_RULES and not route.name.endswith(
            ("<unnamed>", ":login", ":logout")  # the admin's door: see test_login
        ):
            url = reverse(route.name, kwargs=_fill_admin(route) or None)
            for role in ROLES:
                response = _client(scene, role, False).get(url)
                assert response.status_code < 500, (route.name, role)
                # In: not sent to the admin's log-in (a read-only model may still say 403).
                got = not _to_login(response)
                expected = granted(NAMESPACE_RULES[route.namespace], role, "own")
                outcomes.append(
                    Outcome(route.name, role, "own", expected, got, response.status_code)
                )
    _assert_matrix(outcomes)


def test_api_by_role(scene: Scene) -> None:
    outcomes: list[Outcome] = []
    for method, path, _ in operations():
        for rule in API_RULES[(method, path)]:

            def url_of(scope: str, variant: dict[str, Any], r: Rule = rule, p: str = path) -> str:
                kwargs = r.kwargs(scene, scope) if r.kwargs else {}
                return re.sub(r"\{(\w+)\}", lambda m: str(kwargs[m.group(1)]), p)

            outcomes += _run(scene, rule, url_of, f"{method} {path}", True)
    _assert_matrix(outcomes)


def _assert_matrix(outcomes: list[Outcome]) -> None:
    assert len(outcomes) > 100
    wrong = [o for o in outcomes if o.expected != o.got or o.note]
    assert not wrong, "权限与规则不符：\n" + "\n".join(str(o) for o in wrong)


def test_lists_show_only_what_the_role_may_see(scene: Scene) -> None:
    world = scene.world
    seen_units = {
        role: {u["code"] for u in JsonClient(scene.user(role)).get("/api/units").json()["items"]}
        for role in ROLES[1:]
    }
    assert seen_units == {
        "preparer A": {"A01"},
        "head A": {"A01"},
        "reviewer X": {"A01", "A02"},
        "admin": {"A01", "A02", "B01"},
        # the outside evaluators of the key projects see no unit at all
        "expert": set(),
        "agency": set(),
        "agency staff": set(),
    }
    for role in ROLES[1:]:
        client = JsonClient(scene.user(role))
        reports = client.get("/api/submissions").json()["items"]
        codes = {r["unit"]["code"] for r in reports}
        assert ("B01" in codes) == (role == "admin"), role
        if role in ("expert", "agency", "agency staff"):
            assert not codes, role
        in_campaign = client.get(f"/api/campaigns/{world.campaign.pk}/submissions").json()
        assert {r["unit"]["code"] for r in in_campaign["items"]} == codes
    overview = JsonClient(world.rev_x).get(f"/api/campaigns/{world.campaign.pk}/overview").json()
    assert overview["total"] == 2  # region X's two units, nothing of region Y
    assert scene.other.pk not in overview["ranking"] + overview["overdue"]
    public = JsonClient().get("/api/public/reports").json()
    assert [r["unit"]["code"] for r in public["items"]] == ["A02"]
    page = Client().get("/public/").content.decode()
    assert world.a2.name in page and world.b.name not in page and world.a.name not in page


def test_a_reviewer_of_x_sees_nothing_of_y_in_any_api_answer(scene: Scene) -> None:
    """Every GET the reviewer of region X may make, on every object: no trace of region Y."""
    client = JsonClient(scene.world.rev_x)
    secrets = (scene.world.b.name, scene.world.b.code, scene.world.y.name)
    for method, path, _ in operations():
        if method != "GET" or ("{" in path and "/public/" in path):
            continue
        url = re.sub(r"\{pk\}", str(scene.own.pk), path)
        url = url.replace("{document_id}", str(scene.own.document_id)).replace("{number}", "1")
        url = url.replace("{fmt}", "xlsx")
        if "/units/{" in path or "/campaigns/" in path:
            url = re.sub(
                r"/(units|campaigns)/\d+",
                lambda m: f"/{m.group(1)}/{_own_id(scene, m.group(1))}",
                url,
            )
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", errors="ignore") if not body.startswith(b"PK") else ""
        assert not leaked(secrets, text), url


def _own_id(scene: Scene, kind: str) -> int:
    return scene.world.a.pk if kind == "units" else scene.world.campaign.pk
