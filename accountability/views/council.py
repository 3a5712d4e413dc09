"""One council at a glance, for Home and the Council profile: the same sentences on both pages.

`council_card(store, code)` gives the council's name and type, its latest Ofsted judgement (one
lookup, right for a former council too: its last judgement before it was replaced), its
reorganisation, and its progress on every commitment (status codes; a bad commitments file is a
warning, not a failure). No Streamlit here.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from accountability.methods.commitments import CommitmentsError
from accountability.views.analyses import assessment
from accountability.views.progress import commitment_rows
from accountability.views.store import Store

OFSTED_LEAD = "Latest Ofsted judgement of children's services"


@dataclass(frozen=True)
class CouncilProgress:
    rows: pl.DataFrame  # commitment (title — measure), status (code), latest period, note
    warning: str | None  # the commitments file could not be used
    alt: str


@dataclass(frozen=True)
class CouncilCard:
    code: str
    name: str
    description: str  # "<type> in <region>. ONS code <code>."
    ofsted: str  # after OFSTED_LEAD
    replaced: str | None  # a former council: when, and by whom
    progress: CouncilProgress


def latest_inspection(inspections: pl.DataFrame, code: str) -> dict[str, object] | None:
    """The council's latest Ofsted ILACS judgement, or None if it has none.

    Ofsted marks a current council's latest judgement (`is_latest`); a former council has none marked,
    so its latest is its newest by start date: the last judgement before it was replaced.
    """
    rows = inspections.filter(pl.col("code") == code)
    marked = rows.filter(pl.col("is_latest"))
    if marked.height:
        return marked.row(0, named=True)
    return rows.sort("inspection_start", nulls_last=False).row(-1, named=True) if rows.height else None


def ofsted_text(inspections: pl.DataFrame, code: str) -> str:
    """'Good overall (ILACS Standard Inspection, inspection began May 2023).' or 'none published …'."""
    judgement = latest_inspection(inspections, code)
    if judgement is None:
        return "none published for this council."
    when = judgement["inspection_start"]
    when_text = f"{when:%B %Y}" if when else "date not given"
    return (
        f"{judgement['overall_effectiveness']} overall ({judgement['inspection_type']}, inspection began {when_text})."
    )


def replaced_text(councils: pl.DataFrame, code: str) -> str | None:
    """'Cumbria was replaced in March 2023 by Cumberland and Westmorland and Furness.' for a former council."""
    row = councils.filter(pl.col("code") == code).row(0, named=True)
    if row["valid_to"] is None:
        return None
    names = councils.filter(pl.col("code").is_in(row["successors"] or []))["name"].to_list()
    return f"{row['name']} was replaced in {row['valid_to']:%B %Y} by {' and '.join(names) or 'new councils'}."


def council_progress(store: Store, code: str, name: str) -> CouncilProgress:
    """The council's status on each commitment measure (the current side of any framework break)."""
    try:
        titles = {c.id: c.title for c in store.commitments()}
        every = store.derive(assessment, "current")  # every council at once, shared
    except CommitmentsError as exc:
        empty = pl.DataFrame(schema={"commitment": pl.String, "status": pl.String, "latest": pl.String})
        return CouncilProgress(empty, f"Progress is not shown: the commitments file could not be used ({exc}).", "")
    mine = every.filter((pl.col("area_type") == "council") & (pl.col("area_code") == code))
    pairs = commitment_rows(every, store.measures, titles).select("commitment_id", "measure", "label")
    rows = mine.join(pairs, on=["commitment_id", "measure"]).select(
        pl.col("label").alias("commitment"),
        pl.col("status").cast(pl.String),
        pl.col("current_period").alias("latest"),
        "note",
    )
    return CouncilProgress(rows, None, f"{name}'s status on {rows.height} commitments")


def council_card(store: Store, code: str) -> CouncilCard:
    councils = store.councils
    row = councils.filter(pl.col("code") == code).row(0, named=True)
    return CouncilCard(
        code=code,
        name=row["name"],
        description=f"{row['council_type']} in {row['region']}. ONS code {code}.",
        ofsted=ofsted_text(store.inspections, code),
        replaced=replaced_text(councils, code),
        progress=council_progress(store, code, row["name"]),
    )
