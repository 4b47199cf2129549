"""The yearly cycle through the pages, as a browser would walk it (Django test client).

A unit sets its targets and the reviewer approves them; at the July checkpoint the unit records
its progress, gets a red light and must give the reason; at year end its self-evaluation is
scored against those targets; the 差 grade puts it on the rectification list, the bureau sends
a notice, and the unit answers it with an attachment.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from apps.monitoring.models import Checkpoint, MonitoringRecord
from apps.rectification.models import Notice, NoticeState
from apps.submissions.models import State
from apps.targets.models import TargetEvaluation, TargetTable
from tests.web.conftest import PASSWORD, World


def _client(user: object) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)  # type: ignore[attr-defined]
    return client


def _management(prefix: str, total: int, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _step(client: Client, url: str, action: str) -> str:
    page = client.post(url, {"action": action}, follow=True)
    assert page.status_code == 200
    return page.content.decode()


def _state(html: str) -> str:
    found = re.search(r'id="state" data-state="([a-z_]+)"', html)
    assert found is not None
    return found.group(1)


def _set_targets(world: World) -> TargetTable:
    preparer = _client(world.prep_a)
    page = preparer.post(
        "/targets/new/", {"kind": "project", "year": "2023", "title": "农技推广培训"}
    )
    assert page.status_code == 302
    table = TargetTable.objects.get(unit=world.a, year=2023)
    # pick from the library, then set the values and the budget line
    library = preparer.get(f"/targets/{table.pk}/library/").content.decode()
    assert "pj-output-count" in library and "受益对象满意度" in library
    preparer.post(
        f"/targets/{table.pk}/library/",
        {"entries": ["pj-output-count", "pj-jobs", "pj-deadline", "pj-satisfaction"]},
    )
    table.refresh_from_db()
    rows = list(table.indicators.order_by("position"))
    assert [r.level3 for r in rows] == [
        "项目完成数量",
        "带动就业人数",
        "项目完成时间",
        "受益对象满意度",
    ]
    edit = {"lock_version": str(table.lock_version), "goal": "全年完成农技培训10期，带动就业50人"}
    edit |= _management("lines", 1) | {"lines-0-name": "农技推广培训项目", "lines-0-amount": "400"}
    edit |= _management("rows", 4)
    values = {
        0: ("≥", "10", "期"),
        1: ("≥", "50", "人"),
        2: ("", "11月底前完成", ""),
        3: ("≥", "有效提升", "%"),
    }
    for index, row in enumerate(rows):
        direction, value, unit = values[index]
        edit |= {
            f"rows-{index}-level1": row.level1,
            f"rows-{index}-level2": row.level2,
            f"rows-{index}-level3": row.level3,
            f"rows-{index}-value_type": row.value_type,
            f"rows-{index}-direction": direction,
            f"rows-{index}-value": value,
            f"rows-{index}-unit": unit,
            f"rows-{index}-library_id": row.library_id,
        }
    # the live check flags the vague satisfaction target on its row as the unit types
    lint = preparer.post(f"/targets/{table.pk}/lint/", edit).json()["issues"]
    assert [(i["code"], i["row"]) for i in lint] == [("target-no-value", 3)]
    assert preparer.post(f"/targets/{table.pk}/edit/", edit).status_code == 302
    # submitting is refused while the check finds an error …
    detail = _step(preparer, f"/targets/{table.pk}/step/submit/", "submit")
    assert "目标表还有1处错误" in detail and _state(detail) == "draft"
    # … so the unit corrects the value and submits
    table.refresh_from_db()
    edit |= {
        "lock_version": str(table.lock_version),
        "rows-3-value": "90",
        "rows-0-budget_line": "1",
    }
    assert preparer.post(f"/targets/{table.pk}/edit/", edit).status_code == 302
    assert preparer.get(f"/targets/{table.pk}/lint/").json() == {"issues": []}
    assert _state(_step(preparer, f"/targets/{table.pk}/step/submit/", "submit")) == "submitted"
    head = _client(world.head_a)
    assert _state(_step(head, f"/targets/{table.pk}/step/approve/", "approve")) == "under_review"
    reviewer = _client(world.rev_x)
    assert "审核通过" in reviewer.get(f"/targets/{table.pk}/").content.decode()
    assert _state(_step(reviewer, f"/targets/{table.pk}/step/accept/", "accept")) == "accepted"
    table.refresh_from_db()
    assert table.approved_version is not None and table.approved_version.number == 1
    return table


def _july(world: World, table: TargetTable) -> None:
    reviewer = _client(world.rev_x)
    july = {"year": "2023", "as_of": "2023-07-31", "due_date": "2023-08-15", "title": ""}
    # The checkpoint holds for the whole city: its administrator sets it, not a region's reviewer.
    assert reviewer.post("/monitoring/new/", july).status_code == 403
    assert _client(world.admin).post("/monitoring/new/", july).status_code == 302
    checkpoint = Checkpoint.objects.get(year=2023)
    assert checkpoint.title == "2023年1–7月绩效运行监控"
    preparer = _client(world.prep_a)
    url = f"/monitoring/{checkpoint.pk}/units/{world.a.pk}/edit/"
    form = preparer.get(url).content.decode()
    assert "农技推广培训项目" in form and "项目完成数量" in form
    line = table.budget_lines.get()
    rows = list(table.indicators.order_by("position"))
    data = _management("lines", 1) | _management("rows", len(rows))
    data |= {"lines-0-budget_line_id": str(line.pk), "lines-0-executed": "120", "submit": "1"}
    for index, row in enumerate(rows):
        data |= {f"rows-{index}-indicator_id": str(row.pk), f"rows-{index}-likelihood": "certain"}
    data |= {"rows-0-done": "5", "rows-1-done": "30"}
    # 120 of 400 is 30% at 58.08% of the year: 51.65% of the time progress, red
    refused = preparer.post(url, data)
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "红灯：请填写偏差原因和纠偏措施" in html and 'value="120"' in html
    assert not MonitoringRecord.objects.exists()
    data |= {
        "lines-0-reason": "培训场地改造，上半年只办了3期",
        "lines-0-corrective": "8月起每月加办1期",
    }
    done = preparer.post(url, data, follow=True).content.decode()
    assert "已报送：执行率30.00%，红灯" in done
    record = MonitoringRecord.objects.get()
    assert (record.light, record.execution_light, str(record.time_progress)) == (
        "red",
        "red",
        "58.08",
    )
    overview = reviewer.get(f"/monitoring/{checkpoint.pk}/").content.decode()
    assert 'data-unit="A01" data-light="red"' in overview and 'data-count="red">1<' in overview


def _year_end(world: World, table: TargetTable) -> TargetEvaluation:
    preparer = _client(world.prep_a)
    page = preparer.post(f"/targets/{table.pk}/evaluation/")
    evaluation = TargetEvaluation.objects.get(table=table)
    assert page.url == f"/targets/evaluations/{evaluation.pk}/edit/"  # type: ignore[attr-defined]
    form = preparer.get(page.url).content.decode()  # type: ignore[attr-defined]
    assert "截至时点：5" in form  # the July record as a reminder
    rows = list(evaluation.rows.order_by("indicator__position"))
    data = {"lock_version": str(evaluation.lock_version), "budget": "400", "executed": "260"}
    data |= {"goal_result": "完成培训4期，带动就业10人"} | _management("rows", len(rows), len(rows))
    actuals = {
        0: ("4", "", "", "场地改造推迟，下半年集中培训未能完成"),
        1: ("10", "", "", "企业用工需求下降"),
        2: ("12月底完成", "未达成", "3", "延期一个月"),
        3: ("60", "", "", "培训内容与农户需求不符"),
    }
    for index, row in enumerate(rows):
        actual, band, score, reason = actuals[index]
        data |= {
            f"rows-{index}-indicator_id": str(row.indicator_id),
            f"rows-{index}-actual": actual,
            f"rows-{index}-band": band,
            f"rows-{index}-self_score": score,
            f"rows-{index}-reason": reason,
        }
    saved = preparer.post(page.url, data, follow=True).content.decode()  # type: ignore[attr-defined]
    # 执行 260/400 = 65% → 6.5; 产出 50 shared by its 2 rows: 项目完成数量 25 × 4/10 = 10,
    # 项目完成时间 未达成 [0, 15], the unit's 3; 效益 30 × 10/50 = 6; 满意度 10 × 60/90 = 6.67
    evaluation.refresh_from_db()
    assert (evaluation.score, evaluation.grade) == (Decimal("32.17"), "差")
    assert f"评分{evaluation.score}分（差）" in saved
    card = evaluation.scorecard or {}
    targets = {line["level3"]: line["target"] for line in card["lines"]}
    assert targets["项目完成数量"] == "10" and targets["受益对象满意度"] == "90"
    assert (
        _state(_step(preparer, f"/targets/evaluations/{evaluation.pk}/step/submit/", "submit"))
        == "submitted"
    )
    _step(_client(world.head_a), f"/targets/evaluations/{evaluation.pk}/step/approve/", "approve")
    reviewer = _client(world.rev_x)
    accepted = _step(reviewer, f"/targets/evaluations/{evaluation.pk}/step/accept/", "accept")
    assert _state(accepted) == "accepted"
    evaluation.refresh_from_db()
    return evaluation


def _rectify(world: World, evaluation: TargetEvaluation) -> None:
    reviewer = _client(world.rev_x)
    index = reviewer.get("/rectification/?year=2023").content.decode()
    key = f"evaluation-{evaluation.pk}"
    assert f'data-key="{key}"' in index and "等级“差”" in index
    form = reviewer.get(f"/rectification/new/2023/{key}/").content.decode()
    assert "绩效自评按原目标核算得分" in form
    sent = reviewer.post(
        f"/rectification/new/2023/{key}/",
        {
            "number": "雁财绩整〔2024〕1号",
            "reasons": f"农技推广培训项目绩效自评得分{evaluation.score}分，等级“差”",
            "requirements": "分析原因，制定整改措施，10月底前提交整改反馈",
            "due_date": "2024-10-31",
        },
    )
    notice = Notice.objects.get()
    assert sent.url == f"/rectification/{notice.pk}/"  # type: ignore[attr-defined]
    assert f'data-key="{key}"' not in reviewer.get("/rectification/?year=2023").content.decode()
    preparer = _client(world.prep_a)
    assert 'id="answer-notice"' in preparer.get(f"/rectification/{notice.pk}/").content.decode()
    proof = SimpleUploadedFile(
        "整改台账.xlsx", b"PK\x03\x04 ledger", content_type="application/zip"
    )
    answered = preparer.post(
        f"/rectification/{notice.pk}/answer/",
        {
            "text": "已调整培训计划，增设夜校班；已完成补训6期",
            "files": [proof],
            "lock_version": "1",
        },
        follow=True,
    ).content.decode()
    assert _state(answered) == NoticeState.ANSWERED and "整改台账.xlsx" in answered
    attachment = notice.replies.get().attachments.get()
    stored = Path(settings.MEDIA_ROOT) / attachment.stored_name
    assert stored.read_bytes() == b"PK\x03\x04 ledger"
    assert not str(stored).startswith(str(settings.STATIC_ROOT))
    download = reviewer.get(f"/rectification/{notice.pk}/files/{attachment.pk}/")
    assert b"".join(download.streaming_content) == b"PK\x03\x04 ledger"  # type: ignore[attr-defined]
    assert (
        _client(world.prep_b).get(f"/rectification/{notice.pk}/files/{attachment.pk}/").status_code
        == 404
    )
    closed = _step(reviewer, f"/rectification/{notice.pk}/step/close/", "close")
    assert _state(closed) == NoticeState.CLOSED
    review = reviewer.get("/rectification/budget-review/2023/").content.decode()
    assert 'data-unit="A01" data-worst="差"' in review and "压减" in review


def test_the_yearly_cycle_through_the_pages(world: World) -> None:
    table = _set_targets(world)
    _july(world, table)
    evaluation = _year_end(world, table)
    _rectify(world, evaluation)
    assert table.events.count() == 3 and evaluation.events.count() == 3
    assert TargetTable.objects.get().state == State.ACCEPTED
