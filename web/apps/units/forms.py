from django import forms


class UnitImportForm(forms.Form):
    file = forms.FileField(
        label="单位名单（.xlsx）",
        help_text="表头须含“单位编码”“单位名称”“所属区域”，可含“单位类型”；按单位编码新增或更新。",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
