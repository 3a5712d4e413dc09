"""What the Council profile shows: every measure for one council against a chosen benchmark.

`profile_view(store, choice)` gives the council's card (`views.council`, the same as Home), what
needs attention and its strengths (`views.attention`, the same as Home's), and per area of care (adults, children) the
profile rows (verdicts as codes), the spine chart's alt text, the table and download (with words),
and the share link. The profile frame itself is `methods.profile.build_profile`, derived once per
council, benchmark and group, with the shared trend result. No Streamlit here.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from accountability.codes import BenchmarkKind
from accountability.labels import COMPARISON_LABELS, IN_DEVELOPMENT, words
from accountability.methods.profile import build_profile
from accountability.views.analyses import trends
from accountability.views.attention import Attention, council_attention
from accountability.views.council import CouncilCard, council_card
from accountability.views.council_cqc import CqcCard, cqc_card
from accountability.views.council_revisions import revision_notes
from accountability.views.council_spend import CouncilSpend, council_spend
from accountability.views.profile_text import count_line, display_rows, spine_sentence
from accountability.views.store import Store

SHOWS = ("Chart", "Table")  # the same choices as other pages, so a choice carries over
DOMAINS = (("adults", "Adults"), ("children", "Children"))
SOURCE = "NHS England, DfE, Oflog and Ofsted published figures (see Data and methods)"


@dataclass(frozen=True)
class ProfileChoice:
    council: str
    benchmark: BenchmarkKind = "england"
    group: tuple[str, ...] = ()
    show: str = SHOWS[0]


@dataclass(frozen=True)
class DomainSection:
    """One area of care: its rows, or why it has none."""

    domain: str
    heading: str
    rows: pl.DataFrame  # the profile's rows for the domain (verdicts as codes), for the chart
    empty: str | None
    alt: str  # the spine chart's alt text and caption
    chart_title: str
    table: pl.DataFrame  # every number written with its unit, verdicts in words
    download: pl.DataFrame  # the rows, verdicts in words
    stem: str
    in_development: str | None  # which measures shown are official statistics in development, or None


@dataclass(frozen=True)
class ProfileView:
    choice: ProfileChoice
    card: CouncilCard
    empty: str | None  # no measure has a value for this council
    summary: str  # one line: measures with figures, and how many could be tested
    attention: Attention  # what needs attention first, then strengths (the same as Home's)
    cqc: CqcCard
    spend: CouncilSpend
    revisions: tuple[str, ...]  # the council's values the current release revised, in words
    sections: tuple[DomainSection, ...]
    link: dict[str, str | None]


def council_profile(store: Store, code: str, kind: str, group: tuple[str, ...]) -> pl.DataFrame:
    """One row per measure for the council (`build_profile`), shared per council, benchmark and group;
    its trends are the shared result (`analyses.trends`), the watchlist's and the Trends page's."""
    tables = {**store.tables("values", "benchmarks", "councils", "peers", "measures"), "trends": store.derive(trends)}
    return build_profile(code, tables, kind, list(group))


def profile_view(store: Store, choice: ProfileChoice) -> ProfileView:
    card = store.derive(council_card, choice.council)
    profile = store.derive(council_profile, choice.council, choice.benchmark, choice.group)
    flags = store.values.filter(pl.col("code") == choice.council).select("measure", "period", "in_development")
    return ProfileView(
        choice=choice,
        card=card,
        empty=f"No measure has a published value for {card.name}." if profile.height == 0 else None,
        summary=count_line(profile, card.name),
        attention=council_attention(store, choice.council, profile),
        cqc=store.derive(cqc_card, choice.council),
        spend=store.derive(council_spend, choice.council),
        revisions=store.derive(revision_notes, choice.council, ()),
        sections=tuple(_section(profile, card, domain, heading, flags) for domain, heading in DOMAINS),
        link={
            "council": choice.council,
            "benchmark": choice.benchmark,
            "group": ",".join(choice.group) if choice.benchmark == "custom" else None,  # codes, as ?group= reads
            "view": None if choice.show == SHOWS[0] else choice.show,
        },
    )


def _section(profile: pl.DataFrame, card: CouncilCard, domain: str, heading: str, flags: pl.DataFrame) -> DomainSection:
    rows = profile.filter(pl.col("domain") == domain)
    flagged = rows.join(flags, on=["measure", "period"]).filter(pl.col("in_development"))["label"].to_list()
    return DomainSection(
        domain=domain,
        heading=heading,
        rows=rows,
        empty=f"No {heading.lower()}'s measure has a published value for {card.name}." if rows.height == 0 else None,
        alt=spine_sentence(rows, card.name, heading.lower()) if rows.height else "",
        chart_title=f"{card.name}: {domain} against every council",
        table=display_rows(rows) if rows.height else rows,
        download=rows.with_columns(words("comparison", COMPARISON_LABELS)),
        stem=f"profile_{card.code}_{domain}",
        in_development=f"{IN_DEVELOPMENT}: {', '.join(sorted(flagged))}." if flagged else None,
    )
