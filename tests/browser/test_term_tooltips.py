"""Auto-linked terms show their summary on hover and keyboard focus, and
Escape dismisses it."""


def test_tooltip_on_hover_focus_and_escape(real_site, serve_dir, page):
    base = serve_dir(real_site, "/reference/")
    page.goto(base + "patterns/deployment-patterns/")
    link = page.locator("a.ar-term__link").first
    tip = page.locator("#" + link.get_attribute("aria-describedby"))
    assert not tip.is_visible()
    link.hover()
    assert tip.is_visible()
    assert tip.get_attribute("role") == "tooltip"
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    page.mouse.move(0, 0)
    link.focus()
    assert tip.is_visible()
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    page.keyboard.press("Tab")  # focus moves on: the next term's tip can show again
    assert page.errors == []
