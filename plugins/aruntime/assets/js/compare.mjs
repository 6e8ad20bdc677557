// Side-by-side comparison of 2-4 runtimes named in the URL: ?r=a,b,c
// (also accepts ?r=a&r=b from the no-JavaScript form). The limits, rows and
// labels come from the client contract the build writes
// (plugins/aruntime/client_contract.py); entry links from each runtime's
// `path` in runtimes.json, resolved against the site root.
import { el, onPage, claim } from "./dom.mjs";

export function selectedSlugs(search) {
  const params = new URLSearchParams(search);
  const slugs = params.getAll("r").flatMap((v) => v.split(",")).map((s) => s.trim()).filter(Boolean);
  return [...new Set(slugs)];
}

const LINK_FIELDS = new Set(["homepage", "repository"]);

/** [label, runtime -> cell content] per row of the contract's comparison fields. */
export function fields(contract) {
  const labels = contract.labels;
  return contract.compare.fields.map(({ key, label, vocabulary }) => {
    const word = (v) => (vocabulary && labels[vocabulary] && labels[vocabulary][v]) || v;
    return [label, (r) => {
      const value = r[key];
      if (value == null || value === "" || (Array.isArray(value) && !value.length)) return "—";
      if (LINK_FIELDS.has(key)) return el("a", { href: value, rel: "noopener" }, value);
      return Array.isArray(value) ? value.map(word).join(", ") : word(value);
    }];
  });
}

function init() {
  const root = claim("[data-ar-compare]");
  if (!root) return;
  const status = root.querySelector("[data-ar-compare-status]");
  const target = root.querySelector("[data-ar-compare-table]");
  const form = root.querySelector("[data-ar-compare-form]");
  const siteRoot = new URL(root.dataset.arRoot, location.href);
  let data = null;
  let contract = null;

  function render() {
    const wanted = selectedSlugs(location.search);
    for (const box of form.querySelectorAll("input[name=r]")) box.checked = wanted.includes(box.value);
    target.replaceChildren();
    const unknown = wanted.filter((s) => !data.has(s));
    const { min: MIN, max: MAX } = contract.compare;
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
      runtimes.map((r) => el("th", { scope: "col" }, el("a", { href: new URL(r.path, siteRoot).href }, r.name))));
    const body = fields(contract).map(([name, value]) =>
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
  const getJSON = (url) => fetch(url).then((response) => {
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
  });
  Promise.all([getJSON(root.dataset.src), getJSON(new URL("assets/aruntime/contract.json", siteRoot))])
    .then(([json, terms]) => {
      contract = terms;
      data = new Map(json.entries.map((r) => [r.slug, r]));
      render();
    })
    .catch((error) => {
      status.textContent = `The runtime data could not be loaded (${error.message}).`;
      console.warn("[aruntime compare]", error);
    });
}

onPage(init);
