"""Text in, Report out: the intake pipeline for one decoded document.

normalize → profile (who, when, what kind) → headings → tables → prose → choose, for each
field, the statement that is the unit's own figure of the report year → a Report whose
every figure carries its evidence in the ORIGINAL text.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from jixiao.domain.classification import load_classification
from jixiao.domain.evidence import Evidence
from jixiao.domain.money import Money, Rate
from jixiao.domain.outlines import detect_outline
from jixiao.domain.relations import Breakdown, StatedGrowth, StatedQuantity
from jixiao.domain.report import (
    AccountTotals,
    BudgetExecution,
    FunctionalBasis,
    FunctionalItem,
    Heading,
    Mention,
    Performance,
    Report,
    ReportKind,
    Spending,
    StatedMoney,
    StatedRate,
    StatedText,
    ThreePublic,
    UnitProfile,
)
from jixiao.intake.breakdowns import find_breakdowns
from jixiao.intake.candidates import Candidate
from jixiao.intake.cells import cell_stream
from jixiao.intake.changes import find_changes
from jixiao.intake.class_rows import ClassRows, read_class_rows
from jixiao.intake.combined_rates import find_combined_rates
from jixiao.intake.count_groups import find_count_groups
from jixiao.intake.document import DocumentText
from jixiao.intake.document_sense import evaluated_by_others
from jixiao.intake.enumerations import find_enumerations
from jixiao.intake.field_tables import FieldTables, read_field_tables
from jixiao.intake.functional import FunctionalLine, FunctionalList, find_functional
from jixiao.intake.funding_levels import find_level_amounts
from jixiao.intake.grading import grade_match, score_candidates
from jixiao.intake.growth_pairs import find_growth_statements
from jixiao.intake.lettered_funds import lettered_funds_rows
from jixiao.intake.lexicon import load_lexicon
from jixiao.intake.normalize import NormalizedText, normalize
from jixiao.intake.paired_funds import paired_funds_rows
from jixiao.intake.planned_use import planned_and_used
from jixiao.intake.points_rows import points_rows
from jixiao.intake.profile import read_profile
from jixiao.intake.project_money import prefer_wholes, project_money
from jixiao.intake.prose import prose_candidates
from jixiao.intake.quantities import find_quantities
from jixiao.intake.run_together import run_together_rows
from jixiao.intake.scopes import fund_of, fund_section_scopes
from jixiao.intake.sections import HeadingMatch, find_headings, section_spans
from jixiao.intake.split_wholes import class_part, split_totals
from jixiao.intake.tables import read_tables
from jixiao.intake.weight_groups import find_weight_groups
from jixiao.intake.zero_totals import StatedCell, ZeroTotal

# Scopes a field may fall back to when the text states it under no other: a budget's
# 基本支出预算, a 一般公共预算 section that is the only place 人员经费 is stated.
_FALLBACK_SCOPES: dict[str, tuple[str, ...]] = {
    "spending": ("预算",),
    "three_public": ("预算",),
}
# In a budget nearly all money is 一般公共预算: its 一般公共预算 section speaks for the unit.
# In final accounts that section is a narrower part (财政拨款 only) and must not stand in.
_BUDGET_FALLBACK_SCOPES: dict[str, tuple[str, ...]] = {
    "spending": ("一般公共预算", "预算"),
    "three_public": ("预算",),
}


def _fallback_scopes(kind: str, candidates: list[Candidate]) -> dict[str, tuple[str, ...]]:
    """A 预算 figure stands in for the unit's own only where the text may be a budget: in a
    决算 or a performance report it never does (its 决算 figure is simply not stated).

    In a budget the 一般公共预算 section speaks for the unit when that money is all of the
    unit's: when the text states no other total, or one equal to the 一般公共预算 total.
    """
    if kind != "budget":
        return _FALLBACK_SCOPES if kind == "unknown" else {}
    totals = {
        c.scope: c.value.wan
        for c in reversed(candidates)
        if c.path == "spending.total" and c.aspect == "value" and isinstance(c.value, Money)
    }
    if "" in totals and "一般公共预算" in totals and totals[""] != totals["一般公共预算"]:
        return {"spending": ("预算",), "three_public": ("预算",)}
    return _BUDGET_FALLBACK_SCOPES


_WHOLES = ("spending.total", "spending.basic", "three_public.total")
_PARTS = {
    "spending.total": (
        "spending.basic",
        "spending.project",
        "spending.personnel",
        "spending.public",
    ),
    "spending.basic": ("spending.personnel", "spending.public"),
    "three_public.total": (
        "three_public.overseas",
        "three_public.vehicle",
        "three_public.vehicle_purchase",
        "three_public.vehicle_operation",
        "three_public.reception",
    ),
}


@dataclass(frozen=True, slots=True)
class _Located:
    norm: NormalizedText
    original: str
    document: DocumentText | None = None

    def evidence(self, start: int, end: int) -> Evidence:
        first, last = self.norm.to_original(start, end)
        evidence = Evidence(quote=self.original[first:last], start=first, end=last)
        if self.document is None:
            return evidence
        # The page where the quote begins; the cell that holds its end, where the figure is
        # (a table quote runs from the row's label to the value's cell).
        cell = self.document.cell_at(max(first, last - 1))
        return replace(
            evidence,
            page=self.document.page_at(first),
            cell=cell.address if cell is not None else None,
            box=self.document.box_at(first, last),
        )


def parse_text(original: str, *, source: str) -> Report:
    return _parse(original, source=source, document=None)


def parse_document(document: DocumentText, *, source: str) -> Report:
    """Like parse_text, for a document read from any format: evidence also carries the
    PDF page and the Word or Excel table cell of each quote, and the report says how the
    document was read (the OCR's doubts included)."""
    report = _parse(document.text, source=source, document=document)
    return replace(report, reading=document.reading)


def _parse(original: str, *, source: str, document: DocumentText | None) -> Report:
    norm = normalize(original)
    text = norm.text
    located = _Located(norm, original, document)
    profile = read_profile(text)
    kind = profile.kind
    lexicon = load_lexicon()
    headings = find_headings(text)
    clusters = _ClusterIndex(_cluster_spans(text, headings))

    quantities = find_quantities(text)
    classification = load_classification(profile.year)
    cells = cell_stream(text)
    tables = read_tables(text, kind=kind, year=profile.year, lexicon=lexicon, cells=cells)
    columns = read_field_tables(
        cells, lexicon=lexicon, classification=classification, year=profile.year, kind=kind
    )
    tables.candidates.extend(columns.candidates)
    tables.claimed.extend(columns.claimed)
    candidates = tables.candidates + prose_candidates(
        text,
        kind=kind,
        year=profile.year,
        lexicon=lexicon,
        claimed=tables.claimed,
        quantities=quantities,
    )
    candidates += split_totals(
        text,
        (q for q in quantities if not _claimed(q.start, q.end, tables.claimed)),
        candidates,
        kind=kind,
        year=profile.year,
        lexicon=lexicon,
    )
    by_others = evaluated_by_others(text)
    if not by_others:
        candidates += score_candidates(text)
    candidates += run_together_rows(text)
    candidates += points_rows(text)
    candidates += lettered_funds_rows(text)
    candidates += paired_funds_rows(text)
    if kind == "project":
        candidates = [c for c in candidates if not c.path.startswith("spending.")]
        candidates += planned_and_used(text)
        candidates += project_money(
            text,
            [q for q in quantities if not _claimed(q.start, q.end, tables.claimed)],
            profile.year,
        )
    candidates.sort(key=lambda c: (c.start, c.end))
    _fund_sections(text, candidates, headings)
    _inherit_scopes(text, candidates, clusters)
    primary = _choose(text, candidates, _fallback_scopes(kind, candidates))
    if kind == "project":
        prefer_wholes(primary, candidates)

    functional = (
        None
        if kind == "project"
        else find_functional(text, classification, quantities)
        or _table_functional(columns)
        or _class_rows_functional(read_class_rows(cells, classification))
    )
    grade = tables.grade or (None if by_others else grade_match(text))

    def stated_money(path: str) -> StatedMoney | None:
        chosen = primary.get(path)
        if chosen is None or not isinstance(chosen.value, Money):
            return None
        return StatedMoney(chosen.value, located.evidence(chosen.start, chosen.end))

    def stated_rate(path: str) -> StatedRate | None:
        chosen = primary.get(path)
        if chosen is None or not isinstance(chosen.value, Rate):
            return None
        return StatedRate(chosen.value, located.evidence(chosen.start, chosen.end))

    spending = _spending(stated_money, functional, located)
    level1 = [h for h in headings if h.level == 1]
    outline = detect_outline([h.title for h in level1], kind=ReportKind(kind))
    name = profile.unit_name
    return Report(
        source=source,
        kind=ReportKind(kind),
        text=original,
        profile=UnitProfile(
            name=StatedText(name[0], located.evidence(name[1], name[2])) if name else None,
            year=profile.year,
            signing_unit=profile.signing_unit,
            signed_on=profile.signed_on,
        ),
        spending=spending,
        three_public=ThreePublic(
            total=stated_money("three_public.total"),
            overseas=stated_money("three_public.overseas"),
            vehicle=stated_money("three_public.vehicle"),
            vehicle_purchase=stated_money("three_public.vehicle_purchase"),
            vehicle_operation=stated_money("three_public.vehicle_operation"),
            reception=stated_money("three_public.reception"),
        ),
        budget=BudgetExecution(
            initial=stated_money("budget.initial"),
            adjusted=stated_money("budget.adjusted"),
            executed=stated_money("budget.executed"),
            execution_rate=stated_rate("budget.execution_rate"),
            weight=stated_rate("budget.weight"),
            score=stated_rate("budget.score"),
        ),
        accounts=AccountTotals(
            income_current=stated_money("accounts.income_current"),
            income_grand_total=stated_money("accounts.income_grand_total"),
            expenditure_grand_total=stated_money("accounts.expenditure_grand_total"),
        ),
        performance=Performance(
            indicators=tuple(tables.indicators),
            self_score=stated_rate("performance.self_score"),
            grade=StatedText(grade[0], located.evidence(grade[1], grade[2])) if grade else None,
        ),
        headings=tuple(
            Heading(h.level, h.marker, h.title, located.evidence(h.start, h.end)) for h in headings
        ),
        outline=outline.name if outline else None,
        mentions=tuple(_mentions(candidates, clusters, located)),
        breakdowns=tuple(
            find_breakdowns(text, quantities, located.evidence)
            + find_count_groups(text, quantities, located.evidence)
            + find_weight_groups(text, located.evidence)
            + _zero_totals(tables.zero_totals, located)
        ),
        changes=tuple(find_changes(text, quantities, located.evidence)),
        enumerations=tuple(find_enumerations(text, located.evidence)),
        growths=tuple(_growths(columns, located)),
        combined_rates=tuple(find_combined_rates(text, quantities, located.evidence)),
        growth_statements=tuple(
            find_growth_statements(text, quantities, headings, profile.year, located.evidence)
        ),
        level_amounts=tuple(find_level_amounts(text, quantities, located.evidence)),
    )


def _zero_totals(totals: list[ZeroTotal], located: _Located) -> list[Breakdown]:
    """A funds total row of zeros against the 其中 rows with money under it."""

    def stated(cell: StatedCell) -> StatedQuantity:
        money = cell.money
        return StatedQuantity(
            cell.label, money.wan, money.ulp, "万元", located.evidence(cell.start, cell.end)
        )

    return [
        Breakdown(whole=stated(t.total), parts=tuple(stated(p) for p in t.parts), complete=True)
        for t in totals
        if t.parts
    ]


def _growths(columns: FieldTables, located: _Located) -> Iterable[StatedGrowth]:
    def stated(cell: tuple[Money, int, int], unit: str) -> StatedQuantity:
        money, start, end = cell
        return StatedQuantity("", money.wan, money.ulp, unit, located.evidence(start, end))

    for growth in columns.growths:
        yield StatedGrowth(
            growth.path,
            stated(growth.value, "万元"),
            stated(growth.base, "万元"),
            stated(growth.rate, "%"),
        )


def _claimed(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)


def _table_functional(columns: FieldTables) -> FunctionalList | None:
    """The 功能分类 rows of a 支出决算表 when the text has no list of its own."""
    if not columns.functional:
        return None
    lines = tuple(
        FunctionalLine(
            stated_name=row.stated_name,
            code=row.code,
            name=row.stated_name if row.code else None,
            amount=row.amount,
            start=row.start,
            end=row.end,
        )
        for row in columns.functional
    )
    return FunctionalList(lines, "total", None)


def _class_rows_functional(rows: ClassRows | None) -> FunctionalList | None:
    """A two-column table of 功能分类 rows, whole from its 合计 row when it has one."""
    if rows is None:
        return None
    lines = tuple(
        FunctionalLine(row.stated_name, row.code, row.stated_name, row.amount, row.start, row.end)
        for row in rows.lines
    )
    return FunctionalList(lines, "stated" if rows.whole else "unknown", rows.whole)


def _spending(
    stated_money: Callable[[str], StatedMoney | None],
    functional: FunctionalList | None,
    located: _Located,
) -> Spending:
    items: tuple[FunctionalItem, ...] = ()
    basis = FunctionalBasis.UNKNOWN
    whole = None
    if functional is not None:
        items = tuple(
            FunctionalItem(
                code=line.code,
                name=line.name,
                stated_name=line.stated_name,
                amount=StatedMoney(line.amount, located.evidence(line.start, line.end)),
            )
            for line in functional.lines
        )
        basis = FunctionalBasis(functional.basis)
        if functional.whole is not None:
            money, start, end = functional.whole
            whole = StatedMoney(money, located.evidence(start, end))
    return Spending(
        total=stated_money("spending.total"),
        basic=stated_money("spending.basic"),
        personnel=stated_money("spending.personnel"),
        public=stated_money("spending.public"),
        project=stated_money("spending.project"),
        functional=items,
        functional_basis=basis,
        functional_whole=whole,
    )


def _choose(
    text: str, candidates: list[Candidate], fallbacks: dict[str, tuple[str, ...]]
) -> dict[str, Candidate]:
    """Per field, the statement that is the unit's own figure: unlimited scope first, then an
    exact figure before a rounded one (约…), the best-ranked wording, the first in the text.

    A year's budget of 0 in a sentence that counts no projects ("自评项目0个，项目全年预算数
    合计0万元") says there was nothing to evaluate: it stays a statement (a mention) but is not
    the field. A 0 entered as data, alone, still reads back as 0; an initial budget of 0 is
    real (a project added during the year) and is kept."""
    chosen: dict[str, Candidate] = {}
    by_path: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        if _zero_year_budget(candidate) and _no_projects(text, candidate.start):
            continue
        if candidate.aspect == "value":
            by_path.setdefault(candidate.path, []).append(candidate)
    for path, found in by_path.items():
        allowed = ("", *fallbacks.get(path.split(".", 1)[0], ()))
        usable = [c for c in found if c.scope in allowed]
        if usable:
            chosen[path] = min(
                usable, key=lambda c: (allowed.index(c.scope), c.approximate, c.rank, c.start)
            )
    return chosen


def _zero_year_budget(candidate: Candidate) -> bool:
    value = candidate.value
    return candidate.path == "budget.adjusted" and isinstance(value, Money) and value.wan == 0


_NO_PROJECTS = re.compile(r"(?<![\d.])0\s*个(?:项目)?")


def _no_projects(text: str, position: int) -> bool:
    sentence_start = max(text.rfind(mark, 0, position) for mark in "。\n") + 1
    return bool(_NO_PROJECTS.search(text, sentence_start, position))


def _fund_sections(text: str, candidates: list[Candidate], headings: list[HeadingMatch]) -> None:
    """Unscoped totals inside a section titled for one narrower fund are that fund's."""
    spans = fund_section_scopes(
        [(headings[i].title, start, end) for i, start, end in section_spans(text, headings)]
    )
    if not spans:
        return
    for candidate in candidates:
        if not candidate.scope:
            candidate.scope = fund_of(candidate.path, candidate.start, spans)


def _inherit_scopes(text: str, candidates: list[Candidate], clusters: _ClusterIndex) -> None:
    """Parts listed after "其中" share the limited scope of their whole.

    "一般公共预算基本支出911000.39元，其中：人员经费809961.19元 …": the 人员经费 here are of
    the 一般公共预算 too, though the text does not repeat it.
    """
    inherited: tuple[str, str, int] | None = None  # (whole path, scope, cluster)
    unit_wholes = {
        c.end for c in candidates if c.path in _WHOLES and c.aspect == "value" and c.scope != "其他"
    }
    for candidate in candidates:
        if candidate.aspect != "value":
            continue
        cluster = _cluster_of(candidate.start, clusters)
        if (
            not candidate.scope
            and candidate.path.startswith("spending.")
            and class_part(text, candidate.start, unit_wholes)
        ):
            candidate.scope = "其他"  # "初中教育支出…，其中：基本支出…": one class's part
        elif (
            inherited
            and cluster == inherited[2]
            and candidate.path in _PARTS[inherited[0]]
            and not candidate.scope
        ):
            candidate.scope = inherited[1]  # 基本支出 is itself a whole: it may pass it on
        if candidate.path in _WHOLES:
            follows = re.split(r"[。；;]", text[candidate.end : candidate.end + 12], maxsplit=1)[0]
            if candidate.scope and "其中" in follows:
                inherited = (candidate.path, candidate.scope, cluster)
            elif inherited is None or candidate.path not in _PARTS[inherited[0]]:
                inherited = None


def _cluster_spans(text: str, headings: list[HeadingMatch]) -> list[tuple[int, int]]:
    """The body spans of level-1 and level-2 sections: the places a whole and its parts
    are stated together (a level-3 item such as "1、人员经费…" is part of its section)."""
    return [
        (start, end)
        for heading_index, start, end in section_spans(text, headings)
        if headings[heading_index].level <= 2
    ]


class _ClusterIndex:
    """Which cluster a position is in: the smallest section span holding it (the first of
    equal ones), 0 outside all. Worked out once per text as segments between the spans'
    bounds, then found by bisection: a scan of every span per figure grew with figures ×
    sections (37 s of a 10 MB text)."""

    def __init__(self, clusters: list[tuple[int, int]]) -> None:
        bounds = sorted({b for span in clusters for b in span})
        opening = sorted(
            ((start, end - start, index, end) for index, (start, end) in enumerate(clusters, 1)),
        )
        heap: list[tuple[int, int, int]] = []  # (size, index, end)
        self.starts: list[int] = []
        self.owners: list[int] = []
        following = 0
        for bound in bounds:
            while following < len(opening) and opening[following][0] <= bound:
                _, size, index, end = opening[following]
                heapq.heappush(heap, (size, index, end))
                following += 1
            while heap and heap[0][2] <= bound:
                heapq.heappop(heap)
            self.starts.append(bound)
            self.owners.append(heap[0][1] if heap else 0)

    def of(self, position: int) -> int:
        at = bisect_right(self.starts, position) - 1
        return self.owners[at] if at >= 0 else 0


def _cluster_of(position: int, clusters: list[tuple[int, int]] | _ClusterIndex) -> int:
    index = clusters if isinstance(clusters, _ClusterIndex) else _ClusterIndex(clusters)
    return index.of(position)


def _mentions(
    candidates: Iterable[Candidate], clusters: _ClusterIndex, located: _Located
) -> Iterable[Mention]:
    for candidate in candidates:
        evidence = located.evidence(candidate.start, candidate.end)
        if candidate.cell is not None:
            evidence = replace(evidence, cell=candidate.cell)
        yield Mention(
            path=candidate.path,
            value=candidate.value,
            evidence=evidence,
            aspect=candidate.aspect,
            scope=candidate.scope,
            cluster=_cluster_of(candidate.start, clusters),
            anchor=located.evidence(*candidate.anchor) if candidate.anchor else None,
            rank=candidate.rank,
        )
