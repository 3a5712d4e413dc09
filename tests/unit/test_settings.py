"""Settings: defaults, environment overrides, bad values, and that the README documents every field."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from accountability.settings import ROOT, Settings


def test_relative_paths_resolve_against_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir("/")
    s = Settings(_env_file=None)
    assert s.data_dir == ROOT / "data" / "prepared"


def test_environment_overrides_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DASHBOARD_DEFAULT_PERIOD", "2022-23")
    s = Settings(_env_file=None)
    assert s.data_dir == tmp_path
    assert s.default_period == "2022-23"


def test_env_file_with_unrelated_lines_is_accepted(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("SOMETHING_ELSE=1\nDASHBOARD_DEFAULT_BENCHMARK=region\n")
    assert Settings(_env_file=env).default_benchmark == "region"


def test_invalid_benchmark_names_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_DEFAULT_BENCHMARK", "scotland")
    with pytest.raises(ValidationError, match="default_benchmark"):
        Settings(_env_file=None)


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    missing = [
        f"DASHBOARD_{name.upper()}" for name in Settings.model_fields if f"DASHBOARD_{name.upper()}" not in readme
    ]
    assert not missing, f"settings not documented in README.md: {missing}"


def test_env_example_lists_every_setting() -> None:
    example = (ROOT / ".env.example").read_text()
    assert all(f"DASHBOARD_{name.upper()}=" in example for name in Settings.model_fields)
