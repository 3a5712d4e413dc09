"""The committed TOML files with one number made impossible: each is refused naming file, line and key.

Before the validation layer, `target_value = nan` in data/commitments.toml turned 87 "off track"
councils into "achieved", -5.0 did the same for a percentage, inf made 152 "off track", and a
floor of 1e308 in data/standards.toml was accepted. A file in another encoding raised a bare
UnicodeDecodeError (the page's generic "Sorry" message).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from accountability.methods.commitments import COMMITMENTS_FILE, CommitmentsError, load_commitments
from accountability.methods.standards import StandardsError, load_standards
from accountability.settings import ROOT
from accountability.store import read_table

STANDARDS_FILE = ROOT / "data" / "standards.toml"
TARGET = "target_value = 100.0"  # personal budgets for everyone eligible (ascof_sds_users, a percentage)
RULE = 'rule = "england_worst_quartile"\nbaseline_period = "2017-18"\n'  # the first standard (ascof_sds_users)


@pytest.fixture(scope="module")
def measures(store_dir: Path) -> pl.DataFrame:
    return read_table(store_dir, "measures")


def _written(tmp_path: Path, name: str, text: str, changed: str) -> tuple[Path, int]:
    """The file written to tmp_path, and the 1-based line of `changed` in it."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    lines = [n for n, line in enumerate(text.splitlines(), start=1) if line == changed]
    assert len(lines) == 1
    return path, lines[0]


@pytest.mark.parametrize(
    ("target", "says"),
    [
        ("nan", "target_value must be a finite number, got nan"),
        ("inf", "target_value must be a finite number, got inf"),
        ("-inf", "target_value must be a finite number, got -inf"),
        ("-5.0", "target_value = -5 is outside the range of measure 'ascof_sds_users': 0 to 100"),
        ("100.5", "target_value = 100.5 is outside the range of measure 'ascof_sds_users': 0 to 100"),
        ("1e308", "target_value = 1e+308 is outside the range of measure 'ascof_sds_users': 0 to 100"),
    ],
)
def test_an_impossible_target_is_refused_naming_file_line_and_key(
    tmp_path: Path, measures: pl.DataFrame, target: str, says: str
) -> None:
    text = COMMITMENTS_FILE.read_text(encoding="utf-8")
    assert text.count(TARGET) == 1
    path, line = _written(
        tmp_path, "commitments.toml", text.replace(TARGET, f"target_value = {target}"), f"target_value = {target}"
    )
    with pytest.raises(CommitmentsError) as caught:
        load_commitments(path, measures)
    assert str(caught.value).startswith(f"{path}:{line}: [[commitment]] entry 1 (id 'personal-budgets-for-all'): ")
    assert says in str(caught.value)


@pytest.mark.parametrize(
    ("threshold", "says"),
    [
        ("1e308", "threshold = 1e+308 is outside the range of measure 'ascof_sds_users': 0 to 100"),
        ("-5.0", "threshold = -5 is outside the range of measure 'ascof_sds_users': 0 to 100"),
        ("nan", "threshold must be a finite number, got nan"),
        ("inf", "threshold must be a finite number, got inf"),
    ],
)
def test_an_impossible_floor_is_refused_naming_file_line_and_key(
    tmp_path: Path, measures: pl.DataFrame, threshold: str, says: str
) -> None:
    text = STANDARDS_FILE.read_text(encoding="utf-8")
    assert RULE in text
    changed = text.replace(RULE, f"threshold = {threshold}\n", 1)
    path, line = _written(tmp_path, "standards.toml", changed, f"threshold = {threshold}")
    with pytest.raises(StandardsError) as caught:
        load_standards(path, measures)
    assert f"{path}, line {line} ([[standard]] #1, measure 'ascof_sds_users'): {says}" in str(caught.value)
    assert str(caught.value).count("threshold") == 1  # said once, not again by the model's own check


def test_a_plausible_fixed_floor_is_still_accepted(tmp_path: Path, measures: pl.DataFrame) -> None:
    changed = STANDARDS_FILE.read_text(encoding="utf-8").replace(RULE, "threshold = 60.0\n", 1)
    path, _ = _written(tmp_path, "standards.toml", changed, "threshold = 60.0")
    assert load_standards(path, measures)[0].threshold == 60.0


@pytest.mark.parametrize(
    ("source", "loader", "error", "what"),
    [
        (STANDARDS_FILE, load_standards, StandardsError, "standards file"),
        (COMMITMENTS_FILE, load_commitments, CommitmentsError, "commitments file"),
    ],
    ids=["standards", "commitments"],
)
def test_a_toml_file_saved_in_another_encoding_is_named(
    tmp_path: Path, measures: pl.DataFrame, source: Path, loader: object, error: type[Exception], what: str
) -> None:
    first, rest = source.read_bytes().split(b"\n", 1)
    path = tmp_path / source.name
    path.write_bytes(first + b"\n# saved by an editor in Windows-1252: caf\xe9\n" + rest)
    with pytest.raises(error, match=rf"line 2: the {what} is not UTF-8 text"):
        loader(path, measures)  # type: ignore[operator]
