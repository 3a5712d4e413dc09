"""The bare one-chart Streamlit page every load measurement is compared with (benchmarks/load.py).

A title, one selectbox and one 150-point Plotly scatter: the same page as the reference instrument's
bare_app.py (../shared/tools/streamlit-load), so the two can be compared. The points are SYNTHETIC
(seeded random numbers), drawn only for this benchmark; no user ever sees them.
"""

import random

import plotly.graph_objects as go
import streamlit as st

st.title("Bare load-test app")
dataset = st.selectbox("Dataset", ["alpha", "beta", "gamma", "delta", "epsilon"], key="dataset")

rng = random.Random(dataset)
xs = [rng.gauss(0, 1) for _ in range(150)]
ys = [x * 0.5 + rng.gauss(0, 1) for x in xs]
fig = go.Figure(go.Scatter(x=xs, y=ys, mode="markers", name=dataset))
fig.update_layout(title=f"Dataset {dataset}", height=400, margin={"l": 40, "r": 10, "t": 40, "b": 40})
st.plotly_chart(fig, key="scatter")
