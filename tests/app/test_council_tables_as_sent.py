"""Round four's tables kept as Streamlit sends them (`components/tables.shown_table` and
`shown_table_of`): on the committed store, each element sent is byte for byte the one the code
before sent (`st.dataframe` of the Polars frame, worded as it was), on the first run and on a second
run that finds the tables kept: the Profile's spending and its sections as tables, the commitments
table (Home and Profile), CQC's nine statements, Compare's table and the funnel plot's table.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app.conftest import TIMEOUT

HARTLEPOOL = "E06000001"  # in CQC's compilation, with its nine statements; Birmingham is not


def _profile_script() -> None:
    import streamlit as st

    from accountability.labels import PROGRESS_STATUS_LABELS, words
    from accountability.views.profile import ProfileChoice, profile_view
    from components import council, profile
    from components.cache import app_store

    store = app_store()
    view = store.derive(profile_view, ProfileChoice("E06000001", show="Table"))
    # the code before, then the code now: each pair of elements must be the same
    spend = view.spend
    order = list(profile.SPEND_COLUMNS)
    st.dataframe(spend.table, hide_index=True, alt=spend.alt, column_config=profile.SPEND_COLUMNS, column_order=order)
    profile.render_profile_spend(view, store.version)
    for section in view.sections:
        columns = {**profile.TABLE_COLUMNS, "value": view.card.name}
        st.dataframe(
            section.table, hide_index=True, alt=section.alt, column_config=columns, column_order=profile.TABLE_ORDER
        )
    profile.render_profile_sections(view, store.version)
    progress = view.card.progress
    old = progress.rows.with_columns(words("status", PROGRESS_STATUS_LABELS)).rename(council.PROGRESS_COLUMNS)
    order = ["Status", "Commitment and measure", "Latest", "Note"]
    st.dataframe(old, hide_index=True, alt=progress.alt, column_order=order)
    council.render_progress_table(progress)
    statements = view.cqc.statements.rename({"statement": "Quality statement", "score": "Score", "rating": "Rating"})
    st.dataframe(statements, hide_index=True, alt=f"{view.card.name}: CQC's scores on its nine quality statements")
    council.render_cqc(view.cqc, view.card.name)


def _compare_script() -> None:
    import streamlit as st

    from accountability.labels import CI_METHOD_LABELS, STATUS_LABELS, words
    from accountability.views.compare import CompareChoice, compare_view
    from components import compare, tables
    from components.cache import app_store

    store = app_store()
    choice = CompareChoice("E08000025", "rereferral_pct", "2024-25", show="Table")
    view = store.derive(compare_view, choice)
    shown = view.download.with_columns(words("status", STATUS_LABELS), words("ci_method", CI_METHOD_LABELS))
    order = [c for c in tables.COMPARE_ORDER if c in shown.columns]
    st.session_state["compare_order"] = order
    fmt = "%.1f%%" if view.measure.unit == "%" else "%.1f"  # render_compare_table's labels, as they were
    config = {
        "rank": st.column_config.NumberColumn("Rank", help="1 is best (highest where no direction is better)"),
        "name": "Area",
        "compared_with_benchmark": "Compared with benchmark",
        "area_type": "Type",
        "region": "Region",
        "value": st.column_config.NumberColumn("Value", format=fmt, help=None),
        "ci95_low": st.column_config.NumberColumn("95% interval: low", format=fmt, help=None),
        "ci95_high": st.column_config.NumberColumn("95% interval: high", format=fmt, help=None),
        "numerator": st.column_config.NumberColumn("Numerator", format="%,.0f"),
        "denominator": st.column_config.NumberColumn("Denominator", format="%,.0f"),
        "status": "Published status",
        "ci_method": "Interval method",
        "code": "ONS code",
    }
    st.dataframe(shown, hide_index=True, alt=view.summary, column_order=order, column_config=config)
    compare.render_compare_figures(view, store.version)
    funnel_view = store.derive(compare_view, CompareChoice(**{**vars(choice), "show": "Funnel plot"}))
    assert funnel_view.funnel is not None
    # the same arguments, straight from the frame (the column labels are compare.FUNNEL_COLUMNS)
    st.dataframe(
        funnel_view.funnel.table, hide_index=True, alt=funnel_view.funnel.alt, column_config=compare.FUNNEL_COLUMNS
    )
    compare.render_compare_figures(funnel_view, store.version)


def _pairs_the_same(at: AppTest, pairs: list[tuple[int, int]]) -> None:
    """Each (before, after) pair of the page's tables, by their place on the page, the same bytes."""
    frames = at.dataframe
    assert len(frames) == 2 * len(pairs), len(frames)
    for old, new in pairs:
        before, after = frames[old].proto, frames[new].proto
        assert before.arrow_data.data, f"table {old} is empty"  # a real table on both sides
        assert after.SerializeToString() == before.SerializeToString(), f"table {new} differs from {old}"


