"""Ratios of published spend lines, per council, region and England, per year. Pure Polars.

`ratio_tables` turns long spend lines (code, period, variable, value, status, source_file,
source_row) into rows of the `values` and `benchmarks` tables for each `Ratio`:
- council: its numerator lines summed / its denominator, times the ratio's multiplier. A line
  published as missing makes the figure missing with that line's status, never a partial sum;
- region: the sum of its councils' numerators over the sum of their denominators (pooled), only
  when every council that existed at the start of the year has both; otherwise missing;
- England: the publisher's own England lines ("published"), or the sum of every council ("summed",
  for files without an England row), over England's denominator.
Denominators: more spend lines, a population band (the latest ONS mid-year estimate not after the
start of the financial year; "18+" is 18-64 plus 65+), or children looked after on 31 March.
This module reads no files and makes no judgement about whether a value is high or low.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import polars as pl

from accountability.methods.spend_measures import Ratio
from accountability.store.schema import BENCHMARKS_SCHEMA, ENGLAND_CODE, VALUES_SCHEMA, Status, conform

COUNCIL = r"^E(06|08|09|10)\d{6}$"
KEY = ["code", "period", "measure"]
England = Literal["published", "summed"]


def _parts(ratios: Sequence[Ratio]) -> pl.DataFrame:
    """measure, role ('num'/'den'), variable, expected (lines in that role): the lines each ratio sums."""
    rows = [(r.measure, "num", v) for r in ratios for v in r.numerator]
    rows += [(r.measure, "den", v) for r in ratios if isinstance(r.denominator, tuple) for v in r.denominator]
    frame = pl.DataFrame(rows, schema={"measure": pl.String, "role": pl.String, "variable": pl.String}, orient="row")
    return frame.with_columns(expected=pl.len().over("measure", "role"))


def line_sums(lines: pl.DataFrame, ratios: Sequence[Ratio]) -> pl.DataFrame:
    """code, period, measure, role, value, status, source_file, source_row: each role's lines summed.

    The sum is null unless every line is published; the status is then the first line's (by code)
    that is not. Lines run in a fixed order so float sums are identical on every rebuild.
    """
    joined = lines.join(_parts(ratios), on="variable", how="inner").sort("variable")
    published = pl.col("status") == "published"
    first_missing = pl.col("status").filter(~published).first()
    return joined.group_by("code", "period", "measure", "role").agg(
        value=pl.when(published.all() & (pl.len() == pl.col("expected").first())).then(pl.col("value").sum()),
        status=pl.when(pl.len() < pl.col("expected").first())
        .then(pl.lit("missing"))
        .otherwise(pl.coalesce(first_missing.cast(pl.String), pl.lit("published"))),
        source_file=pl.col("source_file").first(),
        source_row=pl.col("source_row").min(),
    )


def heads(population: pl.DataFrame, periods: Sequence[str]) -> pl.DataFrame:
    """code, period, kind ('population:<band>'), value, status: the latest estimate not after the year's start."""
    adults = (
        population.filter(pl.col("age_band").is_in(["18-64", "65+"]))
        .group_by("code", "year")
        .agg(pl.col("population").sum(), n=pl.len(), status=pl.col("status").cast(pl.String).max())
        .filter(pl.col("n") == 2)
        .with_columns(age_band=pl.lit("18+"))
    )
    columns = ["code", "year", "age_band", "population", "status"]
    bands = pl.concat(
        [population.with_columns(pl.col("status").cast(pl.String)).select(columns), adults.select(columns)]
    )
    starts = pl.DataFrame({"period": list(periods)}).with_columns(start=pl.col("period").str.slice(0, 4).cast(pl.Int32))
    usable = bands.join(starts, how="cross").filter(pl.col("year").cast(pl.Int32) <= pl.col("start"))
    latest = usable.filter(pl.col("year") == pl.col("year").max().over("code", "period", "age_band"))
    return latest.select(
        "code",
        "period",
        kind=pl.lit("population:") + pl.col("age_band"),
        value=pl.col("population").cast(pl.Float64),
        status=pl.when(pl.col("population").is_null()).then(pl.col("status")).otherwise(pl.lit("published")),
    )


def _denominators(sums: pl.DataFrame, ratios: Sequence[Ratio], others: pl.DataFrame) -> pl.DataFrame:
    """code, period, measure, den, den_status: from lines, or from `others` (code, period, kind, value)."""
    from_lines = sums.filter(pl.col("role") == "den").select(
        *KEY, den="value", den_status=pl.col("status").cast(pl.String)
    )
    kinds = pl.DataFrame(
        [(r.measure, r.denominator) for r in ratios if isinstance(r.denominator, str)],
        schema={"measure": pl.String, "kind": pl.String},
        orient="row",
    )
    from_others = kinds.join(others, on="kind").select(*KEY, den="value", den_status=pl.col("status").cast(pl.String))
    return pl.concat([from_lines, from_others])


