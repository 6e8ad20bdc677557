"""The built site opens in a real browser without script errors."""


def test_pattern_page_loads_without_errors(real_site, serve_dir, page):
    base = serve_dir(real_site, "/reference/")
    page.goto(base + "patterns/deployment-patterns/")
    assert page.locator("h1").first.inner_text() == "Deployment Patterns"
    assert page.locator("#maintenance-record").is_visible()
    assert page.errors == []
