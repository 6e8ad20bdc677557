import test from "node:test";
import assert from "node:assert/strict";
import { contract } from "./contract.mjs";
import * as f from "../../plugins/aruntime/assets/js/filters-core.mjs";

f.configure(contract);
const keys = contract.directory.facets.map((x) => x.key);
const sorts = contract.directory.sorts.map((x) => x.key);

const row = (slug, name, facets, reviewed = "2026-01-01") => ({
  slug, name, reviewed, text: name.toLowerCase(),
  facets: Object.fromEntries(keys.map((k) => [k, facets[k] || []])),
});
const [cat, dep] = keys;
const rows = [
  row("a", "Alpha", { [cat]: ["server"], [dep]: ["cluster", "node"] }, "2026-03-01"),
  row("b", "beta", { [cat]: ["local"], [dep]: ["node"] }, "2026-02-01"),
  row("c", "Gamma", { [cat]: ["server"], [dep]: ["browser"] }, "2025-12-01"),
];

test("facet keys, sorts and the comparison limit come from the contract", () => {
  const state = f.emptyState();
  assert.deepEqual(Object.keys(state.facets), keys);
  assert.equal(state.sort, sorts[0]);
  const many = f.parseState("?compare=" + Array.from({ length: contract.compare.max + 2 }, (_, i) => `r${i}`).join(","));
  assert.equal(many.compare.length, contract.compare.max);
  assert.equal(f.parseState("?sort=nonsense").sort, sorts[0]);
});

test("the URL round-trips every part of the state", () => {
  const state = f.emptyState();
  state.q = "web";
  state.facets[cat] = ["server", "local"];
  state.sort = sorts[sorts.length - 1];
  state.view = "table";
  state.compare = ["a", "b"];
  assert.deepEqual(f.parseState(f.serializeState(state)), state);
  assert.equal(f.serializeState(f.emptyState()), "");
});

test("values of a facet are alternatives; facets combine", () => {
  const state = f.emptyState();
  state.facets[cat] = ["server", "local"];
  assert.deepEqual(f.applyFilters(rows, state).map((r) => r.slug), ["a", "b", "c"]);
  state.facets[dep] = ["node"];
  assert.deepEqual(f.applyFilters(rows, state).map((r) => r.slug), ["a", "b"]);
  const counts = f.facetCounts(rows, state);
  assert.equal(counts[dep].browser, 1, "a facet's own values count as if chosen");
  assert.equal(counts[cat].server, 1);
  assert.deepEqual(f.activeFilters(state), [{ facet: cat, value: "server" }, { facet: cat, value: "local" }, { facet: dep, value: "node" }]);
});

test("column headers cycle through the sorts the contract offers", () => {
  assert.equal(f.columnSort("name", "name"), sorts.includes("-name") ? "-name" : "name");
  assert.equal(f.columnSort("license", "name"), sorts.includes("license") ? "license" : null);
  assert.equal(f.ariaSort("name", "-name"), "descending");
  assert.equal(f.ariaSort("category", "name"), "none");
  assert.deepEqual(f.sortRows(rows, "-reviewed").map((r) => r.slug), ["a", "b", "c"]);
  assert.deepEqual(f.sortRows(rows, "name").map((r) => r.slug), ["a", "b", "c"]);
});

test("a long facet shows its most common values and folds the rest, never a chosen one", () => {
  const values = ["v1", "v2", "v3", "v4", "v5"];
  const counts = { v1: 1, v2: 9, v3: 5, v4: 5, v5: 2 };
  const fold = f.foldFacet(values, counts, ["v1"], 2);
  assert.deepEqual(fold.order, ["v2", "v3", "v4", "v5", "v1"]);
  assert.deepEqual(fold.shown, ["v2", "v3", "v1"]);
  assert.deepEqual(fold.folded, ["v4", "v5"]);
});
