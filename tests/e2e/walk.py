"""Walking the running site as one person: every page reachable from the menus, every download.

``Walker`` signs in over plain HTTP (the log-in form, its CSRF token and the session cookie),
then follows every same-site link of every HTML page breadth-first. Pages are discovered, not
listed: a page another change adds is walked as soon as a menu or a page links to it. One page
of each *shape* is opened (the path with its numbers replaced, and the names of its query
parameters), so that 14 units' reports cost one visit, not 14.

What a person reads there is checked with ``tests.chinese.english_words``.
"""

from __future__ import annotations

import http.cookiejar
import io
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

# What a reader sees: text, the tab's title, and the attributes a browser shows or reads out.
_SHOWN_ATTRS = ("title", "placeholder", "alt", "aria-label")
_HIDDEN_TAGS = {"script", "style", "template", "noscript"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


# In Django's admin a person reads labels (titles, headings, column heads, field labels, filter
# titles, buttons, help); the rows below them are the stored data itself (user names, JSON,
# checksums), shown as stored. Only the labels are read there.
_ADMIN_LABEL_TAGS = {"title", "h1", "h2", "h3", "label", "caption", "button", "legend"}
_ADMIN_LABEL_CLASSES = {"breadcrumbs", "help", "helptext", "addlink", "viewsitelink"}


class _Page(HTMLParser):
    def __init__(self, *, labels_only: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.links: list[str] = []
        self._hidden = 0
        self._labels_only = labels_only
        self._stack: list[bool] = []  # per open element: is it (within) a label
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in _HIDDEN_TAGS and tag not in _VOID:
            self._hidden += 1
        if tag not in _VOID:
            classes = set(values.get("class", "").split())
            inside = bool(self._stack and self._stack[-1])
            head = tag == "th" and "thead" in self._open
            self._stack.append(
                inside or head or tag in _ADMIN_LABEL_TAGS or bool(classes & _ADMIN_LABEL_CLASSES)
            )
            self._open.append(tag)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if "hidden" in values or values.get("type") == "hidden":
            return
        if self._labels_only and not self._label_here(tag, values):
            return
        for name in _SHOWN_ATTRS:
            if values.get(name):
                self.texts.append(values[name])
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.texts.append(values["value"])

    def _label_here(self, tag: str, values: dict[str, str]) -> bool:
        if tag in ("input", "button") and values.get("type") in ("submit", "button"):
            return True
        return bool(self._stack and self._stack[-1])

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS and self._hidden:
            self._hidden -= 1
        if tag in self._open:  # close up to the matching element (HTML leaves some open)
            while self._open:
                self._stack.pop()
                if self._open.pop() == tag:
                    break

    def handle_data(self, data: str) -> None:
        if self._hidden or not data.strip():
            return
        if self._labels_only and not (self._stack and self._stack[-1]):
            return
        self.texts.append(data.strip())


@dataclass
class Page:
    url: str
    status: int
    content_type: str
    disposition: str
    body: bytes
    texts: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    came_from: str = ""  # the page whose link led here
    new: bool = True  # not seen before by the walks sharing ``known``

    @property
    def is_html(self) -> bool:
        return self.content_type.startswith("text/html")


def shape(url: str) -> str:
    """``/submissions/12/versions/3/?page=2`` → ``/submissions/N/versions/N/?page``."""
    parts = urllib.parse.urlsplit(url)
    path = re.sub(r"/(\d+|[0-9a-f-]{32,36})(?=/|$)", "/N", parts.path)
    keys = sorted({k for k, _ in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)})
    if path.startswith("/admin/"):
        keys = []  # the admin's filters and orderings show the same page, filtered
    return path + ("?" + "&".join(keys) if keys else "")


# Pages that wait for a file being written (they reload themselves until it is there).
WAITING = re.compile(r"/download/[a-z]+/(\?|$)")

# Links never followed: they sign out, or lead off to the API's machine-readable schema.
SKIP = re.compile(r"logout|/api/openapi\.json|/static/|^mailto:|^javascript:|^tel:")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


class Walker:
    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, url: str, *, data: dict[str, str] | None = None) -> Page:
        full = url if url.startswith("http") else self.base + url
        body = None if data is None else urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(full, data=body)
        if data is not None:
            request.add_header("Referer", full)
        try:
            with self.opener.open(request, timeout=120) as response:
                page = Page(
                    response.geturl(),
                    response.status,
                    response.headers.get("Content-Type", ""),
                    response.headers.get("Content-Disposition", ""),
                    response.read(),
                )
        except urllib.error.HTTPError as error:
            page = Page(
                full,
                error.code,
                error.headers.get("Content-Type", ""),
                error.headers.get("Content-Disposition", ""),
                error.read(),
            )
        if page.is_html:
            admin = urllib.parse.urlsplit(page.url).path.startswith("/admin/")
            parser = _Page(labels_only=admin)
            parser.feed(page.body.decode("utf-8", errors="replace"))
            page.texts, page.links = parser.texts, parser.links
        return page

    def login(self, username: str, password: str) -> None:
        form = self.get("/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', form.body)
        assert token is not None, "the log-in page has no CSRF token"
        after = self.get(
            "/accounts/login/",
            data={
                "csrfmiddlewaretoken": token.group(1).decode(),
                "username": username,
                "password": password,
            },
        )
        assert "/accounts/login/" not in after.url, f"{username} could not sign in"

    def walk(
        self, start: str = "/", limit: int = 400, known: dict[str, bool] | None = None
    ) -> Iterator[Page]:
        """Every page of a new shape reachable from ``start``, breadth-first.

        ``known`` (shape → whether it was a page) is shared between the walks of several
        people of one role: a page another already saw is still read for its links, but
        marked ``new=False``; a download another already took is not asked for again."""
        known = {} if known is None else known
        seen: set[str] = set()
        queue: deque[tuple[str, str]] = deque([(start, "")])
        while queue and len(seen) < limit:
            url, came_from = queue.popleft()
            key = shape(url)
            if key in seen or known.get(key) is False:
                continue
            seen.add(key)
            page = self.get(url)
            if page.status == 202 or _is_waiting(page):
                page = self._wait_for_file(url)
            page.came_from = came_from
            page.new = key not in known
            known[key] = page.is_html
            yield page
            if not page.is_html or page.status >= 400:
                continue
            for href in page.links:
                target = self._same_site(page.url, href)
                if target is not None and shape(target) not in seen:
                    queue.append((target, url))

    def _same_site(self, here: str, href: str) -> str | None:
        if SKIP.search(href):
            return None
        absolute = urllib.parse.urljoin(here, href.split("#", 1)[0])
        if not absolute.startswith(self.base + "/"):
            return None
        return absolute[len(self.base) :]

    def _wait_for_file(self, url: str, timeout: float = 180.0) -> Page:
        """A rendered download is written in the background: ask again until it is there."""
        again = url + ("&" if "?" in url else "?") + "wait=1"
        deadline = time.monotonic() + timeout
        while True:
            page = self.get(again)
            if not _is_waiting(page) or time.monotonic() > deadline:
                return page
            time.sleep(1.0)


def _is_waiting(page: Page) -> bool:
    """The page that waits for a file being written refreshes itself (``http-equiv``)."""
    return page.is_html and b'http-equiv="refresh"' in page.body


def download_name(disposition: str) -> str:
    """The name a browser saves the file under (``filename*`` first, as browsers do)."""
    starred = re.search(r"filename\*=UTF-8''([^;]+)", disposition, flags=re.IGNORECASE)
    if starred:
        return urllib.parse.unquote(starred.group(1).strip())
    plain = re.search(r'filename="([^"]*)"', disposition)
    return plain.group(1) if plain else ""


def file_texts(page: Page) -> list[str]:
    """What a person reads in a downloaded file: cells, paragraphs, values (not JSON keys)."""
    kind = page.content_type.split(";")[0].strip()
    name = download_name(page.disposition).lower()
    if kind == "text/csv" or name.endswith(".csv"):
        return [page.body.decode("utf-8-sig")]
    if kind == "application/json":
        return list(_json_strings(json.loads(page.body)))
    if name.endswith(".md") or kind.startswith("text/markdown") or kind == "text/plain":
        return [page.body.decode("utf-8", errors="replace")]
    if name.endswith((".xlsx", ".docx")) or "openxmlformats" in kind:
        return _office_texts(page.body)
    if name.endswith(".pdf") or kind == "application/pdf":
        from pdfminer.high_level import extract_text

        return [extract_text(io.BytesIO(page.body))]
    return []


def _json_strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def _office_texts(body: bytes) -> list[str]:
    """The text of every part of a .docx/.xlsx (the XML between tags), sheet names included."""
    texts: list[str] = []
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        for name in archive.namelist():
            if not name.endswith(".xml") or "/_rels/" in name or name.startswith("docProps/"):
                continue
            xml = archive.read(name).decode("utf-8", errors="replace")
            if name == "xl/workbook.xml":
                texts.extend(re.findall(r'<sheet[^>]* name="([^"]*)"', xml))
                continue
            if (
                name.startswith(("word/document", "word/header", "word/footer"))
                or name in ("xl/sharedStrings.xml",)
                or name.startswith("xl/worksheets/")
            ):
                texts.extend(re.findall(r"<(?:w:t|t)(?: [^>]*)?>([^<]*)</(?:w:t|t)>", xml))
    return texts
