"""Hostile text for tests: what a crafted address, query or file might carry (Markdown, HTML, links,
images, Streamlit's colour and icon shortcodes, bidi controls, line breaks, backticks, long runs).

One list, so the unit tests of `state.literal`, the browser test that shows each payload, and the
page x parameter x payload table all use the same cases. Synthetic test data, not published figures.
"""

PAYLOADS: list[str] = [
    "# Notice: this dashboard has moved",
    "[click here](https://evil.example/x)",
    "![img](https://evil.example/pixel.png)",
    "<img src=https://evil.example/p.png onerror=alert(1)>",
    "<b>bold</b> <script>alert(1)</script>",
    "*emph* **strong** _u_ __uu__ ~~strike~~",
    "`code` ``code2``",
    "https://evil.example/autolink www.evil.example user@evil.example",
    ":smile: :material/home: :red[Notice] :blue-background[x] :streamlit:",
    "$x^2$ $$y$$",
    "> quote\n- item\n1. one",
    "abc\u202edef\u2066ghi",
    "line1\n\n# heading after blank",
    "\\*not emph\\* \\\\ back",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "&amp; &lt;b&gt; &#x3C;",
    "[ref]: https://evil.example\n[ref]",
    "Birmingham",
    "E08000025",
    "2022-23",
    "St. Helens & Knowsley (O'Brien) 100% {x}",
    ":orange-badge[Badge] :violet[v] :gray[g] :rainbow[r] :primary[p]",
    "email:example@hotmail.com",
    # edge cases of the code-span fence, blanks and lengths
    ":Material/home: and :material/star:",
    "`",
    "``x``",
    "a`b",
    " `lead",
    "x" * 80,
    "   ",
    "\u200fx\u202a",
    "<!-- c --> <a href='https://evil.example'>a</a>",
    "\\`escaped\\` \\",
]

# One of each kind a crafted or careless address carries, for the page x parameter x payload table
# (tests/app/test_hostile_links.py). Keyed by kind, so a failing case says which.
URL_PAYLOADS: dict[str, str] = {
    "heading": "# Notice: this dashboard has moved",
    "link": "[click here](https://evil.example/x)",
    "image": "![img](https://evil.example/pixel.png)",
    "html": "<img src=https://evil.example/p.png onerror=alert(1)>",
    "bidi": "2022-23\u202e (reversed)",
    "long": "x" * 60_000,
    "unknown_code": "E99999999",
    "wrong_type": "-1e309",
    "empty": "",
}
