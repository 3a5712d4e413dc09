"""Read Ofsted's provider-level "Children's social care data in England" files, 31 March 2015-2025.

What it does:
- `providers`: one row per registered provider per snapshot (31 March of `year`) with provision type,
  normalised sector, places (none published in 2015), owning organisation (2018+), the Local
  authority the provider is LOCATED in (as published, plus its ONS `code` on that 31 March), registration
  status and the latest full inspection date and overall judgement. The overall judgement column
  is "Overall effectiveness" to 2018, "Overall experiences and progress of children and young
  people" from 2019, prefixed "Latest full inspection ..." in 2022. For 2018 the full register
  (provider_at_march_2018_part2.csv, no judgements) is the row source and the judgements come from
  provider_at_march_2018.csv (inspected providers only), matched on URN.
- `provider_changes`: joiners and leavers during the years to 31 March 2017-2023, one row per change
  (a provider can both join and leave in one year). `date` is the registration / "became active" date
  for a joiner and the earliest published resigned, closed or cancelled date for a leaver.

Sector mapping (case-insensitive): Private; Local authority; Voluntary; Health authority; Academy;
"Public sector" (only Cafcass, 2018) -> Other. Any other sector is an error, never a guess.
Judgements on older Ofsted scales ("Adequate", "Satisfactory", 2015-2018 files) are kept as published
in `latest_judgement_published` and left null in `latest_judgement`; "Requires improvement" is the
same grade as "Requires improvement to be good" (renamed in 2018).

What it does not do: treat the located-in council as the placing council, or group owners into
corporate groups (see market_panels for the researchers' ownership classes).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl

from accountability.sources import ofsted_providers_names as names
from accountability.sources.base import RowAccount, SourceFileError, SourceOutput, check_unique
from accountability.store.schema import BENCHMARKS_SCHEMA, VALUES_SCHEMA, conform, empty

SECTORS = ["Local authority", "Private", "Voluntary", "Health authority", "Academy", "Other"]
SECTOR_MAP = {s.lower(): s for s in SECTORS[:5]} | {"public sector": "Other"}
Sector = pl.Enum(SECTORS)
GRADES = ["Outstanding", "Good", "Requires improvement to be good", "Inadequate"]
Judgement = pl.Enum(GRADES)
GRADE_MAP = {g.lower(): g for g in GRADES} | {"requires improvement": GRADES[2]}
OLD_SCALE = {"adequate", "satisfactory"}  # grades of frameworks before April 2015: not on the four-point scale
NO_VALUE = ["", "null"]  # joiners_leavers_17.csv writes NULL for an empty cell
# Published provision types folded to one spelling each (case varies between years); others kept as published.
PROVISION_TYPES = [
    "Children's home", "Secure children's home", "Independent fostering agency", "Residential special school",
    "Residential special school (registered as a children's home)", "Residential special school (>295 days/year)",
    "Boarding school", "Further education college with residential accommodation", "Residential family centre",
    "Voluntary adoption agency", "Adoption support agency", "Residential holiday scheme for disabled children",
    "Secure training centre", "Supported accommodation", "CAFCASS",
]  # fmt: skip
# ONE table of canonical column names: normalised published header -> canonical name.
SYNONYMS: dict[str, str] = {
    "urn": "urn",
    "provision type": "provision_type",
    "reg status": "registration_status",
    "registration status": "registration_status",
    "local authority": "la_name",
    "sector": "sector",
    "places": "places",
    "organisation": "owner",
    "organisation name": "owner",
    "organisation which owns the provider": "owner",
    "inspection date": "latest_inspection_date",
    "latest full inspection date": "latest_inspection_date",
    "overall effectiveness": "latest_judgement",
    "overall experiences and progress of children and young people": "latest_judgement",
    "latest full inspection overall experiences and progress of children and young people": "latest_judgement",
    "joiner status": "joiner_status",
    "leaver status": "leaver_status",
    "first effective date (that the provider became active)": "joined_date",
    "registration date": "joined_date",
    "first effective date (that the provider became resigned)": "resigned_date",
    "cancelled or resigned date": "resigned_date",
    "resigned/closed date": "resigned_date",
    "first effective date (that the provider closed)": "closed_date",
    "date closed": "closed_date",
    "first effective date (that the provider became cancelled)": "cancelled_date",
}
LEFT_DATES = ["resigned_date", "closed_date", "cancelled_date"]
FOLDER = "ofsted-csc-providers"
REGISTERS = {year: f"provider_at_march_{year}.csv" for year in range(2015, 2026)}
REGISTERS[2018] = "provider_at_march_2018_part2.csv"  # the full register; the 2018 file holds inspected ones only
JUDGEMENT_FILES = {2018: "provider_at_march_2018.csv"}
CHANGES = {2000 + yy: f"joiners_leavers_{yy}.csv" for yy in range(17, 24)}
PROVIDERS_SCHEMA: dict[str, pl.DataType] = {
    "year": pl.Int16(),
    "urn": pl.String(),
    "provision_type": pl.String(),
    "sector": Sector,
    "places": pl.Int64(),
    "owner": pl.String(),
    "la_name": pl.String(),
    "code": pl.String(),
    "registration_status": pl.String(),
    "latest_inspection_date": pl.Date(),
    "latest_judgement": Judgement,
    "latest_judgement_published": pl.String(),
    "source_file": pl.String(),
    "source_row": pl.Int64(),
}
CHANGES_SCHEMA: dict[str, pl.DataType] = {
    "year": pl.Int16(),
    "urn": pl.String(),
    "change": pl.Enum(["joined", "left"]),
    "provision_type": pl.String(),
    "sector": Sector,
    "places": pl.Int64(),
    "la_name": pl.String(),
    "code": pl.String(),
    "date": pl.Date(),
    "source_file": pl.String(),
    "source_row": pl.Int64(),
}


def read(raw_dir: Path) -> SourceOutput:
    """`providers` and `provider_changes` tables; no values or benchmarks (these are registers)."""
    councils = names.councils_table(raw_dir, [])  # the lookups reader accounts for those files
    accounts: list[RowAccount] = []
    folder = raw_dir / FOLDER
    registers = [read_register(folder, year, councils, accounts) for year in REGISTERS]
    changes = [read_changes(folder / file, year, councils, accounts) for year, file in CHANGES.items()]
    tables = {
        "providers": _conform(registers, PROVIDERS_SCHEMA).sort("year", "urn"),
        "provider_changes": _conform(changes, CHANGES_SCHEMA).sort("year", "urn", "change"),
    }
    return SourceOutput(empty(VALUES_SCHEMA), empty(BENCHMARKS_SCHEMA), accounts, tables)


def _conform(frames: list[pl.DataFrame], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    return pl.concat([conform(f, schema) for f in frames])


def _required(year: int, with_judgements: bool) -> list[str]:
    required = ["urn", "provision_type", "registration_status", "la_name", "sector"]
    required += ["places"] if year >= 2016 else []
    required += ["owner"] if year >= 2018 else []
    return required + (["latest_inspection_date", "latest_judgement"] if with_judgements else [])


def _open(path: Path, first: str, required: list[str], accounts: list[RowAccount]) -> tuple[pl.DataFrame, RowAccount]:
    """Rows under the detected header with canonical columns; blank rows rejected."""
    raw = names.read_from_header(path, first)
    accounts.append(account := RowAccount(path.name, read=raw.height))
    frame = names.canonical_columns(raw, SYNONYMS, required, path)
    frame = frame.with_columns(pl.all().exclude("_row").str.strip_chars())
    blank = pl.col("urn").fill_null("") == ""
    account.reject("blank row (no URN)", frame.filter(blank).height)
    return frame.filter(~blank), account


def read_register(folder: Path, year: int, councils: pl.DataFrame, accounts: list[RowAccount]) -> pl.DataFrame:
    path = folder / REGISTERS[year]
    frame, account = _open(path, "Web link", _required(year, year not in JUDGEMENT_FILES), accounts)
    if year in JUDGEMENT_FILES:
        frame = frame.join(_judgements(folder / JUDGEMENT_FILES[year], frame, path, accounts), on="urn", how="left")
    frame = _common(frame, path, account).with_columns(_judgement(frame, path, account))
    frame = frame.with_columns(_dates(frame, ["latest_inspection_date"], path))
    frame = _locate(frame, year, path, councils, account)
    check_unique(frame, ["urn"], path)
    account.kept += frame.height
    _count_no_places(frame, account)
    return frame


def _count_no_places(kept: pl.DataFrame, account: RowAccount) -> None:
    if "places" not in kept.columns:
        account.missing("no Places column in this year's file", kept.height)
    else:
        account.missing("places not published", kept["places"].null_count())


def _judgements(path: Path, register: pl.DataFrame, register_path: Path, accounts: list[RowAccount]) -> pl.DataFrame:
    """Inspection date and judgement by URN from a file of inspected providers only (2018)."""
    frame, account = _open(path, "Web link", ["urn", "latest_inspection_date", "latest_judgement"], accounts)
    check_unique(frame, ["urn"], path)
    on_register = pl.col("urn").is_in(register["urn"].implode())
    account.reject(f"not on the full register ({register_path.name})", frame.filter(~on_register).height)
    kept = frame.filter(on_register)
    account.kept += kept.height
    return kept.select("urn", "latest_inspection_date", "latest_judgement")


def _common(frame: pl.DataFrame, path: Path, account: RowAccount) -> pl.DataFrame:
    """Sector (normalised; unknown -> error), places (whole number or null), provision type spelling."""
    unknown = frame.filter(~pl.col("sector").fill_null("").str.to_lowercase().is_in(list(SECTOR_MAP)))
    if unknown.height:
        first = unknown.row(0, named=True)
        raise SourceFileError(path, f"unknown sector '{first['sector']}'", column="Sector", row=first["_row"])
    types = {t.lower(): t for t in PROVISION_TYPES}
    lowered = pl.col("provision_type").str.to_lowercase()
    frame = frame.with_columns(
        sector=pl.col("sector").str.to_lowercase().replace_strict(SECTOR_MAP),
        provision_type=pl.when(lowered.is_in(list(types))).then(lowered.replace(types)).otherwise("provision_type"),
    )
    return frame.with_columns(_places(frame, path, account)) if "places" in frame.columns else frame


def _places(frame: pl.DataFrame, path: Path, account: RowAccount) -> pl.Expr:
    text = pl.col("places").fill_null("")
    parsed = text.str.replace_all(",", "").cast(pl.Int64, strict=False)
    bad = frame.filter(parsed.is_null() & ~text.str.to_lowercase().is_in(NO_VALUE))
    if bad.height:
        first = bad.row(0, named=True)
        raise SourceFileError(path, f"'{first['places']}' is not a whole number", column="Places", row=first["_row"])
    return parsed.alias("places")


def _judgement(frame: pl.DataFrame, path: Path, account: RowAccount) -> list[pl.Expr]:
    """Four-point judgement; older-scale grades kept only as published text; anything else -> error."""
    text = pl.col("latest_judgement").fill_null("")
    lowered = text.str.to_lowercase()
    known = lowered.is_in([*GRADE_MAP, *OLD_SCALE, ""])
    bad = frame.filter(~known)
    if bad.height:
        first = bad.row(0, named=True)
        problem = f"unknown judgement '{first['latest_judgement']}'"
        raise SourceFileError(path, problem, column="overall judgement", row=first["_row"])
    for grade, n in frame.filter(lowered.is_in(list(OLD_SCALE))).group_by(text).len().sort("latest_judgement").rows():
        account.missing(f"judgement on an older Ofsted scale, not mapped: {grade}", n)
    published = pl.when(text != "").then(text)
    return [
        published.alias("latest_judgement_published"),
        lowered.replace_strict(GRADE_MAP, default=None).alias("latest_judgement"),
    ]


def _dates(frame: pl.DataFrame, columns: list[str], path: Path) -> list[pl.Expr]:
    """dd/mm/yyyy text -> Date; blank -> null; any other text -> error naming column and row."""
    exprs = []
    for column in [c for c in columns if c in frame.columns]:
        text = pl.col(column).fill_null("")
        parsed = text.str.to_date("%d/%m/%Y", strict=False)
        bad = frame.filter(parsed.is_null() & ~text.str.to_lowercase().is_in(NO_VALUE))
        if bad.height:
            first = bad.row(0, named=True)
            raise SourceFileError(path, f"'{first[column]}' is not a dd/mm/yyyy date", column=column, row=first["_row"])
        exprs.append(parsed.alias(column))
    return exprs


def _locate(frame: pl.DataFrame, year: int, path: Path, councils: pl.DataFrame, account: RowAccount) -> pl.DataFrame:
    """Year, and the ONS code on 31 March of `year` of the council the provider is located in."""
    frame = frame.with_columns(year=pl.lit(year, pl.Int16), _on=pl.lit(date(year, 3, 31)))
    frame = names.keep_mapped(names.attach_codes(frame, "la_name", "_on", councils, path), "la_name", account)
    return frame.with_columns(source_file=pl.lit(path.name), source_row=pl.col("_row"))


def read_changes(path: Path, year: int, councils: pl.DataFrame, accounts: list[RowAccount]) -> pl.DataFrame:
    """One row per joiner and per leaver (a provider can be both in one year)."""
    required = ["urn", "provision_type", "la_name", "sector", "places", "joiner_status", "leaver_status"]
    frame, account = _open(path, "URN", [*required, "joined_date"], accounts)
    if not set(LEFT_DATES) & set(frame.columns):
        raise SourceFileError(
            path, "required column is missing: no resigned, closed or cancelled date", column="left date"
        )
    frame = _common(frame, path, account)
    frame = frame.with_columns(_dates(frame, ["joined_date", *LEFT_DATES], path))
    frame = frame.with_columns(_change_flags(frame, path))
    account.reject("neither a joiner nor a leaver", frame.filter(~pl.col("_joined") & ~pl.col("_left")).height)
    frame = _locate(frame.filter(pl.col("_joined") | pl.col("_left")), year, path, councils, account)
    check_unique(frame, ["urn"], path)
    account.kept += frame.height
    _count_no_places(frame, account)
    left_date = pl.min_horizontal([c for c in LEFT_DATES if c in frame.columns])
    joined = frame.filter("_joined").with_columns(change=pl.lit("joined"), date=pl.col("joined_date"))
    return pl.concat([joined, frame.filter("_left").with_columns(change=pl.lit("left"), date=left_date)])


def _change_flags(frame: pl.DataFrame, path: Path) -> list[pl.Expr]:
    """`_joined` / `_left` from the status columns; a status other than Joiner/Leaver/blank is an error."""
    flags = []
    for column, word, flag in [("joiner_status", "joiner", "_joined"), ("leaver_status", "leaver", "_left")]:
        text = pl.col(column).fill_null("").str.to_lowercase()
        bad = frame.filter(~text.is_in([word, ""]))
        if bad.height:
            first = bad.row(0, named=True)
            raise SourceFileError(path, f"unexpected status '{first[column]}'", column=column, row=first["_row"])
        flags.append((text == word).alias(flag))
    return flags
