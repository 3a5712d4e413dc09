"""Pickers kept in the URL, and the message shown when a shared link names something unknown.

Choices made by code (council, measure, benchmark, commitment) keep the stable code in the address
(`?council=E08000025&measure=cla_rate`) and accept a label too (`?council=Birmingham`), so links keep
working when a label is reworded. They are synchronised here (`_choice_kept_in_address`) rather than
with `bind="query-params"`: a bound widget writes labels, and on arrival it removes any code from the
address (it only accepts labels), so after opening a shared link the address no longer reproduced
the view; and a page-level choice did not follow the user to the next page. The chart / table view
(`?view=`) is kept the same way, so someone who prefers tables keeps them from page to page.
Other pickers, whose labels are their values (period, region, level), are bound.
Each `render_*` reads the raw parameter first (capped in length) and explains any value it cannot use,
echoing it through `state.literal` (inside `unrecognised`) so an address cannot add Markdown.
The council and measure pickers' options are built once per store version (`picker_options`), not
every run.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, cast

import polars as pl
import streamlit as st

from accountability.codes import BenchmarkKind
from accountability.labels import BENCHMARK_LABELS, LEVEL_LABELS
from accountability.state import capped, unavailable_default, unrecognised
from components.data import store_version
from components.group import render_group_picker
from components.picker_options import Options, kept_options


def council_label(councils: pl.DataFrame) -> dict[str, str]:
    """Code -> 'Name', with '(until March 2023)' for councils abolished in a reorganisation.

    English reorganisations take effect on 1 April, so a council's last month is March.
    """
    return {
        row["code"]: row["name"] + (f" (until March {row['valid_to'].year})" if row["valid_to"] else "")
        for row in councils.iter_rows(named=True)
    }


def choose_clicked_council(chart_key: str) -> Callable[[], None]:
    """The `on_select` callback for a chart whose points carry council codes: a click chooses that
    council. Callbacks run before the page, so the sidebar picker takes the new council at once."""
    return functools.partial(_choose_clicked_council, chart_key)


def _choose_clicked_council(chart_key: str) -> None:
    from accountability.state import selected_code

    code = selected_code(st.session_state[chart_key].selection)
    if code:
        st.session_state["council"] = code


def _council_choices(version: str, councils: pl.DataFrame) -> Options:
    """Every council's label, current councils first, built once per store version (not every run:
    it was 5% of a rerun's CPU under load). Read-only, as every session shares it."""
    current_first = pl.col("valid_to").is_not_null()
    return kept_options((version, "council"), lambda: council_label(councils.sort(current_first, "name")))


def _council_options(version: str, councils: pl.DataFrame) -> Mapping[str, str]:
    return _council_choices(version, councils).labels


def render_council_picker(councils: pl.DataFrame, version: str) -> str | None:
    """Sidebar council choice, kept in the address as ?council=<ONS code>; current councils first.
    `version` is the store's version, which `councils` was read from."""
    return _choice_kept_in_address(
        "Your council",
        _council_choices(version, councils),
        "council",
        "council",
        where=st.sidebar,
        index=None,
        placeholder="Type a council name",
        help="Highlights this council on every page.",
    )


def measure_labels(measures: pl.DataFrame) -> dict[str, str]:
    """Measure id -> 'Adults: <label>' or 'Children: <label>', in the frame's order."""
    return {
        r["id"]: f"{'Adults' if r['domain'] == 'adults' else 'Children'}: {r['label']}"
        for r in measures.iter_rows(named=True)
    }


def render_measure_picker(measures: pl.DataFrame) -> str:
    """Measure choice, kept in the address as ?measure=<id>, labelled with its domain.

    `measures` is rows of the store's measures table (every page passes `measures_with_values`), so
    the labels are determined by the store version and the ids, in order: they are built once per those.
    """
    ids = ",".join(measures.get_column("id").to_list())  # one string: a key of ~100 codes is checked item by item
    options = kept_options((store_version(), "measure", ids), lambda: measure_labels(measures))
    return str(_choice_kept_in_address("Measure", options, "measure", "measure"))


def _choice_kept_in_address(
    label: str,
    choices: Mapping[str, str] | Options,
    key: str,
    noun: str,
    *,
    where: Any = st,
    index: int | None = 0,
    as_radio: bool = False,
    **kwargs: Any,
) -> str | None:
    """A selectbox (or, `as_radio`, radio buttons) over codes shown by their labels, with the chosen
    code kept in the address.

    The address wins when it says something this session did not write there itself (a link just
    opened, or the browser's back button); otherwise the widget wins and the address follows it.
    Moving to another page keeps the choice where that page offers it (the same measure on Compare,
    Map and Trends). Choices changed in code (a click on a chart, Find's buttons) are made on the
    same page, so they are written here before the user moves on. The default choice is left out
    of the address, as bound widgets do.
    """
    options = choices if isinstance(choices, Options) else Options.of(choices)  # kept ones: built once
    codes, labels, by_label = options.codes, options.labels, options.by_label
    # Read once: nothing below writes the address before the end, where it is compared again.
    in_address = st.query_params.get(key)
    raw = capped(in_address)  # no code or label is longer; a huge value costs nothing
    written = f"_url_{key}"  # what this session last put in the address for `key` (None: the default)
    remembered = st.session_state.get(written)
    if raw is not None and raw != remembered:
        code = raw if raw in labels else by_label.get(raw)
        if code is not None:
            st.session_state[key] = code
        elif message := unrecognised(key, raw, [*codes, *by_label], noun):
            st.warning(message, icon="⚠️")
    elif raw is None and remembered in labels:
        # Streamlit leaves this parameter out of the address on a page switch, and a page-level widget
        # starts afresh on its new page: the session's last choice carries over where it is offered.
        st.session_state[key] = remembered
    widget = where.radio if as_radio else where.selectbox
    value = widget(label, codes, index=index, format_func=lambda c: labels.get(c, c), key=key, **kwargs)
    default = codes[index] if index is not None and codes else None
    wanted = None if value == default else value
    if in_address != wanted:
        if wanted is None:
            del st.query_params[key]
        else:
            st.query_params[key] = wanted
    if remembered != wanted:  # absent reads as None, so an unchanged choice needs no write
        st.session_state[written] = wanted
    return value


