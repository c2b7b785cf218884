"""`vigia stack up|down|status`: the production stack of deploy/docker-compose.yml as plain local processes
(Elasticsearch from deploy/elasticsearch/node.sh, the console, the monitor and a classification pass), with their
pids and logs under <data_dir>/stack/."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import click

from vigia.cli.context import with_settings
from vigia.cli.es import NODE
from vigia.errors import ConfigError, StoreError
from vigia.settings import Settings, child_environment

PROCESSES = ("console", "monitor", "classify")


def stack_dir(settings: Settings) -> Path:
    return settings.data_dir / "stack"


def _vigia(*args: str) -> list[str]:
    config_file = click.get_current_context().obj.get("config_file")
    return [sys.executable, "-m", "vigia", *(["--config", str(config_file)] if config_file else []), *args]


def _node(action: str, state: Path) -> str:
    env = child_environment(VIGIA_ES_STATE=str(state))
    result = subprocess.run([str(NODE), action], capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or [f"node.sh {action} failed"])[-1]
        raise StoreError(last.removeprefix("elasticsearch: "))
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def _start(name: str, command: list[str], where: Path) -> int:
    """A detached process (its own session, so that down stops its children too), logging to logs/NAME.log."""
    (where / "logs").mkdir(parents=True, exist_ok=True)
    with open(where / "logs" / f"{name}.log", "ab") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   start_new_session=True)
    (where / f"{name}.pid").write_text(str(process.pid))
    return process.pid


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a process that exited is a zombie until its parent reaps it
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _stop(pid: int, timeout: float = 20) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not _alive(pid):
                return
            time.sleep(0.2)


def _running(where: Path) -> dict[str, int]:
    pids = {}
    for name in PROCESSES:
        pid_file = where / f"{name}.pid"
        if pid_file.is_file() and _alive(int(pid_file.read_text())):
            pids[name] = int(pid_file.read_text())
    return pids


def _wait_for_console(url: str, pid: int, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        if not _alive(pid):
            raise ConfigError(f"the console stopped while starting; see {log}")
        time.sleep(0.5)
    raise ConfigError(f"the console did not answer {url}/_stcore/health within {timeout:.0f} s; see {log}")


@click.group()
def stack() -> None:
    """Run the production stack here as plain processes (what deploy/docker-compose.yml runs in containers)."""


@stack.command()
@click.option("--port", type=click.IntRange(1, 65535), help="Console port (default: console_port).")
@with_settings
def up(settings: Settings, port: int | None) -> None:
    """Start Elasticsearch (unless store_url or --store names a store), the console, the monitor and a
    classification pass; wait until the console answers."""
    where = stack_dir(settings)
    if _running(where):
        raise ConfigError(f"the stack is already up ({', '.join(_running(where))}): `vigia stack down` first")
    where.mkdir(parents=True, exist_ok=True)
    state: dict = {"elasticsearch": None}
    store_url = settings.store_url
    if store_url is None:
        click.echo("elasticsearch: starting …", err=True)
        node = _node("start", where / "elasticsearch")
        state["elasticsearch"] = str(where / "elasticsearch")
        store_url = f"{node}/vigia"
    port = port or settings.console_port
    console_url = f"http://127.0.0.1:{port}"
    state.update(store_url=store_url, console_url=console_url)
    (where / "stack.json").write_text(json.dumps(state, indent=2))
    store = ["--store", store_url]
    pids = {"console": _start("console", _vigia("serve", *store, "--host", "127.0.0.1", "--port", str(port)),
                              where)}
    try:
        pids["monitor"] = _start("monitor", _vigia("monitor", *store), where)
        pids["classify"] = _start("classify", _vigia("classify", "--outdated", *store), where)
        _wait_for_console(console_url, pids["console"], where / "logs" / "console.log")
    except Exception:
        _down(settings)
        raise
    for line in (where / "logs" / "console.log").read_text(encoding="utf-8").splitlines():
        if "one-time password" in line:
            click.echo(line)
    click.echo(f"stack up: console on {console_url}, store {_shown(store_url)}, monitor and classify running "
               f"(pids and logs in {where})")


def _shown(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}{':' + str(parts.port) if parts.port else ''}{parts.path}"


def _down(settings: Settings) -> list[str]:
    where = stack_dir(settings)
    stopped = []
    for name in PROCESSES:
        pid_file = where / f"{name}.pid"
        if pid_file.is_file():
            pid = int(pid_file.read_text())
            if _alive(pid):
                _stop(pid)
                stopped.append(name)
            pid_file.unlink()
    state_file = where / "stack.json"
    state = json.loads(state_file.read_text()) if state_file.is_file() else {}
    if state.get("elasticsearch"):
        _node("stop", Path(state["elasticsearch"]))
        stopped.append("elasticsearch")
    state_file.unlink(missing_ok=True)
    return stopped


@stack.command()
@with_settings
def down(settings: Settings) -> None:
    """Stop what `vigia stack up` started."""
    stopped = _down(settings)
    click.echo(f"stack down: stopped {', '.join(stopped)}" if stopped else "stack down: nothing was running")


@stack.command()
@with_settings
def status(settings: Settings) -> None:
    """Say which of the stack's processes run."""
    running = _running(stack_dir(settings))
    for name in PROCESSES:
        click.echo(f"{name}: {'running, pid ' + str(running[name]) if name in running else 'stopped'}")
