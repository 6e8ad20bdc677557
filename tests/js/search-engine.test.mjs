// The search engine against the split index and lunr.js of the site
// tests/js/test_node.py builds (next to the contract it passes): a query a
// newer one has replaced (the reader typed on) loads its data but is not
// scored, and the newer query's answer is what a fresh engine gives.
import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { contract } from "./contract.mjs";
import { configure, ranked, SearchEngine, Tally } from "../../plugins/aruntime/assets/js/search-core.mjs";

configure(contract.search);
const site = path.resolve(path.dirname(process.env.ARUNTIME_CONTRACT || path.join("site", "assets", "aruntime", "contract.json")), "..", "..");
const lunr = createRequire(import.meta.url)(path.join(site, contract.search.lunr));
const read = (p) => JSON.parse(fs.readFileSync(path.join(site, contract.search.index_dir, p), "utf8"));

/** An engine whose file loads are counted, and whose lunr indexes made from them are counted. */
function countingEngine(onFetch = () => {}) {
  const fetched = [];
  const engine = new SearchEngine(lunr, async (p) => (fetched.push(p), onFetch(p), read(p)));
  let built = 0;
  const make = engine.index.bind(engine);
  engine.index = (entry) => (entry.idx ? entry.idx : (built++, make(entry)));
  return { engine, fetched, built: () => built };
}

test("a query replaced while its data loads is not scored; the newer one answers as a fresh engine does", async () => {
  let current = 1;
  // the reader types on while the first query's shards are on their way
  const { engine, fetched, built } = countingEngine((p) => { if (p !== "manifest.json") current = 2; });
  const gone = await engine.search("minimal", { stale: () => current !== 1 });
  assert.equal(gone.state, "stale");
  assert.deepEqual(gone.hits, []);
  assert.ok(fetched.some((p) => p !== "manifest.json"), "its shards were still fetched (and are kept)");
  assert.equal(built(), 0, "no lunr index was made for the replaced query");

  const answer = await engine.search("minimal pattern", { stale: () => current !== 2 });
  assert.equal(answer.state, "ok");
  const fresh = await new SearchEngine(lunr, async (p) => read(p)).search("minimal pattern");
  assert.ok(fresh.hits.length > 0, "the site's pattern matches");
  assert.deepEqual(answer.hits.map((h) => [h.ref, h.score]), fresh.hits.map((h) => [h.ref, h.score]));
});

test("a query replaced before the manifest arrived fetches no shards", async () => {
  let current = 1;
  const { engine, fetched } = countingEngine(() => (current = 2));
  assert.equal((await engine.search("minimal", { stale: () => current !== 1 })).state, "stale");
  assert.deepEqual(fetched, ["manifest.json"]);
});

test("without a stale check every query is answered", async () => {
  const { engine, built } = countingEngine();
  const [a, b] = await Promise.all([engine.search("minimal"), engine.search("pattern")]);
  assert.equal(a.state, "ok");
  assert.equal(b.state, "ok");
  assert.ok(a.hits.length > 0 && b.hits.length > 0);
  assert.ok(built() > 0);
});

test("a query is quick (searched as typed, no pause) when the data it still needs is small", async () => {
  const { engine, fetched } = countingEngine();
  assert.equal(engine.quick("minimal"), false, "not before the manifest is here");
  await engine.ready();
  engine.quickBytes = 0; // any shard still to fetch is too much
  assert.equal(engine.quick("minimal"), false);
  const before = fetched.length;
  await engine.search("pattern minimal");
  assert.ok(fetched.length > before);
  assert.equal(engine.quick("minimal"), true, "its shards are loaded now");
  const loaded = fetched.length;
  // a word in a shard not loaded yet
  const shard = engine.manifestData.shards.find(([, , file]) => !engine.shardCache.has(file));
  assert.ok(shard, "the test site's index has more than one shard");
  const other = `minimal ${shard[0]}zz`;
  assert.equal(engine.quick(other), false, "another word still needs its shard");
  engine.quickBytes = shard[3];
  assert.equal(engine.quick(other), true, "within the budget");
  assert.equal(fetched.length, loaded, "quick() itself fetches nothing");
});

test("an engine that read an older manifest than the site's index starts over from the new one", async () => {
  // The manifest of a build published before this one: its files' names (content hashes) are gone now.
  const current = read("manifest.json");
  const older = JSON.parse(JSON.stringify(current));
  older.shards = older.shards.map(([key, exact, file, bytes]) => [key, exact, `gone-${file}`, bytes]);
  older.chunks = older.chunks.map((file) => `gone-${file}`);
  let manifests = 0;
  const fetched = [];
  const engine = new SearchEngine(lunr, async (p) => {
    fetched.push(p);
    if (p === "manifest.json") return manifests++ === 0 ? older : read(p);
    return read(p); // throws for a file that is not there
  });
  await assert.rejects(engine.search("minimal pattern"), /ENOENT|no such file/);
  assert.equal(await engine.renew(), true, "the site's manifest is another one");
  const answer = await engine.search("minimal pattern");
  const fresh = await new SearchEngine(lunr, async (p) => read(p)).search("minimal pattern");
  assert.ok(fresh.hits.length > 0);
  assert.deepEqual(answer.hits.map((h) => [h.ref, h.score]), fresh.hits.map((h) => [h.ref, h.score]));
  assert.ok(!fetched.slice(fetched.lastIndexOf("manifest.json")).some((p) => p.startsWith("gone-")), "nothing of the old index is asked for again");
  assert.equal(await engine.renew(), false, "the same manifest again: nothing to renew (the error was another one)");
});