def render_period_picker(periods: list[str], default: str) -> str:
    """Period choice, bound to ?period=, newest first."""
    newest_first = sorted(periods, reverse=True)
    warn_if_unknown("period", newest_first, "period")
    if default not in newest_first and newest_first and st.query_params.get("period") is None:
        st.info(unavailable_default(default, newest_first[0]))
    index = newest_first.index(default) if default in newest_first else 0
    return str(st.selectbox("Period", newest_first, index=index, key="period", bind="query-params"))


def render_share_link(page: str, params: dict[str, str | None]) -> None:
    """A link that reproduces this view, using stable codes, shown in full so it can be copied.

    A plain Markdown link rather than `st.code` (which has a copy button): a code block makes the
    browser load Streamlit's syntax highlighter, which delayed every chart page's first paint.
    The link carries the release it was made on (`release=`, 12 hex digits), so opening it after a
    newer release says which of its values changed (`components.releases.render_release_notice`).
    On an embeddable page the iframe snippet for its chart follows (`components.embed`).
    """
    from accountability.state import share_link
    from components.embed import render_embed_snippet
    from components.releases import release_short

    url = share_link(st.context.url or "", page, {**params, "release": release_short()})
    text = url.replace("_", "\\_").replace("~", "\\~")  # shown literally, not as Markdown emphasis
    st.markdown(
        f"**Link to this view:** [{text}]({url})  \n"
        "Copy it to share this view. It uses stable codes, so it keeps working if labels change."
    )
    render_embed_snippet(page, params)  # Compare, Trends and Map only; an embed always shows current figures


def render_view_picker(views: list[str], key: str = "view") -> str:
    """'Show' one view of the figures (chart, table, ...), kept in ?view=; the first is the default.

    Only the chosen view is built and sent. Tabs would send every view at once, and the browser then
    loads the table component before it can draw the chart (the largest delay in a page's first paint).
    """
    return str(_choice_kept_in_address("Show", {v: v for v in views}, key, "view", as_radio=True, horizontal=True))


def render_coded_picker(label: str, labels: dict[str, str], key: str, noun: str) -> str:
    """A selectbox over codes shown by label, kept in the address; accepts ?key=<code> or ?key=<label>."""
    return str(_choice_kept_in_address(label, labels, key, noun))


def warn_if_unknown(param: str, options: list[str], noun: str) -> None:
    """Say so when the URL names a value a bound widget will not accept (Streamlit drops it silently).

    Only when the address asked: a value the widget itself put there (its key is the parameter) is
    this session's own choice, which may just have become unavailable because another choice changed
    (a period the new measure lacks); the widget then moves to its default, and no link is blamed.
    A value already seen in the address is not a new request either (it was explained when it came).
    """
    raw = capped(st.query_params.get(param))
    seen, st.session_state[f"_seen_{param}"] = st.session_state.get(f"_seen_{param}"), raw
    if raw is not None and (raw == seen or raw == str(st.session_state.get(param))):
        return
    message = unrecognised(param, raw, options, noun)  # echoed with state.literal
    if message:
        st.warning(message, icon="⚠️")


def render_level_picker() -> float:
    """The confidence level of significance tests, bound to ?level= (95% or 99.8%)."""
    labels = list(LEVEL_LABELS.values())
    warn_if_unknown("level", labels, "confidence level")
    chosen = st.radio("Confidence", labels, key="level", bind="query-params", horizontal=True)
    return next(level for level, text in LEVEL_LABELS.items() if text == chosen)


def render_benchmark_picker(
    councils: pl.DataFrame, default: str, *, allow_custom: bool = True
) -> tuple[BenchmarkKind, tuple[str, ...]]:
    """'Compare with' kept in ?benchmark= (the configured default first) and, for a custom group,
    the councils in it (?group=, as codes: `components.group`). Returns the kind and the group's codes, sorted."""
    choices = dict(sorted(BENCHMARK_LABELS.items(), key=lambda kv: kv[0] != default))
    if not allow_custom:
        choices.pop("custom")
    kind = cast(BenchmarkKind, render_coded_picker("Compare with", choices, "benchmark", "benchmark"))
    group: list[str] = []
    if kind == "custom":
        group = render_group_picker(councils, dict(_council_options(store_version(), councils)))
        if len(group) < 2:
            st.info("Choose two or more councils for your group; until then nothing can be tested against it.")
    return kind, tuple(sorted(group))
