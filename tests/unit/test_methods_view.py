"""The Data and methods view on hand-built tables (test data): measures by area of care with their facts,
the catalogue download, the code tables, reorganisations and the row accounting."""

from __future__ import annotations

import polars as pl

from accountability.labels import CI_METHOD_LABELS, STATUS_LABELS
from accountability.views.methods import MethodsView, methods_view
from tests.unit import store_frames as sf

MORE: dict[str, list[object]] = {
    "framework_version": ["ASCOF 2023-24", "none"],
    "source_codes": ["1A", "CLA1"],
    "period_note": ["Financial years", "At 31 March"],
    "licence": ["Open Government Licence v3.0", "Open Government Licence v3.0"],
    "official": [True, False],
    "note": ["Survey measure.", None],
}
ACCOUNTS = pl.DataFrame(
    {
        "reader": ["dfe"] * 4,
        "folder": ["dfe"] * 4,
        "file": ["a.csv"] * 4,
        "outcome": ["read", "kept", "set_missing", "rejected"],
        "reason": ["", "", "suppressed", "not a council"],
        "rows": [10, 8, 1, 2],
    }
)


def _view() -> MethodsView:
    measures = sf.MEASURES.with_columns(**{k: pl.Series(v) for k, v in MORE.items()})
    councils = sf.COUNCILS.with_columns(former_codes=pl.Series([[], ["E06000099"], [], []], dtype=pl.List(pl.String)))
    return methods_view(sf.from_frames("test", measures=measures, councils=councils, row_accounts=ACCOUNTS))


def test_measures_are_grouped_by_area_of_care_code_with_their_facts() -> None:
    view = _view()
    assert view.count.startswith("2 measures.")
    assert [(d, [e.label for e in entries]) for d, entries in view.measures] == [
        ("adults", ["Share helped"]),
        ("children", ["Long waits"]),
    ]
    helped = view.measures[0][1][0]
    assert helped.description == "People helped, of those asking."
    assert "- **Which way is better:** Higher is better\n" in helped.facts
    assert "(official statistics)" in helped.facts and "**Id in links:** `helped`" in helped.facts
    assert helped.note == "Survey measure."
    waits = view.measures[1][1][0]
    assert "(research compilation or derived)" in waits.facts and waits.note is None


def test_the_catalogue_download_has_every_definition_with_the_direction_in_words() -> None:
    catalogue = _view().catalogue
    assert catalogue.columns[:5] == ["measure_id", "measure", "domain", "description", "direction"]
    assert catalogue["direction"].to_list() == ["Higher is better", "Lower is better"]
    assert catalogue["domain"].to_list() == ["adults", "children"]


def test_code_tables_give_each_codes_meaning() -> None:
    view = _view()
    assert view.statuses["In downloads"].to_list() == list(STATUS_LABELS)
    assert view.intervals["Meaning"].to_list() == list(CI_METHOD_LABELS.values())


def test_reorganisations_renumbered_councils_and_row_accounts() -> None:
    view = _view()
    assert view.reorganisations.select("Former council", "Replaced by").rows() == [("Delta", "Gamma")]
    assert view.renumbered.rows() == [("Beta", sf.BETA, "E06000099")]
    row = view.accounts.row(0, named=True)
    assert (row["read"], row["kept"], row["set_missing"], row["rejected"]) == (10, 8, 1, 2)
    assert row["rejected_reasons"] == "not a council: 2"
    assert view.accounts_alt == "Row accounting for 1 published files"
    assert view.attributions and "Open Government Licence" in view.licence
