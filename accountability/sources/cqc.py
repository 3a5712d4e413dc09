"""Read CQC's location-level directory format (public API / care directory) into `tables["adult_providers"]`.

The national CQC directory is NOT in the raw folder. This reader exists so it can be added later:
it reads the published column layout (locationId, providerId, name, careHome, numberOfBeds,
localAuthority, registrationStatus, registrationDate, currentRatings ...) from the fixture
cqc-sample/cqc_care_homes.csv, an April 2021 API extract for four councils only (Devon, Somerset,
Plymouth, Torbay). Every row it returns is marked `fixture=True`, and `year` is the extract's year
(2021, councils as on 1 April 2021). To read a national file, call `read_directory(path, year, ...)`
with `fixture=False`.

`latest_rating` is the overall rating in `currentRatings` (CQC's four-point scale: Outstanding, Good,
Requires improvement, Inadequate); other texts ("Insufficient evidence to rate" ...) stay null and
are counted. What it does not do: infer a sector (CQC publishes none in this layout) or group locations.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl

from accountability.sources import ofsted_providers_names as names
from accountability.sources.base import RowAccount, SourceFileError, SourceOutput, check_unique, read_csv_text
from accountability.store.schema import BENCHMARKS_SCHEMA, VALUES_SCHEMA, conform, empty

FOLDER, FIXTURE = "cqc-sample", "cqc_care_homes.csv"
FIXTURE_YEAR = 2021
RATINGS = ["Outstanding", "Good", "Requires improvement", "Inadequate"]
REQUIRED = ["locationId", "providerId", "name", "careHome", "numberOfBeds", "localAuthority", "registrationStatus",
            "registrationDate", "currentRatings"]  # fmt: skip
ADULT_PROVIDERS_SCHEMA: dict[str, pl.DataType] = {
    "year": pl.Int16(),
    "location_id": pl.String(),
    "provider_id": pl.String(),
    "name": pl.String(),
    "care_home": pl.Boolean(),
    "beds": pl.Int64(),
    "la_name": pl.String(),
    "code": pl.String(),
    "registration_status": pl.String(),
    "registration_date": pl.Date(),
    "latest_rating": pl.Enum(RATINGS),
    "latest_rating_date": pl.Date(),
    "fixture": pl.Boolean(),
    "source_file": pl.String(),
    "source_row": pl.Int64(),
}
_OVERALL = r"'overall': \{'rating': '([^']*)'"
_OVERALL_DATE = r"'overall': \{'rating': '[^']*', 'reportDate': '(\d{4}-\d{2}-\d{2})'"


def read(raw_dir: Path) -> SourceOutput:
    """The four fixture councils' care-home locations (`fixture=True`)."""
    councils = names.councils_table(raw_dir, [])
    frame, account = read_directory(raw_dir / FOLDER / FIXTURE, FIXTURE_YEAR, councils, fixture=True)
    return SourceOutput(empty(VALUES_SCHEMA), empty(BENCHMARKS_SCHEMA), [account], {"adult_providers": frame})


def read_directory(path: Path, year: int, councils: pl.DataFrame, *, fixture: bool) -> tuple[pl.DataFrame, RowAccount]:
    """One row per location in a CQC directory file, with the ONS code of its council on 1 April `year`."""
    frame = read_csv_text(path, REQUIRED)
    account = RowAccount(path.name, read=frame.height)
    frame = frame.with_columns(pl.all().exclude("_row").str.strip_chars())
    frame = frame.with_columns(_beds(frame, path), *_ratings(frame, account), _registered(frame, path))
    frame = frame.with_columns(_on=pl.lit(date(year, 4, 1)), year=pl.lit(year, pl.Int16))
    frame = names.attach_codes(frame, "localAuthority", "_on", councils, path)
    frame = names.keep_mapped(frame, "localAuthority", account)
    check_unique(frame, ["locationId"], path)
    account.kept += frame.height
    frame = frame.rename(
        {"locationId": "location_id", "providerId": "provider_id", "localAuthority": "la_name",
         "registrationStatus": "registration_status"}
    )  # fmt: skip
    frame = frame.with_columns(
        care_home=pl.col("careHome") == "Y", fixture=pl.lit(fixture), source_file=pl.lit(path.name), source_row="_row"
    )
    return conform(frame, ADULT_PROVIDERS_SCHEMA).sort("year", "location_id"), account


def _beds(frame: pl.DataFrame, path: Path) -> pl.Expr:
    text = pl.col("numberOfBeds").fill_null("")
    parsed = text.cast(pl.Int64, strict=False)
    bad = frame.filter(parsed.is_null() & (text != ""))
    if bad.height:
        first = bad.row(0, named=True)
        raise SourceFileError(
            path, f"'{first['numberOfBeds']}' is not a whole number", column="numberOfBeds", row=first["_row"]
        )
    return parsed.alias("beds")


def _registered(frame: pl.DataFrame, path: Path) -> pl.Expr:
    text = pl.col("registrationDate").fill_null("")
    parsed = text.str.to_date("%d/%m/%Y", strict=False)
    bad = frame.filter(parsed.is_null() & (text != ""))
    if bad.height:
        first = bad.row(0, named=True)
        problem = f"'{first['registrationDate']}' is not a dd/mm/yyyy date"
        raise SourceFileError(path, problem, column="registrationDate", row=first["_row"])
    return parsed.alias("registration_date")


def _ratings(frame: pl.DataFrame, account: RowAccount) -> list[pl.Expr]:
    """Overall rating and its report date from the `currentRatings` text; off-scale ratings counted."""
    rating = pl.col("currentRatings").str.extract(_OVERALL)
    ratings = frame.select(rating.alias("r"))["r"]
    account.missing("no current overall rating", ratings.null_count())
    for text, n in ratings.drop_nulls().filter(~ratings.drop_nulls().is_in(RATINGS)).value_counts().sort("r").rows():
        account.missing(f"rating not on CQC's four-point scale: {text}", n)
    on_scale = pl.when(rating.is_in(RATINGS)).then(rating)
    reported = pl.col("currentRatings").str.extract(_OVERALL_DATE).str.to_date("%Y-%m-%d", strict=False)
    return [on_scale.alias("latest_rating"), reported.alias("latest_rating_date")]
