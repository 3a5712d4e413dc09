"""Renders a council's card (Home and the Council profile): Ofsted, CQC, reorganisation, commitments,
and the current release's revisions of its values.

The commitments and CQC tables are kept as Streamlit sends them, once per card
(`tables.shown_table_of`): both pages hand over only the card's part, and the cards are derived once
per store version and council and shared, so the object itself identifies the table.
"""

from __future__ import annotations

import streamlit as st

from accountability.labels import PROGRESS_STATUS_LABELS, words
from accountability.views.council import OFSTED_LEAD, CouncilCard, CouncilProgress
from accountability.views.council_cqc import CQC_LEAD, CqcCard
from components.tables import shown_table_of

PROGRESS_COLUMNS = {"commitment": "Commitment and measure", "status": "Status", "latest": "Latest", "note": "Note"}
STATEMENT_COLUMNS = {"statement": "Quality statement", "score": "Score", "rating": "Rating"}


def render_ofsted(card: CouncilCard) -> None:
    st.markdown(f"**{OFSTED_LEAD}:** {card.ofsted}")


def render_progress_table(progress: CouncilProgress) -> None:
    """The council's status on each commitment, statuses in words with a symbol."""
    rows = progress.rows
    shown = shown_table_of(
        rows, lambda: rows.with_columns(words("status", PROGRESS_STATUS_LABELS)).rename(PROGRESS_COLUMNS), "progress"
    )
    # the status first: a phone shows the first column or two without scrolling sideways
    order = ["Status", "Commitment and measure", "Latest", "Note"]
    st.dataframe(shown.arrow, hide_index=True, alt=progress.alt, column_order=order)


def render_progress_warning(progress: CouncilProgress) -> None:
    if progress.warning:
        st.warning(progress.warning)


def render_cqc(card: CqcCard, name: str) -> None:
    """CQC's rating with its month, any disagreement said as such, the nine quality statements, the
    compilation's coverage (a research compilation, labelled so) and ASCOF 6B beside it."""
    st.markdown(f"**{CQC_LEAD}:** {card.sentence}")
    if card.check:
        st.warning(f"Check this rating: {card.check}", icon="⚠️")
    if card.statements.height:
        with st.expander("CQC's nine quality statements (scores 1 to 4)"):
            statements = card.statements
            shown = shown_table_of(statements, lambda: statements.rename(STATEMENT_COLUMNS), "cqc statements")
            st.dataframe(shown.arrow, hide_index=True, alt=f"{name}: CQC's scores on its nine quality statements")
    if card.care_homes:
        st.markdown(card.care_homes)
    st.caption(card.coverage)


def render_revisions(revisions: tuple[str, ...]) -> None:
    """The current release's revisions of values shown here, so a changed figure is never a surprise."""
    if revisions:
        st.info("  \n".join(revisions), icon="✏️")
