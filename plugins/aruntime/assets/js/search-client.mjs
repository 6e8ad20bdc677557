// Browser glue shared by the header box and the results page: one engine per
// page, lunr.js loaded on first use, the index fetched with relative URLs.

import { el, append } from "./dom.mjs";
import { SearchEngine, highlight, KIND_LABELS, LOG_PREFIX } from "./search-core.mjs";

let enginePromise = null;

function loadScript(src) {
  if (window.lunr) return Promise.resolve(window.lunr);
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.async = true;
    script.onload = () => (window.lunr ? resolve(window.lunr) : reject(new Error("lunr.js did not load")));
    script.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.append(script);
  });
}

/** The engine, configured from the header box's data attributes. */
export function engine() {
  if (!enginePromise) {
    const box = document.querySelector("[data-ar-search]");
    if (!box) return Promise.reject(new Error("no search box on this page"));
    const indexBase = new URL(box.dataset.arIndex, document.baseURI);
    enginePromise = loadScript(new URL(box.dataset.arLunr, document.baseURI).href).then(
      (lunr) =>
        new SearchEngine(lunr, async (path) => {
          const url = new URL(path, indexBase);
          const response = await fetch(url, path === "manifest.json" ? { cache: "no-cache" } : {});
          if (!response.ok) throw new Error(`${response.status} for ${url}`);
          return response.json();
        }),
    );
    enginePromise.catch(() => (enginePromise = null));
  }
  return enginePromise;
}

/** Site root (absolute) for turning index URLs into links. */
export function siteRoot() {
  const box = document.querySelector("[data-ar-search]");
  return new URL(box ? box.dataset.arRoot : "./", document.baseURI);
}

export function href(url) {
  return new URL(url, siteRoot()).href;
}

export function marked(text, terms) {
  return highlight(text, terms).map((part) => (part.mark ? el("mark", {}, part.text) : part.text));
}

/** The inside of one result: kind label, title (with page), summary. */
export function resultContent(row, terms) {
  const kind = KIND_LABELS[row.kind] || "Page";
  return [
    el("span", { class: `ar-kind ar-kind--${row.kind}` }, kind),
    " ",
    el(
      "span",
      { class: "ar-result__title" },
      row.parent ? [el("span", { class: "ar-result__parent" }, row.parent, " › ")] : [],
      marked(row.title, terms),
    ),
    row.summary ? el("span", { class: "ar-result__summary" }, marked(row.summary, terms)) : null,
  ];
}

export function stopMessage(stop) {
  const list = stop.map((w) => `“${w}”`).join(", ");
  return stop.length === 1
    ? `${list} is too common a word to search for. Add a more specific word.`
    : `${list} are too common to search for. Add a more specific word.`;
}

export function logError(err) {
  console.error(LOG_PREFIX, err);
}

export { append };
