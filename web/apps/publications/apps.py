from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "apps.publications"
    label = "publications"
    verbose_name = "信息公开"
