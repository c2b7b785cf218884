"""Exports: files of posts written with a datasheet beside them, and the registry of what each export held."""
