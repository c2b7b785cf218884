"""The `vigia` command line: `main` gathers the command groups, one module each (`vigia.cli.main:main`)."""
