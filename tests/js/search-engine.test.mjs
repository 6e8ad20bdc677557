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
import { configure, SearchEngine } from "../../plugins/aruntime/assets/js/search-core.mjs";

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
