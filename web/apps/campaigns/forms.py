from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from apps.campaigns.models import Campaign
from apps.submissions import engine
from apps.units.models import Unit
from jixiao.domain.outlines import load_outlines


class CampaignForm(forms.ModelForm):  # type: ignore[type-arg]
    units = forms.ModelMultipleChoiceField(
        label="参评单位",
        queryset=Unit.objects.filter(active=True).order_by("code"),
        widget=forms.CheckboxSelectMultiple,
        required=True,
        error_messages={"required": "请至少选择一个参评单位"},
    )

    class Meta:
        model = Campaign
        fields = ("year", "notice_number", "title", "deadline", "outline", "framework")
        widgets: ClassVar[dict[str, forms.Widget]] = {
            "deadline": forms.DateInput(attrs={"type": "date"})
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "按报告自动识别")] + [(o.name, o.title) for o in load_outlines()]
        self.fields["outline"] = forms.ChoiceField(
            label="报告提纲", choices=choices, required=False
        )
        frameworks = [("", "按报告类型选用默认指标体系"), *engine.framework_choices()]
        self.fields["framework"] = forms.ChoiceField(
            label="评价指标体系", choices=frameworks, required=False
        )


class BatchUploadForm(forms.Form):
    file = forms.FileField(
        label="报告压缩包（.zip）",
        help_text="每个文件以单位名称命名，如“雁川市农业农村局.docx”；按单位名称匹配。",
        widget=forms.ClearableFileInput(attrs={"accept": ".zip"}),
    )
