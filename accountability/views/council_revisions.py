"""Which of a council's values the current release revised, in words, for its own pages.

`revision_notes(store, code, measures)` reads the store's changes table through
`views.whats_new.revisions_for` (the current release only) and gives one sentence per revised value
of the measures a page shows: "Revised in this release: <measure> (<period>) was 12.0%, now 12.3%."
A store without a changes table (hand-built test stores) has nothing to say. No Streamlit here.
"""

from __future__ import annotations

import polars as pl

from accountability.formatting import format_value
from accountability.views.store import Store
from accountability.views.whats_new import revisions_for


def revision_sentences(revised: pl.DataFrame, measures: pl.DataFrame) -> tuple[str, ...]:
    """One sentence per revised value (`revisions_for`'s rows), in the measures' own units."""
    info = measures.select(pl.col("id").alias("measure"), "label", "unit")
    rows = revised.join(info, on="measure", how="left").sort("label", "period")
    return tuple(
        f"Revised in this release: {r['label'] or r['measure']} ({r['period']}) was "
        f"{format_value(r['old_value'], r['unit'] or '')}, now {format_value(r['new_value'], r['unit'] or '')}."
        for r in rows.iter_rows(named=True)
    )


def revision_notes(store: Store, code: str, measures: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The current release's revisions of `code`'s values (of `measures`, or all when empty)."""
    try:
        changes = store.table("changes")
    except KeyError:  # a hand-built store without a changes table: no release to speak of
        return ()
    return revision_sentences(revisions_for(changes, code, measures), store.measures)
