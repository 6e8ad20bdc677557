"""The glossary's names: one way to normalise a term or alias, one registry.

The loader registers every term and alias here (and reports a name claimed
twice), the model looks a name up here (a runtime's capability label), and
auto-linking keys its matches with the same ``normalise``. So "KV  Cache",
"kv cache" and "KV cache" are the same name everywhere, the way Sphinx's
standard domain keeps one table of glossary terms.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Generic, Iterable, Optional, TypeVar

# Longer names are refused by validation (limits-and-security.md); auto-linking
# compiles one nested group per character, so it skips longer names too.
MAX_NAME_LENGTH = 100

T = TypeVar("T")


def normalise(name: str) -> str:
    """The key a name is registered and looked up by: NFC, case-folded,
    runs of whitespace as one space, no leading or trailing space."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


@dataclass(frozen=True)
class Claim(Generic[T]):
    """Who holds a name: the entry's slug, which field, and any extra data
    (a Location in the loader)."""

    slug: str
    field: str
    where: T


class GlossaryNames(Generic[T]):
    """Name -> the glossary entry that claims it; first claim wins."""

    def __init__(self) -> None:
        self._claims: dict[str, Claim[T]] = {}

    def register(self, slug: str, field: str, name: str, where: T = None) -> Optional[Claim[T]]:
        """Claim ``name`` for ``slug``. Returns the earlier claim if another
        field (of this entry or another one) already holds the name."""
        key = normalise(name)
        if not key:
            return None
        earlier = self._claims.get(key)
        if earlier is not None:
            return earlier
        self._claims[key] = Claim(slug, field, where)
        return None

    def lookup(self, name: str) -> Optional[str]:
        """The slug of the entry whose term or alias is ``name``, if any."""
        claim = self._claims.get(normalise(name))
        return claim.slug if claim else None

    def __contains__(self, name: str) -> bool:
        return normalise(name) in self._claims

    def __len__(self) -> int:
        return len(self._claims)

    @classmethod
    def of(cls, entries: Iterable) -> "GlossaryNames":
        """The registry of glossary entries (objects with slug, term, aliases)."""
        names: GlossaryNames = cls()
        for entry in sorted(entries, key=lambda e: e.slug):
            names.register(entry.slug, "term", entry.term)
            for i, alias in enumerate(entry.aliases):
                names.register(entry.slug, f"aliases[{i}]", alias)
        return names
