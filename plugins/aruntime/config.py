"""Options of the ``aruntime`` plugin in mkdocs.yml.

MkDocs' Config stops at the first error and knows no line numbers, so it is
used for these options only; content is validated by the core.
"""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from .lint import DEFAULT_SUMMARY_MAX_CHARS, severity_option_problems
from .maintenance import endpoint_problem
from .views.base import SiteOptions


class _CorrectionsEndpoint(c.URL):
    def run_validation(self, value):
        value = super().run_validation(value)
        problem = endpoint_problem(value) if value else None
        if problem:
            raise ValidationError(problem)
        return value or None


class _PositiveSeconds(c.Type):
    def __init__(self, **kwargs):
        super().__init__((int, float), **kwargs)

    def run_validation(self, value):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 300:
            raise ValidationError(f"expected a number of seconds between 0 and 300, got {value!r}")
        return value


class _LintSeverities(c.Type):
    """code -> error | warn | info | ignore; unknown codes and values are errors."""

    def __init__(self, **kwargs):
        super().__init__(dict, **kwargs)

    def run_validation(self, value):
        value = super().run_validation(value)
        problems = severity_option_problems(value)
        if problems:
            raise ValidationError("; ".join(problems))
        return {str(k).removeprefix("lint."): v for k, v in value.items()}


class _PositiveInt(c.Type):
    def __init__(self, **kwargs):
        super().__init__(int, **kwargs)

    def run_validation(self, value):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValidationError(f"expected a whole number of at least 1, got {value!r}")
        return value


class ARuntimeConfig(Config):
    patterns_dir = c.Type(str, default="patterns")
    """Folder of pattern YAML files, relative to mkdocs.yml."""

    glossary_dir = c.Type(str, default="glossary")
    """Folder of glossary YAML files, relative to mkdocs.yml."""

    runtimes_dir = c.Type(str, default="runtimes")
    """Folder of runtime-directory YAML files, relative to mkdocs.yml."""

    vocabularies = c.Type(str, default="vocabularies.yml")
    """The controlled vocabularies file, relative to mkdocs.yml."""

    review_max_age_days = _PositiveInt(default=365)
    """Runtime pages reviewed longer ago than this show a notice, and the lint
    reports any entry reviewed longer ago (``lint.review-stale``)."""

    summary_max_chars = _PositiveInt(default=DEFAULT_SUMMARY_MAX_CHARS)
    """Summaries longer than this many characters are reported by the lint
    (``lint.summary-too-long``): search results show the whole summary."""

    lint = _LintSeverities(default={})
    """Severity of each lint finding, read by the build and by ``make check``:
    a mapping of code to ``error`` (fails the build), ``warn`` (a warning; fails
    ``--strict``), ``info`` or ``ignore``. Codes (defaults): placeholder (error),
    review-stale, no-sources, repeated-cell, takeaway-repeats-item,
    summary-copied, unused-term (warn), summary-too-long (info); see
    aruntime/lint.py."""

    directory_inline_max = _PositiveInt(default=SiteOptions.directory_inline_max)
    """Up to this many runtimes, /runtimes/ lists every one in its HTML. Above
    it, the page carries the first ``directory_page_size`` runtimes and its
    filters load the rest from a compact data file; the complete list is on
    linked listing pages (runtimes/page/2/, ...) for readers without JavaScript."""

    directory_page_size = _PositiveInt(default=SiteOptions.directory_page_size)
    """Runtimes per listing page of a directory longer than ``directory_inline_max``."""

    nav_prune_above = _PositiveInt(default=50)
    """When the nav lists more than this many pattern pages, Material's
    ``navigation.prune`` is turned on: every page then carries the nav items
    of its own section only, and other sections as one link each. Material
    writes the whole nav into every page; at 2,000 pattern pages that made
    the home page 637 KB and its first search result three times slower. A
    site that sets ``navigation.prune`` itself prunes at any size; with
    ``navigation.expand`` (which needs the whole nav) nothing is pruned."""

    serve_page_cache = c.Type(bool, default=True)
    """Under ``mkdocs serve``, reuse a page's HTML from the last build when
    nothing it is made from changed (aruntime/render_cache.py), so a save
    renders only the pages it affects. Turn off if a page ever looks stale."""

    deployment_pattern = c.Type(str, default="deployment-patterns")
    """Pattern page whose anchored list items runtime deployment targets link to."""

    corrections_template = c.Type(str, default="correction.yml")
    """Issue form (in .github/ISSUE_TEMPLATE/) that corrections open."""

    corrections_endpoint = c.Optional(_CorrectionsEndpoint())
    """Optional HTTPS URL that receives corrections as JSON by POST instead of
    a GitHub issue (shape in README, "Corrections"). Plain http is accepted
    only for 127.0.0.1/localhost, for tests and local development."""

    corrections_timeout = _PositiveSeconds(default=10)
    """Seconds to wait for corrections_endpoint before telling the reader it failed."""
