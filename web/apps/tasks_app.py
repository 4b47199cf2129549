"""The background-task tables (django-tasks' database backend) named in Chinese in the admin.

The add-on names its application "Tasks Database Backend" in plain English and gives its rows
no name of their own ("DBTaskResult object (…)"); its field labels are translated in
web/locale. Installed in place of ``django_tasks_db`` (same name and label, same tables).
"""

from __future__ import annotations

from typing import Any

from django_tasks_db.apps import TasksAppConfig


class TasksDatabaseConfig(TasksAppConfig):
    verbose_name = "后台任务"

    def ready(self) -> None:
        super().ready()
        from django_tasks_db.models import DBTaskResult  # noqa: PLC0415 (models load after apps)

        def task_name(result: Any) -> str:
            return f"后台任务（{result.enqueued_at:%Y-%m-%d %H:%M:%S} 排队）"

        DBTaskResult.__str__ = task_name  # type: ignore[method-assign,assignment]
