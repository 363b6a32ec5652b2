from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


@pytest.fixture
def seeds_dir(tmp_path: Path) -> Path:
    """A private copy of the five seed articles."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target
