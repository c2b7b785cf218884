"""Subcommands of `vigia` grouped by area; each module registers itself at the bottom of vigia/cli.py."""
