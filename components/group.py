"""The custom benchmark group: its councils chosen in a multiselect and kept in the address as codes.

`?group=E08000025,E08000026` (codes, comma-separated, as the share link writes them). A link may also
name councils (`?group=Birmingham,Coventry`) or repeat the parameter (`?group=A&group=B`, as links
written by the earlier version did); every council found is kept, and any part that names no council
is said, echoed with `state.literal`. Codes are kept rather than names because four names belong to
two councils each (Dorset, Somerset, ...), and because a bound multiselect writes names and ignored
codes, so a link with codes lost its group.

What it does not do: decide whether a group is large enough to test against (the view does), or
check the other parameters.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from accountability.state import capped, literal

KEY = "group"
REMEMBERED = "_url_group"  # what this session last put in the address for the group (None: nothing)
# 153 councils of 9 characters with commas is about 1,500; a longer value can only be padding
GROUP_LIMIT = 2_000


def group_codes(raw: str, councils: pl.DataFrame) -> tuple[list[str], list[str]]:
    """(council codes found, parts that name no council) for an address value, in the order given.

    A part is a code or a council's name (any case); a name with a comma in it (Bournemouth,
    Christchurch and Poole) is tried whole before its pieces. Abolished councils are matched by name
    only after current ones, so "Dorset" is today's Dorset.
    """
    ordered = councils.sort(pl.col("valid_to").is_not_null())
    known = {code.casefold(): code for code in ordered["code"]}
    for code, name in zip(ordered["code"], ordered["name"], strict=True):
        known.setdefault(" ".join(name.split()).casefold(), code)
    parts = [" ".join(p.split()) for p in raw.split(",")]
    found: list[str] = []
    unknown: list[str] = []
    i = 0
    while i < len(parts):
        pair = f"{parts[i]}, {parts[i + 1]}".casefold() if i + 1 < len(parts) else None
        if pair in known:
            found.append(known[pair])
            i += 2
            continue
        if parts[i].casefold() in known:
            found.append(known[parts[i].casefold()])
        elif parts[i]:
            unknown.append(parts[i])
        i += 1
    return list(dict.fromkeys(found)), unknown


def address_value(codes: list[str]) -> str | None:
    """The group as the address keeps it: sorted codes joined by commas (None when empty)."""
    return ",".join(sorted(codes)) or None


def unknown_message(unknown: list[str]) -> str:
    """Names the parts of `?group=` that are no council, shown as literal text."""
    return (
        f"The link's group (`{KEY}=` in the address) includes {literal(', '.join(unknown))}, which is not a "
        "council this dashboard has. The councils it does name are kept; add others from the list."
    )


def render_group_picker(councils: pl.DataFrame, labels: dict[str, str]) -> list[str]:
    """The multiselect of the custom group's councils, kept in the address as codes.

    As with the other choices kept in the address (`widgets._choice_kept_in_address`): a link just
    opened wins; otherwise the widget wins and the address follows. The group is remembered for the
    session, so it survives choosing another benchmark and moving to another page.
    """
    raw = capped(",".join(st.query_params.get_all(KEY)) or None, GROUP_LIMIT)
    remembered = st.session_state.get(REMEMBERED)
    if raw is not None and raw != remembered:
        found, unknown = group_codes(raw, councils)
        st.session_state[KEY] = found
        if unknown:
            st.warning(unknown_message(unknown), icon="⚠️")
    elif KEY not in st.session_state and remembered:
        st.session_state[KEY] = [c for c in remembered.split(",") if c in labels]
    chosen = st.multiselect(
        "Councils in your group",
        list(labels),
        format_func=lambda c: labels.get(c, c),
        key=KEY,
        placeholder="Choose two or more councils",
    )
    wanted = address_value(chosen)
    if st.query_params.get(KEY) != wanted or len(st.query_params.get_all(KEY)) > 1:
        if wanted is None:
            del st.query_params[KEY]
        else:
            st.query_params[KEY] = wanted
    st.session_state[REMEMBERED] = wanted
    return chosen
