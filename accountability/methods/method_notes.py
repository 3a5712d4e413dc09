"""The Data and methods page's method descriptions: one Markdown file per method in docs/methods.

Each file says in plain English what the method shows and why, then how it is calculated, then its
references; the page renders them in `NOTES` order with `st.markdown`, and the README links to them.
Keeping the words in files (not in page code) lets the tests check them against the constants the
methods use. This module only reads the files; it computes nothing.
"""

from __future__ import annotations

from pathlib import Path

NOTES_DIR = Path(__file__).resolve().parents[2] / "docs" / "methods"
NOTES = (
    ("intervals", "Confidence intervals"),
    ("trends", "Recent trend"),
    ("funnels", "Funnel plots"),
    ("progress", "Progress on commitments"),
    ("comparisons", "Benchmarks, ranks and market concentration"),
)


def method_note(name: str) -> str:
    """The Markdown text of one method note (a name from `NOTES`)."""
    if name not in dict(NOTES):
        raise KeyError(f"no method note called {name!r}; the notes are {[n for n, _ in NOTES]}")
    return (NOTES_DIR / f"{name}.md").read_text(encoding="utf8")


def method_notes() -> list[tuple[str, str]]:
    """(title, Markdown) for every method note, in reading order."""
    return [(title, method_note(name)) for name, title in NOTES]
