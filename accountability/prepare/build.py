"""Rebuild the prepared store from the published raw folder: `python -m accountability.prepare`.

Steps: run every publisher's reader, gather the measures registry, add confidence intervals,
run the named checks, then replace the store atomically. Any reader error or failed check stops
the build with a message naming file, column and row, and leaves the previous store untouched.
`--check` rebuilds in memory and reports whether the committed store is identical.
"""

from __future__ import annotations

import functools
import hashlib
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import polars as pl

from accountability.methods import market, s251_measures, spend_measures, stats
from accountability.prepare import money, validate
from accountability.sources import (
    asc_fr_activity,
    asc_provision,
    ascof,
    ascof_2025,
    boundaries,
    cqc_la,
    dfe,
    dfe_extra,
    finance,
    harmonise,
    lait,
    lookups,
    market_panels,
    oflog,
    ofsted,
    ofsted_providers,
    peers,
    places,
    population,
    s251,
)
from accountability.sources.base import RowAccount, SourceFileError, SourceOutput
from accountability.store.measures import breaks_frame, measures_frame

Reader = Callable[[Path], SourceOutput]
FrameT = TypeVar("FrameT", pl.DataFrame, pl.LazyFrame)
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
    # money and markets (issue 12)
    ("council spending on social care (MHCLG revenue outturn RO3, RSX)", finance.read),
    ("children's care weekly unit costs (DfE LAIT, S251 outturn)", lait.read),
    ("children's placement market and care leavers (DfE)", dfe_extra.read),
    ("children's services spend by provider, 2009-14 (DfE section 251 outturn)", s251.read),
    ("adult care activity in-house and external, 2014-15 (NHS Digital PSS-EX1)", asc_fr_activity.read),
    ("CQC council assessments (research compilation)", cqc_la.read),
    ("places and postcode districts (ONS, mySociety)", places.read),
]
MEASURES = [*ascof.MEASURES, *oflog.MEASURES, *dfe.MEASURES, *market.MEASURES]
MEASURES += [
    *spend_measures.MEASURES,
    *lait.MEASURES,
    *dfe_extra.MEASURES,
    *s251_measures.MEASURES,
]  # money and markets (issue 12)
MEASURES += ascof_2025.MEASURES  # measures the ASCOF 2024-25 workbook adds (read by ascof.read)
BREAKS = [*ascof.BREAKS, *ascof_2025.BREAKS]  # every change in how a series is produced


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
        except OSError as exc:  # e.g. a folder the reader cannot list; SourceFileError covers the files
            raise BuildFailed(f"{label}: cannot read {exc.filename or raw_dir}: {exc.strerror or exc}") from exc
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
    measures = measures_frame(MEASURES, BREAKS)
    extra: dict[str, pl.DataFrame] = {}
    for _, out in outputs:
        extra.update(out.tables)
    councils = harmonise.fold_councils(extra["councils"])
    # Lazy until one collect: the streaming engine then works in cache-sized batches, which keeps
    # the cost per row flat as the values table grows (see benchmarks/RESULTS.md).
    values = pl.concat(
        [
            drop_councils_not_yet_or_no_longer(_codes_of_the_time(o.values.lazy()), councils, o.accounts)
            for _, o in outputs
        ]
    )
    market_values, market_benchmarks = market.as_published_tables(extra["providers"], councils)
    spend_values, spend_benchmarks = money.spend_rows(extra, councils, [o for _, o in outputs])
    s251_values, s251_benchmarks = money.s251_rows(extra, councils)
    values = pl.concat([values, market_values.lazy(), spend_values.lazy(), s251_values.lazy()])
    benchmarks = pl.concat([*(o.benchmarks for _, o in outputs), market_benchmarks, spend_benchmarks, s251_benchmarks])
    return {
        "councils": councils,
        "measures": measures,
        "ascof_codes": extra["ascof_codes"],
        "ascof_survey_base": extra["ascof_survey_base"],
        "values": stats.with_intervals(values, measures.lazy()).pipe(_designated).collect(),
        "benchmarks": stats.with_intervals(benchmarks, measures).pipe(_designated),
        "peers": harmonise.recode(extra["peers"], "code", "peer_code"),
        "population": harmonise.recode(extra["population"], "code"),
        "inspections": harmonise.recode(extra["inspections"], "code"),
        "boundaries": harmonise.recode(extra["boundaries"], "code"),
        "providers": extra["providers"],
        "provider_changes": extra["provider_changes"],
        "market_panel": extra["market_panel"],
        # files without a breakdown by primary support reason cover all reasons together
        "asc_provision": pl.concat([extra["asc_provision"], extra["asc_provision_1415"]]).with_columns(
            pl.col("support_reason").fill_null("all reasons")
        ),
        "places": extra["places"],
        "postcode_districts": extra["postcode_districts"],
        "row_accounts": accounts_frame(outputs, raw_dir),
        # money and markets (issue 12)
        "spend_lines": harmonise.recode(extra["spend_lines"], "code"),
        "s251_provision": harmonise.recode(extra["s251_provision"], "code"),
        "cqc_assessments": extra["cqc_assessments"],
        "cqc_statements": extra["cqc_statements"],
        "measure_breaks": breaks_frame(BREAKS, MEASURES),
    }


def _codes_of_the_time(values: pl.LazyFrame) -> pl.LazyFrame:
    """Renumbered councils under their current code; a new council's figures for years before it
    existed under its sole predecessor's code (see `harmonise`)."""
    return harmonise.to_predecessor(harmonise.recode(values, "code"), "code")


def _designated(frame: FrameT) -> FrameT:
    """`in_development` is False wherever a reader did not say (no other publisher uses the designation)."""
    return frame.with_columns(pl.col("in_development").fill_null(False))


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
