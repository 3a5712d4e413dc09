"""Quartile bands and ranks with 95% rank intervals, for one measure and period across councils.

Rules:
- rank: competition rank ("1, 2, 2, 4"), best first by polarity (as `compare.rank_expr`, which this
  module reuses). Councils without a value are unranked (null).
- quartile (as DfE's LAIT `calculate_quartile_band`): cut points are the 25th, 50th and 75th
  percentiles of all councils' values (linear interpolation, R's type 7). Bands are oriented so
  that 1 is the best quarter; a value exactly on a cut point falls in the better band.
- `no_judgement` measures (neither direction is better, e.g. children in care per 10,000) get no
  rank, rank interval or quartile: all null. A "quartile 3 of 4, 1 = best" or "ranked 1st" would
  call a position better; the ordering by value is `compare.rank_expr`'s ("12th highest"). LAIT
  likewise prints "-" for a rank without polarity.
- rank interval: 1,000 simulated league tables. Each council's value is drawn from a normal
  approximation to its 95% interval, centred on its published value: a split normal with
  sd = (value − ci_low) / 1.959964 below the value and (ci_high − value) / 1.959964 above it, so the
  draws reproduce the council's own interval exactly, including asymmetric Wilson and Byar intervals
  (a value of 100% is never drawn above 100%; for a symmetric interval this is the plain normal with
  sd = (ci_high − ci_low) / (2 × 1.959964)). Each draw is ranked as above; rank_low / rank_high
  are the 2.5th / 97.5th percentiles of the council's simulated ranks (lower / higher order
  statistic), widened if need be to include the council's published rank: when many councils tie
  at a bound (say 100%), the draws spread the tie out, and a council just below it then ranks better
  in nearly every draw than its published rank. Councils without an interval are held at their
  published value in every draw (so they still move others) and get no rank interval of their own.
  Draws use a fixed seed and councils are taken in code order, so results do not depend on input order.
This module does not test significance (see `significance`) and makes no verdict from a rank.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from accountability.methods.compare import rank_expr

DRAWS = 1_000
SEED = 20_250_401
Z95 = 1.959963984540054
RANK_SCHEMA: dict[str, pl.DataType] = {
    "code": pl.String(),
    "rank": pl.Int32(),
    "rank_low": pl.Int32(),
    "rank_high": pl.Int32(),
    "quartile": pl.Int8(),
}


def quartile_expr(value: pl.Expr, polarity: str) -> pl.Expr:
    """Quartile band 1-4 (1 = best quarter) of `value` among all non-null values; null for `no_judgement`."""
    if polarity == "no_judgement":  # a null for every row (a bare null literal would be one row)
        return pl.when(value.is_not_null() & pl.lit(value=False)).then(pl.lit(1, pl.Int8))
    q1, q2, q3 = (value.quantile(q, interpolation="linear") for q in (0.25, 0.5, 0.75))
    if polarity == "lower_is_better":
        band = pl.when(value <= q1).then(1).when(value <= q2).then(2).when(value <= q3).then(3).otherwise(4)
    else:
        band = pl.when(value >= q3).then(1).when(value >= q2).then(2).when(value >= q1).then(3).otherwise(4)
    return pl.when(value.is_not_null()).then(band).cast(pl.Int8)


def simulated_ranks(
    centre: np.ndarray, sd_below: np.ndarray, sd_above: np.ndarray, descending: bool, draws: int, seed: int
) -> np.ndarray:
    """Competition ranks (councils × draws) of split-normal draws around `centre` (sd 0 = held fixed)."""
    z = np.random.default_rng(seed).standard_normal((centre.size, draws))
    sims = centre[:, None] + z * np.where(z < 0, sd_below[:, None], sd_above[:, None])
    return competition_ranks(-sims if descending else sims)


def competition_ranks(sims: np.ndarray) -> np.ndarray:
    """Column-wise 'min' ranks (1 = smallest; ties share the lowest rank), vectorised over draws."""
    order = np.argsort(sims, axis=0, kind="stable")
    ordered = np.take_along_axis(sims, order, axis=0)
    positions = np.arange(sims.shape[0])[:, None]
    starts_run = np.vstack([np.ones((1, sims.shape[1]), dtype=bool), ordered[1:] != ordered[:-1]])
    run_start = np.maximum.accumulate(np.where(starts_run, positions, 0), axis=0)
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, run_start + 1, axis=0)
    return ranks


def rank_intervals(values: pl.DataFrame, polarity: str, draws: int = DRAWS, seed: int = SEED) -> pl.DataFrame:
    """Rank, 95% rank interval and quartile for every council in one measure-period slice.

    `values` has code, value, ci_low and ci_high for one measure and period. Returns code, rank,
    rank_low, rank_high, quartile (`RANK_SCHEMA`), in code order; councils without a value have nulls,
    and so does every council on a `no_judgement` measure (no position is better there).
    """
    if polarity == "no_judgement":
        return (
            values.sort("code")
            .select("code")
            .with_columns(*[pl.lit(None, dtype).alias(name) for name, dtype in RANK_SCHEMA.items() if name != "code"])
        )
    frame = values.sort("code").with_columns(
        rank=rank_expr(polarity),
        quartile=quartile_expr(pl.col("value"), polarity),
        sd_below=(pl.col("value") - pl.col("ci_low")).clip(lower_bound=0.0) / Z95,
        sd_above=(pl.col("ci_high") - pl.col("value")).clip(lower_bound=0.0) / Z95,
    )
    ranked = frame.filter(pl.col("value").is_not_null())
    low, high = _interval(ranked, polarity != "lower_is_better", draws, seed)
    limits = ranked.select("code").with_columns(
        rank_low=pl.Series(low, dtype=pl.Int32), rank_high=pl.Series(high, dtype=pl.Int32)
    )
    has_interval = pl.col("sd_below").is_not_null() & pl.col("sd_above").is_not_null()
    out = frame.join(limits, on="code", how="left", maintain_order="left")
    return out.select(
        "code",
        "rank",
        pl.when(has_interval).then(pl.min_horizontal("rank_low", "rank")).alias("rank_low"),
        pl.when(has_interval).then(pl.max_horizontal("rank_high", "rank")).alias("rank_high"),
        "quartile",
    ).cast(RANK_SCHEMA)  # type: ignore[arg-type]


def _interval(ranked: pl.DataFrame, descending: bool, draws: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    if ranked.height == 0:
        return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.int32)
    centre = ranked["value"].to_numpy().astype(float)
    # a council with no interval (either limit missing) is held at its published value
    fixed = (ranked["sd_below"].is_null() | ranked["sd_above"].is_null()).to_numpy()
    sd_below = np.where(fixed, 0.0, ranked["sd_below"].fill_null(0.0).to_numpy())
    sd_above = np.where(fixed, 0.0, ranked["sd_above"].fill_null(0.0).to_numpy())
    sims = simulated_ranks(centre, sd_below, sd_above, descending, draws, seed)
    low = np.quantile(sims, 0.025, axis=1, method="lower")
    high = np.quantile(sims, 0.975, axis=1, method="higher")
    return low.astype(np.int32), high.astype(np.int32)


def rank_table(values: pl.DataFrame, measures: pl.DataFrame, periods: pl.DataFrame | None = None) -> pl.DataFrame:
    """`rank_intervals` for every measure and period (or only the (measure, period) pairs in `periods`).

    Returns measure, period and the `RANK_SCHEMA` columns.
    """
    polarity = dict(zip(measures["id"].to_list(), measures["polarity"].cast(pl.String).to_list(), strict=True))
    rows = values.filter(pl.col("measure").is_in(list(polarity)))
    if periods is not None:
        rows = rows.join(periods.select("measure", "period").unique(), on=["measure", "period"], how="semi")
    parts = [
        rank_intervals(part, polarity[str(key[0])]).select(
            pl.lit(key[0], pl.String).alias("measure"), pl.lit(key[1], pl.String).alias("period"), pl.all()
        )
        for key, part in rows.partition_by("measure", "period", as_dict=True).items()
    ]
    if not parts:
        return pl.DataFrame(schema={"measure": pl.String(), "period": pl.String(), **RANK_SCHEMA})
    return pl.concat(parts).sort("measure", "period", "code")
