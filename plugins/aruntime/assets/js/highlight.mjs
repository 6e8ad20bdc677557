// Highlight on arrival: a page opened from a search result (?h=words) marks
// the searched words in its content, scrolls to the first one and offers a
// button that clears the marks and the parameter.

import { el, onPage } from "./dom.mjs";
import { contract } from "./client.mjs";
import { configure, highlight, words } from "./search-core.mjs";
import { HIGHLIGHT_PARAM } from "./search-client.mjs";

const SKIP = "script, style, code, pre, mark, button, input, textarea, select, .ar-term__tip, [data-ar-no-highlight]";

/** Wrap matches of `terms` in text nodes under `root` in <mark>; returns the marks. */
export function markTerms(root, terms) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.data.trim()) nodes.push(node);
  const marks = [];
  for (const node of nodes) {
    const parts = highlight(node.data, terms);
    if (!parts.some((p) => p.mark)) continue;
    const pieces = parts.map((p) => (p.mark ? el("mark", { class: "ar-highlight" }, p.text) : document.createTextNode(p.text)));
    marks.push(...pieces.filter((p) => p.nodeType === 1));
    node.replaceWith(...pieces);
  }
  return marks;
}

export function unmark(root) {
  for (const mark of root.querySelectorAll("mark.ar-highlight")) mark.replaceWith(document.createTextNode(mark.textContent));
  root.normalize();
}

function start() {
  const param = HIGHLIGHT_PARAM;
  const url = new URL(window.location.href);
  const value = url.searchParams.get(param);
  const content = document.querySelector(".md-content article, .md-content .md-typeset");
  if (!value || !content || content.dataset.arHighlighted) return;
  content.dataset.arHighlighted = "1";
  configure(contract().search);
  const marks = markTerms(content, words(value).slice(0, contract().search.max_words));
  const bar = el("p", { class: "ar-highlight-bar", role: "status" },
    marks.length ? `${marks.length} match${marks.length === 1 ? "" : "es"} of “${value}” highlighted. ` : `“${value}” is not in the text of this page. `);
  const clearButton = el("button", { type: "button", class: "ar-highlight-bar__clear" }, "Clear highlighting");
  clearButton.addEventListener("click", () => {
    unmark(content);
    bar.remove();
    url.searchParams.delete(param);
    window.history.replaceState(window.history.state, "", url.href);
  });
  bar.append(clearButton);
  content.prepend(bar);
  if (marks.length && !window.location.hash) marks[0].scrollIntoView({ block: "center" });
}

onPage(start);
