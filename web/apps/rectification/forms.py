"""Rectification forms: the notice the bureau sends, the unit's reply with its attachments."""

from __future__ import annotations

from typing import Any

from django import forms

from apps.rectification.services import ATTACHMENT_SUFFIXES, MAX_ATTACHMENTS


class NoticeForm(forms.Form):
    number = forms.CharField(
        label="通知文号", max_length=64, required=False, help_text="如：雁财绩整〔2023〕3号"
    )
    reasons = forms.CharField(
        label="整改事由", max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    requirements = forms.CharField(
        label="整改要求",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        initial="针对上述问题分析原因，制定整改措施，明确责任人和完成时限，并在整改期限内提交整改反馈及佐证材料。",
    )
    due_date = forms.DateField(
        label="整改期限", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ",".join(ATTACHMENT_SUFFIXES)})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ReplyForm(forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(
        label="整改情况",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="逐条说明采取的整改措施和取得的结果",
        error_messages={"required": "请填写整改情况"},
    )
    files = MultipleFileField(
        label="佐证材料",
        required=False,
        help_text=f"可选多个文件（最多{MAX_ATTACHMENTS}个）：{'、'.join(ATTACHMENT_SUFFIXES)}",
    )


class StepForm(forms.Form):
    comment = forms.CharField(
        label="意见", max_length=5000, required=True, widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "请填写意见，说明还需要整改的地方"},
    )  # fmt: skip
