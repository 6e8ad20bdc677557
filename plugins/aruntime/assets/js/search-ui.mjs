// The header search box: an ARIA combobox with a listbox of results.
// `/` focuses it, arrows move, Enter opens (the results page when no option
// is active), Esc closes (and clears when already closed).

import { el, clear, onPage, claim } from "./dom.mjs";
import { SHORT_MESSAGE, isSearchable } from "./search-core.mjs";
import { engine, href, resultContent, stopMessage, logError } from "./search-client.mjs";

const MAX_OPTIONS = 8;
const DEBOUNCE_MS = 60;

function resultsPageUrl(form, query) {
  const url = new URL(form.getAttribute("action"), document.baseURI);
  url.searchParams.set("q", query);
  return url.href;
}

function init() {
  const box = claim("[data-ar-search]");
  if (!box) return;
  const form = box.querySelector("form");
  const input = box.querySelector("input");
  const panel = box.querySelector(".ar-search__panel");
  const status = box.querySelector(".ar-search__status");
  const list = box.querySelector("[role=listbox]");
  let searchId = 0;
  let timer = 0;
  let active = -1;

  const options = () => [...list.querySelectorAll("[role=option]")];
  const open = () => {
    panel.hidden = false;
    input.setAttribute("aria-expanded", "true");
  };
  const close = () => {
    panel.hidden = true;
    input.setAttribute("aria-expanded", "false");
    setActive(-1);
  };
  function setActive(i) {
    const opts = options();
    active = opts.length ? Math.max(-1, Math.min(i, opts.length - 1)) : -1;
    opts.forEach((o, n) => o.setAttribute("aria-selected", n === active ? "true" : "false"));
    if (active >= 0) {
      input.setAttribute("aria-activedescendant", opts[active].id);
      opts[active].scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  }
  function option(n, link, content) {
    // Options hold no links (nothing interactive inside an option); Enter or a click opens data-href.
    return el("li", { id: `ar-search-option-${n}`, role: "option", "aria-selected": "false", class: "ar-search__option", "data-href": link }, content);
  }
  function show(message, items = []) {
    status.textContent = message;
    clear(list);
    items.forEach((item) => list.append(item));
    list.hidden = items.length === 0;
    setActive(-1);
  }

  async function run(query) {
    const id = ++searchId;
    if (!isSearchable(query)) {
      show(SHORT_MESSAGE);
      return;
    }
    try {
      const search = await engine();
      const result = await search.search(query);
      if (id !== searchId) return; // a newer keystroke won
      if (result.state === "stop") return show(stopMessage(result.stop));
      if (result.state !== "ok" || !result.hits.length) {
        const names = result.state === "ok" ? await search.suggestions(query) : [];
        if (id !== searchId) return;
        const items = names.map((s, n) =>
          option(n, href(s.url), [el("span", { class: `ar-kind ar-kind--${s.kind}` }, s.kind === "runtime" ? "Runtime" : "Glossary"), " ", el("span", { class: "ar-result__title" }, s.name)]),
        );
        return show(names.length ? "No results. Closest glossary terms and runtimes:" : "No results.", items);
      }
      const rows = await search.rows(result.hits.slice(0, MAX_OPTIONS));
      if (id !== searchId) return;
      const items = rows.map((row, n) => option(n, href(row.url), resultContent(row, result.terms)));
      const total = result.hits.length;
      items.push(
        option(items.length, resultsPageUrl(form, query), el("span", { class: "ar-search__all" }, `Show all ${total} result${total === 1 ? "" : "s"}`)),
      );
      show(`${total} result${total === 1 ? "" : "s"}${total > MAX_OPTIONS ? `, top ${MAX_OPTIONS} shown` : ""}.`, items);
    } catch (err) {
      if (id !== searchId) return;
      logError(err);
      show("Search is unavailable right now. Press Enter to open the results page.");
    }
  }

  input.addEventListener("input", () => {
    open();
    clearTimeout(timer);
    const query = input.value;
    if (!isSearchable(query)) return run(query); // the hint shows at once
    timer = setTimeout(() => run(query), DEBOUNCE_MS);
  });
  input.addEventListener("focus", () => {
    if (input.value) {
      open();
      if (!status.textContent) run(input.value);
    }
    engine().catch(logError); // warm up: lunr.js + manifest
  });
  input.addEventListener("keydown", (event) => {
    const opts = options();
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (panel.hidden) open();
      setActive(active + 1 >= opts.length ? 0 : active + 1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive(active <= 0 ? opts.length - 1 : active - 1);
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (active >= 0 && opts[active] && !panel.hidden) {
        window.location.assign(opts[active].dataset.href);
      } else if (isSearchable(input.value)) {
        window.location.assign(resultsPageUrl(form, input.value.trim()));
      } else {
        open();
        run(input.value);
      }
    } else if (event.key === "Escape") {
      event.preventDefault();
      if (!panel.hidden) close();
      else {
        input.value = "";
        searchId++;
        show("");
      }
    }
  });
  list.addEventListener("mousedown", (event) => event.preventDefault()); // keep focus on the box
  list.addEventListener("click", (event) => {
    const opt = event.target.closest("[role=option]");
    if (opt && opt.dataset.href) window.location.assign(opt.dataset.href);
  });
  form.addEventListener("submit", (event) => {
    if (!isSearchable(input.value)) {
      event.preventDefault();
      open();
      run(input.value);
    }
  });
  document.addEventListener("click", (event) => {
    if (!box.contains(event.target)) close();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    event.preventDefault();
    input.focus();
    input.select();
  });
}

onPage(init);
