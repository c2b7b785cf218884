"""Vigía: watch public posts and news for xenophobic hate speech and migration myths."""

__version__ = "0.1.0"
