"""Value for money page: England and a council, its parameters from the address, the caveat, the trace."""

from __future__ import annotations

from tests.app.conftest import assert_healthy, current_short, open_page, texts

VALUE = "pages/value.py"


def test_value_page_for_england_and_for_a_council() -> None:
    for params in ({}, {"council": "E06000001"}):
        at = open_page(VALUE, **params)
        assert_healthy(at)
        charts = at.get("plotly_chart")
        assert len(charts) == 4
        assert all(c.proto.alt for c in charts)
    assert "Hartlepool" in charts[0].proto.alt
    assert "highest of" in charts[0].proto.alt
    assert "England:" in charts[0].proto.alt


def test_spend_and_outcome_come_from_the_address() -> None:
    at = open_page(VALUE, council="E06000001", spend="spend_csc_per_child", outcome="rereferral_pct")
    assert_healthy(at)
    assert at.selectbox(key="spend").value == "spend_csc_per_child"
    assert at.selectbox(key="outcome").value == "rereferral_pct"
    page = texts(at)
    assert "mid-2024 for 2024-25" in page  # the per-head figure names its population year
    assert "95% interval" in page
    assert "does not show that one causes the other" in page
    assert "legitimate local reasons" in page


def test_unknown_parameters_are_explained_not_used() -> None:
    at = open_page(VALUE, spend="Colour of the front door", outcome="<b>nope</b>")
    assert_healthy(at)
    warnings = " ".join(w.value for w in at.warning)
    assert "Colour of the front door" in warnings
    assert "nope" in warnings
    assert at.selectbox(key="spend").value == "spend_asc_per_adult"


def test_the_trace_names_form_variable_row_and_column() -> None:
    at = open_page(VALUE, council="E06000001")
    assert_healthy(at)
    trace = at.dataframe[-1].value
    assert len(trace) == 2  # 2023-24 and 2024-25, one cell each for spend per adult
    row = trace.iloc[1]
    assert (row["Form"], row["Variable code"]) == ("RO3", "RO3-asctot-net-cur-exp")
    assert (row["Row"], row["Column"]) == (162, "KP")
    assert row["Published cell (£ thousand, cash)"] == row["Spend used (£ thousand, cash)"] == 46839


def test_the_share_link_carries_the_codes() -> None:
    at = open_page(VALUE, council="E06000001", spend="spend_per_cla")
    link = next(m.value for m in at.markdown if "Link to this view" in m.value)
    target = link.split("](", 1)[1].split(")", 1)[0]
    assert target == f"/value?council=E06000001&spend=spend_per_cla&outcome=ascof_home_18_64&release={current_short()}"
