"""The council reference table: every English upper-tier council (social services authority) 2013-2025.

Builds `tables["councils"]` from the published lookups: ONS LTLA->UTLA (April 2021 and April 2023),
the DfE/ONS children's population file (DfE 3-digit codes back to 2012, abolished councils), the
ILACS provider lookup, DfE's 2025 statistical neighbour file (DfE spellings), the ASCOF council
reference (`ascof-trend/ons_codes.csv`: regions and CASSR codes) and the ASCOF 2020-21 file (CASSR
codes of the pre-2023 councils). Reorganisation links come from `reorganisations`.
Names are labels only; `code` (ONS) is the key. Council type follows the ONS code prefix (E06
unitary, E08 metropolitan district, E09 London borough, E10 county), not the ASCOF grouping, which
still calls the 2023 unitaries "Shire Counties". Published names in `ascof-trend/ons_codes.csv` carry
stray words ("Bristol, City of River Avon") and are not used as names or aliases.
"""

from __future__ import annotations

import copy
import functools
import json
from datetime import date
from pathlib import Path

import fastexcel
import polars as pl

from accountability.codes import COUNCIL_CODE
from accountability.sources import reorganisations as reorg
from accountability.sources.base import (
    RowAccount,
    SourceFileError,
    SourceOutput,
    read_bytes,
    read_csv_text,
    require_columns,
)
from accountability.store.schema import BENCHMARKS_SCHEMA, VALUES_SCHEMA, empty

COUNCIL_TYPES = ["London borough", "Metropolitan district", "Unitary authority", "County council"]
COUNCILS_SCHEMA: dict[str, pl.DataType] = {
    "code": pl.String(),
    "name": pl.String(),
    "region_code": pl.String(),
    "region": pl.String(),
    "council_type": pl.Enum(COUNCIL_TYPES),
    "dfe_la_code": pl.String(),
    "cassr_code": pl.String(),
    "valid_from": pl.Date(),
    "valid_to": pl.Date(),
    "predecessors": pl.List(pl.String()),
    "successors": pl.List(pl.String()),
    "aliases": pl.List(pl.String()),
    "source_file": pl.String(),
}
_TYPE_BY_PREFIX = {
    "E09": COUNCIL_TYPES[0],
    "E08": COUNCIL_TYPES[1],
    "E06": COUNCIL_TYPES[2],
    "E10": COUNCIL_TYPES[3],
}
RECORDS = "records.json"
LTLA23 = "LTLA-UTLA_Apr23_Lookup_England-Wales.csv"
PROVIDER = "Provider_data_lookup.csv"
SN2025 = "sn_model_2025_wide.csv"
ONS_CODES = "ons_codes.csv"
DFE_POP = "ons_mid-year_population_estimates_2012_to_2024.csv"
ASCOF_2021 = "meas-from-asc-of-eng-2021-open-data-csv_v2.xlsx"


def _is_council(column: str) -> pl.Expr:
    return pl.col(column).fill_null("").str.contains(COUNCIL_CODE)


def _keep(frame: pl.DataFrame, keep: pl.Expr, account: RowAccount, reason: str) -> pl.DataFrame:
    """Keep rows matching `keep`; count the rest as rejected for `reason`."""
    kept = frame.filter(keep)
    account.read += frame.height
    account.kept += kept.height
    account.reject(reason, frame.height - kept.height)
    return kept


def _read_records(path: Path, accounts: list[RowAccount]) -> pl.DataFrame:
    """ONS LTLA21 -> UTLA21 lookup as JSON records: (code, name) of April 2021 upper-tier councils."""
    raw = read_bytes(path)
    try:
        records = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceFileError(path, f"not valid JSON text ({exc})") from exc
    if not isinstance(records, list) or not records:
        raise SourceFileError(path, "expected a non-empty list of records")
    frame = pl.DataFrame(records, infer_schema_length=None).cast(pl.String)
    require_columns(frame, ["UTLA21CD", "UTLA21NM"], path)
    accounts.append(account := RowAccount(path.name))
    kept = _keep(frame, _is_council("UTLA21CD"), account, "not an English upper-tier council (Wales)")
    return kept.select(code="UTLA21CD", name="UTLA21NM", source_file=pl.lit(path.name))


