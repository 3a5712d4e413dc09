"""Read the Office for Local Government (Oflog) adult social care metrics ASC1 to ASC7, 2015-16 to 2022-23.

Source: `oflog-asc/ASC_data.csv` from Oflog's automated-text repository (one row per council,
financial year and metric). Five metrics repeat ASCOF figures exactly (a data test checks them), so
their rows are rejected as duplicates rather than becoming second measures:
ASC1 = ASCOF 1D carer quality of life, ASC2 "ASC Quality of Life" = ASCOF 1J adjusted quality of
life (the values are 0-1 adjusted scores, not the 0-24 score), ASC3 = 3D1, ASC4 = 3D2, ASC5 = 2D.
ASC6 (requests resulting in a service) and ASC7 (workforce turnover) are Oflog's own and become
`oflog_*` measures. Oflog's MEDIAN column is the median of councils, not a published England
figure, so it is not a benchmark and is not read; neither are its MAD distances or ranks. The file
leaves missing values blank: they are kept as null with status "missing". Codes are ONS codes.
ASC7 continues from 2023-24 as ASCOF measure 6A, read by `ascof_2025` into the same measure.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from accountability.codes import COUNCIL_CODE
from accountability.sources.ascof_2025_measures import TURNOVER_NOTE
from accountability.sources.base import (
    RowAccount,
    SourceFileError,
    SourceOutput,
    check_unique,
    numeric_with_status,
    read_csv_text,
)
from accountability.store.measures import Measure
from accountability.store.schema import BENCHMARKS_SCHEMA, VALUES_SCHEMA, conform, empty

FILE = "ASC_data.csv"
COLUMNS = ["Financial year", "Local authority code", "Local authority name", "Measure", "Code", "Value"]
SOURCE = "Oflog adult social care metrics"
PUBLISHER = "Office for Local Government (MHCLG)"
SOURCE_URL = "https://oflog.data.gov.uk/"

# Oflog code -> (published Measure text, our measure id, or the ASCOF measure it duplicates).
METRICS: dict[str, tuple[str, str]] = {
    "ASC1": ("Outcome, ASC Carer Quality of Life", "duplicate of ASCOF measure ascof_carer_qol"),
    "ASC2": ("Outcome, ASC Quality of Life", "duplicate of ASCOF measure ascof_adj_scrqol"),
    "ASC3": (
        "Outcome, Ease of finding information about services : service users",
        "duplicate of ASCOF measure ascof_info_users",
    ),
    "ASC4": (
        "Outcome, Ease of finding information about support : carers",
        "duplicate of ASCOF measure ascof_info_carers",
    ),
    "ASC5": (
        "Outcome, Outcome of short-term services: sequel to service",
        "duplicate of ASCOF measure ascof_short_term_outcome",
    ),
    "ASC6": ("Outcome, Requests resulting in a service", "oflog_requests_resulting_in_service"),
    "ASC7": ("Outcome, Workforce turnover rate", "oflog_workforce_turnover"),
}

MEASURES: list[Measure] = [
    Measure(
        id="oflog_requests_resulting_in_service",
        label="Requests for support that led to a service",
        description=(
            "How many requests for adult social care support from new clients led to a service "
            "(for example short-term reablement or long-term care), per 100,000 adults in the area. "
            "A higher figure means more requests turned into help; it can also reflect more need, so "
            "Oflog does not say whether higher is better."
        ),
        domain="adults", unit="per 100,000", value_type="rate", polarity="no_judgement",
        source=SOURCE, publisher=PUBLISHER, framework_version="Oflog adult social care metrics (ASC6)",
        source_codes="ASC6", multiplier=100_000.0, source_url=SOURCE_URL, count_noun="requests",
        note=(
            "From councils' Short and Long Term support (SALT) returns. The published file gives no "
            "unit; 'per 100,000 adults' is Oflog's definition as we understand it and matches the "
            "size of the figures. Oflog does not rank councils on it (rank_order 'None')."
        ),
    ),
    Measure(
        id="oflog_workforce_turnover",
        label="Care staff leaving their jobs (turnover)",
        description=(
            "Percentage of adult social care staff in the area who left their job during the year, "
            "as estimated by Skills for Care. Higher means more staff leaving, which makes it harder "
            "to give people continuity of care."
        ),
        domain="adults", unit="%", value_type="proportion", polarity="lower_is_better",
        source=f"{SOURCE} (to 2022-23); Measures from the Adult Social Care Outcomes Framework, 6A (2023-24 on)",
        publisher=f"{PUBLISHER} to 2022-23; NHS England (DHSC) from 2023-24",
        framework_version="Oflog adult social care metrics (ASC7), then ASCOF 6A from 2023-24",
        source_codes="ASC7 (Oflog, to 2022-23); 6A (ASCOF 2024-25 data tables, 2023-24 on)", multiplier=100.0,
        source_url=SOURCE_URL, count_noun="care staff",
        period_note=(
            "The publisher's financial-year label as published. Skills for Care's workforce estimates are "
            "made at September each year, with turnover over the 12 months before."
        ),
        note=(
            "Data from Skills for Care's Adult Social Care Workforce Data Set. Oflog does not rank councils "
            "on it (rank_order 'None'); we treat lower as better because high turnover undermines continuity "
            "of care. Values around 28% suggest all care employers in the area, not only council staff. "
            "Blank Oflog cells (about 40 councils a year) are estimates Skills for Care did not publish. "
            "No numerator or denominator is published, so no interval can be given. "
            + TURNOVER_NOTE
        ),
    ),
]  # fmt: skip


def _check_rows(rows: pl.DataFrame, file: Path) -> None:
    """Council codes, year labels and each code's measure text must be as expected."""
    expected = {code: text for code, (text, _) in METRICS.items()}
    checks = [
        (~pl.col("Local authority code").fill_null("").str.contains(COUNCIL_CODE), "Local authority code"),
        (~pl.col("Financial year").fill_null("").str.contains(r"^\d{4}-\d{2}$"), "Financial year"),
        (~pl.col("Code").fill_null("").is_in(list(METRICS)), "Code"),
        (pl.col("Measure").ne_missing(pl.col("Code").replace_strict(expected, default=None)), "Measure"),
    ]
    for condition, column in checks:
        bad = rows.filter(condition).sort("_row")
        if bad.height:
            first = bad.row(0, named=True)
            raise SourceFileError(file, f"unexpected value '{first[column]}'", column=column, row=first["_row"])


