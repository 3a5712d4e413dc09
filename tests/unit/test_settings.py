"""Settings: defaults, environment overrides, bad values, and that the README documents every field."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from accountability.settings import ROOT, Settings, SettingsError, load_settings


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


def test_a_env_file_that_is_not_utf8_is_named_with_its_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".env").write_bytes(b"DASHBOARD_DEFAULT_BENCHMARK=region\n# caf\xe9 in Windows-1252\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert f"The configuration file `{tmp_path / '.env'}`, line 2 is not UTF-8 text" in str(caught.value)


def test_an_invalid_value_is_a_settings_error_naming_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_DEFAULT_BENCHMARK", "scotland")
    monkeypatch.chdir("/")  # no .env here
    with pytest.raises(SettingsError, match=r"configuration is not valid \(DASHBOARD_DEFAULT_BENCHMARK: Input should"):
        load_settings()


@pytest.mark.parametrize("period", ["latest", "2022-23", "1999-00", "2024"])
def test_a_period_label_or_latest_is_a_valid_default_period(monkeypatch: pytest.MonkeyPatch, period: str) -> None:
    monkeypatch.setenv("DASHBOARD_DEFAULT_PERIOD", period)
    assert Settings(_env_file=None).default_period == period


@pytest.mark.parametrize("period", ["2022/23", "2022-24", "22-23", "Latest", "", "2022-23 ", "last year"])
def test_any_other_default_period_is_refused_naming_the_setting(monkeypatch: pytest.MonkeyPatch, period: str) -> None:
    monkeypatch.setenv("DASHBOARD_DEFAULT_PERIOD", period)
    monkeypatch.chdir("/")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert "DASHBOARD_DEFAULT_PERIOD: must be 'latest' or a period such as 2022-23 or 2024, got " in str(caught.value)


@pytest.mark.parametrize("address", ["", "care-data@example.gov.uk", " dashboard.team@council.example.org "])
def test_a_contact_email_is_one_plain_address_or_none(monkeypatch: pytest.MonkeyPatch, address: str) -> None:
    monkeypatch.setenv("DASHBOARD_CONTACT_EMAIL", address)
    assert Settings(_env_file=None).contact_email == address.strip()


@pytest.mark.parametrize(
    "address", ["care-data", "a@b", "a@b.gov.uk?cc=x@y.com", "Care Team <a@b.gov.uk>", "a@b.gov.uk,c@d.gov.uk"]
)
def test_any_other_contact_email_is_refused_naming_the_setting(monkeypatch: pytest.MonkeyPatch, address: str) -> None:
    monkeypatch.setenv("DASHBOARD_CONTACT_EMAIL", address)
    monkeypatch.chdir("/")
    with pytest.raises(SettingsError, match=r"DASHBOARD_CONTACT_EMAIL: must be one e-mail address"):
        load_settings()