def _read_ltla23(path: Path, accounts: list[RowAccount]) -> pl.DataFrame:
    frame = read_csv_text(path, ["UTLA23CD", "UTLA23NM"])
    accounts.append(account := RowAccount(path.name))
    kept = _keep(frame, _is_council("UTLA23CD"), account, "not an English upper-tier council (Wales)")
    return kept.select(code="UTLA23CD", name="UTLA23NM", source_file=pl.lit(path.name))


def _read_provider(path: Path, accounts: list[RowAccount]) -> pl.DataFrame:
    """ILACS lookup: DfE code and names. Its region codes and LA types have errors and are not used."""
    frame = read_csv_text(path, ["la_code", "la_code_new", "local_authority_ons_name"])
    accounts.append(account := RowAccount(path.name))
    kept = _keep(frame, _is_council("la_code_new"), account, "not an English upper-tier council code")
    return kept.select(
        code="la_code_new",
        name="local_authority_ons_name",
        dfe_la_code="la_code",
        source_file=pl.lit(path.name),
    )


def _read_dfe_population(path: Path, accounts: list[RowAccount]) -> pl.DataFrame:
    """DfE's population file names every council 2012-2024 with its DfE code and region, by year."""
    cols = ["time_period", "geographic_level", "region_code", "old_la_code", "new_la_code", "la_name"]
    frame = read_csv_text(path, cols)
    accounts.append(account := RowAccount(path.name))
    kept = _keep(frame, pl.col("geographic_level") == "Local authority", account, "not a council row")
    bad = kept.filter(~_is_council("new_la_code"))
    if bad.height:
        raise SourceFileError(path, "not an upper-tier council code", column="new_la_code", row=bad["_row"][0])
    return kept.select(
        "time_period",
        code="new_la_code",
        name="la_name",
        dfe_la_code="old_la_code",
        region_code="region_code",
        source_file=pl.lit(path.name),
    )


def _read_sn2025(path: Path, accounts: list[RowAccount]) -> pl.DataFrame:
    frame = read_csv_text(path, ["old_la_code", "la_name"])
    accounts.append(RowAccount(path.name, read=frame.height, kept=frame.height))
    return frame.select(dfe_la_code=pl.col("old_la_code").str.strip_chars(), name="la_name")


