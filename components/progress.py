"""One council's progress on every commitment, for pages that show a single council."""

from __future__ import annotations

import polars as pl
import streamlit as st

from accountability.methods.commitments import CommitmentsError
from accountability.views.progress import commitment_rows, status_text
from components.analysis import assessment_for, commitment_register
from components.data import load


def council_progress(code: str) -> pl.DataFrame:
    """Commitment, measure, status and note for one council (current side of any framework break)."""
    try:
        titles = {c.id: c.title for c in commitment_register()}
    except CommitmentsError as exc:
        st.warning(f"Progress is not shown: the commitments file could not be used ({exc}).")
        return pl.DataFrame()
    assessment = assessment_for("current")  # cached: every council at once
    mine = assessment.filter((pl.col("area_type") == "council") & (pl.col("area_code") == code))
    pairs = commitment_rows(assessment, load("measures"), titles)
    return mine.join(pairs.select("commitment_id", "measure", "label"), on=["commitment_id", "measure"]).select(
        pl.col("label").alias("Commitment and measure"),
        status_text(pl.col("status")).alias("Status"),
        pl.col("current_period").alias("Latest"),
        pl.col("note").alias("Note"),
    )
