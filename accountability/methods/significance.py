"""Significance against a benchmark (Fingertips' method) and the benchmarks councils are tested against.

Method (FingertipsNext `BenchmarkComparisonEngine`, methods `CIOverlappingReferenceValue95/998`): the
council's own interval at the chosen level (95% or 99.8%) is tested against the benchmark's *value*,
not against the benchmark's interval.
- interval wholly above the benchmark (ci_low > benchmark) → "higher"; wholly below
  (ci_high < benchmark) → "lower"; otherwise "similar". An interval that exactly touches the
  benchmark (a limit equal to it) counts as overlapping, so it is "similar".
- polarity maps higher/lower to "better"/"worse"; `no_judgement` keeps "higher"/"lower".
- "not tested" when the council has no interval (ci_method `none` or `not_reproducible`, or a missing
  limit), no value, no benchmark value, or the measure has no polarity on record.

Benchmarks (DESIGN, Methods): England and regions are ALWAYS the published figures (pooled by the
publisher), never a mean of councils; council-type groups are also published (ASCOF) and are looked up,
not computed. Statistical neighbours and a user's custom group are unweighted means of the councils'
published values (as DfE's LAIT), with the number of councils used recorded; a neighbour mean from
fewer than `MIN_NEIGHBOURS` of the 10 neighbours is withheld (null), because a mean of 2 or 3 councils
is not the neighbour group any more.

This module does not compute intervals (see `stats`), trends (`trends`) or floor verdicts.
"""

from __future__ import annotations

import polars as pl

COMPARISONS = ["better", "similar", "worse", "higher", "lower", "not tested"]
COMPARISON = pl.Enum(COMPARISONS)
LIMITS = {0.95: ("ci_low", "ci_high"), 0.998: ("ci998_low", "ci998_high")}
TESTED_METHODS = ["wilson", "byar", "exact_poisson", "survey_moe"]
MIN_NEIGHBOURS = 5  # of the 10 statistical neighbours, at least this many must have a value

# The publisher's (NHS England ASCOF) council-type groups, as `benchmarks.area_code`.
COUNCIL_TYPE_GROUP = {
    "County council": "council_type:shire_county",
    "Unitary authority": "council_type:unitary_authority",
    "Metropolitan district": "council_type:metropolitan_district",
}
# London boroughs the publisher counts as Inner London (ascof-trend/ons_codes.csv "Council type"); the
# rest of London is Outer London. This is the 1963 Act definition (Greenwich in, Haringey and Newham out).
INNER_LONDON = frozenset(
    {
        "E09000001", "E09000007", "E09000011", "E09000012", "E09000013", "E09000019", "E09000020",
        "E09000022", "E09000023", "E09000028", "E09000030", "E09000032", "E09000033",
    }
)  # fmt: skip
# Unitaries of April 2023 that the publisher still puts in its "Shire Counties" group.
PUBLISHER_SHIRE_UNITARIES = frozenset({"E06000065", "E06000066"})  # North Yorkshire, Somerset


def side_expr(low: pl.Expr, high: pl.Expr, benchmark: pl.Expr) -> pl.Expr:
    """'higher' / 'lower' when the interval is wholly above / below the benchmark, else 'similar'.

    Null when any of the three is missing. Touching (low == benchmark or high == benchmark) is similar.
    """
    return (
        pl.when(low.is_null() | high.is_null() | benchmark.is_null())
        .then(pl.lit(None, pl.String))
        .when(low > benchmark)
        .then(pl.lit("higher"))
        .when(high < benchmark)
        .then(pl.lit("lower"))
        .otherwise(pl.lit("similar"))
    )


def comparison_expr(low: pl.Expr, high: pl.Expr, benchmark: pl.Expr, polarity: pl.Expr) -> pl.Expr:
    """The side of the benchmark mapped through polarity to a `COMPARISON` label."""
    side = side_expr(low, high, benchmark)
    good_side = pl.when(polarity == "higher_is_better").then(pl.lit("higher")).otherwise(pl.lit("lower"))
    return (
        pl.when(side.is_null() | polarity.is_null())
        .then(pl.lit("not tested"))
        .when(side == "similar")
        .then(pl.lit("similar"))
        .when(polarity == "no_judgement")
        .then(side)
        .when(side == good_side)
        .then(pl.lit("better"))
        .otherwise(pl.lit("worse"))
        .cast(COMPARISON)
    )


