"""Shared helpers for the provider/market readers: text decoding, header finding, names to ONS codes.

What it does:
- `decode`: a published CSV as text, trying utf-8 (with or without BOM) first and cp1252 second.
  Ofsted saved some years from Excel on Windows (cp1252) and others as utf-8; utf-8 is tried first
  because cp1252 decodes almost any byte string, so it cannot tell a wrong guess from a right one.
  One known consequence: provider_at_march_2024.csv was saved as Mac Roman, which cp1252 reads
  without error but shows an en dash in its title as "Ð"; no key column is affected.
- `read_from_header`: finds the header as the first row whose first cell is a given text
  ("Web link" / "URN"), so title and note rows above it are skipped without a per-file setting.
  `source_row` is the 1-based row (record) of the published table as a spreadsheet shows it.
- `canonical_columns`: renames published headers to canonical names through ONE synonym table
  after normalising whitespace, line breaks and case.
- `attach_codes`: maps council names to ONS codes valid on a date, via a normalised-name key
  built from the council table (name + aliases) and the small documented `NAME_ALIASES` table.

What it does not do: guess. A name that does not match is left without a code for the caller to
count as rejected ("unmapped local authority name: <name>").
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from accountability.sources import lookups
from accountability.sources.base import RowAccount, SourceFileError, check_complete_rows, read_bytes
from accountability.sources.harmonise import fold_councils

ENCODINGS = ("utf-8-sig", "cp1252")
# Published spellings that the council table does not hold, as normalised keys -> council key.
# Each is the same council under an older or shortened name (PSS-EX1 and ASC-FR spellings).
NAME_ALIASES: dict[str, str] = {
    "medway towns": "medway",
    "bath and somerset": "bath and north east somerset",
    "telford and the wrekin": "telford and wrekin",
    "blackburn and darwen": "blackburn with darwen",
}


def decode(path: Path) -> str:
    """The file's text: utf-8 (BOM allowed) if it decodes, else cp1252; an error names the file."""
    raw = read_bytes(path)
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SourceFileError(path, f"not valid text in any of {list(ENCODINGS)}")


def _header_index(text: str, first_cell: str, path: Path) -> int:
    """0-based index of the first line whose first cell is `first_cell` (title rows are one line each)."""
    for index, line in enumerate(text.splitlines()):
        cell = line.split(",", 1)[0].strip().strip('"').strip()
        if cell.lower() == first_cell.lower():
            return index
    raise SourceFileError(path, f"no header row: no row starts with '{first_cell}'", column=first_cell)


def read_from_header(path: Path, first_cell: str) -> pl.DataFrame:
    """Every column as text from the detected header on, plus `_row` (1-based row in the file)."""
    text = decode(path)
    header = _header_index(text, first_cell, path)
    body = "\n".join(text.splitlines()[header:]) + ("\n" if text.endswith(("\n", "\r")) else "")
    # Ofsted exports some years without a final line break; their last row ends with empty fields
    check_complete_rows(body, path, first_line=header + 1, published_without_final_newline=True)
    try:
        frame = pl.read_csv(body.encode(), infer_schema=False)
    except pl.exceptions.NoDataError as exc:
        raise SourceFileError(path, "the file has no rows") from exc
    except pl.exceptions.PolarsError as exc:  # rows were checked above; this is a malformed quote or similar
        raise SourceFileError(path, f"cannot be read as CSV ({str(exc).splitlines()[0]})") from exc
    if frame.height == 0:
        raise SourceFileError(path, "the file has a header but no data rows")
    return frame.with_row_index("_row", offset=header + 2).with_columns(pl.col("_row").cast(pl.Int64))


def normalise_header(name: str) -> str:
    return " ".join(name.split()).lower()


def canonical_columns(frame: pl.DataFrame, synonyms: dict[str, str], required: list[str], path: Path) -> pl.DataFrame:
    """Keep the columns named in `synonyms` (normalised header -> canonical), renamed; check `required`."""
    renames: dict[str, str] = {}
    for column in frame.columns:
        canonical = synonyms.get(normalise_header(column))
        if canonical is None:
            continue
        if canonical in renames.values():
            raise SourceFileError(path, f"two columns mean '{canonical}' (second: '{column.strip()}')", column=column)
        renames[column] = canonical
    for name in required:
        if name not in renames.values():
            raise SourceFileError(path, "required column is missing (no published header matches it)", column=name)
    return frame.select("_row", *[pl.col(c).alias(n) for c, n in renames.items()])


def name_key(expr: pl.Expr) -> pl.Expr:
    """Lowercase; '&' -> 'and'; URL spaces, punctuation -> space; drop 'council', ', city/county of', ' UA'."""
    text = expr.str.to_lowercase().str.replace_all("%20", " ").str.replace_all("&", " and ")
    text = text.str.replace_all(r"[^a-z0-9]+", " ").str.strip_chars()
    text = text.str.replace(r"^\d{3} ", "")  # "102-Cumbria": the CASSR code is read separately
    text = text.str.replace_all(r"\bcouncil\b", "").str.replace(r" (city|county) of$", "").str.replace(r" ua$", "")
    text = text.str.replace_all(r"\s+", " ").str.strip_chars()
    return text.replace(NAME_ALIASES)


def councils_table(raw_dir: Path, accounts: list[RowAccount]) -> pl.DataFrame:
    """The folded council table (Barnsley/Sheffield/Gateshead/Northumberland under their current codes)."""
    return fold_councils(lookups.build_councils(raw_dir, accounts))


def council_keys(councils: pl.DataFrame) -> pl.DataFrame:
    """(key, code, valid_from, valid_to): one row per distinct normalised name or alias of a council."""
    names = councils.select("code", "valid_from", "valid_to", name=pl.concat_list(pl.col("name"), "aliases"))
    names = names.explode("name").with_columns(key=name_key(pl.col("name")))
    return names.select("key", "code", "valid_from", "valid_to").unique().sort("key", "code")


def _alive(on: pl.Expr) -> pl.Expr:
    return (pl.col("valid_from").is_null() | (pl.col("valid_from") <= on)) & (
        pl.col("valid_to").is_null() | (pl.col("valid_to") > on)
    )


def attach_codes(frame: pl.DataFrame, name: str, on: str, councils: pl.DataFrame, path: Path) -> pl.DataFrame:
    """Add `code`: the council whose name/alias key equals the key of `name` and that existed on date `on`.

    Rows with no such council get a null code. A key matching two councils on one date is an error.
    """
    keys = council_keys(councils)
    keyed = frame.with_columns(_key=name_key(pl.col(name)))
    pairs = keyed.select("_key", on).unique().join(keys, left_on="_key", right_on="key", how="inner")
    pairs = pairs.filter(_alive(pl.col(on))).select("_key", on, "code")
    clash = pairs.filter(pl.len().over("_key", on) > 1)
    if clash.height:
        first = clash.row(0, named=True)
        raise SourceFileError(path, f"name key '{first['_key']}' matches two councils on {first[on]}", column=name)
    return keyed.join(pairs, on=["_key", on], how="left").drop("_key")


def keep_mapped(frame: pl.DataFrame, name: str, account: RowAccount) -> pl.DataFrame:
    """Rows with a code; the rest are rejected as 'unmapped local authority name: <name>'."""
    unmapped = frame.filter(pl.col("code").is_null())
    counts = unmapped.group_by(pl.col(name).fill_null("").str.strip_chars()).len().sort(name)
    for label, n in counts.iter_rows():
        account.reject(f"unmapped local authority name: {label or '(blank)'}", n)
    return frame.filter(pl.col("code").is_not_null())
