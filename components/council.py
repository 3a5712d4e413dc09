"""Renders a council's card (Home and the Council profile): Ofsted, reorganisation, commitments."""

from __future__ import annotations

import streamlit as st

from accountability.labels import PROGRESS_STATUS_LABELS, words
from accountability.views.council import OFSTED_LEAD, CouncilCard, CouncilProgress
from components.tables import status_beside_name

PROGRESS_COLUMNS = {"commitment": "Commitment and measure", "status": "Status", "latest": "Latest", "note": "Note"}


def render_ofsted(card: CouncilCard) -> None:
    st.markdown(f"**{OFSTED_LEAD}:** {card.ofsted}")


def render_progress_table(progress: CouncilProgress) -> None:
    """The council's status on each commitment, statuses in words with a symbol."""
    shown = progress.rows.with_columns(words("status", PROGRESS_STATUS_LABELS)).rename(PROGRESS_COLUMNS)
    # the status on a phone's screen (the commitment's name is long), not scrolled off to the right
    st.dataframe(shown, hide_index=True, alt=progress.alt, column_order=status_beside_name(shown))


def render_progress_warning(progress: CouncilProgress) -> None:
    if progress.warning:
        st.warning(progress.warning)
