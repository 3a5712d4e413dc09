"""Money measures that need several readers' tables at once, assembled for `build`.

Spend ratios (`methods.spend`) divide MHCLG's spend lines by ONS population estimates and by DfE's
count of children looked after on 31 March, and DfE's 2009-14 S251 lines by their totals; this
module gathers those inputs from the readers' outputs, recoded to current council codes, and returns
rows for the values and benchmarks tables.
It reads no files and decides nothing about the figures.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from accountability.methods import s251_measures, spend
from accountability.methods.spend_measures import RATIOS
from accountability.sources import harmonise
from accountability.sources.base import SourceOutput
from accountability.store.schema import ENGLAND_CODE

LOOKED_AFTER = "cla_rate"  # DfE's rate per 10,000; its numerator is the count on 31 March


def looked_after(outputs: Sequence[SourceOutput]) -> pl.DataFrame:
    """code, period, kind, value, status: children looked after on 31 March, councils and England."""
    councils = pl.concat([o.values for o in outputs]).filter(pl.col("measure") == LOOKED_AFTER)
    england = pl.concat([o.benchmarks for o in outputs]).filter(
        (pl.col("measure") == LOOKED_AFTER) & (pl.col("area_code") == ENGLAND_CODE)
    )
    columns = ["code", "period", "numerator", "status"]
    both = pl.concat([councils.select(columns), england.rename({"area_code": "code"}).select(columns)])
    return harmonise.recode(both, "code").select(
        "code",
        "period",
        kind=pl.lit("children_looked_after"),
        value="numerator",
        status=pl.col("status").cast(pl.String),
    )


def spend_rows(
    tables: dict[str, pl.DataFrame], councils: pl.DataFrame, outputs: Sequence[SourceOutput]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(values, benchmarks) rows of every spend ratio; `tables` holds spend_lines and population."""
    lines = harmonise.recode(tables["spend_lines"], "code")
    periods = sorted(lines["period"].unique().to_list())
    population = harmonise.recode(tables["population"], "code")
    others = pl.concat([spend.heads(population, periods), looked_after(outputs)])
    return spend.ratio_tables(lines, RATIOS, councils, others, england="published")


def s251_rows(tables: dict[str, pl.DataFrame], councils: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(values, benchmarks) rows of the 2009-14 provider shares; England is the sum of every council."""
    provision = harmonise.recode(tables["s251_provision"], "code")
    lines = provision.select(
        "code", "period", "value", "status", "source_file", "source_row",
        variable=pl.concat_str(pl.col("line").cast(pl.String), pl.lit(":"), pl.col("provision").cast(pl.String)),
    )  # fmt: skip
    none = pl.DataFrame(
        schema={"code": pl.String, "period": pl.String, "kind": pl.String, "value": pl.Float64, "status": pl.String}
    )
    return spend.ratio_tables(lines, s251_measures.RATIOS, councils, none, england="summed")
