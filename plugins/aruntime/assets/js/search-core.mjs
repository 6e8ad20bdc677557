// Search core: pure functions and the index loader. No DOM here, so Node can
// test it; lunr and fetch are passed in.
//
// Tokenisation mirrors plugins/aruntime/search/tokens.py exactly; change both
// or neither. User input never reaches lunr's query-string parser: queries are
// built with the programmatic API (idx.query(q => q.term(...))), so Lunr syntax
// (: ^ ~ * + - ") is just text, and no edit distance is ever taken from input.

// The limits are Python's (search/tokens.py, via the build's contract):
// configure() them before the first call.
const S = {};
const SETTINGS = ["min_chars", "short_message", "max_query_chars", "max_words", "tokenizer", "kinds"];
export const LOG_PREFIX = "[aruntime search]";
const TERM_CACHE = 64;
// Shard data a query may still need and be searched at once as typed (see
// SearchEngine#quick): about 15 kB gzip.
const QUICK_BYTES = 50_000;

/** Take the query limits, the tokenizer settings (as the index was built)
 *  and the result kinds from the contract's `search` object. */
export function configure(search) {
  const missing = SETTINGS.filter((key) => !(search && key in search));
  if (missing.length) throw new Error(`search settings lack ${missing.join(", ")}`);
  Object.assign(S, search, { max_token: search.tokenizer.max_token, trimmer_label: search.tokenizer.trimmer, ready: true });
  return S;
}

function settings() {
  if (!S.ready) throw new Error("search-core: call configure() with the contract's search settings first");
  return S;
}

/** A User Timing mark ("aruntime:<what>"), for DevTools and the benchmark's
 *  per-phase figures; nothing where the Performance API is missing. */
export function mark(what) {
  globalThis.performance?.mark?.(`aruntime:${what}`);
}

export function shortMessage() {
  return settings().short_message;
}

const W = "\\p{L}\\p{N}\\p{M}";
const WORD = new RegExp(`[${W}](?:[${W}.+#_\\-'/]*[${W}+#])?`, "gu");
const LEAD = new RegExp(`^[^${W}]+`, "u");
const TRAIL = new RegExp(`[^${W}+#]+$`, "u");

const cut = (s, n) => {
  const chars = Array.from(s);
  return chars.length > n ? chars.slice(0, n).join("") : s;
};

export function normalize(text) {
  return String(text ?? "").normalize("NFKC").toLowerCase();
}

export function trim(s) {
  return String(s).replace(LEAD, "").replace(TRAIL, "");
}

/** The words of a query, as tokens.py `words`. */
export function words(text) {
  return (normalize(text).match(WORD) || []).map((w) => cut(w, settings().max_token));
}

/** tokens.py `exact_key`: a whole title or query as one token. */
export function exactKey(text) {
  return cut(words(text).join("_"), settings().max_token * 4);
}

/** Fewer than two characters after trimming run no search. */
export function isSearchable(query) {
  return Array.from(String(query ?? "").trim()).length >= settings().min_chars;
}

/** Register the pipeline functions the index names (same labels as lunr.py). */
export function registerPipeline(lunr) {
  if (!lunr.Pipeline.registeredFunctions[settings().trimmer_label]) {
    const trimmer = (token) => token.update((s) => trim(s));
    lunr.Pipeline.registerFunction(trimmer, settings().trimmer_label);
  }
}

/** A query as long as the contract allows (code points): what is searched and what goes into a URL. */
export function cutQuery(query) {
  return cut(String(query ?? ""), settings().max_query_chars);
}

/**
 * What a query asks for: {state, terms, stop, exact, ignored}.
 * state: "short" (< 2 chars), "nothing" (no word at all, e.g. only
 * punctuation or emoji), "stop" (only very common words), "ok".
 */
export function plan(query, isStopWord) {
  const text = cutQuery(query);
  if (!isSearchable(text)) return { state: "short", terms: [], stop: [] };
  const all = words(text);
  const terms = [];
  const stop = [];
  for (const w of all) {
    if (isStopWord(w)) {
      if (!stop.includes(w)) stop.push(w);
    } else if (!terms.includes(w)) {
      terms.push(w);
    }
  }
  if (!terms.length) return { state: all.length ? "stop" : "nothing", terms: [], stop };
  return {
    state: "ok",
    terms: terms.slice(0, settings().max_words),
    ignored: terms.slice(settings().max_words),
    stop,
    exact: exactKey(text),
  };
}

