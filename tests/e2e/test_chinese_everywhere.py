"""No English word and no rule code reaches a user: every page and every download, every role.

The demo's people are discovered, not listed: the administrator's user list is filtered by
each role it offers, and every account of each is walked (with the public, signed out); a page
of a shape another person of the same role already saw is read for its links only, so each
page is checked once per role, and a unit whose draft offers an editing page gets it checked.
Each walk follows every link from the menus onwards (``tests.e2e.walk``) and reads what a
person reads: the page's text and titles, the download's name and its content (CSV cells,
workbook and Word text, PDF text, Markdown, the JSON open data's values). A Latin word
outside the allow-list of ``tests.chinese.ALLOWED`` fails the test, naming the person, the
page, the page that linked to it and the word. A link that answers with an error fails it too.

Left out, on purpose: the content of a file a person uploaded (``…/files/N/``: their own
words), and in JSON the values of identifier keys (``IDENTIFIER_KEYS``), which are the
documented machine codes of docs/contract.md, as the keys themselves are.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from dataclasses import dataclass

import pytest

from tests.chinese import english_words
from tests.e2e.conftest import PASSWORD
from tests.e2e.walk import (
    Page,
    Walker,
    download_name,
    file_texts,
)

pytestmark = pytest.mark.e2e

ADMIN = "admin"
# Django's admin writes its search icon's alt text as a literal "Search" in a template that
# offers no translation; the one English word left in the admin, known and accepted.
ADMIN_KNOWN = frozenset({"Search"})
OWN_FILE = re.compile(r"/files/\d+/?$")
# JSON open data: the values under these keys are identifiers for programs (docs/contract.md).
IDENTIFIER_KEYS = frozenset(
    {"kind", "functional_basis", "outline", "path", "aspect", "code", "state", "severity",
}
)  # fmt: skip


@dataclass(frozen=True)
class Person:
    role: str
    username: str  # "" for the public


@dataclass(frozen=True)
class People:
    people: list[Person]
    # user names are data a person chose, not language: the admin and the bureau's lists of
    # experts and agencies show them so that accounts can be told apart
    usernames: frozenset[str]


def demo_people(server: str) -> list[Person]:
    return demo(server).people


def demo(server: str) -> People:
    """The first account of each role the administrator's user list can filter by."""
    admin = Walker(server)
    admin.login(ADMIN, PASSWORD)
    listing = admin.get("/admin/accounts/user/")
    roles = sorted(set(re.findall(r'href="\?role__exact=([a-z_]+)"', listing.body.decode())))
    assert len(roles) >= 4, "the admin's user list offers no role filter"
    people = [Person("公众", "")]
    usernames: set[str] = set()
    for role in roles:
        found = admin.get(f"/admin/accounts/user/?role__exact={role}&is_active__exact=1&o=1")
        names = re.findall(
            r'class="field-username"><a href="[^"]+">([^<]+)</a>', found.body.decode()
        )
        people.extend(Person(role, name) for name in names)
        usernames.update(names)
    return People(people, frozenset(usernames))


def _json_values(value: object, key: str = "") -> list[str]:
    if isinstance(value, str):
        return [] if key in IDENTIFIER_KEYS else [value]
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in _json_values(v, k)]
    if isinstance(value, list):
        return [t for v in value for t in _json_values(v, key)]
    return []


def read_by_a_person(page: Page) -> list[str]:
    """What of the response a person reads."""
    if page.is_html:
        return page.texts
    name = download_name(page.disposition)
    path = urllib.parse.urlsplit(page.url).path
    if OWN_FILE.search(path):
        return []  # their own upload: its name is theirs too
    if page.content_type.startswith("application/json"):
        return [name, *_json_values(json.loads(page.body))]
    return [name, *file_texts(page)]


def problems_of(
    person: Person, server: str, usernames: frozenset[str], known: dict[str, bool]
) -> list[str]:
    walker = Walker(server)
    if person.username:
        walker.login(person.username, PASSWORD)
    problems: list[str] = []
    who = person.username or "公众"
    for page in walker.walk(known=known):
        if not page.new:
            continue
        where = urllib.parse.urlsplit(page.url)
        label = where.path + (f"?{where.query}" if where.query else "")
        label += f"（由 {page.came_from} 链接）" if page.came_from else ""
        if page.status >= 400:
            problems.append(f"{who}：{label} 答复 {page.status}")
        admin = where.path.startswith("/admin/")
        words = english_words(
            "\n".join(read_by_a_person(page)), usernames | (ADMIN_KNOWN if admin else set())
        )
        if words:
            problems.append(f"{who}：{label} 有英文 {words[:12]}")
    return problems


def test_no_english_on_any_page_or_download_for_anyone(server: str) -> None:
    found = demo(server)
    assert {p.role for p in found.people} >= {"admin", "reviewer", "preparer", "head"}
    known: dict[str, dict[str, bool]] = {}  # per role: the shapes already checked
    problems = [
        problem
        for person in found.people
        for problem in problems_of(
            person, server, found.usernames, known.setdefault(person.role, {})
        )
    ]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("user", ["", "czj_shi"])
def test_a_missing_page_is_the_chinese_404(server: str, user: str) -> None:
    walker = Walker(server)
    if user:
        walker.login(user, PASSWORD)
    paths = ["/no-such-page/", "/public/reports/999999/"]
    if user:  # signed out, a report's address asks to sign in first
        paths.append("/submissions/999999/")
    for path in paths:
        page = walker.get(path)
        assert page.status == 404, path
        text = "\n".join(page.texts)
        assert "页面不存在" in text, (path, text[:300])
        assert english_words(text) == [], (path, english_words(text))
