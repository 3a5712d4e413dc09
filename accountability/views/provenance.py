"""Where the numbers come from: row accounting per file, reorganisation links, attributions."""

from __future__ import annotations

import polars as pl

ATTRIBUTIONS = [
    (
        "NHS England (NHS Digital)",
        "Measures from the Adult Social Care Outcomes Framework (ASCOF), 2017-18 to 2023-24",
    ),
    ("Office for Local Government (MHCLG)", "Adult social care metrics, 2015-16 to 2022-23"),
    (
        "Department for Education",
        "Children looked after; Children in need; Children's social work workforce; "
        "statistical neighbour models (2021, 2025)",
    ),
    (
        "Ofsted",
        "Local authority inspection outcomes (ILACS) as at 31 March 2025; children's social care providers "
        "at 31 March 2015 to 2025, and providers joining and leaving",
    ),
    ("NHS Digital", "PSS-EX1 2014-15 and ASC-FR 2015-16: adult care provided in-house or by external providers"),
    (
        "Research compilation (not official statistics)",
        "B. Goodair, A. Bach-Mortensen et al. (Oxford): "
        "placements and spend by provider ownership; children's homes by owner type",
    ),
    (
        "Office for National Statistics",
        "Mid-year population estimates; local authority lookups; "
        "Counties and Unitary Authorities boundaries (December 2022 and December 2024)",
    ),
]
# Lookups used only to find a council (Find page), each with the attribution its licence asks for:
# (publisher, what it gives, licence and attribution statement).
LOOKUP_ATTRIBUTIONS = [
    (
        "mySociety",
        "UK local authority names and codes: official names, name variants and end dates of councils",
        "Licensed under CC BY 4.0 (creativecommons.org/licenses/by/4.0); attribution: mySociety.",
    ),
    (
        "Office for National Statistics (via drkane/geo-lookups)",
        "Local authority districts since 2011 and the county or unitary council covering each now",
        "Source: Office for National Statistics licensed under the Open Government Licence v3.0.",
    ),
    (
        "Office for National Statistics, Ordnance Survey, Royal Mail (compiled by doogal.co.uk)",
        "Postcode districts and post towns from the ONS Postcode Directory, with each district's centre",
        "Contains OS data © Crown copyright and database right; Contains Royal Mail data © Royal Mail copyright "
        "and database right; Source: Office for National Statistics licensed under the Open Government Licence v3.0.",
    ),
]
OGL_TEXT = "Contains public sector information licensed under the Open Government Licence v3.0."
OS_TEXT = (
    "Boundaries: Source: Office for National Statistics licensed under the Open Government Licence v3.0. "
    "Contains OS data © Crown copyright and database right 2024."
)


def accounts_summary(accounts: pl.DataFrame) -> pl.DataFrame:
    """One row per published file and reader: read, kept, set missing, rejected, and the reasons."""

    def total(outcome: str) -> pl.Expr:
        return pl.col("rows").filter(pl.col("outcome") == outcome).sum().alias(outcome)

    def reasons(outcome: str) -> pl.Expr:
        part = pl.col("reason") + ": " + pl.col("rows").cast(pl.String)
        return part.filter(pl.col("outcome") == outcome).sort().str.join("; ").alias(f"{outcome}_reasons")

    return (
        accounts.group_by("reader", "folder", "file")
        .agg(
            total("read"),
            total("kept"),
            total("set_missing"),
            total("rejected"),
            reasons("set_missing"),
            reasons("rejected"),
        )
        .sort("folder", "file", "reader")
    )


def reorganisations(councils: pl.DataFrame) -> pl.DataFrame:
    """Councils abolished since 2019 and the councils that replaced them."""
    names = dict(zip(councils["code"], councils["name"], strict=True))
    ended = councils.filter(pl.col("valid_to").is_not_null()).sort("valid_to", "name")
    return pl.DataFrame(
        {
            "Former council": ended["name"],
            "Code": ended["code"],
            "Ended": ended["valid_to"].dt.strftime("%d %B %Y"),
            "Replaced by": [", ".join(names.get(c, c) for c in succ) for succ in ended["successors"].to_list()],
        }
    )


def renumbered_councils(councils: pl.DataFrame) -> pl.DataFrame:
    """Councils whose ONS code changed without a change of council (figures kept under the new code)."""
    changed = councils.filter(pl.col("former_codes").list.len() > 0).sort("name")
    return pl.DataFrame(
        {
            "Council": changed["name"],
            "Current code": changed["code"],
            "Former code": changed["former_codes"].list.join(", "),
        }
    )
