"""MHCLG revenue outturn, RO3 (social care) and RSX (service summary), 2023-24 and 2024-25: spend lines.

What it does: reads the data sheet of each workbook as a grid of text cells and keeps, for every
council with social care responsibilities and for England, every adult and children's social care
line of RO3 and the adult, children's and total service lines of RSX (GBP thousand), each with the
spreadsheet row and column it came from, into `tables["spend_lines"]`.
Columns are matched on the publisher's stable variable codes ("RO3-asctot-net-cur-exp"), held in a
hidden reference row (above the header in 2023-24, below the tables in 2024-25), never on positions.
Councils are matched on the "ONS Code" column. Published markers ([x] not received, [z] not
collected, [n] no estimate, "[note 4]" breakdown not provided) are missing values with a reason.

What it does not do: estimate a missing return, sum lines, deflate cash, or read the class-total
table under the councils (England is the publisher's own row, which estimates missing returns).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import fastexcel
import polars as pl

from accountability.sources.base import RowAccount, SourceFileError, SourceOutput
from accountability.sources.finance_grid import cell_values, row_reasons, variable_columns
from accountability.store.schema import BENCHMARKS_SCHEMA, VALUES_SCHEMA, empty


@dataclass(frozen=True)
class FinanceFile:
    """One published workbook: where it is, which return (RO3 / RSX) and which financial year."""

    folder: str
    file: str
    form: str
    period: str


FILES = (
    FinanceFile("finance-2023-24", "RO3_2023-24_data_by_LA.ods", "RO3", "2023-24"),
    FinanceFile("finance-2023-24", "RSX_2023-24_data_by_LA.ods", "RSX", "2023-24"),
    FinanceFile("finance", "RO3_LA_Data_2024-25_data_by_LA.ods", "RO3", "2024-25"),
    FinanceFile("finance", "RSX_LA_Data_2024-25_data_by_LA.ods", "RSX", "2024-25"),
)
# Adult and children's social care lines of RO3; the matching service totals of RSX with the total
# of all services (the share of a council's spending that goes on social care).
KEEP = {"RO3": r"^RO3-(asc|csc)[a-z]*-", "RSX": r"^RSX-(asc|csc|totsx)-"}
UNIT = "GBP thousand"
SPEND_LINES_SCHEMA: dict[str, pl.DataType] = {
    "code": pl.String(),  # council ONS code, or E92000001 for England
    "period": pl.String(),
    "form": pl.Enum(["RO3", "RSX"]),
    "variable": pl.String(),  # the publisher's variable code
    "description": pl.String(),  # the published column heading
    "value": pl.Float64(),  # GBP thousand, cash
    "status": VALUES_SCHEMA["status"],
    "marker": pl.String(),  # the published text of a missing value ("[x]", "[note 4]")
    "source_file": pl.String(),
    "source_row": pl.Int64(),  # 1-based spreadsheet row
    "source_column": pl.String(),  # spreadsheet column letters
}


def read(raw_dir: Path) -> SourceOutput:
    """Every file in `FILES` into one `spend_lines` table, with one row account per file."""
    frames, accounts = [], []
    for spec in FILES:
        path = raw_dir / spec.folder / spec.file
        lines, account = parse_grid(load_grid(path, spec.form), spec, path)
        frames.append(lines)
        accounts.append(account)
    table = pl.concat(frames).sort("code", "period", "variable")
    return SourceOutput(empty(VALUES_SCHEMA), empty(BENCHMARKS_SCHEMA), accounts, {"spend_lines": table})


def load_grid(path: Path, form: str) -> pl.DataFrame:
    """The data sheet ("<form>_LA_Data_<year>") as text cells `c0`, `c1`, ... plus `_row` (1-based)."""
    if not path.exists():
        raise SourceFileError(path, f"file not found in {path.parent}")
    try:
        reader = fastexcel.read_excel(path)
    except Exception as exc:  # fastexcel raises its own error types for every kind of bad workbook
        raise SourceFileError(path, f"cannot read the workbook ({exc})") from exc
    sheets = [s for s in reader.sheet_names if s.startswith(f"{form}_LA_Data")]
    if len(sheets) != 1:
        raise SourceFileError(path, f"expected one sheet named '{form}_LA_Data_<year>', found {reader.sheet_names}")
    try:
        grid = reader.load_sheet_by_name(sheets[0], header_row=None, skip_rows=0, dtypes="string").to_polars()
    except Exception as exc:
        raise SourceFileError(path, f"cannot read sheet '{sheets[0]}' ({exc})") from exc
    grid = grid.rename({c: f"c{i}" for i, c in enumerate(grid.columns)})
    return grid.with_row_index("_row", offset=1).with_columns(pl.col("_row").cast(pl.Int64))


def parse_grid(grid: pl.DataFrame, spec: FinanceFile, path: Path) -> tuple[pl.DataFrame, RowAccount]:
    """The kept spend lines of one sheet (long, `SPEND_LINES_SCHEMA`) and the sheet's row account."""
    _check_period(grid, spec, path)
    columns = variable_columns(grid, KEEP[spec.form], path)
    rows = row_reasons(grid, path)
    account = RowAccount(path.name, read=grid.height)
    for reason, n in rows.drop_nulls("_reject").group_by("_reject").len().sort("_reject").iter_rows():
        account.reject(reason, n)
    kept = rows.filter(pl.col("_reject").is_null())
    account.kept = kept.height
    lines = cell_values(kept, columns, path)
    for marker, n in lines.drop_nulls("marker").group_by("marker").len().sort("marker").iter_rows():
        account.missing(f"published as {marker}", n)
    out = lines.with_columns(period=pl.lit(spec.period), form=pl.lit(spec.form), source_file=pl.lit(path.name)).select(
        list(SPEND_LINES_SCHEMA)
    )
    return out.cast(SPEND_LINES_SCHEMA), account  # type: ignore[arg-type]


def _check_period(grid: pl.DataFrame, spec: FinanceFile, path: Path) -> None:
    """The sheet's title must name the year the file is filed under (a new year's file in an old name)."""
    title = str(grid["c0"][0] or "")
    years = re.findall(r"\b(20\d\d)-(\d\d)\b", title)
    if f"{spec.period[:4]}-{spec.period[5:]}" not in {f"{a}-{b}" for a, b in years}:
        raise SourceFileError(path, f"the sheet's title does not name {spec.period}: '{title[:80]}'", row=1)
