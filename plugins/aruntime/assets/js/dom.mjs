// DOM helpers shared by every component. Data reaches the DOM only as text
// nodes and attribute values, never as HTML.

/** el(tag, {attr: value, class, text}, ...children) */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** Replace a node's children. */
export function fill(node, ...children) {
  return append(clear(node), children);
}

/** The element matching `selector`, the first time a module asks for it on
 *  this page; null if absent or already set up (instant navigation re-runs init). */
export function claim(selector, scope = document) {
  const node = scope.querySelector(selector);
  if (!node || node.dataset.arReady) return null;
  node.dataset.arReady = "1";
  return node;
}

/** Run `init` when the DOM is ready and after every instant navigation.
 *  Material's document$ announces navigations; it does not emit on a page
 *  opened from a folder (file://), so the first run never waits for it
 *  (claim() keeps a component from starting twice). */
export function onPage(init) {
  if (typeof document === "undefined") return; // imported by node --test
  const run = () => {
    try {
      init();
    } catch (err) {
      console.error("[aruntime]", err);
    }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run, { once: true });
  else run();
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(run);
}

/** [{text, mark}] parts as text nodes and <mark> elements. */
export function marked(parts) {
  return parts.map((part) => (part.mark ? el("mark", {}, part.text) : part.text));
}
