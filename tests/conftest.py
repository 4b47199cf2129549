"""Shared fixtures. Texts under ../shared are read, never copied; tests skip without them."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_3c820579068e2a5e.txt"
CORPUS = SHARED / "corpus"


def shared_file(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is not beside this checkout)")
    return path


@pytest.fixture
def seed_path() -> Path:
    return shared_file(SEED)


@pytest.fixture
def seed_text(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")
