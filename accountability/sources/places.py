"""Names people know their council by, each leading to the council that runs their social care.

A county resident often knows their district ("Exeter"), a former district ("Harrogate", abolished
in 2023) or the council's official name ("Kent County Council"), not the county or unitary council
that runs adult and children's social care. This reader builds the `places` table: one row per
(name, council), with the relation that explains the link (see `RELATIONS`) and the district or
former council it goes through. Sources, in `la-name-code-lookups/`:
- ONS district lookup (drkane/geo-lookups, OGL): every lower-tier district since 2011 -> the
  upper-tier council that covers it now (`UTLACD`), and whether the district still exists;
- mySociety's register of council names (CC BY 4.0): official names, short names, name variants
  and end dates, keyed by a three-letter code that `gss-code` links to ONS codes.
Former upper-tier councils lead to their successors through `reorganisations`. Post towns are
added by `postcodes`. Names are kept as published; matching a typed name is `methods.search`'s job.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from accountability.sources import postcodes
from accountability.sources import reorganisations as reorg
from accountability.sources.base import RowAccount, SourceOutput, read_csv_text
from accountability.sources.harmonise import renumbered
from accountability.store.schema import BENCHMARKS_SCHEMA, VALUES_SCHEMA, conform, empty

FOLDER = "la-name-code-lookups"
DISTRICTS = "drkane_la_all_codes.csv"
REGISTER = "uk_local_authorities_future.csv"
VARIANTS = "lookup_name_to_registry.csv"
# Best explanation first: a name that is both a council's and a town's is explained as the council's.
RELATIONS = ["council", "district", "former_district", "former_council", "town"]
NAME_SOURCES = ["official_name", "short_name", "ons_name", "name_variant", "post_town"]
PLACES_SCHEMA: dict[str, pl.DataType] = {
    "name": pl.String(),
    "code": pl.String(),  # the upper-tier council that runs social care there now
    "relation": pl.Enum(RELATIONS),
    "via_code": pl.String(),  # the district or former council the name belongs to (null for a council's own name)
    "via_name": pl.String(),
    "abolished": pl.Date(),  # first day without the former district or council, where the register dates it
    "name_source": pl.Enum(NAME_SOURCES),
    "share": pl.Float64(),  # towns only: share of the post town's active postcodes in this council
    "source_file": pl.String(),
}
UPPER_TIER = r"^E(06|08|09|10)\d{6}$"
DISTRICT = r"^E07\d{6}$"


def _ons_districts(path: Path, accounts: list[RowAccount]) -> pl.DataFrame:
    """(gss, code, relation, via_code, via_name) for every English lower-tier district, current or former."""
    frame = read_csv_text(path, ["LADCD", "LADNM", "UTLACD", "Current"])
    frame = frame.with_columns(pl.col("LADCD", "LADNM", "UTLACD", "Current").str.strip_chars())
    account = RowAccount(path.name, read=frame.height)
    accounts.append(account)
    english = pl.col("LADCD").str.starts_with("E")
    is_district = pl.col("LADCD").str.contains(DISTRICT)
    account.reject("outside England", frame.filter(~english).height)
    account.reject("an upper-tier council: found by its own name", frame.filter(english & ~is_district).height)
    kept = frame.filter(is_district)
    account.kept = kept.height
    current = pl.col("Current").str.to_uppercase() == "TRUE"
    return kept.select(
        gss="LADCD",
        code="UTLACD",
        relation=pl.when(current).then(pl.lit("district")).otherwise(pl.lit("former_district")),
        via_code="LADCD",
        via_name="LADNM",
        _row="_row",
    )


def _upper_tier_targets(gss: pl.Series, names: pl.Series) -> pl.DataFrame:
    """Council codes and names -> the current council: itself, its new code, or each of its successors."""
    links = reorg.changes_frame().filter(pl.col("kind") == "structural change")
    frame = pl.DataFrame({"gss": gss, "via_name": names}).filter(pl.col("gss").str.contains(UPPER_TIER)).unique("gss")
    frame = frame.join(links.select(gss="predecessor", successor="successor"), on="gss", how="left")
    former = pl.col("successor").is_not_null()
    return frame.select(
        "gss",
        code=pl.coalesce("successor", pl.col("gss").replace(renumbered())),
        relation=pl.when(former).then(pl.lit("former_council")).otherwise(pl.lit("council")),
        via_code=pl.when(former).then("gss"),
        via_name=pl.when(former).then("via_name"),
    )


def _register(path: Path) -> pl.DataFrame:
    """mySociety's register: (row, register code, gss, nation, short name, end date, names as (name, source))."""
    columns = ["local-authority-code", "official-name", "nice-name", "gss-code", "end-date", "nation", "alt-names"]
    frame = read_csv_text(path, columns).with_columns(pl.col(columns).str.strip_chars())
    names = pl.concat_list(
        pl.struct(name="official-name", name_source=pl.lit("official_name")),
        pl.struct(name="nice-name", name_source=pl.lit("short_name")),
    )
    alt = (
        pl.col("alt-names")
        .fill_null("")
        .str.split(",")
        .list.eval(pl.struct(name=pl.element().str.strip_chars(), name_source=pl.lit("name_variant")))
    )
    return frame.select(
        "_row",
        "nation",
        register="local-authority-code",
        gss="gss-code",
        short_name="nice-name",
        ended=pl.col("end-date").str.to_date(strict=False),
        names=pl.concat_list(names, alt),
    )


