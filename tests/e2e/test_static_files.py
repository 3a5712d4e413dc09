"""The running app serves the bulk downloads and feeds (Streamlit static serving, /app/static/).

Fetched over HTTP from a real `streamlit run`, as a feed reader or a script would: each answers 200
with the content type a client needs, and the bytes are the files prepare wrote.
"""

from __future__ import annotations

import gzip
import json
import urllib.error
import urllib.request

import feedparser
import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import ROOT

pytestmark = pytest.mark.e2e


def fetch(url: str) -> tuple[int, str, bytes]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.headers.get("Content-Type", ""), response.read()


def test_the_data_package_and_a_bulk_file_are_served(app_url: str) -> None:
    status, kind, body = fetch(f"{app_url}/app/static/data/datapackage.json")
    assert (status, kind) == (200, "application/json")
    package = json.loads(body)
    tidy = next(r for r in package["resources"] if r["name"] == "all-values")
    status, kind, body = fetch(f"{app_url}/app/static/data/{tidy['path']}")
    assert (status, kind) == (200, "application/gzip")
    assert body == (ROOT / "static" / "data" / tidy["path"]).read_bytes()
    assert gzip.decompress(body).startswith(b"area_type,area_code,area_name")


def test_a_councils_feed_is_served_and_parses(app_url: str) -> None:
    status, kind, body = fetch(f"{app_url}/app/static/feeds/E08000025.xml")
    assert status == 200 and "xml" in kind
    parsed = feedparser.parse(body)
    assert not parsed.bozo and parsed.feed.title.startswith("What changed: Birmingham")


def test_a_missing_static_file_is_a_plain_404_not_the_app(app_url: str) -> None:
    with pytest.raises(urllib.error.HTTPError) as caught:
        fetch(f"{app_url}/app/static/data/no-such-file.csv.gz")
    assert caught.value.code == 404


def test_a_browser_download_of_the_tidy_csv(page: Page, app_url: str) -> None:
    response = page.request.get(f"{app_url}/app/static/data/all_values.csv.gz")
    assert response.ok and response.headers["content-type"] == "application/gzip"
