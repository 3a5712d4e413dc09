"""Fixtures shared by the report tests: the store read once per session, and its latest analysis."""

from __future__ import annotations

import pytest

from accountability.report import Analysis, Inputs, analyse, load_inputs
from accountability.settings import Settings


@pytest.fixture(scope="session")
def inputs() -> Inputs:
    """The committed store, standards and commitments; derived results are shared by every test."""
    return load_inputs(Settings(_env_file=None))


@pytest.fixture(scope="session")
def analysis(inputs: Inputs) -> Analysis:
    return analyse(inputs)
