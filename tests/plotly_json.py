"""A chart's JSON as plain values, to compare what two builders send the browser.

Plotly (6 and later) writes a NumPy array as a typed array spec, {"dtype": "f8", "bdata": <base64>},
and plotly.js decodes it into a typed array, where a NaN is not a number and so is a gap in a line or
a filled area, as null is in a list. `plain` turns every such spec back into a list, NaN as None, so
a figure built from arrays can be compared with one built from lists, number for number. `per`
divides every decoded number (the Map sends its coordinates times `geo.MAP_UNIT`, as whole numbers:
dividing gives back the very doubles the lists held). Used by the map tests and
benchmarks/rerun_steps.py; not by the app.
"""

from __future__ import annotations

import base64
import math
from typing import Any

import numpy as np

# plotly.js's short dtype names (the ones Plotly writes: `_plotly_utils.utils.to_typed_array_spec`)
DTYPES = {"f8": "<f8", "f4": "<f4", "i4": "<i4", "i2": "<i2", "i1": "i1", "u4": "<u4", "u2": "<u2", "u1": "u1"}


def is_typed_array(value: object) -> bool:
    return isinstance(value, dict) and isinstance(value.get("dtype"), str) and "bdata" in value


def decoded(spec: dict[str, Any], per: float = 1) -> list[Any]:
    """The values of one one-dimensional typed array spec, each divided by `per`, NaN as None."""
    if "," in str(spec.get("shape", "")):
        raise ValueError(f"only one-dimensional typed arrays are compared here, not shape {spec['shape']}")
    values = np.frombuffer(base64.b64decode(spec["bdata"]), dtype=DTYPES[spec["dtype"]]).tolist()
    # tolist() gives Python floats (float32 widened exactly), so the division is one correctly rounded step
    return [None if math.isnan(v) else v / per for v in values]


def plain(value: Any, per: float = 1) -> Any:
    """`value` (a chart's dict, parsed JSON) with every typed array spec replaced by its list."""
    if is_typed_array(value):
        return decoded(value, per)
    if isinstance(value, dict):
        return {k: plain(v, per) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v, per) for v in value]
    return value
