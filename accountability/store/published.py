"""What bulk downloads and feeds exist for the app to link to, read from its static folder.

`python -m accountability.prepare` writes them under `static/` (`prepare.static`); Streamlit serves
that folder at /app/static/ when `server.enableStaticServing` is on. The app must start without
them (a fresh deployment may not have them), so `bulk_catalogue` never raises: it reports what is
there, what is missing and why, and which release the files were made from, for the methods page
to say so. It only reads `datapackage.json`, `feeds/index.json` and file sizes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

STATIC_URL = "/app/static"
DATA_FOLDER, FEEDS_FOLDER = "data", "feeds"
PACKAGE_FILE, FEED_INDEX = "datapackage.json", "index.json"


@dataclass(frozen=True)
class BulkFile:
    """One download: the resource's name and title, its address in the app, format, size in bytes."""

    name: str
    title: str
    url: str
    format: str
    bytes: int | None
    exists: bool


@dataclass(frozen=True)
class FeedLink:
    area_type: str  # england, region or council
    code: str
    name: str
    url: str


@dataclass(frozen=True)
class BulkCatalogue:
    """What the static folder offers. `problem` says, in plain words, what is missing or wrong."""

    files: tuple[BulkFile, ...]
    feeds: tuple[FeedLink, ...]
    package_url: str | None
    content_hash: str | None
    released: str | None
    problem: str | None

    @property
    def available(self) -> bool:
        return bool(self.files) and all(f.exists for f in self.files)

    def matches(self, content_hash: str) -> bool:
        """Whether the files were made from the store release with this content hash."""
        return self.content_hash == content_hash

    def feed_for(self, code: str) -> FeedLink | None:
        return next((feed for feed in self.feeds if feed.code == code), None)


def bulk_catalogue(static_dir: Path) -> BulkCatalogue:
    """The downloads and feeds under `static_dir` (see the module doc); never raises."""
    feeds, feed_problem = _feeds(static_dir / FEEDS_FOLDER)
    package_path = static_dir / DATA_FOLDER / PACKAGE_FILE
    if not package_path.exists():
        absent = "The bulk downloads have not been generated here (run `python -m accountability.prepare`)."
        return BulkCatalogue((), feeds, None, None, None, _join(absent, feed_problem))
    try:
        package = json.loads(package_path.read_text(encoding="utf-8"))
        files = tuple(_file(static_dir / DATA_FOLDER, resource) for resource in package["resources"])
        release = package.get("release", {})
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        unreadable = f"The bulk downloads' description ({PACKAGE_FILE}) cannot be read: {exc}."
        return BulkCatalogue((), feeds, None, None, None, _join(unreadable, feed_problem))
    missing = [f.title for f in files if not f.exists]
    problem = f"Some bulk files are missing: {', '.join(missing)}." if missing else None
    url = f"{STATIC_URL}/{DATA_FOLDER}/{PACKAGE_FILE}"
    return BulkCatalogue(
        files, feeds, url, release.get("content_hash"), release.get("released"), _join(problem, feed_problem)
    )


def _file(folder: Path, resource: dict[str, object]) -> BulkFile:
    relative = str(resource["path"])
    path = folder / relative
    exists = path.is_file() and ".." not in Path(relative).parts
    return BulkFile(
        name=str(resource["name"]),
        title=str(resource.get("title", resource["name"])),
        url=f"{STATIC_URL}/{DATA_FOLDER}/{relative}",
        format=str(resource.get("format", "")),
        bytes=path.stat().st_size if exists else None,
        exists=exists,
    )


def _feeds(folder: Path) -> tuple[tuple[FeedLink, ...], str | None]:
    index = folder / FEED_INDEX
    if not index.exists():
        return (), "The feeds have not been generated here."
    try:
        entries = json.loads(index.read_text(encoding="utf-8"))
        links = tuple(FeedLink(str(e["area_type"]), str(e["code"]), str(e["name"]), str(e["url"])) for e in entries)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        return (), f"The feeds' index ({FEED_INDEX}) cannot be read: {exc}."
    return tuple(link for link in links if (folder / f"{link.code}.xml").is_file()), None


def _join(*problems: str | None) -> str | None:
    found = [p for p in problems if p]
    return " ".join(found) if found else None
