"""CQC's assessments of councils' adult social care (Care Act Part 1): a researcher's compilation.

What it does: parses the two published HTML pages of the compilation (cqc-la-assessments/) with the
standard library's html.parser. From the league table (the table headed Rank, Authority Name, ...,
QS1 ... QS9, Date) it takes each council's overall rating, its nine quality-statement scores (1-4),
the month of the report and the link to CQC's report; from the comprehensive report (the table
headed authority_name, overall_rating, qs1_...) the same ratings written as words. It then checks
each overall rating against CQC's published rule (the nine scores as a percentage of 36, rounded:
25-38% inadequate, 39-62% requires improvement, 63-87% good, 88% and above outstanding) and against
the second copy, and records any disagreement as such (`check`), never choosing between them.
Councils are matched by name (the compilation has no codes) to the councils that exist today.

What it does not do: treat the compilation as complete (72 of 153 councils: a council not in it is
"not in our data yet", never "not assessed"), fill in a rating the compilation lacks (County Durham
reads "Not Rated" though its scores are there), or fetch anything from CQC.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from accountability.sources import ofsted_providers_names as names
from accountability.sources.base import RowAccount, SourceFileError, SourceOutput
from accountability.sources.cqc_la_tables import LEAGUE, SECOND, league_rows, second_rows
from accountability.store.schema import BENCHMARKS_SCHEMA, VALUES_SCHEMA, empty

FOLDER = "cqc-la-assessments"
RATINGS = ["outstanding", "good", "requires_improvement", "inadequate"]
STATEMENTS = [
    "assessing_needs", "supporting_healthier_lives", "equity_in_experience", "care_provision_integration",
    "partnerships_communities", "safe_pathways", "safeguarding", "governance_sustainability", "learning_improvement",
]  # fmt: skip
SCORE_RATING = {4: "outstanding", 3: "good", 2: "requires_improvement", 1: "inadequate"}
CHECKS = ["agrees", "differs_from_scores", "copies_disagree", "not_rated_in_compilation"]
# Spellings of the compilation that do not reduce to the council's name (normalised keys).
ALIASES = {"stoke": "stoke on trent", "southend": "southend on sea"}
ASSESSMENTS_SCHEMA: dict[str, pl.DataType] = {
    "code": pl.String(),
    "name_in_source": pl.String(),
    "report_url": pl.String(),
    "assessed": pl.Date(),  # first day of the month CQC's report is dated
    "overall_rating": pl.Enum(RATINGS),  # as compiled; null where it reads "Not Rated"
    "overall_as_published": pl.String(),
    "score_total": pl.Int16(),
    "score_percent": pl.Float64(),
    "rating_from_scores": pl.Enum(RATINGS),
    "second_copy_overall": pl.Enum(RATINGS),
    "check": pl.Enum(CHECKS),
    "source_file": pl.String(),
    "source_row": pl.Int64(),  # line of the <tr> in the HTML file
}
STATEMENTS_SCHEMA: dict[str, pl.DataType] = {
    "code": pl.String(),
    "statement": pl.Int8(),
    "statement_id": pl.Enum(STATEMENTS),
    "score": pl.Int8(),
    "rating": pl.Enum(RATINGS),
    "second_copy_rating": pl.Enum(RATINGS),
    "agrees": pl.Boolean(),
    "source_file": pl.String(),
    "source_row": pl.Int64(),
}


def read(raw_dir: Path) -> SourceOutput:
    folder = raw_dir / FOLDER
    accounts: list[RowAccount] = []
    league = league_rows(folder / LEAGUE, accounts)
    second = second_rows(folder / SECOND, accounts)
    league = attach(league, names.councils_table(raw_dir, []), folder / LEAGUE)
    assessments, statements = cross_check(league, second)
    tables = {"cqc_assessments": assessments.sort("code"), "cqc_statements": statements.sort("code", "statement")}
    return SourceOutput(empty(VALUES_SCHEMA), empty(BENCHMARKS_SCHEMA), accounts, tables)


def name_key(name: pl.Expr) -> pl.Expr:
    """'London Borough of Camden' -> 'camden'; 'Sunderland City Council' -> 'sunderland'; 'Stoke' -> ALIASES."""
    text = name.str.to_lowercase().str.replace(
        r"^(london borough|royal borough|metropolitan borough|council) of (the )?", ""
    )
    text = text.str.replace(r"^city of ", "").str.replace_all(r"\bcouncil\b", "").str.strip_chars()
    text = text.str.replace(r" (borough|county|city)$", "").str.strip_chars()
    return text.replace(ALIASES)


def attach(league: pl.DataFrame, councils: pl.DataFrame, path: Path) -> pl.DataFrame:
    """`code` of the council each compiled name denotes in the month assessed; a name matching none is an error."""
    keyed = league.with_columns(_name_key=name_key(pl.col("name")))
    coded = names.attach_codes(keyed, "_name_key", "assessed", councils, path).drop("_name_key")
    unknown = coded.filter(pl.col("code").is_null())
    if unknown.height:
        first = unknown.row(0, named=True)
        problem = f"'{first['name']}' matches no current council (add a spelling to cqc_la.ALIASES if it is one)"
        raise SourceFileError(path, problem, column="Authority Name", row=first["_row"])
    return coded


def rating_from_percent(percent: pl.Expr) -> pl.Expr:
    """CQC's thresholds on the whole-number percentage: <= 38 inadequate, <= 62 RI, <= 87 good, else outstanding."""
    whole = percent.round(0)
    return (
        pl.when(whole <= 38)
        .then(pl.lit("inadequate"))
        .when(whole <= 62)
        .then(pl.lit("requires_improvement"))
        .when(whole <= 87)
        .then(pl.lit("good"))
        .otherwise(pl.lit("outstanding"))
    )


