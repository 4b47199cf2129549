"""The report of a key-project evaluation (财政重点绩效评价报告), written from its outline.

The outline and its wording are data (``jixiao/data/key_project_report.toml``), in the text
language of the report templates (placeholders, optional parts, ``##`` sub-headings, ``@列表``
and ``@表格`` lines). The caller gathers the evaluation's values, lists and the panel's result;
this module lays them out as the ``DocumentView`` every report uses, so the evaluation report
gets the same Word (公文格式) and PDF writers, numbering and page setup.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from typing import Any

from jixiao.domain.report import ReportKind
from jixiao.domain.scorecard import display
from jixiao.render.docx import view_docx
from jixiao.render.model import (
    Block,
    DocumentView,
    Heading,
    Section,
    TableBlock,
    Text,
    title_lines,
)
from jixiao.render.pdf import view_pdf
from jixiao.render.tables import Cell, Table
from jixiao.render.template import TemplateError, parse_text
from jixiao.render.template import Text as TemplateText
from jixiao.scoring.panel import PanelResult, Recheck

FILE = "key_project_report.toml"
_PLACEHOLDER_NAMES = """
项目名称 单位 主管部门 年度 计划名称 计划文号 预算金额 全年预算数 全年执行数 执行率 年度总体目标
评价机构 评价专家 内部评审 评价人数 计分方法 分歧界限 资料份数 资料清单项数 现场核查次数
满意度调查次数 总分 等级 分歧指标数 结果应用 下年度建议金额 反馈日期 反馈结论 落款单位 落款日期 稿别
"""
PLACEHOLDERS = frozenset(_PLACEHOLDER_NAMES.split())
LISTS = frozenset(
    [
        "经验",
        "问题",
        "建议",
        "意见反馈",
        "资料清单",
        "现场核查",
        "满意度",
        "合议",
        "复算",
        "绩效目标",
        "等级说明",
    ]
)
TABLES = frozenset(("评分汇总", "一级指标", "复算"))
_NUMERALS = "一二三四五六七八九十"
_EMPTY = "—"


@dataclass(frozen=True, slots=True)
class KeyReport:
    """Everything the report says, gathered by the caller."""

    values: Mapping[str, str | None]
    lists: Mapping[str, Sequence[str]]
    panel: PanelResult
    recheck: Recheck | None = None


@dataclass(frozen=True, slots=True)
class _Line:
    kind: str  # "text", "sub", "list", "table"
    text: TemplateText | None = None
    name: str = ""


@dataclass(frozen=True, slots=True)
class _Section:
    title: str
    lines: tuple[_Line, ...]
    empty: str


@dataclass(frozen=True, slots=True)
class Outline:
    name: str
    description: str
    document_title: TemplateText
    opening: tuple[TemplateText, ...]
    sections: tuple[_Section, ...]
    signature: tuple[TemplateText, ...]

    @property
    def titles(self) -> tuple[str, ...]:
        return tuple(s.title for s in self.sections)


@functools.cache
def load_outline() -> Outline:
    text = (resources.files("jixiao.data") / FILE).read_text(encoding="utf-8")
    return parse_outline(text)


def parse_outline(text: str) -> Outline:
    """The outline from its TOML text; TemplateError naming the place when it is wrong."""
    try:
        data: dict[str, Any] = tomllib.loads(text)
        empty = str(data.get("empty", "（本部分无相关内容。）"))
        sections = tuple(
            _section(item, index, empty) for index, item in enumerate(data["sections"], start=1)
        )
        return Outline(
            name=str(data["name"]),
            description=str(data.get("description", data["name"])),
            document_title=parse_text(str(data["document_title"]), PLACEHOLDERS, f"{FILE} 标题"),
            opening=tuple(
                parse_text(str(line), PLACEHOLDERS, f"{FILE} 开头第{n}段")
                for n, line in enumerate(data.get("opening", ()), start=1)
            ),
            sections=sections,
            signature=tuple(
                parse_text(str(line), PLACEHOLDERS, f"{FILE} 落款第{n}行")
                for n, line in enumerate(data.get("signature", ()), start=1)
            ),
        )
    except tomllib.TOMLDecodeError as error:
        raise TemplateError(f"{FILE} 不是有效的 TOML：{error}") from error
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, TemplateError):
            raise
        raise TemplateError(f"{FILE} 缺少或写错了一项：{error}") from error


def _section(item: dict[str, Any], index: int, empty: str) -> _Section:
    title = str(item["title"])
    where = f"{FILE} 第{index}部分“{title}”"
    lines = []
    for n, raw in enumerate(item["body"], start=1):
        stripped = str(raw).strip()
        at = f"{where}第{n}行"
        if stripped.startswith("##"):
            lines.append(_Line("sub", parse_text(stripped[2:].strip(), PLACEHOLDERS, at)))
        elif stripped.startswith("@"):
            kind, _, rest = stripped[1:].partition(" ")
            name, _, caption = rest.strip().partition(" ")
            known = {"列表": LISTS, "表格": TABLES}.get(kind)
            if known is None:
                raise TemplateError(f"{at}：“@{kind}”不是可用的指令（可用：@列表 @表格）")
            if name not in known:
                raise TemplateError(f"{at}：没有名为“{name}”的{kind}（可用：{'、'.join(known)}）")
            text = parse_text(caption.strip(), PLACEHOLDERS, at) if caption.strip() else None
            lines.append(_Line("list" if kind == "列表" else "table", text, name))
        else:
            lines.append(_Line("text", parse_text(stripped, PLACEHOLDERS, at)))
    return _Section(title, tuple(lines), str(item.get("empty", empty)))


def report_view(report: KeyReport, outline: Outline | None = None) -> DocumentView:
    outline = outline or load_outline()
    builder = _Builder(report)
    title = outline.document_title.fill(report.values) or outline.description
    sections = tuple(
        builder.section(index, section) for index, section in enumerate(outline.sections, start=1)
    )
    return DocumentView(
        title=title,
        title_lines=title_lines(title, None),
        opening=tuple(Text(t) for line in outline.opening if (t := line.fill(report.values))),
        sections=sections,
        signature=tuple(t for line in outline.signature if (t := line.fill(report.values))),
        template=outline.name,
        kind=ReportKind.PROJECT,
    )


def report_docx(report: KeyReport) -> bytes:
    return view_docx(report_view(report))


def report_pdf(report: KeyReport) -> bytes:
    return view_pdf(report_view(report))


class _Builder:
    def __init__(self, report: KeyReport) -> None:
        self.report = report
        self.table_number = 0

    def section(self, index: int, section: _Section) -> Section:
        groups: list[tuple[_Line | None, list[Block]]] = [(None, [])]
        for line in section.lines:
            if line.kind == "sub":
                groups.append((line, []))
            else:
                groups[-1][1].extend(self._blocks(line))
        blocks: list[Block] = []
        sub_number = 0
        for sub, content in groups:
            if not content:
                continue
            if sub is not None and sub.text is not None:
                title = sub.text.fill(self.report.values)
                if title:
                    sub_number += 1
                    blocks.append(Heading(2, f"（{_numeral(sub_number)}）", title))
            blocks.extend(content)
        if not any(isinstance(b, Text | TableBlock) for b in blocks):
            blocks.append(Text(section.empty))
        return Section(Heading(1, f"{_numeral(index)}、", section.title), tuple(blocks))

    def _blocks(self, line: _Line) -> list[Block]:
        values = self.report.values
        if line.kind == "text":
            assert line.text is not None
            text = line.text.fill(values)
            return [Text(text)] if text else []
        if line.kind == "list":
            items = [i for i in self.report.lists.get(line.name, ()) if i.strip()]
            return [Text(f"{n}．{item}") for n, item in enumerate(items, start=1)]
        table = self._table(line.name)
        if table is None:
            return []
        self.table_number += 1
        caption = line.text.fill(values) if line.text else None
        label = f"表{self.table_number} {caption}" if caption else f"表{self.table_number}"
        return [TableBlock(table, label)]

    def _table(self, name: str) -> Table | None:
        panel = self.report.panel
        if name == "评分汇总":
            return scores_table(panel) if panel.lines else None
        if name == "一级指标":
            return _level1_table(panel) if panel.complete else None
        recheck = self.report.recheck
        return _recheck_table(recheck) if recheck is not None and recheck.lines else None


def scores_table(panel: PanelResult) -> Table:
    """Each indicator: its weight, every evaluator's score, the final and how it was reached."""
    columns = ("一级指标", "三级指标", "分值", *panel.evaluators, "最终得分", "计分方法")
    rows = []
    for line in panel.lines:
        rows.append(
            (
                Cell(line.indicator.level1),
                Cell(line.indicator.level3),
                _points(line.indicator.weight),
                *(_points(s) for s in line.scores),
                _points(line.final),
                Cell(line.method.label),
            )
        )
    sheet_totals = [
        sum((s for s in scores if s is not None), Decimal(0))
        for scores in zip(*(line.scores for line in panel.lines), strict=True)
    ]
    rows.append(
        (
            Cell("合计"),
            Cell(_EMPTY),
            _points(sum((line.indicator.weight for line in panel.lines), Decimal(0))),
            *(_points(total) for total in sheet_totals),
            _points(panel.total),
            Cell(panel.grade or _EMPTY),
        )
    )
    return Table(columns=columns, rows=tuple(rows), key="panel")


