// The results page (/search/?q=...): renders the window's SearchStore for the
// query in the URL, so a reload, a shared link and back/forward all show the
// same results. Title and path link to the result; the summary is plain text.

import { el, clear, fill, onPage, claim } from "./dom.mjs";
import { contract, logError } from "./client.mjs";
import { cutQuery, shortMessage } from "./search-core.mjs";
import { sharedStore, resultHref, kindBadge, resultTitle, resultSummary, displayPath, stopMessage } from "./search-client.mjs";

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** The status line for a store state. */
export function pageStatus(state, kinds) {
  const q = state.query.trim();
  const parts = Object.keys(kinds).filter((k) => state.counts[k]).map((k) => plural(state.counts[k], kinds[k].one, kinds[k].many));
  return {
    idle: "Type a word or two to search the reference.",
    short: q ? shortMessage() : "Type a word or two to search the reference.",
    loading: "Searching…",
    stop: stopMessage(state.stop),
    none: `No results for “${q}”.`,
    error: "Search is unavailable right now. Try reloading the page.",
    ok: `${plural(state.total, "result", "results")} for “${q}”: ${parts.join(", ")}.`,
  }[state.status];
}

function resultItem(row, terms) {
  const href = resultHref(row.url, terms);
  return el("li", { class: "ar-result" },
    el("p", { class: "ar-result__head" }, kindBadge(row.kind), " ", el("a", { href, class: "ar-result__link" }, resultTitle(row, terms))),
    el("p", { class: "ar-result__path" }, displayPath(row.url)),
    resultSummary(row, terms) && el("p", { class: "ar-result__text" }, resultSummary(row, terms)));
}

function render(parts, state) {
  if (state.status === "loading" && parts.list.childElementCount) return;
  parts.status.textContent = pageStatus(state, contract().search.kinds);
  clear(parts.list);
  for (const row of state.status === "ok" ? state.rows : []) parts.list.append(resultItem(row, state.terms));
  parts.more.hidden = state.status !== "ok" || state.rows.length >= state.total;
  parts.suggest.hidden = !(state.status === "none" && state.suggestions.length);
  if (!parts.suggest.hidden) {
    fill(parts.suggest, el("p", {}, "Closest glossary terms and runtimes:"),
      el("ul", {}, state.suggestions.map((s) => el("li", {}, el("a", { href: resultHref(s.url, []) }, s.name), " ", kindBadge(s.kind)))));
  }
  parts.root.toggleAttribute("aria-busy", state.status === "loading");
}

function start(root) {
  const parts = {
    root,
    form: root.querySelector("form"),
    input: root.querySelector("input[name=q]"),
    status: root.querySelector("[data-ar-results-status]"),
    list: root.querySelector("[data-ar-results-list]"),
    suggest: root.querySelector("[data-ar-results-suggest]"),
    more: root.querySelector("[data-ar-results-more]"),
  };
  const store = sharedStore();
  store.needComplete(); // every result, not the header box's first ones
  const fromUrl = () => {
    const query = new URLSearchParams(window.location.search).get("q") || "";
    parts.input.value = query;
    document.title = query ? `Search: ${query}` : "Search";
    store.search(query).catch(logError);
  };
  const unsubscribe = store.subscribe((state) => (root.isConnected ? render(parts, state) : unsubscribe()));
  parts.form.addEventListener("submit", (event) => {
    event.preventDefault();
    const url = new URL(window.location.href);
    url.searchParams.set("q", cutQuery(parts.input.value.trim()));
    if (url.href !== window.location.href) window.history.pushState({}, "", url.href);
    fromUrl();
  });
  parts.more.addEventListener("click", () => store.more().catch(logError));
  const onPop = () => (root.isConnected ? fromUrl() : window.removeEventListener("popstate", onPop));
  window.addEventListener("popstate", onPop);
  fromUrl();
}

onPage(() => {
  const root = claim("[data-ar-results]");
  if (root) start(root);
  // left the results page (instant navigation): the box's short answers again
  else if (!document.querySelector("[data-ar-results]")) sharedStore().needComplete(false);
});
