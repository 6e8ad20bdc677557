# Set-up is automatic: every target creates .venv and installs the project
# (with its test extra) the first time, and again when pyproject.toml changes.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
NODE_STAMP := node_modules/.installed-stamp
CONFIG ?= mkdocs.yml
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check new schemas modelines test bench clean offline

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is required") if sys.version_info < (3, 11) else None'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

# Test-only tools from npm (the Nu Html Checker); needs node/npm and java.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $(NODE_STAMP)

serve: $(STAMP)  ## live-reloading preview on http://127.0.0.1:8000
	SITE_URL=http://127.0.0.1:8000/ $(PY) -m mkdocs serve -a 127.0.0.1:8000

# The safe command for publishing (maintainers/limits-and-security.md): the
# site is built into .site-build/ and swapped into site/ only when the strict
# build succeeded; on failure or Ctrl-C .site-build/ is removed and site/ is
# left as it was.
build: $(STAMP)  ## strict build into site/; a failed build leaves the old site/ untouched
	@rm -rf .site-build .site-old; \
	cleanup() { rm -rf .site-build; if [ -e .site-old ] && [ ! -e site ]; then mv .site-old site; fi; }; \
	trap cleanup EXIT; \
	trap 'cleanup; exit 130' INT TERM HUP; \
	$(PY) -m mkdocs build --strict -d .site-build || exit $$?; \
	if [ -e site ]; then mv site .site-old || exit $$?; fi; \
	mv .site-build site || exit $$?; \
	rm -rf .site-old

offline: $(STAMP)  ## a copy of the site that works opened from a folder (file://) into site-offline/
	rm -rf .site-offline-build
	OFFLINE=true $(PY) -m mkdocs build --strict -d .site-offline-build
	rm -rf site-offline && mv .site-offline-build site-offline

check: $(STAMP)  ## validate and lint the content without building; FORMAT=text|json|github
	$(PY) scripts/validate_data.py -f $(CONFIG) $(if $(FORMAT),--format $(FORMAT))

new: $(STAMP)  ## a new entry with placeholders: make new COLLECTION=glossary TITLE="KV cache"
	@test -n "$(COLLECTION)" && test -n "$$TITLE" || { echo 'usage: make new COLLECTION=glossary|patterns|runtimes TITLE="KV cache"' >&2; exit 2; }
	@$(PY) -m aruntime new -f $(CONFIG) $(COLLECTION) "$$TITLE"

schemas: $(STAMP)  ## regenerate schemas/*.schema.json from plugins/aruntime/schemas.py and vocabularies.yml
	$(PY) -m aruntime schemas -f $(CONFIG)

modelines: $(STAMP)  ## add the schema modeline to every entry file that lacks it
	$(PY) -m aruntime modelines -f $(CONFIG)

test: $(STAMP) $(NODE_STAMP)  ## the whole suite, browser tests included
	$(PY) -m aruntime schemas --check
	$(VENV)/bin/zizmor --offline --no-progress .
	$(PY) -m pytest

bench: $(STAMP)  ## performance benchmark against stock mkdocs-material
	$(PY) scripts/bench.py

clean:
	rm -rf site .site-build .site-old .pytest_cache
