"""Options of the ``aruntime`` plugin in mkdocs.yml.

MkDocs' Config stops at the first error and knows no line numbers, so it is
used for these options only; content is validated by the core.
"""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ARuntimeConfig(Config):
    patterns_dir = c.Type(str, default="patterns")
    """Folder of pattern YAML files, relative to mkdocs.yml."""

    glossary_dir = c.Type(str, default="glossary")
    """Folder of glossary YAML files, relative to mkdocs.yml."""

    runtimes_dir = c.Type(str, default="runtimes")
    """Folder of runtime-directory YAML files, relative to mkdocs.yml."""

    vocabularies = c.Type(str, default="vocabularies.yml")
    """The controlled vocabularies file, relative to mkdocs.yml."""

    review_max_age_days = c.Type(int, default=365)
    """Runtime pages reviewed longer ago than this show a notice."""

    corrections_template = c.Type(str, default="correction.yml")
    """Issue form (in .github/ISSUE_TEMPLATE/) that corrections open."""
