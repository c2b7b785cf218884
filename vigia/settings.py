"""The one typed settings object: defaults < vigia.toml < VIGIA_* variables < command-line flags."""

from __future__ import annotations

import os
import secrets
from contextvars import ContextVar
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import parse_qs, quote, urlencode, urlsplit, urlunsplit

from pydantic import (BaseModel, ConfigDict, Field, SecretStr, ValidationError, ValidationInfo, field_validator,
                      model_validator)
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from vigia import __version__
from vigia.errors import ConfigError

REPO_DATA = Path(__file__).resolve().parent.parent / "data"
LANGUAGES = ("es", "pt", "en", "fr", "ht")
_toml_path: ContextVar[Path] = ContextVar("vigia_toml_path", default=Path("vigia.toml"))


class SourceConfig(BaseModel):
    """One collection source: which spider runs, with which options."""

    name: str = Field(description="Unique source id, e.g. 'mastodon-venezolanos'.")
    spider: str = Field(description="Spider name under collectors/spiders/.")
    enabled: bool = True
    interval_minutes: int = Field(default=60, ge=1, description="How often `vigia monitor` runs this source.")
    options: dict[str, Any] = Field(default_factory=dict, description="Spider-specific options.")


class CampaignConfig(BaseModel):
    """A counter-speech campaign whose effect `vigia campaign NAME` measures (dates are UTC days, inclusive)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, description="Unique campaign name, e.g. 'xenofobia-cero-2026'.")
    hashtags: list[str] = Field(default_factory=list, description="The campaign's own hashtags, e.g. ['#XenofobiaCero'].")
    start: date = Field(description="First day of the campaign.")
    end: date = Field(description="Last day of the campaign.")
    countries: list[str] = Field(default_factory=list, description="ISO codes the campaign targets; empty: all.")
    comparison_countries: list[str] = Field(
        default_factory=list, description="A comparison region: ISO codes of countries the campaign did not reach, "
                                          "measured over the same days; empty: none.")
    comparison_start: date | None = Field(
        default=None, description="A comparison period: the first day of a stretch as long as the campaign (e.g. "
                                  "the same days a year earlier), measured in the campaign's countries; unset: none.")

    @field_validator("countries", "comparison_countries")
    @classmethod
    def _iso_countries(cls, value: list[str]) -> list[str]:
        codes = [c.strip().upper() for c in value]
        bad = [c for c in codes if len(c) != 2 or not c.isalpha()]
        if bad:
            raise ValueError(f"countries must be two-letter ISO codes, not {bad}")
        return codes

    @model_validator(mode="after")
    def _ordered(self) -> CampaignConfig:
        if self.end < self.start:
            raise ValueError(f"campaign '{self.name}' ends ({self.end}) before it starts ({self.start})")
        if self.comparison_countries and not self.countries:
            raise ValueError(f"campaign '{self.name}' covers every country: a comparison region needs its countries")
        if shared := sorted(set(self.comparison_countries) & set(self.countries)):
            raise ValueError(f"campaign '{self.name}': the comparison region holds campaign countries {shared}")
        if self.comparison_start == self.start:
            raise ValueError(f"campaign '{self.name}': the comparison period starts on the campaign's first day")
        return self


class ConsoleUser(BaseModel):
    """A console account. Passwords are stored only as hashes."""

    username: str
    role: Literal["viewer", "annotator", "admin"] = "viewer"
    password_hash: str = Field(description="Hash made by `vigia users hash-password`.")


class OIDCConfig(BaseModel):
    """Console log-in through the organisation's OpenID Connect identity provider (Streamlit's st.login)."""

    model_config = ConfigDict(extra="forbid")

    provider: str = Field(min_length=1, description="Name on the log-in button, e.g. 'Google' or 'Microsoft'.")
    client_id: str = Field(min_length=1, description="The console's client id at the provider.")
    client_secret: SecretStr = Field(description="The console's client secret at the provider.")
    server_metadata_url: str = Field(
        description="The provider's discovery document (…/.well-known/openid-configuration).")
    redirect_uri: str = Field(
        description="The console's public address + /oauth2callback, registered at the provider.")
    cookie_secret: SecretStr | None = Field(
        default=None, description="Signs the log-in cookie; generated in data_dir if unset.")

    @field_validator("server_metadata_url", "redirect_uri")
    @classmethod
    def _absolute_url(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError(f"must be an absolute http(s):// address, not '{value}'")
        return value

    @field_validator("redirect_uri")
    @classmethod
    def _callback_path(cls, value: str) -> str:
        if not value.rstrip().endswith("/oauth2callback"):
            raise ValueError(f"must end with /oauth2callback (Streamlit's callback path), not '{value}'")
        return value


class Settings(BaseSettings):
    """Everything Vigía can be configured with. Each field is documented in vigia.example.toml."""

    model_config = SettingsConfigDict(
        env_prefix="VIGIA_", extra="forbid", validate_default=True, case_sensitive=False
    )

    data_dir: Path = Field(
        default=Path("~/.local/share/vigia"),
        description="Where the embedded store, quarantine files and keys live.",
    )
    store_url: str | None = Field(
        default=None,
        description="sqlite:///path/vigia.db or http://host:9200; default: vigia.db in data_dir.",
    )
    store_password_file: Path | None = Field(
        default=None, description="File holding the password of store_url's Elasticsearch user (a Docker secret), "
                                  "e.g. /run/secrets/vigia_es_password with store_url http://vigia@host:9200/vigia.")
    elastic_shards: int | None = Field(
        default=None, ge=1, description="Primary shards of a new Elasticsearch posts index (unset: 1); an existing "
                                        "corpus takes a new count with `vigia reindex`.")
    elastic_replicas: int | None = Field(
        default=None, ge=0, description="Replicas of each shard of the Elasticsearch indices (unset: 0, right for "
                                        "one node; 1 on a cluster); applied to the corpus's indices when it opens.")
    elastic_refresh_interval: str | None = Field(
        default=None, pattern=r"^(-1|\d+(ms|s|m))$",
        description="How often Elasticsearch makes new posts searchable, e.g. 1s (unset) or 30s under heavy load.")
    pseudonym_key: SecretStr | None = Field(
        default=None,
        description="Secret for the keyed hash of author handles; generated in data_dir if unset.",
    )
    keep_raw_authors: bool = Field(
        default=False, description="Also store raw author handles (off: only pseudonyms)."
    )
    retention_days: int | None = Field(
        default=None, ge=1, description="`vigia retention` removes the text of posts older than this (None: keep)."
    )
    languages: list[str] = Field(
        default=list(LANGUAGES), description="Languages the language identifier may answer."
    )
    lexicon_path: Path = Field(
        default=REPO_DATA / "lexicons" / "targets.yaml",
        description="Gazetteer of target groups, migration terms and slurs.",
    )
    myth_taxonomy_path: Path = Field(
        default=REPO_DATA / "myths" / "taxonomy.yaml", description="The migration-myth taxonomy."
    )
    import_profiles_dir: Path = Field(
        default=REPO_DATA / "import_profiles", description="Column mappings for `vigia import --profile`."
    )
    demo_path: Path = Field(
        default=REPO_DATA / "demo" / "posts.jsonl", description="The synthetic demo corpus `vigia demo` loads."
    )
    models_dir: Path = Field(
        default=Path("~/.cache/vigia/models"), description="Where trained and bootstrapped models live."
    )
    datasets_dir: Path = Field(
        default=REPO_DATA.parent.parent / "shared" / "datasets",
        description="Training and evaluation corpora (read in place, never copied into the repository).",
    )
    classifier_dir: Path = Field(
        default=REPO_DATA / "models" / "vigia-xeno-e5",
        description="The trained classifier (heads, thresholds, manifest) the pipeline runs.",
    )
    precision: Literal["auto", "fp32", "bf16", "int8"] = Field(
        default="auto", description="What the classifier's encoder computes in: auto (bf16 where the processor "
                                    "has it natively, else fp32), fp32, bf16 or int8.")
    device: Literal["auto", "cpu", "cuda"] = Field(
        default="auto", description="Where the encoder trains and classifies: auto (a CUDA GPU when torch sees one, "
                                    "else the CPU), cpu or cuda.",
    )
    batch_size: int = Field(default=500, ge=1, le=100_000, description="Records per pipeline batch.")
    contact_email: str | None = Field(
        default=None, description="Contact address named in collectors' User-Agent."
    )
    sources: list[SourceConfig] = Field(default_factory=list, description="Collection sources.")
    rate_limit_max_wait: float = Field(
        default=300.0, ge=0, description="Longest wait (seconds) for a platform's stated rate-limit reset before a "
                                         "request is given up; the crawl then resumes at the same cursor.")
    monitor_concurrency: int = Field(
        default=2, ge=1, le=32, description="Sources `vigia monitor` runs at the same time.")
    source_lease_ttl_s: float = Field(
        default=300, ge=1, description="Seconds a source's lease in the store lasts unless its crawl renews it (a "
                                       "monitor that died frees its sources after this).")
    classify_on_collect: bool = Field(
        default=True, description="Collectors and imports run the classifier on each post; false: they store posts "
                                  "with the lexicon's cues only and `vigia classify --workers N` labels them.")
    classify_slices: int = Field(
        default=8, ge=1, le=1024, description="Slices the classification workers divide the posts into.")
    classify_batch_size: int = Field(
        default=64, ge=1, le=10_000, description="Posts a classification worker labels between two lease renewals.")
    classify_lease_ttl_s: float = Field(
        default=120, gt=0, description="Seconds a worker's lease on a slice lasts unless renewed; a killed worker's "
                                       "slice is taken over after this.")
    classify_poll_s: float = Field(
        default=10, gt=0, description="`vigia classify --follow`: seconds between two looks for new posts.")
    console_host: str = Field(default="127.0.0.1", description="Address the console binds to.")
    console_port: int = Field(default=8501, ge=1, le=65535, description="Port of the console.")
    console_language: Literal["es", "pt", "en"] = Field(
        default="es", description="Default language of the console."
    )
    console_users: list[ConsoleUser] = Field(default_factory=list, description="Console accounts.")
    console_token_hash: str | None = Field(
        default=None, description="Set by `vigia serve` for its one-time admin password when no accounts exist."
    )
    console_session_hours: float = Field(
        default=12, gt=0, le=24 * 30, description="How long a console log-in lasts (kept in a signed cookie).")
    console_session_key: SecretStr | None = Field(
        default=None, description="Signs the console's session cookie; generated in data_dir if unset.")
    console_oidc: OIDCConfig | None = Field(
        default=None, description="Log in through an OpenID Connect provider instead of console_users.")
    console_oidc_roles: dict[str, Literal["viewer", "annotator", "admin"]] = Field(
        default_factory=dict, description="Role of each e-mail address ('ana@org.example') or domain "
                                          "('*@org.example') logging in through console_oidc; others are refused.")
    console_url: str | None = Field(
        default=None, description="The console's address as people reach it, for the links in alerts and reports; "
                                  "default: http://console_host:console_port.")
    notify_urls: Annotated[list[SecretStr], NoDecode] = Field(
        default_factory=list, description="Apprise URLs `vigia alerts run` sends alerts to (mailtos://, json://, "
                                          "slack://, tgram://, …); in VIGIA_NOTIFY_URLS separated by spaces. Secret.")
    api_host: str = Field(default="127.0.0.1", description="Address `vigia api` binds to.")
    api_port: int = Field(default=8600, ge=1, le=65535, description="Port of `vigia api`.")
    api_public_url: str | None = Field(
        default=None, description="The API's address as clients reach it (behind a proxy), e.g. "
                                  "https://vigia.example.org/api/; default: the address each request came to.")
    api_rate_limit: int = Field(
        default=60, ge=0, description="Calls per minute each API key may make (0: no limit).")
    api_max_texts: int = Field(default=100, ge=1, le=10_000, description="Texts one /v1/analyze call may send.")
    api_store_analyzed: bool = Field(
        default=False, description="Keep the texts the API analyzes in the store (never those sent with "
                                   "doNotStore).")
    campaigns: list[CampaignConfig] = Field(
        default_factory=list, description="Counter-speech campaigns to compare before, during and after.")
    review_margin: float = Field(
        default=0.05, gt=0, lt=0.5, description="Revisión's validation mode: the half-width of the 95 % interval "
                                                "on a share its sample is sized for, per language (0.05: ±5 points).")
    review_overlap_share: float = Field(
        default=0.2, ge=0, le=1, description="Share of each reviewer's validation sample that another reviewer also "
                                             "judges (for Cohen's kappa and adjudication).")
    review_sample_seed: int = Field(
        default=19, description="Seed of the validation sample; change it to draw a fresh sample.")
    review_holdout_share: float = Field(
        default=0.3, gt=0, lt=1, description="`vigia train --with-reviews`: share of the judged posts kept out of "
                                             "training, on which the candidate must beat the model in use.")

    @field_validator("data_dir", "models_dir", "datasets_dir", "classifier_dir", "lexicon_path",
                     "myth_taxonomy_path", "import_profiles_dir", "demo_path")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

    @field_validator("api_public_url")
    @classmethod
    def _api_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not value.startswith(("https://", "http://")):
            raise ValueError(f"must be an absolute http(s):// address, not '{value}'")
        return value.rstrip("/") + "/"

    @field_validator("console_url")
    @classmethod
    def _console_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError(f"must be an absolute http(s):// address, not '{value}'")
        return value.rstrip("/") if value else value

    @field_validator("notify_urls", mode="before")
    @classmethod
    def _split_notify_urls(cls, value: Any) -> Any:
        return value.split() if isinstance(value, str) else value

    @field_validator("languages")
    @classmethod
    def _known_languages(cls, value: list[str]) -> list[str]:
        unknown = sorted(set(value) - set(LANGUAGES))
        if unknown:
            raise ValueError(f"unsupported languages {unknown}; choose from {list(LANGUAGES)}")
        return value

    @field_validator("console_oidc")
    @classmethod
    def _one_login_method(cls, value: OIDCConfig | None, info: ValidationInfo) -> OIDCConfig | None:
        if value is not None and info.data.get("console_users"):
            raise ValueError("console_oidc replaces password log-in: remove console_users, or console_oidc")
        return value

    @field_validator("console_oidc_roles")
    @classmethod
    def _role_addresses(cls, value: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        roles = {address.strip().casefold(): role for address, role in value.items()}
        for address in roles:
            name, at, domain = address.rpartition("@")
            if not at or not name or "." not in domain or ("*" in name and name != "*") or "*" in domain:
                raise ValueError(f"'{address}' is neither an e-mail address nor '*@domain'")
        if info.data.get("console_oidc") is not None and not roles:
            raise ValueError("no e-mail address or '*@domain' has a role, so nobody could log in through "
                             "console_oidc: map them to viewer, annotator or admin")
        return roles

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return init_settings, env_settings, TomlConfigSettingsSource(settings_cls, _toml_path.get())

    @property
    def resolved_store_url(self) -> str:
        url = self.store_url or f"sqlite://{(self.data_dir / 'vigia.db').resolve()}"
        if self.store_password_file is not None and url.startswith(("http://", "https://")):
            url = _with_password(url, self.store_password_file)
        if url.startswith(("http://", "https://")):
            url = _with_index_settings(url, {"shards": self.elastic_shards, "replicas": self.elastic_replicas,
                                             "refresh_interval": self.elastic_refresh_interval})
        return url

    @property
    def resolved_console_url(self) -> str:
        return self.console_url or f"http://{self.console_host}:{self.console_port}"

    @property
    def quarantine_dir(self) -> Path:
        return self.data_dir / "quarantine"

    def named(self, kind: Literal["sources", "campaigns"], name: str) -> Any:
        """The configured source or campaign called `name`, or a ConfigError saying what is configured."""
        entries = getattr(self, kind)
        for entry in entries:
            if entry.name == name:
                return entry
        known = ", ".join(e.name for e in entries) or f"none: add [[{kind}]] to vigia.toml"
        raise ConfigError(f"no {kind[:-1]} '{name}' in the settings (configured: {known})")

    def pseudonym_secret(self) -> bytes:
        """The pseudonymization key; created once in data_dir when not configured."""
        if self.pseudonym_key is not None:
            return self.pseudonym_key.get_secret_value().encode()
        return _generated_secret(self.data_dir / "pseudonym.key").encode()

    def console_session_secret(self) -> str:
        """The secret signing the console's session cookie; created once in data_dir when not configured."""
        if self.console_session_key is not None:
            return self.console_session_key.get_secret_value()
        return _generated_secret(self.data_dir / "console-session.key")

    def oidc_cookie_secret(self) -> str:
        """The secret signing the console's OIDC log-in cookie; created once in data_dir when not configured."""
        if self.console_oidc is not None and self.console_oidc.cookie_secret is not None:
            return self.console_oidc.cookie_secret.get_secret_value()
        return _generated_secret(self.data_dir / "oidc-cookie.key")


