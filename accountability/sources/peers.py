"""DfE children's services statistical neighbours (2021 and 2025 models) as ONS-coded peer lists.

Both files are wide (one row per council, SN1..SN10 with a closeness column after each) and keyed
by DfE 3-digit LA codes, which DfE reuses when a council is replaced (815 is North Yorkshire before
and after 2023), so each model is mapped with the councils that existed on its date: the 2021
model on 1 April 2021, the 2025 model on 1 April 2025. Closeness is kept as published, stripped
and in sentence case ("Very Close" and "Very close" both become "Very close").
The 2021 file ends with an "Old SNs:" section of pre-2019/2021 councils (Poole, Bournemouth,
Dorset CC, Northamptonshire) from an earlier model; those rows are rejected, not mixed in.
This module computes no neighbour averages.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path
from typing import NamedTuple

import polars as pl

from accountability.sources import lookups
from accountability.sources.base import RowAccount, SourceFileError, SourceOutput, check_unique, read_csv_text
from accountability.store.schema import BENCHMARKS_SCHEMA, VALUES_SCHEMA, conform, empty

# model -> (file, code column, name column, date the DfE codes are read at)
MODELS: dict[str, tuple[str, str, str, date]] = {
    "2021": ("New_Statistical_Neighbour_Groupings_April_2021.csv", "LA num", "LA Name", date(2021, 4, 1)),
    "2025": ("sn_model_2025_wide.csv", "old_la_code", "la_name", date(2025, 4, 1)),
}
CLOSENESS = ["Extremely close", "Very close", "Close", "Somewhat close", "Not close"]
N_PEERS = 10
PEERS_SCHEMA: dict[str, pl.DataType] = {
    "model": pl.String(),
    "code": pl.String(),
    "rank": pl.Int8(),
    "peer_code": pl.String(),
    "closeness": pl.String(),
    "source_file": pl.String(),
    "source_row": pl.Int64(),
}
_PEER_HEADER = re.compile(r"^SN_?(\d+)$")


class PeerColumn(NamedTuple):
    rank: int
    peer: str  # column name in the read frame
    closeness: str
    label: str  # published header(s), for messages


def _peer_columns(path: Path, columns: list[str]) -> list[PeerColumn]:
    """Find SN<k>/SN_<k> and the closeness column right after each, by position.

    Positions, not names, because the 2021 file repeats the header 'SNP' for every closeness column.
    """
    header = [h.strip() for h in next(csv.reader([path.read_bytes().decode("utf-8-sig").splitlines()[0]]))]
    if len(header) != len(columns):
        raise SourceFileError(path, f"header has {len(header)} names but rows have {len(columns)} columns")
    found: dict[int, PeerColumn] = {}
    for i, name in enumerate(header[:-1]):
        match = _PEER_HEADER.match(name)
        if match and header[i + 1].startswith("SN") and header[i + 1].endswith("P"):
            k = int(match.group(1))
            found[k] = PeerColumn(k, columns[i], columns[i + 1], f"{header[i + 1]} after {name}")
    for k in range(1, N_PEERS + 1):
        if k not in found:
            raise SourceFileError(
                path, "neighbour column (with its closeness column after it) is missing", column=f"SN{k}"
            )
    return [found[k] for k in range(1, N_PEERS + 1)]


def _council_rows(frame: pl.DataFrame, code_col: str, name_col: str, account: RowAccount) -> pl.DataFrame:
    """Rows of the model; blank rows, a section heading and every row after it are rejected."""
    code = pl.col(code_col).fill_null("").str.strip_chars()
    name = pl.col(name_col).fill_null("").str.strip_chars()
    heading = (code == "") & (name != "")
    after = pl.col("_row") >= pl.col("_row").filter(heading).min().fill_null(pl.col("_row").max() + 1)
    flagged = frame.with_columns(_heading=heading, _after=after, _blank=(code == "") & (name == ""))
    account.read += frame.height
    account.reject("blank row", flagged.filter("_blank").height)
    account.reject("section heading row ('Old SNs:')", flagged.filter("_heading").height)
    old = flagged.filter(pl.col("_after") & ~pl.col("_heading") & ~pl.col("_blank")).height
    account.reject("'Old SNs' section: earlier groupings of councils abolished by April 2021", old)
    kept = flagged.filter(~pl.col("_after") & ~pl.col("_blank")).drop("_heading", "_after", "_blank")
    account.kept += kept.height
    return kept.with_columns(code.alias(code_col))


def _sentence_case(column: str) -> pl.Expr:
    text = pl.col(column).str.strip_chars()
    return text.str.slice(0, 1).str.to_uppercase() + text.str.slice(1).str.to_lowercase()


def _long(frame: pl.DataFrame, code_col: str, peers: list[PeerColumn]) -> pl.DataFrame:
    parts = [
        frame.select(
            dfe=pl.col(code_col),
            rank=pl.lit(p.rank, pl.Int8),
            peer_dfe=pl.col(p.peer).fill_null("").str.strip_chars(),
            closeness=_sentence_case(p.closeness),
            _row=pl.col("_row"),
            _label=pl.lit(p.label),
        )
        for p in peers
    ]
    return pl.concat(parts)


def _first_error(bad: pl.DataFrame, path: Path, problem: str, column: str | None = None) -> None:
    if bad.height:
        first = bad.sort("_row", "rank").row(0, named=True)
        raise SourceFileError(path, problem.format(**first), column=column or first["_label"], row=first["_row"])


def _map_codes(frame: pl.DataFrame, codes: pl.DataFrame, path: Path, code_col: str) -> pl.DataFrame:
    """DfE -> ONS for the council and each peer; a code that maps to no council is an error."""
    mapped = frame.join(codes.rename({"dfe_la_code": "dfe"}), on="dfe", how="left")
    mapped = mapped.join(codes.select(peer_dfe="dfe_la_code", peer_code="code"), on="peer_dfe", how="left")
    problem = "DfE code '{%s}' matches no council that existed on the model date"
    _first_error(mapped.filter(pl.col("code").is_null()), path, problem % "dfe", code_col)
    _first_error(mapped.filter(pl.col("peer_code").is_null()), path, problem % "peer_dfe")
    return mapped


def _check_peers(frame: pl.DataFrame, path: Path) -> None:
    """Known closeness words; 10 distinct peers per council, none of them itself."""
    unknown = frame.filter(~pl.col("closeness").fill_null("").is_in(CLOSENESS))
    _first_error(unknown, path, "closeness '{closeness}' is not one of " + ", ".join(CLOSENESS))
    _first_error(
        frame.filter(pl.col("peer_code") == pl.col("code")),
        path,
        "council {code} lists itself as a neighbour",
    )
    repeated = frame.filter(pl.len().over("code", "peer_code") > 1)
    _first_error(repeated, path, "council {code} lists neighbour {peer_code} twice")


def read_model(path: Path, model: str, councils: pl.DataFrame) -> tuple[pl.DataFrame, RowAccount]:
    """One model file -> (peers frame, row account)."""
    _, code_col, name_col, on = MODELS[model]
    frame = read_csv_text(path, [code_col, name_col])
    peers = _peer_columns(path, [c for c in frame.columns if c != "_row"])
    account = RowAccount(path.name)
    rows = _council_rows(frame, code_col, name_col, account)
    check_unique(rows, [code_col], path)
    long = _map_codes(_long(rows, code_col, peers), lookups.council_code_map(councils, on), path, code_col)
    _check_peers(long, path)
    out = long.select(
        model=pl.lit(model),
        code="code",
        rank="rank",
        peer_code="peer_code",
        closeness="closeness",
        source_file=pl.lit(path.name),
        source_row="_row",
    )
    return conform(out, PEERS_SCHEMA).sort("code", "rank"), account


def read(raw_dir: Path) -> SourceOutput:
    """Both models, in `tables['peers']`, sorted by model, code, rank."""
    councils = lookups.build_councils(raw_dir, [])
    frames, accounts = [], []
    for model, (file, *_) in MODELS.items():
        frame, account = read_model(raw_dir / "lookups" / file, model, councils)
        frames.append(frame)
        accounts.append(account)
    peers = pl.concat(frames).sort("model", "code", "rank")
    return SourceOutput(empty(VALUES_SCHEMA), empty(BENCHMARKS_SCHEMA), accounts, {"peers": peers})
