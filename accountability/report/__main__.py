"""Command line for progress reports.

    python -m accountability.report --council E08000025 --out report.pdf
    python -m accountability.report --region E12000005 --period 2022-23 --out west-midlands.html
    python -m accountability.report --england --out england.pdf
    python -m accountability.report --all --out reports/ --format pdf     # one file per current council

The format comes from the file extension (.pdf or .html) or `--format`. An unknown or empty council
or region code, or a period with no data, exits with status 2 and a message naming the value. A
problem that is not the command's (an invalid setting, a broken prepared store or TOML file, an
output that cannot be written) exits with status 1 and a message naming it; never a traceback.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import polars as pl

from accountability.methods.commitments import CommitmentsError
from accountability.methods.standards import StandardsError
from accountability.report import (
    Format,
    Inputs,
    ScopeError,
    analyse,
    build_content,
    load_inputs,
    render,
    resolve_scope,
    start_batch_worker,
    write_council_report,
)
from accountability.report.content import LATEST, Kind, check_period
from accountability.settings import SettingsError
from accountability.store import StoreError


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m accountability.report", description=__doc__.splitlines()[0])
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--council", metavar="CODE", help="a council's ONS code (current or former), e.g. E08000025")
    where.add_argument("--region", metavar="CODE", help="a region's E12 code, e.g. E12000005")
    where.add_argument("--england", action="store_true", help="all of England")
    where.add_argument("--all", action="store_true", help="one report per current council into the --out folder")
    p.add_argument("--period", default=LATEST, help="financial year such as 2022-23, or 'latest' (the default)")
    p.add_argument("--out", required=True, type=Path, help="output file (or folder, with --all)")
    p.add_argument("--format", choices=["pdf", "html"], help="output format (default: from the --out extension)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes for --all (default: CPUs)")
    return p


def output_format(args: argparse.Namespace) -> Format:
    """--format if given; else the --out extension; a folder for --all defaults to PDF."""
    if args.format:
        return "pdf" if args.format == "pdf" else "html"
    suffix = args.out.suffix.lower().lstrip(".")
    if suffix in {"pdf", "html"}:
        return "pdf" if suffix == "pdf" else "html"
    if args.all:
        return "pdf"
    raise ScopeError(f"cannot tell the format of '{args.out}': end it in .pdf or .html, or pass --format")


def _scope_of(args: argparse.Namespace) -> tuple[Kind, str | None]:
    if args.council is not None:  # an empty --council is an error (see argument_problem), never England
        return "council", args.council
    if args.region is not None:
        return "region", args.region
    return "england", None


def argument_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with the arguments themselves, found before any data is read."""
    for flag, value, example in (("--council", args.council, "E08000025"), ("--region", args.region, "E12000005")):
        if value is not None and not value.strip():
            return f"{flag} needs a code, such as {example}; it was empty"
    if args.jobs < 1:
        return f"--jobs must be 1 or more, got {args.jobs}"
    if args.all and args.out.exists() and not args.out.is_dir():
        return f"--all writes one report per council into a folder, but {args.out} is a file"
    if not args.all and args.out.is_dir():
        return f"--out {args.out} is a folder: give a file name ending in .pdf or .html (or use --all)"
    blocking = next((p for p in args.out.parents if p.exists()), None)
    if blocking is not None and not blocking.is_dir():
        return f"cannot write {args.out}: {blocking} is a file, not a folder"
    return None


def run_one(inputs: Inputs, args: argparse.Namespace, fmt: Format) -> None:
    kind, code = _scope_of(args)
    scope = resolve_scope(inputs, kind, code)
    analysis = analyse(inputs, args.period)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(render(build_content(inputs, analysis, scope), fmt))
    print(f"Wrote {args.out} ({scope.name}, {analysis.period})")


def run_all(inputs: Inputs, args: argparse.Namespace, fmt: Format) -> None:
    """Every current council, in `--jobs` worker processes; progress on stderr."""
    current = inputs.councils.filter(pl.col("valid_to").is_null()).sort("code")
    names = dict(current.select("code", "name").iter_rows())
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    spawn = multiprocessing.get_context("spawn")  # forking after Polars has started its threads can hang
    with ProcessPoolExecutor(args.jobs, spawn, initializer=start_batch_worker, initargs=(args.period,)) as pool:
        futures = [pool.submit(write_council_report, code, args.out, fmt) for code in names]
        for i, done in enumerate(as_completed(futures), start=1):
            code = done.result()
            line = f"[{i}/{len(names)}] {code} {names[code][:40]:<40} {time.perf_counter() - started:6.1f}s"
            print(f"\r{line}", end="", file=sys.stderr, flush=True)
    print(f"\nWrote {len(names)} reports to {args.out}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    if problem := argument_problem(args):
        p.error(problem)  # exits with status 2
    try:
        fmt = output_format(args)
        inputs = load_inputs()
        check_period(inputs, args.period)
        if args.all:
            run_all(inputs, args, fmt)
        else:
            run_one(inputs, args, fmt)
    except ScopeError as exc:
        p.error(str(exc))  # exits with status 2
    except (SettingsError, StoreError, StandardsError, CommitmentsError) as exc:
        return _failed(p, f"no report was written: {exc}")
    except OSError as exc:  # the output could not be written (also raised from a batch worker)
        return _failed(p, f"cannot write {exc.filename or args.out}: {exc.strerror or exc}")
    except BrokenProcessPool as exc:
        return _failed(p, f"a worker process stopped before finishing ({exc}); reports already written were kept")
    return 0


def _failed(p: argparse.ArgumentParser, message: str) -> int:
    print(f"{p.prog}: error: {message}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
