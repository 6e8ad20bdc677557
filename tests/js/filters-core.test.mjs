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

test("facet counts in one pass equal counting each value with every other facet applied", () => {
  let seed = 7;
  const rand = (n) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const values = ["p", "q", "r", "s"];
  const many = Array.from({ length: 300 }, (_, i) => {
    const facets = Object.fromEntries(keys.map((k) => [k, values.filter(() => rand(3) === 0)]));
    return { slug: `r${i}`, name: `R${i}`, reviewed: "", text: rand(2) ? "web runtime" : "server", facets };
  });
  for (let trial = 0; trial < 40; trial++) {
    const state = f.emptyState();
    state.q = ["", "web", "server", "zzz"][rand(4)];
    for (const k of keys) state.facets[k] = values.filter(() => rand(4) === 0);
    const counts = f.facetCounts(many, state);
    for (const key of keys) {
      for (const value of values) {
        const alone = { ...state, facets: { ...state.facets, [key]: [] } };
        const expected = f.applyFilters(many, alone).filter((r) => r.facets[key].includes(value)).length;
        assert.equal(counts[key][value] || 0, expected, `${key}=${value} with ${JSON.stringify(state)}`);
      }
    }
  }
});

// The shape views/runtimes.py directory_data writes (tests/js/test_directory_data.py
// checks the decoder against a real build's file too).
const directoryData = (extra = {}) => ({
  format: 1,
  count: 2,
  facets: Object.fromEntries(keys.map((k) => [k, [`${k}-one`, `${k}-two`]])),
  labels: Object.fromEntries(keys.map((k) => [k, [`${k} One`, `${k} Two`]])),
  columns: {
    slug: ["alpha", "beta"], name: ["Alpha", "beta.cpp"], summary: ["Serves MODELS.", "Runs locally."],
    reviewed: ["2026-01-01", ""], text: ["Python GGUF", ""],
    ...Object.fromEntries(keys.map((k) => [k, [[0, 1], []]])),
  },
  path_affixes: ["runtimes/", "/"],
  ...extra,
});

test("the directory's data file decodes into rows: keys, labels, paths, text", () => {
  const [alpha, beta] = f.decodeDirectory(directoryData());
  assert.equal(alpha.slug, "alpha");
  assert.equal(alpha.path, "runtimes/alpha/");
  assert.deepEqual(alpha.facets[cat], [`${cat}-one`, `${cat}-two`]);
  assert.equal(alpha.cells[cat], `${cat} One, ${cat} Two`);
  assert.deepEqual(beta.facets[cat], []);
  assert.equal(beta.cells[cat], "");
  assert.equal(beta.reviewed, "");
  for (const word of ["alpha", "models", "gguf", `${dep} two`]) assert.ok(alpha.text.includes(word), word);
  const state = f.emptyState();
  state.q = "gguf";
  assert.deepEqual(f.applyFilters([alpha, beta], state).map((r) => r.slug), ["alpha"]);
  state.q = "";
  state.facets[dep] = [`${dep}-two`];
  assert.deepEqual(f.applyFilters([alpha, beta], state).map((r) => r.slug), ["alpha"]);
});

test("page paths come from a column when they do not follow one pattern", () => {
  const data = directoryData({ path_affixes: undefined });
  data.columns.path = ["runtimes/alpha.html", "elsewhere/beta.html"];
  assert.deepEqual(f.decodeDirectory(data).map((r) => r.path), ["runtimes/alpha.html", "elsewhere/beta.html"]);
});

test("a data file of another shape is an error that says what is wrong", () => {
  assert.throws(() => f.decodeDirectory({ ...directoryData(), format: 99 }), /expected format 1, got 99/);
  const short = directoryData();
  short.columns.name = ["Alpha"];
  assert.throws(() => f.decodeDirectory(short), /column name is not 2 long/);
  const noPaths = directoryData({ path_affixes: undefined });
  assert.throws(() => f.decodeDirectory(noPaths), /column path is not 2 long/);
});
