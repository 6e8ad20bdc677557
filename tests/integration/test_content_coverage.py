"""Glossary coverage: every term a pattern page relies on has a glossary entry.

"A term a pattern page relies on" means, precisely:

1. every acronym in the page's text: a word of two or more characters made of
   capital letters and digits with at least two capitals ("GPU", "KV",
   "FP8"), optionally followed by a plural "s" ("GPUs" counts as "GPU");
2. every phrase of ``TECHNICAL_PHRASES`` below that occurs in the page's text
   as whole words, case-insensitively ("chunked prefill");
3. every ``glossary/<slug>`` in the page's ``related`` list.

The page's text is its title, summary, key takeaways, use cases, section
headings, bodies, list, checklist and step items, table columns and cells.
Inline code (`...`) and the targets of Markdown links are not text.

An acronym is defined when it is a glossary term or alias, or a whole word of
one (``KV`` is explained by the entry "KV cache"), or a whole word of the name
of a runtime in the directory, whose page defines it ("MLX", "LM Studio"). A phrase is defined only
when it is itself a glossary term or alias. ``GENERAL_ACRONYMS`` lists the few
acronyms that need no entry: names of organisations and of places, and words
every technical reader knows. maintainers/writing-guide.md explains the rule
to contributors; keep the two in step.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from aruntime.loader import ContentPaths, load_site
from aruntime.model import Section

# Acronyms that are names of organisations or regions, or general computing
# words, rather than terms of this reference. Keep this list short: a new
# technical acronym gets a glossary entry instead.
GENERAL_ACRONYMS = {
    "AI": "general word; the whole site is about AI runtimes",
    "API": "general computing word",
    "CPU": "general computing word",
    "EU": "a region (European Union)",
    "HTTP": "general web protocol name",
    "MDN": "a documentation site (MDN Web Docs)",
    "ID": "general word (identifier)",
    "NVIDIA": "a company",
    "OWASP": "an organisation",
    "RFC": "the name of a document series",
}

# Technical phrases that pattern pages use and that a reader may need defined.
# When a page starts to rely on a new technical phrase, add it here and give it
# a glossary entry (term or alias).
TECHNICAL_PHRASES = [
    "admission control",
    "backpressure",
    "batch invariance",
    "cache-aware routing",
    "canary release",
    "cascading failure",
    "chat template",
    "chunked prefill",
    "circuit breaker",
    "cold start",
    "confused deputy",
    "constrained decoding",
    "continuous batching",
    "control plane",
    "data classification",
    "data parallel",
    "data parallelism",
    "data locality",
    "data plane",
    "data residency",
    "decode",
    "distributed tracing",
    "durable execution",
    "error budget",
    "evaluation set",
    "expert parallelism",
    "exponential backoff",
    "Gateway API",
    "golden signals",
    "goodput",
    "graceful degradation",
    "human approval",
    "idempotency key",
    "inter-token latency",
    "KV cache",
    "KV cache offloading",
    "KV cache transfer",
    "KV connector",
    "least privilege",
    "LLM-as-a-judge",
    "load shedding",
    "local-first",
    "logical clock",
    "mixture of experts",
    "model card",
    "model signing",
    "multi-tenancy",
    "persistent storage",
    "pipeline parallelism",
    "preemption",
    "prefill",
    "prefix caching",
    "prompt injection",
    "provenance",
    "quantization",
    "range request",
    "readiness check",
    "regression testing",
    "release manifest",
    "retry budget",
    "scale to zero",
    "secrets management",
    "semantic cache",
    "semantic conventions",
    "shadow traffic",
    "software bill of materials",
    "speculative decoding",
    "structured output",
    "supply chain",
    "tail latency",
    "tensor parallelism",
    "termination grace period",
    "time to first token",
    "token passthrough",
    "tokenizer",
    "trust boundary",
    "warm pool",
    "worker versioning",
]

ACRONYM = re.compile(r"(?<![\w-])([A-Z0-9]*[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*?)s?(?![\w])")
CODE = re.compile(r"`[^`]*`")
LINK_TARGET = re.compile(r"\]\([^)]*\)")
WORD_SPLIT = re.compile(r"[\s/()-]+")


def pattern_texts(pattern) -> list[str]:
    """Every piece of reader-visible text of a pattern page."""
    texts = [pattern.title, pattern.summary, *pattern.key_takeaways, *pattern.use_cases]
    for section in pattern.sections:
        texts.append(section.heading)
        if section.body:
            texts.append(section.body)
        texts.extend(section.items)
        if section.table:
            texts.extend(section.table.columns)
            texts.extend(cell for row in section.table.rows for cell in row)
    return [LINK_TARGET.sub("]", CODE.sub(" ", t)) for t in texts]


def glossary_names(model) -> tuple[set[str], set[str]]:
    """(names, words): every term and alias casefolded, and every word of them
    and of the runtimes' names."""
    names = {n.casefold() for entry in model.glossary.values() for n in (entry.term, *entry.aliases)}
    runtime_names = {r.name.casefold() for r in model.runtimes.values()}
    words = {w for n in names | runtime_names for w in WORD_SPLIT.split(n) if w}
    return names, words


def acronyms_in(text: str) -> set[str]:
    return set(ACRONYM.findall(text))


def phrase_pattern(phrase: str) -> re.Pattern:
    """Whole words, any case, a space and a hyphen alike, an optional plural."""
    words = [re.escape(w) for w in re.split(r"[\s-]+", phrase)]
    return re.compile(r"(?<![\w-])" + r"[\s-]+".join(words) + r"(?:e?s)?(?![\w-])", re.IGNORECASE)


