"""The production compose file, checked without Docker: parsed and held to what the deployment promises."""

from __future__ import annotations

from pathlib import Path

import yaml

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"


def compose() -> dict:
    return yaml.safe_load((DEPLOY / "docker-compose.yml").read_text(encoding="utf-8"))


def test_elasticsearch_8_with_security_and_a_password_from_the_env_file():
    es = compose()["services"]["elasticsearch"]
    assert es["image"].startswith("docker.elastic.co/elasticsearch/elasticsearch:8.")
    env = es["environment"]
    assert env["xpack.security.enabled"] == "true" and env["discovery.type"] == "single-node"
    assert env["ELASTIC_PASSWORD"].startswith("${ELASTIC_PASSWORD")
    assert "ELASTIC_PASSWORD" in (DEPLOY / "env.example").read_text()
    assert "healthcheck" in es and es.get("ports") is None  # never published to the host


def test_console_and_worker_use_the_node_and_the_console_stays_on_localhost():
    services = compose()["services"]
    assert {"elasticsearch", "console", "collector"} <= set(services)
    for name in ("console", "collector"):
        service = services[name]
        assert service["environment"]["VIGIA_STORE_URL"].startswith("http://elastic:${ELASTIC_PASSWORD}@elasticsearch:9200")
        assert service["depends_on"]["elasticsearch"]["condition"] == "service_healthy"
        assert (DEPLOY / service["build"]["dockerfile"].removeprefix("deploy/")).is_file()
        assert service["env_file"] == ".env"
    assert services["collector"]["command"] == ["vigia", "monitor"]
    assert all(port.startswith("127.0.0.1:") for port in services["console"]["ports"])


def test_no_secret_is_written_in_the_compose_file():
    text = (DEPLOY / "docker-compose.yml").read_text(encoding="utf-8")
    for line in text.splitlines():
        if "PASSWORD" in line and ":" in line and not line.strip().startswith("#"):
            assert "${ELASTIC_PASSWORD" in line or "$${ELASTIC_PASSWORD}" in line


def test_the_api_runs_beside_the_console_on_localhost_behind_the_proxy():
    api = compose()["services"]["api"]
    assert api["command"][:2] == ["vigia", "api"] and "8600" in api["command"]
    assert api["environment"]["VIGIA_STORE_URL"].startswith("http://elastic:${ELASTIC_PASSWORD}@elasticsearch:9200")
    assert api["environment"]["VIGIA_API_PUBLIC_URL"].endswith("/api/}")
    assert all(port.startswith("127.0.0.1:") for port in api["ports"])
    assert api["volumes"] == compose()["services"]["console"]["volumes"]  # the same keys and audit log
    nginx = (DEPLOY / "nginx-vigia.conf").read_text(encoding="utf-8")
    assert "location /api/ {\n        proxy_pass http://127.0.0.1:8600/;" in nginx
