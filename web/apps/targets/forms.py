"""The forms of target tables and self-evaluations. A bound form that fails validation is shown
again with what was typed, so a mistake never costs the user their input."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms

from apps.amounts import AmountField
from apps.targets.models import Band, Kind, ValueKind
from apps.targets.services import LineInput, RowInput

_MAX_AMOUNT = Decimal("1e12")
DIRECTIONS = [("", "—"), ("≥", "≥"), ("≤", "≤"), ("=", "=")]
LEVEL1_HINTS = ("产出指标", "效益指标", "满意度指标")


def _decimal(
    label: str, *, places: int = 6, minimum: Decimal | None = Decimal(0)
) -> forms.DecimalField:
    return AmountField(
        label=label,
        required=False,
        max_digits=20,
        decimal_places=places,
        min_value=minimum,
        max_value=_MAX_AMOUNT,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={"invalid": "请填写数字，如 120.5"},
    )


class TableCreateForm(forms.Form):
    kind = forms.ChoiceField(label="目标表类型", choices=Kind.choices)
    year = forms.IntegerField(label="预算年度", min_value=2000, max_value=2100)
    title = forms.CharField(
        label="项目名称", max_length=128, required=False, help_text="项目绩效目标表必填"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = datetime.date.today().year + 1

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("kind") == Kind.PROJECT and not (cleaned.get("title") or "").strip():
            self.add_error("title", "请填写项目名称")
        return cleaned


class TableHeadForm(forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput)
    goal = forms.CharField(
        label="年度总体目标",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="概括写明本年度要完成的主要任务和要达到的效果",
    )


class LineForm(forms.Form):
    name = forms.CharField(label="预算项目", max_length=128, required=False)
    amount = _decimal("年度预算（万元）")
    functional = forms.CharField(label="支出功能分类", max_length=64, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("name") and cleaned.get("amount") is None:
            self.add_error("amount", "请填写预算金额")
        if cleaned.get("amount") is not None and not cleaned.get("name"):
            self.add_error("name", "请填写预算项目名称")
        return cleaned


LineFormSet = forms.formset_factory(LineForm, extra=2, can_delete=True, max_num=50)


class RowForm(forms.Form):
    level1 = forms.CharField(
        label="一级指标", max_length=32, required=False,
        widget=forms.TextInput(attrs={"list": "level1-hints", "size": 8}),
    )  # fmt: skip
    level2 = forms.CharField(label="二级指标", max_length=32, required=False)
    level3 = forms.CharField(label="三级指标", max_length=128, required=False)
    value_type = forms.ChoiceField(label="类型", choices=ValueKind.choices, required=False)
    direction = forms.ChoiceField(label="性质", choices=DIRECTIONS, required=False)
    value = forms.CharField(label="指标值", max_length=64, required=False)
    unit = forms.CharField(
        label="计量单位", max_length=16, required=False, widget=forms.TextInput(attrs={"size": 5})
    )
    weight = _decimal("分值", places=2)
    budget_line = forms.TypedChoiceField(
        label="对应预算", required=False, coerce=int, empty_value=None, choices=[("", "—")]
    )
    explanation = forms.CharField(label="指标解释", max_length=2000, required=False)
    scoring_rule = forms.CharField(label="评（扣）分标准", max_length=2000, required=False)
    library_id = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, line_choices: list[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["budget_line"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "—"), *(line_choices or [])]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        named = any(cleaned.get(k) for k in ("level1", "level2", "level3"))
        if named and not cleaned.get("value_type"):
            cleaned["value_type"] = (
                ValueKind.QUANTITATIVE if cleaned.get("direction") else ValueKind.QUALITATIVE
            )
        return cleaned


RowFormSet = forms.formset_factory(RowForm, extra=2, can_delete=True, max_num=200)


def plain(value: Decimal | None) -> str | None:
    """A stored decimal as a person would type it: 1260.000000 → "1260", 207.9 → "207.9"."""
    if value is None:
        return None
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def line_choices(lines: list[tuple[int, str]]) -> list[tuple[str, str]]:
    return [(str(position), f"{position}. {name}") for position, name in lines]


def lines_of(formset: Any) -> list[LineInput]:
    found = []
    for form in formset.forms:
        cleaned = form.cleaned_data
        if not cleaned or cleaned.get("DELETE") or not cleaned.get("name"):
            continue
        found.append(
            LineInput(
                name=cleaned["name"],
                amount=cleaned["amount"],
                functional=cleaned.get("functional") or "",
            )
        )
    return found


def kept_line_positions(formset: Any) -> list[int]:
    """1-based positions of the lines the user kept, in order (to renumber the indicators)."""
    kept, position = [], 0
    for form in formset.forms:
        cleaned = form.cleaned_data
        if not cleaned or not cleaned.get("name"):
            continue
        position += 1
        if not cleaned.get("DELETE"):
            kept.append(position)
    return kept


def rows_of(formset: Any, kept_lines: list[int]) -> list[RowInput]:
    """The indicator rows; a link to a deleted budget line is dropped, the rest renumbered."""
    renumber = {old: new for new, old in enumerate(kept_lines, 1)}
    found = []
    for form in formset.forms:
        cleaned = form.cleaned_data
        if not cleaned or cleaned.get("DELETE"):
            continue
        if not any(cleaned.get(k) for k in ("level1", "level2", "level3")):
            continue
        line = cleaned.get("budget_line")
        found.append(
            RowInput(
                level1=cleaned.get("level1") or "",
                level2=cleaned.get("level2") or "",
                level3=cleaned.get("level3") or "",
                value_type=cleaned.get("value_type") or ValueKind.QUANTITATIVE,
                direction=cleaned.get("direction") or "",
                value=cleaned.get("value") or "",
                unit=cleaned.get("unit") or "",
                explanation=cleaned.get("explanation") or "",
                scoring_rule=cleaned.get("scoring_rule") or "",
                weight=cleaned.get("weight"),
                budget_line=renumber.get(line) if line else None,
                library_id=cleaned.get("library_id") or "",
            )
        )
    return found


def rows_as_data(formset: Any) -> list[dict[str, str]]:
    """The typed rows as the linter reads them, valid or not (for the live check)."""
    found = []
    for index in range(formset.total_form_count()):
        prefix = f"{formset.prefix}-{index}-"
        data = formset.data
        if data.get(f"{prefix}DELETE"):
            continue
        row = {
            name: str(data.get(f"{prefix}{name}", "")).strip()
            for name in ("level1", "level2", "level3", "value_type", "direction", "value", "unit")
        }
        row["key"] = str(index)
        if any(row[k] for k in ("level1", "level2", "level3")):
            found.append(row)
    return found


class LibraryForm(forms.Form):
    entries = forms.MultipleChoiceField(
        label="选择指标", widget=forms.CheckboxSelectMultiple, required=True,
        error_messages={"required": "请至少选择一个指标"},
    )  # fmt: skip

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["entries"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = choices


class StepCommentForm(forms.Form):
    comment = forms.CharField(
        label="意见", max_length=5000, required=True, widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "请填写意见，说明需要修改的地方"},
    )  # fmt: skip


# -- self-evaluation -----------------------------------------------------------------------
class EvaluationHeadForm(forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput)
    budget = _decimal("全年预算数（万元）")
    executed = _decimal("全年执行数（万元）")
    goal_result = forms.CharField(
        label="年度总体目标完成情况",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ActualForm(forms.Form):
    indicator_id = forms.IntegerField(widget=forms.HiddenInput)
    actual = forms.CharField(label="实际完成值", max_length=128, required=False)
    band = forms.ChoiceField(
        label="完成档次（定性指标）", choices=[("", "—"), *Band.choices], required=False
    )
    self_score = _decimal("自评得分", places=2)
    reason = forms.CharField(
        label="偏差原因分析及改进措施",
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


ActualFormSet = forms.formset_factory(ActualForm, extra=0, max_num=200)
