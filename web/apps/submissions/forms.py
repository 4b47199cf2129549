"""The preparer's forms over a submission's data, and the way back from forms to data.

A bound form that fails validation is shown again with what was typed (Django keeps the
submitted values), so a mistake never costs the user their input.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from django import forms

from apps.amounts import AmountField
from apps.submissions import engine
from apps.submissions.fields import (
    FIELDS,
    FUNCTIONAL_BASIS,
    GROUPS,
    INDICATOR_COLUMNS,
    NARRATIVES,
    get_path,
    quoted,
    set_path,
)
from apps.submissions.reportdata import Data, decimal_or_none

_MAX_AMOUNT = Decimal("1e12")  # 万元: far beyond any unit's money; absurd figures are refused


def _decimal_field(label: str, *, money: bool) -> forms.DecimalField:
    return AmountField(
        label=label,
        required=False,
        max_digits=20,
        decimal_places=6,
        min_value=None if not money else Decimal(0),
        max_value=_MAX_AMOUNT,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={"invalid": "请填写数字，如 793.43"},
    )


class ReportDataForm(forms.Form):
    """The figures, the narrative lists and the lock version the form was built on."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput)
    functional_basis = forms.ChoiceField(
        label="功能分类对应的支出", choices=list(FUNCTIONAL_BASIS.items()), required=False
    )

    def __init__(self, *args: Any, evidence: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for spec in FIELDS:
            if spec.kind == "text":
                field: forms.Field = forms.CharField(label=spec.label, required=False, max_length=8)
            else:
                field = _decimal_field(spec.label, money=spec.kind == "money")
            quote = (evidence or {}).get(spec.path)
            if quote:
                field.help_text = f"原文：{quoted(quote)}"
            self.fields[spec.form_name] = field
        for name, label in NARRATIVES.items():
            self.fields[name] = forms.CharField(
                label=label,
                required=False,
                max_length=20000,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text="每行一条",
            )
        self.fields["self_score"].validators.append(_within_100)

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The bound fields by group, for the template."""
        out: list[tuple[str, list[forms.BoundField]]] = []
        for key, title in GROUPS.items():
            out.append((title, [self[s.form_name] for s in FIELDS if s.group == key]))
        return out

    def narratives(self) -> list[forms.BoundField]:
        return [self[name] for name in NARRATIVES]


def _within_100(value: Decimal | None) -> None:
    if value is not None and not Decimal(0) <= value <= Decimal(100):
        raise forms.ValidationError("自评得分应在0到100之间")


class FunctionalForm(forms.Form):
    stated_name = forms.CharField(label="功能分类科目", max_length=64, required=False)
    amount = _decimal_field("金额（万元）", money=True)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("stated_name") and cleaned.get("amount") is None:
            self.add_error("amount", "请填写该科目的金额")
        if cleaned.get("amount") is not None and not cleaned.get("stated_name"):
            self.add_error("stated_name", "请填写科目名称")
        return cleaned


FunctionalFormSet = forms.formset_factory(FunctionalForm, extra=2, can_delete=True, max_num=60)


class IndicatorForm(forms.Form):
    level1 = forms.CharField(label=INDICATOR_COLUMNS["level1"], max_length=32, required=False)
    level2 = forms.CharField(label=INDICATOR_COLUMNS["level2"], max_length=32, required=False)
    level3 = forms.CharField(label=INDICATOR_COLUMNS["level3"], max_length=128, required=False)
    direction = forms.ChoiceField(
        label=INDICATOR_COLUMNS["direction"],
        required=False,
        choices=[("", "—"), ("≥", "≥"), ("≤", "≤"), ("=", "="), ("定性", "定性")],
    )
    target = forms.CharField(label=INDICATOR_COLUMNS["target"], max_length=64, required=False)
    actual = forms.CharField(label=INDICATOR_COLUMNS["actual"], max_length=64, required=False)
    unit = forms.CharField(label=INDICATOR_COLUMNS["unit"], max_length=16, required=False)
    weight = _decimal_field(INDICATOR_COLUMNS["weight"], money=True)
    score = _decimal_field(INDICATOR_COLUMNS["score"], money=True)


IndicatorFormSet = forms.formset_factory(IndicatorForm, extra=2, can_delete=True, max_num=200)


def _typed(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


def evidence_quotes(data: Data) -> dict[str, str]:
    """path → the quote it was read from, for the help text beside each field."""
    found: dict[str, str] = {}
    for item in data.get("evidence") or []:
        if isinstance(item, dict) and item.get("path") and item.get("quote"):
            found.setdefault(str(item["path"]), str(item["quote"]))
    return found


def initial_of(data: Data, lock_version: int) -> dict[str, Any]:
    initial: dict[str, Any] = {"lock_version": lock_version}
    for spec in FIELDS:
        initial[spec.form_name] = _typed(get_path(data, spec.path))
    basis = get_path(data, "spending.functional_basis")
    initial["functional_basis"] = basis if basis in FUNCTIONAL_BASIS else "unknown"
    for name in NARRATIVES:
        items = data.get(name)
        initial[name] = "\n".join(str(i) for i in items) if isinstance(items, list) else ""
    return initial


def functional_initial(data: Data) -> list[dict[str, Any]]:
    items = get_path(data, "spending.functional")
    return [
        {"stated_name": item.get("stated_name", ""), "amount": _typed(item.get("amount"))}
        for item in (items if isinstance(items, list) else [])
        if isinstance(item, dict)
    ]


def indicator_initial(data: Data) -> list[dict[str, Any]]:
    rows = data.get("indicators")
    return [
        {column: _typed(row.get(column)) or "" for column in INDICATOR_COLUMNS}
        for row in (rows if isinstance(rows, list) else [])
        if isinstance(row, dict)
    ]


def _as_text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def data_from_forms(
    previous: Data,
    form: ReportDataForm,
    functional: Any,
    indicators: Any,
) -> Data:
    """The new data: the previous data with every edited part replaced (forms are valid)."""
    data = copy.deepcopy(previous)
    cleaned = form.cleaned_data
    for spec in FIELDS:
        value = cleaned.get(spec.form_name)
        if spec.kind == "text":
            set_path(data, spec.path, (value or "").strip() or None)
        else:
            set_path(data, spec.path, _as_text(value))
    set_path(data, "spending.functional_basis", cleaned.get("functional_basis") or "unknown")
    for name in NARRATIVES:
        lines = (cleaned.get(name) or "").splitlines()
        data[name] = [line.strip() for line in lines if line.strip()]
    set_path(data, "spending.functional", _functional_rows(functional))
    data["indicators"] = _indicator_rows(indicators)
    return data


def _functional_rows(formset: Any) -> list[dict[str, Any]]:
    rows = []
    for sub in formset.forms:
        cleaned = sub.cleaned_data
        if not cleaned or cleaned.get("DELETE") or not cleaned.get("stated_name"):
            continue
        rows.append(
            {
                "code": None,
                "name": None,
                "stated_name": cleaned["stated_name"].strip(),
                "amount": _as_text(cleaned.get("amount")),
            }
        )
    return rows


def _indicator_rows(formset: Any) -> list[dict[str, Any]]:
    rows = []
    for sub in formset.forms:
        cleaned = sub.cleaned_data
        if not cleaned or cleaned.get("DELETE"):
            continue
        if not any(cleaned.get(k) for k in ("level1", "level2", "level3")):
            continue
        row: dict[str, Any] = {}
        for column in INDICATOR_COLUMNS:
            value = cleaned.get(column)
            if isinstance(value, Decimal):
                row[column] = _as_text(value)
            else:
                row[column] = (value or "").strip() or None
        row["level1"] = row["level1"] or ""
        row["level2"] = row["level2"] or ""
        row["level3"] = row["level3"] or ""
        rows.append(row)
    return rows


def decimal_text(value: object) -> str:
    number = decimal_or_none(value)
    return "" if number is None else format(number, "f")


class UploadForm(forms.Form):
    file = forms.FileField(
        label="报告文件",
        help_text=(
            f"支持 {engine.READABLE_NAMES}；上传后在后台读取（扫描件逐页识别，页面显示进度），"
            "读取结果将替换当前数据。"
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(engine.READABLE_SUFFIXES)}),
    )
