// Browser glue shared by the search components: the engine (lunr.js and the
// index loaded on first use) and the one SearchStore of this window.

import { el, marked } from "./dom.mjs";
import { contract, siteUrl, loadScript, loadData } from "./client.mjs";
import { SearchEngine, configure, cutQuery, highlight, kindLabel } from "./search-core.mjs";
import { SearchStore } from "./search-store.mjs";

const PAGE_SIZE = 50; // rows per page of the results page
const FIRST_ROWS = 8; // rows the header box shows: loaded and shown before the rest of a page
const SUGGESTIONS = 8; // closest names offered when nothing matches
export const HIGHLIGHT_PARAM = "h"; // ?h=words on a result link: highlight them there
let enginePromise = null;
let loaded = null; // the engine, once lunr.js has loaded
let store = null;

function search() {
  return contract().search;
}

/** The engine: lunr.js and the manifest, loaded once per window, side by
 *  side (the manifest's request does not wait for lunr.js to arrive and run). */
export function engine() {
  if (!enginePromise) {
    const settings = search();
    const index = settings.index_dir; // site-root-relative folder of the split index
    const fetchJSON = (path) => loadData(index + path, { fresh: index + path === settings.manifest });
    let manifest = fetchJSON("manifest.json");
    manifest.catch(() => {}); // a failure is the engine's, when it asks for it below
    enginePromise = loadScript(siteUrl(settings.lunr)).then(() => {
      // An element with id="lunr" in page content is also window.lunr: only a function is lunr.js.
      const lunr = globalThis.lunr;
      if (typeof lunr !== "function" || typeof lunr.Index !== "function") throw new Error("lunr.js did not load");
      loaded = new SearchEngine(lunr, (path) => {
        if (path !== "manifest.json" || !manifest) return fetchJSON(path);
        const early = manifest; // the request started with lunr.js's; a retry fetches anew
        manifest = null;
        return early;
      });
      return loaded;
    });
    enginePromise.catch(() => (enginePromise = null));
  }
  return enginePromise;
}

/** Whether the engine answers `query` at once (see SearchEngine#quick). */
export function quick(query) {
  return Boolean(loaded && loaded.quick(query));
}

/** Load lunr.js and the manifest now (the box has focus): the first query
 *  then waits only for its shards. */
export function warmUp() {
  return engine().then((e) => e.ready());
}

/** The one search of this window, shared by the header box and the results page. */
export function sharedStore() {
  if (!store) {
    configure(search());
    store = new SearchStore(engine, { pageSize: PAGE_SIZE, firstRows: FIRST_ROWS, suggestions: SUGGESTIONS });
  }
  return store;
}

/** Link to a result: its page, with the searched words to highlight there. */
export function resultHref(url, terms) {
  const target = new URL(siteUrl(url));
  if (terms && terms.length) target.searchParams.set(HIGHLIGHT_PARAM, terms.join(" "));
  return target.href;
}

/** The results page for a query. */
export function resultsPageHref(query) {
  const url = new URL(siteUrl(contract().pages.search));
  url.searchParams.set("q", cutQuery(query)); // a 10,000-character query would make an unusable URL
  return url.href;
}

export function kindBadge(kind) {
  return el("span", { class: `ar-kind ar-kind--${kind}` }, kindLabel(kind));
}

/** Title (with its parent page) of a result row, the query words marked. */
export function resultTitle(row, terms) {
  return el(
    "span",
    { class: "ar-result__title" },
    row.parent ? el("span", { class: "ar-result__parent" }, row.parent, " › ") : null,
    marked(highlight(row.title, terms)),
  );
}

export function resultSummary(row, terms) {
  return row.summary ? el("span", { class: "ar-result__summary" }, marked(highlight(row.summary, terms))) : null;
}

/** The site-root-relative path a reader sees under a result's title. */
export function displayPath(url) {
  return "/" + String(url).replace(/index\.html$/, "").replace(/#.*$/, "");
}

export function stopMessage(stop) {
  const list = stop.map((w) => `“${w}”`).join(", ");
  return stop.length === 1
    ? `${list} is too common a word to search for. Add a more specific word.`
    : `${list} are too common to search for. Add a more specific word.`;
}
