"""The Docker image holds everything the app reads: the files deploy/Dockerfile copies are laid out in
a temporary folder exactly as its COPY lines say, the app is started from there (no repository, no
raw folder around it), and every page is opened. No Docker engine is needed (none is on this machine).
"""

from __future__ import annotations

import re
import shutil
import urllib.request
from pathlib import Path

import pytest

from benchmarks.loadkit import servers
from benchmarks.loadkit.tab import Rerun, Tab
from tests.e2e.conftest import ARTIFACTS, in_own_thread

pytestmark = pytest.mark.e2e

DOCKERFILE = servers.ROOT / "deploy" / "Dockerfile"


def _copy_like_the_image(dest: Path) -> list[str]:
    """Follow the Dockerfile's COPY lines (sources relative to the build context, the repository)."""
    copied = []
    for line in re.findall(r"^COPY (?!--from)(.+)$", DOCKERFILE.read_text(), re.M):
        *sources, target = line.split()
        into_folder = target.endswith("/") or target == "." or len(sources) > 1
        for src in sources:
            origin = servers.ROOT / src
            if origin.is_dir():
                shutil.copytree(origin, dest / target, ignore=shutil.ignore_patterns("__pycache__", "secrets.toml"))
            else:
                where = dest / target / origin.name if into_folder else dest / target
                where.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(origin, where)
            copied.append(src)
    return copied


async def _open_every_page(port: int) -> list[Rerun]:
    tab = Tab("127.0.0.1", port, "", "/?council=E08000025", timeout=120)
    await tab.open()
    try:
        visits = [await tab.rerun(Rerun(0, "home", "load"), first=True)]
        for url_path in sorted(p for p in tab.pages if p):
            assert tab.go_to(url_path)
            visits.append(await tab.rerun(Rerun(0, url_path, "navigate")))
        return visits
    finally:
        await tab.close()


def test_the_app_runs_from_the_files_the_image_copies(tmp_path: Path) -> None:
    copied = _copy_like_the_image(tmp_path)
    assert "data/prepared/" in copied and "dashboard.py" in copied
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = ARTIFACTS / "image_tree.log"
    with servers.replicas(tmp_path / "dashboard.py", 1, log=log, cwd=tmp_path) as reps:
        visits = in_own_thread(_open_every_page(reps[0].port))
        # the bulk downloads and feeds the pages link to are served from the image too
        for path in ("/app/static/data/all_values.csv.gz", "/app/static/feeds/E08000025.xml"):
            with urllib.request.urlopen(f"http://127.0.0.1:{reps[0].port}{path}", timeout=30) as reply:
                assert reply.status == 200 and reply.read(1), path
    assert len(visits) >= 13, [v.page for v in visits]  # Home and every other page in the navigation
    failed = [(v.page, v.status, v.detail) for v in visits if v.status != "ok"]
    assert failed == []
