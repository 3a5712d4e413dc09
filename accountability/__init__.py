"""Council care accountability: the Streamlit-free domain package.

Everything that reads, validates or computes lives here so it can be tested and used from a
notebook. Nothing in this package imports Streamlit.
"""
