"""The scorecard and the downloads, when the core's scoring and rendering are there."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from apps.submissions import engine
from apps.submissions.models import Submission
from tests.web.conftest import World, report_for

Upload = Callable[..., Submission]


def test_the_scorecard_is_kept_and_shown(world: World, upload: Upload) -> None:
    submission = upload(world.submission(world.a), world.prep_a, report_for(world.a))
    card = submission.scorecard
    assert card is not None and "error" not in card
    assert card["lines"] and card["framework"]["name"]
    client = Client()
    client.force_login(world.prep_a)
    page = client.get(f"/submissions/{submission.pk}/").content.decode()
    assert "逐项得分" in page and "评分功能即将提供" not in page
    if card["total"] is None:
        assert "评分还缺少以下数据" in page and card["missing"][0]["label"] in page


def test_an_unknown_framework_name_is_never_loaded_as_a_path(world: World) -> None:
    from jixiao.intake.parse import parse_text

    report = parse_text(report_for(world.a), source="a.txt")
    scored = engine.score(report, framework="/etc/passwd.yaml")
    assert scored is not None and "error" not in scored.card
