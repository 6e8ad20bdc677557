import test from "node:test";
import assert from "node:assert/strict";
import { contract } from "./contract.mjs";
import { configure } from "../../plugins/aruntime/assets/js/search-core.mjs";
import { SearchStore } from "../../plugins/aruntime/assets/js/search-store.mjs";
import { pageStatus } from "../../plugins/aruntime/assets/js/search-page.mjs";

configure(contract.search);
const kinds = contract.search.kinds;
const state = (patch) => ({ ...SearchStore.initial(patch.query ?? ""), ...patch });

test("the results page says what it found, by kind, in the contract's words", () => {
  const ok = pageStatus(state({ query: " kv ", status: "ok", total: 3, counts: { glossary: 2, runtime: 1 } }), kinds);
  assert.equal(ok, `3 results for “kv”: 2 ${kinds.glossary.many}, 1 ${kinds.runtime.one}.`);
  assert.equal(pageStatus(state({ query: "k", status: "short" }), kinds), contract.search.short_message);
  assert.equal(pageStatus(state({ query: "   ", status: "short" }), kinds), "Type a word or two to search the reference.");
  assert.equal(pageStatus(state({ query: "zzz", status: "none" }), kinds), "No results for “zzz”.");
  assert.match(pageStatus(state({ query: "the", status: "stop", stop: ["the"] }), kinds), /“the” is too common/);
});
