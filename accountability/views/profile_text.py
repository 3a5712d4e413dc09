"""The Council profile in words: the summary of tested strengths and concerns, the spine chart's alt
text, and the profile as a table with each number written in its unit.

Reads `methods.profile.build_profile`'s frame (verdicts as codes). Measures not tested are only
counted, never called strengths or concerns; a trend counts only when significant; nothing is said
about causes. No Streamlit here.
"""

from __future__ import annotations

import polars as pl

from accountability.formatting import format_value
from accountability.labels import COMPARISON_LABELS, COMPARISON_WORDS, words
from accountability.methods.significance import COMPARISONS
from accountability.methods.trends import ALPHA


def _listing(labels: list[str], limit: int = 6) -> str:
    """'a, b and c'; beyond `limit`, 'a, b, … and 4 others'."""
    shown = labels[:limit]
    rest = len(labels) - len(shown)
    if rest:
        return ", ".join(shown) + f" and {rest} other{'s' if rest > 1 else ''}"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _measures_word(n: int) -> str:
    return f"{n} measure{'' if n == 1 else 's'}"


def comparison_counts(profile: pl.DataFrame) -> dict[str, int]:
    """How many rows are better / similar / worse / higher / lower / not tested (comparison codes)."""
    codes = profile["comparison"].cast(pl.String)
    return {c: int((codes == c).sum()) for c in COMPARISONS}


def count_line(profile: pl.DataFrame, name: str) -> str:
    """One line: how many measures have figures and how many could be tested (the page's lead-in to
    what needs attention; the strengths and concerns themselves are `views.attention`'s items)."""
    if profile.height == 0:
        return f"No measure has a published value for {name}."
    named = profile["benchmark_name"].drop_nulls()
    benchmark = str(named[0]) if named.len() else "the benchmark"
    tested = profile.height - comparison_counts(profile)["not tested"]
    return (
        f"{name} has {_measures_word(profile.height)} with published figures; "
        f"{tested} could be tested against {benchmark} at 95% confidence."
    )


def summary_paragraph(profile: pl.DataFrame, name: str) -> str:
    """Strengths (significantly better), concerns (significantly worse, or significantly getting worse).

    Measures not tested are only counted, never called strengths or concerns; nothing is said about
    causes. The benchmark is named from the frame.
    """
    if profile.height == 0:
        return f"No measure has a published value for {name}."
    named = profile["benchmark_name"].drop_nulls()
    benchmark = str(named[0]) if named.len() else "the benchmark"
    counts = comparison_counts(profile)
    tested = profile.height - counts["not tested"]
    opening = (
        f"{name} has {_measures_word(profile.height)} with published figures; "
        f"{tested} could be tested against {benchmark} at 95% confidence."
    )
    parts = [opening, *_verdict_parts(profile, benchmark, tested), *_spread_parts(counts, benchmark)]
    parts += _trend_parts(profile)
    if counts["not tested"]:
        parts.append(
            f"{_measures_word(counts['not tested'])} could not be tested (no confidence interval or no "
            f"{benchmark} figure), so {_it_they(counts['not tested'])} {_is_are(counts['not tested'])} "
            "not counted as strengths or concerns."
        )
    return " ".join(parts)


def _verdict_parts(profile: pl.DataFrame, benchmark: str, tested: int) -> list[str]:
    """Strengths and concerns: measures significantly better or worse than the benchmark."""
    better = profile.filter(pl.col("comparison") == "better")["label"].to_list()
    worse = profile.filter(pl.col("comparison") == "worse")["label"].to_list()
    parts = []
    if better:
        parts.append(f"Strengths: significantly better than {benchmark} on {_listing(better)}.")
    if worse:
        parts.append(f"Concerns: significantly worse than {benchmark} on {_listing(worse)}.")
    if not better and not worse and tested:
        parts.append(f"No tested measure is significantly better or worse than {benchmark}.")
    return parts


def _spread_parts(counts: dict[str, int], benchmark: str) -> list[str]:
    """How many are similar, and how many without a better direction differ."""
    parts = []
    if counts["similar"]:
        parts.append(f"{_measures_word(counts['similar'])} {_is_are(counts['similar'])} similar to {benchmark}.")
    n = counts["higher"] + counts["lower"]
    if n:
        parts.append(
            f"{_measures_word(n)} where neither direction is better {_is_are(n)} significantly higher or lower."
        )
    return parts


def _trend_parts(profile: pl.DataFrame) -> list[str]:
    """Recent trends that are significant (p < ALPHA), getting worse first."""
    significant = pl.col("trend_p_value").is_not_null() & (pl.col("trend_p_value") < ALPHA)
    worsening = profile.filter((pl.col("trend") == "getting worse") & significant)["label"].to_list()
    improving = profile.filter((pl.col("trend") == "getting better") & significant)["label"].to_list()
    parts = []
    if worsening:
        parts.append(f"Concerns over time: the recent trend is significantly getting worse on {_listing(worsening)}.")
    if improving:
        parts.append(f"The recent trend is significantly getting better on {_listing(improving)}.")
    return parts


def _is_are(n: int) -> str:
    return "is" if n == 1 else "are"


def _it_they(n: int) -> str:
    return "it" if n == 1 else "they"


def spine_sentence(profile: pl.DataFrame, name: str, heading: str) -> str:
    """The spine chart's alt text: '<name>, adults: 12 measures against England: 3 better, …'."""
    counts = comparison_counts(profile)
    benchmark = profile["benchmark_name"].drop_nulls()
    against = str(benchmark[0]) if benchmark.len() else "the benchmark"
    pieces = [f"{counts[c]} {COMPARISON_WORDS[c]}" for c in COMPARISONS if counts[c]]
    return (
        f"{name}, {heading}: spine chart of {_measures_word(profile.height)} against {against} "
        f"at 95% confidence: {', '.join(pieces) or 'none tested'}."
    )


DISPLAY_NUMBERS = ["value", "england", "benchmark_value", "worst", "q25", "q75", "best"]


def display_rows(rows: pl.DataFrame) -> pl.DataFrame:
    """The profile as a table for people: each number written with its own unit."""
    written = [
        pl.Series(c, [format_value(v, u) for v, u in zip(rows[c], rows["unit"], strict=True)], pl.String)
        for c in DISPLAY_NUMBERS
    ]
    return pl.DataFrame([rows["label"], rows["period"], *written]).with_columns(
        rows.select("benchmark_name", words("comparison", COMPARISON_LABELS), "trend", "range_kind")
    )
