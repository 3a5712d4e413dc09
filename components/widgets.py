"""Pickers bound to the URL, and the message shown when a shared link names something unknown.

Widgets use `bind="query-params"`, which writes the label the user sees into the address
(`?council=Birmingham`). Stable codes are accepted too (`?council=E08000025`, `?measure=cla_rate`),
so links built by other tools keep working when a label is reworded. Each `render_*` reads the raw
parameter first (the bound widget drops an unknown value silently) and explains any it cannot use.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from accountability.state import unrecognised


def _seed_from_url(param: str, labels: dict[str, str], noun: str, *, seed: bool = True) -> None:
    """Accept a code or a label from the URL; warn about anything else.

    Seeding is only for widgets whose default is their first option or none: Streamlit objects to
    a widget given both a default and a Session State value.
    """
    raw = st.query_params.get(param)
    if seed and raw in labels and param not in st.session_state:
        st.session_state[param] = raw  # a code: the bound widget only understands labels
    message = unrecognised(param, raw, [*labels, *labels.values()], noun)
    if message:
        st.warning(message, icon="⚠️")


def council_label(councils: pl.DataFrame) -> dict[str, str]:
    """Code -> 'Name', with '(until March 2023)' for councils abolished in a reorganisation.

    English reorganisations take effect on 1 April, so a council's last month is March.
    """
    return {
        row["code"]: row["name"] + (f" (until March {row['valid_to'].year})" if row["valid_to"] else "")
        for row in councils.iter_rows(named=True)
    }


def render_council_picker(councils: pl.DataFrame) -> str | None:
    """Sidebar council choice, bound to ?council=<ONS code>; current councils first."""
    ordered = councils.sort(pl.col("valid_to").is_not_null(), "name")
    codes = ordered["code"].to_list()
    labels = council_label(ordered)
    _seed_from_url("council", labels, "council")
    return st.sidebar.selectbox(
        "Your council",
        codes,
        index=None,
        format_func=lambda c: labels.get(c, c),
        key="council",
        bind="query-params",
        placeholder="Type a council name",
        help="Highlights this council on every page.",
    )


def render_measure_picker(measures: pl.DataFrame) -> str:
    """Measure choice, bound to ?measure=<id>, labelled with its domain."""
    ids = measures["id"].to_list()
    labels = {
        r["id"]: f"{'Adults' if r['domain'] == 'adults' else 'Children'}: {r['label']}"
        for r in measures.iter_rows(named=True)
    }
    _seed_from_url("measure", labels, "measure")
    chosen = st.selectbox("Measure", ids, format_func=lambda i: labels.get(i, i), key="measure", bind="query-params")
    return str(chosen)


def render_period_picker(periods: list[str], default: str) -> str:
    """Period choice, bound to ?period=, newest first."""
    newest_first = sorted(periods, reverse=True)
    _seed_from_url("period", {p: p for p in newest_first}, "period", seed=False)
    index = newest_first.index(default) if default in newest_first else 0
    return str(st.selectbox("Period", newest_first, index=index, key="period", bind="query-params"))


def render_share_link(page: str, params: dict[str, str | None]) -> None:
    """A link that reproduces this view, using stable codes, shown in full so it can be copied.

    A plain Markdown link rather than `st.code` (which has a copy button): a code block makes the
    browser load Streamlit's syntax highlighter, which delayed every chart page's first paint.
    """
    from accountability.state import share_link

    url = share_link(st.context.url or "", page, params)
    text = url.replace("_", "\\_").replace("~", "\\~")  # shown literally, not as Markdown emphasis
    st.markdown(
        f"**Link to this view:** [{text}]({url})  \n"
        "Copy it to share this view. It uses stable codes, so it keeps working if labels change."
    )


def render_view_picker(views: list[str], key: str = "view") -> str:
    """'Show' one view of the figures (chart, table, ...), bound to ?view=; the first is the default.

    Only the chosen view is built and sent. Tabs would send every view at once, and the browser then
    loads the table component before it can draw the chart (the largest delay in a page's first paint).
    """
    warn_if_unknown(key, views, "view")
    return str(st.radio("Show", views, key=key, bind="query-params", horizontal=True))


def render_coded_picker(label: str, labels: dict[str, str], key: str, noun: str) -> str:
    """A selectbox over codes shown by label, bound to the URL; accepts ?key=<code> or ?key=<label>."""
    _seed_from_url(key, labels, noun)
    return str(st.selectbox(label, list(labels), format_func=lambda k: labels.get(k, k), key=key, bind="query-params"))


def warn_if_unknown(param: str, options: list[str], noun: str) -> None:
    """Say so when the URL names a value a bound widget will not accept (Streamlit drops it silently)."""
    _seed_from_url(param, {o: o for o in options}, noun, seed=False)


def render_benchmark_picker(
    councils: pl.DataFrame, default: str, *, allow_custom: bool = True
) -> tuple[str, list[str]]:
    """'Compare with' bound to ?benchmark= (the configured default first) and, for a custom group,
    the councils in it (?group=). Returns the benchmark kind and the group's codes."""
    from accountability.benchmarking import BENCHMARKS

    choices = dict(sorted(BENCHMARKS.items(), key=lambda kv: kv[0] != default))
    if not allow_custom:
        choices.pop("custom")
    kind = render_coded_picker("Compare with", choices, "benchmark", "benchmark")
    group: list[str] = []
    if kind == "custom":
        names = dict(zip(councils["code"], councils["name"], strict=True))
        group = st.multiselect(
            "Councils in your group",
            list(names),
            format_func=lambda c: names.get(c, c),
            key="group",
            bind="query-params",
            placeholder="Choose two or more councils",
        )
        if len(group) < 2:
            st.info("Choose two or more councils for your group; until then nothing can be tested against it.")
    return kind, group
