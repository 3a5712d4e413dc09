"""The one validation layer for numbers in the TOML files: finite, and within the measure's range."""

from __future__ import annotations

import math
from pathlib import Path

import polars as pl
import pytest

from accountability.methods.toml_checks import (
    CEILING,
    measure_range,
    non_finite,
    out_of_range,
    read_utf8,
    registry_rows,
)

MEASURES = pl.DataFrame(
    {
        "id": ["pct", "per100k", "per10k", "ascof_scrqol", "market_owner_hhi", "caseload", "children"],
        "unit": ["%", "per 100,000", "per 10,000", "score", "score", "cases", "children"],
        "value_type": ["proportion", "rate", "rate", "score", "score", "score", "count"],
        "polarity": ["higher_is_better", "lower_is_better", "no_judgement", "higher_is_better"] + ["no_judgement"] * 3,
        "multiplier": [100.0, 100_000.0, 10_000.0, 1.0, 1.0, 1.0, 1.0],
    }
)
REGISTRY = registry_rows(MEASURES)


@pytest.mark.parametrize(
    ("measure", "low", "high"),
    [
        ("pct", 0, 100),
        ("per100k", 0, 100_000),
        ("per10k", 0, 10_000),
        ("ascof_scrqol", 0, 24),
        ("market_owner_hhi", 0, 10_000),
        ("caseload", 0, CEILING),
        ("children", 0, CEILING),
    ],
)
def test_each_kind_of_measure_has_its_range_with_both_ends_included(measure: str, low: float, high: float) -> None:
    allowed = measure_range(REGISTRY[measure])
    assert (allowed.low, allowed.high) == (low, high)
    assert allowed.contains(low) and allowed.contains(high)
    assert not allowed.contains(low - 0.001)
    assert not allowed.contains(high * 1.0001)


@pytest.mark.parametrize("value", [-5.0, 100.5, 1e308, -0.0001])
def test_a_percentage_target_outside_0_to_100_is_named_with_key_and_measure(value: float) -> None:
    message = out_of_range("target_value", value, ["pct"], REGISTRY)
    assert message is not None
    assert message.startswith(f"target_value = {value:g} is outside the range of measure 'pct': 0 to 100")


@pytest.mark.parametrize("value", [0, 0.0, 55.5, 100])
def test_a_percentage_target_inside_0_to_100_passes(value: float) -> None:
    assert out_of_range("target_value", value, ["pct"], REGISTRY) is None


def test_every_measure_of_a_commitment_is_checked() -> None:
    message = out_of_range("target_value", 30.0, ["pct", "ascof_scrqol"], REGISTRY)
    assert message is not None and "'ascof_scrqol': 0 to 24" in message


def test_unknown_measures_and_non_numbers_are_left_to_the_other_checks() -> None:
    assert out_of_range("threshold", 1e308, ["not_registered"], REGISTRY) is None
    assert out_of_range("threshold", "high", ["pct"], REGISTRY) is None
    assert out_of_range("threshold", None, ["pct"], REGISTRY) is None
    assert out_of_range("threshold", True, ["pct"], REGISTRY) is None
    assert out_of_range("threshold", math.nan, ["pct"], REGISTRY) is None  # reported by non_finite


def test_non_finite_finds_nan_and_inf_anywhere_with_their_key_path() -> None:
    entry = {
        "target_value": math.nan,
        "confidence": 0.95,
        "periods": {"from": "2017-18", "to": math.inf},
        "steps": [1, -math.inf],
        "flag": True,
    }
    found = non_finite(entry)
    assert [path for path, _ in found] == [("target_value",), ("periods", "to"), ("steps", 1)]
    assert math.isnan(found[0][1]) and found[1][1] == math.inf and found[2][1] == -math.inf


def test_finite_numbers_give_nothing() -> None:
    assert non_finite({"threshold": 1e308, "confidence": 0.998, "n": 3}) == []


def test_registry_rows_needs_the_measures_table() -> None:
    assert registry_rows({"pct": "higher_is_better"}) == {}
    assert registry_rows(None) == {}
    assert registry_rows(MEASURES.drop("value_type")) == {}


def test_read_utf8_names_file_and_line_of_a_non_utf8_byte(tmp_path: Path) -> None:
    path = tmp_path / "standards.toml"
    path.write_bytes(b'# floors\nlabel = "caf\xe9"\n')
    with pytest.raises(ValueError, match=r"^shown\.toml, line 2: the standards file is not UTF-8 text \(byte 21\)"):
        read_utf8(path, "shown.toml", "standards file", ValueError)


class LoaderError(ValueError):
    """Each loader raises its own error class."""


def test_read_utf8_names_a_missing_file_with_the_loaders_error(tmp_path: Path) -> None:
    with pytest.raises(LoaderError, match=r"^shown\.toml: cannot read the commitments file"):
        read_utf8(tmp_path / "gone.toml", "shown.toml", "commitments file", LoaderError)
