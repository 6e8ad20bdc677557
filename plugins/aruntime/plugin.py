"""The MkDocs adapter: a thin layer of event hooks over the core.

on_config        load + validate the content (fail before any page is written)
on_files         add generated pages, exports, the client contract and assets
on_pre_page      generated pages skip MkDocs' Markdown step (their body is empty);
                 under serve, their front matter is parsed once per text
on_page_content  collect rendered pages' text for the search index
on_nav           keep the nav (the page cache's key, under serve)
on_env           register ``ar_url``; escape page titles once; term-link template;
                 under serve, find the pages whose output is as last build's
on_page_context  hand each template its page kind's context and table of contents
on_post_page     link glossary terms in the page's content; reuse nav markup
on_post_build    write the search index (under serve: in the background, see there);
                 under serve, start deleting the last build
on_pre_build     the theme's files listed without its hidden folders (build_support.ThemeLoader);
                 under serve, move the last build aside (devserver.SiteSweeper)
on_serve         watch the content folders for live reload; poll them sooner
"""

from __future__ import annotations

import copy
import datetime as dt
import importlib.util
import logging
import os
import re
import shutil
import tempfile
import threading
from html import escape
from typing import NamedTuple

from jinja2 import pass_context
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url, normalize_url
from mkdocs.utils.meta import get_data

from . import client_delivery, devserver
from .autolink import LinkTemplate, TermMatcher, TermTarget, link_terms
from .build_support import (
    TEMPLATE_BYTECODE,
    TEMPLATE_CACHE_DIR,
    BuildGarbagePolicy,
    NavReuse,
    NavSplice,
    Translations,
    list_theme_without_hidden_folders,
)
from .client_contract import client_contract, contract_files, search_preloads
from .config import ARuntimeConfig
from .docs_pages import collisions
from .exports import ExportCache, export_files, export_names
from .lint import MentionCache, check_site
from .loader import ContentPaths, EntryCache
from .maintenance import maintenance_record, source_file_path
from .markup import MarkdownRenderer
from .memo import RunMemo
from .model import COLLECTIONS, Ref, SiteModel
from .render_cache import PageOutputCache, digest, nav_state, template_files_digest, toc_state
from .schemas import schema_files
from .search import SearchCollector
from .search.documents import suggestion_names
from .search.tokens import keep_body_tokens
from .urls import SiteUrls
from .views import Site, SiteOptions, iter_search_documents, kind_of, page_specs, view_data_files
from .views.runtimes import Link

log = get_plugin_logger(__name__)

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
ASSETS_DIR = os.path.join(PACKAGE_DIR, "assets")
ASSETS_URI = "assets/aruntime"


def _lunr_js() -> str:
    """lunr.js inside MkDocs' search plugin, found without importing it (0.2 s
    per build); ProperDocs redirects mkdocs.* imports, so there the module
    itself is asked."""
    spec = importlib.util.find_spec("mkdocs.contrib.search")
    origin = spec.origin if spec is not None else None
    if origin is None:
        import mkdocs.contrib.search as search_plugin

        origin = search_plugin.__file__
    return os.path.join(os.path.dirname(os.path.abspath(origin)), "templates", "search", "lunr.js")


LUNR_JS = _lunr_js()
# Templates mark the part of a page whose text may get glossary links, and
# the sidebar nav (reused between pages outside the nav, see NavReuse).
CONTENT_START = "<!--ar:autolink-->"
CONTENT_END = "<!--/ar:autolink-->"
#: Generated files above this size are written to a scratch folder, not held in memory.
_SPOOL_ABOVE = 256 * 1024
#: The template of a page whose output is reused under serve (render_cache.py).
CACHED_PAGE_TEMPLATE = "aruntime/cached-page.html"
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off">')
#: Material's last toggle checkbox (base.html, just after <body>): the fix-up reads the page up to it.
_LAST_TOGGLE = 'data-md-toggle="search"'


