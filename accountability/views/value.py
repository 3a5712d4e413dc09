"""The Value for money page: councils' spending per head beside England, its change, and outcomes.

`value_view(store, choice)` ranks every council's chosen spend measure (highest first: spend is
neither good nor bad in itself, so nothing is called better or worse), gives the change from
2023-24 to 2024-25 (both cash, not adjusted for inflation), sets the spend measure against any
outcome across councils with Pearson's r and its 95% interval (association only, never cause), and
shows children's weekly unit costs over time beside the private share of children's home places.
Every spend figure carries its published cells (`value_trace.trace`). No Streamlit; words for codes
are chosen at render, the sentences here are written whole.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from accountability.methods.compare import periods_for
from accountability.views import value_parts as parts
from accountability.views.market_scatter import describe_correlation, pearson
from accountability.views.store import Store
from accountability.views.value_trace import spend_variables, trace

SPEND_MEASURES = (
    "spend_asc_per_adult",
    "spend_asc_older_per_65",
    "spend_csc_per_child",
    "spend_per_cla",
    "spend_cla_residential_share",
    "spend_asc_prevention_share",
    "spend_asc_charges_share",
)
CAVEAT = (
    "Spending differs between councils for legitimate local reasons: the needs of their populations, "
    "local prices and wages, rurality, and how services are organised. A council spending more or less "
    "is not, on that alone, doing better or worse, and an association across councils does not show "
    "that spending causes an outcome or the reverse."
)


@dataclass(frozen=True)
class ValueChoice:
    """Codes: the council (or None), the spend measure and the outcome measure."""

    council: str | None
    spend: str
    outcome: str


@dataclass(frozen=True)
class ValueView:
    """Everything the page shows; frames hold codes and numbers, the sentences are whole."""

    choice: ValueChoice
    spend_label: str
    unit: str
    period: str
    population_note: str
    ranked: pl.DataFrame  # rank, code, name, value, highlight ("council", "england", "other")
    ranked_sentence: str
    change: pl.DataFrame  # code, name, from_value, to_value, change, change_pct (England first)
    change_sentence: str
    points: pl.DataFrame  # code, name, x, y, group ("council", "group", "other")
    outcome_label: str
    spend_axis: str
    scatter_sentence: str
    unit_costs: pl.DataFrame  # code, name, measure, period, value (council and England)
    private_share: pl.DataFrame  # area_type, area_code, area_name, year, private_share_places
    trace: pl.DataFrame  # name, then value_trace.TRACE_COLUMNS: every council and period, each cell
    council_name: str | None
    cost_labels: dict[str, str]  # unit cost measure -> its label
    link: dict[str, str | None]


def outcome_options(store: Store) -> dict[str, str]:
    """Outcome measures (a polarity: higher or lower is better) as code -> label, in label order."""
    rows = store.measures.filter(pl.col("polarity").cast(pl.String) != "no_judgement").sort("label")
    return dict(zip(rows["id"], rows["label"], strict=True))


def spend_options(store: Store) -> dict[str, str]:
    """The spend measures the store holds, code -> label, in SPEND_MEASURES order."""
    labels = dict(zip(store.measures["id"], store.measures["label"], strict=True))
    return {m: labels[m] for m in SPEND_MEASURES if m in labels}


def neighbours(store: Store, code: str | None) -> list[str]:
    """The council's statistical neighbours in the newest model (its benchmark group)."""
    peers = store.peers.filter(pl.col("code") == (code or ""))
    newest = peers.filter(pl.col("model") == peers["model"].max()) if peers.height else peers
    return newest["peer_code"].to_list()


def value_view(store: Store, choice: ValueChoice) -> ValueView:
    """Everything the Value for money page shows for `choice` (see the module doc)."""
    measure = store.measures.filter(pl.col("id") == choice.spend).row(0, named=True)
    label, unit = str(measure["label"]), str(measure["unit"])
    period = periods_for(store.values, choice.spend)[-1]
    ranked = parts.ranked(store, choice.spend, period, choice.council)
    change = parts.change(store, choice.spend)
    group = neighbours(store, choice.council)
    points, _, y_period = parts.points(store, choice.spend, choice.outcome, choice.council, group)
    outcome = f"{outcome_options(store).get(choice.outcome, choice.outcome)} ({y_period})"
    spend_x = f"{label} ({period})"
    r = pearson(points["x"].to_list(), points["y"].to_list())
    shown = store.values.filter(pl.col("measure") == choice.spend).join(
        store.councils.select("code"), on="code", how="semi"
    )
    traced = trace(shown, store.table("spend_lines"), spend_variables(measure["source_codes"]))
    names = store.councils.select("code", "name")
    return ValueView(
        choice=choice,
        spend_label=label,
        unit=unit,
        period=period,
        population_note=str(measure["period_note"] or ""),
        ranked=ranked,
        ranked_sentence=parts.ranked_sentence(ranked, choice.council, label, unit, period),
        change=change,
        change_sentence=parts.change_sentence(change, choice.council, unit),
        points=points,
        outcome_label=outcome,
        spend_axis=spend_x,
        scatter_sentence=describe_correlation(r, spend_x, outcome),
        unit_costs=parts.unit_costs(store, choice.council),
        private_share=parts.private_share(store, choice.council),
        trace=traced.join(names, on="code", maintain_order="left").select("name", *traced.columns),
        council_name=parts.council_name(store, choice.council),
        cost_labels=parts.measure_labels(store, parts.UNIT_COSTS),
        link={"council": choice.council, "spend": choice.spend, "outcome": choice.outcome},
    )
