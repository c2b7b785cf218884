"""Settings: one typed object, flag > VIGIA_* > vigia.toml > default, every key documented."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from vigia.errors import ConfigError
from vigia.settings import Settings, load_settings

EXAMPLE = Path(__file__).resolve().parent.parent / "vigia.example.toml"


def test_defaults(isolated: Path):
    settings = load_settings()
    assert settings.data_dir == isolated
    assert settings.resolved_store_url == f"sqlite://{isolated / 'vigia.db'}"
    assert settings.keep_raw_authors is False and settings.console_host == "127.0.0.1"


def test_precedence_flag_over_env_over_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "vigia.toml").write_text('store_url = "sqlite:///from-toml.db"\nbatch_size = 7\n')
    assert load_settings().store_url == "sqlite:///from-toml.db"
    assert load_settings().batch_size == 7
    monkeypatch.setenv("VIGIA_STORE_URL", "sqlite:///from-env.db")
    assert load_settings().store_url == "sqlite:///from-env.db"
    assert load_settings(store_url="sqlite:///from-flag.db").store_url == "sqlite:///from-flag.db"
    assert load_settings(store_url=None).store_url == "sqlite:///from-env.db"


def test_config_file_option_and_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    other = tmp_path / "elsewhere.toml"
    other.write_text("console_port = 9000\n")
    assert load_settings(other).console_port == 9000
    monkeypatch.setenv("VIGIA_CONFIG", str(other))
    assert load_settings().console_port == 9000
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "missing.toml")


@pytest.mark.parametrize("content,field", [
    ("batch_size = 0\n", "batch_size"),
    ('languages = ["es", "de"]\n', "languages"),
    ("unknown_key = 1\n", "unknown_key"),
    ("console_port = [\n", None),
    ("elastic_replicas = -1\n", "elastic_replicas"),
    ('elastic_refresh_interval = "soon"\n', "elastic_refresh_interval"),
])
def test_bad_settings_are_one_clear_error(tmp_path: Path, content: str, field: str | None):
    (tmp_path / "vigia.toml").write_text(content)
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert "vigia.toml" in str(info.value)
    if field:
        assert f"'{field}'" in str(info.value)


def test_every_setting_is_documented_in_the_example():
    text = EXAMPLE.read_text(encoding="utf-8")
    documented = set(re.findall(r"^#?\s*\[{0,2}([a-z_]+)\]{0,2}\s*(?:=|$)", text, flags=re.MULTILINE))
    missing = set(Settings.model_fields) - documented
    assert not missing, f"add to vigia.example.toml: {sorted(missing)}"


def test_the_example_is_valid_settings(tmp_path: Path):
    (tmp_path / "vigia.toml").write_text(EXAMPLE.read_text(encoding="utf-8"))
    settings = load_settings()
    assert settings.languages == ["es", "pt", "en", "fr", "ht"]
    tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))


def test_nothing_else_reads_the_environment():
    root = Path(__file__).resolve().parent.parent
    offenders = [str(p.relative_to(root)) for folder in ("vigia", "nlp", "ui", "collectors")
                 for p in (root / folder).rglob("*.py")
                 if re.search(r"os\.environ|getenv", p.read_text())
                 and p.name != "settings.py"]
    assert offenders == []


def test_elasticsearch_index_settings_ride_on_the_store_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "vigia.toml").write_text('elastic_shards = 4\nelastic_replicas = 1\n')
    monkeypatch.setenv("VIGIA_STORE_URL", "http://es:9200/vigia")
    assert load_settings().resolved_store_url == "http://es:9200/vigia?shards=4&replicas=1"
    monkeypatch.setenv("VIGIA_ELASTIC_REFRESH_INTERVAL", "30s")
    url = load_settings(store_url="http://es:9200/vigia?refresh=false&replicas=0").resolved_store_url
    assert url == "http://es:9200/vigia?refresh=false&replicas=0&shards=4&refresh_interval=30s"  # the URL wins
    assert load_settings(store_url="sqlite:///v.db").resolved_store_url == "sqlite:///v.db"