class ARuntimePlugin(BasePlugin[ARuntimeConfig]):
    serving = False  # `mkdocs serve`: content errors become an error page (devserver.py)
    _search_writer = None  # under serve: the thread writing the last build's search index
    _search_cancel = None  # under serve: set to stop that thread (a newer build writes its own)
    _scratch = None  # folder of large generated files during a build (_generated_file)
    entry_cache = None
    export_cache = None  # under serve: each unchanged entry's export texts (exports.ExportCache)
    mention_cache = None  # under serve: the terms each unchanged text mentions (lint.MentionCache)
    front_matter = None  # under serve: each generated page's parsed front matter, by its text (_FrontMatter)
    reused: dict = {}
    page_cache = None  # under serve: the last build's pages (render_cache.py)
    sweeper = None  # under serve: deletes the last build in the background (devserver.py)
    restore_into = None  # under serve: the site folder unchanged pages are moved back into
    error_page = None
    nav = None

    def __init__(self):
        super().__init__()
        self.gc = BuildGarbagePolicy()
        self.restored_log = devserver.RestoredPagesLog()

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"
        # Rebuilds after a save re-read only the files that changed (not for a one-off build:
        # there the cache would only hold memory).
        self.entry_cache = EntryCache() if self.serving else None
        self.export_cache = ExportCache() if self.serving else None
        self.mention_cache = MentionCache() if self.serving else None
        self.front_matter = _FrontMatter() if self.serving else None
        # `--dirty` keeps the last build's files on purpose.
        self.sweeper = devserver.SiteSweeper() if self.serving and not dirty else None
        if self.sweeper is not None:
            logging.getLogger(devserver.MKDOCS_BUILD_LOG).addFilter(self.restored_log)
        if self.serving:
            keep_body_tokens()

    def on_config(self, config):
        # Under serve, the last build's index may still be being written: this
        # build writes its own, so that one is stopped rather than waited for.
        self._wait_for_search(cancel=True)
        self.gc.start()
        if self.front_matter is not None:
            self.front_matter.start()
        self._keep_page_cache(self.serving and self.config.serve_page_cache)
        root = os.path.dirname(os.path.abspath(config.config_file_path))
        self.paths = ContentPaths(
            root,
            patterns=self.config.patterns_dir,
            glossary=self.config.glossary_dir,
            runtimes=self.config.runtimes_dir,
            vocabularies=self.config.vocabularies,
            docs=os.path.relpath(config.docs_dir, root),
        )
        self.docs_rel = self.paths.docs  # once, not per page (_template_inputs)
        self.model, problems = check_site(
            self.paths, self.config, docs_dir=config.docs_dir, cache=self.entry_cache, mentions=self.mention_cache
        )
        self.gc.keep()  # the model lives as long as the build
        self.options = self._options(config)
        problems.extend(collisions(self.paths, page_specs(self.model, self.options), export_names(), [ASSETS_URI], config.use_directory_urls))
        for problem in problems.sorted():
            {"error": log.error, "warning": log.warning}.get(problem.severity, log.info)(str(problem))
        self.error_page = None
        if problems.errors and self.serving:
            log.error(devserver.terminal_notice(len(problems.errors)))
            self.error_page, self.model = devserver.error_mode(config, problems), SiteModel(self.model.vocabularies)
        elif problems.errors:
            # log.error alone would not stop a build; no page has been written yet.
            raise PluginError(f"{len(problems.errors)} error(s) in content files; see above. No pages were written.")
        self.specs = page_specs(self.model, self.options)
        self.specs_by_uri = {spec.src_uri: spec for spec in self.specs}
        self.nav_reuse = NavReuse()
        self.renderer = self._renderer(config)
        self.search = SearchCollector()
        self.raw_titles: dict[str, str] = {}
        term_names = {
            name: TermTarget(e.slug, e.term, e.summary)
            for e in self.model.glossary.values()
            if e.autolink
            for name in (e.term, *e.aliases)
        }
        self.term_matcher = TermMatcher(term_names)
        self.term_targets = {target.slug: target for target in term_names.values()}
        self.term_target_keys: dict[str, str] = {}
        # What auto-linking matches (not what a link shows): the page cache's link key.
        self.term_names_key = digest(sorted((name, target.slug) for name, target in term_names.items()))
        self.reuse: dict[str, _Reuse] = {}
        _add_template_dir(config)
        if config.nav is not None:
            config.nav, listed = _expand_nav(config.nav, self.paths.patterns.rstrip("/") + "/", self.specs)
        else:  # MkDocs makes the nav from the folders: every pattern page is in it
            listed = sum(1 for s in self.specs if s.in_nav and s.ref and s.ref.collection == "patterns")
        _prune_long_nav(config, listed, self.config.nav_prune_above)
        return config

    def on_pre_build(self, config):
        list_theme_without_hidden_folders(config.theme)  # before MkDocs lists the theme's files
        self.restored_log.clear()
        self.restore_into = None
        if self.sweeper is not None:  # just before MkDocs empties the site folder
            self.sweeper.set_aside(config.site_dir)
            # An unchanged page's file is moved back from the last build
            # (SiteSweeper.restore) and MkDocs writes nothing for it, which
            # needs the empty output it skips to be the last word on the
            # page: no plugin after this one may change pages.
            handlers = config.plugins.events.get("post_page", [])
            if handlers and getattr(handlers[-1], "__self__", None) is self:
                self.restore_into = config.site_dir

    @event_priority(-50)  # after other plugins have added their files
    def on_files(self, files: Files, config) -> Files:
        if self.error_page is not None:  # serve mode with content errors: on_post_build writes the error page
            self.urls = SiteUrls({})
            self.term_urls = _TermUrls(self.urls)
            return Files([])
        for spec in self.specs:  # collisions with docs/ were reported in on_config
            file = File.generated(
                config,
                spec.src_uri,
                content=spec.stub(),
                inclusion=InclusionLevel.UNDEFINED if spec.in_nav else InclusionLevel.NOT_IN_NAV,
            )
            if spec.ref is not None:
                # "Edit this page" opens the YAML source, not the stub.
                file.edit_uri = f"../{getattr(self.paths, spec.ref.collection)}/{spec.ref.slug}.yml"
            files.append(file)
        # Every URL from here on comes from MkDocs' own File.url.
        self.urls = SiteUrls({f.src_uri: f.url for f in files.documentation_pages()})
        # Auto-linking looks up a term's URL for each link: once per term here.
        self.term_urls = _TermUrls(self.urls)
        self.site = Site(self.model, self.urls, self.renderer.render, self.options)
        generated = export_files(self.model, _site_url(config), self.urls, self.export_cache)
        generated.update(contract_files(client_contract(self.model, self.urls)))
        view_data = view_data_files(self.specs, self.site)  # data files of page kinds (the long directory's)
        generated.update(view_data)
        if _offline(config):  # a build for a folder: those as scripts too (client_delivery.py)
            generated.update({path + ".js": client_delivery.data_script(path, text) for path, text in view_data.items()})
        for path, text in generated.items():
            files.append(self._generated_file(config, path, text))
        del generated
        for dirpath, _, filenames in os.walk(ASSETS_DIR):
            for filename in sorted(filenames):
                abs_path = os.path.join(dirpath, filename)
                rel = os.path.relpath(abs_path, ASSETS_DIR).replace(os.sep, "/")
                files.append(File.generated(config, f"{ASSETS_URI}/{rel}", abs_src_path=abs_path))
        # lunr.js 2.3.9 as shipped inside MkDocs: the version lunr.py serializes for.
        files.append(File.generated(config, f"{ASSETS_URI}/js/lunr.js", abs_src_path=LUNR_JS))
        for path, text in schema_files(self.model.vocabularies).items():  # /schemas/<collection>.schema.json
            files.append(File.generated(config, path, content=text))
        # The client modules as one classic script (client_delivery.py).
        files.append(File.generated(config, client_delivery.BUNDLE_PATH, content=client_delivery.bundle(os.path.join(ASSETS_DIR, "js"))))
        return files

    def _keep_page_cache(self, wanted: bool) -> None:
        if wanted and self.page_cache is None:
            self.page_cache = PageOutputCache()
        elif not wanted and self.page_cache is not None:
            self.page_cache.close()
            self.page_cache = None

    def _generated_file(self, config, path: str, text: str) -> File:
        """A generated file; a large one (the exports: 7 MB at 5,000 entries)
        goes to a scratch folder MkDocs copies it from, so its text is not
        held for the whole build. The folder goes once the build is done."""
        if len(text) < _SPOOL_ABOVE:
            return File.generated(config, path, content=text)
        if self._scratch is None:
            self._scratch = tempfile.mkdtemp(prefix="aruntime-")
        abs_path = os.path.join(self._scratch, *path.split("/"))
        os.makedirs(os.path.dirname(abs_path), exist_ok=True)
        with open(abs_path, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        return File.generated(config, path, abs_src_path=abs_path)

    def _remove_scratch(self) -> None:
        scratch, self._scratch = self._scratch, None
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)

    def _renderer(self, config) -> MarkdownRenderer:
        """The Markdown renderer; under ``mkdocs serve`` the one of the last
        build while the extensions are the same, so its cache of rendered
        fields carries over from one save to the next."""
        key = repr((config.markdown_extensions, config.mdx_configs))
        kept = getattr(self, "_kept_renderer", None)
        if self.serving and kept is not None and kept[0] == key:
            return kept[1]
        renderer = MarkdownRenderer(config.markdown_extensions, config.mdx_configs)
        self._kept_renderer = (key, renderer) if self.serving else None
        return renderer

    def _options(self, config) -> SiteOptions:
        return SiteOptions(
            site_url=_site_url(config),
            site_name=config.site_name,
            deployment_pattern=self.config.deployment_pattern,
            review_max_age_days=self.config.review_max_age_days,
            today=dt.date.today(),
            directory_inline_max=self.config.directory_inline_max,
            directory_page_size=self.config.directory_page_size,
        )

    def on_pre_page(self, page, config, files):
        if self._spec_for(page) is not None:
            # A generated page's Markdown is front matter only (PageSpec.stub):
            # MkDocs would still build a Markdown converter for it (~0.2 ms a
            # page, a tenth of a 5,000-entry build) to render nothing.
            page.render = _StubRender(page)
            if self.front_matter is not None:
                page.read_source = _StubRead(page, self.front_matter)
        return page

    def on_page_content(self, html, page, config, files):
        spec = self._spec_for(page)
        if spec is None or kind_of(spec).indexes_rendered_page():
            self.search.add_page(page.title, page.url, html if spec is None else "", page.meta.get("description", ""))
        return html

    def on_nav(self, nav, config, files):
        self.nav = nav
        self.nav_splice = NavSplice(nav)
        # Whether a page is in the nav (toc.html), without comparing it with
        # every nav page for every page.
        self.nav_src_uris = {page.file.src_uri for page in nav.pages}
        return nav

    def on_env(self, env, config, files):
        # MkDocs makes a new Jinja environment for every build; under
        # `mkdocs serve` recompiling the theme's templates on each save costs
        # more than rendering the pages they are used for, and a one-off
        # build reads them from the project's .cache folder.
        TEMPLATE_BYTECODE.directory = os.path.join(self.paths.root, TEMPLATE_CACHE_DIR)
        env.bytecode_cache = TEMPLATE_BYTECODE
        self.gc.keep()  # every page is read and rendered: all of it lives until the end
        env.filters["ar_url"] = self._ar_url_filter()
        env.globals["ar_translation"] = Translations()  # partials/language.html
        # main.html's preloads; a build for a folder loads its data as scripts (client.mjs), not these
        env.globals["ar_preloads"] = [] if _offline(config) else search_preloads()
        template = env.get_template("aruntime/partials/term-link.html")
        self.term_link = LinkTemplate(
            lambda v: template.render(
                target=TermTarget("", v["term"], v["summary"]), text=v["text"], href=v["href"], tip_id=v["tip_id"]
            )
        )
        # Every page has been read and rendered: titles are final. Material
        # prints page titles and descriptions raw (MkDocs' Jinja does not
        # autoescape), so they are HTML-escaped here, once, for every page;
        # templates print them without |e.
        for file in files.documentation_pages():
            page = file.page
            if page is None or page.title is None:
                continue
            self.raw_titles[file.src_uri] = page.title
            page.title = escape(page.title, quote=False)
            for key in ("description", "subtitle"):
                if isinstance(page.meta.get(key), str):
                    page.meta[key] = escape(page.meta[key])
        self._plan_reuse(config, files)
        return env

    def _plan_reuse(self, config, files) -> None:
        """Under serve: the pages whose inputs are those of the last build
        render from the page cache (a one-line template printing the stored
        output), the others as usual; every page's key is kept for on_post_page
        to store its output under (render_cache.py)."""
        self.reuse = {}
        self.reused = {"pages": 0, "templates": 0, "links": 0, "restored": 0}
        cache = self.page_cache
        if cache is None or self.error_page is not None:
            return
        pages = [f.page for f in files.documentation_pages() if f.page is not None]
        # What every page's template reads besides its own inputs. Not the
        # pages outside the nav: a page that shows or links another has it
        # in its view context, and a page's URL follows from its source path
        # and the config.
        self.build_key = digest(
            [(key, value) for key, value in config.items() if key != "plugins"],
            [(name, dict(plugin.config)) for name, plugin in config.plugins.items()],
            nav_state(self.nav.items if self.nav is not None else []),
            template_files_digest(config.theme.dirs),
            self.options,
        )
        self.reused["pages"] = len(pages)
        for page in pages:
            name = page.file.src_uri
            if not cache.knows(name):
                continue  # a new page: its key is made when it renders
            inputs = self._template_inputs(page, config)
            key = self._template_key(page, inputs)
            html = cache.template(name, key)
            if html is None:
                self.reuse[name] = _Reuse(key, None, inputs)
            else:
                page.meta["template"] = CACHED_PAGE_TEMPLATE
                self.reuse[name] = _Reuse(key, Markup(html), None)
                self.reused["templates"] += 1

    def _ar_url_filter(self):
        urls = self.urls

        @pass_context
        def ar_url(context, target, fragment=None):
            """URL of an entry, Ref, linked item or page src_uri, relative to the page being rendered."""
            if isinstance(target, Link):
                target, fragment = target.ref, target.fragment
            return normalize_url(urls.of(target, fragment), page=context.get("page"), base=context.get("base_url", ""))

        return ar_url

    def on_page_context(self, context, page, config, nav):
        reuse = self.reuse.get(page.file.src_uri)
        if reuse is not None and reuse.html is not None:
            context["ar_cached_page"] = reuse.html  # CACHED_PAGE_TEMPLATE prints it
            return context
        inputs = reuse.inputs if reuse is not None else self._template_inputs(page, config)
        if reuse is None and self.page_cache is not None:
            self.reuse[page.file.src_uri] = _Reuse(self._template_key(page, inputs), None, None)
        spec, view_context, maintenance = inputs
        if view_context is not None:
            view_context = dict(view_context)
            toc = view_context.pop("toc", None)
            if toc is not None:
                page.toc = get_toc(toc)
            context.update(view_context)
        context["ar_nav_html"] = self.nav_reuse.get(page, spec)
        context.update(self.nav_splice.context(page))
        context["ar_page_in_nav"] = page.file.src_uri in self.nav_src_uris
        context["maintenance"] = maintenance
        return context

    def _template_inputs(self, page, config):
        """What our part of a page's template context is made from: its spec,
        its kind's context (None for a hand-written page) and its maintenance
        record (the footer and the corrections form)."""
        spec = self._spec_for(page)
        view_context = entry = None
        if spec is not None:
            view_context = kind_of(spec).context(spec, self.site)
            entry = self.model.get(spec.ref) if spec.ref else None
        maintenance = maintenance_record(
            page_title=self.raw_titles.get(page.file.src_uri, page.title or ""),
            page_url=page.canonical_url or page.abs_url or page.url,
            meta=page.meta,
            entry=entry,
            repo_url=config.repo_url,
            issue_template=self.config.corrections_template,
            source_file=source_file_path(
                self.docs_rel,
                page.file.edit_uri,  # src_uri, or the YAML source of a generated entry page
            ),
            endpoint=self.config.corrections_endpoint,
            timeout_seconds=self.config.corrections_timeout,
        )
        return spec, view_context, maintenance

    def _template_key(self, page, inputs) -> str:
        """Everything a page's template output depends on (render_cache.py)."""
        _, view_context, maintenance = inputs
        return digest(
            self.build_key, page.file.src_uri, page.title, page.meta, page.content, toc_state(page.toc),
            page.edit_url, page.canonical_url, view_context, maintenance,
        )

    def on_post_page(self, output, page, config):
        self.nav_reuse.remember(page, self._spec_for(page), output)
        self.nav_splice.remember(page, output)
        return self._link_page(output, page)

    def _link_page(self, output: str, page) -> str:
        """The page with glossary links, finished (_finish); under serve,
        from the page cache, finished already, when the template output and
        the terms it links are as last time."""
        name = page.file.src_uri
        reuse = self.reuse.get(name)
        cache = self.page_cache
        if reuse is None or cache is None:
            return _finish(self._autolink(output, page))
        if reuse.html is None:
            cache.put_template(name, reuse.key, output)
        else:
            linked = cache.linked(name, self._link_key(reuse.key, cache.linked_terms(name)))
            if linked is not None:
                self.reused["links"] += 1
                if self.restore_into is not None and self.sweeper.restore(self.restore_into, page.file.dest_uri):
                    self.reused["restored"] += 1
                    self.restored_log.add(name)
                    return ""  # MkDocs writes nothing: the file is there
                return linked
        slugs: dict[str, None] = {}
        output = _finish(self._autolink(output, page, slugs))
        cache.put_linked(name, self._link_key(reuse.key, tuple(slugs)), tuple(slugs), output)
        return output

    def _link_key(self, template_key: str, slugs: tuple) -> str:
        """What auto-linking a page read: its template output, every name a
        term can be matched by, and the terms it linked (a link shows the
        term and its summary)."""
        return digest(template_key, self.term_names_key, [self._term_target_key(slug) for slug in slugs])

    def _term_target_key(self, slug: str) -> str:
        """A linked term's digest, made once per build (a term is linked from many pages)."""
        key = self.term_target_keys.get(slug)
        if key is None:
            key = self.term_target_keys[slug] = digest(self.term_targets.get(slug))
        return key

    def on_post_template(self, output_content, template_name, config):
        # 404.html is a static template, not a page: same toggle fix.
        return _finish(output_content)

    def _autolink(self, output: str, page, linked: dict | None = None) -> str:
        """Link glossary terms inside the content markers of a page; the
        linked terms' slugs are added to ``linked``."""
        spec = self._spec_for(page)
        entry = self.model.get(spec.ref) if spec and spec.ref else None
        if spec is not None and spec.ref is None:
            return output  # index pages list terms themselves
        if (entry is not None and not entry.autolink) or page.meta.get("autolink") is False:
            return output
        start, end = output.find(CONTENT_START), output.rfind(CONTENT_END)
        if start < 0 or end < start:
            return output
        counter = iter(range(1, 1_000_000))
        hrefs: dict[str, str] = {}
        term_urls, fill = self.term_urls, self.term_link.fill

        def render(target: TermTarget, text: str) -> str:
            if linked is not None:
                linked[target.slug] = None
            href = hrefs.get(target.slug)
            if href is None:
                href = hrefs[target.slug] = get_relative_url(term_urls[target.slug], page.url)
            return fill(href=href, text=text, term=target.term, summary=target.summary, tip_id=f"ar-term-tip-{next(counter)}")

        exclude = entry.slug if entry is not None and entry.collection == "glossary" else None
        body = link_terms(output[start:end], self.term_matcher, render, exclude_slug=exclude)
        return output[:start] + body + output[end:]

    def on_post_build(self, config):
        self._remove_scratch()  # every file has been copied into the site
        if self.error_page is not None:
            self.gc.end()
            devserver.write_error_site(config.site_dir, self.error_page)
            return self._sweep()
        if self.page_cache is not None:
            self.page_cache.end_build(self.reuse)
            log.info("Pages as last build: %(templates)d of %(pages)d not rendered again, "
                     "%(links)d not auto-linked again, %(restored)d not written again (serve_page_cache)", self.reused)
        docs = iter_search_documents(self.specs, self.site, self.search.pages)
        names = suggestion_names(self.model, self.urls)
        if self.serving:
            if self.sweeper is not None:
                self.sweeper.written(config.site_dir)  # every page is there: the next build may restore from it
            self._sweep()
            # Under `mkdocs serve` the browser reloads when the build returns;
            # the search index (a quarter of a rebuild) is written just after,
            # in the background; the next build stops it (on_config).
            self._search_cancel = threading.Event()
            self._search_writer = threading.Thread(
                target=self._write_search, args=(config, docs, names, self._search_cancel.is_set),
                name="aruntime-search-index", daemon=True,
            )
            self._search_writer.start()
        else:
            self._write_search(config, docs, names)

    def _write_search(self, config, docs, names, cancelled=lambda: False) -> None:
        try:
            stats = self.search.write(config.site_dir, docs, names, cancelled)
            if stats is None:
                return  # stopped: a newer build is starting
            log.debug("search index: %(files)d files, %(bytes)d bytes", stats)
            if _offline(config):  # a build for a folder: data as scripts too (client_delivery.py)
                client_delivery.write_data_scripts(config.site_dir, ["assets/aruntime/search", "runtimes.json"])
        finally:
            self.gc.end()

    def _wait_for_search(self, cancel: bool = False) -> None:
        writer, self._search_writer = self._search_writer, None
        if writer is not None:
            if cancel:
                self._search_cancel.set()
            writer.join()

    def _sweep(self) -> None:
        """Once the build is written, delete the last one (devserver.SiteSweeper)."""
        if self.sweeper is not None:
            self.sweeper.delete_set_aside()

    def on_build_error(self, error):
        self._sweep()
        self._remove_scratch()
        self._wait_for_search()
        self.gc.end()

    def on_shutdown(self):
        self._remove_scratch()
        self._wait_for_search(cancel=True)
        self._keep_page_cache(False)
        if self.sweeper is not None:
            self.sweeper.join()
            logging.getLogger(devserver.MKDOCS_BUILD_LOG).removeFilter(self.restored_log)

    def on_serve(self, server, config, builder):
        for path in [*map(self.paths.collection_dir, COLLECTIONS), os.path.join(self.paths.root, self.paths.vocabularies)]:
            if os.path.exists(path):
                server.watch(path)
        _poll_sooner(server)
        return server

    def _spec_for(self, page):
        if page.file.generated_by is None:
            return None
        return self.specs_by_uri.get(page.file.src_uri)