# spending; adults and children (both old ones come first: the sections render together); the
# commitments; CQC's statements
PROFILE_PAIRS = [(0, 1), (2, 4), (3, 5), (6, 7), (8, 9)]


def test_the_profiles_tables_are_sent_as_before_and_kept() -> None:
    at = AppTest.from_function(_profile_script, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    _pairs_the_same(at, PROFILE_PAIRS)
    at.run()  # the tables are found kept: still the same elements
    assert not at.exception, at.exception
    _pairs_the_same(at, PROFILE_PAIRS)


def test_compares_table_and_funnel_table_are_sent_as_before_and_kept() -> None:
    at = AppTest.from_function(_compare_script, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    assert "rank" in at.session_state["compare_order"]
    _pairs_the_same(at, [(0, 1), (2, 3)])
    at.run()
    assert not at.exception, at.exception
    _pairs_the_same(at, [(0, 1), (2, 3)])


def _held_script() -> None:
    import polars as pl
    import streamlit as st

    from components import tables

    first = pl.DataFrame({"a": [1, 2]})
    builds = st.session_state.setdefault("builds", [])

    def build(frame: pl.DataFrame) -> pl.DataFrame:
        builds.append(frame.height)
        return frame.rename({"a": "A"})

    kept = tables.shown_table_of(first, lambda: build(first), "t")
    again = tables.shown_table_of(first, lambda: build(first), "t")
    other = pl.DataFrame({"a": [3, 4, 5]})
    theirs = tables.shown_table_of(other, lambda: build(other), "t")
    # an entry under an object's identity built from another object is never used for it
    stray = pl.DataFrame({"a": [9]})
    wrong = tables.ShownTable(first, first.to_arrow(), first)
    tables._tables().get_or_build(("of object", "u", id(stray)), lambda: wrong)
    fixed = tables.shown_table_of(stray, lambda: build(stray), "u")
    st.session_state["checks"] = (
        again is kept,
        kept.source is first,
        theirs.frame["A"].to_list(),
        fixed.frame["A"].to_list(),
        fixed.source is stray,
    )


def test_a_table_kept_per_object_holds_it_and_is_never_another_objects() -> None:
    at = AppTest.from_function(_held_script, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    assert at.session_state["checks"] == (True, True, [3, 4, 5], [9], True)
    assert at.session_state["builds"] == [2, 3, 1]  # the first frame built once, not twice


def test_the_measure_pickers_labels_are_built_once_per_store_version(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from components import widgets

    calls: list[int] = []
    real = widgets.measure_labels

    def counted(measures):  # type: ignore[no-untyped-def]
        calls.append(measures.height)
        return real(measures)

    monkeypatch.setattr(widgets, "measure_labels", counted)
    from tests.app.conftest import open_page

    at = open_page("pages/compare.py", council="E08000025", measure="rereferral_pct")
    assert not at.exception, at.exception
    assert at.selectbox(key="measure").value == "rereferral_pct"
    assert "Children: " in at.selectbox(key="measure").format_func("rereferral_pct")
    at.selectbox(key="measure").set_value("cla_rate").run()  # a rerun: the labels are found kept
    assert not at.exception, at.exception
    assert at.query_params["measure"] == "cla_rate"
    assert len(calls) == 1 and calls[0] > 10
