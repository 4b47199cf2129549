"""Monitoring forms: a checkpoint (the bureau), and a unit's record: a row per budget line and
per indicator, with the reason and the corrective step that a red light requires."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms

from apps.amounts import AmountField
from apps.monitoring.assess import IndicatorEntry, LineEntry
from apps.monitoring.models import likelihood_choices

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CheckpointForm(forms.Form):
    year = forms.IntegerField(label="预算年度", min_value=2000, max_value=2100)
    as_of = forms.DateField(label="监控时点", widget=_DATE, help_text="如 7月31日")
    title = forms.CharField(
        label="名称", max_length=128, required=False, help_text="不填则为“某年1–7月绩效运行监控”"
    )
    due_date = forms.DateField(label="报送截止日期", widget=_DATE)
    note = forms.CharField(
        label="填报说明", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = datetime.date.today()
        self.fields["year"].initial = today.year
        self.fields["as_of"].initial = datetime.date(today.year, 7, 31)
        self.fields["due_date"].initial = datetime.date(today.year, 8, 15)


def _text(label: str, rows: int = 2) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": rows})
    )


class RecordHeadForm(forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = _text("总体偏差原因（可选）")
    corrective = _text("总体纠偏措施（可选）")


class LineForm(forms.Form):
    budget_line_id = forms.IntegerField(widget=forms.HiddenInput)
    executed = AmountField(
        label="截至时点已执行（万元）",
        max_digits=20,
        decimal_places=6,
        min_value=Decimal(0),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={"required": "请填写已执行金额（没有支出填0）", "invalid": "请填写数字"},
    )
    reason = _text("偏差原因")
    corrective = _text("纠偏措施")

    def entry(self) -> LineEntry:
        c = self.cleaned_data
        return LineEntry(
            c["budget_line_id"], c["executed"], c.get("reason") or "", c.get("corrective") or ""
        )


class IndicatorForm(forms.Form):
    indicator_id = forms.IntegerField(widget=forms.HiddenInput)
    done = forms.CharField(label="截至时点完成值", max_length=128, required=False)
    expected = forms.CharField(label="全年预计完成值", max_length=128, required=False)
    likelihood = forms.ChoiceField(label="完成目标可能性", required=False, choices=[])
    reason = _text("偏差原因")
    corrective = _text("纠偏措施")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["likelihood"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *likelihood_choices()]

    def entry(self) -> IndicatorEntry:
        c = self.cleaned_data
        return IndicatorEntry(
            c["indicator_id"],
            c.get("done") or "",
            c.get("expected") or "",
            c.get("likelihood") or "",
            c.get("reason") or "",
            c.get("corrective") or "",
        )


LineFormSet = forms.formset_factory(LineForm, extra=0, max_num=500)
IndicatorFormSet = forms.formset_factory(IndicatorForm, extra=0, max_num=1000)
