"""Configuration, read from the environment (prefix DASHBOARD_), a `.env` file, or defaults.

Every field is documented in the README (a test checks this). Relative paths are resolved against
the repository root, so the app and the pipeline behave the same from any working directory.
`get_settings` raises one error, `SettingsError`, for every way the configuration can be wrong (an
invalid value, a `.env` file that is not UTF-8 text), with a message naming the setting or the
file, so the app and both command-line tools can say so instead of showing a traceback.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from accountability.state import literal

ROOT = Path(__file__).resolve().parents[1]
Benchmark = Literal["england", "region", "neighbours", "council_type"]
FINANCIAL_YEAR = re.compile(r"^(\d{4})-(\d{2})$")
# One address, no display name or list: it goes into a mailto: link, so nothing that could end it early.
EMAIL = re.compile(r"^[^@\s<>()\[\]\\\"',;:?&=]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
NEWLINE = b"\n"


class SettingsError(ValueError):
    """The configuration cannot be used. The message names the setting or the file, and what is wrong."""


class Settings(BaseSettings):
    """Where the data lives and what the app shows first."""

    model_config = SettingsConfigDict(env_prefix="DASHBOARD_", env_file=".env", extra="ignore", frozen=True)

    data_dir: Path = Field(
        default=Path("data/prepared"),
        description="Prepared parquet store the app reads (and the pipeline writes).",
    )
    raw_dir: Path = Field(
        default=Path("../shared/data/raw"),
        description="Folder of published raw files the pipeline reads. Not needed to run the app.",
    )
    standards_file: Path = Field(
        default=Path("data/standards.toml"),
        description="Floor standards (TOML): one [[standard]] per measure and period range.",
    )
    commitments_file: Path = Field(
        default=Path("data/commitments.toml"),
        description="Policy commitments (TOML) with their measures, targets and sources.",
    )
    default_period: str = Field(
        default="latest",
        description="Period shown first: 'latest' (newest with data for the measure) or a label like 2022-23.",
    )
    default_benchmark: Benchmark = Field(
        default="england", description="Benchmark shown first: england, region, neighbours or council_type."
    )
    contact_email: str = Field(
        default="",
        description="Where people report a problem with a figure or with accessibility; linked on every page.",
    )

    @field_validator("data_dir", "raw_dir", "standards_file", "commitments_file")
    @classmethod
    def _resolve(cls, path: Path) -> Path:
        return path if path.is_absolute() else (ROOT / path).resolve()

    @field_validator("contact_email")
    @classmethod
    def _email_form(cls, address: str) -> str:
        """Empty (no address published) or one plain address, since it is put into a mailto: link."""
        address = address.strip()
        if address == "" or EMAIL.match(address):
            return address
        raise ValueError(f"must be one e-mail address such as care-data@example.gov.uk, got {literal(address, 80)}")

    @field_validator("default_period")
    @classmethod
    def _period_form(cls, period: str) -> str:
        """Only the form is checked here: whether the period has data is for the page to say."""
        year = FINANCIAL_YEAR.match(period)
        if period == "latest" or re.fullmatch(r"\d{4}", period):
            return period
        if year and int(year.group(2)) == (int(year.group(1)) + 1) % 100:
            return period
        raise ValueError(f"must be 'latest' or a period such as 2022-23 or 2024, got {literal(period)}")


def load_settings() -> Settings:
    """The settings; any problem with them is a `SettingsError` naming the setting or file."""
    try:
        return Settings()
    except UnicodeDecodeError as exc:  # python-dotenv reading a .env saved in another encoding
        raise SettingsError(env_file_problem(Path(str(Settings.model_config["env_file"])), exc)) from exc
    except ValidationError as exc:
        raise SettingsError(validation_problem(exc)) from exc


def validation_problem(exc: ValidationError) -> str:
    """One sentence naming every invalid setting by its environment variable."""
    problems = "; ".join(
        f"DASHBOARD_{'_'.join(str(p) for p in e['loc']).upper()}: {str(e['msg']).removeprefix('Value error, ')}"
        for e in exc.errors()
    )
    return f"The dashboard's configuration is not valid ({problems}). Check your environment or `.env` file."


def env_file_problem(env_file: Path, exc: UnicodeDecodeError) -> str:
    """Which file is not UTF-8 text, and on which line (found by decoding the file again)."""
    path = env_file.resolve()
    line = ""
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as again:
        line = f", line {again.object[: again.start].count(NEWLINE) + 1}"
    except OSError:
        pass  # the file went away: name it without a line
    return (
        f"The configuration file {literal(str(path), 200)}{line} is not UTF-8 text ({exc.reason}). "
        "Save it as UTF-8, or remove it and set the DASHBOARD_ environment variables instead."
    )


@functools.cache
def get_settings() -> Settings:
    return load_settings()