def _read_ons_codes(path: Path, accounts: list[RowAccount]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """ASCOF council reference: (council code, region name, CASSR code) and (region code, name)."""
    frame = read_csv_text(path, ["Geography", "Council region", "LA Code", "ONS Area Code"])
    frame = frame.with_columns(pl.all().exclude("_row").str.strip_chars())
    accounts.append(account := RowAccount(path.name))
    is_region = pl.col("ONS Area Code").str.starts_with("E12")
    kept = _keep(frame, is_region | _is_council("ONS Area Code"), account, "England total row")
    regions = kept.filter(is_region).select(region_code="ONS Area Code", region="Council region")
    councils = kept.filter(~is_region).join(regions, left_on="Council region", right_on="region", how="left")
    missing = councils.filter(pl.col("region_code").is_null())
    if missing.height:
        raise SourceFileError(
            path, "region name matches no region row", column="Council region", row=missing["_row"][0]
        )
    councils = councils.select(
        code="ONS Area Code", cassr_code="LA Code", region_code="region_code", source_file=pl.lit(path.name)
    )
    return councils, regions


ASCOF_2021_COLUMNS = ["Geographical Code", "Geographical Level", "ONS Code"]


@functools.lru_cache(maxsize=4)
def _ascof_2021_sheet(path: str, stamp: tuple[int, int]) -> pl.DataFrame:
    """The three columns of the 2020-21 xlsx, read once per file version (`stamp`: mtime, size).

    Five readers build the council table in one prepare; reading this 49,000-row sheet each time
    cost about 0.6 s apiece. Errors are not cached, so a bad file is reported every time.
    """
    cols = ASCOF_2021_COLUMNS
    raw = read_bytes(Path(path))
    try:
        sheet = fastexcel.read_excel(raw).load_sheet_by_name("in", dtypes="string", use_columns=cols)
    except Exception as exc:  # fastexcel raises its own error types for every kind of bad workbook
        raise SourceFileError(path, f"cannot read sheet 'in' with columns {cols} ({exc})") from exc
    return sheet.to_polars()


def _read_ascof_2021(path: Path, accounts: list[RowAccount]) -> pl.DataFrame:
    """CASSR codes of the 2020-21 councils (Cumbria, North Yorkshire, Somerset before 2023)."""
    if not path.is_file():
        read_bytes(path)  # raises the named error: missing, or a folder in its place
    info = path.stat()
    frame = _ascof_2021_sheet(str(path), (info.st_mtime_ns, info.st_size))
    accounts.append(account := RowAccount(path.name))
    kept = _keep(frame, pl.col("Geographical Level") == "Council", account, "not a council row")
    return kept.select(code="ONS Code", cassr_code="Geographical Code", source_file=pl.lit(path.name)).unique()


def _one_per_code(frame: pl.DataFrame, value: str) -> pl.DataFrame:
    """(code, value) with one value per code; two different published values is an error."""
    pairs = frame.filter(pl.col(value).fill_null("") != "").unique(["code", value]).sort("code", value)
    clash = pairs.filter(pl.len().over("code") > 1)
    if clash.height:
        code = clash["code"][0]
        seen = clash.filter(pl.col("code") == code)
        files = ", ".join(sorted(set(seen["source_file"].to_list())))
        raise SourceFileError(files, f"council {code} has conflicting {value}s {seen[value].to_list()}", column=value)
    return pairs.select("code", value)


def council_code_map(councils: pl.DataFrame, on: date) -> pl.DataFrame:
    """(dfe_la_code, code) for the councils that existed on `on` (DfE codes are reused over time)."""
    alive = (pl.col("valid_from").is_null() | (pl.col("valid_from") <= on)) & (
        pl.col("valid_to").is_null() | (pl.col("valid_to") > on)
    )
    frame = councils.filter(alive & pl.col("dfe_la_code").is_not_null()).select("dfe_la_code", "code")
    if frame["dfe_la_code"].is_duplicated().any():
        raise ValueError(
            f"two councils share a DfE code on {on}: {frame.filter(pl.col('dfe_la_code').is_duplicated())}"
        )
    return frame.sort("dfe_la_code")


def _aliases(councils: pl.DataFrame, names: list[pl.DataFrame], sn_names: pl.DataFrame) -> pl.DataFrame:
    current = council_code_map(councils, date(2025, 4, 1)).join(sn_names, on="dfe_la_code").drop("dfe_la_code")
    every = pl.concat([n.select("code", "name") for n in names] + [current]).unique()
    every = every.join(councils.select("code", main="name"), on="code").filter(pl.col("name") != pl.col("main"))
    aliases = every.group_by("code").agg(pl.col("name").unique().sort().alias("aliases"))
    joined = councils.join(aliases, on="code", how="left")
    return joined.with_columns(pl.col("aliases").fill_null(pl.lit([], pl.List(pl.String))))


def _first_by_rank(frames: list[pl.DataFrame], columns: list[str]) -> pl.DataFrame:
    """Per code, the `columns` of the first frame (in list order) that has the code.

    Each frame must hold one set of values per code (repeated identical rows are fine).
    """
    ranked = pl.concat(
        [f.select("code", *columns).unique().with_columns(_rank=pl.lit(i)) for i, f in enumerate(frames)]
    )
    first = ranked.filter(pl.col("_rank") == pl.col("_rank").min().over("code")).drop("_rank")
    if first["code"].is_duplicated().any():
        raise ValueError(f"a lookup gives one council two {columns}: {first.filter(pl.col('code').is_duplicated())}")
    return first


def _codes_and_attributes(sources: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """Name (newest ONS lookup first, shortened), DfE and CASSR codes, region code, per council."""
    ltla23, records, provider, dfe_pop = (sources[k] for k in ["ltla23", "records", "provider", "dfe_pop"])
    latest = dfe_pop.filter(pl.col("time_period") == pl.col("time_period").max().over("code"))
    names = _first_by_rank([ltla23, records, provider, latest], ["name", "source_file"])
    names = names.with_columns(pl.col("name").str.replace(r", (City|County) of$", ""))
    frame = names.join(reorg.validity_frame(), on="code", how="full", coalesce=True)
    dfe = _one_per_code(pl.concat([provider, dfe_pop.select(provider.columns)]), "dfe_la_code")
    ons, ascof = sources["ons"], sources["ascof"]
    cassr = _one_per_code(pl.concat([ons.select(ascof.columns), ascof]), "cassr_code")
    in_region = latest.filter(pl.col("region_code").str.starts_with("E12"))
    region = _first_by_rank([ons, in_region], ["region_code"])
    for extra in (dfe, cassr, region):
        _check_known(frame, extra)
    frame = frame.join(dfe, on="code", how="left").join(cassr, on="code", how="left")
    return frame.join(region, on="code", how="left")


def _check_known(frame: pl.DataFrame, extra: pl.DataFrame) -> None:
    unknown = extra.join(frame, on="code", how="anti")["code"].to_list()
    if unknown:
        raise SourceFileError("lookups", f"codes {unknown} are in a lookup but have no name anywhere")


def build_councils(raw_dir: Path, accounts: list[RowAccount]) -> pl.DataFrame:
    """The council table from every lookup (see the module docstring), with the lookups' row accounts.

    Several readers need the table, so it is built once per raw folder and state of its input files
    (size and modification time, so a changed file is read again) and shared; `accounts` receives a
    copy of the build's row accounts on every call, as if the files had been read again.
    """
    root = raw_dir.resolve()
    frame, built = _build_once(root, _inputs_state(root))
    accounts.extend(copy.deepcopy(list(built)))
    return frame


def _inputs_state(raw_dir: Path) -> tuple[tuple[str, int, int], ...]:
    paths = [raw_dir / "lookups" / f for f in (RECORDS, LTLA23, PROVIDER, SN2025)]
    paths += [
        raw_dir / "ascof-trend" / ONS_CODES,
        raw_dir / "population" / DFE_POP,
        raw_dir / "ascof-2020-21" / ASCOF_2021,
    ]
    stats = [(str(p), p.stat()) if p.exists() else (str(p), None) for p in paths]
    return tuple((name, st.st_size, st.st_mtime_ns) if st else (name, -1, -1) for name, st in stats)


@functools.lru_cache(maxsize=4)
def _build_once(raw_dir: Path, state: tuple[tuple[str, int, int], ...]) -> tuple[pl.DataFrame, tuple[RowAccount, ...]]:
    accounts: list[RowAccount] = []
    return _build_councils(raw_dir, accounts), tuple(accounts)


def _build_councils(raw_dir: Path, accounts: list[RowAccount]) -> pl.DataFrame:
    lookups = raw_dir / "lookups"
    ons, regions = _read_ons_codes(raw_dir / "ascof-trend" / ONS_CODES, accounts)
    sources = {
        "ltla23": _read_ltla23(lookups / LTLA23, accounts),
        "records": _read_records(lookups / RECORDS, accounts),
        "provider": _read_provider(lookups / PROVIDER, accounts),
        "dfe_pop": _read_dfe_population(raw_dir / "population" / DFE_POP, accounts),
        "ons": ons,
        "ascof": _read_ascof_2021(raw_dir / "ascof-2020-21" / ASCOF_2021, accounts),
    }
    frame = _codes_and_attributes(sources)
    frame = reorg.fill_across_code_changes(frame, ["name", "source_file", "dfe_la_code", "cassr_code", "region_code"])
    no_links = pl.lit([], pl.List(pl.String))
    frame = frame.join(regions, on="region_code", how="left").with_columns(
        council_type=pl.col("code").str.slice(0, 3).replace_strict(_TYPE_BY_PREFIX),
        predecessors=pl.col("predecessors").fill_null(no_links),
        successors=pl.col("successors").fill_null(no_links),
    )
    sn_names = _read_sn2025(lookups / SN2025, accounts)
    name_sources = [sources[k] for k in ["ltla23", "records", "provider", "dfe_pop"]]
    frame = _aliases(frame, name_sources, sn_names)
    _check_complete(frame)
    return frame.select([pl.col(c).cast(t) for c, t in COUNCILS_SCHEMA.items()]).sort("code")


def _check_complete(frame: pl.DataFrame) -> None:
    for column in ["name", "region_code", "region"]:
        gaps = frame.filter(pl.col(column).is_null())["code"].to_list()
        if gaps:
            raise SourceFileError("lookups", f"no published {column} for councils {gaps}", column=column)


def read(raw_dir: Path) -> SourceOutput:
    """Councils table (`tables['councils']`); no values or benchmarks."""
    accounts: list[RowAccount] = []
    councils = build_councils(raw_dir, accounts)
    return SourceOutput(empty(VALUES_SCHEMA), empty(BENCHMARKS_SCHEMA), accounts, {"councils": councils})
