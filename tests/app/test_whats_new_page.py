"""What's new page: the current release's changes, filters from the address, feed and bulk links."""

from __future__ import annotations

from tests.app.conftest import assert_healthy, current_short, open_page, texts

WHATS_NEW = "pages/whats_new.py"


def _table(at):  # type: ignore[no-untyped-def]
    return at.dataframe[0].value


def test_the_current_release_lists_every_change() -> None:
    at = open_page(WHATS_NEW)
    assert_healthy(at)
    page = texts(at)
    heading = at.subheader[0].value
    assert heading.startswith(f"Release {current_short()}") and "(the current release)" in heading
    table = _table(at)
    assert len(table) > 0
    assert set(table["Kind code"]) >= {"revised_value", "new_period"}
    assert "E92000001.xml" in page  # England's feed
    assert "datapackage.json" in page


def test_filters_come_from_the_address_as_feeds_link_there() -> None:
    at = open_page(WHATS_NEW, council="E10000023", release=current_short(), kind="added_value")
    assert_healthy(at)
    assert at.selectbox(key="kind").value == "added_value"
    table = _table(at)
    assert len(table) == 15  # North Yorkshire: five measures in three years, newly published
    assert set(table["Kind code"]) == {"added_value"} and set(table["Area code"]) == {"E10000023"}
    assert all("North Yorkshire" in sentence for sentence in table["What changed"])
    page = texts(at)
    assert "E10000023.xml" in page and "E12000003.xml" in page  # feeds for the council and its region


def test_a_measure_and_region_filter() -> None:
    at = open_page(WHATS_NEW, region="E12000001", measure="rereferral_pct")
    assert_healthy(at)
    assert at.selectbox(key="region").value == "E12000001"
    for frame in at.dataframe:
        assert set(frame.value["Measure code"]) == {"rereferral_pct"}


def test_unknown_values_in_the_address_are_explained() -> None:
    at = open_page(WHATS_NEW, release="ffffffffffffffff", kind="<b>bogus</b>", region="Atlantis")
    assert_healthy(at)
    warnings = " ".join(w.value for w in at.warning)
    assert "ffffffffffff" in warnings and "bogus" in warnings and "Atlantis" in warnings


def test_a_link_made_on_the_previous_release_says_newer_figures_exist() -> None:
    """The committed store's changes compare it with the release before: a link made then is told."""
    import polars as pl

    from accountability.settings import Settings

    changes = pl.read_parquet(Settings(_env_file=None).data_dir / "changes.parquet")  # type: ignore[call-arg]
    previous = str(changes["previous_hash"][0])[:12]
    at = open_page("pages/compare.py", council="E10000023", measure="cla_rate", release=previous)
    assert_healthy(at)
    notice = " ".join(w.value for w in at.warning)
    assert "Newer figures exist" in notice and previous in notice
    assert "3 published values for this council and measure were revised, newly published or withdrawn" in notice
    listed = " ".join(e.proto.label for e in at.expander) + texts(at)
    assert "North Yorkshire: Children looked after (rate per 10,000 children), 2020-21: newly published" in listed
    current = open_page("pages/compare.py", council="E10000023", measure="cla_rate", release=current_short())
    assert not any("Newer figures exist" in w.value for w in current.warning)