def _variants(path: Path) -> pl.DataFrame:
    """mySociety name variants -> (row, register code, name)."""
    frame = read_csv_text(path, ["la-name", "local-authority-code"])
    return frame.select(
        "_row",
        register=pl.col("local-authority-code").str.strip_chars(),
        name=pl.col("la-name").str.strip_chars(),
        name_source=pl.lit("name_variant"),
    )


def _led_to_councils(frame: pl.DataFrame, targets: pl.DataFrame, file: str, accounts: list[RowAccount]) -> pl.DataFrame:
    """Join rows (by gss) to their councils; count the rows that lead to none, by reason."""
    joined = frame.join(targets, on="gss", how="left")
    led = joined.filter(pl.col("code").is_not_null())
    lost = frame.filter(~pl.col("_row").is_in(led["_row"].implode()))
    account = RowAccount(file, read=frame.height, kept=led["_row"].n_unique())
    accounts.append(account)
    unknown = pl.col("nation").is_null()
    outside = pl.col("nation") != "England"
    account.reject("register code not in mySociety's register", lost.filter(unknown).height)
    account.reject("outside England", lost.filter(~unknown & outside).height)
    reason = "not a council that runs social care (a combined or strategic authority), or a code ONS does not list"
    account.reject(reason, lost.filter(~unknown & ~outside).height)
    return led


def _best_per_name(rows: pl.DataFrame) -> pl.DataFrame:
    """One row per (name, council), ignoring letter case: the best relation, then the best name source."""
    ranked = rows.filter(pl.col("name").fill_null("") != "").with_columns(
        pl.col("relation").cast(pl.Enum(RELATIONS)),
        pl.col("name_source").cast(pl.Enum(NAME_SOURCES)),
        _key=pl.col("name").str.to_lowercase(),
    )
    ranked = ranked.sort("relation", "name_source", "name", "via_code", "source_file", nulls_last=True)
    return ranked.unique(["_key", "code"], keep="first", maintain_order=True).drop("_key")


def _day_after(column: str) -> pl.Expr:
    """The register dates an end by the last day (2019-03-31) or by the change day (2023-04-01):
    both become the change day, the first day without the council."""
    day = pl.col(column)
    return pl.when(day.dt.month_end() == day).then(day.dt.offset_by("1d")).otherwise(day)


def read_places(raw_dir: Path, accounts: list[RowAccount]) -> pl.DataFrame:
    """Every name -> council row from the ONS district lookup and mySociety's register (towns come later)."""
    folder = raw_dir / FOLDER
    districts = _ons_districts(folder / DISTRICTS, accounts)
    register = _register(folder / REGISTER)
    targets = pl.concat(
        [districts.drop("_row"), _upper_tier_targets(register["gss"], register["short_name"])], how="vertical_relaxed"
    )
    named = _led_to_councils(register, targets, REGISTER, accounts)
    listed = _variants(folder / VARIANTS).join(register.select("register", "gss", "nation"), on="register", how="left")
    listed = _led_to_councils(listed, targets, VARIANTS, accounts)
    ended = register.filter(pl.col("ended").is_not_null()).select(via_code="gss", abolished=_day_after("ended"))
    rows = pl.concat(
        [
            districts.select(
                "code", "relation", "via_code", "via_name", name="via_name", name_source=pl.lit("ons_name")
            ).with_columns(source_file=pl.lit(DISTRICTS)),
            named.drop("ended").explode("names").unnest("names").with_columns(source_file=pl.lit(REGISTER)),
            listed.with_columns(source_file=pl.lit(VARIANTS)),
        ],
        how="diagonal_relaxed",
    )
    rows = rows.join(ended, on="via_code", how="left")
    return conform(_best_per_name(rows), PLACES_SCHEMA)


def read(raw_dir: Path) -> SourceOutput:
    """`tables['places']` (names and post towns -> council) and `tables['postcode_districts']`."""
    accounts: list[RowAccount] = []
    names = read_places(raw_dir, accounts)
    known = names.filter(pl.col("relation").is_in(["council", "district", "former_district"]))
    districts = postcodes.read_postcodes(raw_dir, known.select("name", "code"), accounts)
    town_rows = postcodes.towns(districts).with_columns(
        relation=pl.lit("town"), name_source=pl.lit("post_town"), source_file=pl.lit(postcodes.FILE)
    )
    every = _best_per_name(pl.concat([names, conform(town_rows, PLACES_SCHEMA)]))
    tables = {"places": conform(every, PLACES_SCHEMA), "postcode_districts": districts}
    return SourceOutput(empty(VALUES_SCHEMA), empty(BENCHMARKS_SCHEMA), accounts, tables)
