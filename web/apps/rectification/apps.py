from django.apps import AppConfig


class RectificationConfig(AppConfig):
    name = "apps.rectification"
    label = "rectification"
    verbose_name = "结果应用"
