// Runtime directory: a catalogue whose state (text, facets, sort, view,
// comparison) lives in the URL. One small store; each part of the page
// (facets, chips, cards, table, compare bar, toolbar) is a component that
// renders the state it is given. Rows are data read once from the cards'
// data attributes (readRows), so where the rows come from can change without
// touching the components.

import { el, fill, onPage, claim } from "./dom.mjs";
import { contract } from "./client.mjs";
import {
  configure, facetKeys, applyFilters, facetCounts, parseState, serializeState, sortRows, statusText,
  activeFilters, foldFacet, columnSort, ariaSort,
} from "./filters-core.mjs";

const FACET_VISIBLE = 8; // values of a facet shown before "Show n more"
const WINDOW = 100; // runtimes shown (cards or table rows) before "Show more": a redraw touches at most this many

/** How many of the matching runtimes are shown; back to WINDOW whenever the filters or the sort change. */
function windowed(store) {
  let key = null;
  const win = {
    limit: WINDOW,
    fit(state) {
      const next = JSON.stringify([state.q, state.facets, state.sort, state.view]);
      if (next !== key) { key = next; win.limit = WINDOW; }
      return win.limit;
    },
    more() { win.limit += WINDOW; store.render(); },
  };
  return win;
}

function showMore(after, rows, store, win) {
  const button = el("button", { type: "button", class: "md-button ar-show-more", "data-ar-show-more": true });
  button.addEventListener("click", () => win.more());
  after.after(button);
  store.subscribe((state) => {
    const left = applyFilters(rows, state).length - win.limit;
    button.hidden = left <= 0;
    button.textContent = left > 0 ? `Show ${Math.min(WINDOW, left)} more (${left} not shown yet)` : "";
  });
}

function readRows(root) {
  return [...root.querySelectorAll("[data-ar-row]")].map((node) => ({
    node,
    slug: node.dataset.slug,
    name: node.dataset.name,
    href: node.querySelector("h2 a").getAttribute("href"),
    reviewed: node.dataset.reviewed || "",
    text: node.dataset.text || "",
    cells: Object.fromEntries([...node.querySelectorAll("[data-ar-col]")].map((dd) => [dd.dataset.arCol, dd.textContent])),
    facets: Object.fromEntries(facetKeys().map((k) => [k, (node.getAttribute(`data-f-${k}`) || "").split(" ").filter(Boolean)])),
  }));
}

/** The directory's state and its subscribers; commit() writes the URL. */
function directoryStore() {
  const listeners = [];
  const store = {
    state: parseState(location.search),
    subscribe(fn) { listeners.push(fn); },
    render() { for (const fn of listeners) fn(store.state); },
    commit(patch, { push = true } = {}) {
      store.state = { ...store.state, ...patch };
      const url = location.pathname + serializeState(store.state) + location.hash;
      if (url !== location.pathname + location.search + location.hash) history[push ? "pushState" : "replaceState"](history.state, "", url);
      store.render();
    },
  };
  return store;
}

function facetLabel(form, key, value) {
  const input = form.querySelector(`input[name="${CSS.escape(key)}"][value="${CSS.escape(value)}"]`);
  return input ? input.closest("label").querySelector(".ar-facet__label").textContent : value;
}

