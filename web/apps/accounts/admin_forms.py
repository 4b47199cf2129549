"""The admin's password form with its help text wholly in Chinese.

Django appends an untranslated English warning to the translated help of "基于密码的认证"
("If disabled, the current password for this user will be lost."): the whole text is given
here in Chinese, with the same warning element Django's page script shows and hides.
"""

from __future__ import annotations

from django.contrib.auth.forms import AdminPasswordChangeForm


class ChineseAdminPasswordChangeForm(AdminPasswordChangeForm):
    usable_password_help_text = (
        "用户是否可以用密码登录。停用后，用户仍可能通过其他方式（如单点登录）登录。"
        '<ul id="id_unusable_warning" class="messagelist"><li class="warning">'
        "停用后，该用户当前的密码将失效。</li></ul>"
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if "usable_password" in self.fields:
            self.fields["usable_password"].help_text = self.usable_password_help_text
