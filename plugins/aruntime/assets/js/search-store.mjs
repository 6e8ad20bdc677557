// One search per window, shared by every search component (the header box,
// the results page): it owns the query, the state, the race between
// keystrokes and the loaded result rows; components subscribe and render.
// No DOM here (node --test runs it with a fake engine).
//
// state.status: "idle" (nothing typed), "short" (too short, blanks included), "loading", "stop"
// (only common words), "none" (no hits), "ok", "error".

import { isSearchable } from "./search-core.mjs";

export class SearchStore {
  /** getEngine() resolves to a SearchEngine (loaded lazily, once). */
  constructor(getEngine, { pageSize = 50, suggestions = 8 } = {}) {
    this.getEngine = getEngine;
    this.pageSize = pageSize;
    this.suggestionCount = suggestions;
    this.listeners = new Set();
    this.run = 0;
    this.hits = [];
    this.state = SearchStore.initial("");
  }

  static initial(query) {
    return { query, status: "idle", terms: [], stop: [], total: 0, rows: [], counts: {}, suggestions: [], error: null };
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
    if (query === this.state.query && settled) return this.state;
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
    try {
      const engine = await this.getEngine();
      const result = await engine.search(query);
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
        const [counts, rows] = await Promise.all([engine.kindCounts(result.hits), engine.rows(result.hits.slice(0, this.pageSize))]);
        if (stale()) return this.state;
        this.hits = result.hits;
        this.set({ ...base, status: "ok", total: result.hits.length, counts, rows });
      }
    } catch (error) {
      if (stale()) return this.state;
      this.hits = [];
      this.set({ ...SearchStore.initial(query), status: "error", error });
    }
    return this.state;
  }

  /** Load the next page of rows of the current result. */
  async more() {
    const run = this.run;
    const shown = this.state.rows.length;
    if (this.state.status !== "ok" || shown >= this.hits.length) return this.state;
    const engine = await this.getEngine();
    const rows = await engine.rows(this.hits.slice(shown, shown + this.pageSize));
    if (run === this.run) this.set({ rows: [...this.state.rows, ...rows] });
    return this.state;
  }

  /** Forget the query (Escape in the box). */
  reset() {
    this.run++;
    this.hits = [];
    this.set(SearchStore.initial(""));
  }
}
