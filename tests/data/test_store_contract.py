"""The data contract of the committed store (data/prepared): what the app may rely on.

These tests read only the committed parquet files, never the raw folder, so they run anywhere.
Each rule is one test named as the sentence it checks.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from accountability import store
from accountability.store.schema import ENGLAND_CODE, STATUSES

Tables = dict[str, pl.DataFrame]

GSS_COUNCIL = r"^E(06|08|09|10)\d{6}$"
SLACK = 1e-9
CURRENT_COUNCILS = 153
REGIONS = {
    "North East",
    "North West",
    "Yorkshire and The Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
}
POLARITIES = {"higher_is_better", "lower_is_better", "no_judgement"}
OGL = "Open Government Licence v3.0"
MAX_STORE_BYTES = 5 * 1024 * 1024
INTERVALS = {"95%": ("ci_low", "ci_high"), "99.8%": ("ci998_low", "ci998_high")}

STATUS = pl.Enum(STATUSES)
CI_METHOD = pl.Enum(["wilson", "byar", "exact_poisson", "survey_moe", "not_reproducible", "none"])
VALUE_COLUMNS: dict[str, pl.DataType] = {
    "value": pl.Float64(),
    "numerator": pl.Float64(),
    "denominator": pl.Float64(),
    "moe": pl.Float64(),
    "status": STATUS,
    "source_file": pl.String(),
    "source_row": pl.Int64(),
    "in_development": pl.Boolean(),
    "ci_method": CI_METHOD,
    "ci_low": pl.Float64(),
    "ci_high": pl.Float64(),
    "ci998_low": pl.Float64(),
    "ci998_high": pl.Float64(),
}
SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "values": {"code": pl.String(), "period": pl.String(), "measure": pl.String(), **VALUE_COLUMNS},
    "benchmarks": {
        "area_type": pl.Enum(["england", "region", "council_type"]),
        "area_code": pl.String(),
        "area_name": pl.String(),
        "period": pl.String(),
        "measure": pl.String(),
        **VALUE_COLUMNS,
    },
}
# Published figures whose interval computed from the published numerator and denominator would
# not contain them and whose counts do not reproduce them even allowing for the publisher's
# rounding, so prepare withdraws it (ci_method 'not_reproducible'): England rates and percentages
# published as whole numbers, or a figure computed on another base (Yorkshire and The Humber
# 2021-22 repeat plans: 23.6% published, 1660/7490 = 22.2%). 100.0 for 2681/2682 (Dorset's
# self-directed support 2020-21) is only rounded, so it keeps its interval.
# Key: (table, area code, period, measure).
OUTSIDE_OWN_95_INTERVAL = {
    ("benchmarks", "E92000001", "2021-22", "cla_ceasing_rate"),
    ("benchmarks", "E92000001", "2021-22", "cla_starting_rate"),
    ("benchmarks", "E92000001", "2022-23", "placements_3plus"),
    ("benchmarks", "E92000001", "2023-24", "cla_starting_rate"),
    ("benchmarks", "E92000001", "2023-24", "placements_3plus"),
    ("benchmarks", "E92000001", "2024-25", "cla_starting_rate"),
    ("benchmarks", "E92000001", "2024-25", "placements_3plus"),
    ("benchmarks", "E12000003", "2021-22", "cpp_repeat_pct"),
    # DfE's placement and care-leaver shares are published as whole percentages: England and regional
    # counts are large enough that the rounded figure (e.g. 1% for 400/59,140 = 0.68%) lies outside
    # the interval from the counts (childrens-social-care-extra).
    ("benchmarks", "E92000001", "2023-24", "care_leavers_suitable_19_21"),
    ("benchmarks", "E92000001", "2024-25", "care_leavers_suitable_19_21"),
    ("benchmarks", "E12000001", "2021-22", "placement_changes_provider_closed"),
    ("benchmarks", "E12000001", "2024-25", "placement_changes_provider_closed"),
    ("benchmarks", "E12000002", "2020-21", "placement_changes_provider_closed"),
    ("benchmarks", "E12000002", "2021-22", "placement_changes_provider_closed"),
    ("benchmarks", "E12000002", "2022-23", "placement_changes_provider_closed"),
    ("benchmarks", "E12000004", "2023-24", "placement_changes_provider_closed"),
    ("benchmarks", "E12000005", "2021-22", "placement_changes_provider_closed"),
    ("benchmarks", "E12000005", "2022-23", "placement_changes_provider_closed"),
    ("benchmarks", "E12000005", "2023-24", "placement_changes_provider_closed"),
    ("benchmarks", "E12000005", "2024-25", "placement_changes_provider_closed"),
    ("benchmarks", "E12000006", "2020-21", "placement_changes_provider_closed"),
    ("benchmarks", "E12000006", "2021-22", "placement_changes_provider_closed"),
    ("benchmarks", "E12000007", "2022-23", "placement_changes_provider_closed"),
    ("benchmarks", "E12000007", "2024-25", "placement_changes_provider_closed"),
    ("benchmarks", "E12000008", "2021-22", "placement_changes_provider_closed"),
    ("benchmarks", "E12000009", "2023-24", "placement_changes_provider_closed"),
    ("benchmarks", "E12000009", "2024-25", "placement_changes_provider_closed"),
    ("benchmarks", "E92000001", "2020-21", "placement_changes_provider_closed"),
    ("benchmarks", "E92000001", "2021-22", "placement_changes_provider_closed"),
    ("benchmarks", "E92000001", "2022-23", "placement_changes_provider_closed"),
    ("benchmarks", "E92000001", "2023-24", "placement_changes_provider_closed"),
    ("benchmarks", "E92000001", "2024-25", "placement_changes_provider_closed"),
    ("benchmarks", "E92000001", "2021-22", "placements_far_from_home"),
    ("benchmarks", "E92000001", "2023-24", "placements_far_from_home"),
}
VALUE_ROUNDING = 0.05  # half a unit of a value published to one decimal place


@pytest.fixture(scope="module")
def tables(store_dir: Path) -> Tables:
    return {name: store.read_table(store_dir, name) for name in store.TABLES}


def _outside(frame: pl.DataFrame, low: str, high: str) -> pl.DataFrame:
    has = pl.col(low).is_not_null() & pl.col(high).is_not_null()
    inside = (pl.col(low) <= pl.col("value") + SLACK) & (pl.col("value") <= pl.col(high) + SLACK)
    return frame.filter(has & ~inside)


def _area(table: str) -> str:
    return "code" if table == "values" else "area_code"


def _current(tables: Tables) -> pl.DataFrame:
    return tables["councils"].filter(pl.col("valid_to").is_null())


# --- every table ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", store.TABLES)
def test_every_table_in_the_store_exists_and_reads(store_dir: Path, name: str) -> None:
    frame = store.read_table(store_dir, name)
    assert frame.height > 0, f"{name} is empty"
    assert set(store.KEYS[name]) <= set(frame.columns), f"{name} lacks its key columns"


@pytest.mark.parametrize("name", store.TABLES)
def test_each_tables_key_identifies_one_row(tables: Tables, name: str) -> None:
    keys = store.KEYS[name]
    frame = tables[name].select(keys)
    assert frame.null_count().sum_horizontal().item() == 0, f"{name}: null in key {keys}"
    dupes = frame.filter(frame.is_duplicated())
    assert dupes.height == 0, f"{name}: {dupes.height} rows share a key {keys}, e.g. {dupes.row(0)}"


def test_the_prepared_store_is_smaller_than_5_mb(store_dir: Path) -> None:
    size = sum(p.stat().st_size for p in store_dir.rglob("*") if p.is_file())
    assert size < MAX_STORE_BYTES, f"{store_dir} is {size:,} bytes"


# --- values and benchmarks ------------------------------------------------------------------


@pytest.mark.parametrize("table", ["values", "benchmarks"])
def test_values_and_benchmarks_have_exactly_the_pinned_columns_and_types(tables: Tables, table: str) -> None:
    assert dict(tables[table].schema) == SCHEMAS[table]


def test_every_council_code_is_a_known_gss_code(tables: Tables) -> None:
    codes = tables["values"]["code"].unique()
    not_gss = codes.filter(~codes.str.contains(GSS_COUNCIL)).to_list()
    assert not_gss == [], f"not council GSS codes: {not_gss}"
    unknown = sorted(set(codes) - set(tables["councils"]["code"]))
    assert unknown == [], f"codes not in councils: {unknown}"


@pytest.mark.parametrize(
    ("table", "column"),
    [("peers", "code"), ("peers", "peer_code"), ("inspections", "code"), ("boundaries", "code")],
)
def test_every_code_in_other_council_tables_is_a_known_council(tables: Tables, table: str, column: str) -> None:
    unknown = sorted(set(tables[table][column]) - set(tables["councils"]["code"]))
    assert unknown == [], f"{table}.{column} not in councils: {unknown}"


@pytest.mark.parametrize("table", ["values", "benchmarks"])
def test_every_measure_with_data_is_in_the_measures_registry(tables: Tables, table: str) -> None:
    unknown = sorted(set(tables[table]["measure"]) - set(tables["measures"]["id"]))
    assert unknown == [], f"{table} has measures not in the registry: {unknown}"


def test_every_registered_measure_has_at_least_one_published_value(tables: Tables) -> None:
    with_values = pl.concat([tables[t].select("measure", "value") for t in ("values", "benchmarks")])
    measured = set(with_values.drop_nulls("value")["measure"])
    empty = sorted(set(tables["measures"]["id"]) - measured)
    assert empty == [], f"measures with no value anywhere: {empty}"


@pytest.mark.parametrize("table", ["values", "benchmarks"])
def test_proportions_lie_between_0_and_100(tables: Tables, table: str) -> None:
    proportions = tables["measures"].filter(pl.col("value_type") == "proportion")["id"]
    frame = tables[table].filter(pl.col("measure").is_in(proportions.implode()), pl.col("value").is_not_null())
    bad = frame.filter(~pl.col("value").is_between(0, 100))
    assert frame.height > 0
    assert bad.height == 0, f"{bad.height} proportions outside 0-100, e.g. {bad.row(0, named=True)}"


@pytest.mark.parametrize(("table", "level"), [(t, lv) for t in ("values", "benchmarks") for lv in INTERVALS])
def test_every_interval_contains_its_value_or_the_counts_rounded_value(tables: Tables, table: str, level: str) -> None:
    """An interval holds its published value, unless the publisher rounded it: then the interval holds
    the count ratio itself, and the published value is that ratio rounded to one decimal place (or
    the ratio of counts the publisher rounded to the nearest 5)."""
    low, high = INTERVALS[level]
    outside = _outside(tables[table], low, high)
    ratio = pl.col("numerator") / pl.col("denominator") * pl.col("multiplier")
    multipliers = tables["measures"].select(pl.col("id").alias("measure"), "multiplier")
    rounded = outside.join(multipliers, on="measure").with_columns(ratio=ratio)
    holds_ratio = rounded["ratio"].is_between(rounded[low] - SLACK, rounded[high] + SLACK)
    near = (rounded["value"] - rounded["ratio"]).abs() <= VALUE_ROUNDING + SLACK
    counts_rounded = (rounded["numerator"] % 5 == 0) & (rounded["denominator"] % 5 == 0)
    bad = rounded.filter(~holds_ratio | ~(near | counts_rounded))
    assert bad.height == 0, f"{bad.height} {table} outside their {level} interval, e.g. {bad.row(0, named=True)}"
    assert outside.height < 20, f"{outside.height} values outside their interval by rounding: more than expected"


def test_the_rounded_100_percent_self_directed_support_figures_keep_their_interval(tables: Tables) -> None:
    """Dorset, Camden and West Sussex 2020-21: 100.0 published for counts that round to it."""
    sds = tables["values"].filter(
        pl.col("measure") == "ascof_sds_users",
        pl.col("period") == "2020-21",
        pl.col("code").is_in(["E06000059", "E09000007", "E10000032"]),
    )
    assert sds.height == 3
    assert (sds["value"] == 100.0).all()
    assert sds["ci_method"].cast(pl.String).to_list() == ["wilson"] * 3


def test_only_the_known_unreproducible_published_figures_have_their_interval_withdrawn(tables: Tables) -> None:
    found: set[tuple[str, ...]] = set()
    for table in ("values", "benchmarks"):
        rows = tables[table].filter(pl.col("ci_method") == "not_reproducible").select(_area(table), "period", "measure")
        found |= {(table, *row) for row in rows.iter_rows()}
    assert found == OUTSIDE_OWN_95_INTERVAL


@pytest.mark.parametrize("table", ["values", "benchmarks"])
def test_the_998_interval_contains_the_95_interval(tables: Tables, table: str) -> None:
    frame = tables[table].filter(pl.col("ci_low").is_not_null())
    bad = frame.filter(
        (pl.col("ci998_low") > pl.col("ci_low") + SLACK) | (pl.col("ci998_high") < pl.col("ci_high") - SLACK)
    )
    assert frame.height > 0
    assert bad.height == 0, f"{bad.height} rows, e.g. {bad.row(0, named=True)}"


@pytest.mark.parametrize("table", ["values", "benchmarks"])
def test_an_interval_has_both_limits_at_both_levels_or_none_at_all(tables: Tables, table: str) -> None:
    limits = [c for pair in INTERVALS.values() for c in pair]
    frame = tables[table].with_columns(nulls=pl.sum_horizontal(pl.col(limits).is_null()))
    assert frame.filter(~pl.col("nulls").is_in([0, len(limits)])).height == 0
    no_interval = frame.filter(pl.col("nulls") == len(limits))
    assert no_interval["ci_method"].is_in(["none", "not_reproducible"]).all(), "a row without limits names a method"
    with_limits = frame.filter(pl.col("nulls") == 0)["ci_method"]
    assert (~with_limits.is_in(["none", "not_reproducible"])).all(), "a row with limits says it has none"


def test_survey_margin_of_error_intervals_are_centred_on_the_value(tables: Tables) -> None:
    survey = tables["values"].filter(pl.col("ci_method") == "survey_moe")
    assert survey.height > 0
    for low, high in INTERVALS.values():
        off_centre = survey.filter(((pl.col(low) + pl.col(high)) / 2 - pl.col("value")).abs() > SLACK)
        assert off_centre.height == 0, f"{off_centre.height} survey intervals not centred on the value"
    assert (survey["ci_high"] - survey["value"] - survey["moe"]).abs().max() < SLACK  # 95%: value ± moe


@pytest.mark.parametrize("table", ["values", "benchmarks", "population"])
def test_a_value_is_missing_exactly_when_its_status_is_not_published(tables: Tables, table: str) -> None:
    column = "population" if table == "population" else "value"
    frame = tables[table]
    missing_but_published = frame.filter(pl.col(column).is_null(), pl.col("status") == "published")
    present_not_published = frame.filter(pl.col(column).is_not_null(), pl.col("status") != "published")
    assert missing_but_published.height == 0, f"e.g. {missing_but_published.row(0, named=True)}"
    assert present_not_published.height == 0, f"e.g. {present_not_published.row(0, named=True)}"


@pytest.mark.parametrize("table", ["values", "benchmarks"])
def test_no_missing_value_has_an_interval(tables: Tables, table: str) -> None:
    limits = [c for pair in INTERVALS.values() for c in pair]
    bad = tables[table].filter(pl.col("value").is_null(), pl.any_horizontal(pl.col(limits).is_not_null()))
    assert bad.height == 0, f"e.g. {bad.row(0, named=True)}"
    assert (tables[table].filter(pl.col("value").is_null())["ci_method"] == "none").all()


def test_england_is_published_for_every_measure_with_a_benchmark(tables: Tables) -> None:
    benchmarks = tables["benchmarks"]
    england = benchmarks.filter(pl.col("area_code") == ENGLAND_CODE)
    assert set(england["area_type"]) == {"england"}
    without = sorted(set(benchmarks["measure"]) - set(england["measure"]))
    assert without == [], f"measures with benchmarks but no England row: {without}"


# --- councils -------------------------------------------------------------------------------


def test_there_are_exactly_153_current_councils(tables: Tables) -> None:
    current = _current(tables)
    assert current.height == CURRENT_COUNCILS
    assert current["code"].str.contains(GSS_COUNCIL).all()


def test_every_council_is_in_one_of_the_9_english_regions(tables: Tables) -> None:
    councils = tables["councils"]
    assert set(councils["region"]) <= REGIONS, sorted(set(councils["region"]) - REGIONS)
    assert set(_current(tables)["region"]) == REGIONS
    assert councils["region_code"].str.contains(r"^E1200000[1-9]$").all()


def test_every_predecessor_and_successor_is_a_known_council(tables: Tables) -> None:
    councils = tables["councils"]
    linked = set(councils["predecessors"].explode().drop_nulls()) | set(councils["successors"].explode().drop_nulls())
    assert linked, "no reorganisation links at all"
    assert sorted(linked - set(councils["code"])) == []


def test_a_council_lists_b_as_successor_exactly_when_b_lists_it_as_predecessor(tables: Tables) -> None:
    councils = tables["councils"]
    succeeded = {(a, b) for a, bs in zip(councils["code"], councils["successors"], strict=True) for b in bs}
    preceded = {(a, b) for b, as_ in zip(councils["code"], councils["predecessors"], strict=True) for a in as_}
    assert succeeded == preceded, (
        f"only as successor: {succeeded - preceded}; only as predecessor: {preceded - succeeded}"
    )


def test_cumbria_was_succeeded_by_cumberland_and_westmorland_and_furness(tables: Tables) -> None:
    cumbria = tables["councils"].filter(pl.col("code") == "E10000006").row(0, named=True)
    assert sorted(cumbria["successors"]) == ["E06000063", "E06000064"]
    assert cumbria["valid_to"] is not None


def test_abolished_councils_have_successors_and_current_ones_none(tables: Tables) -> None:
    councils = tables["councils"]
    abolished = councils.filter(pl.col("valid_to").is_not_null())
    assert (abolished["successors"].list.len() > 0).all()
    assert (_current(tables)["successors"].list.len() == 0).all()


# --- peers ----------------------------------------------------------------------------------


@pytest.mark.parametrize("model", ["2021", "2025"])
def test_every_current_council_in_a_peer_model_has_10_distinct_peers_other_than_itself(
    tables: Tables, model: str
) -> None:
    peers = tables["peers"].filter(pl.col("model") == model)
    current = set(_current(tables)["code"])
    in_model = peers.filter(pl.col("code").is_in(list(current)))
    assert in_model.height > 0, f"no current council in model {model}"
    per_council = in_model.group_by("code").agg(
        distinct=pl.col("peer_code").n_unique(),
        rows=pl.len(),
        itself=(pl.col("peer_code") == pl.col("code")).any(),
        ranks=pl.col("rank").sort(),
    )
    bad = per_council.filter(
        (pl.col("distinct") != 10) | (pl.col("rows") != 10) | pl.col("itself") | (pl.col("ranks") != list(range(1, 11)))
    )
    assert bad.height == 0, bad.sort("code").head(5)
    assert sorted(set(peers["peer_code"]) - set(tables["councils"]["code"])) == []


def test_the_2025_peer_model_covers_every_current_council(tables: Tables) -> None:
    model_2025 = set(tables["peers"].filter(pl.col("model") == "2025")["code"])
    assert model_2025 == set(_current(tables)["code"])


# --- boundaries -----------------------------------------------------------------------------


def test_boundaries_come_in_the_2022_12_and_2024_12_vintages(tables: Tables) -> None:
    assert sorted(set(tables["boundaries"]["vintage"])) == ["2022-12", "2024-12"]


def test_the_2024_boundaries_cover_exactly_the_current_councils(tables: Tables) -> None:
    vintage_2024 = set(tables["boundaries"].filter(pl.col("vintage") == "2024-12")["code"])
    current = set(_current(tables)["code"])
    assert vintage_2024 == current, (
        f"extra: {sorted(vintage_2024 - current)}, missing: {sorted(current - vintage_2024)}"
    )


def test_every_boundary_geometry_is_geojson_polygon_or_multipolygon(tables: Tables) -> None:
    assert tables["boundaries"].height > 0
    for code, vintage, text in tables["boundaries"].select("code", "vintage", "geometry").iter_rows():
        geometry = json.loads(text)
        assert geometry["type"] in {"Polygon", "MultiPolygon"}, (code, vintage, geometry["type"])
        assert geometry["coordinates"], (code, vintage)


# --- row accounts ---------------------------------------------------------------------------


def test_every_row_read_from_a_file_is_kept_or_rejected(tables: Tables) -> None:
    accounts = tables["row_accounts"]
    assert set(accounts["outcome"]) <= {"read", "kept", "set_missing", "rejected"}
    totals = accounts.group_by("reader", "file").agg(
        **{o: pl.col("rows").filter(pl.col("outcome") == o).sum() for o in ("read", "kept", "rejected")}
    )
    assert (totals["read"] > 0).all()
    bad = totals.filter(pl.col("read") != pl.col("kept") + pl.col("rejected"))
    assert bad.height == 0, bad


def test_every_file_account_names_its_folder_and_sha256(tables: Tables) -> None:
    accounts = tables["row_accounts"].select("file", "folder", "sha256").unique()
    bad = accounts.filter((pl.col("folder") == "") | ~pl.col("sha256").str.contains(r"^[0-9a-f]{64}$"))
    assert bad.height == 0, sorted(bad["file"])


# --- measures -------------------------------------------------------------------------------


def test_every_measure_polarity_is_one_of_the_three_allowed(tables: Tables) -> None:
    assert set(tables["measures"]["polarity"].cast(pl.String)) <= POLARITIES
    assert tables["measures"]["polarity"].null_count() == 0


@pytest.mark.parametrize("column", ["description", "source", "publisher"])
def test_every_measure_has_a_non_empty_description_source_and_publisher(tables: Tables, column: str) -> None:
    blank = tables["measures"].filter(pl.col(column).fill_null("").str.strip_chars() == "")["id"].to_list()
    assert blank == [], f"measures with no {column}: {blank}"


def test_every_measure_is_licensed_under_the_open_government_licence_v3(tables: Tables) -> None:
    assert set(tables["measures"]["licence"]) == {OGL}


def test_measures_with_a_break_period_mention_2023_24_in_their_framework(tables: Tables) -> None:
    broken = tables["measures"].filter(pl.col("break_period").is_not_null())
    assert broken.height > 0
    silent = broken.filter(~pl.col("framework_version").fill_null("").str.contains("2023-24", literal=True))
    assert silent.height == 0, silent["id"].to_list()


def test_every_proportion_rate_and_count_measure_names_what_it_counts(tables: Tables) -> None:
    counted = tables["measures"].filter(pl.col("value_type").cast(pl.String).is_in(["proportion", "rate", "count"]))
    assert counted.height > 0
    blank = counted.filter(pl.col("count_noun").fill_null("").str.strip_chars() == "")["id"].to_list()
    assert blank == [], f"measures with no count noun: {blank}"
    nouns = dict(tables["measures"].select("id", "count_noun").iter_rows())
    assert (nouns["rereferral_pct"], nouns["cpp_repeat_pct"], nouns["ascof_sds_users"]) == (
        "referrals",
        "child protection plans",
        "people",
    )


# --- breaks and designations ------------------------------------------------------------------

BREAK_SCHEMA = {
    "measure": pl.String(),
    "period": pl.String(),
    "kind": pl.Enum(["framework", "source", "publisher"]),
    "comparable": pl.Boolean(),
    "note": pl.String(),
}
CLD_MEASURES = {"ascof_short_term_outcome", "ascof_admissions_18_64", "ascof_admissions_65", "ascof_ld_own_home",
                "ascof_sds_users", "ascof_dp_users"}  # fmt: skip


def test_measure_breaks_have_the_pinned_columns_and_name_registered_measures(tables: Tables) -> None:
    breaks = tables["measure_breaks"]
    assert dict(breaks.schema) == BREAK_SCHEMA
    assert set(breaks["measure"]) <= set(tables["measures"]["id"])
    assert breaks.filter(pl.col("note").str.len_chars() < 40).height == 0, "every break says what changed"


def test_break_period_is_the_latest_non_comparable_break_and_break_periods_lists_them_all(tables: Tables) -> None:
    breaks = tables["measure_breaks"].filter(~pl.col("comparable"))
    declared = breaks.group_by("measure").agg(pl.col("period").sort().alias("declared"))
    measures = tables["measures"].join(declared, left_on="id", right_on="measure", how="left")
    measures = measures.with_columns(pl.col("declared").fill_null(pl.lit([], pl.List(pl.String))))
    assert measures.filter(pl.col("declared") != pl.col("break_periods")).height == 0
    last = measures.filter(pl.col("break_periods").list.len() > 0)
    assert last.height > 0
    assert (last["break_period"] == last["break_periods"].list.last()).all()
    assert (
        measures.filter(pl.col("break_periods").list.len() == 0)["break_period"].null_count()
        == measures.filter(pl.col("break_periods").list.len() == 0).height
    )


def test_the_cld_measures_break_twice_and_turnover_changes_publisher_without_a_break(tables: Tables) -> None:
    breaks = tables["measure_breaks"]
    cld = breaks.filter(pl.col("period") == "2024-25", pl.col("kind") == "source")
    assert set(cld["measure"]) == CLD_MEASURES
    assert not cld["comparable"].any()
    both = breaks.filter(pl.col("measure").is_in(list(CLD_MEASURES))).group_by("measure").len()
    assert set(both["len"]) == {2}
    turnover = breaks.filter(pl.col("measure") == "oflog_workforce_turnover").row(0, named=True)
    assert (turnover["period"], turnover["kind"], turnover["comparable"]) == ("2023-24", "publisher", True)


@pytest.mark.parametrize("table", ["values", "benchmarks"])
def test_only_client_level_data_figures_are_official_statistics_in_development(tables: Tables, table: str) -> None:
    flagged = tables[table].filter(pl.col("in_development"))
    assert flagged.height > 0
    assert set(flagged["period"]) == {"2024-25"}
    assert set(flagged["source_file"].str.extract(r"\((Table_.+)\)$")) == {
        "Table_2a", "Table_2b", "Table_2c", "Table_2d(1)", "Table_2d(2)", "Table_2e(1)", "Table_2e(2a)",
        "Table_2e(2b)", "Table_3d(1a)", "Table_3d(2a)",
    }  # fmt: skip
    cld_2024_25 = tables[table].filter(
        pl.col("source_file").str.contains(r"Table_(2|3d)", literal=False), pl.col("period") == "2024-25"
    )
    assert cld_2024_25["in_development"].all()


def test_at_the_latest_adult_period_most_council_values_have_a_95_interval(tables: Tables) -> None:
    adults = tables["measures"].filter(pl.col("domain") == "adults")["id"]
    values = tables["values"].filter(pl.col("measure").is_in(adults.implode()), pl.col("value").is_not_null())
    latest = values.filter(pl.col("period") == values["period"].max())
    assert latest["period"][0] == "2024-25"
    share = latest["ci_low"].is_not_null().mean()
    assert share is not None and share >= 0.6, f"{share:.0%} of adult council values have an interval"


def test_no_council_has_a_value_before_it_existed(tables: Tables) -> None:
    """North Yorkshire and Somerset (2023) and Buckinghamshire (2020) figures for earlier years belong to
    the county councils they replaced, whatever code the publisher printed."""
    lifetimes = tables["councils"].select("code", "valid_from", "valid_to")
    dated = (
        tables["values"]
        .join(lifetimes, on="code")
        .with_columns(start=pl.date(pl.col("period").str.slice(0, 4).cast(pl.Int32, strict=False), 4, 1))
    )
    financial = dated.filter(pl.col("period").str.contains(r"^\d{4}-\d{2}$"), pl.col("value").is_not_null())
    early = financial.filter(pl.col("start") < pl.col("valid_from"))
    late = financial.filter(pl.col("start") >= pl.col("valid_to"))
    assert financial.height > 0
    assert early.height == 0, early.select("code", "period", "measure", "source_file").head(5)
    assert late.height == 0, late.select("code", "period", "measure", "source_file").head(5)
