"""YAML loading that remembers where every key and value came from.

PyYAML's ``safe_load`` forgets positions and silently keeps the last of two
duplicate keys. We compose the node tree instead and convert it ourselves, so
each value's path (``("sections", 2, "heading")``) maps to a ``Location`` and
duplicate or non-string keys become problems rather than surprises.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Location, Problems

Path = tuple  # a path of mapping keys and list indexes

_SAFE = yaml.SafeLoader
# libyaml's parser (when PyYAML has it) composes the same node tree with the
# same marks, several times faster than the pure-Python one.
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class LoadedDocument:
    """A parsed file: plain Python data plus where each part of it is."""

    path: str
    data: Any = None
    # path -> line and column, packed into one int (``_pack``): a site holds
    # one per key and value of every file while it loads, 250,000 at 5,000
    # entries; a Location is made only when a problem is reported.
    value_locations: dict[Path, int] = field(default_factory=dict)
    key_locations: dict[Path, int] = field(default_factory=dict)
    # Values already reported as invalid YAML (a bad tag or scalar): they are
    # None in ``data``, and validation says nothing more about them.
    bad_paths: set[Path] = field(default_factory=set)

    def location(self, path: Path, *, key: bool = False) -> Location:
        """Where the value (or its key) at ``path`` is; falls back to the nearest parent."""
        table = self.key_locations if key else self.value_locations
        probe = tuple(path)
        while probe:
            if probe in table:
                return self._location(table[probe])
            if not key and probe in self.key_locations:
                return self._location(self.key_locations[probe])
            probe = probe[:-1]
        packed = self.value_locations.get(())
        return Location(self.path) if packed is None else self._location(packed)

    def _location(self, packed: int) -> Location:
        return Location(self.path, _line(packed), packed % _COLUMNS)


_COLUMNS = 1 << 24  # columns are below the 256 KiB document limit


def _pack(line: int, column: int) -> int:
    return line * _COLUMNS + column


def _line(packed: int) -> int:
    return packed // _COLUMNS


def _mark(path: str, mark: yaml.Mark) -> Location:
    return Location(path, mark.line + 1, mark.column + 1)


# --- limits (maintainers/limits-and-security.md) ----------------------------
# A content file is a few kilobytes and a few hundred values, nested at most
# six deep; these limits are far above that and far below what hurts.
MAX_DOCUMENT_BYTES = 256 * 1024
MAX_NODES = 10_000  # values after alias expansion: bounds "billion laughs"
MAX_DEPTH = 20  # nested lists and mappings

# Tags a content file may spell out; anything else (!!python/..., !!binary,
# !!set, !custom) is refused rather than half-understood.
_CORE_TAGS = {
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "value")
}


class _Stop(Exception):
    """Conversion of a document stops at the first structural limit."""

    def __init__(self, where: Location, field: str, message: str, code: str):
        super().__init__(message)
        self.problem = (where, field, message, code)


def _scalar(node: yaml.ScalarNode) -> Any:
    """Convert a scalar the way safe_load would, except timestamps.

    Dates stay strings: validation checks them itself so that an impossible
    date (2026-02-30) is reported at its line instead of crashing the parser.
    """
    if node.tag in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:value"):
        return node.value
    # The tag's own constructor, called directly: construct_object would keep
    # every node of every file in the constructor's cache.
    return _constructor.yaml_constructors[node.tag](_constructor, node)


_constructor = yaml.constructor.SafeConstructor()

# Syntax errors whose problem is noticed far below the mistake (an unclosed
# bracket or quote is found wanting lines later): report where it was opened.
_OPENED_AT = ("while parsing a flow", "while scanning a quoted scalar", "while scanning a block scalar")


def load_yaml(path: str, text: str, problems: Problems, *, first_line: int = 1) -> LoadedDocument:
    """Parse ``text``; every problem is added to ``problems``, nothing raises.

    ``first_line`` is the line of ``path`` where ``text`` starts (front matter
    starts on line 2 of a Markdown page).
    """
    doc = LoadedDocument(path)
    shift = first_line - 1
    # A character is at most 4 bytes in UTF-8: encode only when it could matter.
    size = len(text) if len(text) * 4 <= MAX_DOCUMENT_BYTES else len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_DOCUMENT_BYTES:
        problems.add(
            Location(path, first_line),
            "",
            f"file too large: {size:,} bytes, the limit is {MAX_DOCUMENT_BYTES:,} bytes",
            "limit.document-size",
        )
        return doc
    try:
        loader = _COMPOSER(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        problems.add(*_syntax_problem(path, exc, shift))
        return doc
    except yaml.reader.ReaderError as exc:
        # A raw control character (or other unprintable one) in the file.
        before = text[: exc.position]
        line = before.count("\n") + 1
        column = exc.position - (before.rfind("\n") + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        problems.add(
            Location(path, line + shift, column),
            "",
            f"contains the character U+{code:04X}, which YAML does not allow in a file; remove it",
            "text.control-character",
        )
        return doc
    except (yaml.YAMLError, RecursionError) as exc:
        message = "nesting too deep" if isinstance(exc, RecursionError) else str(exc)
        problems.add(Location(path, first_line), "", f"invalid YAML: {message}", "yaml.syntax")
        return doc
    if root is None:
        problems.add(Location(path, first_line), "", "expected a mapping of fields, found an empty file", "yaml.empty")
        return doc
    converter = _Converter(doc, problems, shift)
    try:
        doc.data = converter.convert(root, ())
    except _Stop as stop:
        problems.add(*stop.problem)
        doc.data = None
        doc.value_locations.clear()
        doc.key_locations.clear()
    return doc


def _syntax_problem(path: str, exc: yaml.MarkedYAMLError, shift: int):
    context = exc.context or ""
    problem = (exc.problem or str(exc)).strip()
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and context.startswith(_OPENED_AT):
        opened = exc.context_mark
        what = context.replace("while parsing ", "").replace("while scanning ", "")
        found_at = f" (noticed at line {exc.problem_mark.line + 1 + shift})" if exc.problem_mark else ""
        message = f"invalid YAML: {what} opened here is not closed: {problem}{found_at}"
        mark = opened
    else:
        message = f"invalid YAML: {problem}"
    where = Location(path, mark.line + 1 + shift, mark.column + 1) if mark else Location(path, 1 + shift)
    return where, "", message, "yaml.syntax"


_EXPECTED = {"int": "a whole number", "float": "a number", "bool": "true or false", "null": "nothing (null)"}


class _Converter:
    """Node tree -> plain data, recording locations, within the limits."""

    def __init__(self, doc: LoadedDocument, problems: Problems, shift: int):
        self.doc, self.problems, self.shift = doc, problems, shift
        self.nodes = 0
        self.active: set[int] = set()  # nodes being converted: an alias to one is a cycle

    def packed(self, mark: yaml.Mark) -> int:
        """Where ``mark`` is in the file, as ``LoadedDocument`` keeps it (``_pack``)."""
        return _pack(mark.line + 1 + self.shift, mark.column + 1)

    def convert(self, node: yaml.Node, path: Path) -> Any:
        packed = self.packed(node.start_mark)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Stop(
                self.doc._location(packed),
                _dotted(path),
                f"too many values: more than {MAX_NODES:,} after expanding aliases (&anchor/*alias)",
                "limit.nodes",
            )
        if len(path) > MAX_DEPTH:
            raise _Stop(self.doc._location(packed), _dotted(path[:MAX_DEPTH]), f"nested more than {MAX_DEPTH} levels deep", "limit.depth")
        if id(node) in self.active:
            raise _Stop(self.doc._location(packed), _dotted(path), "an alias (*name) refers to the value that contains it", "yaml.recursive-alias")
        if path not in self.doc.value_locations:
            self.doc.value_locations[path] = packed
        if node.tag not in _CORE_TAGS:
            self.problems.add(self.doc._location(packed), _dotted(path), f"unsupported YAML tag {node.tag!r}; write plain values", "yaml.tag")
            self.doc.bad_paths.add(path)
            return None
        if isinstance(node, yaml.ScalarNode):
            try:
                return _scalar(node)
            except (yaml.YAMLError, ValueError, TypeError, LookupError, ArithmeticError):
                kind = node.tag.rsplit(":", 1)[-1]
                expected = _EXPECTED.get(kind, f"a valid {kind}")
                shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
                self.problems.add(self.doc._location(packed), _dotted(path), f"!!{kind} expects {expected}, found {shown!r}", "yaml.bad-scalar")
                self.doc.bad_paths.add(path)
                return None
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
        finally:
            self.active.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict:
        doc, problems = self.doc, self.problems
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}  # key -> its line
        for key_node, value_node in node.value:
            key_at = self.packed(key_node.start_mark)
            if key_node.tag == "tag:yaml.org,2002:merge":
                problems.add(doc._location(key_at), _dotted(path), "merge keys (<<) are not supported; write the fields out", "yaml.merge-key")
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                if isinstance(key_node, yaml.ScalarNode):
                    shown = key_node.value if len(key_node.value) <= 40 else key_node.value[:37] + "..."
                else:
                    shown = "a " + key_node.id
                problems.add(doc._location(key_at), _dotted(path), f"field names must be text, found {shown!r}", "yaml.non-string-key")
                continue
            key = key_node.value
            if key in first_seen:
                problems.add(
                    doc._location(key_at),
                    _dotted(path + (key,)),
                    f"duplicate field; first defined at line {first_seen[key]}",
                    "yaml.duplicate-key",
                )
                continue
            first_seen[key] = _line(key_at)
            child = path + (key,)
            doc.key_locations[child] = key_at
            result[key] = self.convert(value_node, child)
        return result


def _dotted(path: Path) -> str:
    """``("sections", 2, "heading")`` -> ``sections[2].heading``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


dotted = _dotted
