// Side-by-side comparison of the runtimes named in the URL: ?r=a,b,c (also
// ?r=a&r=b from the no-JavaScript form). Fields, labels and limits come from
// the contract; the runtimes from runtimes.json (its script twin offline).

import { el, fill, onPage, claim } from "./dom.mjs";
import { contract, loadData, siteUrl } from "./client.mjs";

export function selectedSlugs(search) {
  const params = new URLSearchParams(search);
  const slugs = params.getAll("r").flatMap((v) => v.split(",")).map((s) => s.trim()).filter(Boolean);
  return [...new Set(slugs)];
}

/** What to compare and what to tell the reader: {chosen, message}. */
export function selection(wanted, known, { min, max }) {
  const unknown = wanted.filter((s) => !known.has(s));
  const present = wanted.filter((s) => known.has(s));
  const chosen = present.slice(0, max);
  const notes = [];
  if (unknown.length) notes.push(`Not in the directory: ${unknown.join(", ")}.`);
  if (present.length > max) notes.push(`Only the first ${max} runtimes are compared.`);
  if (chosen.length < min) return { chosen: [], message: [...notes, `Select at least ${min} runtimes to compare.`].join(" ") };
  return { chosen, message: [`Comparing ${chosen.length} runtimes.`, ...notes].join(" ") };
}

/** The text (or link) of one field of one runtime. */
function value(field, runtime, labels) {
  const raw = runtime[field.key];
  const label = (v) => (field.vocabulary && labels[field.vocabulary] && labels[field.vocabulary][v]) || v;
  if (raw === undefined || raw === null || raw === "" || (Array.isArray(raw) && !raw.length)) return "—";
  if (Array.isArray(raw)) return raw.map(label).join(", ");
  if (/^https?:\/\//.test(String(raw)) && field.key !== "summary") return el("a", { href: raw, rel: "noopener" }, raw);
  return label(String(raw));
}

function table(runtimes) {
  const { compare, labels } = contract();
  const head = el("tr", {}, el("th", { scope: "col" }, "Field"), runtimes.map((r) => el("th", { scope: "col" }, el("a", { href: siteUrl(r.path) }, r.name))));
  const body = compare.fields.map((field) => el("tr", {}, el("th", { scope: "row" }, field.label), runtimes.map((r) => el("td", {}, value(field, r, labels)))));
  return el("div", { class: "ar-scroll ar-scroll--sticky", role: "region", tabindex: "0", "aria-label": "Comparison (scrolls sideways)" },
    el("table", { class: "ar-compare__table" }, el("thead", {}, head), el("tbody", {}, body)));
}

function start(root) {
  const status = root.querySelector("[data-ar-compare-status]");
  const target = root.querySelector("[data-ar-compare-table]");
  const form = root.querySelector("[data-ar-compare-form]");
  let data = null;
  const render = () => {
    const wanted = selectedSlugs(location.search);
    for (const box of form.querySelectorAll("input[name=r]")) box.checked = wanted.includes(box.value);
    const { chosen, message } = selection(wanted, data, contract().compare);
    status.textContent = message;
    fill(target, chosen.length ? table(chosen.map((s) => data.get(s))) : null);
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const slugs = [...form.querySelectorAll("input[name=r]:checked")].map((b) => b.value);
    history.pushState(null, "", location.pathname + (slugs.length ? "?r=" + slugs.map(encodeURIComponent).join(",") : ""));
    render();
  });
  const onPop = () => (root.isConnected ? data && render() : window.removeEventListener("popstate", onPop));
  window.addEventListener("popstate", onPop);
  status.textContent = "Loading runtimes…";
  loadData(contract().compare.data)
    .then((json) => {
      data = new Map(json.entries.map((r) => [r.slug, r]));
      render();
    })
    .catch((error) => {
      status.textContent = `The runtime data could not be loaded (${error.message}).`;
      console.warn("[aruntime compare]", error);
    });
}

onPage(() => {
  const root = claim("[data-ar-compare]");
  if (root) start(root);
});
