"""Forms of the key-project evaluations. They check shapes; the services check the rules."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from apps.evaluations.models import Indicator
from apps.evaluations.papers import FILE_SUFFIXES, MAX_FILES
from apps.units.models import Region, Unit
from jixiao.scoring.key_rules import load_key_rules

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
GRADES = ("优", "良", "中", "差")


def _points(label: str, *, required: bool = False) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, required=required, min_value=Decimal(0), max_digits=7, decimal_places=2
    )


class PlanForm(forms.Form):
    year = forms.IntegerField(label="评价年度", min_value=2000, max_value=2100)
    title = forms.CharField(label="计划名称", max_length=128)
    organizer = forms.CharField(label="组织单位", max_length=64, help_text="如：雁川市财政局")
    number = forms.CharField(label="计划文号", max_length=64, required=False)


class CandidateFilterForm(forms.Form):
    min_amount = forms.DecimalField(
        label="预算金额不低于（万元）", required=False, min_value=Decimal(0), max_digits=20
    )
    continuing = forms.ChoiceField(
        label="新增或延续",
        required=False,
        choices=(("", "全部"), ("new", "新增项目"), ("continuing", "延续项目")),
    )
    policy_area = forms.ChoiceField(label="政策领域", required=False, choices=())
    last_grade = forms.ChoiceField(
        label="上年评价等级",
        required=False,
        choices=(("", "全部"), *((g, g) for g in GRADES), ("none", "未评价")),
    )

    def __init__(self, *args: Any, areas: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["policy_area"].choices = [("", "全部"), *((a, a) for a in areas)]
        self.fields["min_amount"].initial = load_key_rules().min_amount


class AssignExpertForm(forms.Form):
    expert = forms.ChoiceField(label="评审专家")

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expert"].choices = [("", "请选择"), *choices]


class SheetForm(forms.Form):
    """Points and reason per indicator: fields ``points-<id>`` and ``reason-<id>``."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    stated_total = _points("评分表合计（可选）")

    def __init__(self, *args: Any, indicators: list[Indicator], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        self.fields[
            "stated_total"
        ].help_text = "按纸质评分表填写的合计；与各项得分之和不符时不能提交"
        for indicator in indicators:
            field = _points(f"{indicator.level3}得分")
            field.max_value = indicator.weight
            field.widget.attrs.update({"max": str(indicator.weight), "step": "0.01"})
            self.fields[f"points-{indicator.pk}"] = field
            self.fields[f"reason-{indicator.pk}"] = forms.CharField(
                label=f"{indicator.level3}评分理由",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self) -> list[tuple[Indicator, Any, Any]]:
        return [(i, self[f"points-{i.pk}"], self[f"reason-{i.pk}"]) for i in self.indicators]


class DiscussionForm(forms.Form):
    points = _points("合议得分", required=True)
    reason = forms.CharField(
        label="合议理由", max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class FiguresForm(forms.Form):
    budget = forms.DecimalField(
        label="核实的全年预算数（万元）", required=False, max_digits=20, decimal_places=6
    )
    executed = forms.DecimalField(
        label="核实的全年执行数（万元）", required=False, max_digits=20, decimal_places=6
    )

    def __init__(self, *args: Any, indicators: list[Indicator], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = [i for i in indicators if i.row_key]
        for indicator in self.indicators:
            self.fields[f"actual-{indicator.pk}"] = forms.CharField(
                label=f"{indicator.level3}（目标{indicator.target}）",
                required=False,
                max_length=128,
                initial=indicator.actual,
            )

    def actuals(self) -> dict[int, str]:
        return {i.pk: self.cleaned_data.get(f"actual-{i.pk}") or "" for i in self.indicators}


class ReportTextForm(forms.Form):
    experience = forms.CharField(
        label="主要经验（每行一条）",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    problems = forms.CharField(
        label="存在问题（每行一条）",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="不填时，报告列出失分较多的指标及评价人的评分理由",
    )
    suggestions = forms.CharField(
        label="建议（每行一条）",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class RequestForm(forms.Form):
    title = forms.CharField(label="资料名称", max_length=128)
    detail = forms.CharField(label="具体要求", max_length=2000, required=False)
    due_date = forms.DateField(label="提交期限", widget=_DATE)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(FILE_SUFFIXES)}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="文件",
        help_text=f"可选多个文件（最多{MAX_FILES}个）：{'、'.join(FILE_SUFFIXES)}",
        error_messages={"required": "请选择要提交的文件"},
    )
    note = forms.CharField(label="说明", max_length=200, required=False)


class VisitForm(forms.Form):
    visited_on = forms.DateField(label="核查日期", widget=_DATE)
    place = forms.CharField(label="核查地点", max_length=128)
    people = forms.CharField(label="参加人员", max_length=200)
    notes = forms.CharField(
        label="核查情况", max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class SurveyForm(forms.Form):
    subject = forms.CharField(label="调查对象", max_length=128)
    method = forms.CharField(label="调查方式", max_length=64, help_text="如：入户问卷、电话回访")
    sample = forms.IntegerField(label="有效样本数", required=False, min_value=0)
    satisfied = forms.IntegerField(label="满意样本数", required=False, min_value=0)
    rate = forms.DecimalField(
        label="满意度（%）",
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=6,
        decimal_places=2,
    )


class FeedbackForm(forms.Form):
    agrees = forms.TypedChoiceField(
        label="对评价结论",
        choices=(("1", "无异议"), ("0", "有异议")),
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label="反馈意见",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="对报告的事实、数据和结论逐条说明意见；有异议的请附理由",
        error_messages={"required": "请填写对评价报告的意见；无异议也请写明"},
    )


class FinalizeForm(forms.Form):
    comment = forms.CharField(
        label="对单位意见的采纳情况",
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ExpertForm(forms.Form):
    full_name = forms.CharField(label="姓名", max_length=64)
    username = forms.CharField(label="登录名", max_length=150)
    password = forms.CharField(
        label="初始密码", min_length=8, widget=forms.PasswordInput(render_value=False)
    )
    field = forms.CharField(label="专业领域", max_length=64)
    title = forms.CharField(label="职称", max_length=32, required=False)
    employer = forms.CharField(label="工作单位", max_length=128)
    employer_unit = forms.ModelChoiceField(
        label="工作单位（如为预算单位）",
        queryset=Unit.objects.filter(active=True),
        required=False,
        help_text="在本市预算单位任职的专家请选择其单位：评价该单位或其下属单位的项目时自动回避",
    )
    region = forms.ModelChoiceField(label="所在区域", queryset=Region.objects.all(), required=False)


class ConflictForm(forms.Form):
    unit = forms.ModelChoiceField(label="回避单位", queryset=Unit.objects.filter(active=True))
    reason = forms.CharField(label="回避事由", max_length=200)


class DeclareForm(forms.Form):
    reason = forms.CharField(
        label="利益冲突事由", max_length=200, help_text="如：近三年曾为该单位提供咨询服务"
    )


class AgencyForm(forms.Form):
    name = forms.CharField(label="机构名称", max_length=128)
    credit_code = forms.CharField(label="统一社会信用代码", max_length=18, required=False)
    contact = forms.CharField(label="联系人及电话", max_length=64, required=False)
    username = forms.CharField(label="机构账号登录名", max_length=150)
    password = forms.CharField(
        label="初始密码", min_length=8, widget=forms.PasswordInput(render_value=False)
    )


class StaffForm(forms.Form):
    full_name = forms.CharField(label="姓名", max_length=64)
    username = forms.CharField(label="登录名", max_length=150)
    password = forms.CharField(
        label="初始密码", min_length=8, widget=forms.PasswordInput(render_value=False)
    )
