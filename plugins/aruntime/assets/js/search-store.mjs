// One search per window, shared by every search component (the header box,
// the results page): it owns the query, the state, the race between
// keystrokes and the loaded result rows; components subscribe and render.
// No DOM here (node --test runs it with a fake engine).
//
// state.status: "idle" (nothing typed), "short" (too short, blanks included), "loading", "stop"
// (only common words), "none" (no hits), "ok", "error".

import { isSearchable, mark } from "./search-core.mjs";

export class SearchStore {
  /** getEngine() resolves to a SearchEngine (loaded lazily, once). */
  constructor(getEngine, { pageSize = 50, firstRows = pageSize, suggestions = 8 } = {}) {
    this.getEngine = getEngine;
    this.pageSize = pageSize;
    this.firstRows = Math.min(firstRows, pageSize); // rows shown before the rest of the page loads
    // Until a results page asks for complete results (needComplete), a
    // one-word query may be answered with its first rows only (the header
    // box shows no more): the engine's top files.
    this.complete = false;
    this.suggestionCount = suggestions;
    this.listeners = new Set();
    this.run = 0;
    this.hits = [];
    this.state = SearchStore.initial("");
  }

  static initial(query) {
    return { query, status: "idle", terms: [], stop: [], total: 0, rows: [], counts: {}, suggestions: [], error: null, capped: false };
  }

  /** A results page shows every result: search completely while it is open
   *  (needComplete(false) when it is gone). */
  needComplete(on = true) {
    this.complete = on;
  }

  subscribe(listener) {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  set(patch) {
    this.state = { ...this.state, ...patch };
    for (const listener of [...this.listeners]) listener(this.state);
  }

  /** Search for `query`; a later call wins over an earlier one still loading. */
  async search(query) {
    query = String(query ?? "");
    const settled = !["error", "loading", "idle"].includes(this.state.status);
    if (query === this.state.query && settled && !(this.complete && this.state.capped)) {
      // the box's answer has its first rows only: a results page shows a whole page
      return this.complete ? this.rowsUpTo(this.pageSize) : this.state;
    }
    const run = ++this.run;
    const stale = () => run !== this.run;
    if (query === "") {
      this.hits = [];
      this.set(SearchStore.initial(query));
      return this.state;
    }
    if (!isSearchable(query)) {
      this.hits = [];
      this.set({ ...SearchStore.initial(query), status: "short" });
      return this.state;
    }
    this.set({ query, status: "loading" });
    return this.answer(query, stale, true);
  }

  /** The state for `query` (search()'s work); `mayRenew`: an index file
   *  that fails to load may mean a new index (SearchEngine#renew). */
  async answer(query, stale, mayRenew) {
    let engine = null;
    try {
      engine = await this.getEngine();
      const result = await engine.search(query, { limit: this.complete ? 0 : this.firstRows, stale });
      if (stale()) return this.state;
      const base = { ...SearchStore.initial(query), terms: result.terms || [], stop: result.stop || [] };
      if (result.state === "stop") {
        this.hits = [];
        this.set({ ...base, status: "stop" });
      } else if (result.state !== "ok" || !result.hits.length) {
        this.hits = [];
        const suggestions = result.state === "ok" ? await engine.suggestions(query, this.suggestionCount) : [];
        if (stale()) return this.state;
        this.set({ ...base, status: "none", suggestions });
      } else {
        // The first rows (what the header box shows) need the fewest
        // result-data files; on a results page the rest of the page follows
        // in a second state. The box alone shows no more: the rest is not
        // fetched (it would compete with the first rows for the connection).
        const first = result.hits.slice(0, this.firstRows);
        const rest = this.complete ? result.hits.slice(first.length, this.pageSize) : [];
        const restRows = rest.length ? engine.rows(rest) : Promise.resolve([]);
        restRows.catch(() => {}); // reported below, if still current
        // counts by kind are the results page's: a capped answer (the box's) has none
        const [counts, rows] = await Promise.all([result.capped ? {} : engine.kindCounts(result.hits), engine.rows(first)]);
        if (stale()) return this.state;
        this.hits = result.hits;
        mark("rows");
        this.set({ ...base, status: "ok", total: result.total ?? result.hits.length, counts, rows, capped: Boolean(result.capped) });
        mark("shown");
        if (rest.length) {
          const more = await restRows;
          if (stale() || this.state.rows !== rows) return this.state; // a newer answer, or more() was quicker
          this.set({ rows: [...rows, ...more] });
        }
      }
    } catch (error) {
      if (stale()) return this.state;
      // an index file gone because the site was published again: once more with the new index
      const renewed = mayRenew && engine?.renew && (await engine.renew().catch(() => false));
      if (renewed && !stale()) return this.answer(query, stale, false);
      if (stale()) return this.state;
      this.hits = [];
      this.set({ ...SearchStore.initial(query), status: "error", error });
    }
    return this.state;
  }

  /** Load the next page of rows of the current result. */
  more() {
    return this.rowsUpTo(this.state.rows.length + this.pageSize);
  }

  /** Load rows of the current result until `count` are shown (or all are). */
  async rowsUpTo(count) {
    const run = this.run;
    const shown = this.state.rows.length;
    if (this.state.status !== "ok" || this.state.capped || shown >= Math.min(count, this.hits.length)) return this.state;
    const engine = await this.getEngine();
    const rows = await engine.rows(this.hits.slice(shown, count));
    if (run === this.run && this.state.rows.length === shown) this.set({ rows: [...this.state.rows, ...rows] });
    return this.state;
  }

  /** Forget the query (Escape in the box). */
  reset() {
    this.run++;
    this.hits = [];
    this.set(SearchStore.initial(""));
  }
}
