"""Path parameters with bounds: an id beyond a 64-bit integer is a 422, not a database error."""

from __future__ import annotations

from typing import Annotated

from ninja import Path
from pydantic import Field

MAX_ID = 2**63 - 1

Id = Annotated[int, Path(..., ge=1, le=MAX_ID, description="编号")]
Number = Annotated[int, Field(ge=1, le=100_000)]