def compare_to_benchmark(
    values: pl.DataFrame,
    benchmark_values: pl.DataFrame,
    level: float = 0.95,
    measures: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Each council value against its benchmark at `level` (0.95 or 0.998).

    `values` is the values table (code, period, measure, value, ci_method and the limits); polarity is
    read from its `polarity` column or, failing that, joined from `measures` (id, polarity).
    `benchmark_values` has period, measure, value, and also `code` when each council has its own
    benchmark (region, council type, neighbours); without `code` one figure serves every council
    (England, a custom group). Returns code, period, measure, benchmark_value, comparison, level.
    """
    if level not in LIMITS:
        raise ValueError(f"level must be one of {sorted(LIMITS)}, not {level}")
    low_name, high_name = LIMITS[level]
    frame = _with_polarity(values, measures)
    keys = ["code", "period", "measure"] if "code" in benchmark_values.columns else ["period", "measure"]
    bench = benchmark_values.select(*keys, pl.col("value").alias("benchmark_value")).unique(keys, keep="first")
    joined = frame.join(bench, on=keys, how="left", maintain_order="left")
    tested = pl.col("value").is_not_null()
    if "ci_method" in joined.columns:
        tested = tested & pl.col("ci_method").cast(pl.String).is_in(TESTED_METHODS)
    low = pl.when(tested).then(pl.col(low_name))
    high = pl.when(tested).then(pl.col(high_name))
    return joined.select(
        "code",
        "period",
        "measure",
        "benchmark_value",
        comparison_expr(low, high, pl.col("benchmark_value"), pl.col("polarity").cast(pl.String)).alias("comparison"),
        pl.lit(level, pl.Float64).alias("level"),
    )


def _with_polarity(values: pl.DataFrame, measures: pl.DataFrame | None) -> pl.DataFrame:
    if "polarity" in values.columns:
        return values
    if measures is None:
        raise ValueError("values has no polarity column: pass the measures table")
    polarity = measures.select(pl.col("id").alias("measure"), pl.col("polarity").cast(pl.String))
    return values.join(polarity, on="measure", how="left", maintain_order="left")


def england_benchmark(benchmarks: pl.DataFrame) -> pl.DataFrame:
    """The published England figure per period and measure: period, measure, value."""
    return benchmarks.filter(pl.col("area_type") == "england").select("period", "measure", "value")


def region_benchmark(benchmarks: pl.DataFrame, councils: pl.DataFrame) -> pl.DataFrame:
    """Each council's published region figure: code, period, measure, value, area_code, area_name."""
    regions = benchmarks.filter(pl.col("area_type") == "region").select(
        "area_code", "area_name", "period", "measure", "value"
    )
    homes = councils.select("code", pl.col("region_code").alias("area_code"))
    return homes.join(regions, on="area_code", how="inner").select(
        "code", "period", "measure", "value", "area_code", "area_name"
    )


def council_type_group_expr(code: pl.Expr, council_type: pl.Expr) -> pl.Expr:
    """The publisher's council-type group (`benchmarks.area_code`) for a council; null if it has none."""
    by_type = council_type.cast(pl.String).replace_strict(COUNCIL_TYPE_GROUP, default=None, return_dtype=pl.String)
    london = pl.when(code.is_in(list(INNER_LONDON))).then(pl.lit("council_type:inner_london"))
    return (
        pl.when(code.is_in(list(PUBLISHER_SHIRE_UNITARIES)))
        .then(pl.lit("council_type:shire_county"))
        .when(council_type.cast(pl.String) == "London borough")
        .then(london.otherwise(pl.lit("council_type:outer_london")))
        .otherwise(by_type)
    )


def council_type_benchmark(benchmarks: pl.DataFrame, councils: pl.DataFrame) -> pl.DataFrame:
    """Each council's published council-type figure, where the publisher gives one.

    Returns code, period, measure, value, area_code, area_name; councils, periods and measures
    without a published group figure have no row (so they compare as "not tested").
    """
    groups = benchmarks.filter(pl.col("area_type") == "council_type").select(
        "area_code", "area_name", "period", "measure", "value"
    )
    members = councils.select(
        "code", council_type_group_expr(pl.col("code"), pl.col("council_type")).alias("area_code")
    )
    return members.join(groups, on="area_code", how="inner").select(
        "code", "period", "measure", "value", "area_code", "area_name"
    )


def neighbour_benchmark(values: pl.DataFrame, peers: pl.DataFrame, model: str = "2025") -> pl.DataFrame:
    """Unweighted mean of each council's statistical neighbours' values, per period and measure.

    Returns code, period, measure, value, n_used, neighbours (all, closest first) and neighbours_used
    (those with a value). Neighbours without a value are left out; `value` is null when fewer than
    `MIN_NEIGHBOURS` were used. Every council of the model gets a row for every period and measure
    in `values`.
    """
    links = peers.filter(pl.col("model") == model).select("code", "rank", "peer_code")
    neighbours = links.group_by("code").agg(pl.col("peer_code").sort_by("rank").alias("neighbours"))
    slots = values.select("period", "measure").unique()
    have = values.filter(pl.col("value").is_not_null()).select(
        pl.col("code").alias("peer_code"), "period", "measure", "value"
    )
    used = (
        links.join(have, on="peer_code", how="inner")
        .group_by("code", "period", "measure")
        .agg(
            mean=pl.col("value").mean(),
            n_used=pl.len().cast(pl.UInt32),
            neighbours_used=pl.col("peer_code").sort_by("rank"),
        )
    )
    out = neighbours.join(slots, how="cross").join(used, on=["code", "period", "measure"], how="left")
    return out.select(
        "code",
        "period",
        "measure",
        pl.when(pl.col("n_used") >= MIN_NEIGHBOURS).then(pl.col("mean")).alias("value"),
        pl.col("n_used").fill_null(0),
        "neighbours",
        pl.col("neighbours_used").fill_null([]),
    ).sort("code", "measure", "period")


def custom_group_benchmark(values: pl.DataFrame, codes: list[str], min_used: int = 1) -> pl.DataFrame:
    """Unweighted mean of the chosen councils' values per period and measure.

    Returns period, measure, value, n_used, n_selected; `value` is null below `min_used` councils.
    The mean includes every chosen council that has a value, the compared council too if chosen.
    """
    chosen = sorted(set(codes))
    group = values.filter(pl.col("code").is_in(chosen))
    agg = group.group_by("period", "measure").agg(
        mean=pl.col("value").mean(), n_used=pl.col("value").count().cast(pl.UInt32)
    )
    return agg.select(
        "period",
        "measure",
        pl.when(pl.col("n_used") >= max(min_used, 1)).then(pl.col("mean")).alias("value"),
        "n_used",
        pl.lit(len(chosen), pl.UInt32).alias("n_selected"),
    ).sort("measure", "period")
