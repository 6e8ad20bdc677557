// Runtime-directory filtering: pure functions, no DOM (unit-testable in node).
// A row is {slug, name, reviewed, text, facets: {facetKey: [values]}}.
// Within a facet the chosen values are alternatives (OR); facets combine (AND).

export const FACET_KEYS = ["category", "deployment", "hardware", "license", "capability"];
export const SORTS = ["name", "-name", "category", "-reviewed"];
export const MAX_COMPARE = 4;

export function emptyState() {
  return { q: "", sort: "name", facets: Object.fromEntries(FACET_KEYS.map((k) => [k, []])), compare: [] };
}

const list = (value) => (value ? value.split(",").map((v) => v.trim()).filter(Boolean) : []);

export function parseState(search) {
  const params = new URLSearchParams(search);
  const state = emptyState();
  state.q = (params.get("q") || "").slice(0, 200);
  const sort = params.get("sort");
  state.sort = SORTS.includes(sort) ? sort : "name";
  for (const key of FACET_KEYS) state.facets[key] = [...new Set(list(params.get(key)))];
  state.compare = [...new Set(list(params.get("compare")))].slice(0, MAX_COMPARE);
  return state;
}

export function serializeState(state) {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set("q", state.q.trim());
  for (const key of FACET_KEYS) if (state.facets[key].length) params.set(key, state.facets[key].join(","));
  if (state.sort !== "name") params.set("sort", state.sort);
  if (state.compare.length) params.set("compare", state.compare.join(","));
  const text = params.toString();
  return text ? "?" + text : "";
}

function matchesText(row, q) {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  return words.every((w) => row.text.includes(w));
}

function matchesFacets(row, facets, except) {
  for (const key of FACET_KEYS) {
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
  const counts = Object.fromEntries(FACET_KEYS.map((k) => [k, {}]));
  for (const row of rows) {
    if (!matchesText(row, state.q)) continue;
    for (const key of FACET_KEYS) {
      if (!matchesFacets(row, state.facets, key)) continue;
      for (const value of row.facets[key]) counts[key][value] = (counts[key][value] || 0) + 1;
    }
  }
  return counts;
}

const byName = (a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: "base" });

export function sortRows(rows, sort) {
  const sorted = [...rows];
  if (sort === "-name") sorted.sort((a, b) => byName(b, a));
  else if (sort === "category") sorted.sort((a, b) => a.facets.category[0].localeCompare(b.facets.category[0]) || byName(a, b));
  else if (sort === "-reviewed") sorted.sort((a, b) => b.reviewed.localeCompare(a.reviewed) || byName(a, b));
  else sorted.sort(byName);
  return sorted;
}

export function statusText(shown, total) {
  return shown === total ? `${total} runtimes` : `${shown} of ${total} runtimes`;
}
