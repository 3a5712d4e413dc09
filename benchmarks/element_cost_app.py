"""A SYNTHETIC page for benchmarks/element_cost.py: the bare page's title and selectbox, then N
markdown elements sharing KB kilobytes of made-up words (`?n=N&kb=KB`, N 1..400, KB 1..1000), so
Streamlit's cost per element and per kilobyte can be measured with the project's settings. The
words are seeded random letters (300 of them, picked at random: the text deflates about 2.8 to 1,
about as the dashboard's messages do on the websocket), made only for this benchmark; no user sees them.

Each run's text starts with a count of this session's runs, so no element repeats an earlier one:
every byte is sent in full (a real page's unchanged charts go as 40-byte references to the tab's
cache; this measures the case without that saving). The page's own work is joining strings.
"""

import random

import streamlit as st

_letters = random.Random("words")
WORDS = tuple(
    "".join(_letters.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(_letters.randint(3, 9))) for _ in range(300)
)


@st.cache_resource
def _chunks(n: int, kb: int) -> tuple[str, ...]:
    """N pieces of made-up words, KB × 1000 characters in all (ASCII, so bytes)."""
    rng = random.Random(f"{n}/{kb}")
    size = kb * 1000 // n
    out = []
    for _ in range(n):
        text = " ".join(rng.choice(WORDS) for _ in range(size // 5 + 1))
        out.append(text[:size])
    return tuple(out)


def _number(name: str, default: int, top: int) -> int:
    raw = st.query_params.get(name, str(default))
    return min(top, max(1, int(raw))) if raw.isdigit() else default


n, kb = _number("n", 3, 400), _number("kb", 10, 1000)
st.title("Synthetic element-cost page")
dataset = st.selectbox("Dataset", ["alpha", "beta", "gamma", "delta", "epsilon"], key="dataset")
run = st.session_state["runs"] = st.session_state.get("runs", 0) + 1
for i, chunk in enumerate(_chunks(n, kb)):
    st.markdown(f"{run} {dataset} {i} {chunk}")
