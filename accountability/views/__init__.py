"""One pure function per page: everything a page, its downloads, its alt text and the reports show,
as one frozen value built from the store and the user's choice. Nothing here imports Streamlit.
"""
