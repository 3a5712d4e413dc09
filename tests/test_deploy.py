"""The deployment files in deploy/, checked offline: the Dockerfile with hadolint and for what it must
contain, the Kubernetes manifests against the Kubernetes schemas (kubernetes-validate, strict) and
for how they fit together, and the nginx configuration with `nginx -t`. No Docker engine or cluster
is needed; the running checks (two replicas behind nginx, the image's file tree) are in tests/e2e/.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from accountability.settings import ROOT
from benchmarks.loadkit import servers

DEPLOY = ROOT / "deploy"
DOCKERFILE = DEPLOY / "Dockerfile"
MANIFESTS = sorted((DEPLOY / "kubernetes").glob("*.yaml"))
# The oldest Kubernetes still commonly run and the newest the validator knows: an API removed in between fails.
K8S_VERSIONS = ("1.29.0", kubernetes_validate.utils.latest_version())


def _docs() -> dict[str, dict[str, Any]]:
    docs = [d for p in MANIFESTS for d in yaml.safe_load_all(p.read_text()) if d]
    assert docs, "no Kubernetes manifests in deploy/kubernetes"
    return {d["kind"]: d for d in docs}


def test_dockerfile_passes_hadolint() -> None:
    hadolint = shutil.which("hadolint") or str(Path(sys.executable).parent / "hadolint")
    out = subprocess.run([hadolint, str(DOCKERFILE)], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stdout + out.stderr


def test_dockerfile_is_slim_non_root_with_store_and_health_check() -> None:
    text = DOCKERFILE.read_text()
    assert re.search(r"^FROM python:3\.11-slim", text, re.M)
    user = re.findall(r"^USER (\S+)", text, re.M)
    assert user and user[-1] not in ("root", "0")
    assert "COPY data/prepared/ data/prepared/" in text
    assert re.search(r"^HEALTHCHECK .*\n?.*/_stcore/health", text, re.M)
    assert "EXPOSE 8501" in text


@pytest.mark.parametrize("version", K8S_VERSIONS)
@pytest.mark.parametrize("path", MANIFESTS, ids=[p.name for p in MANIFESTS])
def test_manifest_is_valid_kubernetes(path: Path, version: str) -> None:
    docs = [d for d in yaml.safe_load_all(path.read_text()) if d]
    assert docs, f"{path.name} holds no resource"
    for doc in docs:
        kubernetes_validate.validate(doc, version, strict=True)  # raises, naming the field, on any error


def test_manifests_fit_together() -> None:
    docs = _docs()
    assert {"Deployment", "Service", "Ingress", "HorizontalPodAutoscaler"} <= docs.keys()
    deployment, service = docs["Deployment"], docs["Service"]
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= labels.items()
    backend = docs["Ingress"]["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == service["metadata"]["name"]
    target = docs["HorizontalPodAutoscaler"]["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", deployment["metadata"]["name"])
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    assert container["ports"][0]["containerPort"] == 8501
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"]["path"] == "/_stcore/health"
    assert any(e["name"] == "STREAMLIT_SERVER_COOKIE_SECRET" for e in container["env"])


def test_ingress_keeps_each_browser_on_one_replica() -> None:
    notes = _docs()["Ingress"]["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert notes["nginx.ingress.kubernetes.io/affinity-mode"] == "persistent"
    # longer than Streamlit's 30 s websocket ping, so an idle tab's websocket is never cut
    assert int(notes["nginx.ingress.kubernetes.io/proxy-read-timeout"]) > 30


def test_nginx_accepts_the_configuration(tmp_path: Path) -> None:
    site = tmp_path / "dashboard.conf"
    site.write_text(servers.site_config([8501, 8502, 8503], 8080))
    conf = tmp_path / "nginx.conf"
    conf.write_text(servers.main_config(tmp_path, site))
    cmd = [servers.NGINX, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(conf)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr


def test_nginx_configuration_has_affinity_and_websocket_upgrade() -> None:
    text = servers.NGINX_CONF.read_text()
    assert re.search(r"hash \$dashboard_route consistent;", text)
    assert "$cookie_dashboard_replica" in text and "add_header Set-Cookie $dashboard_set_cookie;" in text
    assert "proxy_set_header Upgrade $http_upgrade;" in text and "proxy_http_version 1.1;" in text


def test_site_config_replaces_only_servers_and_port() -> None:
    shipped = servers.NGINX_CONF.read_text()
    tested = servers.site_config([9001], 9000)
    assert "server 127.0.0.1:9001 " in tested and "listen 127.0.0.1:9000;" in tested
    assert "server 127.0.0.1:8501" not in tested
    strip = re.compile(r"^\s*(server 127\.0\.0\.1:\d+ .*|listen .*)\n", re.M)
    assert strip.sub("", shipped) == strip.sub("", tested)


def test_setup_command_installs_nginx() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"apt-get install -y [^&]*\bnginx\b", ci)
