"""Data and methods: every method note with its references, the lookups used only to find a council
(with mySociety's CC BY 4.0 link), and links to the bulk downloads and feeds, or a message when missing."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from accountability.methods.method_notes import NOTES, method_notes
from accountability.views.methods import published_downloads
from accountability.views.provenance import LOOKUP_ATTRIBUTIONS
from tests.app.conftest import TIMEOUT, assert_healthy, open_page, texts


def test_every_method_note_is_shown_with_its_references() -> None:
    at = open_page("pages/methods.py")
    assert_healthy(at)
    shown = texts(at)
    assert len(NOTES) >= 5
    for title, note in method_notes():
        assert f"### {title}" in shown, title
        references = note[note.index("**References.**") :]
        assert references in shown, title


def test_the_lookups_are_attributed_as_used_only_to_find_your_council() -> None:
    at = open_page("pages/methods.py")
    assert any(s.value == "Used only to find your council" for s in at.subheader)
    shown = texts(at)
    assert LOOKUP_ATTRIBUTIONS
    for publisher, what, _ in LOOKUP_ATTRIBUTIONS:
        assert f"**{publisher}**: {what}" in shown
    assert "[creativecommons.org/licenses/by/4.0](https://creativecommons.org/licenses/by/4.0/)" in shown


def test_the_bulk_downloads_and_feeds_are_linked() -> None:
    bulk = published_downloads()
    assert bulk.files and bulk.feeds  # the committed static folder has them
    at = open_page("pages/methods.py")
    shown = texts(at)
    for f in bulk.files:
        assert f"]({f.url})" in shown, f.title
    assert "datapackage.json" in shown
    feeds = next(d.value for d in at.dataframe if "Feed" in d.value.columns)
    assert len(feeds) == sum(f.area_type == "council" for f in bulk.feeds) > 100


def _bulk_section(static_dir: str) -> None:
    from pathlib import Path

    from accountability.views.methods import published_downloads
    from components.methods import render_bulk

    render_bulk(published_downloads(Path(static_dir)))


def test_missing_downloads_are_named_and_the_page_still_works(tmp_path: Path) -> None:
    at = AppTest.from_function(_bulk_section, args=(str(tmp_path / "static"),), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert any("bulk downloads have not been generated" in i.value for i in at.info)
