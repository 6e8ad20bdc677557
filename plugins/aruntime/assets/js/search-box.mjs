// The header search box: an ARIA combobox whose options are real links
// (<a role="option" href>), so ctrl/middle-click opens a new tab. It renders
// the window's one SearchStore. `/` focuses it, arrows move (the active option
// is kept in view), Enter opens, Esc closes (and clears when already closed).
// On a phone the box opens full-screen from the search button.

import { el, clear, onPage, claim } from "./dom.mjs";
import { logError } from "./client.mjs";
import { shortMessage, isSearchable } from "./search-core.mjs";
import { sharedStore, warmUp, quick, resultHref, resultsPageHref, kindBadge, resultTitle, resultSummary, stopMessage } from "./search-client.mjs";

const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** What the box says and offers for a store state: {message, options: [{href, content}]}. */
export function boxView(state, max) {
  const all = { href: resultsPageHref(state.query.trim()), content: () => el("span", { class: "ar-search__all" }, `Show all ${plural(state.total, "result")}`), all: true };
  switch (state.status) {
    case "idle": return { message: "", options: [] };
    case "short": return { message: shortMessage(), options: [] };
    case "loading": return null; // keep what is shown until the answer arrives
    case "stop": return { message: stopMessage(state.stop), options: [] };
    case "error": return { message: "Search is unavailable right now. Press Enter to open the results page.", options: [] };
    case "none": {
      const options = state.suggestions.slice(0, 5).map((s) => ({ href: resultHref(s.url, []), content: () => [kindBadge(s.kind), " ", el("span", { class: "ar-result__title" }, s.name)] }));
      return { message: options.length ? "No results. Closest glossary terms and runtimes:" : "No results.", options };
    }
    default: {
      const options = state.rows.slice(0, max).map((row) => ({
        href: resultHref(row.url, state.terms),
        content: () => [kindBadge(row.kind), " ", resultTitle(row, state.terms), resultSummary(row, state.terms)],
      }));
      const shown = state.total > max ? `, top ${max} shown` : "";
      return { message: `${plural(state.total, "result")}${shown}.`, options: [...options, all] };
    }
  }
}

class SearchBox {
  constructor(box) {
    this.box = box;
    this.input = box.querySelector("input");
    this.form = box.querySelector("form");
    this.panel = box.querySelector(".ar-search__panel");
    this.status = box.querySelector(".ar-search__status");
    this.list = box.querySelector("[role=listbox]");
    this.launch = box.querySelector("[data-ar-search-launch]");
    this.active = -1;
    this.timer = 0;
    this.store = sharedStore();
    this.max = Number(box.dataset.arMax) || 8;
  }

  options() {
    return [...this.list.querySelectorAll("[role=option]")];
  }

  open() {
    this.panel.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  }

  close() {
    this.panel.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.setActive(-1);
    this.box.classList.remove("ar-search--full");
  }

  setActive(i) {
    const opts = this.options();
    this.active = opts.length ? Math.max(-1, Math.min(i, opts.length - 1)) : -1;
    opts.forEach((o, n) => o.setAttribute("aria-selected", n === this.active ? "true" : "false"));
    if (this.active < 0) return this.input.removeAttribute("aria-activedescendant");
    this.input.setAttribute("aria-activedescendant", opts[this.active].id);
    opts[this.active].scrollIntoView({ block: "nearest" });
  }

  render(state) {
    if (state.status === "error") logError(state.error);
    const view = boxView(state, this.max);
    if (!view) return;
    this.status.textContent = view.message;
    clear(this.list);
    view.options.forEach((option, n) =>
      this.list.append(el("a", { id: `ar-search-option-${n}`, role: "option", "aria-selected": "false", href: option.href, class: `ar-search__option${option.all ? " ar-search__option--all" : ""}`, tabindex: "-1" }, option.content())));
    this.list.hidden = view.options.length === 0;
    this.setActive(-1);
  }

  query(value, { now = false } = {}) {
    clearTimeout(this.timer);
    const go = () => this.store.search(value).catch(logError);
    if (now) return go();
    const timer = (this.timer = setTimeout(go, Number(this.box.dataset.arDebounce) || 60));
    // typed before lunr.js and the manifest arrived: once they are here, a
    // query that costs nothing (see quick) need not wait for the pause
    warmUp().then(() => {
      if (this.timer === timer && this.input.value === value && quick(value)) {
        clearTimeout(timer);
        this.timer = 0;
        go();
      }
    }, () => {});
  }

  onKey(event) {
    const opts = this.options();
    const keys = {
      ArrowDown: () => { if (this.panel.hidden) this.open(); this.setActive(this.active + 1 >= opts.length ? 0 : this.active + 1); },
      ArrowUp: () => this.setActive(this.active <= 0 ? opts.length - 1 : this.active - 1),
      Enter: () => {
        // a click, so Material's instant navigation (when on) follows the link
        if (this.active >= 0 && opts[this.active] && !this.panel.hidden) opts[this.active].click();
        else if (isSearchable(this.input.value)) window.location.assign(resultsPageHref(this.input.value.trim()));
        else { this.open(); this.query(this.input.value, { now: true }); }
      },
      Escape: () => {
        if (!this.panel.hidden) return this.close();
        this.input.value = "";
        this.store.reset();
      },
    };
    if (!keys[event.key] || event.isComposing) return;
    event.preventDefault();
    keys[event.key]();
  }

  listen() {
    this.input.addEventListener("input", () => {
      this.open();
      // a pause in typing is awaited only where a query costs something
      this.query(this.input.value, { now: !isSearchable(this.input.value) || quick(this.input.value) });
    });
    // lunr.js (25 kB gzip) and the manifest load once per window, right
    // after the page's load event (started before it, they would hold it
    // back) or as soon as the reader reaches for the box, so the first query
    // waits only for its own data
    const warm = () => warmUp().catch(() => {}); // a failure shows when searching
    if (document.readyState === "complete") warm();
    else window.addEventListener("load", warm, { once: true });
    this.input.addEventListener("pointerdown", warm, { once: true });
    this.input.addEventListener("focus", () => {
      if (this.input.value) { this.open(); this.query(this.input.value, { now: true }); }
      warm();
    });
    this.input.addEventListener("keydown", (event) => this.onKey(event));
    this.list.addEventListener("mousedown", (event) => event.button === 0 && event.preventDefault()); // keep focus in the box
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.onKey({ key: "Enter", preventDefault() {} });
    });
    document.addEventListener("click", (event) => { if (!this.box.contains(event.target)) this.close(); });
    document.addEventListener("keydown", (event) => this.slash(event));
    // stopPropagation: Material's instant navigation follows any link click that reaches the body.
    if (this.launch) this.launch.addEventListener("click", (event) => { event.preventDefault(); event.stopPropagation(); this.fullScreen(); });
    this.box.querySelector("[data-ar-search-back]")?.addEventListener("click", () => this.close());
    this.store.subscribe((state) => this.render(state));
  }

  fullScreen() {
    this.box.classList.add("ar-search--full");
    this.open();
    this.input.focus();
  }

  slash(event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    event.preventDefault();
    if (getComputedStyle(this.input).visibility === "hidden" || !this.input.offsetParent) this.fullScreen();
    this.input.focus();
    this.input.select();
  }
}

let header = null; // the header is not swapped by instant navigation: one box per window

onPage(() => {
  const box = claim("[data-ar-search]");
  if (box) {
    header = new SearchBox(box);
    header.listen();
  } else if (header && document.activeElement !== header.input) header.close(); // a new page: the last one's list closes
});
