"""A report's data sent as JSON, checked by the same forms the edit page uses.

The JSON is turned into the form fields the page would post, so every rule on a figure
(a number, not negative, at most 10^12 万元, 自评得分 within 0–100, …) and its Chinese message
is the forms' own. Errors come back with the JSON location of each field.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.forms import BaseFormSet, Form
from django.utils import translation

from apps.api.errors import ApiError
from apps.api.schemas import DataIn
from apps.submissions.fields import FIELDS, INDICATOR_COLUMNS, NARRATIVES, get_path
from apps.submissions.forms import (
    FunctionalFormSet,
    IndicatorFormSet,
    ReportDataForm,
    data_from_forms,
)
from apps.submissions.reportdata import Data

_FORM_TO_PATH = {spec.form_name: spec.path for spec in FIELDS}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)  # nan, inf and 1e+400 stay recognisable for the form to refuse
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _management(prefix: str, count: int) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(count),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def form_input(payload: DataIn, *, lock_version: int) -> dict[str, str]:
    """The POST the edit page would send for this data."""
    sent = payload.model_dump()
    post: dict[str, str] = {"lock_version": str(lock_version)}
    for spec in FIELDS:
        post[spec.form_name] = _text(get_path(sent, spec.path))
    post["functional_basis"] = payload.spending.functional_basis or "unknown"
    for name in NARRATIVES:
        post[name] = "\n".join(str(line) for line in sent[name])
    post.update(_management("functional", len(payload.spending.functional)))
    for index, item in enumerate(payload.spending.functional):
        post[f"functional-{index}-stated_name"] = item.stated_name or ""
        post[f"functional-{index}-amount"] = _text(item.amount)
    post.update(_management("indicators", len(payload.indicators)))
    for index, row in enumerate(payload.indicators):
        values = row.model_dump()
        for column in INDICATOR_COLUMNS:
            post[f"indicators-{index}-{column}"] = _text(values.get(column))
    return post


def _form_errors(form: Form, location: Any) -> list[dict[str, str]]:
    return [
        {"location": location(field), "message": str(message)}
        for field, messages in form.errors.items()
        for message in messages
    ]


def _formset_errors(formset: BaseFormSet[Any], base: str) -> list[dict[str, str]]:
    found = [{"location": base, "message": str(m)} for m in formset.non_form_errors()]
    for index, form in enumerate(formset.forms):
        found += _form_errors(form, lambda field, i=index: f"{base}.{i}.{field}")
    return found


def validated_data(previous: Data, payload: DataIn, *, lock_version: int) -> Data:
    """The new data (``previous`` with every editable part replaced), or 422 with each field's
    Chinese message."""
    post = form_input(payload, lock_version=lock_version)
    with translation.override("zh-hans"):
        form = ReportDataForm(post)
        functional = FunctionalFormSet(post, prefix="functional")
        indicators = IndicatorFormSet(post, prefix="indicators")
        valid = [form.is_valid(), functional.is_valid(), indicators.is_valid()]
        if all(valid):
            return data_from_forms(previous, form, functional, indicators)
        details = _form_errors(form, lambda field: "body." + _FORM_TO_PATH.get(field, field))
        details += _formset_errors(functional, "body.spending.functional")
        details += _formset_errors(indicators, "body.indicators")
    first = details[0] if details else {"location": "body", "message": "数据有误"}
    message = f"数据有误：{first['location']} {first['message']}"
    if len(details) > 1:
        message += f"（共{len(details)}处）"
    raise ApiError(422, "invalid_data", message, details)
