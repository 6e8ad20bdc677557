"""Problems found in content, each tied to the place it came from.

Validation never stops at the first problem: every stage appends to a
``Problems`` collector and the caller decides once, at the end, whether the
run failed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator

ERROR = "error"
WARNING = "warning"


# Characters a terminal or an editor would act on rather than show: C0/C1
# controls (tab and line feed included: a problem is one line), DEL, bidi
# overrides and isolates, and the noncharacters U+FFFE/U+FFFF.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` with every unprintable character written as an escape (\\x1b)."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text)


@dataclass(frozen=True, order=True, slots=True)
class Location:
    """A place in a content file; line and column are 1-based. Slotted: the
    loader keeps one for every key and value of every file (250,000 at 5,000
    entries)."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    location: Location
    field: str
    message: str
    code: str
    severity: str = ERROR

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        return printable(f"{self.location}: {where}{self.message} [{self.code}]")


@dataclass
class Problems:
    """Collects problems from every stage of a run."""

    items: list[Problem] = field(default_factory=list)

    def add(
        self,
        location: Location,
        field: str,
        message: str,
        code: str,
        severity: str = ERROR,
    ) -> None:
        self.items.append(Problem(location, field, message, code, severity))

    def extend(self, other: Iterable[Problem]) -> None:
        self.items.extend(other)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == WARNING]

    def sorted(self) -> list[Problem]:
        return sorted(self.items, key=lambda p: (p.location, p.code, p.message))

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def closest(value: str, choices: Iterable[str]) -> str | None:
    """The valid choice a misspelt value most likely meant, if any is close."""
    choices = list(choices)
    lowered = {c.lower(): c for c in choices}
    if value.lower() in lowered:
        return lowered[value.lower()]
    match = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    if not match:
        match = difflib.get_close_matches(value.lower(), list(lowered), n=1, cutoff=0.6)
        match = [lowered[m] for m in match]
    return match[0] if match else None


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    guess = closest(value, choices)
    return f" (did you mean '{guess}'?)" if guess else ""
