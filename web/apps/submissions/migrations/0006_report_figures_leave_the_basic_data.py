"""The 基础数据 items that are report figures move into the report's data (ADR 0011).

An older save kept them beside the report (``basic_data``), where they overrode the report's
figure in the score but reached nothing else. The figure typed there wins, as it did in the
score; the versions already submitted stay as they were. The campaign view's columns follow
at the report's next write.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

# apps.submissions.shared_figures.SHARED as it was when this migration was written.
SHARED = {
    "three_public_actual": ("three_public", "total"),
    "public_actual": ("spending", "public"),
    "project_spending": ("spending", "project"),
    "budget_initial": ("budget", "initial"),
    "budget": ("budget", "adjusted"),
    "budget_completed": ("budget", "executed"),
    "execution_rate": ("budget", "execution_rate"),
}


def forwards(apps: Any, schema_editor: Any) -> None:
    submission_model = apps.get_model("submissions", "Submission")
    for submission in submission_model.objects.exclude(basic_data={}).iterator():
        basic = (submission.basic_data or {}).get("basic")
        if not isinstance(basic, dict) or not set(basic) & set(SHARED):
            continue
        data = dict(submission.data or {})
        for key in [k for k in basic if k in SHARED]:
            section, name = SHARED[key]
            part = data.get(section) if isinstance(data.get(section), dict) else {}
            data[section] = {**part, name: basic.pop(key)}
        submission.data = data
        submission.save(update_fields=["data", "basic_data"])


class Migration(migrations.Migration):
    dependencies = [("submissions", "0005_amendments_beside_the_figures")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