def _poll_sooner(server) -> None:
    """Let the dev server see a save sooner than every 0.5 s while polling
    stays cheap (devserver.poll_interval): its polling observer, not yet
    started, is replaced by one with a shorter interval that watches the same
    paths. MkDocs 1.6 (and ProperDocs) keep those paths in private
    attributes; a server without them, or already watching, is left as it
    is (tests/integration/test_serve_reload.py fails then)."""
    from watchdog.observers.polling import PollingObserver

    watched = getattr(server, "_watched_paths", None)
    refs = getattr(server, "_watch_refs", None)
    observer = getattr(server, "observer", None)
    if not isinstance(watched, dict) or not isinstance(refs, dict) or type(observer) is not PollingObserver:
        return
    if observer.is_alive():
        return
    interval = devserver.poll_interval(devserver.scan_seconds(watched))
    if interval >= observer.timeout:
        return
    counts = dict(watched)
    observer.unschedule_all()
    watched.clear()
    refs.clear()
    server.observer = PollingObserver(timeout=interval)
    for path, count in counts.items():
        for _ in range(count):
            server.watch(path)
    log.debug("Polling watched files every %.2f s", interval)


def _finish(html: str) -> str:
    """A page's last fix-up: ``autocomplete="off"`` taken off Material's
    toggle checkboxes. base.html puts it there, which is invalid HTML (Nu
    Html Checker), and has no block to override for them. They come right
    after ``<body>``: the page is scanned up to the last of them, not to its
    end (pages are 60-170 kB at 1k entries)."""
    end = html.find(_LAST_TOGGLE)
    if end < 0:
        return _TOGGLE_AUTOCOMPLETE.sub(r"\1>", html)
    close = html.find(">", end)
    end = len(html) if close < 0 else close + 1
    return _TOGGLE_AUTOCOMPLETE.sub(r"\1>", html[:end]) + html[end:]