def _with_password(url: str, path: Path) -> str:
    """The store URL with its user's password read from `path`."""
    parts = urlsplit(url)
    if not parts.username:
        raise ConfigError("store_password_file is set but store_url names no user (http://USER@host:9200/…)")
    try:
        password = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigError(f"cannot read store_password_file {path}: {exc.strerror}") from None
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:{quote(password, safe='')}@{host}"))


def _with_index_settings(url: str, values: dict[str, Any]) -> str:
    """The Elasticsearch store URL with the configured index settings in its query (ElasticStore reads them there);
    what the URL already names wins."""
    parts = urlsplit(url)
    given = parse_qs(parts.query)
    added = {name: value for name, value in values.items() if value is not None and name not in given}
    if not added:
        return url
    return urlunsplit(parts._replace(query="&".join(filter(None, [parts.query, urlencode(added)]))))


def _generated_secret(path: Path) -> str:
    """The random secret kept in `path` (mode 0600), written on first use."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_text().strip()


def settings_source() -> tuple:
    """What the settings are read from (VIGIA_* variables, the settings file and its mtime): a cache key for
    processes that keep settings, such as the console."""
    config = Path(os.environ.get("VIGIA_CONFIG", "vigia.toml")).resolve()
    return (tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("VIGIA_"))), config,
            config.stat().st_mtime_ns if config.is_file() else None)


def child_environment(**overrides: str) -> dict[str, str]:
    """The environment for a child process this one starts (the console, a node, a crawl), with `overrides`."""
    return {**os.environ, **overrides}


def user_agent(settings: Settings | None = None) -> str:
    """How the collectors name themselves to the sites they read (with the contact address when one is set)."""
    contact = f"; contact: {settings.contact_email}" if settings and settings.contact_email else ""
    return f"Vigia/{__version__} (monitoring of xenophobic speech{contact})"


def load_settings(config_file: Path | str | None = None, **overrides: Any) -> Settings:
    """Read settings; `overrides` are command-line flags (None values are ignored)."""
    if config_file is not None:
        path = Path(config_file).expanduser()
        if not path.is_file():
            raise ConfigError(f"config file {path} does not exist")
    else:
        path = Path(os.environ.get("VIGIA_CONFIG", "vigia.toml"))
    token = _toml_path.set(path)
    try:
        return Settings(**{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "settings"
        raise ConfigError(f"setting '{where}': {first['msg']} (from {path} or VIGIA_*)") from None
    except ValueError as exc:  # malformed TOML
        raise ConfigError(f"cannot read {path}: {exc}") from None
    finally:
        _toml_path.reset(token)
