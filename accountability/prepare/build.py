"""Rebuild the prepared store from the published raw folder: `python -m accountability.prepare`.

Steps: run every publisher's reader, gather the measures registry, add confidence intervals,
run the named checks, then replace the store atomically. Any reader error or failed check stops
the build with a message naming file, column and row, and leaves the previous store untouched.
`--check` rebuilds in memory and reports whether the committed store is identical.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from accountability import store
from accountability.methods import market, stats
from accountability.prepare import validate
from accountability.settings import Settings
from accountability.sources import (
    asc_provision,
    ascof,
    boundaries,
    dfe,
    harmonise,
    lookups,
    market_panels,
    oflog,
    ofsted,
    ofsted_providers,
    peers,
    places,
    population,
)
from accountability.sources.base import RowAccount, SourceFileError, SourceOutput
from accountability.store.measures import measures_frame

Reader = Callable[[Path], SourceOutput]
READERS: list[tuple[str, Reader]] = [
    ("councils and reorganisations (ONS, DfE)", lookups.read),
    ("statistical neighbours (DfE 2021 and 2025 models)", peers.read),
    ("population estimates (ONS)", population.read),
    ("boundaries (ONS Open Geography)", boundaries.read),
    ("adult social care outcomes (ASCOF, NHS England)", ascof.read),
    ("adult social care metrics (Oflog)", oflog.read),
    ("children's social care (DfE)", dfe.read),
    ("local authority inspections (Ofsted)", ofsted.read),
    ("children's social care providers (Ofsted)", ofsted_providers.read),
    ("children's services market panels (research compilation)", market_panels.read),
    ("adult care in-house and external provision (NHS Digital)", asc_provision.read),
    ("places and postcode districts (ONS, mySociety)", places.read),
]
MEASURES = [*ascof.MEASURES, *oflog.MEASURES, *dfe.MEASURES, *market.MEASURES]


class BuildFailed(RuntimeError):
    """The store could not be built; the message says why and where."""


@dataclass
class Progress:
    """A plain progress display on stderr: one line per step with its time."""

    total: int
    quiet: bool = False
    step: int = 0

    def run(self, label: str, action: Callable[[], SourceOutput]) -> SourceOutput:
        self.step += 1
        started = time.perf_counter()
        self._say(f"[{self.step}/{self.total}] {label} …")
        result = action()
        rows = sum(a.read for a in result.accounts)
        self._say(f" {rows:,} rows read ({time.perf_counter() - started:.2f} s)\n")
        return result

    def _say(self, text: str) -> None:
        if not self.quiet:
            sys.stderr.write(text)
            sys.stderr.flush()


def build(raw_dir: Path, *, quiet: bool = False) -> dict[str, pl.DataFrame]:
    """Every table of the store, built and checked in memory. Raises BuildFailed."""
    if not raw_dir.is_dir():
        raise BuildFailed(f"raw folder {raw_dir} not found: set DASHBOARD_RAW_DIR or pass --raw-dir")
    progress = Progress(total=len(READERS), quiet=quiet)
    outputs: list[tuple[str, SourceOutput]] = []
    for label, reader in READERS:
        try:
            outputs.append((label, progress.run(label, functools.partial(reader, raw_dir))))
        except SourceFileError as exc:
            raise BuildFailed(f"{label}: {exc}") from exc
    tables = assemble(outputs, raw_dir)
    if not quiet:
        sys.stderr.write(accounts_report(tables["row_accounts"]))
    checks = validate.run_checks(tables)
    for check in checks if not quiet else []:
        sys.stderr.write(f"  {'pass' if check.passed else 'FAIL'}  {check.name}: {check.message}\n")
    failed = [c for c in checks if not c.passed]
    if failed:
        raise BuildFailed("; ".join(f"{c.name}: {c.message}" for c in failed))
    return tables


def assemble(outputs: list[tuple[str, SourceOutput]], raw_dir: Path) -> dict[str, pl.DataFrame]:
    """Join readers' outputs (with their labels) into the store's tables, adding intervals and accounting."""
    measures = measures_frame(MEASURES)
    extra: dict[str, pl.DataFrame] = {}
    for _, out in outputs:
        extra.update(out.tables)
    councils = harmonise.fold_councils(extra["councils"])
    # Lazy until one collect: the streaming engine then works in cache-sized batches, which keeps
    # the cost per row flat as the values table grows (see benchmarks/RESULTS.md).
    values = pl.concat(
        [
            drop_councils_not_yet_or_no_longer(harmonise.recode(o.values.lazy(), "code"), councils, o.accounts)
            for _, o in outputs
        ]
    )
    market_values, market_benchmarks = market.as_published_tables(extra["providers"], councils)
    values = pl.concat([values, market_values.lazy()])
    benchmarks = pl.concat([*(o.benchmarks for _, o in outputs), market_benchmarks])
    return {
        "councils": councils,
        "measures": measures,
        "ascof_codes": extra["ascof_codes"],
        "ascof_survey_base": extra["ascof_survey_base"],
        "values": stats.with_intervals(values, measures.lazy()).collect(),
        "benchmarks": stats.with_intervals(benchmarks, measures),
        "peers": harmonise.recode(extra["peers"], "code", "peer_code"),
        "population": harmonise.recode(extra["population"], "code"),
        "inspections": harmonise.recode(extra["inspections"], "code"),
        "boundaries": harmonise.recode(extra["boundaries"], "code"),
        "providers": extra["providers"],
        "provider_changes": extra["provider_changes"],
        "market_panel": extra["market_panel"],
        # files without a breakdown by primary support reason cover all reasons together
        "asc_provision": extra["asc_provision"].with_columns(pl.col("support_reason").fill_null("all reasons")),
        "places": extra["places"],
        "postcode_districts": extra["postcode_districts"],
        "row_accounts": accounts_frame(outputs, raw_dir),
    }


def drop_councils_not_yet_or_no_longer(
    values: pl.LazyFrame, councils: pl.DataFrame, accounts: list[RowAccount]
) -> pl.LazyFrame:
    """Remove empty rows that publishers print for councils outside their lifetime.

    DfE files list every council code in every year, with "not applicable" for years a council did
    not exist (Cumberland before 2023-24, say). Those rows say nothing, so they are dropped here and
    moved from "kept" to "rejected" in the row accounting. A value outside a lifetime is not dropped:
    the named check `values_within_council_lifetime` fails the build on it instead.
    """
    lifetimes = validate.effective_lifetimes(councils).lazy()
    dated = values.join(lifetimes, on="code", how="left", maintain_order="left")
    empty_outside = validate.outside_lifetime_expr().fill_null(False) & pl.col("value").is_null()
    dropped = dated.filter(empty_outside).group_by("source_file").len().collect()
    by_file = {a.file: a for a in accounts}
    for file, n in dropped.iter_rows():
        by_file[file].kept -= n
        by_file[file].reject("council did not exist in this period (row published as empty)", n)
    return dated.filter(~empty_outside).drop("from", "to")


def accounts_frame(outputs: list[tuple[str, SourceOutput]], raw_dir: Path) -> pl.DataFrame:
    """Long table: reader, file, folder, sha256, outcome (read/kept/set_missing/rejected), reason, rows.

    Some files are read by two readers for different purposes (the lookups take council names from
    the files the ASCOF and DfE readers take values from), so each account is kept per reader.
    """
    rows: list[dict[str, object]] = []
    for reader, a in ((label, a) for label, out in outputs for a in out.accounts):
        file_name = a.file.split(" (")[0]  # spreadsheet accounts are named "<file> (<sheet>)"
        path = next(raw_dir.rglob(file_name), None)
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path else ""
        folder = path.parent.name if path else ""
        base = {"reader": reader, "file": a.file, "folder": folder, "sha256": digest}
        rows.append({**base, "outcome": "read", "reason": "", "rows": a.read})
        rows.append({**base, "outcome": "kept", "reason": "", "rows": a.kept})
        rows += [{**base, "outcome": "set_missing", "reason": r, "rows": n} for r, n in a.set_missing.items()]
        rows += [{**base, "outcome": "rejected", "reason": r, "rows": n} for r, n in a.rejected.items()]
    schema = {
        "reader": pl.String,
        "file": pl.String,
        "folder": pl.String,
        "sha256": pl.String,
        "outcome": pl.String,
        "reason": pl.String,
        "rows": pl.Int64,
    }
    return pl.DataFrame(rows, schema=schema)


def accounts_report(accounts: pl.DataFrame) -> str:
    """The row accounting as text: one line per file read, with the reasons rows were set missing or not used."""
    lines = ["Row accounting (read = kept + rejected; missing values are kept, with a status):"]
    for (reader, file), rows in accounts.sort("reader", "file").group_by(["reader", "file"], maintain_order=True):
        count = {o: int(rows.filter(pl.col("outcome") == o)["rows"].sum()) for o in ("read", "kept", "rejected")}
        missing = int(rows.filter(pl.col("outcome") == "set_missing")["rows"].sum())
        lines.append(
            f"  {file} [{reader}]: read {count['read']:,}, kept {count['kept']:,} "
            f"(set missing {missing:,}), rejected {count['rejected']:,}"
        )
        reasons = rows.filter(pl.col("reason") != "").sort("outcome", "reason")
        for outcome, reason, n in reasons.select("outcome", "reason", "rows").iter_rows():
            lines.append(f"      {'missing' if outcome == 'set_missing' else 'rejected'}: {reason}: {n:,}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    settings = Settings()
    parser = argparse.ArgumentParser(prog="python -m accountability.prepare", description=__doc__)
    parser.add_argument("--raw-dir", type=Path, default=settings.raw_dir, help="published raw folder")
    parser.add_argument("--out", type=Path, default=settings.data_dir, help="prepared store to replace")
    parser.add_argument("--check", action="store_true", help="only report whether --out is up to date")
    parser.add_argument("--quiet", action="store_true", help="no progress display")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        tables = build(args.raw_dir.resolve(), quiet=args.quiet)
    except BuildFailed as exc:
        sys.stderr.write(f"\nNot built: {exc}\nThe store at {args.out} was left as it was.\n")
        return 1
    if args.check:
        diffs = store.differences(tables, args.out)
        for line in diffs:
            sys.stderr.write(f"  differs: {line}\n")
        sys.stderr.write("store is up to date\n" if not diffs else "store is out of date\n")
        return 1 if diffs else 0
    store.write_store(tables, args.out)
    summary = ", ".join(f"{name} {tables[name].height:,}" for name in store.TABLES)
    sys.stderr.write(f"Wrote {args.out} in {time.perf_counter() - started:.2f} s: {summary}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
