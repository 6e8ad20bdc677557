// Runtime directory: facet filters with live counts, text filter, sorting,
// comparison selection; all state lives in the URL (shareable, back/forward).
import { el, onPage, claim } from "./dom.mjs";
import {
  FACET_KEYS, MAX_COMPARE, applyFilters, facetCounts, parseState, serializeState, sortRows, statusText,
} from "./filters-core.mjs";

function readRows(root) {
  return [...root.querySelectorAll("[data-ar-row]")].map((node) => ({
    node,
    slug: node.dataset.slug,
    name: node.dataset.name,
    reviewed: node.dataset.reviewed || "",
    text: node.dataset.text || "",
    facets: Object.fromEntries(FACET_KEYS.map((k) => [k, (node.dataset["f" + k[0].toUpperCase() + k.slice(1)] || "").split(" ").filter(Boolean)])),
  }));
}

function init() {
  const root = claim("[data-ar-directory]");
  if (!root) return;
  const form = root.querySelector("[data-ar-filters]");
  const list = root.querySelector("[data-ar-list]");
  const status = root.querySelector("[data-ar-dir-status]");
  const empty = root.querySelector("[data-ar-empty]");
  const bar = root.querySelector("[data-ar-compare-bar]");
  const compareLink = root.querySelector("[data-ar-compare-link]");
  const compareHint = root.querySelector("[data-ar-compare-hint]");
  const rows = readRows(root);
  const compareBase = compareLink.getAttribute("href");
  let state = parseState(location.search);

  // Comparison checkboxes, one per card.
  for (const row of rows) {
    const box = el("input", { type: "checkbox", value: row.slug, "data-ar-compare-box": true });
    row.compareBox = box;
    row.node.append(el("label", { class: "ar-compare-toggle" }, box, ` Compare ${row.name}`));
  }
  form.hidden = false;
  bar.hidden = false;

  function render() {
    form.elements.q.value = state.q;
    form.elements.sort.value = state.sort;
    for (const input of form.querySelectorAll("input[type=checkbox]")) {
      input.checked = state.facets[input.name].includes(input.value);
    }
    const shown = new Set(applyFilters(rows, state));
    for (const row of sortRows(rows, state.sort)) {
      row.node.hidden = !shown.has(row);
      list.append(row.node); // re-append in sorted order
    }
    const counts = facetCounts(rows, state);
    for (const input of form.querySelectorAll("input[type=checkbox]")) {
      const n = counts[input.name][input.value] || 0;
      input.closest("label").querySelector("[data-ar-count]").textContent = String(n);
      input.closest("li").classList.toggle("ar-facet--none", n === 0 && !input.checked);
    }
    status.textContent = statusText(shown.size, rows.length);
    empty.hidden = shown.size !== 0;
    for (const row of rows) {
      row.compareBox.checked = state.compare.includes(row.slug);
      row.compareBox.disabled = !row.compareBox.checked && state.compare.length >= MAX_COMPARE;
    }
    const n = state.compare.length;
    compareLink.setAttribute("href", compareBase + (n ? "?r=" + state.compare.map(encodeURIComponent).join(",") : ""));
    compareLink.toggleAttribute("aria-disabled", n < 2);
    compareLink.classList.toggle("ar-disabled", n < 2);
    compareHint.textContent = n < 2 ? `Select 2 to ${MAX_COMPARE} runtimes to compare (${n} selected).` : `${n} selected.`;
  }

  function commit(push) {
    const url = location.pathname + serializeState(state) + location.hash;
    if (url !== location.pathname + location.search + location.hash) {
      history[push ? "pushState" : "replaceState"](null, "", url);
    }
    render();
  }

  form.addEventListener("change", (event) => {
    const input = event.target;
    if (input.type === "checkbox") {
      const chosen = new Set(state.facets[input.name]);
      input.checked ? chosen.add(input.value) : chosen.delete(input.value);
      state.facets[input.name] = [...chosen];
    } else if (input.name === "sort") {
      state.sort = input.value;
    }
    commit(true);
  });
  let typing;
  form.elements.q.addEventListener("input", () => {
    state.q = form.elements.q.value.slice(0, 200);
    // Typing replaces the history entry; the first keystroke starts a new one.
    commit(typing === undefined);
    clearTimeout(typing);
    typing = setTimeout(() => { typing = undefined; }, 800);
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  root.addEventListener("change", (event) => {
    if (!event.target.matches("[data-ar-compare-box]")) return;
    const chosen = state.compare.filter((s) => s !== event.target.value);
    if (event.target.checked) chosen.push(event.target.value);
    state.compare = chosen.slice(0, MAX_COMPARE);
    commit(true);
  });
  for (const button of root.querySelectorAll("[data-ar-filters-reset]")) {
    button.addEventListener("click", () => {
      state = { ...parseState(""), compare: state.compare };
      commit(true);
    });
  }
  compareLink.addEventListener("click", (event) => {
    if (state.compare.length < 2) event.preventDefault();
  });
  window.addEventListener("popstate", () => {
    state = parseState(location.search);
    render();
  });
  render();
}

onPage(init);
