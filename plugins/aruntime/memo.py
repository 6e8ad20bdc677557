"""Values computed in one build and reused by the next, under ``mkdocs
serve``: the shared part of the caches that keep per-entry work (exports,
the unused-term lint, generated pages' front matter). Plain Python; no MkDocs.
"""

from __future__ import annotations

from typing import Callable, Hashable, TypeVar

V = TypeVar("V")
_MISSING = object()


class RunMemo:
    """key -> value, made once and reused while the key recurs from one run
    (build) to the next. A run reads its own values first, then the last
    run's; only what a run used is kept for the next, so the values of
    edited and deleted inputs drop out after one run. The key must hold
    everything the value is made from."""

    def __init__(self) -> None:
        self._last: dict = {}
        self._used: dict = {}

    def next_run(self) -> None:
        """What this run used is what the next may reuse."""
        self._last, self._used = self._used, {}

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        value = self._used.get(key, _MISSING)
        if value is _MISSING:
            value = self._last.get(key, _MISSING)
            if value is _MISSING:
                value = make()
            self._used[key] = value
        return value
