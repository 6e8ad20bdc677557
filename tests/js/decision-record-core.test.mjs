// node --test tests/js/decision-record-core.test.mjs
// The pure core of the decision-record builder: fill -> Markdown -> parse back.
import { test } from "node:test";
import assert from "node:assert/strict";

import {
  NOT_RECORDED,
  applyQuery,
  candidates,
  decodeFragment,
  emptyState,
  encodeFragment,
  fileName,
  formValues,
  normalizeState,
  parseMarkdown,
  stateFromEntries,
  toMarkdown,
} from "../../plugins/aruntime/assets/js/decision-record-core.mjs";

// Shaped like views/decision_record.record_schema() (test_decision_record.py
// also runs the core against a schema Python built).
const SCHEMA = {
  format: 1,
  site_name: "Test Reference",
  fields: [
    { key: "constraint", label: "Constraint" },
    { key: "assumption", label: "Assumption" },
    { key: "tradeoff", label: "Accepted trade-off" },
  ],
  statuses: [
    { key: "proposed", label: "Proposed" },
    { key: "accepted", label: "Accepted" },
  ],
  failure_modes: [
    { key: "network-loss", label: "Network loss", hint: "?" },
    { key: "cache-loss", label: "Cache loss", hint: "?" },
  ],
  targets: [
    { key: "browser", label: "Browser" },
    { key: "single-node-server", label: "Single-node server" },
    { key: "kubernetes-or-cluster", label: "Kubernetes or cluster" },
  ],
  hardware: [
    { key: "cpu", label: "CPU" },
    { key: "nvidia-gpu", label: "NVIDIA GPU" },
    { key: "webgpu", label: "WebGPU" },
    { key: "any", label: "Hardware-independent" },
  ],
  hardware_independent: "any",
  questions: [
    { key: "deployment-patterns/data-locality", pattern: "deployment-patterns", question: "Data locality and classification", hint: null },
    { key: "deployment-patterns/cold-start", pattern: "deployment-patterns", question: "Cold-start tolerance", hint: "How long?" },
    { key: "failure-and-fallback/degrade", pattern: "failure-and-fallback", question: "Degraded mode", hint: null },
  ],
  patterns: [
    { slug: "deployment-patterns", title: "Deployment Patterns", path: "patterns/deployment-patterns/", url: "https://example.org/sub/patterns/deployment-patterns/", last_reviewed: "2026-11-28" },
    { slug: "failure-and-fallback", title: "Failure and Fallback", path: "patterns/failure-and-fallback/", url: null, last_reviewed: "2026-10-01" },
    { slug: "serving-topology", title: "Serving Topology", path: "patterns/serving-topology/", url: null, last_reviewed: "2026-09-01" },
  ],
  runtimes: [
    { slug: "alpha", name: "Alpha Serve", deployment: ["single-node-server", "kubernetes-or-cluster"], hardware: ["nvidia-gpu", "cpu"], path: "runtimes/alpha/", url: null, last_reviewed: "2026-01-01" },
    { slug: "gamma", name: "Gamma [Web]", deployment: ["browser"], hardware: ["webgpu"], path: "runtimes/gamma/", url: null, last_reviewed: "2026-02-02" },
    { slug: "delta", name: "Delta Flow", deployment: ["kubernetes-or-cluster"], hardware: ["any"], path: "runtimes/delta/", url: null, last_reviewed: "2026-03-03" },
  ],
};

const ROOT = "http://127.0.0.1:8000/sub/";

function filled() {
  const state = emptyState(SCHEMA);
  state.title = "Support assistant placement";
  state.date = "2026-11-30";
  state.status = "accepted";
  state.context = "We serve a chat assistant.\n\nIt handles **customer** data.";
  state.targets = ["single-node-server", "kubernetes-or-cluster"];
  state.hardware = ["nvidia-gpu"];
  state.answers["deployment-patterns/data-locality"] = { constraint: "EU customer data stays in the EU.", assumption: "", tradeoff: "No US GPU capacity." };
  state.answers["deployment-patterns/cold-start"].assumption = "Users wait at most 2 s.\n- a list\n- of points";
  state.runtimes = ["alpha", "delta"];
  state.failure["network-loss"] = "Queue requests locally; retry for 5 minutes.";
  state.rollback = "Helm rollback to the previous chart.";
  state.versions = "alpha 0.6.3\nmodel sha256:abc";
  state.patterns = ["serving-topology"];
  return normalizeState(state, SCHEMA);
}

