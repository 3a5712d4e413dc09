"""A test page (not part of the dashboard): every hostile payload echoed in a warning through
`state.literal`, one keyed container each, so the browser test can read how Streamlit renders it."""

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # the repository, when run by `streamlit run`

from accountability.state import literal
from tests.payloads import PAYLOADS

st.title("Echoed user text")
for index, payload in enumerate(PAYLOADS):
    with st.container(key=f"case{index}"):
        st.warning(f"START{literal(payload, limit=500)}END")
