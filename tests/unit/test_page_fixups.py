"""The adapter's fix-ups of Material's page markup (plugin.py)."""

from __future__ import annotations

from aruntime.plugin import _TOGGLE_AUTOCOMPLETE, _finish

TOGGLES = (
    '<body dir="ltr">\n'
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">\n'
    '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">\n'
)


def test_toggle_checkboxes_lose_autocomplete_as_a_scan_of_the_whole_page_would_have_it():
    later = '<input type="checkbox" autocomplete="off"> <p>data-md-toggle="search"</p>' * 3
    pages = [
        TOGGLES + later,
        TOGGLES,
        TOGGLES.replace(">\n", ">"),  # the search toggle's tag is the page's end
        later,  # no toggles: as before
        TOGGLES.replace(' data-md-toggle="search"', ""),  # not Material's markup: the whole page is scanned
        TOGGLES[:-2],  # cut inside the search toggle's tag
    ]
    for page in pages:
        assert _finish(page) == _TOGGLE_AUTOCOMPLETE.sub(r"\1>", page)
    assert 'autocomplete="off"' not in _finish(TOGGLES)
    assert _finish(TOGGLES + later).endswith(later)
