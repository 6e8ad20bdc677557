"""The tokenizer's precomputed Unicode word class is the scan it replaces."""

import unicodedata
from pathlib import Path

from aruntime.search import tokens, unicode_word_ranges


def test_committed_table_is_what_this_python_scans():
    if unicode_word_ranges.UNIDATA_VERSION != unicodedata.unidata_version:
        # Another Unicode version: the table is not used, the scan is.
        assert tokens.word_ranges() == tokens.scan_word_ranges()
        return
    committed = Path(unicode_word_ranges.__file__).read_text(encoding="utf-8")
    assert committed == tokens.word_ranges_module(), "run `python -m aruntime word-ranges` and commit the table"
    assert tokens.word_ranges() == tokens.scan_word_ranges()


def test_words_outside_ascii_use_the_class():
    assert tokens.words("Naïve 日本語 llama.cpp ＫＶ") == ["naïve", "日本語", "llama.cpp", "kv"]
