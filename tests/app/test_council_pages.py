"""Home and the Council profile open with what needs attention, show CQC's assessment (a compilation,
with its coverage) and, on the profile, spending per head, on the committed store."""

from __future__ import annotations

import polars as pl

from accountability.labels import CQC_NOT_IN_DATA
from accountability.store import read_table
from components.attention import SHOWN
from tests.app.conftest import assert_healthy, open_page, texts
from tests.app.test_attention_lazy import open_folded
from tests.conftest import STORE_DIR

PROFILE = "pages/profile.py"
DEVON = "E10000008"  # Ofsted Inadequate (2024), below the repeat child protection floor; not in the CQC compilation


def test_home_opens_with_what_needs_attention_most_severe_first() -> None:
    at = open_page(council=DEVON)
    assert_healthy(at)
    headings = [s.value for s in at.subheader]
    assert headings[:2] == ["Devon", "14 things need attention"]
    shown = [m.value for m in at.markdown]
    first = shown.index("Judged Inadequate by Ofsted for children's services (inspection began September 2024).")
    floor = next(i for i, t in enumerate(shown) if t.startswith("Below the floor on Repeat child protection plans"))
    worse = next(i for i, t in enumerate(shown) if t.startswith("Significantly worse than England on"))
    assert first < floor < worse  # an Inadequate judgement, then a floor, then worse than England
    assert "whole 99.8% interval is below it" in shown[floor]


def test_home_and_profile_say_the_same_items() -> None:
    """Every item, those in the closed expanders too (opened, as a user's click does)."""
    home = [m.value for m in open_folded(open_page(council=DEVON)).markdown if m.value.startswith(("Below the", "Sig"))]
    profile = [m.value for m in open_folded(open_page(PROFILE, council=DEVON)).markdown]
    profile = [m for m in profile if m.startswith(("Below the", "Significantly"))]
    assert len(home) > SHOWN and home == profile


def test_a_council_not_in_the_cqc_compilation_is_not_in_our_data_yet() -> None:
    at = open_page(council=DEVON)
    shown = texts(at)
    assert f"CQC's assessment of adult social care:** {CQC_NOT_IN_DATA}." in shown
    assert "not an official CQC dataset" in shown and "covers 72 of 153 councils" in shown
    assert "Care homes rated Good or Outstanding by CQC (ASCOF 6B), 2024-25: 88.5% (England 81.7%)." in shown


def test_a_council_in_the_compilation_shows_its_rating_month_and_nine_statements() -> None:
    row = read_table(STORE_DIR, "cqc_assessments").filter(pl.col("check") == "agrees").row(0, named=True)
    at = open_page(PROFILE, council=row["code"])
    assert_healthy(at)
    rating = str(row["overall_rating"]).replace("_", " ").capitalize()
    assert f"CQC's assessment of adult social care:** {rating} (assessed {row['assessed']:%B %Y}" in texts(at)
    statements = [d for d in at.dataframe if "Quality statement" in d.value.columns]
    assert len(statements) == 1 and statements[0].value.shape[0] == 9


def test_the_profile_shows_spending_per_head_against_england_in_cash() -> None:
    at = open_page(PROFILE, council=DEVON)
    assert "Spending per head" in [s.value for s in at.subheader]
    spend = next(d.value for d in at.dataframe if "council_now" in d.value.columns)
    assert spend.shape[0] == 3
    assert spend["council_now"].tolist()[0] == "£592 per adult aged 18+"
    assert "not adjusted for inflation" in texts(at) and "mid-2020" in texts(at) and "mid-2024" in texts(at)