class _TermUrls(dict):
    """Glossary term slug -> the URL of its page, looked up on first use."""

    def __init__(self, urls: SiteUrls):
        super().__init__()
        self.urls = urls

    def __missing__(self, slug: str) -> str:
        self[slug] = url = self.urls.entry(Ref("glossary", slug))
        return url


class _Reuse(NamedTuple):
    """A page under serve: its template key; the stored template output if
    it is reused, else the inputs computed while looking (or None)."""

    key: str
    html: Markup | None
    inputs: tuple | None


class _FrontMatter:
    """Under serve: each generated page's stub parsed by MkDocs once per
    text, not on every rebuild; keeps the texts the last build read. A page
    gets its own copy of the front matter (the adapter changes it)."""

    def __init__(self):
        self.memo = RunMemo()

    def start(self) -> None:
        self.memo.next_run()

    def parse(self, source: str) -> tuple:
        markdown, meta = self.memo.get(source, lambda: get_data(source))
        return markdown, {key: value if type(value) is str else copy.deepcopy(value) for key, value in meta.items()}


class _StubRead:
    """``Page.read_source`` for a generated page under serve: MkDocs' own,
    with the front matter parsed once per text (_FrontMatter)."""

    def __init__(self, page, front_matter: _FrontMatter):
        self.page, self.front_matter = page, front_matter

    def __call__(self, config):
        page = self.page
        source = config.plugins.on_page_read_source(page=page, config=config)
        if source is None:
            source = page.file.content_string
        page.markdown, page.meta = self.front_matter.parse(source)


