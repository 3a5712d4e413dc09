"""The council profile in words: the summary of strengths and concerns, and the spine chart's alt text.

Only what the tests support is said: a strength or concern is a significant comparison with the
benchmark, a concern over time a significant recent trend (the shared result, `trends`), and a
measure that could not be tested is counted, never called either. Nothing is said about causes.
This module computes no statistics; it reads a frame built by `profile.build_profile`.
"""

from __future__ import annotations

import polars as pl

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
    """How many rows are better / similar / worse / higher / lower / not tested."""
    words = profile["comparison"].str.split(" ").list.slice(1).list.join(" ").str.to_lowercase()
    return {w: int((words == w).sum()) for w in ["better", "similar", "worse", "higher", "lower", "not tested"]}


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
    better = profile.filter(pl.col("comparison") == "▲ Better")["label"].to_list()
    worse = profile.filter(pl.col("comparison") == "▼ Worse")["label"].to_list()
    significant = pl.col("trend_p_value").is_not_null() & (pl.col("trend_p_value") < ALPHA)
    worsening = profile.filter((pl.col("trend") == "getting worse") & significant)["label"].to_list()
    improving = profile.filter((pl.col("trend") == "getting better") & significant)["label"].to_list()
    tested = profile.height - counts["not tested"]
    parts = [
        f"{name} has {_measures_word(profile.height)} with published figures; "
        f"{tested} could be tested against {benchmark} at 95% confidence."
    ]
    if better:
        parts.append(f"Strengths: significantly better than {benchmark} on {_listing(better)}.")
    if worse:
        parts.append(f"Concerns: significantly worse than {benchmark} on {_listing(worse)}.")
    if not better and not worse and tested:
        parts.append(f"No tested measure is significantly better or worse than {benchmark}.")
    if counts["similar"]:
        parts.append(f"{_measures_word(counts['similar'])} {_is_are(counts['similar'])} similar to {benchmark}.")
    if counts["higher"] + counts["lower"]:
        n = counts["higher"] + counts["lower"]
        parts.append(
            f"{_measures_word(n)} where neither direction is better {_is_are(n)} significantly higher or lower."
        )
    if worsening:
        parts.append(f"Concerns over time: the recent trend is significantly getting worse on {_listing(worsening)}.")
    if improving:
        parts.append(f"The recent trend is significantly getting better on {_listing(improving)}.")
    if counts["not tested"]:
        parts.append(
            f"{_measures_word(counts['not tested'])} could not be tested (no confidence interval or no "
            f"{benchmark} figure), so {_it_they(counts['not tested'])} {_is_are(counts['not tested'])} "
            "not counted as strengths or concerns."
        )
    return " ".join(parts)


def _is_are(n: int) -> str:
    return "is" if n == 1 else "are"


def _it_they(n: int) -> str:
    return "it" if n == 1 else "they"


def spine_sentence(profile: pl.DataFrame, name: str, heading: str) -> str:
    """The spine chart's alt text: '<name>, adults: 12 measures against England: 3 better, …'."""
    counts = comparison_counts(profile)
    benchmark = profile["benchmark_name"].drop_nulls()
    against = str(benchmark[0]) if benchmark.len() else "the benchmark"
    pieces = [f"{counts[w]} {w}" for w in ["better", "similar", "worse", "higher", "lower", "not tested"] if counts[w]]
    return (
        f"{name}, {heading}: spine chart of {_measures_word(profile.height)} against {against} "
        f"at 95% confidence: {', '.join(pieces) or 'none tested'}."
    )
