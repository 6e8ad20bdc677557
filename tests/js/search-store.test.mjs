import test from "node:test";
import assert from "node:assert/strict";
import { contract } from "./contract.mjs";
import { configure } from "../../plugins/aruntime/assets/js/search-core.mjs";
import { SearchStore } from "../../plugins/aruntime/assets/js/search-store.mjs";

configure(contract.search);

/** A fake engine: every query word w yields hits w-0..w-(n-1); "slow" waits for release(). */
function fakeEngine({ n = 3, stop = [] } = {}) {
  const gates = [];
  const engine = {
    async search(query) {
      const words = query.trim().toLowerCase().split(/\s+/);
      if (words.includes("slow")) await new Promise((resolve) => gates.push(resolve));
      if (words.every((w) => stop.includes(w))) return { state: "stop", terms: [], stop: words, hits: [] };
      if (words.includes("nothing")) return { state: "ok", terms: words, stop: [], hits: [] };
      if (words.includes("broken")) throw new Error("network down");
      return { state: "ok", terms: words, stop: [], hits: Array.from({ length: n }, (_, i) => ({ ref: `${words[0]}-${i}`, score: n - i })) };
    },
    async rows(hits) { return hits.map((h) => ({ ref: h.ref, kind: "page", url: `${h.ref}/`, title: h.ref, summary: "" })); },
    async kindCounts(hits) { return { page: hits.length }; },
    async suggestions(query, limit) { return [{ name: "near " + query, url: "near/", kind: "glossary" }].slice(0, limit); },
    release: () => gates.splice(0).forEach((g) => g()),
  };
  return engine;
}

test("a later query wins over an earlier one that answers last", async () => {
  const engine = fakeEngine();
  const store = new SearchStore(async () => engine, { pageSize: 10 });
  const seen = [];
  store.subscribe((s) => seen.push(`${s.status}:${s.query}`));
  const first = store.search("slow cache");
  await store.search("kv");
  engine.release();
  await first;
  assert.equal(store.state.query, "kv");
  assert.equal(store.state.status, "ok");
  assert.deepEqual(store.state.rows.map((r) => r.ref), ["kv-0", "kv-1", "kv-2"]);
  assert.ok(!seen.includes("ok:slow cache"), "the stale answer is never shown");
});

test("short, common-word, empty and failing queries have their own states", async () => {
  const store = new SearchStore(async () => fakeEngine({ stop: ["the"] }), { pageSize: 10 });
  assert.equal((await store.search("k")).status, "short");
  assert.equal((await store.search("   ")).status, "short");
  assert.equal((await store.search("")).status, "idle");
  const stop = await store.search("the");
  assert.equal(stop.status, "stop");
  assert.deepEqual(stop.stop, ["the"]);
  const none = await store.search("nothing here");
  assert.equal(none.status, "none");
  assert.deepEqual(none.suggestions.map((s) => s.name), ["near nothing here"]);
  const error = await store.search("broken");
  assert.equal(error.status, "error");
  assert.match(String(error.error), /network down/);
});

test("rows load a page at a time and every subscriber sees the same state", async () => {
  const store = new SearchStore(async () => fakeEngine({ n: 25 }), { pageSize: 10 });
  const a = [];
  const b = [];
  store.subscribe((s) => a.push(s.rows.length));
  store.subscribe((s) => b.push(s.rows.length));
  await store.search("kv");
  assert.equal(store.state.total, 25);
  assert.equal(store.state.rows.length, 10);
  await store.more();
  await store.more();
  await store.more(); // nothing left to load
  assert.equal(store.state.rows.length, 25);
  assert.deepEqual(a, b);
  assert.deepEqual(store.state.counts, { page: 25 });
});

test("the same query again is answered from the state, not searched again", async () => {
  let calls = 0;
  const engine = fakeEngine();
  const counting = { ...engine, search: (q) => (calls++, engine.search(q)) };
  const store = new SearchStore(async () => counting);
  await store.search("kv");
  await store.search("kv");
  assert.equal(calls, 1);
  store.reset();
  assert.equal(store.state.status, "idle");
});

test("the first rows show before the rest of the page has loaded", async () => {
  const engine = fakeEngine({ n: 25 });
  const asked = [];
  const rows = engine.rows;
  engine.rows = (hits) => (asked.push(hits.length), rows(hits));
  const store = new SearchStore(async () => engine, { pageSize: 10, firstRows: 3 });
  store.needComplete(); // a results page
  const seen = [];
  store.subscribe((s) => seen.push(`${s.status}:${s.rows.length}`));
  await store.search("kv");
  assert.deepEqual(asked, [7, 3]); // the rest is asked for at once, not after the first rows
  assert.deepEqual(seen.slice(-2), ["ok:3", "ok:10"]);
  assert.deepEqual(store.state.rows.map((r) => r.ref), Array.from({ length: 10 }, (_, i) => `kv-${i}`));
  assert.equal(store.state.total, 25);
  await store.more();
  assert.equal(store.state.rows.length, 20);
});

