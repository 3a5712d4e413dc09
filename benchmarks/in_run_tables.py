"""Round four's table and picker cases for benchmarks/rerun_steps.py (`--only T`), run inside a script
run as benchmarks/in_run.py's are (branch p4tables).

T1: a table the Profile, Home or Compare showed through `st.dataframe` of a Polars frame (converted to
pandas and Arrow every run) against the same table kept as sent (`tables.shown_table` /
`shown_table_of`); each case first checks that both send the same element bytes.
T2: a picker kept in the address, as the code before built its options (the council labels through a
`st.cache_resource` call hashing the version, the measure labels with `iter_rows`, the labels
inverted, the address read twice and the session's record written) against the code now
(`picker_options.kept_options`); each case first checks that both send the same widget. Both sides
forget the run's widget ids before each call (a run registers a key once), and both run inside
`one_version_this_run`, as a page does. Nothing here is a test; the numbers go in benchmarks/RESULTS.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

import polars as pl
import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from accountability.labels import CI_METHOD_LABELS, PROGRESS_STATUS_LABELS, STATUS_LABELS, words
from accountability.state import capped, unrecognised
from accountability.views.analyses import measures_with_values
from accountability.views.compare import CompareChoice, compare_view
from accountability.views.profile import ProfileChoice, profile_view
from benchmarks.in_run import attach_script_run, sent
from components import council, data, profile, tables, widgets
from components.cache import app_store

Case = tuple[Callable[[], Any], Callable[[], Any]]
HARTLEPOOL, BIRMINGHAM = "E06000001", "E08000025"  # Hartlepool is in CQC's compilation


_held: list[Any] = []  # the open `one_version_this_run` block: collected, it would close itself


def _in_a_run() -> None:
    attach_script_run()
    if not _held:  # one version for the whole benchmark, as within a page's run
        _held.append(data.one_version_this_run())
        _held[0].__enter__()


def _profile_tables() -> dict[str, Case]:
    store = app_store()
    view = store.derive(profile_view, ProfileChoice(HARTLEPOOL, show="Table"))
    spend, section, progress, cqc = view.spend, view.sections[0], view.card.progress, view.cqc
    columns = {**profile.TABLE_COLUMNS, "value": view.card.name}
    order = ["Status", "Commitment and measure", "Latest", "Note"]
    statements_alt = f"{view.card.name}: CQC's scores on its nine quality statements"

    def spend_before() -> Any:
        config, order = profile.SPEND_COLUMNS, list(profile.SPEND_COLUMNS)
        return st.dataframe(spend.table, hide_index=True, alt=spend.alt, column_config=config, column_order=order)

    def section_before() -> Any:
        return st.dataframe(
            section.table, hide_index=True, alt=section.alt, column_config=columns, column_order=profile.TABLE_ORDER
        )

    def progress_before() -> Any:
        shown = progress.rows.with_columns(words("status", PROGRESS_STATUS_LABELS)).rename(council.PROGRESS_COLUMNS)
        return st.dataframe(shown, hide_index=True, alt=progress.alt, column_order=order)

    def spend_after() -> Any:  # render_profile_spend's table without its heading and caption
        shown = tables.shown_table(lambda: spend.table, (store.version, view.choice.council, "spend"))
        config, order = profile.SPEND_COLUMNS, list(profile.SPEND_COLUMNS)
        return st.dataframe(shown.arrow, hide_index=True, alt=spend.alt, column_config=config, column_order=order)

    def cqc_before() -> Any:
        shown = cqc.statements.rename(council.STATEMENT_COLUMNS)
        return st.dataframe(shown, hide_index=True, alt=statements_alt)

    def cqc_after() -> Any:  # render_cqc's table without its sentences and expander
        shown = tables.shown_table_of(
            cqc.statements, lambda: cqc.statements.rename(council.STATEMENT_COLUMNS), "cqc statements"
        )
        return st.dataframe(shown.arrow, hide_index=True, alt=statements_alt)

    return {
        "spending": (spend_before, spend_after),
        "adults section": (section_before, lambda: profile._render_section_table(view, section, store.version)),
        "commitments": (progress_before, lambda: council.render_progress_table(progress)),
        "CQC statements": (cqc_before, cqc_after),
    }


def _compare_tables() -> dict[str, Case]:
    store = app_store()
    choice = CompareChoice(BIRMINGHAM, "rereferral_pct", "2024-25", show="Table")
    view = store.derive(compare_view, choice)
    funnel = store.derive(compare_view, CompareChoice(**{**vars(choice), "show": "Funnel plot"})).funnel
    if funnel is None:
        raise SystemExit("Compare: no funnel plot for re-referrals")
    unit, key = view.measure.unit, (store.version, choice, "table")

    def compare_before() -> Any:  # render_compare_table as it was: worded every run
        shown = view.download.with_columns(words("status", STATUS_LABELS), words("ci_method", CI_METHOD_LABELS))
        order = [c for c in tables.COMPARE_ORDER if c in shown.columns]
        config = {"value": tables._number("Value", unit), "rank": st.column_config.NumberColumn("Rank")}
        return st.dataframe(shown, hide_index=True, alt=view.summary, column_order=order, column_config=config)

    def compare_after() -> Any:
        shown = tables.shown_table(
            lambda: view.download.with_columns(words("status", STATUS_LABELS), words("ci_method", CI_METHOD_LABELS)),
            key,
        )
        order = [c for c in tables.COMPARE_ORDER if c in shown.frame.columns]
        config = {"value": tables._number("Value", unit), "rank": st.column_config.NumberColumn("Rank")}
        return st.dataframe(shown.arrow, hide_index=True, alt=view.summary, column_order=order, column_config=config)

    def funnel_after() -> Any:
        shown = tables.shown_table(lambda: funnel.table, (store.version, choice, "funnel table"))
        return st.dataframe(shown.arrow, hide_index=True, alt=funnel.alt)

    return {
        "Compare table": (compare_before, compare_after),
        "funnel table": (lambda: st.dataframe(funnel.table, hide_index=True, alt=funnel.alt), funnel_after),
    }


def table_case(name: str) -> Callable[[], Case]:
    def make() -> Case:
        _in_a_run()
        before, after = {**_profile_tables(), **_compare_tables()}[name]
        if sent(before) != sent(after):
            raise SystemExit(f"{name}: the two paths send different elements")
        return before, after

    return make


# T2, before: the pickers as they were at 9d6471a (components/widgets.py).
@st.cache_resource(show_spinner=False, max_entries=4)
def _old_council_options(version: str, _councils: pl.DataFrame) -> Mapping[str, str]:
    ordered = _councils.sort(pl.col("valid_to").is_not_null(), "name")
    return MappingProxyType(widgets.council_label(ordered))


def _old_choice(label: str, labels: Mapping[str, str], key: str, noun: str, *, index: int | None = 0, **kw: Any) -> Any:
    codes = list(labels)
    by_label = {text: code for code, text in labels.items()}
    raw = capped(st.query_params.get(key))
    written = f"_url_{key}"
    remembered = st.session_state.get(written)
    if raw is not None and raw != remembered:
        code = raw if raw in labels else by_label.get(raw)
        if code is not None:
            st.session_state[key] = code
        elif message := unrecognised(key, raw, [*codes, *by_label], noun):
            st.warning(message, icon="⚠️")
    elif raw is None and remembered in labels:
        st.session_state[key] = remembered
    widget = st.radio if kw.pop("as_radio", False) else st.selectbox
    value = widget(label, codes, index=index, format_func=lambda c: labels.get(c, c), key=key, **kw)
    default = codes[index] if index is not None and codes else None
    wanted = None if value == default else value
    if st.query_params.get(key) != wanted:
        if wanted is None:
            del st.query_params[key]
        else:
            st.query_params[key] = wanted
    st.session_state[written] = wanted
    return value


def picker_case(name: str) -> Callable[[], Case]:
    def make() -> Case:
        _in_a_run()
        ctx = get_script_run_ctx()
        if ctx is None:
            raise SystemExit("no script run")
        store = app_store()
        councils, measures, version = store.councils, store.derive(measures_with_values), store.version
        st.session_state["council"] = BIRMINGHAM  # a chosen council, as on most reruns

        def old_measure() -> Any:
            labels = {
                r["id"]: f"{'Adults' if r['domain'] == 'adults' else 'Children'}: {r['label']}"
                for r in measures.iter_rows(named=True)
            }
            return _old_choice("Measure", labels, "measure", "measure")

        sides: dict[str, Case] = {
            "council": (
                lambda: _old_choice(
                    "Your council",
                    _old_council_options(version, councils),
                    "council",
                    "council",
                    index=None,
                    placeholder="Type a council name",
                    help="Highlights this council on every page.",
                ),
                lambda: widgets.render_council_picker(councils, version),
            ),
            "measure": (old_measure, lambda: widgets.render_measure_picker(measures)),
            "view": (
                lambda: _old_choice(
                    "Show",
                    {v: v for v in ("Chart", "Funnel plot", "Table")},
                    "view",
                    "view",
                    as_radio=True,
                    horizontal=True,
                ),
                lambda: widgets.render_view_picker(["Chart", "Funnel plot", "Table"]),
            ),
        }
        before, after = sides[name]

        def fresh(fn: Callable[[], Any]) -> Callable[[], Any]:
            def call() -> Any:
                ctx.shared.reset()  # the run's widget ids, so the same key can be registered again
                return fn()

            return call

        fresh(before)(), fresh(after)()  # the first call sets the widget's value from the session: not compared
        if sent(fresh(before)) != sent(fresh(after)):
            raise SystemExit(f"{name}: the two pickers send different widgets")
        return fresh(before), fresh(after)

    return make


CASES: dict[str, Callable[[], Case]] = {
    **{f"T1. {n} through st.dataframe": table_case(n) for n in ("spending", "adults section", "commitments")},
    **{f"T1. {n} through st.dataframe": table_case(n) for n in ("CQC statements", "Compare table", "funnel table")},
    "T2. council picker (sidebar, every page)": picker_case("council"),
    "T2. measure picker (Compare, Map, Trends)": picker_case("measure"),
    "T2. view picker (Show: chart or table)": picker_case("view"),
}
