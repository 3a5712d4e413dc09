"""The servers under test, started and always stopped by the benchmark and the replica test:
`streamlit run` replicas on free loopback ports, and Debian's nginx in front of them with the
project's own configuration (deploy/nginx/dashboard.conf) wrapped in a main file that keeps every
path inside a temporary folder (no root paths, no system nginx touched).

Nothing here runs anything but loopback servers, and every wait is bounded.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NGINX_CONF = ROOT / "deploy" / "nginx" / "dashboard.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# One cookie secret for every replica: Streamlit signs its XSRF cookie with it, so a browser moved to
# another replica (after one stops) is still accepted. Benchmarks and tests only; deployments set their own.
TEST_COOKIE_SECRET = "load-test-only-not-a-secret"  # noqa: S105 (deliberately public)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server for {url} exited early with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:  # noqa: S310 (http://127.0.0.1 only)
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"no answer from {url}/_stcore/health within {timeout:.0f} s")


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


@dataclass
class Replica:
    port: int
    proc: subprocess.Popen[bytes] | None  # None: a server this code did not start (and will not stop)
    pid: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def existing(port: int) -> Replica:
    """A server already listening on 127.0.0.1:`port` (e.g. to compare instruments on one server)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as f:
            for cols in (line.split() for line in list(f)[1:]):
                if cols[3] == "0A" and int(cols[1].rsplit(":", 1)[1], 16) == port:
                    inodes.add(f"socket:[{cols[9]}]")
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if any(os.readlink(f"/proc/{pid}/fd/{fd}") in inodes for fd in os.listdir(f"/proc/{pid}/fd")):
                return Replica(port, None, int(pid))
        except OSError:
            continue
    raise RuntimeError(f"no process listens on 127.0.0.1:{port}")


def start_replica(script: Path, options: Sequence[str] = (), log: Path | None = None, cwd: Path = ROOT) -> Replica:
    """`streamlit run script` on a free loopback port; `options` are extra `--section.key=value` flags,
    or `env:NAME=value` for the server's environment (e.g. a PYTHONPATH to try without a library).
    Streamlit reads .streamlit/config.toml from `cwd`: the repository's for the dashboard, an empty
    folder for a page that should run with Streamlit's defaults."""
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.address=127.0.0.1"]
    cmd += [f"--server.port={port}", "--server.headless=true", "--browser.gatherUsageStats=false"]
    cmd += ["--server.fileWatcherType=none", *(o for o in options if not o.startswith("env:"))]
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "STREAMLIT_SERVER_COOKIE_SECRET": TEST_COOKIE_SECRET}
    env |= dict(o.removeprefix("env:").split("=", 1) for o in options if o.startswith("env:"))
    out = log.open("ab") if log else subprocess.DEVNULL
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    replica = Replica(port, proc, proc.pid)
    try:
        wait_healthy(replica.url, proc)
    except BaseException:
        stop(proc)
        raise
    return replica


@contextmanager
def replicas(
    script: Path, count: int, options: Sequence[str] = (), log: Path | None = None, cwd: Path = ROOT
) -> Iterator[list[Replica]]:
    started: list[Replica] = []
    try:
        for _ in range(count):
            started.append(start_replica(script, options, log, cwd))
        yield started
    finally:
        for r in started:
            if r.proc is not None:
                stop(r.proc)


def site_config(ports: Sequence[int], listen: int) -> str:
    """deploy/nginx/dashboard.conf with its upstream servers and listen port replaced: the shipped
    file itself is what is tested, not a copy of it."""
    text = NGINX_CONF.read_text()
    shipped = re.search(r"^\s*server 127\.0\.0\.1:\d+ (.*);$", text, re.M)
    params = f" {shipped.group(1)}" if shipped else ""
    servers = "".join(f"    server 127.0.0.1:{p}{params};\n" for p in ports)
    text, n = re.subn(
        r"(upstream dashboard \{\n(?:\s*#.*\n|\s*hash .*\n)*)(?:\s*server .*\n)+", r"\g<1>" + servers, text
    )
    text, m = re.subn(r"listen \d+;", f"listen 127.0.0.1:{listen};", text)
    if n != 1 or m != 1:
        raise ValueError(f"{NGINX_CONF}: expected one upstream 'dashboard' with server lines and one 'listen'")
    return text


def main_config(folder: Path, site: Path) -> str:
    """A main nginx.conf whose every path is inside `folder`; the access log records the replica."""
    return f"""worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    log_format replica '$remote_addr "$request" $status upstream=$upstream_addr cookie=$cookie_dashboard_replica';
    access_log {folder}/access.log replica;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {site};
}}
"""


@dataclass
class Nginx:
    port: int
    folder: Path
    proc: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def access_log(self) -> str:
        path = self.folder / "access.log"
        return path.read_text() if path.exists() else ""


@contextmanager
def nginx(ports: Sequence[int]) -> Iterator[Nginx]:
    """Debian's nginx on a free loopback port in front of `ports`, configured in a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="dashboard-nginx-") as tmp:
        folder = Path(tmp)
        folder.chmod(0o755)  # nginx's workers run as an unprivileged user when started as root
        listen = free_port()
        site = folder / "dashboard.conf"
        site.write_text(site_config(ports, listen))
        conf = folder / "nginx.conf"
        conf.write_text(main_config(folder, site))
        base = [NGINX, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(conf)]
        check = subprocess.run([*base, "-t"], capture_output=True, text=True, timeout=30, check=False)
        if check.returncode != 0:
            raise RuntimeError(f"nginx -t rejected the configuration:\n{check.stderr}")
        proc = subprocess.Popen([*base, "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        server = Nginx(listen, folder, proc)
        try:
            wait_healthy(server.url, proc, timeout=30)
            yield server
        finally:
            stop(proc)
