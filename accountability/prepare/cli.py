"""The command line of the pipeline: `python -m accountability.prepare [--check] [--raw-dir] [--out]`.

Every way it can fail ends with a message naming the problem and exit status 1, never a traceback:
an invalid setting or `.env`, a malformed raw file or failed check (`build.BuildFailed`), an `--out`
that is a file or a folder of other files, a store that cannot be written. Before a rebuild it puts
right what a killed one left behind (`store.swap.recover`). It builds nothing itself (see `build`).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from accountability import store
from accountability.prepare import publish, static
from accountability.prepare.build import BuildFailed, build
from accountability.prepare.build import __doc__ as BUILD_DOC
from accountability.prepare.bulk import BulkError
from accountability.settings import SettingsError, load_settings


def main(argv: list[str] | None = None) -> int:
    """Exit 0 when built (or, with --check, up to date); 1 with a message naming the problem, never a traceback."""
    try:
        settings = load_settings()
    except SettingsError as exc:
        sys.stderr.write(f"Not built: {exc}\n")
        return 1
    parser = argparse.ArgumentParser(prog="python -m accountability.prepare", description=BUILD_DOC)
    parser.add_argument("--raw-dir", type=Path, default=settings.raw_dir, help="published raw folder")
    parser.add_argument("--out", type=Path, default=settings.data_dir, help="prepared store to replace")
    parser.add_argument(
        "--static-dir",
        type=Path,
        default=None,
        help="folder for bulk downloads and feeds (default: the app's static/ folder if --out is the app's store)",
    )
    parser.add_argument("--check", action="store_true", help="only report whether --out is up to date")
    parser.add_argument("--quiet", action="store_true", help="no progress display")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        if not args.check:  # first: a killed rebuild may have left the store moved aside
            for done in store.swap.recover(args.out):
                sys.stderr.write(f"Tidied up: {done}\n")
            store.refuse_to_replace_other_things(args.out)  # before the build, not after it
        tables = build(args.raw_dir.resolve(), quiet=args.quiet)
        rules = publish.load_rules(settings, tables["measures"])
    except (BuildFailed, publish.RulesError, store.StoreError, OSError) as exc:
        sys.stderr.write(f"\nNot built: {_reason(exc)}\nThe store at {args.out} was left as it was.\n")
        return 1
    static_dir = args.static_dir or static.default_static_dir(args.out.resolve(), settings.data_dir)
    if args.check:
        return _report_check(store.differences(tables, args.out) + static.stale(args.out, static_dir))
    try:
        publish.publish(tables, args.out, rules, static_dir, quiet=args.quiet)
    except BulkError as exc:
        sys.stderr.write(f"\nThe store at {args.out} was written, but not the bulk files: {exc}\n")
        sys.stderr.write(f"The files in {static_dir} were left as they were.\n")
        return 1
    except (store.StoreError, OSError) as exc:
        sys.stderr.write(f"\nNot written: {_reason(exc)}\nThe store at {args.out} was left as it was.\n")
        return 1
    summary = ", ".join(f"{name} {tables[name].height:,}" for name in store.TABLES)
    sys.stderr.write(f"Wrote {args.out} in {time.perf_counter() - started:.2f} s: {summary}\n")
    return 0


def _reason(exc: Exception) -> str:
    """An OSError as 'cannot use <path>: <reason>'; anything else as its own message."""
    if isinstance(exc, OSError):
        return f"cannot use {exc.filename or 'a file'}: {exc.strerror or exc}"
    return str(exc)


def _report_check(diffs: list[str]) -> int:
    for line in diffs:
        sys.stderr.write(f"  differs: {line}\n")
    sys.stderr.write("store is up to date\n" if not diffs else "store is out of date\n")
    return 1 if diffs else 0
