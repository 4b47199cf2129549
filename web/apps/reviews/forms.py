"""The return form: an overall comment, a comment per finding, and comments on fields; the
gate form: the reason to accept or publish with open errors, and the confirmation."""

from __future__ import annotations

from typing import Any

from django import forms

from apps.reviews.models import CommentTarget
from apps.reviews.services import CommentInput
from apps.submissions.fields import FIELDS, NARRATIVES, OTHER_LABELS

FIELD_CHOICES = [("", "（选择数据项）")] + [
    (path, label)
    for path, label in [
        *((spec.path, spec.label) for spec in FIELDS),
        ("spending.functional", OTHER_LABELS["spending.functional"]),
        ("indicators", OTHER_LABELS["indicators"]),
        *NARRATIVES.items(),
    ]
]
FIELD_COMMENT_ROWS = 3
# The overall comment's label on each step's page (the return form's default: 总体意见).
COMMENT_LABELS = {
    "send_back": "退回意见",
    "dept_return": "初审意见",
    "withdraw": "撤回公开的理由",
}


class GateForm(forms.Form):
    """Accept or publish: the written reason is required while the report has open errors."""

    reason = forms.CharField(
        label="通过理由",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="报告仍有错误未更正时必须填写：说明为何仍予通过。理由记入流程记录，并显示在评分旁。",
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args: Any, reason_required: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reason_required = reason_required

    def clean_reason(self) -> str:
        reason = str(self.cleaned_data.get("reason") or "").strip()
        if self.reason_required and not reason:
            raise forms.ValidationError("报告仍有错误未更正：请写明通过的理由")
        return reason


class CommentForm(forms.Form):
    comment = forms.CharField(
        label="总体意见", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self, *args: Any, findings: list[dict[str, Any]], with_details: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.findings = findings
        if not with_details:
            return
        for index, finding in enumerate(findings):
            self.fields[f"finding_{index}"] = forms.CharField(
                label=str(finding.get("message", ""))[:200],
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        for row in range(FIELD_COMMENT_ROWS):
            self.fields[f"field_{row}"] = forms.ChoiceField(
                label="数据项", choices=FIELD_CHOICES, required=False
            )
            self.fields[f"field_{row}_text"] = forms.CharField(
                label="意见", required=False, max_length=2000
            )

    def finding_fields(self) -> list[tuple[dict[str, Any], forms.BoundField]]:
        return [
            (f, self[f"finding_{i}"])
            for i, f in enumerate(self.findings)
            if f"finding_{i}" in self.fields
        ]

    def field_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"field_{r}"], self[f"field_{r}_text"])
            for r in range(FIELD_COMMENT_ROWS)
            if f"field_{r}" in self.fields
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for row in range(FIELD_COMMENT_ROWS):
            if cleaned.get(f"field_{row}_text") and not cleaned.get(f"field_{row}"):
                self.add_error(f"field_{row}", "请选择这条意见针对的数据项")
        return cleaned

    def comment_inputs(self) -> list[CommentInput]:
        cleaned = self.cleaned_data
        found: list[CommentInput] = []
        for index, finding in enumerate(self.findings):
            text = (cleaned.get(f"finding_{index}") or "").strip()
            if text:
                found.append(
                    CommentInput(
                        target=CommentTarget.FINDING,
                        key=str(finding.get("code", "")),
                        label=str(finding.get("message", "")),
                        text=text,
                    )
                )
        labels = dict(FIELD_CHOICES)
        for row in range(FIELD_COMMENT_ROWS):
            path = cleaned.get(f"field_{row}") or ""
            text = (cleaned.get(f"field_{row}_text") or "").strip()
            if path and text:
                found.append(
                    CommentInput(
                        target=CommentTarget.FIELD,
                        key=path,
                        label=labels.get(path, path),
                        text=text,
                    )
                )
        return found
