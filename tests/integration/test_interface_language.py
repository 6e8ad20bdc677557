"""Material's interface texts on a site in another language: the plugin's
language partial (one lookup per text and build) prints what Material's own
translation modules say, with the English fallback for a text the language
lacks."""

from __future__ import annotations

import json
import os
import re

import material
from jinja2 import Environment, FileSystemLoader

from sitekit import BASE_MKDOCS, MINIMAL_PATTERN, REPO, build_strict, write_site


def _material_text(language: str, key: str) -> str:
    env = Environment(loader=FileSystemLoader(os.path.join(os.path.dirname(material.__file__), "templates")))
    text = str(env.get_template(f"partials/languages/{language}.html").module.t(key))
    return text or str(env.get_template("partials/languages/en.html").module.t(key)) or key


def test_a_german_site_gets_materials_german_texts_and_its_english_fallback(tmp_path):
    config = BASE_MKDOCS.format(vocabularies=REPO / "vocabularies.yml").replace("  font: false\n", "  font: false\n  language: de\n")
    root = write_site(tmp_path / "site", {"patterns/alpha.yml": MINIMAL_PATTERN.format(title="Alpha")}, config)
    site = build_strict(root)
    for page in ["index.html", "patterns/alpha/index.html"]:
        html = (site / page).read_text(encoding="utf-8")
        assert f'<html lang="{_material_text("de", "language")}"' in html
        assert re.search(r'class="md-skip">\s*' + re.escape(_material_text("de", "action.skip")) + r"\s*</a>", html)
        # German has no "direction": Material falls back to English.
        assert not str(Environment(loader=FileSystemLoader(os.path.join(os.path.dirname(material.__file__), "templates")))
                       .get_template("partials/languages/de.html").module.t("direction"))
        assert f'<body dir="{_material_text("de", "direction")}"' in html
        config_json = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S).group(1))
        for key, text in config_json["translations"].items():
            assert text == _material_text("de", key), key
