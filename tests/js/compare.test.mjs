import test from "node:test";
import assert from "node:assert/strict";
import { contract } from "./contract.mjs";
import { selectedSlugs, selection } from "../../plugins/aruntime/assets/js/compare.mjs";

const { min, max } = contract.compare;
const known = new Map(Array.from({ length: max + 2 }, (_, i) => [`r${i}`, {}]));

test("the selection comes from ?r=a,b and ?r=a&r=b, without repeats", () => {
  assert.deepEqual(selectedSlugs("?r=a,b&r=c&r=a"), ["a", "b", "c"]);
  assert.deepEqual(selectedSlugs(""), []);
});

test("limits and unknown runtimes are explained", () => {
  const few = selection(["r0", "nope"], known, contract.compare);
  assert.deepEqual(few.chosen, []);
  assert.match(few.message, /Not in the directory: nope\./);
  assert.match(few.message, new RegExp(`Select at least ${min} runtimes`));
  const all = [...known.keys()];
  const many = selection(all, known, contract.compare);
  assert.deepEqual(many.chosen, all.slice(0, max));
  assert.match(many.message, new RegExp(`Only the first ${max} runtimes`));
});
