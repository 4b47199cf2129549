"""The intake fuzzed through the API with hypothesis: whatever bytes arrive under whatever
name, the answer is 202 or a 4xx in the one error shape, never a server error; a refusal
stores nothing, and an accepted file is read by the worker to done or failed, never a crash.
The data endpoint is fuzzed the same way with figures of every kind."""

from __future__ import annotations

import json
import math
import zipfile
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.submissions.models import Document, IntakeState
from apps.submissions.services import document_intake
from tests.web.api.conftest import JsonClient, error_of, stored_state
from tests.web.api.makers import good_docx, good_pdf
from tests.web.conftest import World

SUFFIXES = (".txt", ".docx", ".pdf", ".xlsx", ".doc", ".zip", "", ".TXT")
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_SEEDS = {"docx": good_docx(), "pdf": good_pdf(), "txt": "报告\n支出合计100万元。".encode()}


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A real document, cut, flipped or padded: what broken transfers and editors produce."""
    base = _SEEDS[draw(st.sampled_from(sorted(_SEEDS)))]
    cut = draw(st.integers(min_value=0, max_value=len(base)))
    data = bytearray(base[:cut] if draw(st.booleans()) else base)
    for _ in range(draw(st.integers(min_value=0, max_value=8))):
        if data:
            data[draw(st.integers(min_value=0, max_value=len(data) - 1))] = draw(
                st.integers(min_value=0, max_value=255)
            )
    return bytes(data) + draw(st.binary(max_size=64))


CONTENT = st.one_of(
    st.binary(min_size=1, max_size=4096),
    mutated(),
    st.text(min_size=1).map(lambda t: t.encode("utf-8")),
)


@FUZZ
@given(content=CONTENT, suffix=st.sampled_from(SUFFIXES))
def test_any_upload_is_accepted_or_cleanly_refused(
    world: World, content: bytes, suffix: str
) -> None:
    submission = world.submission(world.a)
    before = stored_state()
    response = JsonClient(world.prep_a).upload(
        f"/api/submissions/{submission.pk}/documents", f"报告{suffix}", content
    )
    assert response.status_code < 500, response.content
    if response.status_code != 202:
        error_of(response)
        assert stored_state() == before
        return
    after = stored_state()
    assert after["submissions.Document"] == before["submissions.Document"] + 1
    assert after["files"] == before["files"] + 1
    document = document_intake(document_id=response.json()["id"])  # the worker's job
    assert document.intake_state in (IntakeState.DONE, IntakeState.FAILED)
    assert document.intake_message


def test_a_docx_that_is_a_zip_with_a_traversal_name_is_refused(world: World) -> None:
    """A ".docx" that is a zip of other things (here a ../ member): the core's reason."""
    import io

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("../../evil.txt", "x")
    response = JsonClient(world.prep_a).upload(
        f"/api/submissions/{world.submission(world.a).pk}/documents", "报告.docx", out.getvalue()
    )
    error_of(response, 422)
    assert not Document.objects.exists()


FIGURES = st.one_of(
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.text(max_size=30),
    st.sampled_from(["1e400", "-5", "1" + "0" * 30, "NaN", "１２３", "1,234.5", "0x10", " 7 "]),
)


@FUZZ
@given(
    body=st.fixed_dictionaries(
        {
            "spending": st.fixed_dictionaries({"total": FIGURES, "basic": FIGURES}),
            "three_public": st.fixed_dictionaries({"reception": FIGURES}),
            "self_score": FIGURES,
            "grade": st.one_of(st.none(), st.text(max_size=20)),
            "problems": st.lists(st.text(max_size=50), max_size=5),
        }
    )
)
def test_any_figures_are_saved_or_refused_in_chinese(world: World, body: dict[str, Any]) -> None:
    submission = world.submission(world.a)
    submission.refresh_from_db()
    raw = json.dumps(body, allow_nan=True)  # NaN and Infinity literals as well
    response = JsonClient(world.prep_a).client.put(
        f"/api/submissions/{submission.pk}/data",
        data=raw,
        content_type="application/json",
        headers={"If-Match": f'"s{submission.pk}-{submission.lock_version}"'},
    )
    assert response.status_code in (200, 422), response.content
    saved = submission.lock_version
    submission.refresh_from_db()
    if response.status_code == 422:
        error_of(response)
        assert submission.lock_version == saved
        return
    stored = submission.data["spending"]["total"]
    assert stored is None or (math.isfinite(float(stored)) and 0 <= float(stored) <= 1e12)
