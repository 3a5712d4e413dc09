"""What needs attention, on Home and the Council profile: the items in the "more" and "Strengths"
expanders are sent only while the expander is open; closed, it keeps its label; opened, the same items
and links as the first ones, on the committed store."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from components.attention import MORE, SHOWN, STRENGTHS
from tests.app.conftest import assert_healthy, open_page

BIRMINGHAM = "E08000025"  # 19 things need attention (15 in "more"), and strengths
PROFILE = "pages/profile.py"


def open_folded(at: AppTest, *keys: str) -> AppTest:
    """Open the attention expanders (all, or those named) as a user's click does: their state, one rerun."""
    for key in keys or (MORE, STRENGTHS):
        at.session_state[key] = True
    return at.run()


def _items(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith(("Below the", "Significantly", "Judged", "Rated"))]


def _labels(at: AppTest) -> list[str]:
    return [e.proto.label for e in at.expander]


def _links(at: AppTest) -> list[str]:
    return [link.proto.label for link in at.get("page_link")]


def test_closed_expanders_keep_their_labels_and_send_no_items() -> None:
    at = open_page(council=BIRMINGHAM)
    assert_healthy(at)
    labels = _labels(at)
    more = next(label for label in labels if label.endswith("more that need attention"))
    assert any(label.startswith("Strengths: ") for label in labels)
    assert len(_items(at)) == SHOWN  # the first concerns only
    assert _links(at).count("Compare with other councils") <= SHOWN
    hidden = int(more.split()[0])
    opened = open_folded(at, MORE)
    assert_healthy(opened)
    assert len(_items(opened)) == SHOWN + hidden and _labels(opened) == labels  # the same labels, open


def test_opened_expanders_show_every_item_with_its_links() -> None:
    closed = open_page(council=BIRMINGHAM)
    first = _items(closed)
    at = open_folded(closed)
    assert_healthy(at)
    items = _items(at)
    assert items[:SHOWN] == first and len(items) > SHOWN
    strengths = [m.value for m in at.markdown if m.value.startswith(("Significantly better", "Getting better"))]
    assert strengths  # the strengths, drawn once their expander is open
    links = _links(at)
    assert links.count("Compare with other councils") == links.count("Trend over time") > SHOWN
    at.session_state[MORE] = False  # closed again: back to the first items, labels kept
    at.session_state[STRENGTHS] = False
    at.run()
    assert _items(at) == first and _labels(at) == _labels(closed)


def test_the_profile_folds_its_items_the_same_way() -> None:
    at = open_page(PROFILE, council=BIRMINGHAM)
    assert_healthy(at)
    shown = len(_items(at))
    assert shown < len(_items(open_folded(at)))
