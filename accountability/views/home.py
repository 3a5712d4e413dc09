"""What the Home page shows: the chosen council at a glance, and what the data cover.

No Streamlit here; the council's card is `views.council` (the same sentences as the profile).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from accountability.views.council import CouncilCard, council_card
from accountability.views.store import Store


@dataclass(frozen=True)
class HomeChoice:
    council: str | None = None


@dataclass(frozen=True)
class HomeView:
    council: CouncilCard | None
    coverage: pl.DataFrame  # per publication: publisher, measures with council data, first and latest period
    coverage_alt: str


def coverage(measures: pl.DataFrame, values: pl.DataFrame) -> pl.DataFrame:
    """Per source: publisher, number of measures with council data, first and latest period."""
    spans = (
        values.filter(pl.col("value").is_not_null())
        .group_by("measure")
        .agg(first=pl.col("period").min(), latest=pl.col("period").max())
    )
    joined = measures.join(spans, left_on="id", right_on="measure", how="inner")
    return (
        joined.group_by("source", "publisher")
        .agg(measures=pl.len(), first=pl.col("first").min(), latest=pl.col("latest").max())
        .sort("publisher", "source")
    )


def home_view(store: Store, choice: HomeChoice) -> HomeView:
    cover = coverage(store.measures, store.values)
    return HomeView(
        council=store.derive(council_card, choice.council) if choice.council else None,
        coverage=cover,
        coverage_alt=f"{cover['measures'].sum()} measures from {cover.height} publications, with the years each covers",
    )
