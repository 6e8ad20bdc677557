"""Pattern pages: implementation guidance in sections, listed in the nav."""

from __future__ import annotations

from ..markup import plain_text
from ..model import Pattern
from ..search.documents import SearchDoc, heading_document
from .base import PageKind, PageSpec, Site, entry_document, entry_view, footer_toc, plain, reading_minutes, toc_item


def section_html_key(index: int) -> str:
    return f"section-{index}"


class PatternPage(PageKind):
    name = "pattern"
    template = "aruntime/pattern.html"
    collection = "patterns"
    in_nav = True

    def context(self, spec: PageSpec, site: Site) -> dict:
        pattern: Pattern = site.model.get(spec.ref)
        view = entry_view(site.model, pattern)
        for i, section in enumerate(pattern.sections):
            view.html[section_html_key(i)] = site.render(section.body)
        view.labels["status"] = site.model.vocabularies.label("pattern_status", pattern.status)
        view.reading_minutes = reading_minutes(sum(len(t.split()) for t in _texts(site, pattern)))
        toc = [toc_item("key-takeaways", "Key takeaways"), *(toc_item(s.anchor, s.heading) for s in pattern.sections)]
        return {"entry": pattern, "view": view, "toc": toc + footer_toc(view)}

    def search_documents(self, spec: PageSpec, site: Site) -> list[SearchDoc]:
        """The page, its key takeaways and one document per section (deep links)."""
        pattern: Pattern = site.model.get(spec.ref)
        page = entry_document(site, pattern, "pattern")
        page.fields["keywords"] = [pattern.audience, site.model.vocabularies.label("pattern_status", pattern.status)]
        page.fields["headings"] = ["Key takeaways", *(s.heading for s in pattern.sections)]
        docs = [page, heading_document(page, "key-takeaways", "Key takeaways", " ".join(pattern.key_takeaways))]
        body = list(pattern.key_takeaways)
        for section in pattern.sections:
            text = " ".join(p for p in _section_texts(site, section) if p)
            body.append(text)
            docs.append(heading_document(page, section.anchor, section.heading, text))
        page.fields["text"] = body
        return docs


def _section_texts(site: Site, section, body_text=None) -> list[str]:
    parts = [(body_text or plain)(site, section.body), *section.items]
    if section.table:
        parts.extend(section.table.columns)
        parts.extend(cell for row in section.table.rows for cell in row)
    return parts


def _texts(site: Site, pattern: Pattern) -> list[str]:
    """Everything a reader reads on a pattern page (header, takeaways, sections)."""
    texts = [pattern.title, pattern.summary, *pattern.key_takeaways]
    for section in pattern.sections:
        texts.append(section.heading)
        texts.extend(_section_texts(site, section, _words_of_body))
    return texts


def _words_of_body(site: Site, markdown) -> str:
    # Tags become spaces: a word count, not display text.
    return plain_text(str(site.render(markdown)))