test("the header box alone fetches only the rows it shows; a results page gets the whole page", async () => {
  const engine = fakeEngine({ n: 25 });
  const asked = [];
  const rows = engine.rows;
  engine.rows = (hits) => (asked.push(hits.map((h) => h.ref)), rows(hits));
  let searches = 0;
  const search = engine.search;
  engine.search = (...args) => (searches++, search(...args));
  const store = new SearchStore(async () => engine, { pageSize: 10, firstRows: 3 });
  await store.search("kv");
  assert.deepEqual(asked, [["kv-0", "kv-1", "kv-2"]]);
  assert.equal(store.state.rows.length, 3);
  assert.equal(store.state.total, 25);
  store.needComplete(); // the reader opens the results page for the same query
  await store.search("kv");
  assert.equal(searches, 1, "not searched again");
  assert.deepEqual(asked[1], ["kv-3", "kv-4", "kv-5", "kv-6", "kv-7", "kv-8", "kv-9"]);
  assert.deepEqual(store.state.rows.map((r) => r.ref), Array.from({ length: 10 }, (_, i) => `kv-${i}`));
  await store.more();
  assert.equal(store.state.rows.length, 20);
});

test("a newer query drops the rest of an older page", async () => {
  const engine = fakeEngine({ n: 25 });
  let release;
  const rows = engine.rows;
  engine.rows = (hits) => (hits.length > 3 && !release ? new Promise((r) => (release = () => r(rows(hits)))) : rows(hits));
  const store = new SearchStore(async () => engine, { pageSize: 10, firstRows: 3 });
  store.needComplete();
  const first = store.search("kv");
  await new Promise((r) => setTimeout(r, 0));
  await store.search("cache");
  release();
  await first;
  assert.equal(store.state.query, "cache");
  assert.ok(store.state.rows.every((r) => r.ref.startsWith("cache-")));
});

test("the box's capped answers until a results page needs complete ones", async () => {
  const engine = fakeEngine({ n: 25 });
  const asked = [];
  const search = engine.search;
  // as the engine with top files: a one-word query with a limit gets its first 10 and the total
  engine.search = async (query, { limit = 0 } = {}) => {
    asked.push(limit);
    const result = await search(query);
    return limit ? { ...result, hits: result.hits.slice(0, 10), total: result.hits.length, capped: true } : result;
  };
  const store = new SearchStore(async () => engine, { pageSize: 20, firstRows: 8 });
  await store.search("kv");
  assert.equal(store.state.total, 25);
  assert.equal(store.state.capped, true);
  assert.equal(store.state.rows.length, 8); // the box's rows
  assert.deepEqual(store.state.counts, {}); // not known for a capped answer
  await store.more(); // nothing more to load from a capped answer
  assert.equal(store.state.rows.length, 8);
  store.needComplete();
  await store.search("kv"); // the same query, searched again completely
  assert.deepEqual(asked, [8, 0]);
  assert.equal(store.state.capped, false);
  assert.equal(store.state.rows.length, 20);
  assert.deepEqual(store.state.counts, { page: 25 });
  await store.search("kv"); // now answered from the state
  assert.deepEqual(asked, [8, 0]);
});

test("a search whose index files are gone searches once more when the engine finds a new index", async () => {
  const engine = fakeEngine();
  const search = engine.search.bind(engine);
  let published = false; // the site was published again since the engine read its manifest
  let renewals = 0;
  engine.search = async (query, options) => {
    if (!published) throw new Error("404 for assets/aruntime/search/t/0.old.json");
    return search(query, options);
  };
  engine.renew = async () => (renewals++, (published = true));
  const store = new SearchStore(async () => engine, { pageSize: 10 });
  const state = await store.search("cache");
  assert.equal(state.status, "ok");
  assert.deepEqual(state.rows.map((r) => r.ref), ["cache-0", "cache-1", "cache-2"]);
  assert.equal(renewals, 1);

  // the same index (renew() says so): the error is shown, and renewal is tried once only
  engine.renew = async () => (renewals++, false);
  const broken = await store.search("broken");
  assert.equal(broken.status, "error");
  assert.match(String(broken.error), /network down/);
  assert.equal(renewals, 2);

  // a new index that fails too: one more try, then the error
  engine.renew = async () => (renewals++, true);
  assert.equal((await store.search("broken again")).status, "error");
  assert.equal(renewals, 3);
});
