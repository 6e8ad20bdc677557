"""One registry of glossary names: normalisation, duplicate claims, lookup."""

import subprocess
import sys

from aruntime.autolink import TermMatcher, TermTarget
from aruntime.glossary_names import MAX_NAME_LENGTH, GlossaryNames, normalise
from aruntime.model import GlossaryEntry, SiteModel, Vocabularies
from aruntime.problems import Location


def test_normalise_folds_case_spacing_and_unicode_forms():
    assert normalise("  KV \t Cache ") == "kv cache"
    assert normalise("Straße") == normalise("STRASSE")
    assert normalise("Cafe\u0301") == normalise("Café")  # decomposed == composed


def test_first_claim_wins_and_the_second_learns_who_holds_it():
    names: GlossaryNames[str] = GlossaryNames()
    assert names.register("kv-cache", "term", "KV cache", "first") is None
    earlier = names.register("kv-store", "aliases[0]", "kv  CACHE", "second")
    assert (earlier.slug, earlier.field, earlier.where) == ("kv-cache", "term", "first")
    assert names.lookup("Kv Cache") == "kv-cache"
    assert names.lookup("nothing") is None
    assert len(names) == 1


def test_blank_names_are_never_registered():
    names: GlossaryNames[None] = GlossaryNames()
    assert names.register("x", "term", "   ") is None
    assert len(names) == 0


def test_model_lookup_and_auto_linking_use_the_same_normalisation():
    entry = GlossaryEntry(slug="kv-cache", summary="S.", source=Location("g.yml"), term="KV  Cache", aliases=("Straße",))
    model = SiteModel(vocabularies=Vocabularies(), glossary={"kv-cache": entry})
    assert model.glossary_slug_for_name("kv cache") == "kv-cache"
    assert model.glossary_slug_for_name("STRASSE") == "kv-cache"
    matcher = TermMatcher({n: TermTarget("kv-cache", entry.term, entry.summary) for n in (entry.term, *entry.aliases)})
    found = [(text[s:e], t.slug) for text in ["The KV\ncache and the Strasse."] for s, e, t in matcher.find(text)]
    assert found == [("KV\ncache", "kv-cache"), ("Strasse", "kv-cache")]


def test_overlong_names_are_skipped_by_auto_linking_not_crashing_it():
    long_name = "a" * (MAX_NAME_LENGTH * 20)
    matcher = TermMatcher({long_name: TermTarget("long", long_name, "S."), "short": TermTarget("short", "short", "S.")})
    assert [t.slug for _, _, t in matcher.find("short " + long_name)] == ["short"]


def test_registry_and_front_matter_modules_import_nothing_from_mkdocs():
    code = (
        "import sys, aruntime.glossary_names, aruntime.docs_pages, aruntime.loader\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""