def read(raw_dir: Path) -> SourceOutput:
    """Council values for Oflog's own metrics (ASC6, ASC7); ASCOF duplicates rejected with a reason."""
    path = raw_dir / "oflog-asc" / FILE
    rows = read_csv_text(path, COLUMNS)
    account = RowAccount(path.name, read=rows.height)
    _check_rows(rows, path)
    check_unique(rows, ["Financial year", "Local authority code", "Code"], path)
    target = pl.col("Code").replace_strict({code: target for code, (_, target) in METRICS.items()})
    rows = rows.with_columns(target=target)
    duplicates = rows.filter(pl.col("target").str.starts_with("duplicate of")).group_by("target").len()
    for reason, n in duplicates.sort("target").iter_rows():
        account.reject(reason, n)
    rows = numeric_with_status(rows.filter(pl.col("target").str.starts_with("oflog_")), "Value", path)
    account.kept = rows.height
    account.missing("value blank in the published file", rows.filter(pl.col("value").is_null()).height)
    values = rows.select(
        code=pl.col("Local authority code"),
        period=pl.col("Financial year"),
        measure=pl.col("target"),
        value=pl.col("value"),
        status=pl.col("status"),
        source_file=pl.lit(path.name),
        source_row=pl.col("_row"),
    )
    values = conform(values, VALUES_SCHEMA).sort("code", "period", "measure")
    return SourceOutput(values, conform(empty(BENCHMARKS_SCHEMA), BENCHMARKS_SCHEMA), [account])
