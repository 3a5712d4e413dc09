"""Careless configuration, as a table: every page x a broken setting, file or store table.

Each case is a `.env` that is not UTF-8, an invalid setting (in the environment or in `.env`), a
standards or commitments file that is not UTF-8 or holds nan, inf or an out-of-range number, or a
store with a renamed or missing column or an empty values table. On every page: no exception, never
the generic "Sorry ... a problem in the dashboard itself", every error shown names the setting, file,
table or column; and each page that reads the broken thing says so (`MUST`), rather than showing a
page without it. Synthetic broken copies in a temporary folder; the committed files are not touched.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pytest

from accountability.settings import ROOT
from tests.app.conftest import assessed_text, open_page
from tests.conftest import STORE_DIR

GENERIC = "a problem in the dashboard itself"
PAGES = sorted(p.stem for p in (ROOT / "pages").glob("*.py"))
EVERY = frozenset(PAGES)
RULE = 'rule = "england_worst_quartile"\nbaseline_period = "2017-18"\n'
TARGET = "target_value = 100.0"


@dataclass(frozen=True)
class Case:
    """What is broken (`setup` returns environment variables to set), what the message must say, and the
    pages that must say it (the others may say nothing, but never anything generic or unnamed)."""

    setup: Callable[[Path, pytest.MonkeyPatch], dict[str, str]]
    says: tuple[str, ...]
    must: frozenset[str]


def _env_file(content: bytes) -> Callable[[Path, pytest.MonkeyPatch], dict[str, str]]:
    def setup(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
        (tmp / ".env").write_bytes(content)
        monkeypatch.chdir(tmp)  # the .env file is read from the working directory
        return {}

    return setup


def _toml(
    name: str, change: Callable[[str], str], setting: str
) -> Callable[[Path, pytest.MonkeyPatch], dict[str, str]]:
    def setup(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
        text = (ROOT / "data" / name).read_text(encoding="utf-8")
        changed = change(text)
        assert changed != text, f"the change to {name} found nothing to change"
        (tmp / name).write_bytes(changed.encode("latin-1") if "é" in changed else changed.encode("utf-8"))
        return {setting: str(tmp / name)}

    return setup


def _standards(change: Callable[[str], str]) -> Callable[[Path, pytest.MonkeyPatch], dict[str, str]]:
    return _toml("standards.toml", change, "DASHBOARD_STANDARDS_FILE")


def _commitments(change: Callable[[str], str]) -> Callable[[Path, pytest.MonkeyPatch], dict[str, str]]:
    return _toml("commitments.toml", change, "DASHBOARD_COMMITMENTS_FILE")


def _store(
    table: str, change: Callable[[pl.DataFrame], pl.DataFrame]
) -> Callable[[Path, pytest.MonkeyPatch], dict[str, str]]:
    def setup(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
        copy = tmp / "prepared"
        shutil.copytree(STORE_DIR, copy)
        change(pl.read_parquet(copy / f"{table}.parquet")).write_parquet(copy / f"{table}.parquet")
        return {"DASHBOARD_DATA_DIR": str(copy)}

    return setup


def _set(name: str, value: str) -> Callable[[Path, pytest.MonkeyPatch], dict[str, str]]:
    return lambda tmp, monkeypatch: {name: value}


def _not_utf8(text: str) -> str:
    first, rest = text.split("\n", 1)
    return f"{first}\n# café\n{rest}"  # written as Latin-1 by `_toml`: not UTF-8 on line 2


STANDARDS_READERS = frozenset({"floors", "reports"})
COMMITMENTS_READERS = frozenset({"home", "profile", "progress", "reports"})
CASES: dict[str, Case] = {
    "env-not-utf8": Case(
        _env_file(b"# settings\nDASHBOARD_DEFAULT_BENCHMARK=r\xe9gion\n"), (".env", "line 2", "not UTF-8"), EVERY
    ),
    "env-invalid-setting": Case(
        _env_file(b"DASHBOARD_DEFAULT_PERIOD=2022/23\n"), ("DASHBOARD_DEFAULT_PERIOD", "2022/23"), EVERY
    ),
    "invalid-setting": Case(_set("DASHBOARD_DEFAULT_BENCHMARK", "scotland"), ("DASHBOARD_DEFAULT_BENCHMARK",), EVERY),
    "standards-not-utf8": Case(_standards(_not_utf8), ("standards.toml", "line 2", "not UTF-8"), STANDARDS_READERS),
    "standards-nan": Case(
        _standards(lambda t: t.replace(RULE, "threshold = nan\n", 1)),
        ("standards.toml, line", "threshold"),
        STANDARDS_READERS,
    ),
    "standards-inf": Case(
        _standards(lambda t: t.replace(RULE, "threshold = inf\n", 1)),
        ("standards.toml, line", "threshold"),
        STANDARDS_READERS,
    ),
    "standards-1e308": Case(
        _standards(lambda t: t.replace(RULE, "threshold = 1e308\n", 1)),
        ("standards.toml, line", "threshold"),
        STANDARDS_READERS,
    ),
    "standards-negative": Case(
        _standards(lambda t: t.replace(RULE, "threshold = -5.0\n", 1)),
        ("standards.toml, line", "threshold"),
        STANDARDS_READERS,
    ),
    "commitments-not-utf8": Case(
        _commitments(_not_utf8), ("commitments.toml", "line 2", "not UTF-8"), COMMITMENTS_READERS
    ),
    "commitments-nan": Case(
        _commitments(lambda t: t.replace(TARGET, "target_value = nan", 1)),
        ("commitments.toml", "target_value"),
        COMMITMENTS_READERS,
    ),
    "commitments-inf": Case(
        _commitments(lambda t: t.replace(TARGET, "target_value = inf", 1)),
        ("commitments.toml", "target_value"),
        COMMITMENTS_READERS,
    ),
    "commitments-negative": Case(
        _commitments(lambda t: t.replace(TARGET, "target_value = -5.0", 1)),
        ("commitments.toml", "target_value"),
        COMMITMENTS_READERS,
    ),
    "values-renamed-column": Case(
        _store("values", lambda f: f.rename({"value": "val"})),
        ("table 'values' has no column 'value'",),
        frozenset({"compare", "floors"}),
    ),
    "councils-missing-column": Case(
        _store("councils", lambda f: f.drop("region")), ("table 'councils' has no column 'region'",), EVERY
    ),
    "values-empty": Case(
        _store("values", pl.DataFrame.clear), ("table 'values' is empty",), frozenset({"compare", "floors"})
    ),
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("case", sorted(CASES))
def test_a_broken_configuration_is_named_on_every_page(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, case: str, page: str
) -> None:
    broken = CASES[case]
    for name, value in broken.setup(tmp_path, monkeypatch).items():
        monkeypatch.setenv(name, value)
    at = open_page(f"pages/{page}.py", council="E08000025")
    assert not at.exception, at.exception
    errors = [str(e.value) for e in at.error]
    assert not any(GENERIC in e for e in errors), errors
    assert all(all(part in e for part in broken.says) for e in errors), (broken.says, errors)
    # a page that can go on without the broken part may say so as a warning (Home: "Progress is not shown")
    named = [str(m.value) for m in [*at.error, *at.warning] if all(part in str(m.value) for part in broken.says)]
    assert named or page not in broken.must, f"{page} shows no message for {case}"
    assert "achieved" not in assessed_text(at).lower() or not case.startswith("commitments")
