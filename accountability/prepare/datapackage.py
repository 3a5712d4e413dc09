"""The Frictionless data package (`datapackage.json`) that describes the bulk download.

One tabular resource per CSV (gzip-compressed, `compression: gz`) with a Table Schema built from
the frame's own column types, the words in `prepare.bulk_columns`, the primary key from
`store.schema.KEYS`, and a fixed unit where a column has one; one file resource per Parquet copy,
with its size and SHA-256. At the package level: the release (content hash and date), the licence
(Open Government Licence v3.0) and the publishers the data come from. Pure: returns a dict.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from accountability.prepare.bulk_columns import TABLES, describe_column
from accountability.store.release import Release

OGL = {
    "name": "OGL-UK-3.0",
    "title": "Open Government Licence v3.0",
    "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}
# Where the data come from; a path only where this project records the publisher's address.
ASCOF_URL = (
    "https://digital.nhs.uk/data-and-information/publications/statistical/adult-social-care-outcomes-framework-ascof"
)
SOURCES: list[tuple[str, str | None]] = [
    ("NHS England (NHS Digital): Measures from the Adult Social Care Outcomes Framework", ASCOF_URL),
    ("Office for Local Government (MHCLG): adult social care metrics", "https://oflog.data.gov.uk/"),
    (
        "Department for Education: children looked after, children in need, children's social work workforce, "
        "statistical neighbours",
        "https://explore-education-statistics.service.gov.uk/",
    ),
    (
        "Ofsted: local authority children's services inspection outcomes; children's social care data in England "
        "(provider level)",
        None,
    ),
    ("NHS Digital: PSS-EX1 expenditure 2014-15 and ASC-FR activity 2015-16", None),
    (
        "Office for National Statistics: mid-year population estimates, local authority lookups, Counties and "
        "Unitary Authorities boundaries. Contains OS data (c) Crown copyright and database right",
        None,
    ),
    (
        "Research compilation, not official statistics: B. Goodair, A. Bach-Mortensen et al. (University of "
        "Oxford), replication data built from DfE and Ofsted statistics",
        "https://github.com/BenGoodair/Care-Markets",
    ),
]
FIXED_UNITS: dict[tuple[str, str], str] = {
    ("population", "population"): "people",
    ("providers", "places"): "places",
    ("provider_changes", "places"): "places",
    ("ascof_survey_base", "base"): "people",
    ("row_accounts", "rows"): "rows",
    ("changes", "councils"): "councils",
}
VARIABLE_UNIT = "the measure's unit (see the unit column of the measures table)"


def field_type(dtype: pl.DataType) -> dict[str, Any]:
    """Table Schema type (and an enum constraint for a closed set) for a Polars column type."""
    if isinstance(dtype, pl.Enum):
        return {"type": "string", "constraints": {"enum": list(dtype.categories)}}
    if dtype == pl.Boolean:
        return {"type": "boolean"}
    if dtype == pl.Date:
        return {"type": "date"}
    if dtype.is_integer():
        return {"type": "integer"}
    if dtype.is_float():
        return {"type": "number"}
    return {"type": "string"}  # strings, and lists written as '; '-separated text


def field(table: str, name: str, dtype: pl.DataType) -> dict[str, Any]:
    described = {"name": name, **field_type(dtype)}
    text = describe_column(table, name)
    if text:
        described["description"] = text
    if (table, name) in FIXED_UNITS:
        described["unit"] = FIXED_UNITS[(table, name)]
    elif name in {"value", "ci_low", "ci_high", "ci998_low", "ci998_high", "moe", "old_value", "new_value"}:
        described["unit"] = VARIABLE_UNIT
    return described


def table_schema(table: str, frame: pl.DataFrame, keys: list[str]) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [field(table, name, dtype) for name, dtype in frame.schema.items()],
        "missingValues": [""],
    }
    if keys and set(keys) <= set(frame.columns):
        schema["primaryKey"] = keys
    return schema


def csv_resource(table: str, path: str, frame: pl.DataFrame, keys: list[str]) -> dict[str, Any]:
    return {
        "name": table.replace("_", "-"),
        "title": table,
        "description": TABLES.get(table, ""),
        "path": path,
        "format": "csv",
        "mediatype": "text/csv",
        "compression": "gz",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "header": True},
        "schema": table_schema(table, frame, keys),
    }


def file_resource(table: str, path: str, size: int, sha256: str) -> dict[str, Any]:
    return {
        "name": f"{table.replace('_', '-')}-parquet",
        "title": f"{table} (Parquet)",
        "description": f"The same table as Parquet. {TABLES.get(table, '')}",
        "type": "file",
        "path": path,
        "format": "parquet",
        "mediatype": "application/vnd.apache.parquet",
        "bytes": size,
        "hash": f"sha256:{sha256}",
    }


def package(release: Release, resources: list[dict[str, Any]]) -> dict[str, Any]:
    """The whole descriptor for one release."""
    return {
        "name": "council-care-accountability",
        "title": "Council care accountability: English councils' adult and children's social care",
        "description": (
            "Published statistics on English councils' adult and children's social care, as prepared for the "
            "council care accountability dashboard: every table of the prepared store, the changes since the "
            "previous release, and one tidy table of every value with labels. Values are as published; "
            "intervals are computed here where the publisher gives the inputs. Research compilations are "
            "labelled as such and are not official statistics."
        ),
        "version": release.released,
        "created": f"{release.released}T00:00:00Z",
        "release": {"content_hash": release.content_hash, "released": release.released},
        "licenses": [OGL],
        "sources": [{"title": title, **({"path": path} if path else {})} for title, path in SOURCES],
        "resources": resources,
    }