class _StubRender:
    """``Page.render`` for a generated page: what MkDocs' render sets for an
    empty Markdown body, without a Markdown converter. A stub that somehow
    has a body is rendered by MkDocs as usual."""

    def __init__(self, page):
        self.page = page

    def __call__(self, config, files):
        page = self.page
        if page.markdown is None or page.markdown.strip():
            return type(page).render(page, config, files)
        page.content = ""
        page.toc = get_toc([])
        page._title_from_render = None
        page.present_anchor_ids = set()
        page.links_to_anchors = {}


def _offline(config) -> bool:
    """Material's offline plugin is on: the site will be opened from a folder."""
    plugin = config.plugins.get("material/offline")
    return bool(plugin is not None and plugin.config.enabled)


def _site_url(config) -> str:
    """Absolute base URL for exports and structured data ('/' without site_url)."""
    url = config.site_url or "/"
    return url if url.endswith("/") else url + "/"


def _add_template_dir(config) -> None:
    """Put our templates before the theme's own (but after the site's custom_dir)."""
    templates = os.path.join(PACKAGE_DIR, "templates")
    dirs = config.theme.dirs
    if templates in dirs:
        return
    custom = config.theme.get("custom_dir")
    index = 1 if custom and dirs and os.path.abspath(dirs[0]) == os.path.abspath(custom) else 0
    dirs.insert(index, templates)


