// Runtime-directory filtering: pure functions, no DOM (node --test runs them).
// A row is {slug, name, reviewed, text, facets: {facetKey: [values]}}, read
// from the page's cards or decoded from the directory's data file
// (decodeDirectory).
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

const queryWords = (q) => q.toLowerCase().split(/\s+/).filter(Boolean);

function matchesText(row, words) {
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

/** The rows that match the state's text and facets, in their given order. */
export function applyFilters(rows, state) {
  const words = queryWords(state.q);
  return rows.filter((row) => matchesText(row, words) && matchesFacets(row, state.facets, null));
}

// For each facet value: how many rows would match if it were chosen, given
// the text filter and every other facet's choices. One pass per row: a row
// that fails no facet counts for every facet; one that fails exactly one
// counts only for that one (choosing there could let it in); else for none.
export function facetCounts(rows, state) {
  const keys = conf().facets;
  const counts = Object.fromEntries(keys.map((k) => [k, {}]));
  const words = queryWords(state.q);
  const chosen = keys.map((k) => state.facets[k]).map((values) => (values.length ? new Set(values) : null));
  const add = (row, key) => {
    const into = counts[key];
    for (const value of row.facets[key]) into[value] = (into[value] || 0) + 1;
  };
  for (const row of rows) {
    if (words.length && !matchesText(row, words)) continue;
    let failed = -1;
    let fails = 0;
    for (let i = 0; i < keys.length && fails < 2; i++) {
      const set = chosen[i];
      if (set && !row.facets[keys[i]].some((v) => set.has(v))) { failed = i; fails++; }
    }
    if (fails === 0) for (const key of keys) add(row, key);
    else if (fails === 1) add(row, keys[failed]);
  }
  return counts;
}

// One collator for every comparison: the same order as
// localeCompare(b, undefined, {sensitivity: "base"}), many times faster on long lists.
const collator = new Intl.Collator(undefined, { sensitivity: "base" });
const byName = (a, b) => collator.compare(a.name, b.name);
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

export const DIRECTORY_DATA_FORMAT = 1;

/**
 * Rows from the directory's data file (views/runtimes.py directory_data):
 * columns of equal length, facet values as indices into data.facets[key]
 * (keys) and data.labels[key] (what readers see); page paths are a column, or
 * data.path_affixes [prefix, suffix] around the slug. Each row also gets
 * `summary`, `path` (site-root-relative) and `cells` (a facet's labels, joined,
 * for the table and the cards); `text` is everything the text filter matches,
 * lower-cased. `cells` and `text` are made when first read (a card drawn, a
 * word typed): at 5,600 runtimes making them for every row up front was most
 * of the time from the file's arrival to the filters being ready. Throws on a
 * file of another shape.
 */
export function decodeDirectory(data) {
  const keys = facetKeys();
  if (!data || data.format !== DIRECTORY_DATA_FORMAT || !data.columns) {
    throw new Error(`directory data: expected format ${DIRECTORY_DATA_FORMAT}, got ${data && data.format}`);
  }
  const cols = data.columns;
  const n = data.count;
  const affixes = data.path_affixes;
  const pathColumn = affixes ? [] : ["path"];
  for (const name of ["slug", "name", ...pathColumn, "summary", "reviewed", "text", ...keys]) {
    if (!Array.isArray(cols[name]) || cols[name].length !== n) throw new Error(`directory data: column ${name} is not ${n} long`);
  }
  for (const key of keys) {
    if (!Array.isArray(data.facets[key]) || !Array.isArray(data.labels[key])) throw new Error(`directory data: facet ${key} is missing`);
  }
  const rows = new Array(n);
  const facetCols = keys.map((key) => [key, cols[key], data.facets[key], data.labels[key]]);
  const source = { cols, facetCols };
  for (let i = 0; i < n; i++) {
    const facets = {};
    for (const [key, col, values] of facetCols) facets[key] = col[i].map((j) => values[j]);
    const slug = cols.slug[i];
    rows[i] = new DataRow(source, i, {
      slug, name: cols.name[i], path: affixes ? affixes[0] + slug + affixes[1] : cols.path[i], summary: cols.summary[i],
      reviewed: cols.reviewed[i], facets,
    });
  }
  return rows;
}

/** A row of the data file; `cells` and `text` are made on first read and kept. */
class DataRow {
  constructor(source, i, fields) {
    Object.assign(this, fields);
    Object.defineProperty(this, "source", { value: source }); // not an own enumerable field of the row
    Object.defineProperty(this, "at", { value: i });
  }

  get cells() {
    const cells = {};
    for (const [key, col, , labels] of this.source.facetCols) cells[key] = col[this.at].map((j) => labels[j]).join(", ");
    Object.defineProperty(this, "cells", { value: cells, enumerable: true });
    return cells;
  }

  get text() {
    const { cols, facetCols } = this.source;
    let words = "";
    for (const [, col, , labels] of facetCols) for (const j of col[this.at]) words += " " + labels[j];
    const text = `${this.name} ${this.summary} ${cols.text[this.at]}${words}`.toLowerCase();
    Object.defineProperty(this, "text", { value: text, enumerable: true });
    return text;
  }
}