def phrases_in(text: str) -> set[str]:
    return {phrase for phrase in TECHNICAL_PHRASES if phrase_pattern(phrase).search(text)}


def is_name(phrase: str, names: set[str]) -> bool:
    """A phrase is defined when a term or alias spells it, a hyphen and a space alike."""
    key = re.sub(r"[\s-]+", " ", phrase.casefold())
    return key in {re.sub(r"[\s-]+", " ", n) for n in names}


def coverage_problems(model) -> list[tuple[str, str, str]]:
    """(pattern slug, kind, name) for every relied-on term without an entry."""
    names, words = glossary_names(model)
    problems = []
    for slug, pattern in sorted(model.patterns.items()):
        text = "\n".join(pattern_texts(pattern))
        for acronym in sorted(acronyms_in(text)):
            folded = acronym.casefold()
            if acronym not in GENERAL_ACRONYMS and folded not in names and folded not in words:
                problems.append((slug, "acronym", acronym))
        for phrase in sorted(phrases_in(text)):
            if not is_name(phrase, names):
                problems.append((slug, "phrase", phrase))
        for ref in pattern.related:
            if ref.collection == "glossary" and ref.slug not in model.glossary:
                problems.append((slug, "related", ref.key))
    return problems


@pytest.fixture(scope="module")
def model(repo_root):
    model, problems = load_site(ContentPaths(str(repo_root)))
    assert [str(p) for p in problems] == []
    return model


def test_every_term_a_pattern_relies_on_has_a_glossary_entry(model):
    assert coverage_problems(model) == []


def test_the_reference_has_the_promised_breadth(model):
    """Issue 16: at least 11 pattern pages and 110 glossary terms."""
    assert len(model.patterns) >= 11
    assert len(model.glossary) >= 110


def test_no_two_glossary_entries_claim_the_same_name(model):
    owners: dict[str, set[str]] = {}
    for entry in model.glossary.values():
        for name in (entry.term, *entry.aliases):
            owners.setdefault(name.casefold(), set()).add(entry.slug)
    assert {n: s for n, s in owners.items() if len(s) > 1} == {}


def test_phrases_match_whole_words_with_hyphens_or_spaces():
    assert phrase_pattern("confused deputy").search("confused-deputy attacks")
    assert phrase_pattern("KV cache").search("two kv caches")
    assert not phrase_pattern("decode").search("decoder-only models")
    assert not phrase_pattern("prefill").search("disaggregated-prefill pools")


def test_the_acronym_rule_matches_what_a_reader_sees_as_an_acronym():
    text = "GPUs, the KV cache, FP8 weights, vLLM, LoRA, OpenAI, SGLang, a p99 target and `SIGTERM` in code."
    assert acronyms_in(CODE.sub(" ", text)) == {"GPU", "KV", "FP8"}


def test_an_undefined_acronym_on_a_pattern_page_fails(model):
    """Adding a sentence with an unknown acronym to a real page, and removing
    the entry of a listed phrase it uses, makes the check report exactly those."""
    slug, pattern = sorted(model.patterns.items())[0]
    extra = Section(heading="Extra", anchor="extra", body="Route it through the QZXW gateway with a retry budget.")
    changed = dataclasses.replace(pattern, sections=pattern.sections + (extra,))
    glossary = {s: e for s, e in model.glossary.items() if "retry budget" not in {n.casefold() for n in (e.term, *e.aliases)}}
    altered = dataclasses.replace(model, patterns={**model.patterns, slug: changed}, glossary=glossary,
                                  _glossary_names=None, _backlinks=None)
    problems = coverage_problems(altered)
    assert (slug, "acronym", "QZXW") in problems
    assert (slug, "phrase", "retry budget") in problems
    # Nothing else is reported: only the new acronym, and the phrase and the
    # related reference on every page that relies on the removed entry.
    assert {name for _, _, name in problems} == {"QZXW", "retry budget", "glossary/retry-budget"}
    assert ("failure-and-fallback", "related", "glossary/retry-budget") in problems


def test_a_glossary_alias_defines_the_acronym(tmp_path):
    """On a small site written to disk: the acronym fails until an alias defines it."""
    (tmp_path / "patterns").mkdir()
    (tmp_path / "glossary").mkdir()
    (tmp_path / "runtimes").mkdir()
    from shutil import copyfile

    from sitekit import REPO

    copyfile(REPO / "vocabularies.yml", tmp_path / "vocabularies.yml")
    (tmp_path / "patterns/demo.yml").write_text(
        "title: Demo\nsummary: Uses TPOT.\naudience: All\nstatus: draft\nlast_reviewed: 2026-01-01\n"
        "key_takeaways: [Watch TPOT.]\nsections:\n  - heading: Part\n    body: Text.\nrelated: [glossary/itl]\n",
        encoding="utf-8",
    )
    term = "term: Inter-token latency\nsummary: Time between tokens.\n"
    (tmp_path / "glossary/itl.yml").write_text(term, encoding="utf-8")
    site, _ = load_site(ContentPaths(str(tmp_path)))
    assert coverage_problems(site) == [("demo", "acronym", "TPOT")]

    (tmp_path / "glossary/itl.yml").write_text(term + "aliases: [TPOT]\n", encoding="utf-8")
    site, _ = load_site(ContentPaths(str(tmp_path)))
    assert coverage_problems(site) == []