def _expand_nav(nav, marker: str, specs) -> tuple[list, int]:
    """Replace a nav entry whose value is the patterns folder with every
    pattern page; the new nav and how many pattern pages it lists."""
    patterns = sorted((s for s in specs if s.ref and s.ref.collection == "patterns"), key=lambda s: s.title.lower())
    expanded = [{s.title: s.src_uri} for s in patterns]  # escaped with every title in on_env
    out = []
    listed = 0
    for item in nav:
        if isinstance(item, dict):
            (title, value), = item.items()
            if value == marker:
                out.append({title: expanded})
                listed += len(expanded)
            elif isinstance(value, list):
                inner, n = _expand_nav(value, marker, specs)
                out.append({title: inner})
                listed += n
            else:
                out.append(item)
        elif item == marker:
            out.extend(expanded)
            listed += len(expanded)
        else:
            out.append(item)
    return out, listed


PRUNE = "navigation.prune"


def _prune_long_nav(config, listed: int, above: int) -> None:
    """Material's navigation.prune on for a nav of more than ``above`` pattern
    pages (the nav_prune_above option): Material writes the whole nav into
    every page, and a long one is most of every page's bytes and of the
    time before it responds."""
    features = list(config.theme.get("features") or [])
    if listed <= above or PRUNE in features:
        return
    if "navigation.expand" in features:  # Material: expand needs the whole nav, prune cannot apply
        log.info(f"The nav lists {listed} pattern pages; navigation.expand keeps all of them in every page.")
        return
    config.theme["features"] = [*features, PRUNE]
