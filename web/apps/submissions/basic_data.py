"""The 基础数据 a unit fills in beside its report: the form, and the save that scores again.

A 部门整体 score needs figures a report seldom states (编制数, the 三公 budget, 政府采购 …) and
the evaluator's judgements on qualitative indicators (评价要点 met, violations found, the band
of a benefit). The submission keeps what the unit typed in ``Submission.basic_data``, in the
shape of a 基础数据 data file, every value a decimal string::

    {"basic": {"authorized_staff": "45", "three_public_budget": "13.50"},
     "judgements": {"budget-rules": {"met": "3"}, "fund-compliance": {"violations": "0"},
                    "economic-benefit": {"level": "达成", "score": "2.7"}}}

The core reads it as a data file (``jixiao.scoring.inputs.inputs_from_mapping``): each value
fills or replaces what the report states. A field left blank stays missing, never zero.
Each write goes through the edit page's rules: the unit's preparer, a draft or returned
report, and the lock version the form was built on.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.db import transaction

from apps.accounts.models import User
from apps.audit.models import AuditAction
from apps.audit.services import audit_record
from apps.errors import Conflict
from apps.submissions import engine, evaluation
from apps.submissions.diffing import Change, changes_between
from apps.submissions.diffing import compare as changes_of_data
from apps.submissions.fields import FIELDS_BY_PATH
from apps.submissions.models import Submission
from apps.submissions.reportdata import decimal_or_none
from apps.submissions.services import check_editable, write_working_copy
from apps.submissions.shared_figures import SHARED, shared_values, with_figures
from jixiao.domain.basic_data import FIELD_BY_KEY, InputKind, Level

JSON = dict[str, Any]

# The catalogue in the order a unit's accounts hold it; every key once (a test pins it).
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("人员", ("authorized_staff", "actual_staff")),
    (
        "“三公”经费",
        (
            "three_public_budget",
            "three_public_actual",
            "three_public_budget_prev",
            "three_public_actual_prev",
        ),
    ),
    (
        "预算编制与执行",
        (
            "budget_initial",
            "budget",
            "budget_completed",
            "execution_rate",
            "budget_adjustment",
            "payment_progress_planned",
            "payment_progress_actual",
        ),
    ),
    (
        "支出结构与结转结余",
        (
            "project_spending",
            "key_project_spending",
            "public_budget",
            "public_actual",
            "carryover_prev",
            "carryover",
        ),
    ),
    (
        "政府采购与固定资产",
        ("procurement_budget", "procurement_actual", "fixed_assets_total", "fixed_assets_in_use"),
    ),
    (
        "工作任务完成情况",
        (
            "tasks_planned",
            "tasks_done",
            "tasks_on_time",
            "tasks_up_to_standard",
            "key_tasks_assigned",
            "key_tasks_done",
        ),
    ),
    ("满意度调查", ("survey_sample", "survey_satisfied")),
)
_COUNT_UNITS = {
    "authorized_staff": "人",
    "actual_staff": "人",
    "survey_sample": "份",
    "survey_satisfied": "份",
}
# (smaller, larger, message): a part can never exceed its whole.
_PARTS = (
    ("survey_satisfied", "survey_sample", "满意样本数不能多于满意度调查有效样本数"),
    ("fixed_assets_in_use", "fixed_assets_total", "在用固定资产总额不能多于固定资产总额"),
)
_MAX_MONEY = Decimal("1e10")  # 万元: far beyond any unit; a figure typed in 元 shows up here
_MAX_COUNT = Decimal(10_000_000)
_MAX_RATE = Decimal(1000)
_MONEY_PLACES, _RATE_PLACES = 6, 4
_SUFFIXES = ("万元", "%", "人", "项", "份", "个", "名", "件", "分")
_LEVELS = tuple(level.value for level in Level)
JUDGEMENT_PARTS = {"met": "满足要点数", "violations": "违规数", "level": "档次", "score": "得分"}


def unit_of(key: str) -> str:
    """The unit a field is typed in: 万元, %, 人, 份 or 项."""
    kind = FIELD_BY_KEY[key].kind
    if kind is InputKind.COUNT:
        return _COUNT_UNITS.get(key, "项")
    return FIELD_BY_KEY[key].unit


# -- numbers -------------------------------------------------------------------------------
def parse_number(text: str, *, kind: str, unit: str = "", limit: Decimal | None = None) -> Decimal:
    """A typed figure as a Decimal, or ValidationError in Chinese saying what to type.

    ``kind``: money (万元), count (a whole number), rate (percent) or points (a judgement's
    score, up to ``limit``). Full-width digits, thousands separators and the unit typed after
    the number are accepted.
    """
    cleaned = unicodedata.normalize("NFKC", text).replace(",", "").replace(" ", "").strip()
    if kind == "money" and cleaned.endswith("元") and not cleaned.endswith("万元"):
        raise forms.ValidationError("请以万元为单位填写（387664.62元填 38.766462）")
    for suffix in _SUFFIXES:
        cleaned = cleaned.removesuffix(suffix)
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        example = {"money": "13.5", "count": "45", "rate": "97.5", "points": "2.5"}[kind]
        raise forms.ValidationError(f"请填写数字，如 {example}")
    if number < 0:
        what = {"money": "金额", "count": "数量", "rate": "比率", "points": "得分"}[kind]
        raise forms.ValidationError(f"{what}不能为负数")
    if number.is_zero():
        number = abs(number)  # "-0.0" is stored as "0.0"
    return _checked(number, kind=kind, unit=unit, limit=limit)


def _checked(number: Decimal, *, kind: str, unit: str, limit: Decimal | None) -> Decimal:
    places = -int(number.as_tuple().exponent) if number != number.to_integral_value() else 0
    if kind == "money":
        if number > _MAX_MONEY:
            raise forms.ValidationError("金额过大，请核对单位是否为万元")
        if places > _MONEY_PLACES:
            raise forms.ValidationError("金额最多保留6位小数（万元）")
    elif kind == "count":
        if places:
            raise forms.ValidationError(f"应为整数（单位：{unit or '项'}）")
        if number > _MAX_COUNT:
            raise forms.ValidationError("数字过大，请核对")
    elif kind == "rate":
        if number > _MAX_RATE:
            raise forms.ValidationError("比率应在0到1000之间（单位为%，97.5%填 97.5）")
        if places > _RATE_PLACES:
            raise forms.ValidationError("比率最多保留4位小数")
    else:
        if limit is not None and number > limit:
            raise forms.ValidationError(f"得分不能超过该指标的分值{_text(limit)}分")
        if places > 2:
            raise forms.ValidationError("得分最多保留2位小数")
    return number.to_integral_value() if kind == "count" else number


def _text(number: Decimal) -> str:
    """A decimal string as stored: the typed precision, never an exponent."""
    text = format(number, "f")
    return "0" if text in ("-0", "") else text


class NumberField(forms.CharField):
    """A figure typed as text and cleaned to a Decimal (None when left blank)."""

    def __init__(
        self, *, label: str, kind: str, unit: str = "", limit: Decimal | None = None
    ) -> None:
        mode = "numeric" if kind == "count" else "decimal"
        super().__init__(
            label=label,
            required=False,
            max_length=40,
            widget=forms.TextInput(attrs={"inputmode": mode, "autocomplete": "off", "size": 12}),
            error_messages={"max_length": "填写的内容过长，请只填写数字"},
        )
        self.kind, self.unit, self.limit = kind, unit, limit

    def clean(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().clean(value)
        if not text:
            return None
        return parse_number(text, kind=self.kind, unit=self.unit, limit=self.limit)


def _kind_of(key: str) -> str:
    return FIELD_BY_KEY[key].kind.value


def label_of(key: str) -> str:
    """An item's name: a report figure's is the report's (全年预算数, “三公”经费合计 …),
    so that the same figure is called the same on every page and in every download."""
    path = SHARED.get(key)
    if path is None:
        return FIELD_BY_KEY[key].label
    label = FIELDS_BY_PATH[path].label
    return label.removesuffix("（万元）").removesuffix("（%）")


# -- the page's context --------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Sheet:
    """What the form shows beside the fields: the framework's needs, what the report states
    and what the scorecard still misses."""

    needs: engine.FrameworkNeeds | None
    report: Mapping[str, Mapping[str, str]]  # key → value, shown, quote
    missing: frozenset[str]  # basic keys and "judgement:<id>"

    @property
    def judgements(self) -> tuple[engine.JudgementItem, ...]:
        return self.needs.judgements if self.needs else ()

    def used(self, key: str) -> bool:
        return self.needs is None or key in self.needs.inputs


def sheet_of(submission: Submission) -> Sheet:
    card = submission.scorecard or {}
    framework = card.get("framework") or {}
    needs = engine.framework_needs(
        framework.get("name") or submission.campaign.framework,
        kind=framework.get("kind") or "overall",
    )
    report = card.get("report_inputs") or {}
    return Sheet(needs=needs, report=report, missing=frozenset(_missing_keys(card)))


def _missing_keys(card: Mapping[str, Any]) -> list[str]:
    keys = [str(m.get("key", "")) for m in card.get("missing") or [] if isinstance(m, dict)]
    return [k for k in keys if k in FIELD_BY_KEY or k.startswith("judgement:")]


def missing_count(card: Mapping[str, Any] | None) -> int:
    """How many 基础数据 items and judgements the scorecard still misses."""
    return len(_missing_keys(card or {}))


def report_says(entry: Mapping[str, str] | None, unit: str) -> str:
    """What the report states of one input, as shown beside its field."""
    if not entry:
        return ""
    shown = entry.get("shown") or f"{entry.get('value', '')}{unit}"
    return f"{shown}（{entry['source']}）" if entry.get("source") != "报告原文" else shown


# -- the form ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Row:
    field: forms.BoundField
    key: str
    unit: str
    report: str  # what the report states, "" when nothing
    quote: str
    missing: bool
    shared: bool = False  # a report figure: the same as on the 修改数据 page


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    rows: list[Row]
    other: bool = False  # the items the framework does not score from

    @property
    def open(self) -> bool:
        """Shown unfolded when something in it is filled in or wrong."""
        return any(r.field.errors or r.field.value() for r in self.rows)


@dataclass(frozen=True, slots=True)
class JudgementRow:
    item: engine.JudgementItem
    fields: tuple[forms.BoundField, ...]
    missing: bool


def _judgement_names(item: engine.JudgementItem) -> tuple[str, ...]:
    if item.method == "checklist":
        return (f"{item.id}__met",)
    if item.method == "violations":
        return (f"{item.id}__violations",)
    return (f"{item.id}__level", f"{item.id}__score")


class BasicDataForm(forms.Form):
    """Every 基础数据 item, the framework's judgements, and the lock version."""

    lock_version = forms.IntegerField(
        widget=forms.HiddenInput, error_messages={"required": "页面已过期，请刷新后重新填写"}
    )

    def __init__(self, *args: Any, sheet: Sheet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sheet = sheet
        for _, keys in GROUPS:
            for key in keys:
                unit = unit_of(key)
                self.fields[key] = NumberField(label=label_of(key), kind=_kind_of(key), unit=unit)
        for item in sheet.judgements:
            self._add_judgement(item)

    def _add_judgement(self, item: engine.JudgementItem) -> None:
        if item.method == "checklist":
            choices = [("", "（未填写）")]
            choices += [(str(n), f"满足{n}项") for n in range(len(item.points) + 1)]
            self.fields[f"{item.id}__met"] = forms.ChoiceField(
                label="满足的评价要点数",
                choices=choices,
                required=False,
                error_messages={"invalid_choice": "请从列表中选择满足的要点数"},
            )
        elif item.method == "violations":
            self.fields[f"{item.id}__violations"] = NumberField(
                label="发现的违规问题数（没有填0）", kind="count", unit="项"
            )
        else:
            choices = [("", "（未填写）")]
            choices += [
                (level, f"{level}（{_text(low)}–{_text(high)}分）")
                for level, low, high in item.bands
            ]
            self.fields[f"{item.id}__level"] = forms.ChoiceField(
                label="评价档次",
                choices=choices,
                required=False,
                error_messages={"invalid_choice": "请从列表中选择评价档次"},
            )
            self.fields[f"{item.id}__score"] = NumberField(
                label=f"得分（满分{_text(item.weight)}分）", kind="points", limit=item.weight
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for part, whole, message in _PARTS:
            small, large = cleaned.get(part), cleaned.get(whole)
            if small is not None and large is not None and small > large:
                self.add_error(part, message)
        for item in self.sheet.judgements:
            if item.method == "qualitative_band":
                self._check_band(item, cleaned)
        return cleaned

    def _check_band(self, item: engine.JudgementItem, cleaned: dict[str, Any]) -> None:
        level_name, score_name = f"{item.id}__level", f"{item.id}__score"
        if level_name in self.errors or score_name in self.errors:
            return
        level, score = cleaned.get(level_name), cleaned.get(score_name)
        if level and score is None:
            self.add_error(score_name, "请填写得分（选了评价档次也须给出得分）")
        elif score is not None and not level:
            self.add_error(level_name, "请选择评价档次")
        elif level and score is not None:
            low, high = next((lo, hi) for name, lo, hi in item.bands if name == level)
            if not low <= score <= high:
                self.add_error(
                    score_name, f"“{level}”档的得分应在{_text(low)}到{_text(high)}分之间"
                )

    # -- for the template --
    def sections(self) -> list[Section]:
        """The used fields by group, then one group of those the framework does not use."""
        out: list[Section] = []
        unused: list[Row] = []
        for title, keys in GROUPS:
            rows = [self._row(key) for key in keys]
            used = [r for r in rows if self.sheet.used(r.key)]
            unused += [r for r in rows if not self.sheet.used(r.key)]
            if used:
                out.append(Section(title, used))
        if unused:
            out.append(Section("其他基础数据（本指标体系不用于计分，可不填）", unused, other=True))
        return out

    def _row(self, key: str) -> Row:
        unit = unit_of(key)
        entry = self.sheet.report.get(key)
        return Row(
            field=self[key],
            key=key,
            unit=unit,
            report=report_says(entry, unit),
            quote=str(entry.get("quote", "")) if entry else "",
            missing=key in self.sheet.missing,
            shared=key in SHARED,
        )

    def judgement_rows(self) -> list[JudgementRow]:
        return [
            JudgementRow(
                item=item,
                fields=tuple(self[name] for name in _judgement_names(item)),
                missing=f"judgement:{item.id}" in self.sheet.missing,
            )
            for item in self.sheet.judgements
        ]

    def disable(self) -> None:
        """Read-only: every field shown, none editable."""
        for field in self.fields.values():
            field.disabled = True

    # -- to and from what is stored --
    def stored(self, previous: Mapping[str, Any]) -> JSON:
        """The JSON to keep; judgements of indicators this form does not show are kept."""
        data = self.cleaned_data
        basic = {
            key: _text(value)
            for _, keys in GROUPS
            for key in keys
            if (value := data.get(key)) is not None
        }
        shown = {item.id for item in self.sheet.judgements}
        kept = previous.get("judgements") if isinstance(previous.get("judgements"), dict) else {}
        judgements: JSON = {k: v for k, v in (kept or {}).items() if k not in shown}
        for item in self.sheet.judgements:
            entry: dict[str, str] = {}
            for name in _judgement_names(item):
                value = data.get(name)
                if value not in (None, ""):
                    part = name.rsplit("__", 1)[1]
                    entry[part] = _text(value) if isinstance(value, Decimal) else str(value)
            if entry:
                judgements[item.id] = entry
        return {"basic": basic, "judgements": judgements}

    def figures(self) -> dict[str, Decimal | None]:
        """The report figures typed on this page: data path → value (None: emptied). A
        figure the form did not send at all (a client posting only some fields) is left."""
        return {
            path: self.cleaned_data.get(key) for key, path in SHARED.items() if key in self.data
        }


def initial_of(
    stored: Mapping[str, Any], lock_version: int, data: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The form's initial values from what the submission keeps: the report figures from its
    data (``data``), the rest from its 基础数据 (where an older save also kept figures)."""
    initial: dict[str, Any] = {"lock_version": lock_version}
    basic = stored.get("basic")
    if isinstance(basic, dict):
        initial.update({k: str(v) for k, v in basic.items() if k in FIELD_BY_KEY})
    initial.update(shared_values(data or {}))
    judgements = stored.get("judgements")
    if isinstance(judgements, dict):
        for indicator, entry in judgements.items():
            if isinstance(entry, dict):
                for part, value in entry.items():
                    initial[f"{indicator}__{part}"] = str(value)
    return initial


# -- comparing -----------------------------------------------------------------------------
def flatten(stored: Mapping[str, Any]) -> dict[str, tuple[str, str]]:
    """item → (label, value) for every value kept, as a person reads it."""
    rows: dict[str, tuple[str, str]] = {}
    basic = stored.get("basic")
    if isinstance(basic, dict):
        for key, value in basic.items():
            label = FIELD_BY_KEY[key].label if key in FIELD_BY_KEY else key
            rows[key] = (label, f"{value}{unit_of(key) if key in FIELD_BY_KEY else ''}")
    judgements = stored.get("judgements")
    if isinstance(judgements, dict):
        for indicator, entry in judgements.items():
            if isinstance(entry, dict):
                for part, value in entry.items():
                    label = f"评价判断 {indicator}：{JUDGEMENT_PARTS.get(part, part)}"
                    rows[f"{indicator}__{part}"] = (label, str(value))
    return rows


def compare(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[Change]:
    """What differs between two 基础数据, item by item."""
    return changes_between(flatten(before), flatten(after))


# -- the write -----------------------------------------------------------------------------
STALE = "保存失败：在您填写期间，他人已修改了这份报告。您填写的内容仍在下方，请核对后再保存"


def submission_basic_data_save(
    *,
    submission: Submission,
    basic_data: JSON,
    lock_version: int,
    by: User,
    figures: Mapping[str, Decimal | None] | None = None,
) -> Submission:
    """Keep the 基础数据, score the report again with it, and record the change.

    ``lock_version`` is the one the user's form was built on: when somebody saved in between,
    Conflict is raised and nothing is written. A report that is not a draft or returned (it
    is with the head, the finance bureau or the public) cannot be changed, as for editing.
    """
    check_editable(submission, by)  # the edit page's rule, and below its guarded write
    # A report figure is kept once, in the report's data: one typed among the 基础数据 (by
    # the API, or kept by an older save) goes there, and ``figures`` (the page's, with the
    # ones emptied) over it.
    typed = basic_data.get("basic") if isinstance(basic_data.get("basic"), dict) else {}
    moved: dict[str, Decimal | None] = {
        SHARED[k]: decimal_or_none(v) for k, v in (typed or {}).items() if k in SHARED
    }
    basic_data = {
        **basic_data,
        "basic": {k: v for k, v in (typed or {}).items() if k not in SHARED},
    }
    data = with_figures(submission.data, moved | dict(figures or {}))
    evaluated = evaluation.evaluate(
        submission=submission, data=data, document=submission.document, basic_data=basic_data
    )
    data = evaluation.with_standard_names(data, evaluated.report)
    with transaction.atomic():
        # The edit page's guarded write (findings, scorecard, the campaign view's columns, the
        # lock version), then the 基础数据 beside it, in the same transaction.
        written = write_working_copy(
            submission,
            data=data,
            evaluated=evaluated,
            by=by,
            expected_lock=lock_version,
        )
        if not written:
            raise Conflict(STALE)
        Submission.objects.filter(pk=submission.pk).update(basic_data=basic_data)
        changes = _changes(compare(submission.basic_data or {}, basic_data))
        scored = evaluated.scored
        summary = {
            "basic_data": changes,
            "changes": _changes(changes_of_data(submission.data, data)),
            "lock_version": lock_version + 1,
            "score": str(scored.total) if scored and scored.total is not None else None,
        }
        audit_record(action=AuditAction.UPDATE, actor=by, target=submission, summary=summary)
    submission.refresh_from_db()
    return submission


def _changes(changes: Iterable[Change]) -> list[dict[str, str]]:
    return [{"field": c.label, "before": c.before, "after": c.after} for c in changes]
