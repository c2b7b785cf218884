"""Per-key rate limits: a token bucket of `per_minute` calls that refills continuously."""

from __future__ import annotations

import threading
import time


class RateLimiter:
    """`allow(key)` answers (allowed, seconds until the next call would be allowed)."""

    def __init__(self, per_minute: int, clock=time.monotonic):
        self.per_minute = per_minute
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, when they were counted)
        self._lock = threading.Lock()

    def allow(self, key: str) -> tuple[bool, float]:
        if self.per_minute <= 0:
            return True, 0.0
        rate = self.per_minute / 60.0
        with self._lock:
            now = self.clock()
            tokens, then = self._buckets.get(key, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + (now - then) * rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return True, 0.0
            self._buckets[key] = (tokens, now)
            return False, (1.0 - tokens) / rate
