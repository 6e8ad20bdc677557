// Runtime-directory filtering: pure functions, no DOM (node --test runs them).
// A row is {slug, name, reviewed, text, facets: {facetKey: [values]}}.
// Within a facet the chosen values are alternatives (OR); facets combine (AND).
// Facet keys, sorts and the comparison limit are Python's (the contract's
// `directory` and `compare`): configure() them first.

const C = { facets: [], sorts: [], maxCompare: 0, ready: false };
export const VIEWS = ["cards", "table"];

/** Take facet keys, sort keys and the comparison limit from the contract. */
export function configure(contract) {
  C.facets = contract.directory.facets.map((f) => f.key);
  C.sorts = contract.directory.sorts.map((s) => s.key);
  C.maxCompare = contract.compare.max;
  C.ready = true;
  return C;
}

function conf() {
  if (!C.ready) throw new Error("filters-core: call configure() with the contract first");
  return C;
}

export const facetKeys = () => conf().facets;

export function emptyState() {
  const c = conf();
  return { q: "", sort: c.sorts[0], view: VIEWS[0], facets: Object.fromEntries(c.facets.map((k) => [k, []])), compare: [] };
}

const list = (value) => (value ? value.split(",").map((v) => v.trim()).filter(Boolean) : []);

export function parseState(search) {
  const c = conf();
  const params = new URLSearchParams(search);
  const state = emptyState();
  state.q = (params.get("q") || "").slice(0, 200);
  const sort = params.get("sort");
  if (c.sorts.includes(sort)) state.sort = sort;
  const view = params.get("view");
  if (VIEWS.includes(view)) state.view = view;
  for (const key of c.facets) state.facets[key] = [...new Set(list(params.get(key)))];
  state.compare = [...new Set(list(params.get("compare")))].slice(0, c.maxCompare);
  return state;
}

export function serializeState(state) {
  const c = conf();
  const params = new URLSearchParams();
  if (state.q.trim()) params.set("q", state.q.trim());
  for (const key of c.facets) if (state.facets[key].length) params.set(key, state.facets[key].join(","));
  if (state.sort !== c.sorts[0]) params.set("sort", state.sort);
  if (state.view !== VIEWS[0]) params.set("view", state.view);
  if (state.compare.length) params.set("compare", state.compare.join(","));
  const text = params.toString();
  return text ? "?" + text : "";
}

function matchesText(row, q) {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  return words.every((w) => row.text.includes(w));
}

function matchesFacets(row, facets, except) {
  for (const key of conf().facets) {
    if (key === except) continue;
    const chosen = facets[key];
    if (chosen.length && !chosen.some((v) => row.facets[key].includes(v))) return false;
  }
  return true;
}

export function applyFilters(rows, state) {
  return rows.filter((row) => matchesText(row, state.q) && matchesFacets(row, state.facets, null));
}

// For each facet value: how many rows would match if it were chosen, given
// the text filter and every other facet's choices.
export function facetCounts(rows, state) {
  const counts = Object.fromEntries(conf().facets.map((k) => [k, {}]));
  for (const row of rows) {
    if (!matchesText(row, state.q)) continue;
    for (const key of conf().facets) {
      if (!matchesFacets(row, state.facets, key)) continue;
      for (const value of row.facets[key]) counts[key][value] = (counts[key][value] || 0) + 1;
    }
  }
  return counts;
}

const byName = (a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: "base" });
const SORTERS = {
  name: byName,
  "-name": (a, b) => byName(b, a),
  category: (a, b) => (a.facets.category[0] || "").localeCompare(b.facets.category[0] || "") || byName(a, b),
  "-reviewed": (a, b) => b.reviewed.localeCompare(a.reviewed) || byName(a, b),
};

export function sortRows(rows, sort) {
  return [...rows].sort(SORTERS[sort] || byName);
}

/** The sort a column header switches to ("name" <-> "-name"), or null if the column does not sort. */
export function columnSort(column, current) {
  const sorts = conf().sorts;
  const options = sorts.filter((s) => s.replace(/^-/, "") === column);
  if (!options.length) return null;
  const at = options.indexOf(current);
  return options[(at + 1) % options.length];
}

/** aria-sort of a column for the current sort. */
export function ariaSort(column, current) {
  if (current.replace(/^-/, "") !== column) return "none";
  return current.startsWith("-") ? "descending" : "ascending";
}

/** Active filters as chips: [{facet, value}] plus the text filter. */
export function activeFilters(state) {
  const chips = [];
  if (state.q.trim()) chips.push({ facet: "q", value: state.q.trim() });
  for (const key of conf().facets) for (const value of state.facets[key]) chips.push({ facet: key, value });
  return chips;
}

/**
 * A long facet folded: values in a stable order (most runtimes first), the
 * first `visible` shown, plus any chosen value further down; the rest folded.
 */
export function foldFacet(values, counts, chosen, visible) {
  const index = new Map(values.map((v, i) => [v, i]));
  const sorted = [...values].sort((a, b) => (counts[b] || 0) - (counts[a] || 0) || index.get(a) - index.get(b));
  const top = new Set(sorted.slice(0, visible));
  return {
    order: sorted,
    shown: sorted.filter((v) => top.has(v) || chosen.includes(v)),
    folded: sorted.filter((v) => !top.has(v) && !chosen.includes(v)),
  };
}

export function statusText(shown, total) {
  return shown === total ? `${total} runtimes` : `${shown} of ${total} runtimes`;
}