def _ratios(sums: pl.DataFrame, dens: pl.DataFrame, ratios: Sequence[Ratio]) -> pl.DataFrame:
    """One row per code, period and measure with a numerator: value, numerator, denominator, status."""
    mult = pl.DataFrame(
        [(r.measure, r.multiplier) for r in ratios], schema={"measure": pl.String, "mult": pl.Float64}, orient="row"
    )
    num = sums.filter(pl.col("role") == "num").rename({"value": "numerator"}).drop("role")
    rows = num.join(dens, on=KEY, how="left").join(mult, on="measure")
    ok = pl.col("numerator").is_not_null() & pl.col("den").is_not_null() & (pl.col("den") != 0)
    status = (
        pl.when(pl.col("status") != "published")
        .then(pl.col("status"))
        .when(pl.col("den").is_null())
        .then(
            pl.when(pl.col("den_status").is_not_null() & (pl.col("den_status") != "published"))
            .then(pl.col("den_status"))
            .otherwise(pl.lit("missing"))
        )
        .when(pl.col("den") == 0)
        .then(pl.lit("not_applicable"))  # nothing spent, or no child looked after: no share to show
        .otherwise(pl.lit("published"))
    )
    return rows.with_columns(
        value=pl.when(ok).then(pl.col("numerator") / pl.col("den") * pl.col("mult")),
        denominator="den",
        status=status.cast(Status),
    )


def _alive(councils: pl.DataFrame, periods: Sequence[str]) -> pl.DataFrame:
    """code, region_code, period: councils that existed on 1 April at the start of each period."""
    starts = pl.DataFrame({"period": list(periods)}).with_columns(
        start=pl.date(pl.col("period").str.slice(0, 4).cast(pl.Int32), 4, 1)
    )
    frame = councils.select("code", "region_code", "valid_from", "valid_to").join(starts, how="cross")
    alive = (pl.col("valid_from").is_null() | (pl.col("valid_from") <= pl.col("start"))) & (
        pl.col("valid_to").is_null() | (pl.col("valid_to") > pl.col("start"))
    )
    return frame.filter(alive).select("code", "region_code", "period")


def pooled(rows: pl.DataFrame, alive: pl.DataFrame, area: str) -> pl.DataFrame:
    """area_code, period, measure, numerator, denominator: sums over `area`'s councils, complete areas only."""
    members = alive.select("code", "period", area_code=pl.col(area) if area != "england" else pl.lit(ENGLAND_CODE))
    expected = members.group_by("area_code", "period").agg(n=pl.len())
    # a council that spent nothing on the service (denominator 0) is complete: it adds zero to both sums
    published = pl.col("numerator").is_not_null() & pl.col("denominator").is_not_null()
    complete = rows.filter(published).join(members, on=["code", "period"])
    sums = (
        complete.sort("code")
        .group_by("area_code", "period", "measure")
        .agg(pl.col("numerator").sum(), pl.col("denominator").sum(), n=pl.len(), mult=pl.col("mult").first())
    )
    full = sums.join(expected, on=["area_code", "period"]).filter(pl.col("n") == pl.col("n_right"))
    return full.select("area_code", "period", "measure", "numerator", "denominator", "mult")


def _area_rows(found: pl.DataFrame, grid: pl.DataFrame, area_type: str) -> pl.DataFrame:
    """Benchmark rows for every area, period and measure in `grid`; missing where `found` has none."""
    rows = grid.join(found, on=["area_code", "period", "measure"], how="left")
    ok = pl.col("numerator").is_not_null() & pl.col("denominator").is_not_null() & (pl.col("denominator") != 0)
    return rows.with_columns(
        area_type=pl.lit(area_type),
        value=pl.when(ok).then(pl.col("numerator") / pl.col("denominator") * pl.col("mult")),
        status=pl.when(ok).then(pl.lit("published")).otherwise(pl.lit("not_available")).cast(Status),
    )


def ratio_tables(
    lines: pl.DataFrame,
    ratios: Sequence[Ratio],
    councils: pl.DataFrame,
    others: pl.DataFrame,
    *,
    england: England = "published",
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(values rows for councils, benchmark rows for regions and England) of every ratio.

    `councils` has code, region_code, region, valid_from, valid_to; `others` holds the non-line
    denominators as code, period, kind, value, status (see `heads`; kind "children_looked_after" for
    DfE's counts), a missing one with the status it was published with.
    """
    sums = line_sums(lines, ratios)
    rows = _ratios(sums, _denominators(sums, ratios, others), ratios)
    council_rows = rows.filter(pl.col("code").str.contains(COUNCIL))
    periods = sorted(council_rows["period"].unique().to_list())
    alive = _alive(councils, periods)
    pairs = council_rows.select("period", "measure").unique()
    files = council_rows.group_by("period").agg(source_file=pl.col("source_file").min())
    regions = alive.select(area_code="region_code", period="period").unique().join(pairs, on="period")
    parts = [_area_rows(pooled(council_rows, alive, "region_code"), regions, "region")]
    england_grid = pairs.with_columns(area_code=pl.lit(ENGLAND_CODE))
    if england == "published":
        published = rows.filter(pl.col("code") == ENGLAND_CODE).rename({"code": "area_code"})
        parts.append(
            _area_rows(published.drop("value", "status", "source_file", "source_row"), england_grid, "england")
        )
    else:
        parts.append(_area_rows(pooled(council_rows, alive, "england"), england_grid, "england"))
    names = councils.select(area_code="region_code", area_name="region").unique().sort("area_code", "area_name")
    names = names.unique(subset="area_code", keep="first", maintain_order=True)
    bench = pl.concat(parts, how="diagonal_relaxed").join(names, on="area_code", how="left")
    bench = bench.join(files, on="period", how="left").with_columns(
        area_name=pl.when(pl.col("area_type") == "england").then(pl.lit("England")).otherwise("area_name")
    )
    values = conform(council_rows, VALUES_SCHEMA).sort("measure", "code", "period")
    return values, conform(bench, BENCHMARKS_SCHEMA).sort("measure", "area_type", "area_code", "period")
