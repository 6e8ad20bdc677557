// The results page (/search/?q=...): renders from the URL alone, so a
// reload, a shared link and back/forward all show the same results.

import { el, clear, onPage, claim } from "./dom.mjs";
import { SHORT_MESSAGE, KIND_LABELS, isSearchable } from "./search-core.mjs";
import { engine, href, resultContent, stopMessage, logError } from "./search-client.mjs";

const PAGE_SIZE = 50;
const KIND_PLURAL = { pattern: "patterns", glossary: "glossary terms", runtime: "runtimes", page: "pages" };

function init() {
  const root = claim("[data-ar-results]");
  if (!root) return;
  const form = root.querySelector("form");
  const input = root.querySelector("input[name=q]");
  const status = root.querySelector("#ar-results-status");
  const list = root.querySelector("#ar-results-list");
  const suggest = root.querySelector("#ar-results-suggest");
  const more = root.querySelector("#ar-results-more");
  let renderId = 0;
  let shown = 0;
  let current = null;

  const queryFromUrl = () => new URLSearchParams(window.location.search).get("q") || "";

  function reset(message) {
    status.textContent = message;
    clear(list);
    clear(suggest);
    suggest.hidden = true;
    more.hidden = true;
    shown = 0;
  }

  async function showMore(id) {
    const { search, result } = current;
    const rows = await search.rows(result.hits.slice(shown, shown + PAGE_SIZE));
    if (id !== renderId) return;
    for (const row of rows) {
      list.append(el("li", { class: "ar-result" }, el("a", { href: href(row.url) }, resultContent(row, result.terms))));
    }
    shown += rows.length;
    more.hidden = shown >= result.hits.length;
  }

  async function render() {
    const id = ++renderId;
    root.setAttribute("aria-busy", "true");
    try {
      await renderQuery(id);
    } finally {
      if (id === renderId) root.removeAttribute("aria-busy");
    }
  }

  async function renderQuery(id) {
    const query = queryFromUrl();
    input.value = query;
    document.title = query ? `Search: ${query}` : "Search";
    current = null;
    if (!query.trim()) return reset("Type a word or two to search the reference.");
    if (!isSearchable(query)) return reset(SHORT_MESSAGE);
    reset("Searching…");
    try {
      const search = await engine();
      const result = await search.search(query);
      if (id !== renderId) return;
      if (result.state === "stop") return reset(stopMessage(result.stop));
      if (result.state !== "ok" || !result.hits.length) {
        reset(`No results for “${query.trim()}”.`);
        const names = result.state === "ok" ? await search.suggestions(query, 8) : [];
        if (id !== renderId || !names.length) return;
        suggest.append(
          el("p", {}, "Closest glossary terms and runtimes:"),
          el("ul", {}, names.map((s) => el("li", {}, el("a", { href: href(s.url) }, s.name), " ", el("span", { class: `ar-kind ar-kind--${s.kind}` }, KIND_LABELS[s.kind])))),
        );
        suggest.hidden = false;
        return;
      }
      current = { search, result };
      const counts = await search.kindCounts(result.hits);
      if (id !== renderId) return;
      const total = result.hits.length;
      const parts = Object.keys(KIND_PLURAL).filter((k) => counts[k]).map((k) => `${counts[k]} ${counts[k] === 1 ? KIND_PLURAL[k].replace(/s$/, "") : KIND_PLURAL[k]}`);
      reset(`${total} result${total === 1 ? "" : "s"} for “${query.trim()}”: ${parts.join(", ")}.`);
      await showMore(id);
    } catch (err) {
      if (id !== renderId) return;
      logError(err);
      reset("Search is unavailable right now. Try reloading the page.");
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const url = new URL(window.location.href);
    url.searchParams.set("q", input.value.trim());
    if (url.href !== window.location.href) window.history.pushState({}, "", url.href);
    render();
  });
  more.addEventListener("click", () => current && showMore(renderId).catch(logError));
  window.addEventListener("popstate", render);
  window.addEventListener("pageshow", (event) => event.persisted && render());
  render();
}

onPage(init);
