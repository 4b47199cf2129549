"""The leak check of the page tests: another unit's code in a random token is no leak."""

from __future__ import annotations

from tests.web.security.leaks import leaked


def test_a_code_inside_a_random_token_is_no_leak() -> None:
    token = '<input type="hidden" name="csrfmiddlewaretoken" value="x7QB01kLm">'
    assert leaked(["B01"], token) == []
    assert leaked(["B01"], "<td>B01</td>") == ["B01"]
    assert leaked(["B01"], "单位代码：B01。") == ["B01"]
    assert leaked(["乙县民政局"], "来自乙县民政局的报告") == ["乙县民政局"]