function facetPanel(form, rows, store) {
  const totals = {};
  for (const fieldset of form.querySelectorAll("[data-ar-facet]")) {
    const key = fieldset.dataset.arFacet;
    totals[key] = Object.fromEntries([...fieldset.querySelectorAll("li")].map((li) => [li.dataset.arFacetValue, Number(li.dataset.arTotal)]));
    const more = el("button", { type: "button", class: "ar-facet__more", "aria-expanded": "false" });
    more.addEventListener("click", () => { fieldset.classList.toggle("ar-facet--open"); store.render(); });
    fieldset.append(more);
  }
  form.addEventListener("change", (event) => {
    const input = event.target;
    if (input.type !== "checkbox") return;
    const chosen = new Set(store.state.facets[input.name]);
    input.checked ? chosen.add(input.value) : chosen.delete(input.value);
    store.commit({ facets: { ...store.state.facets, [input.name]: [...chosen] } });
  });
  let typing;
  form.elements.q.addEventListener("input", () => {
    store.commit({ q: form.elements.q.value.slice(0, 200) }, { push: typing === undefined }); // one history entry per burst of typing
    clearTimeout(typing);
    typing = setTimeout(() => (typing = undefined), 800);
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  store.subscribe((state) => {
    if (form.elements.q.value !== state.q) form.elements.q.value = state.q;
    const counts = facetCounts(rows, state);
    for (const fieldset of form.querySelectorAll("[data-ar-facet]")) {
      const key = fieldset.dataset.arFacet;
      const items = new Map([...fieldset.querySelectorAll("li")].map((li) => [li.dataset.arFacetValue, li]));
      const open = fieldset.classList.contains("ar-facet--open");
      const fold = foldFacet([...items.keys()], totals[key], state.facets[key], open ? Infinity : FACET_VISIBLE);
      for (const value of fold.order) {
        const li = items.get(value);
        const input = li.querySelector("input");
        const n = (counts[key] || {})[value] || 0;
        input.checked = state.facets[key].includes(value);
        li.querySelector("[data-ar-count]").textContent = String(n);
        li.classList.toggle("ar-facet--none", n === 0 && !input.checked);
        li.hidden = fold.folded.includes(value);
        li.parentNode.append(li);
      }
      const more = fieldset.querySelector(".ar-facet__more");
      const hidden = items.size - Math.min(items.size, FACET_VISIBLE);
      more.hidden = hidden <= 0;
      more.textContent = open ? "Show fewer" : `Show ${fold.folded.length} more`;
      more.setAttribute("aria-expanded", String(open));
    }
  });
}

function chips(list, form, store) {
  store.subscribe((state) => {
    const active = activeFilters(state);
    list.hidden = active.length === 0;
    fill(list, active.map(({ facet, value }) => {
      const label = facet === "q" ? `“${value}”` : facetLabel(form, facet, value);
      const button = el("button", { type: "button", class: "ar-chip" }, label, el("span", { "aria-hidden": "true" }, " ×"), el("span", { class: "ar-visually-hidden" }, " (remove filter)"));
      button.addEventListener("click", () => {
        if (facet === "q") store.commit({ q: "" });
        else store.commit({ facets: { ...store.state.facets, [facet]: store.state.facets[facet].filter((v) => v !== value) } });
        form.querySelector("#ar-filter-text").focus({ preventScroll: true });
      });
      return el("li", {}, button);
    }), active.length > 1 ? el("li", {}, resetButton(store, "Clear all")) : null);
  });
}

const cleared = (state) => ({ ...parseState(""), sort: state.sort, view: state.view, compare: state.compare });

function resetButton(store, text) {
  const button = el("button", { type: "button", class: "ar-chip ar-chip--clear" }, text);
  button.addEventListener("click", () => store.commit(cleared(store.state)));
  return button;
}

function compareBox(row, store) {
  const box = el("input", { type: "checkbox", value: row.slug, "data-ar-compare-box": true });
  box.addEventListener("change", () => {
    const chosen = store.state.compare.filter((s) => s !== row.slug);
    if (box.checked) chosen.push(row.slug);
    store.commit({ compare: chosen.slice(0, contract().compare.max) });
  });
  return box;
}

function syncCompareBox(box, state) {
  box.checked = state.compare.includes(box.value);
  box.disabled = !box.checked && state.compare.length >= contract().compare.max;
}

function cardList(list, rows, store, win) {
  for (const row of rows) {
    row.box = compareBox(row, store);
    row.node.append(el("label", { class: "ar-compare-toggle" }, row.box, ` Compare ${row.name}`));
  }
  let order = null;
  store.subscribe((state) => {
    list.hidden = state.view !== "cards";
    const limit = win.fit(state);
    if (state.sort !== order) { // re-append in sorted order only when the order changes
      for (const row of sortRows(rows, state.sort)) list.append(row.node);
      order = state.sort;
    }
    const shown = new Set(sortRows(applyFilters(rows, state), state.sort).slice(0, limit));
    for (const row of rows) {
      const hidden = !shown.has(row);
      if (row.node.hidden !== hidden) row.node.hidden = hidden; // untouched nodes cost no layout
      if (!hidden) syncCompareBox(row.box, state);
    }
  });
}

const COLUMNS = [["name", "Runtime"], ["category", "Category"], ["deployment", "Deployment"], ["hardware", "Hardware"], ["license", "License"], ["reviewed", "Reviewed"]];

function tableView(target, rows, store, win) {
  const boxes = new Map(rows.map((row) => [row.slug, compareBox(row, store)]));
  const headerCell = (column, label, state) => {
    const next = columnSort(column, state.sort);
    if (!next) return el("th", { scope: "col" }, label);
    const button = el("button", { type: "button", class: "ar-sort" }, label);
    button.addEventListener("click", () => store.commit({ sort: columnSort(column, store.state.sort) }));
    return el("th", { scope: "col", "aria-sort": ariaSort(column, state.sort) }, button);
  };
  const cell = (row, column) => (column === "name" ? el("th", { scope: "row" }, el("a", { href: row.href }, row.name))
    : el("td", {}, column === "reviewed" ? row.reviewed : row.cells[column] || ""));
  store.subscribe((state) => {
    target.hidden = state.view !== "table";
    if (target.hidden) return;
    const shown = sortRows(applyFilters(rows, state), state.sort).slice(0, win.fit(state));
    for (const box of boxes.values()) syncCompareBox(box, state);
    fill(target, el("div", { class: "ar-scroll", role: "region", tabindex: "0", "aria-label": "Runtimes (table, scrolls sideways)" },
      el("table", { class: "ar-runtime-table__table" },
        el("thead", {}, el("tr", {}, el("td", {}, el("span", { class: "ar-visually-hidden" }, "Compare")), COLUMNS.map(([c, l]) => headerCell(c, l, state)))),
        el("tbody", {}, shown.map((row) => el("tr", {},
          el("td", {}, el("label", {}, boxes.get(row.slug), el("span", { class: "ar-visually-hidden" }, `Compare ${row.name}`))),
          COLUMNS.map(([c]) => cell(row, c))))))));
  });
}

function compareBar(bar, store) {
  const link = bar.querySelector("[data-ar-compare-link]");
  const hint = bar.querySelector("[data-ar-compare-hint]");
  const base = link.getAttribute("href");
  const { min, max } = contract().compare;
  link.addEventListener("click", (event) => {
    if (store.state.compare.length >= min) return;
    event.preventDefault();
    event.stopPropagation(); // or Material's instant navigation follows it
  });
  bar.hidden = false;
  store.subscribe((state) => {
    const n = state.compare.length;
    const ready = n >= min;
    link.setAttribute("href", base + (n ? "?r=" + state.compare.map(encodeURIComponent).join(",") : ""));
    link.toggleAttribute("aria-disabled", !ready);
    link.classList.toggle("ar-disabled", !ready);
    link.classList.toggle("md-button--primary", ready);
    hint.textContent = ready ? `${n} selected.` : `Select ${min} to ${max} runtimes to compare (${n} selected).`;
  });
}

function toolbar(tools, panel, form, store) {
  const toggle = tools.querySelector("[data-ar-filters-toggle]");
  const count = tools.querySelector("[data-ar-filter-count]");
  const setOpen = (open) => { toggle.setAttribute("aria-expanded", String(open)); panel.classList.toggle("ar-catalogue__facets--open", open); };
  toggle.addEventListener("click", () => setOpen(toggle.getAttribute("aria-expanded") !== "true"));
  form.querySelector("[data-ar-filters-done]").addEventListener("click", () => { setOpen(false); toggle.focus(); });
  const sort = tools.querySelector("#ar-filter-sort");
  sort.addEventListener("change", () => store.commit({ sort: sort.value }));
  for (const button of tools.querySelectorAll("[data-ar-view]")) button.addEventListener("click", () => store.commit({ view: button.dataset.arView }));
  tools.hidden = false;
  store.subscribe((state) => {
    const n = activeFilters(state).length;
    count.textContent = n ? `(${n})` : "";
    sort.value = state.sort;
    for (const button of tools.querySelectorAll("[data-ar-view]")) button.setAttribute("aria-pressed", String(button.dataset.arView === state.view));
  });
}

function start(root) {
  configure(contract());
  const form = root.querySelector("[data-ar-filters]");
  const rows = readRows(root);
  const store = directoryStore();
  facetPanel(form, rows, store);
  chips(root.querySelector("[data-ar-chips]"), form, store);
  const win = windowed(store);
  cardList(root.querySelector("[data-ar-list]"), rows, store, win);
  tableView(root.querySelector("[data-ar-table]"), rows, store, win);
  showMore(root.querySelector("[data-ar-table]"), rows, store, win);
  compareBar(root.querySelector("[data-ar-compare-bar]"), store);
  toolbar(root.querySelector("[data-ar-tools]"), root.querySelector("[data-ar-facets]"), form, store);
  const status = root.querySelector("[data-ar-dir-status]");
  const empty = root.querySelector("[data-ar-empty]");
  store.subscribe((state) => {
    const shown = applyFilters(rows, state).length;
    status.textContent = statusText(shown, rows.length);
    empty.hidden = shown !== 0;
  });
  for (const button of root.querySelectorAll("[data-ar-filters-reset]")) button.addEventListener("click", () => store.commit(cleared(store.state)));
  form.hidden = false;
  const onPop = () => { if (!root.isConnected) return window.removeEventListener("popstate", onPop); store.state = parseState(location.search); store.render(); };
  window.addEventListener("popstate", onPop);
  store.render();
}

onPage(() => {
  const root = claim("[data-ar-directory]");
  if (root) start(root);
});
