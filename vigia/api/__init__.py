"""Vigía's HTTP API: app and routes (app), keys (keys), rate limits (limits), analysis (analysis) and
Perspective compatibility (perspective)."""