def cross_check(league: pl.DataFrame, second: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The assessments (one row per council, with `check`) and the statements (nine per council)."""
    scores = [f"qs{i}" for i in range(1, 10)]
    rows = league.join(second, on="name", how="left", suffix="_2")
    total = pl.sum_horizontal(scores)
    rows = rows.with_columns(
        score_total=total, score_percent=total / 36 * 100, rating_from_scores=rating_from_percent(total / 36 * 100)
    )
    statements = statements_frame(rows)
    disagree = statements.group_by("code").agg(all_agree=pl.col("agrees").all())
    rows = rows.join(disagree, on="code", how="left")
    check = (
        pl.when(pl.col("overall").is_null())
        .then(pl.lit("not_rated_in_compilation"))
        .when(~pl.col("all_agree").fill_null(False) | (pl.col("overall") != pl.col("overall_2")).fill_null(True))
        .then(pl.lit("copies_disagree"))
        .when(pl.col("overall") != pl.col("rating_from_scores"))
        .then(pl.lit("differs_from_scores"))
        .otherwise(pl.lit("agrees"))
    )
    assessments = rows.select(
        "code", "report_url", "assessed", "overall_as_published", "score_total", "score_percent",
        "rating_from_scores", "source_file", name_in_source="name", overall_rating="overall",
        second_copy_overall="overall_2", check=check, source_row="_row",
    )  # fmt: skip
    return assessments.cast(ASSESSMENTS_SCHEMA).select(list(ASSESSMENTS_SCHEMA)), statements  # type: ignore[arg-type]


def statements_frame(rows: pl.DataFrame) -> pl.DataFrame:
    """Nine rows per council: the score, its rating word, the second copy's word and whether they agree."""
    parts = [
        rows.select(
            "code",
            "source_file",
            source_row="_row",
            statement=pl.lit(i),
            statement_id=pl.lit(STATEMENTS[i - 1]),
            score=f"qs{i}",
            rating=pl.col(f"qs{i}").replace_strict(SCORE_RATING),
            second_copy_rating=f"qs{i}_2",
        )
        for i in range(1, 10)
    ]
    frame = pl.concat(parts).with_columns(agrees=(pl.col("rating") == pl.col("second_copy_rating")).fill_null(False))
    return frame.cast(STATEMENTS_SCHEMA).select(list(STATEMENTS_SCHEMA))  # type: ignore[arg-type]