// -- the engine's sums and ranking, against plain Maps and a full sort ---------

/** A seeded generator (mulberry32): the same numbers on every run. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** {docs, scores} of distinct documents below `size`, few distinct scores (ties). */
function answer(next, size, count) {
  const docs = [...new Set(Array.from({ length: count }, () => Math.floor(next() * size)))];
  return { docs: Int32Array.from(docs), scores: Float64Array.from(docs, () => Math.floor(next() * 8) / 4 + next() / 1e9 * (next() < 0.5)) };
}

const asMap = ({ docs, scores }) => new Map(Array.from(docs, (n, i) => [n, scores[i]]));

test("ranked(limit) gives a full sort's first results, ties to the lower number, and the count of all", () => {
  const next = random(7);
  for (let round = 0; round < 200; round++) {
    const { docs, scores } = answer(next, 1 + Math.floor(next() * 3000), Math.floor(next() * 400));
    const all = ranked(docs, scores);
    const expected = Array.from(docs, (n, i) => [n, scores[i]]).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    assert.deepEqual(all.hits.map((h) => [h.n, h.score]), expected);
    assert.ok(all.hits.every((h) => h.ref === h.n.toString(36)));
    assert.equal(all.total, docs.length);
    assert.ok(!all.capped);
    for (const limit of [1, 8, 10]) {
      const box = ranked(docs, scores, limit);
      assert.deepEqual(box.hits, all.hits.slice(0, limit));
      assert.equal(box.total, docs.length);
      assert.equal(Boolean(box.capped), docs.length > limit);
    }
  }
});

test("Tally sums a word's shards, intersects words and lifts exact matches as Maps would, pass after pass", () => {
  const next = random(11);
  const tally = new Tally();
  for (let round = 0; round < 300; round++) {
    const size = 1 + Math.floor(next() * (round < 100 ? 500 : 5000)); // numbers past any seen so far: the tally grows
    const parts = Array.from({ length: 1 + Math.floor(next() * 4) }, () => answer(next, size, Math.floor(next() * 300)));
    // a word's score: its shards' summed in shard order, from 0
    const sums = new Map();
    for (const part of parts) for (const [n, s] of asMap(part)) sums.set(n, (sums.get(n) || 0) + s);
    const word = tally.sum(parts);
    assert.deepEqual([...asMap(word)], [...sums]);
    // another word: the documents both match, scores added
    const other = tally.sum([answer(next, size, Math.floor(next() * 300))]);
    const both = tally.both(word, other);
    const expected = [...sums].filter(([n]) => asMap(other).has(n)).map(([n, s]) => [n, s + asMap(other).get(n)]);
    assert.deepEqual([...asMap(both)], expected);
    // the exact field: documents of `both` it matches get 1000 + their score + its scores
    const exactParts = [answer(next, size, Math.floor(next() * 50)), answer(next, size, Math.floor(next() * 50))];
    const before = Float64Array.from(both.scores);
    const scores = tally.exact(both, exactParts);
    const lifted = new Map();
    for (const part of exactParts) {
      for (const [n, s] of asMap(part)) if (asMap(both).has(n)) lifted.set(n, (lifted.get(n) ?? asMap(both).get(n)) + 1000 + s);
    }
    assert.deepEqual(Array.from(scores), Array.from(both.docs, (n, i) => (lifted.has(n) ? lifted.get(n) : both.scores[i])));
    assert.deepEqual(both.scores, before, "the answer it was given (perhaps a cached word's) is not written to");
    if (!lifted.size) assert.equal(scores, both.scores);
  }
});

test("when the Tally's pass counter wraps, no document stamped long ago counts as met", () => {
  const tally = new Tally();
  const one = (n, score) => ({ docs: Int32Array.of(n), scores: Float64Array.of(score) });
  tally.mark(one(5, 3)); // pass 1
  tally.pass = 0xfffffffd;
  tally.mark(one(6, 1)); // the last pass before the counter wraps back to 1
  assert.deepEqual(tally.both(one(5, 3), one(6, 1)), { docs: new Int32Array(0), scores: new Float64Array(0) });
  assert.deepEqual(tally.sum([one(5, 1), one(7, 2)]), { docs: Int32Array.of(5, 7), scores: Float64Array.of(1, 2) });
});
