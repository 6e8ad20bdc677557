"""ARuntime Reference site generator.

The core (loading, validation, model, page content, search documents) is
plain Python that imports nothing from MkDocs; ``aruntime.plugin`` is the thin
MkDocs adapter over it.
"""

__version__ = "0.1.0"
