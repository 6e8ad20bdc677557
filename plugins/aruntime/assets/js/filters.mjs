// Runtime directory: a catalogue whose state (text, facets, sort, view,
// comparison) lives in the URL. One small store; each part of the page
// (facets, chips, cards, table, compare bar, toolbar) is a component that
// renders the state it is given. Rows are data, read once: from the cards'
// data attributes (readRows) when the page lists every runtime, or from the
// directory's compact data file (decodeDirectory) when the page is paged
// (`data-ar-paged`: it carries only the first runtimes, and cards for the
// others are built here, a window at a time).

import { el, fill, onPage, claim } from "./dom.mjs";
import { contract, loadData, siteUrl } from "./client.mjs";
import {
  configure, facetKeys, applyFilters, facetCounts, parseState, serializeState, sortRows, statusText,
  activeFilters, foldFacet, columnSort, ariaSort, decodeDirectory,
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

function showMore(after, matching, store, win) {
  const button = el("button", { type: "button", class: "md-button ar-show-more", "data-ar-show-more": true });
  button.addEventListener("click", () => win.more());
  after.after(button);
  store.subscribe((state) => {
    const left = matching(state).length - win.limit;
    button.hidden = left <= 0;
    button.textContent = left > 0 ? `Show ${Math.min(WINDOW, left)} more (${left} not shown yet)` : "";
  });
}

/** The matching rows of a state, sorted; each sort order computed once, the last result kept. */
function matcher(rows) {
  const orders = new Map();
  let key = null;
  let result = [];
  const sorted = (sort) => {
    if (!orders.has(sort)) orders.set(sort, sortRows(rows, sort));
    return orders.get(sort);
  };
  const matching = (state) => {
    const next = JSON.stringify([state.q, state.facets, state.sort]);
    if (next !== key) { key = next; result = applyFilters(sorted(state.sort), state); }
    return result;
  };
  matching.sorted = sorted;
  return matching;
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
      const inPage = [...items.keys()]; // the order the values are in now
      const reorder = fold.order.some((value, i) => value !== inPage[i]); // totals never change: once at most
      for (const value of fold.order) {
        const li = items.get(value);
        const input = li.querySelector("input");
        const n = (counts[key] || {})[value] || 0;
        input.checked = state.facets[key].includes(value);
        li.querySelector("[data-ar-count]").textContent = String(n);
        li.classList.toggle("ar-facet--none", n === 0 && !input.checked);
        li.hidden = fold.folded.includes(value);
        if (reorder) li.parentNode.append(li);
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

function addCompareToggle(row, store) {
  row.box = compareBox(row, store);
  row.node.append(el("label", { class: "ar-compare-toggle" }, row.box, ` Compare ${row.name}`));
  return row.node;
}

/** A row's link: from its card, or (data file) its path resolved once it is shown. */
const hrefOf = (row) => row.href || (row.href = siteUrl(row.path));

/** A card built from a row of the data file: the markup of partials/runtime-card.html. */
function cardNode(row) {
  const fact = (term, value, column) => [el("dt", {}, term), el("dd", column ? { "data-ar-col": column } : {}, value)];
  return el("li", { class: "ar-runtime-card", "data-ar-row": true, "data-slug": row.slug },
    el("h2", { class: "ar-runtime-card__name" }, el("a", { href: hrefOf(row) }, row.name)),
    el("p", { class: "ar-runtime-card__summary" }, row.summary),
    el("dl", { class: "ar-facts ar-facts--compact" },
      fact("Category", row.cells.category, "category"),
      fact("Deployment", row.cells.deployment, "deployment"),
      fact("Hardware", row.cells.hardware, "hardware"),
      fact("License", row.cells.license, "license"),
      row.cells.capability ? fact("Capabilities", row.cells.capability) : null));
}

/** Cards of a paged directory: only the shown window is in the list; a card
 *  is built the first time it is shown (or taken from the page's first runtimes). */
function windowedCardList(list, store, win, matching) {
  const card = (row) => row.box ? row.node : addCompareToggle(Object.assign(row, { node: row.node || cardNode(row) }), store);
  let drawn = [];
  store.subscribe((state) => {
    list.hidden = state.view !== "cards";
    if (list.hidden) return;
    const shown = matching(state).slice(0, win.fit(state));
    if (shown.length !== drawn.length || shown.some((row, i) => row !== drawn[i])) {
      list.replaceChildren(...shown.map(card)); // one change of the list, not one per card
      drawn = shown;
    }
    for (const row of shown) syncCompareBox(row.box, state);
  });
}

function cardList(list, rows, store, win, matching) {
  for (const row of rows) addCompareToggle(row, store);
  let order = null;
  store.subscribe((state) => {
    list.hidden = state.view !== "cards";
    const limit = win.fit(state);
    if (state.sort !== order) { // re-append in sorted order only when the order changes
      for (const row of matching.sorted(state.sort)) list.append(row.node);
      order = state.sort;
    }
    const shown = new Set(matching(state).slice(0, limit));
    for (const row of rows) {
      const hidden = !shown.has(row);
      if (row.node.hidden !== hidden) row.node.hidden = hidden; // untouched nodes cost no layout
      if (!hidden) syncCompareBox(row.box, state);
    }
  });
}

const COLUMNS = [["name", "Runtime"], ["category", "Category"], ["deployment", "Deployment"], ["hardware", "Hardware"], ["license", "License"], ["reviewed", "Reviewed"]];

function tableView(target, store, win, matching) {
  const boxes = new Map(); // a row's box, made the first time the row is shown
  const boxFor = (row) => boxes.get(row.slug) || boxes.set(row.slug, compareBox(row, store)).get(row.slug);
  const headerCell = (column, label, state) => {
    const next = columnSort(column, state.sort);
    if (!next) return el("th", { scope: "col" }, label);
    const button = el("button", { type: "button", class: "ar-sort" }, label);
    button.addEventListener("click", () => store.commit({ sort: columnSort(column, store.state.sort) }));
    return el("th", { scope: "col", "aria-sort": ariaSort(column, state.sort) }, button);
  };
  const cell = (row, column) => (column === "name" ? el("th", { scope: "row" }, el("a", { href: hrefOf(row) }, row.name))
    : el("td", {}, column === "reviewed" ? row.reviewed : row.cells[column] || ""));
  store.subscribe((state) => {
    target.hidden = state.view !== "table";
    if (target.hidden) return;
    const shown = matching(state).slice(0, win.fit(state));
    for (const row of shown) syncCompareBox(boxFor(row), state);
    fill(target, el("div", { class: "ar-scroll", role: "region", tabindex: "0", "aria-label": "Runtimes (table, scrolls sideways)" },
      el("table", { class: "ar-runtime-table__table" },
        el("thead", {}, el("tr", {}, el("td", {}, el("span", { class: "ar-visually-hidden" }, "Compare")), COLUMNS.map(([c, l]) => headerCell(c, l, state)))),
        el("tbody", {}, shown.map((row) => el("tr", {},
          el("td", {}, el("label", {}, boxFor(row), el("span", { class: "ar-visually-hidden" }, `Compare ${row.name}`))),
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

/** The rows of a paged directory from its data file; the page's own cards (its first runtimes) are reused. */
function dataRows(root, data) {
  const rows = decodeDirectory(data);
  const cards = new Map([...root.querySelectorAll("[data-ar-row]")].map((node) => [node.dataset.slug, node]));
  for (const row of rows) row.node = cards.get(row.slug) || null;
  return rows;
}

/** Make the text filter's text of every row in idle time, a slice at a time,
 *  so the first word typed does not wait for all of them. */
function warmText(rows) {
  if (!globalThis.requestIdleCallback) return;
  let i = 0;
  const step = (deadline) => {
    while (i < rows.length && deadline.timeRemaining() > 2) void rows[i++].text;
    if (i < rows.length) requestIdleCallback(step);
  };
  requestIdleCallback(step);
}

function start(root) {
  configure(contract());
  if (!root.hasAttribute("data-ar-paged")) return run(root, readRows(root), false);
  loadData(contract().directory.data)
    .then((data) => {
      if (!root.isConnected) return;
      const rows = dataRows(root, data);
      run(root, rows, true);
      warmText(rows);
    })
    .catch((error) => {
      // The page keeps its first runtimes and the links to the listing pages.
      root.querySelector("[data-ar-dir-status]").append(` (the filters could not load the directory: ${error.message})`);
      console.warn("[aruntime directory]", error);
    });
}

function run(root, rows, paged) {
  const form = root.querySelector("[data-ar-filters]");
  const store = directoryStore();
  const matching = matcher(rows);
  facetPanel(form, rows, store);
  chips(root.querySelector("[data-ar-chips]"), form, store);
  const win = windowed(store);
  if (paged) windowedCardList(root.querySelector("[data-ar-list]"), store, win, matching);
  else cardList(root.querySelector("[data-ar-list]"), rows, store, win, matching);
  tableView(root.querySelector("[data-ar-table]"), store, win, matching);
  showMore(root.querySelector("[data-ar-table]"), matching, store, win);
  compareBar(root.querySelector("[data-ar-compare-bar]"), store);
  toolbar(root.querySelector("[data-ar-tools]"), root.querySelector("[data-ar-facets]"), form, store);
  const status = root.querySelector("[data-ar-dir-status]");
  const empty = root.querySelector("[data-ar-empty]");
  const pager = root.querySelector("[data-ar-pager]");
  if (pager) pager.hidden = true; // the list and "Show more" reach every runtime now
  store.subscribe((state) => {
    const shown = matching(state).length;
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