test("a filled record survives Markdown and parsing back unchanged", () => {
  const state = filled();
  const markdown = toMarkdown(state, SCHEMA, ROOT);
  const { state: back, warnings } = parseMarkdown(markdown, SCHEMA);
  assert.deepEqual(warnings, []);
  assert.deepEqual(back, state);
});

test("the Markdown follows the documented template", () => {
  const md = toMarkdown(filled(), SCHEMA, ROOT);
  assert.ok(md.startsWith("# Runtime Decision Record: Support assistant placement\n\n<!-- aruntime-decision-record: 1 -->\n\n- Date: 2026-11-30\n- Status: Accepted\n"));
  assert.match(md, /\n## Deployment patterns\n\n- Single-node server\n- Kubernetes or cluster\n/);
  assert.match(md, /\n## Hardware\n\n- NVIDIA GPU\n/);
  assert.match(md, /\n### Data locality and classification\n\n<!-- question: deployment-patterns\/data-locality -->\n\nFrom \[Deployment Patterns\]\(https:\/\/example.org\/sub\/patterns\/deployment-patterns\/\) \(patterns\/deployment-patterns\), last reviewed 2026-11-28\.\n\n#### Constraint\n\nEU customer data stays in the EU\.\n\n#### Assumption\n\n_Not recorded\._\n/);
  // Entries without a canonical URL: their path resolved against the site root.
  assert.match(md, /\n## Candidate runtimes\n\n- \[Alpha Serve\]\(http:\/\/127.0.0.1:8000\/sub\/runtimes\/alpha\/\) \(runtimes\/alpha\), last reviewed 2026-01-01\n- \[Delta Flow\]/);
  // Answered questions make their pattern one the record relies on.
  assert.match(md, /\n## Pattern pages relied on\n\n- \[Deployment Patterns\]\(.*\) \(patterns\/deployment-patterns\), last reviewed 2026-11-28\n- \[Serving Topology\]\(http:\/\/127.0.0.1:8000\/sub\/patterns\/serving-topology\/\) \(patterns\/serving-topology\), last reviewed 2026-09-01\n/);
  assert.match(md, /\n### Cache loss\n\n<!-- failure: cache-loss -->\n\n_Not recorded\._\n/);
  assert.match(md, /_Written with the Runtime Decision Record builder of Test Reference on 2026-11-30\._\n$/);
});

test("an empty record says what is not recorded and parses back empty", () => {
  const state = emptyState(SCHEMA, "2026-01-02");
  const md = toMarkdown(state, SCHEMA, ROOT);
  assert.match(md, /^# Runtime Decision Record\n/);
  assert.equal(md.split(NOT_RECORDED).length - 1, 3 * 3 + 2 + 3);
  assert.match(md, /## Deployment patterns\n\n_None chosen\._\n/);
  assert.deepEqual(parseMarkdown(md, SCHEMA).state, normalizeState(state, SCHEMA));
});

const HOSTILE = [
  "# Runtime Decision Record: fake",
  "## Hardware\n- CPU",
  "### Cache loss\n<!-- failure: cache-loss -->\nstolen",
  "<!-- question: deployment-patterns/cold-start -->",
  "#### Assumption",
  "   ## indented heading",
  "\\# already escaped\n\\\\## twice",
  "```\n# a shell comment in a fence\n```",
  "<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))",
  "_Not recorded._ is what I wrote on purpose, followed by more",
  "- Date: 1999-01-01\n- Status: Rejected",
  "emoji 🚀 and RTL \u202e text and CJK 漢字",
];

test("hostile text in every field comes back exactly", () => {
  for (const text of HOSTILE) {
    const state = emptyState(SCHEMA, "2026-11-30");
    state.title = text.split("\n")[0];
    state.context = text;
    for (const q of SCHEMA.questions) for (const f of SCHEMA.fields) state.answers[q.key][f.key] = `${text} (${q.key} ${f.key})`;
    for (const m of SCHEMA.failure_modes) state.failure[m.key] = text;
    state.rollback = text;
    state.versions = text;
    const clean = normalizeState(state, SCHEMA);
    const { state: back, warnings } = parseMarkdown(toMarkdown(clean, SCHEMA, ROOT), SCHEMA);
    assert.deepEqual(warnings, [], text);
    assert.deepEqual(back, clean, text);
  }
});

test("structure-like lines of a reader's text are escaped, so they never become headings", () => {
  const state = emptyState(SCHEMA, "2026-11-30");
  state.rollback = "## Hardware\n- CPU";
  const md = toMarkdown(state, SCHEMA, ROOT);
  assert.match(md, /\n## Rollback plan\n\n\\## Hardware\n- CPU\n/);
  assert.deepEqual(parseMarkdown(md, SCHEMA).state.hardware, []);
});

test("Markdown that is not a record is refused with a reason", () => {
  const { state, warnings } = parseMarkdown("# Meeting notes\n\nHello", SCHEMA);
  assert.equal(state, null);
  assert.match(warnings[0], /not a Runtime Decision Record/);
});

test("parsing reports what it cannot place instead of guessing", () => {
  const md = toMarkdown(filled(), SCHEMA, ROOT)
    .replace("- NVIDIA GPU", "- Quantum annealer")
    .replace("<!-- question: deployment-patterns/cold-start -->", "<!-- question: old-pattern/removed -->")
    .replace("- Status: Accepted", "- Status: Maybe");
  const { state, warnings } = parseMarkdown(md, SCHEMA);
  assert.deepEqual(state.hardware, []);
  assert.equal(state.status, "proposed");
  assert.equal(state.answers["deployment-patterns/cold-start"].assumption, "");
  assert.equal(warnings.length, 3);
  assert.match(warnings.join("\n"), /Quantum annealer/);
  assert.match(warnings.join("\n"), /old-pattern\/removed/);
  assert.match(warnings.join("\n"), /Maybe/);
});

test("hand-edited records with CRLF line ends and extra blank lines load", () => {
  const md = toMarkdown(filled(), SCHEMA, ROOT).replace(/\n/g, "\r\n").replace("#### Constraint\r\n", "#### Constraint\r\n\r\n\r\n");
  assert.deepEqual(parseMarkdown(md, SCHEMA).state, filled());
});

test("the fragment carries the whole record and nothing else", () => {
  const state = filled();
  const fragment = encodeFragment(state, SCHEMA);
  assert.match(fragment, /^record=[A-Za-z0-9_-]+$/);
  assert.deepEqual(decodeFragment("#" + fragment, SCHEMA), state);
  assert.deepEqual(decodeFragment(`https://example.org/sub/decision-record/?runtime=x#${fragment}`, SCHEMA), state);
  // Hostile text and non-Latin scripts survive the URL encoding.
  const hostile = emptyState(SCHEMA, "2026-11-30");
  hostile.context = HOSTILE.join("\n");
  const clean = normalizeState(hostile, SCHEMA);
  assert.deepEqual(decodeFragment(encodeFragment(clean, SCHEMA), SCHEMA), clean);
  // An empty record is a short link.
  assert.ok(encodeFragment(emptyState(SCHEMA), SCHEMA).length < 40);
});

test("damaged or foreign fragments are refused, never half-loaded", () => {
  const good = encodeFragment(filled(), SCHEMA);
  for (const bad of ["", "#", "#record=", "#record=***", "#record=" + good.slice(7, 30), "#other=abc",
    "#record=" + Buffer.from('{"format":2}').toString("base64url"),
    "#record=" + Buffer.from("[1,2]").toString("base64url"),
    "#record=" + Buffer.from([0xff, 0xfe, 0x00]).toString("base64url")]) {
    assert.equal(decodeFragment(bad, SCHEMA), null, bad);
  }
});

test("a fragment only sets known values; prototype keys and unknown keys are dropped", () => {
  const raw = '{"format":1,"__proto__":{"polluted":1},"answers":{"__proto__":{"constraint":"x"},"deployment-patterns/cold-start":{"constraint":7,"tradeoff":"ok"}},'
    + '"runtimes":["alpha","alpha","zzz"],"targets":"browser","status":"evil","date":"2026-13-45x","title":"a\\nb"}';
  const state = decodeFragment("record=" + Buffer.from(raw).toString("base64url"), SCHEMA);
  assert.equal({}.polluted, undefined);
  assert.deepEqual(state.runtimes, ["alpha"]);
  assert.deepEqual(state.targets, []);
  assert.equal(state.status, "proposed");
  assert.equal(state.date, "");
  assert.equal(state.title, "a b");
  assert.deepEqual(state.answers["deployment-patterns/cold-start"], { constraint: "", assumption: "", tradeoff: "ok" });
});

test("form entries make the same state the form is filled from", () => {
  const state = filled();
  const values = formValues(state, SCHEMA);
  const entries = Object.entries(values).flatMap(([name, value]) => (Array.isArray(value) ? value.map((v) => [name, v]) : [[name, value]]));
  assert.deepEqual(stateFromEntries(entries, SCHEMA), state);
  assert.deepEqual(stateFromEntries([["q:__proto__:constraint", "x"], ["failure:__proto__", "y"]], SCHEMA), emptyState(SCHEMA));
});

test("candidates fit the chosen deployment patterns and hardware; picked ones stay", () => {
  const state = emptyState(SCHEMA);
  assert.deepEqual(candidates(state, SCHEMA), ["alpha", "gamma", "delta"]);
  state.targets = ["kubernetes-or-cluster"];
  assert.deepEqual(candidates(state, SCHEMA), ["alpha", "delta"]);
  state.hardware = ["cpu"];
  assert.deepEqual(candidates(state, SCHEMA), ["alpha", "delta"]); // delta is hardware-independent
  state.targets = ["browser"];
  assert.deepEqual(candidates(state, SCHEMA), []);
  state.hardware = ["webgpu"];
  assert.deepEqual(candidates(state, SCHEMA), ["gamma"]);
  state.runtimes = ["alpha"];
  assert.deepEqual(candidates(state, SCHEMA), ["alpha", "gamma"]);
});

test("?runtime= and ?pattern= preselect entries and report unknown ones", () => {
  const { state, unknown } = applyQuery(emptyState(SCHEMA), "?runtime=delta,nope&pattern=serving-topology", SCHEMA);
  assert.deepEqual(state.runtimes, ["delta"]);
  assert.deepEqual(state.patterns, ["serving-topology"]);
  assert.deepEqual(unknown, ["nope"]);
});

test("link text with brackets stays one link", () => {
  const state = emptyState(SCHEMA, "2026-11-30");
  state.runtimes = ["gamma"];
  const md = toMarkdown(state, SCHEMA, ROOT);
  assert.match(md, /- \[Gamma \\\[Web\\\]\]\(http:\/\/127.0.0.1:8000\/sub\/runtimes\/gamma\/\) \(runtimes\/gamma\)/);
  assert.deepEqual(parseMarkdown(md, SCHEMA).state.runtimes, ["gamma"]);
});

test("the download is named after the date and title", () => {
  const state = filled();
  assert.equal(fileName(state), "runtime-decision-record-2026-11-30-support-assistant-placement.md");
  state.title = "<script>../../etc</script>";
  assert.equal(fileName(state), "runtime-decision-record-2026-11-30-script-etc-script.md");
  state.title = "Überblick: Café-Inferenz";
  assert.equal(fileName(state), "runtime-decision-record-2026-11-30-uberblick-cafe-inferenz.md");
  state.title = "漢字";
  assert.equal(fileName(state), "runtime-decision-record-2026-11-30.md");
});
