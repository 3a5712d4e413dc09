"""Replace the store with a newly built one, with its release's changes, bulk files and feeds.

Order: check the rules files (standards, commitments) the changes are judged by; read and check
the previous store; write the new store, its stamp and its changes table in one swap
(`store.write_store`); then, when a static folder is given, regenerate the bulk downloads and the
Atom feeds there (`prepare.static`), also in one swap. A bad rules file stops the build before
anything is written; a bad previous store only costs this release its changes table (said on
stderr and in release.json). This module does not build tables (see `prepare.build`).
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from accountability import store
from accountability.methods.commitments import Commitment, CommitmentsError, load_commitments
from accountability.methods.standards import Standard, StandardsError, load_standards
from accountability.prepare.previous import PreviousStoreError, read_previous
from accountability.prepare.release import Previous, changes_writer, describe
from accountability.prepare.static import write_static
from accountability.settings import Settings
from accountability.store.changes import ChangesUnavailable, read_changes
from accountability.store.release import Release


class RulesError(ValueError):
    """The standards or commitments file cannot be used to judge the changes; the message says where."""


@dataclass(frozen=True)
class Rules:
    standards: tuple[Standard, ...]
    commitments: tuple[Commitment, ...]


def load_rules(settings: Settings, measures: pl.DataFrame) -> Rules:
    """The floor standards and commitments, checked against the new measures registry."""
    try:
        standards = load_standards(settings.standards_file, measures)
        commitments = load_commitments(settings.commitments_file, measures)
    except (StandardsError, CommitmentsError) as exc:
        raise RulesError(str(exc)) from exc
    return Rules(tuple(standards), tuple(commitments))


def previous_store(out: Path, tables: dict[str, pl.DataFrame]) -> Previous:
    """The store being replaced: None (first release), whole, or the error that makes it unusable."""
    try:
        return read_previous(out, tables)
    except PreviousStoreError as exc:
        return exc


def publish(
    tables: dict[str, pl.DataFrame],
    out: Path,
    rules: Rules,
    static_dir: Path | None = None,
    *,
    quiet: bool = False,
    today: dt.date | None = None,
) -> Release:
    """Write the store with its changes (and, with `static_dir`, the bulk files and feeds)."""
    previous = previous_store(out, tables)
    writer = changes_writer(previous, tables, rules.standards, rules.commitments)
    release = store.write_store(tables, out, today=today, changes=writer)
    changes = current_changes(out)
    _say(describe(release, changes), quiet=quiet and not isinstance(previous, PreviousStoreError))
    if static_dir is not None:
        write_static(out, static_dir, release, changes, rules.commitments)
    return release


def current_changes(out: Path) -> pl.DataFrame | None:
    try:
        return read_changes(out)
    except ChangesUnavailable:
        return None


def _say(line: str, quiet: bool) -> None:
    if not quiet:
        sys.stderr.write(line + "\n")
