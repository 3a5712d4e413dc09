"""Bad configuration gets a message naming the setting, file, line or key, never the generic "Sorry".

Before: a `.env` file that is not UTF-8 broke every page with a traceback; an invalid
DASHBOARD_DEFAULT_PERIOD was silently ignored; a non-UTF-8 standards file, a floor of 1e308 and a
target of nan got the generic message or no message at all (nan turned "off track" into "achieved").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from accountability.settings import ROOT
from tests.app.conftest import open_page, texts

GENERIC = "a problem in the dashboard itself"
RULE = 'rule = "england_worst_quartile"\nbaseline_period = "2017-18"\n'


def named(at: object, *parts: str) -> bool:
    """One error message on the page holds every part, and the page raised nothing."""
    assert not at.exception, at.exception  # type: ignore[attr-defined]
    errors = [e.value for e in at.error]  # type: ignore[attr-defined]
    assert not any(GENERIC in e for e in errors), errors
    return any(all(part in e for part in parts) for e in errors)


def test_a_env_file_that_is_not_utf8_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".env").write_bytes(b"# settings for the council dashboard\nDASHBOARD_DEFAULT_BENCHMARK=r\xe9gion\n")
    monkeypatch.chdir(tmp_path)
    at = open_page()
    assert named(at, str(tmp_path / ".env"), "line 2", "not UTF-8")


def test_an_invalid_default_period_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_DEFAULT_PERIOD", "2022/23")
    at = open_page()
    assert named(at, "DASHBOARD_DEFAULT_PERIOD", "2022/23")


def test_a_standards_file_that_is_not_utf8_is_named_on_floors(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bad = tmp_path / "standards.toml"
    first, rest = (ROOT / "data" / "standards.toml").read_bytes().split(b"\n", 1)
    bad.write_bytes(first + b"\n# caf\xe9\n" + rest)
    monkeypatch.setenv("DASHBOARD_STANDARDS_FILE", str(bad))
    at = open_page("pages/floors.py")
    assert named(at, "standards.toml", "line 2", "not UTF-8")


def test_a_floor_of_1e308_is_named_with_its_line_and_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bad = tmp_path / "standards.toml"
    bad.write_text(
        (ROOT / "data" / "standards.toml").read_text(encoding="utf-8").replace(RULE, "threshold = 1e308\n", 1)
    )
    monkeypatch.setenv("DASHBOARD_STANDARDS_FILE", str(bad))
    at = open_page("pages/floors.py")
    assert named(at, "standards.toml, line", "threshold = 1e+308 is outside the range", "0 to 100")


@pytest.mark.parametrize("target", ["nan", "-5.0", "inf"])
def test_an_impossible_target_is_named_on_progress(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, target: str
) -> None:
    bad = tmp_path / "commitments.toml"
    text = (ROOT / "data" / "commitments.toml").read_text(encoding="utf-8")
    bad.write_text(text.replace("target_value = 100.0", f"target_value = {target}", 1))
    monkeypatch.setenv("DASHBOARD_COMMITMENTS_FILE", str(bad))
    at = open_page("pages/progress.py")
    assert named(at, "commitments.toml:17", "target_value")
    assert "achieved" not in texts(at).lower()  # nothing is assessed against an impossible target
