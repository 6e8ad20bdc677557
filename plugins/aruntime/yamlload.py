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
    value_locations: dict[Path, Location] = field(default_factory=dict)
    key_locations: dict[Path, Location] = field(default_factory=dict)

    def location(self, path: Path, *, key: bool = False) -> Location:
        """Where the value (or its key) at ``path`` is; falls back to the nearest parent."""
        table = self.key_locations if key else self.value_locations
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if not key and probe in self.key_locations:
                return self.key_locations[probe]
            probe = probe[:-1]
        return self.value_locations.get((), Location(self.path))


def _mark(path: str, mark: yaml.Mark) -> Location:
    return Location(path, mark.line + 1, mark.column + 1)


def _scalar(node: yaml.ScalarNode) -> Any:
    """Convert a scalar the way safe_load would, except timestamps.

    Dates stay strings: validation checks them itself so that an impossible
    date (2026-02-30) is reported at its line instead of crashing the parser.
    """
    if node.tag == "tag:yaml.org,2002:timestamp":
        return node.value
    return _constructor.construct_object(node)


_constructor = yaml.constructor.SafeConstructor()


def load_yaml(path: str, text: str, problems: Problems) -> LoadedDocument:
    doc = LoadedDocument(path)
    try:
        loader = _COMPOSER(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = _mark(path, mark) if mark else Location(path)
        problems.add(where, "", f"invalid YAML: {exc.problem or exc}", "yaml.syntax")
        return doc
    except yaml.YAMLError as exc:
        problems.add(Location(path), "", f"invalid YAML: {exc}", "yaml.syntax")
        return doc
    if root is None:
        problems.add(Location(path), "", "expected a mapping of fields, found an empty file", "yaml.empty")
        return doc
    doc.data = _convert(root, (), doc, problems)
    return doc


def _convert(node: yaml.Node, path: Path, doc: LoadedDocument, problems: Problems) -> Any:
    doc.value_locations[path] = _mark(doc.path, node.start_mark)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        first_seen: dict[str, Location] = {}
        for key_node, value_node in node.value:
            key_loc = _mark(doc.path, key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "a " + key_node.id
                problems.add(key_loc, _dotted(path), f"field names must be text, found {shown!r}", "yaml.non-string-key")
                continue
            key = key_node.value
            if key in first_seen:
                problems.add(
                    key_loc,
                    _dotted(path + (key,)),
                    f"duplicate field; first defined at line {first_seen[key].line}",
                    "yaml.duplicate-key",
                )
                continue
            first_seen[key] = key_loc
            doc.key_locations[path + (key,)] = key_loc
            result[key] = _convert(value_node, path + (key,), doc, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), doc, problems) for i, item in enumerate(node.value)]
    try:
        return _scalar(node)
    except yaml.YAMLError as exc:
        problems.add(doc.value_locations[path], _dotted(path), f"invalid value: {exc}", "yaml.bad-scalar")
        return node.value


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
