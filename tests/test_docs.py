"""The README is the user's door: it keeps the two commands and documents every CLI command."""

from pathlib import Path

from vigia.cli.main import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_quick_start_is_the_two_commands():
    fence = README.index("```sh", README.index("## Quick start")) + len("```sh")
    block = README[fence:README.index("```", fence)]
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["make run", "make test"]


def test_every_command_is_in_the_readme():
    missing = [name for name in cli.commands if f"`vigia {name}" not in README]
    assert missing == []
