"""Outline templates: the wording of every section, in files a finance bureau edits.

A template is one TOML file in ``jixiao/data/templates`` (the format is described at the top
of each file). Its text uses a small language with no code in it:

- ``{支出合计}`` is a placeholder, replaced by the report's figure as printed ("5252.64万元");
- ``[ … ]`` is an optional part, left out when a placeholder directly inside it has no value;
  optional parts may nest;
- a paragraph whose placeholders outside any ``[ … ]`` have no value is left out entirely;
- ``\\{ \\} \\[ \\] \\\\`` stand for the characters themselves.

Lines of a section body may also be ``## 小标题`` (a level-2 heading, numbered （一）（二）…),
``@列表 问题`` (a numbered list), ``@表格 自评表 标题`` or ``@图表 功能分类 标题``. Every file is
checked when it is loaded: an unknown placeholder, list, table or chart, an unbalanced bracket,
or a section that is not in the outline is refused with a message that names the place.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from jixiao.domain.errors import JixiaoError
from jixiao.domain.outlines import outline_by_name
from jixiao.domain.report import Report, ReportKind
from jixiao.render.values import PLACEHOLDERS

_DATA_PACKAGE = "jixiao.data"
_DATA_DIR = "templates"

DIRECTIVES: Mapping[str, frozenset[str]] = {
    "列表": frozenset({"职责", "绩效成效", "问题", "建议", "结论"}),
    "表格": frozenset({"自评表"}),
    "图表": frozenset({"功能分类", "基本支出与项目支出", "三公经费"}),
}
_TIDY_BEFORE_STOP = re.compile(r"[，、；：]+(?=[。；！？])")
_TIDY_REPEATED = re.compile(r"([，、；])[，、；]+")
_TIDY_LEADING = re.compile(r"^[，、；。：]+")
_TIDY_TRAILING = re.compile(r"[，、；]+$")
_EMPTY = "（本部分无相关数据，请据实补充。）"


class TemplateError(JixiaoError):
    """A template file that cannot be used, or a template name that does not exist."""


# ------------------------------------------------------------------------------ text language


@dataclass(frozen=True, slots=True)
class Placeholder:
    name: str


@dataclass(frozen=True, slots=True)
class OptionalPart:
    parts: tuple[Part, ...]


Part = str | Placeholder | OptionalPart


@dataclass(frozen=True, slots=True)
class Text:
    """A parsed line of template text."""

    parts: tuple[Part, ...]
    source: str

    def placeholders(self) -> Iterable[str]:
        yield from _names(self.parts)

    def fill(self, values: Mapping[str, str | None]) -> str | None:
        """The text with its placeholders filled, or None when it must be left out."""
        used = list(self.placeholders())
        if used and all(values.get(name) is None for name in used):
            return None
        filled = _fill(self.parts, values)
        return None if filled is None else tidy(filled)


def tidy(text: str) -> str:
    """Punctuation left dangling by an omitted part: "年初预算数120万元，。" → "…120万元。"."""
    text = _TIDY_REPEATED.sub(r"\1", text)
    text = _TIDY_BEFORE_STOP.sub("", text)
    text = _TIDY_TRAILING.sub("。", text)
    return _TIDY_LEADING.sub("", text).strip()


def parse_text(source: str, known: frozenset[str], where: str) -> Text:
    """Parse template text; ``known`` are the placeholder names that exist."""
    stack: list[list[Part]] = [[]]
    literal: list[str] = []
    index = 0

    def flush() -> None:
        if literal:
            stack[-1].append("".join(literal))
            literal.clear()

    while index < len(source):
        char = source[index]
        if char == "\\" and index + 1 < len(source) and source[index + 1] in "{}[]\\":
            literal.append(source[index + 1])
            index += 2
            continue
        if char == "{":
            end = source.find("}", index)
            name = source[index + 1 : end] if end > 0 else ""
            if end < 0 or not name or any(c in name for c in "{[]"):
                raise TemplateError(f"{where}：“{{”没有配对的“}}”（要写大括号本身请写 \\{{）")
            if name not in known:
                raise TemplateError(
                    f"{where}：不认识的占位符“{{{name}}}”（可用的占位符见文件开头）"
                )
            flush()
            stack[-1].append(Placeholder(name))
            index = end + 1
            continue
        if char == "[":
            flush()
            stack.append([])
        elif char == "]":
            flush()
            if len(stack) == 1:
                raise TemplateError(f"{where}：“]”没有配对的“[”")
            inner = stack.pop()
            stack[-1].append(OptionalPart(tuple(inner)))
        elif char == "}":
            raise TemplateError(f"{where}：“}}”没有配对的“{{”")
        else:
            literal.append(char)
        index += 1
    flush()
    if len(stack) != 1:
        raise TemplateError(f"{where}：“[”没有配对的“]”")
    return Text(tuple(stack[0]), source)


def _names(parts: tuple[Part, ...]) -> Iterable[str]:
    for part in parts:
        if isinstance(part, Placeholder):
            yield part.name
        elif isinstance(part, OptionalPart):
            yield from _names(part.parts)


def _fill(parts: tuple[Part, ...], values: Mapping[str, str | None]) -> str | None:
    """The filled parts; None when a placeholder at this level has no value."""
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, Placeholder):
            value = values.get(part.name)
            if value is None:
                return None
            out.append(value)
        else:
            out.append(_fill(part.parts, values) or "")
    return "".join(out)


# ---------------------------------------------------------------------------------- templates


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: Text


@dataclass(frozen=True, slots=True)
class SubHeading:
    text: Text


@dataclass(frozen=True, slots=True)
class Directive:
    kind: str  # 列表, 表格, 图表
    name: str
    caption: Text | None


Line = Paragraph | SubHeading | Directive


@dataclass(frozen=True, slots=True)
class TemplateSection:
    title: str
    lines: tuple[Line, ...]
    empty: str


@dataclass(frozen=True, slots=True)
class Template:
    name: str
    description: str
    outline: str | None
    kinds: tuple[ReportKind, ...]
    default_for: tuple[ReportKind, ...]
    document_title: Text
    opening: tuple[Text, ...]
    sections: tuple[TemplateSection, ...]
    signature: tuple[Text, ...]


@functools.cache
def load_templates() -> tuple[Template, ...]:
    """Every template in the data folder, sorted by name (cached; checked when loaded)."""
    known = frozenset(PLACEHOLDERS)
    folder = resources.files(_DATA_PACKAGE) / _DATA_DIR
    templates = []
    for entry in folder.iterdir():
        if not entry.name.endswith(".toml"):
            continue
        try:
            data = tomllib.loads(entry.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise TemplateError(f"模板文件 {entry.name} 不是有效的 TOML：{exc}") from exc
        templates.append(_template(entry.name, data, known))
    names = [t.name for t in templates]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise TemplateError(f"有两个模板文件都叫“{duplicates[0]}”")
    return tuple(sorted(templates, key=lambda t: t.name))


def template_names() -> tuple[str, ...]:
    return tuple(t.name for t in load_templates())


def template_by_name(name: str) -> Template:
    for template in load_templates():
        if template.name == name:
            return template
    raise TemplateError(f"没有名为“{name}”的提纲模板；可用的有：{'、'.join(template_names())}")


def template_for(report: Report, name: str | None = None) -> Template:
    """The template asked for; else the report's own outline's; else the default for its kind."""
    if name:
        return template_by_name(name)
    templates = load_templates()
    if report.outline:
        for template in templates:
            if report.outline in (template.name, template.outline):
                return template
    for kind in (report.kind, ReportKind.UNKNOWN):
        for template in templates:
            if kind in template.default_for:
                return template
    raise TemplateError("没有可用的提纲模板：请检查 jixiao/data/templates 目录")


def _template(filename: str, data: dict[str, Any], known: frozenset[str]) -> Template:
    try:
        name = str(data["name"])
        outline = data.get("outline")
        empty = str(data.get("empty", _EMPTY))
        sections = tuple(
            _section(filename, index, item, known, empty)
            for index, item in enumerate(data["sections"], start=1)
        )
        template = Template(
            name=name,
            description=str(data.get("description", name)),
            outline=None if outline is None else str(outline),
            kinds=tuple(ReportKind(k) for k in data.get("kinds", ())),
            default_for=tuple(ReportKind(k) for k in data.get("default_for", ())),
            document_title=parse_text(str(data["document_title"]), known, f"{filename} 标题"),
            opening=tuple(
                parse_text(str(line), known, f"{filename} 开头第{n}段")
                for n, line in enumerate(data.get("opening", ()), start=1)
            ),
            sections=sections,
            signature=tuple(
                parse_text(str(line), known, f"{filename} 落款第{n}行")
                for n, line in enumerate(data.get("signature", ()), start=1)
            ),
        )
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, TemplateError):
            raise
        raise TemplateError(f"模板文件 {filename} 缺少或写错了一项：{exc}") from exc
    _check_outline(filename, template)
    return template


def _section(
    filename: str, index: int, item: dict[str, Any], known: frozenset[str], empty: str
) -> TemplateSection:
    title = str(item["title"])
    where = f"{filename} 第{index}部分“{title}”"
    lines = tuple(
        _line(str(raw), known, f"{where}第{n}行") for n, raw in enumerate(item["body"], start=1)
    )
    return TemplateSection(title=title, lines=lines, empty=str(item.get("empty", empty)))


def _line(raw: str, known: frozenset[str], where: str) -> Line:
    stripped = raw.strip()
    if stripped.startswith("##"):
        return SubHeading(parse_text(stripped[2:].strip(), known, where))
    if stripped.startswith("@"):
        kind, _, rest = stripped[1:].partition(" ")
        name, _, caption = rest.strip().partition(" ")
        if kind not in DIRECTIVES:
            raise TemplateError(f"{where}：“@{kind}”不是可用的指令（可用：@列表 @表格 @图表）")
        if name not in DIRECTIVES[kind]:
            choices = "、".join(sorted(DIRECTIVES[kind]))
            raise TemplateError(f"{where}：没有名为“{name}”的{kind}（可用：{choices}）")
        text = parse_text(caption.strip(), known, where) if caption.strip() else None
        return Directive(kind, name, text)
    return Paragraph(parse_text(stripped, known, where))


def _check_outline(filename: str, template: Template) -> None:
    """A template that names an outline writes that outline's sections, in its order."""
    if template.outline is None:
        return
    outline = outline_by_name(template.outline)
    if outline is None:
        raise TemplateError(f"模板文件 {filename}：没有名为“{template.outline}”的提纲")
    titles = [s.title for s in outline.sections]
    written = [s.title for s in template.sections]
    for title in written:
        if title not in titles:
            raise TemplateError(
                f"模板文件 {filename}：“{title}”不是提纲《{outline.title}》中的部分"
                f"（提纲各部分：{'、'.join(titles)}）"
            )
    if written != sorted(written, key=titles.index):
        raise TemplateError(f"模板文件 {filename}：各部分的顺序应与提纲《{outline.title}》一致")
    for section in outline.required_sections:
        if section.title not in written:
            raise TemplateError(
                f"模板文件 {filename}：缺少提纲《{outline.title}》要求的部分“{section.title}”"
            )
