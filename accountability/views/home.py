"""What the Home page shows: the chosen council at a glance, and what the data cover.

No Streamlit here; the council's card is `views.council` and what needs attention `views.attention`
(the same sentences as the profile, at the configured default benchmark).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from accountability.codes import BenchmarkKind
from accountability.views.attention import Attention, council_attention
from accountability.views.council import CouncilCard, council_card
from accountability.views.council_cqc import CqcCard, cqc_card
from accountability.views.council_revisions import revision_notes
from accountability.views.profile import council_profile
from accountability.views.store import Store


@dataclass(frozen=True)
class HomeChoice:
    council: str | None = None
    benchmark: BenchmarkKind = "england"  # the configured default: Home has no benchmark picker


@dataclass(frozen=True)
class HomeView:
    council: CouncilCard | None
    attention: Attention | None  # what needs attention first, then strengths (the same as the profile's)
    cqc: CqcCard | None
    revisions: tuple[str, ...]  # the council's values the current release revised, in words
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
    code = choice.council
    profile = store.derive(council_profile, code, choice.benchmark, ()) if code else None
    return HomeView(
        council=store.derive(council_card, code) if code else None,
        attention=council_attention(store, code, profile) if code and profile is not None else None,
        cqc=store.derive(cqc_card, code) if code else None,
        revisions=store.derive(revision_notes, code, ()) if code else (),
        coverage=cover,
        coverage_alt=f"{cover['measures'].sum()} measures from {cover.height} publications, with the years each covers",
    )
