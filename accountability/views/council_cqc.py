"""CQC's assessment of one council's adult social care, for Home and the Council profile.

`cqc_card(store, code)` gives the overall rating with its month, the nine quality statements with
their scores, whether the rating and the scores disagree (`cqc_assessments.check`, shown as such,
never resolved here), the compilation's coverage (it is a research compilation, labelled as one
wherever it is shown), and ASCOF 6B (care homes rated Good or Outstanding) beside it. A council
not in the compilation is "not in our data yet", never "not assessed". No Streamlit here.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from accountability.formatting import format_value
from accountability.labels import (
    CQC_CHECK_LABELS,
    CQC_COMPILATION_NOTE,
    CQC_NOT_IN_DATA,
    CQC_RATING_LABELS,
    CQC_STATEMENT_LABELS,
)
from accountability.views.store import Store

CQC_LEAD = "CQC's assessment of adult social care"
CARE_HOMES = "ascof_cqc_good_outstanding"  # ASCOF 6B


@dataclass(frozen=True)
class CqcCard:
    rating: str | None  # CQC rating code; None: not in our data yet
    sentence: str  # after CQC_LEAD
    check: str | None  # the rating and scores (or the two copies) disagree: said as such
    statements: pl.DataFrame  # the nine quality statements: statement, score (1 to 4), rating (words)
    coverage: str  # the compilation note with its coverage
    report: str | None  # CQC's published report
    care_homes: str | None  # ASCOF 6B beside the rating, or None when not published for the council


def coverage_note(assessments: pl.DataFrame, councils: pl.DataFrame) -> str:
    """The compilation note with how many current councils it covers and the months it spans."""
    current = councils.filter(pl.col("valid_to").is_null())["code"]
    covered = assessments.filter(pl.col("code").is_in(current.implode()))
    dates = sorted(covered["assessed"].drop_nulls().to_list())
    first, last = (f"{dates[0]:%B %Y}", f"{dates[-1]:%B %Y}") if dates else ("-", "-")
    return CQC_COMPILATION_NOTE.format(covered=covered.height, councils=current.len(), first=first, last=last)


def statement_rows(statements: pl.DataFrame, code: str) -> pl.DataFrame:
    """The council's nine quality statements in CQC's order, in words."""
    rows = statements.filter(pl.col("code") == code).sort("statement")
    return rows.select(
        pl.col("statement_id").cast(pl.String).replace_strict(CQC_STATEMENT_LABELS).alias("statement"),
        "score",
        pl.col("rating").cast(pl.String).replace_strict(CQC_RATING_LABELS, default="Not given").alias("rating"),
    )


def care_homes_line(values: pl.DataFrame, benchmarks: pl.DataFrame, code: str) -> str | None:
    """'Care homes rated Good or Outstanding by CQC (ASCOF 6B), 2024-25: 76.2% (England 81.7%).'"""
    mine = values.filter((pl.col("code") == code) & (pl.col("measure") == CARE_HOMES) & pl.col("value").is_not_null())
    if mine.height == 0:
        return None
    row = mine.sort("period").row(-1, named=True)
    england = benchmarks.filter(
        (pl.col("area_type") == "england") & (pl.col("measure") == CARE_HOMES) & (pl.col("period") == row["period"])
    )["value"]
    versus = f" (England {format_value(england[0], '%')})" if england.len() else ""
    return (
        f"Care homes rated Good or Outstanding by CQC (ASCOF 6B), {row['period']}: "
        f"{format_value(row['value'], '%')}{versus}."
    )


def cqc_card(store: Store, code: str) -> CqcCard:
    assessments = store.table("cqc_assessments")
    mine = assessments.filter(pl.col("code") == code)
    care_homes = care_homes_line(store.values, store.benchmarks, code)
    note = coverage_note(assessments, store.councils)
    if mine.height == 0:
        empty = statement_rows(store.table("cqc_statements"), code)
        return CqcCard(None, f"{CQC_NOT_IN_DATA}.", None, empty, note, None, care_homes)
    row = mine.row(0, named=True)
    rating = str(row["overall_rating"]) if row["overall_rating"] is not None else None
    when = f"assessed {row['assessed']:%B %Y}" if row["assessed"] else "date not given"
    words = CQC_RATING_LABELS[rating] if rating else "No overall rating in the compilation"
    check = str(row["check"])
    return CqcCard(
        rating=rating,
        sentence=f"{words} ({when}; the nine quality statements total {row['score_total']} of 36).",
        check=None if check == "agrees" else CQC_CHECK_LABELS[check] + ".",
        statements=statement_rows(store.table("cqc_statements"), code),
        coverage=note,
        report=row["report_url"],
        care_homes=care_homes,
    )