/** Shards whose terms can start with `prefix` (manifest rows [key, exact, file, bytes]). */
export function shardsFor(shards, prefix) {
  return shards.filter(([key, exact]) =>
    exact ? key.startsWith(prefix) : key.startsWith(prefix) || prefix.startsWith(key),
  );
}

/** The shards that can hold `key` as a whole term: the exact field's (a
 *  title or query as one token). */
export function exactShards(shards, key) {
  return shardsFor(shards, key).filter(([prefix, exact]) => (exact ? prefix === key : key.startsWith(prefix)));
}

/**
 * Split `text` into [{text, mark}] where words starting with a query term are
 * marked (the matching prefix only, when it can be located). For DOM text
 * nodes, never HTML.
 */
export function highlight(text, terms) {
  text = String(text ?? "");
  const out = [];
  if (!terms.length) return [{ text, mark: false }];
  let last = 0;
  const push = (s, mark) => {
    if (!s) return;
    const prev = out[out.length - 1];
    if (prev && prev.mark === mark) prev.text += s;
    else out.push({ text: s, mark });
  };
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    const norm = normalize(word);
    const pieces = [norm, ...norm.split(/[.\-_'/]+/)];
    const term = terms.find((t) => pieces.some((p) => p.startsWith(t)));
    if (!term) continue;
    push(text.slice(last, m.index), false);
    if (norm.startsWith(term) && norm.length === word.length) {
      push(word.slice(0, term.length), true);
      push(word.slice(term.length), false);
    } else {
      push(word, true);
    }
    last = m.index + word.length;
  }
  push(text.slice(last), false);
  return out;
}

/** Levenshtein distance, or max+1 as soon as it must exceed `max` (banded). */
export function boundedDistance(a, b, max) {
  a = Array.from(a);
  b = Array.from(b);
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** The names (glossary terms, aliases, runtime names) closest to a query. */
export function closestNames(query, names, limit = 5) {
  const q = cut(words(query).join(" "), settings().max_token);
  if (!q) return [];
  const max = Math.max(1, Math.min(3, Math.floor(Array.from(q).length / 3)));
  const scored = [];
  const seen = new Set();
  for (const [name, url, kind] of names) {
    const n = cut(words(name).join(" "), settings().max_token);
    let d = boundedDistance(q, n, max);
    if (d > max) {
      // a word of the name close to the query counts too ("vlm" ~ "vLLM engine")
      const close = n.split(/[ .\-_'/]+/).some((w) => boundedDistance(q, w, max) <= max);
      if (!close) continue;
      d = max + 0.5;
    }
    if (seen.has(url + "\u0000" + name)) continue;
    seen.add(url + "\u0000" + name);
    scored.push({ d, name, url, kind });
  }
  scored.sort((x, y) => x.d - y.d || x.name.localeCompare(y.name));
  const byUrl = new Set();
  return scored.filter((s) => !byUrl.has(s.url) && byUrl.add(s.url)).slice(0, limit);
}

/** Label of a result kind ("Pattern", ...), from the contract's search.kinds. */
export function kindLabel(kind) {
  const kinds = settings().kinds || {};
  return (kinds[kind] && kinds[kind].label) || kind;
}

/**
 * The clauses of one query word: {prefixes (what the shards must cover),
 * build (for lunr's Index#query or scoreQuery)}. The whole word (boost 10,
 * through the search pipeline), the word as a prefix (as you type) and the
 * prefix of its Porter stem (plurals etc.); "cach*" matches everything
 * "cache*" does, so a word starting with its stem needs one wildcard clause.
 */
export function wordQuery(lunr, term) {
  const stem = String(lunr.stemmer(new lunr.Token(term)));
  const prefixes = [term];
  if (stem !== term && Array.from(stem).length >= settings().min_chars) prefixes.push(stem);
  const stemCovers = prefixes.length > 1 && term.startsWith(stem);
  const TRAILING = lunr.Query.wildcard.TRAILING;
  const build = (q) => {
    q.term(term, { boost: 10 });
    if (!stemCovers) q.term(term, { usePipeline: false, wildcard: TRAILING });
    if (prefixes.length > 1) q.term(stem, { usePipeline: false, wildcard: TRAILING });
  };
  return { prefixes, build };
}

/**
 * Loads the split index lazily and answers queries.
 * `fetchJSON(relativePath)` returns parsed JSON of a file under the index folder.
 */
export class SearchEngine {
  constructor(lunr, fetchJSON) {
    this.lunr = lunr;
    this.fetchJSON = fetchJSON;
    this.manifest = null;
    this.shardCache = new Map();
    this.chunkCache = new Map();
    this.namesPromise = null;
    this.termCache = new Map(); // word -> Map(ref -> score), most recent last
    this.quickBytes = QUICK_BYTES;
    this.topCache = new Map(); // top file -> its parsed data
    this.rowCache = new Map(); // ref -> result row, from top files
    this.tally = new Tally();
    registerPipeline(lunr);
    const filter = lunr.stopWordFilter;
    this.isStopWord = (w) => filter(new lunr.Token(w)) === undefined;
  }

  async ready() {
    if (!this.manifest) {
      this.manifest = this.fetchJSON("manifest.json").then((manifest) => this.accept(manifest));
      this.manifest.catch(() => (this.manifest = null));
    }
    return this.manifest;
  }

  accept(manifest) {
    // The index and this page's contract come from one build; a cached
    // page over a newer index (or the reverse) would tokenise differently.
    const t = manifest.tokenizer;
    if (t && (t.max_token !== settings().max_token || t.trimmer !== settings().trimmer_label)) {
      throw new Error("the search index was built with other tokenizer settings than this page expects; reload the page");
    }
    this.manifestData = manifest;
    return manifest;
  }

  /**
   * After an index file failed to load: whether the site's index is another
   * one than the manifest this engine read (the site was published again
   * since: the other files' names carry content hashes, so the old ones are
   * gone; or the manifest came from the HTTP cache). If so, the engine starts
   * over from the new manifest, with nothing of the old index kept (scores
   * of two builds do not mix), and the caller may search again.
   */
  async renew() {
    const old = this.manifestData;
    if (!old) return false;
    let fresh;
    try {
      fresh = await this.fetchJSON("manifest.json");
    } catch {
      return false; // the network, not the index: the first error stands
    }
    if (JSON.stringify(fresh) === JSON.stringify(old)) return false;
    for (const cache of [this.shardCache, this.chunkCache, this.termCache, this.topCache, this.rowCache]) cache.clear();
    this.tally = new Tally();
    this.namesPromise = null;
    this.topWords = null;
    this.manifestData = null;
    this.manifest = Promise.resolve().then(() => this.accept(fresh));
    this.manifest.catch(() => (this.manifest = null));
    await this.manifest;
    return true;
  }

  /** A shard file's data, fetched once; its lunr index is made on first use (index()). */
  shardData(file) {
    if (!this.shardCache.has(file)) {
      const p = this.fetchJSON(file).then((data) => ({ data, idx: null }));
      p.catch(() => this.shardCache.delete(file));
      this.shardCache.set(file, p);
    }
    return this.shardCache.get(file);
  }

  index(entry) {
    return (entry.idx ||= loadShard(this.lunr, entry.data));
  }

  async shard(file) {
    return this.index(await this.shardData(file));
  }

  plan(query) {
    return plan(query, this.isStopWord);
  }

  /**
   * {state, terms, stop, ignored, hits: [{ref, score}]} ranked best first.
   * With `limit` (the header box: it shows that many) `hits` holds the
   * complete search's first results only, the same in the same order, with
   * `total` (the number of all matches) and `capped: true` when there are
   * more: the first `limit`, picked without sorting every match; or, for a
   * one-word query the index has a top file for, the first
   * `manifest.top.limit`, from that file alone.
   * `stale()` true means a newer query has replaced this one (the reader
   * typed on): its data still loads (and is kept), but it is not parsed or
   * scored, and the answer is `{state: "stale"}`, so the newer query does
   * not wait behind work nobody will see.
   */
  async search(query, { limit = 0, stale = () => false } = {}) {
    const p = this.plan(query);
    if (p.state !== "ok") return { ...p, hits: [] };
    mark("search");
    const manifest = await this.ready();
    const gone = { ...p, state: "stale", hits: [] };
    if (stale()) return gone;
    if (limit && p.terms.length === 1 && p.exact === p.terms[0]) {
      const top = await this.topSearch(p, limit, stale);
      if (top) return top.stale ? gone : top;
    }
    let acc = null; // the documents every word so far matches, with their summed scores
    for (const term of p.terms) {
      let word = this.termCache.get(term);
      if (!word) {
        const { prefixes, build } = wordQuery(this.lunr, term);
        const files = new Set();
        for (const prefix of prefixes) for (const s of shardsFor(manifest.shards, prefix)) files.add(s[2]);
        const loaded = await Promise.all([...files].map((f) => this.shardData(f)));
        if (stale()) return gone;
        mark("shards");
        word = this.tally.sum(loaded.map((entry) => scoreShard(this.lunr, this.index(entry), build)));
        // typing more words, or backspacing, asks for the same word again
        this.termCache.set(term, word);
        if (this.termCache.size > TERM_CACHE) this.termCache.delete(this.termCache.keys().next().value);
      }
      // several words narrow the results: every word must match (the cached word is read only)
      acc = acc === null ? word : this.tally.both(acc, word);
      if (!acc.docs.length) break;
    }
    let scores = acc.scores;
    if (acc.docs.length && p.exact) {
      const files = exactShards(manifest.shards, p.exact);
      const indexes = await Promise.all(files.map((s) => this.shard(s[2])));
      scores = this.tally.exact(acc, indexes.map((idx) => scoreShard(this.lunr, idx, exactQuery(p.exact))));
    }
    const answer = ranked(acc.docs, scores, limit);
    mark("scored");
    return { ...p, ...answer };
  }

  /** Whether `query` costs little: a one-word query with a top file, words
   *  searched before, or words whose shards not loaded yet add up to at most
   *  `quickBytes`. The box then searches at once instead of waiting for the
   *  typing to pause: the pause only spares fetching much data for a word
   *  the reader is still typing (a replaced query is not scored anyway). */
  quick(query) {
    const p = this.plan(query);
    if (p.state !== "ok") return true;
    const manifest = this.manifest && this.manifestData;
    if (!manifest) return false;
    if (p.terms.every((t) => this.termCache.has(t))) return true;
    if (manifest.top && p.terms.length === 1 && p.exact === p.terms[0]) {
      if (!this.topWords) this.topWords = new Map(manifest.top.words.map((w, n) => [w, n]));
      if (this.topWords.has(p.terms[0])) return true;
    }
    return this.bytesToFetch(manifest, p.terms) <= this.quickBytes;
  }

  /** Bytes of the shards `terms` need that are not loaded or loading (as
   *  the manifest gives them, uncompressed). */
  bytesToFetch(manifest, terms) {
    const files = new Map();
    for (const term of terms) {
      if (this.termCache.has(term)) continue;
      for (const prefix of wordQuery(this.lunr, term).prefixes) {
        for (const [, , file, bytes] of shardsFor(manifest.shards, prefix)) {
          if (!this.shardCache.has(file)) files.set(file, bytes ?? Infinity);
        }
      }
    }
    let sum = 0;
    for (const bytes of files.values()) sum += bytes;
    return sum;
  }

  /** The header box's answer from a top file, or null where there is none
   *  (or it was built for other clauses than this browser's: then the
   *  complete search answers). */
  async topSearch(p, limit, stale = () => false) {
    const manifest = await this.ready();
    const top = manifest.top;
    const term = p.terms[0];
    if (!top || limit > top.limit) return null;
    if (!this.topWords) this.topWords = new Map(top.words.map((w, n) => [w, n]));
    const n = this.topWords.get(term);
    if (n === undefined) return null;
    const file = `${top.dir}${n.toString(36)}.json`;
    if (!this.topCache.has(file)) {
      const loading = this.fetchJSON(file).then((data) => ({ data, indexes: null })); // indexes: loaded on first use
      loading.catch(() => this.topCache.delete(file));
      this.topCache.set(file, loading);
    }
    const entry = await this.topCache.get(file);
    if (stale()) return { stale: true };
    const data = entry.data;
    const indexes = (entry.indexes ||= data.indexes.map((d) => loadShard(this.lunr, d)));
    mark("shards");
    const { prefixes, build } = wordQuery(this.lunr, term);
    const positions = [];
    for (const prefix of prefixes) for (const s of shardsFor(manifest.shards, prefix)) if (!positions.includes(s)) positions.push(s);
    const order = positions.map((s) => manifest.shards.indexOf(s));
    if (data.word !== term || String(data.prefixes) !== String(prefixes) || String(data.shards) !== String(order)) return null;
    // as search(): sums per shard in the same order, then the exact field
    const word = this.tally.sum(indexes.map((idx) => scoreShard(this.lunr, idx, build)));
    const exact = [];
    for (const s of exactShards(manifest.shards, p.exact)) {
      const idx = indexes[order.indexOf(manifest.shards.indexOf(s))];
      if (!idx) return null; // cannot be: the word's shards hold its exact term
      exact.push(scoreShard(this.lunr, idx, exactQuery(p.exact)));
    }
    const { hits } = ranked(word.docs, this.tally.exact(word, exact), top.limit);
    for (const [ref, row] of Object.entries(data.rows)) this.rowCache.set(ref, row);
    mark("scored");
    return { ...p, hits, total: data.total, capped: true };
  }

  /** Result data for hits: [{ref, kind, url, title, summary, parent}]. */
  async rows(hits) {
    const manifest = await this.ready();
    const fetched = hits.filter((h) => !this.rowCache.has(h.ref));
    const need = new Set(fetched.map((h) => Math.floor(parseInt(h.ref, 36) / manifest.chunk)));
    await Promise.all([...need].map((n) => this.chunk(n)));
    const out = [];
    for (const h of hits) {
      const n = parseInt(h.ref, 36);
      const row = this.rowCache.get(h.ref) || (await this.chunk(Math.floor(n / manifest.chunk)))[n % manifest.chunk];
      if (row) out.push({ ref: h.ref, kind: row[0], url: row[1], title: row[2], summary: row[3], parent: row[4] });
    }
    return out;
  }

  /** {kind: count} of hits, from the manifest's kind ranges (no row fetches). */
  async kindCounts(hits) {
    const { kinds } = await this.ready();
    const counts = {};
    for (const h of hits) {
      const n = parseInt(h.ref, 36);
      let kind = kinds[0][0];
      for (const [k, first] of kinds) if (n >= first) kind = k;
      counts[kind] = (counts[kind] || 0) + 1;
    }
    return counts;
  }

  async chunk(n) {
    const manifest = await this.ready();
    if (!this.chunkCache.has(n)) {
      const p = this.fetchJSON(manifest.chunks[n]);
      p.catch(() => this.chunkCache.delete(n));
      this.chunkCache.set(n, p);
    }
    return this.chunkCache.get(n);
  }

  async suggestions(query, limit = 5) {
    const manifest = await this.ready();
    if (!this.namesPromise) this.namesPromise = this.fetchJSON(manifest.names);
    return closestNames(query, await this.namesPromise, limit);
  }
}

/** The exact-field clause of a whole query (a title or term typed in full). */
const exactQuery = (key) => (q) => q.term(key, { fields: ["exact"], boost: 100 });

/**
 * Sums of scores by document number, over all of a site's documents.
 * Words' answers are {docs, scores}: document numbers and their scores,
 * parallel typed arrays, as first met. Maps keyed by refs and a {ref,
 * score} per document cost more than the scoring itself at 20,000
 * documents; these cost one pass. An entry counts only if its stamp is the
 * current pass's, so nothing is cleared between passes. Each method runs
 * to its end without awaiting and returns arrays of its own, so queries
 * in flight together can share one tally.
 */
export class Tally {
  constructor() {
    this.value = new Float64Array(0);
    this.stamp = new Uint32Array(0);
    this.pass = 0;
    this.docs = new Int32Array(0); // an answer being made, before it is copied out at its size
    this.scores = new Float64Array(0);
  }

  start() {
    if (++this.pass === 0xffffffff) (this.stamp.fill(0), (this.pass = 1));
    return this.pass;
  }

  grow(size) {
    const value = new Float64Array(Math.max(size, 2 * this.value.length));
    const stamp = new Uint32Array(value.length);
    value.set(this.value);
    stamp.set(this.stamp);
    this.value = value;
    this.stamp = stamp;
    const docs = new Int32Array(value.length); // an answer being made keeps its first documents
    docs.set(this.docs);
    this.docs = docs;
    this.scores = new Float64Array(value.length); // (both() never grows)
  }

  /** One word's answer from its shards' ({docs, scores} each): a document's
   *  scores summed in shard order, as lunr would add them. */
  sum(parts) {
    if (parts.length === 1) return parts[0];
    const pass = this.start();
    let met = 0;
    for (const { docs, scores } of parts) {
      for (let i = 0; i < docs.length; i++) {
        const n = docs[i];
        if (n >= this.stamp.length) this.grow(n + 1);
        if (this.stamp[n] !== pass) {
          this.stamp[n] = pass;
          this.value[n] = 0 + scores[i];
          this.docs[met++] = n;
        } else this.value[n] += scores[i];
      }
    }
    const docs = this.docs.slice(0, met);
    const scores = new Float64Array(met);
    for (let i = 0; i < met; i++) scores[i] = this.value[docs[i]];
    return { docs, scores };
  }

  /** Stamp `word`'s documents with their scores; the pass. */
  mark({ docs, scores }) {
    const pass = this.start();
    for (let i = 0; i < docs.length; i++) {
      const n = docs[i];
      if (n >= this.stamp.length) this.grow(n + 1);
      this.stamp[n] = pass;
      this.value[n] = scores[i];
    }
    return pass;
  }

  /** The documents of `acc` that `word` matches too, their scores added (acc's first). */
  both(acc, word) {
    const pass = this.mark(word);
    let met = 0;
    for (let i = 0; i < acc.docs.length; i++) {
      const n = acc.docs[i];
      if (n < this.stamp.length && this.stamp[n] === pass) (this.docs[met] = n), (this.scores[met++] = acc.scores[i] + this.value[n]);
    }
    return { docs: this.docs.slice(0, met), scores: this.scores.slice(0, met) };
  }

  /** `acc`'s scores where the exact field's answers (`parts`) lift a document
   *  above every other: 1000 plus its score and theirs. `acc.scores` itself
   *  when none does (it may be a cached word's: never written to). */
  exact(acc, parts) {
    const pass = this.mark(acc);
    const lifted = new Map(); // n -> score
    for (const { docs, scores } of parts) {
      for (let i = 0; i < docs.length; i++) {
        const n = docs[i];
        if (n < this.stamp.length && this.stamp[n] === pass) lifted.set(n, (lifted.has(n) ? lifted.get(n) : this.value[n]) + 1000 + scores[i]);
      }
    }
    if (!lifted.size) return acc.scores;
    const out = Float64Array.from(acc.scores);
    for (let i = 0; i < acc.docs.length; i++) if (lifted.has(acc.docs[i])) out[i] = lifted.get(acc.docs[i]);
    return out;
  }
}

/**
 * Hits [{ref, score, n}], best first (higher score, then lower number), and
 * the number of matches: all of them, or with `limit` the first `limit`
 * only (found in one pass, no sort of all matches) and `capped: true` when
 * there are more.
 */
export function ranked(docs, scores, limit = 0) {
  const total = docs.length;
  const hit = (i) => ({ ref: docs[i].toString(36), score: scores[i], n: docs[i] });
  if (!limit || limit >= total) {
    const hits = new Array(total);
    for (let i = 0; i < total; i++) hits[i] = hit(i);
    hits.sort((a, b) => b.score - a.score || a.n - b.n);
    return { hits, total };
  }
  const best = []; // positions in docs, best first, at most `limit`
  const before = (i, j) => scores[i] > scores[j] || (scores[i] === scores[j] && docs[i] < docs[j]);
  for (let i = 0; i < total; i++) {
    if (best.length === limit && !before(i, best[limit - 1])) continue;
    let at = best.length === limit ? limit - 1 : best.length;
    while (at > 0 && before(i, best[at - 1])) at--;
    best.splice(at, 0, i);
    if (best.length > limit) best.pop();
  }
  return { hits: best.map(hit), total, capped: true };
}

/**
 * What `idx.query(build)` returns, [{ref, score}] with the same scores to the
 * last bit, for the queries this engine builds (optional clauses, no edit
 * distance), without lunr's match metadata and sets and with a dot product
 * that walks only the document's vector.
 *
 * Lunr scores a document as the sum, over its matching fields in the order it
 * first met them (clause, expanded term, field), of dot(query, field vector) /
 * |query|, the dot product summed in ascending term index. This does the same
 * sums in the same order; `test_search_lunrjs` compares both on every prefix
 * of generated corpora.
 */
export function scoreQuery(lunr, idx, build) {
  const { docs, scores } = scoreShard(lunr, idx, build);
  return Array.from(docs, (n, i) => ({ ref: n.toString(36), score: scores[i] }));
}

/** scoreQuery's answer as {docs, scores}: document numbers (refs are their
 *  base 36) and scores, parallel typed arrays, for Tally. */
export function scoreShard(lunr, idx, build) {
  const query = new lunr.Query(idx.fields);
  build(query);
  const fields = idx.fields;
  const plain = fields.length <= 8 && query.clauses.every((c) => c.presence === lunr.Query.presence.OPTIONAL && !("editDistance" in c));
  if (!plain) {
    // not a query this engine builds: lunr's own answer
    const found = idx.query(build);
    return { docs: Int32Array.from(found, (r) => parseInt(r.ref, 36)), scores: Float64Array.from(found, (r) => r.score) };
  }
  const shard = prepared(idx);
  const vectors = Object.create(null); // field -> lunr.Vector, built exactly as lunr builds it
  for (const f of fields) vectors[f] = new lunr.Vector();
  const seen = new Set(); // "term/field" done
  const { mask, order, touched, tables } = scratch(shard.size, shard.terms, fields.length);
  let met = 0; // documents in touched
  try {
    for (const clause of query.clauses) {
      const terms = clause.usePipeline ? idx.pipeline.runString(clause.term, { fields: clause.fields }) : [clause.term];
      for (const term of terms) {
        clause.term = term;
        const expanded = idx.tokenSet.intersect(lunr.TokenSet.fromClause(clause)).toArray();
        for (const expandedTerm of expanded) {
          const posting = idx.invertedIndex[expandedTerm];
          for (const field of clause.fields) {
            vectors[field].upsert(posting._index, clause.boost, (a, b) => a + b);
            const key = expandedTerm + "/" + field;
            if (seen.has(key)) continue;
            seen.add(key);
            const f = fields.indexOf(field);
            const bit = 1 << f;
            for (const d of shard.docs(expandedTerm, field)) {
              const m = mask[d];
              if (m & bit) continue;
              if (!m) touched[met++] = d;
              let count = 0;
              for (let x = m; x; x &= x - 1) count++;
              order[d] |= f << (3 * count);
              mask[d] = m | bit;
            }
          }
        }
      }
    }
    // the query vectors as tables by term index (0: not in the query; lunr's boosts are positive)
    const magnitudes = fields.map((f, k) => {
      const el = vectors[f].elements;
      for (let i = 0; i < el.length; i += 2) tables[k][el[i]] = el[i + 1];
      return el.length ? vectors[f].magnitude() : 0;
    });
    const docs = new Int32Array(met);
    const scores = new Float64Array(met);
    for (let n = 0; n < met; n++) {
      const d = touched[n];
      let count = 0;
      for (let x = mask[d]; x; x &= x - 1) count++;
      let score = 0;
      for (let k = 0; k < count; k++) {
        const f = (order[d] >> (3 * k)) & 7;
        const table = tables[f];
        const el = shard.vector(f, d);
        let dot = 0; // lunr.Vector#dot: ascending term index, query value times document value
        for (let i = 0; i < el.length; i += 2) {
          const q = table[el[i]];
          if (q) dot += q * el[i + 1];
        }
        score += dot / magnitudes[f] || 0; // lunr.Vector#similarity, summed per document
      }
      docs[n] = shard.numbers[d];
      scores[n] = score;
    }
    return { docs, scores };
  } finally {
    // the scratch is all zeros again for the next shard
    for (let n = 0; n < met; n++) (mask[touched[n]] = 0), (order[touched[n]] = 0);
    fields.forEach((f, k) => {
      const el = vectors[f].elements;
      for (let i = 0; i < el.length; i += 2) tables[k][el[i]] = 0;
    });
  }
}

/** Working arrays of scoreShard, shared by all shards (it runs to the end
 *  once started, and leaves them all zeros): allocating them per shard, a
 *  query at 20,000 documents made megabytes of garbage, and collecting it
 *  made the slowest keystrokes. Grown as a bigger shard needs. */
const SCRATCH = { size: 0, terms: 0, mask: null, order: null, touched: null, tables: [] };
function scratch(size, terms, fields) {
  if (size > SCRATCH.size) {
    SCRATCH.size = Math.max(size, 2 * SCRATCH.size);
    SCRATCH.mask = new Uint8Array(SCRATCH.size); // fields matched, per document
    SCRATCH.order = new Uint32Array(SCRATCH.size); // their numbers, 3 bits each, in the order first matched
    SCRATCH.touched = new Int32Array(SCRATCH.size); // the documents matched, as first met
  }
  if (terms > SCRATCH.terms) (SCRATCH.terms = Math.max(terms, 2 * SCRATCH.terms)), (SCRATCH.tables = []);
  while (SCRATCH.tables.length < fields) SCRATCH.tables.push(new Float64Array(SCRATCH.terms));
  return SCRATCH;
}

/** Per shard, built on first use: documents as small numbers, postings as
 *  arrays of them, field vectors by (field, document). */
function prepared(idx) {
  if (idx.__aruntime) return idx.__aruntime;
  const refs = [];
  const numbers = []; // the documents' numbers in the site (refs are base 36)
  // per field, by document: its vector's elements (a Map keyed by both cost
  // a fifth of a query's time at 20,000 documents)
  const vectors = idx.fields.map(() => []);
  const local = new Map();
  const number = (ref) => {
    let d = local.get(ref);
    if (d === undefined) {
      local.set(ref, (d = refs.length)), refs.push(ref), numbers.push(parseInt(ref, 36));
      for (const v of vectors) v.push(null);
    }
    return d;
  };
  const serialized = idx.__aruntimeVectors; // as loadShard kept them: [["field/ref", elements]]
  if (serialized) {
    const position = new Map(idx.fields.map((field, f) => [field, f]));
    for (const [fieldRef, elements] of serialized) {
      const cut = fieldRef.indexOf("/");
      vectors[position.get(fieldRef.slice(0, cut))][number(fieldRef.slice(cut + 1))] = elements;
    }
  }
  const postings = new Map();
  let terms = 0;
  for (const term in idx.invertedIndex) terms = Math.max(terms, idx.invertedIndex[term]._index + 1);
  const prep = {
    refs, // numbered as field vectors (or postings) are first read
    numbers,
    size: idx.__aruntimeDocs || Object.keys(idx.fieldVectors).length, // at least the number of documents
    terms,
    docs(term, field) {
      const key = term + "/" + field;
      let list = postings.get(key);
      if (!list) postings.set(key, (list = Object.keys(idx.invertedIndex[term][field]).map(number)));
      return list;
    },
    vector(f, d) {
      return (vectors[f][d] ||= idx.fieldVectors[idx.fields[f] + "/" + refs[d]].elements);
    },
  };
  Object.defineProperty(idx, "__aruntime", { value: prep });
  return prep;
}

/**
 * A shard is a lunr 2.3.9 index without empty field postings; restore them.
 * Its field vectors stay as serialized, for scoreShard; lunr's own (a
 * lunr.Vector per field and document, in an object keyed "field/ref": a
 * tenth of a first query's time at 20,000 documents, and as much again to
 * look them up) are made only if lunr itself must answer a query.
 */
export function loadShard(lunr, data) {
  const fields = data.fields;
  for (const [, posting] of data.invertedIndex) {
    for (const f of fields) if (!posting[f]) posting[f] = {};
  }
  const serialized = data.fieldVectors;
  const idx = lunr.Index.load({ ...data, fieldVectors: [] });
  let made = null;
  const lunrVectors = () => (made ||= Object.fromEntries(serialized.map(([fieldRef, elements]) => [fieldRef, new lunr.Vector(elements)])));
  Object.defineProperty(idx, "fieldVectors", { get: lunrVectors, enumerable: true, configurable: true });
  Object.defineProperty(idx, "__aruntimeVectors", { value: serialized });
  Object.defineProperty(idx, "__aruntimeDocs", { value: serialized.length }); // field vectors >= documents
  return idx;
}
