"""Shared fixtures: the package from the source tree, the bundled sample."""

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bindings" / "python"))

import baton  # noqa: E402  (after the path is set)

# BATON_SAMPLE points the tests at another CSV directory of the same shape.
SAMPLE = Path(os.environ.get("BATON_SAMPLE", ROOT / "examples" / "sample"))


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_bytes(sample_dir) -> bytes:
    with baton.Org.from_csv(sample_dir) as org:
        return org.to_bytes()


@pytest.fixture
def sample(sample_bytes):
    """A fresh copy of the sample organisation for each test."""
    with baton.Org.from_bytes(sample_bytes) as org:
        yield org


@pytest.fixture
def tiny():
    """Tier A, reps r1 (owns a1) and r2, contact c1 at a1."""
    org = baton.Org()
    with baton.Batch() as batch:
        batch.add_tier("A", load_weight=3, min_seniority=2)
        batch.add_rep("r1", name="Ada", seniority=3, capacity=30)
        batch.add_rep("r2", name="Bob", seniority=3, capacity=30)
        batch.add_account("a1", name="Acme", tier="A", annual_value=1000, owner="r1")
        batch.add_contact("c1", account="a1", name="Zofia")
        org.apply(batch)
    yield org
    org.close()
