"""Configuration, read from the environment (prefix DASHBOARD_), a `.env` file, or defaults.

Every field is documented in the README (a test checks this). Relative paths are resolved against
the repository root, so the app and the pipeline behave the same from any working directory.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parents[1]
Benchmark = Literal["england", "region", "neighbours", "council_type"]


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

    @field_validator("data_dir", "raw_dir", "standards_file", "commitments_file")
    @classmethod
    def _resolve(cls, path: Path) -> Path:
        return path if path.is_absolute() else (ROOT / path).resolve()


@functools.cache
def get_settings() -> Settings:
    return Settings()
