// The Runtime Decision Record builder's DOM glue. The page (views/decision_record.py,
// aruntime/decision-record.html) already holds the whole form and, as JSON, its
// schema; this module keeps a draft in localStorage, filters the candidate
// runtimes, writes the Markdown record and the shareable link, and loads a
// record back from a link or its Markdown. Pure logic is in
// decision-record-core.mjs. Nothing is sent anywhere: the link carries the
// record after "#", which browsers never send to a server.
import { el, onPage, claim } from "./dom.mjs";
import * as core from "./decision-record-core.mjs";

const LOG = "[aruntime decision-record]";

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled: the builder still works, without drafts
  }
}

function init() {
  const root = claim("[data-ar-decision-record]");
  if (!root) return;
  const $ = (selector) => root.querySelector(selector);
  const schema = JSON.parse(root.dataset.arDrSchema);
  const siteRoot = new URL(root.dataset.arRoot, location.href);
  const form = $("[data-ar-dr-form]");
  const status = $("[data-ar-dr-status]");
  const count = $("[data-ar-dr-count]");
  const markdownBox = $("[data-ar-dr-markdown]");
  const linkBox = $("[data-ar-dr-link]");
  const paste = $("[data-ar-dr-paste]");
  const draftKey = `aruntime:decision-record:${siteRoot.pathname}`;
  const rows = [...root.querySelectorAll("[data-ar-dr-runtime]")];
  let state = core.emptyState(schema, core.today());
  let markdown = "";
  let lastCount = "";

  root.classList.add("ar-dr--live");
  $("[data-ar-dr-js-note]").hidden = true;
  $("[data-ar-dr-tools]").hidden = false;

  const say = (text) => {
    // Clear first so the same message is announced again.
    status.textContent = "";
    window.setTimeout(() => (status.textContent = text), 30);
  };

  function fill(next) {
    const values = core.formValues(next, schema);
    for (const control of form.elements) {
      if (!control.name || !(control.name in values)) continue;
      const value = values[control.name];
      if (control.type === "checkbox") control.checked = value.includes(control.value);
      else control.value = value;
    }
  }

  function pageUrl() {
    const url = new URL(location.href);
    url.hash = "";
    url.search = "";
    return url.href;
  }

  function mirror() {
    // What print shows of each text field: its whole text, not a scrolled box.
    for (const box of form.querySelectorAll("textarea")) {
      let copy = box.nextElementSibling;
      if (!copy || !copy.hasAttribute("data-ar-dr-mirror")) {
        copy = el("span", { class: "ar-dr__mirror", "data-ar-dr-mirror": true, "aria-hidden": "true" });
        box.after(copy);
      }
      copy.textContent = box.value || core.NOT_RECORDED.replace(/_/g, "");
    }
  }

  function update({ save = true } = {}) {
    state = core.stateFromEntries(new FormData(form), schema);
    // A pattern whose questions are answered is relied on: show it ticked.
    for (const box of form.querySelectorAll("input[name=pattern]")) box.checked = state.patterns.includes(box.value);
    const offered = new Set(core.candidates(state, schema));
    for (const row of rows) row.hidden = !offered.has(row.dataset.arDrRuntime);
    const fitting = schema.runtimes.filter((r) => core.fits(r, state, schema)).length;
    const text = state.targets.length || state.hardware.length
      ? `${fitting} of ${schema.runtimes.length} runtimes fit the chosen deployment patterns and hardware.`
      : `${schema.runtimes.length} runtimes; choose deployment patterns or hardware to narrow them.`;
    if (text !== lastCount) count.textContent = lastCount = text;
    markdown = core.toMarkdown(state, schema, siteRoot);
    markdownBox.value = markdown;
    linkBox.value = `${pageUrl()}#${core.encodeFragment(state, schema)}`;
    mirror();
    if (save) {
      try {
        const store = storage();
        if (store) store.setItem(draftKey, JSON.stringify(state));
      } catch (error) {
        console.warn(LOG, "the draft could not be kept", error);
      }
    }
  }

  function load(next, message) {
    fill(next);
    update();
    say(message);
  }

  // Start: a link's record, else the draft, else a new record; then ?runtime= / ?pattern=.
  const store = storage();
  const fromLink = core.decodeFragment(location.hash, schema);
  let draft = null;
  try {
    draft = store && store.getItem(draftKey) ? core.normalizeState(JSON.parse(store.getItem(draftKey)), schema) : null;
  } catch {
    draft = null;
  }
  const messages = [];
  let start = fromLink || draft || core.emptyState(schema, core.today());
  if (fromLink) {
    messages.push(draft && !core.isEmpty(draft, schema)
      ? "Loaded the record from the link; it replaced the draft kept in this browser."
      : "Loaded the record from the link.");
  } else if (location.hash.includes(`${core.FRAGMENT_KEY}=`)) {
    messages.push("The link's record is damaged or from another version and was not loaded.");
  } else if (draft && !core.isEmpty(draft, schema)) {
    messages.push("Your draft from this browser is back.");
  }
  if (!start.date) start.date = core.today();
  if (location.search) {
    const before = start;
    const { state: withQuery, unknown } = core.applyQuery(start, location.search, schema);
    start = withQuery;
    const names = (list, slugs, field) => list.filter((e) => slugs.includes(e.slug)).map((e) => e[field]).join(", ");
    const runtimes = withQuery.runtimes.filter((s) => !before.runtimes.includes(s));
    const patterns = withQuery.patterns.filter((s) => !before.patterns.includes(s));
    if (runtimes.length) messages.push(`Added ${names(schema.runtimes, runtimes, "name")} to the candidate runtimes.`);
    if (patterns.length) messages.push(`Added ${names(schema.patterns, patterns, "title")} to the pattern pages relied on.`);
    if (unknown.length) messages.push(`Not on this site: ${unknown.join(", ")}.`);
  }
  fill(start);
  update();
  // The record is the draft now: a reload must not apply the link or the preselection again.
  if (store && (fromLink || location.search)) history.replaceState(history.state, "", location.pathname);
  if (messages.length) say(messages.join(" "));

  form.addEventListener("input", () => update());
  form.addEventListener("change", () => update());
  form.addEventListener("submit", (event) => event.preventDefault());

  window.addEventListener("hashchange", () => {
    if (!root.isConnected) return; // another page since (instant navigation)
    const next = core.decodeFragment(location.hash, schema);
    if (!next) return;
    load(next, "Loaded the record from the link.");
    history.replaceState(history.state, "", location.pathname + location.search);
  });

  function copy(text, done, box) {
    const fallback = () => {
      box.focus();
      box.select();
      say("Copying is not allowed here: the text is selected, press Ctrl+C (or ⌘C) to copy it.");
    };
    if (!navigator.clipboard || !window.isSecureContext) return fallback();
    navigator.clipboard.writeText(text).then(() => say(done), fallback);
  }

  function loadText(text, from) {
    const trimmed = text.trim();
    if (!trimmed) return say("Paste a record's Markdown or its link first.");
    if (!trimmed.startsWith("#") && trimmed.includes(`#${core.FRAGMENT_KEY}=`)) {
      const next = core.decodeFragment(trimmed, schema);
      return next ? load(next, `Loaded the record from ${from}.`) : say("That link's record is damaged and was not loaded.");
    }
    const { state: next, warnings } = core.parseMarkdown(trimmed, schema);
    if (!next) return say(warnings.join(" "));
    load(next, [`Loaded the record from ${from}.`, ...warnings].join(" "));
  }

  const actions = {
    copy: () => copy(markdown, "Copied the Markdown record.", markdownBox),
    link: () => copy(linkBox.value, "Copied the shareable link.", linkBox),
    download: () => {
      const name = core.fileName(state);
      const url = URL.createObjectURL(new Blob([markdown], { type: "text/markdown;charset=utf-8" }));
      const a = el("a", { href: url, download: name, hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 1000);
      say(`Downloaded ${name}.`);
    },
    print: () => window.print(),
    reset: () => {
      if (!window.confirm("Clear every field of this record? The draft in this browser is cleared too.")) return;
      try {
        if (store) store.removeItem(draftKey);
      } catch {
        // nothing kept, nothing to clear
      }
      history.replaceState(history.state, "", location.pathname);
      load(core.emptyState(schema, core.today()), "Started a new record.");
    },
    load: () => loadText(paste.value, "the pasted text"),
  };
  root.addEventListener("click", (event) => {
    const button = event.target.closest("[data-ar-dr-action]");
    if (!button || !root.contains(button)) return;
    const action = actions[button.dataset.arDrAction];
    if (action) action();
  });
  $("[data-ar-dr-file]").addEventListener("change", (event) => {
    const file = event.target.files && event.target.files[0];
    if (!file) return;
    file.text().then((text) => loadText(text, file.name), (error) => say(`The file could not be read (${error.message}).`));
  });
}

onPage(init);