def _level1_table(panel: PanelResult) -> Table:
    rows = []
    for name, weight, got in panel.by_level1():
        rate = None if got is None or weight == 0 else got * 100 / weight
        rows.append((Cell(name), _points(weight), _points(got), _percent(rate)))
    return Table(columns=("一级指标", "分值", "得分", "得分率"), rows=tuple(rows), key="level1")


def _recheck_table(recheck: Recheck) -> Table:
    rows = []
    for line in recheck.lines:
        rows.append(
            (
                Cell(line.level3),
                _points(line.weight),
                _points(line.panel),
                _points(line.computed),
                _points(line.difference),
                Cell("请说明" if line.flagged else "相符"),
            )
        )
    columns = ("指标", "分值", "专家组得分", "复算得分", "差额", "复核")
    return Table(columns=columns, rows=tuple(rows), key="recheck")


def _points(value: Decimal | None) -> Cell:
    if value is None:
        return Cell(_EMPTY)
    shown = display(value)
    return Cell(shown, number=Decimal(shown), kind="number", places=_places(shown))


def _percent(value: Decimal | None) -> Cell:
    if value is None:
        return Cell(_EMPTY)
    shown = display(value)
    return Cell(f"{shown}%", number=Decimal(shown), kind="percent", places=_places(shown))


def _places(shown: str) -> int:
    return len(shown.partition(".")[2])


def _numeral(number: int) -> str:
    if number <= 10:
        return _NUMERALS[number - 1]
    tens, units = divmod(number, 10)
    prefix = "" if tens == 1 else _NUMERALS[tens - 1]
    return f"{prefix}十{_NUMERALS[units - 1] if units else ''}"
