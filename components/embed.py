"""Embeds: a chart-only view of a page (`?chart_only=1`) and the iframe snippet that shows it elsewhere.

`apply_chart_only(page)` is called once per run by dashboard.py: on an embeddable page (Compare,
Trends, Map) with `?chart_only=1` in the address it hides everything but the page's charts and a link
back to the full view, so a local paper can put one chart in an article. Everything is still computed
as usual (the same view, the same figures, the chart's own title and source line inside it); only what
is drawn is narrowed, with CSS, because the pickers must still run to read the address. It works with
Streamlit's own `?embed=true` (which removes the app's header, sidebar and padding) and without it
(the sidebar is hidden too). `render_embed_snippet(page, params)` shows the copy-and-paste iframe,
beside the share link. Nothing here computes figures.
"""

from __future__ import annotations

import html

import streamlit as st

from accountability.state import capped, literal, share_link

EMBEDDABLE = frozenset({"compare", "trends", "map"})
PARAM = "chart_only"
BACK = "embed-back"  # the marker of the link back to the full view, which chart-only mode keeps
# Hide every element of the page that neither holds a chart nor is the link back; and the sidebar.
_ELEMENT = '[data-testid="stMainBlockContainer"] [data-testid="stElementContainer"]'
_KEPT = f':not(:has([data-testid="stPlotlyChart"])):not(:has([data-{BACK}]))'
CHART_ONLY_CSS = (
    f"<style>{_ELEMENT}{_KEPT}, "
    '[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] { display: none !important; }</style>'
)


NOT_CHART_ONLY = {"0", "false", "no"}


def chart_only() -> bool:
    """Whether the address asks for the chart alone (`?chart_only=1` or `true`)."""
    return (capped(st.query_params.get(PARAM)) or "").lower() in {"1", "true", "yes"}


def apply_chart_only(page: str) -> bool:
    """On an embeddable page in chart-only mode, draw only the charts (see the module doc); True if so."""
    if page not in EMBEDDABLE:
        return False
    if not chart_only():
        raw = capped(st.query_params.get(PARAM))
        if raw and raw.lower() not in NOT_CHART_ONLY:  # a crafted or mistyped value is named, not ignored
            st.warning(
                f"The link asked for {literal(raw)} (`{PARAM}=` in the address), which is not 1 or 0: "
                "showing the whole page."
            )
        return False
    st.html(CHART_ONLY_CSS)
    full = share_link(
        st.context.url or "", page, {k: v for k, v in st.query_params.items() if k not in {PARAM, "embed"}}
    )
    st.html(
        f'<p data-{BACK}="1" style="margin:0;font-size:0.9rem">'
        f'<a href="{html.escape(full, quote=True)}" target="_blank" rel="noopener">'
        "See this chart with its table, notes and methods (opens the dashboard)</a></p>"
    )
    return True


def embed_snippet(url: str, title: str) -> str:
    """The iframe HTML for a chart-only view at `url` (already carrying chart_only and embed)."""
    return (
        f'<iframe src="{html.escape(url, quote=True)}" title="{html.escape(title, quote=True)}" '
        'width="100%" height="620" style="border:0" loading="lazy"></iframe>'
    )


def render_embed_snippet(page: str, params: dict[str, str | None], title: str = "Chart") -> None:
    """The copy-and-paste iframe for this view's chart (only on embeddable pages, not inside an embed)."""
    if page not in EMBEDDABLE or chart_only():
        return
    url = share_link(st.context.url or "", page, {**params, PARAM: "1", "embed": "true"})
    st.text_area(
        "Embed this chart on your website (copy and paste this HTML)",
        embed_snippet(url, title),
        height=90,
        key=f"embed_snippet_{page}",
        help="Shows the chart alone, kept up to date, with a link back to this view.",
    )
