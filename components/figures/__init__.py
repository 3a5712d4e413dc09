"""Pure Plotly figure builders, one module per kind of chart. Each takes prepared frames and returns
a figure; nothing is drawn and nothing here calls Streamlit."""
