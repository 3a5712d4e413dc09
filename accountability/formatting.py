"""How numbers are written for people: units and ordinals. No data logic here (words for codes: `labels`)."""

from __future__ import annotations


def format_value(value: float | None, unit: str) -> str:
    """'27.5%', '512.3 per 100,000', '19.1' (score), '£1,234 per adult', 'not published' if missing."""
    if value is None:
        return "not published"
    if unit.startswith("£"):  # money per head or per week: whole pounds, the unit's words after the sign
        sign = "-" if value < 0 else ""
        return f"{sign}£{abs(value):,.0f}{unit[1:]}"
    if unit == "%":
        return f"{value:,.1f}%"
    if unit in {"score", ""}:
        return f"{value:,.1f}"
    if unit == "count":
        return f"{value:,.0f}"
    return f"{value:,.1f} {unit}"


def ordinal(n: int) -> str:
    """1 -> '1st', 12 -> '12th', 23 -> '23rd'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
