// Side-by-side comparison of 2-4 runtimes named in the URL: ?r=a,b,c
// (also accepts ?r=a&r=b from the no-JavaScript form).
import { el, onPage, claim } from "./dom.mjs";

const MIN = 2;
const MAX = 4;

export function selectedSlugs(search) {
  const params = new URLSearchParams(search);
  const slugs = params.getAll("r").flatMap((v) => v.split(",")).map((s) => s.trim()).filter(Boolean);
  return [...new Set(slugs)];
}

function fields(labels) {
  const label = (vocab) => (key) => (labels[vocab] && labels[vocab][key]) || key;
  const joined = (values, map = (v) => v) => (values && values.length ? values.map(map).join(", ") : "—");
  const link = (url) => (url ? el("a", { href: url, rel: "noopener" }, url) : "—");
  return [
    ["Summary", (r) => r.summary],
    ["Category", (r) => label("runtime_category")(r.category)],
    ["Deployment targets", (r) => joined(r.deployment, label("deployment_target"))],
    ["Hardware", (r) => joined(r.hardware, label("hardware"))],
    ["License", (r) => r.license],
    ["Languages", (r) => joined(r.languages)],
    ["Model formats", (r) => joined(r.model_formats)],
    ["Capabilities", (r) => joined(r.capabilities, label("capability"))],
    ["Homepage", (r) => link(r.homepage)],
    ["Repository", (r) => link(r.repository)],
    ["Last reviewed", (r) => r.last_reviewed || "—"],
  ];
}

function init() {
  const root = claim("[data-ar-compare]");
  if (!root) return;
  const labels = JSON.parse(root.querySelector("[data-ar-labels]").textContent);
  const status = root.querySelector("[data-ar-compare-status]");
  const target = root.querySelector("[data-ar-compare-table]");
  const form = root.querySelector("[data-ar-compare-form]");
  const base = root.dataset.base;
  let data = null;

  function render() {
    const wanted = selectedSlugs(location.search);
    for (const box of form.querySelectorAll("input[name=r]")) box.checked = wanted.includes(box.value);
    target.replaceChildren();
    const unknown = wanted.filter((s) => !data.has(s));
    const chosen = wanted.filter((s) => data.has(s)).slice(0, MAX);
    const notes = [];
    if (unknown.length) notes.push(`Not in the directory: ${unknown.join(", ")}.`);
    if (wanted.filter((s) => data.has(s)).length > MAX) notes.push(`Only the first ${MAX} runtimes are compared.`);
    if (chosen.length < MIN) {
      status.textContent = [...notes, `Select at least ${MIN} runtimes to compare.`].join(" ");
      return;
    }
    status.textContent = [`Comparing ${chosen.length} runtimes.`, ...notes].join(" ");
    const runtimes = chosen.map((s) => data.get(s));
    const head = el("tr", {}, el("th", { scope: "col" }, "Field"),
      runtimes.map((r) => el("th", { scope: "col" }, el("a", { href: base + r.slug + "/" }, r.name))));
    const body = fields(labels).map(([name, value]) =>
      el("tr", {}, el("th", { scope: "row" }, name), runtimes.map((r) => el("td", {}, value(r)))));
    target.append(el("div", { class: "md-typeset__scrollwrap" }, el("div", { class: "md-typeset__table" },
      el("table", {}, el("thead", {}, head), el("tbody", {}, body)))));
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const slugs = [...form.querySelectorAll("input[name=r]:checked")].map((b) => b.value);
    history.pushState(null, "", location.pathname + (slugs.length ? "?r=" + slugs.map(encodeURIComponent).join(",") : ""));
    render();
  });
  window.addEventListener("popstate", () => data && render());

  status.textContent = "Loading runtimes…";
  fetch(root.dataset.src)
    .then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    })
    .then((json) => {
      data = new Map(json.entries.map((r) => [r.slug, r]));
      render();
    })
    .catch((error) => {
      status.textContent = `The runtime data could not be loaded (${error.message}).`;
      console.warn("[aruntime compare]", error);
    });
}

onPage(init);
