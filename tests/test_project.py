"""The fresh-machine contract and code quality: README commands, CI, lint, types."""

from __future__ import annotations

import re
import subprocess
import sys

from accountability.settings import ROOT


def _readme_commands() -> list[str]:
    blocks = re.findall(r"```bash\n(.*?)\n```", (ROOT / "README.md").read_text(), flags=re.S)
    return [b.strip() for b in blocks[:2]]


def test_readme_starts_with_the_two_setup_commands() -> None:
    text = (ROOT / "README.md").read_text()
    run, test = _readme_commands()
    assert text.index(run) < 200
    assert "streamlit run dashboard.py" in run and "requirements.txt" in run
    assert "pytest" in test and "chromium" in test and "requirements-dev.txt" in test


def test_ci_runs_the_readmes_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    assert _readme_commands()[1] in ci


def test_requirements_are_pinned() -> None:
    lines = [ln for ln in (ROOT / "requirements.txt").read_text().splitlines() if ln and not ln.startswith("#")]
    assert lines and all("==" in ln for ln in lines)


def test_domain_package_does_not_import_streamlit() -> None:
    offenders = [p.name for p in (ROOT / "accountability").rglob("*.py") if "import streamlit" in p.read_text()]
    assert offenders == []


def test_ruff_finds_nothing() -> None:
    out = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_mypy_finds_nothing() -> None:
    out = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
