// Runtime Decision Record: pure functions, no DOM (decision-record.mjs is the
// glue). A record is a plain state object; the page's schema (built by
// views/decision_record.py, printed as JSON in the page) says which questions,
// patterns, hardware, runtimes and failure cases exist.
//
//   form entries --stateFromEntries--> state --toMarkdown--> Markdown
//   Markdown --parseMarkdown--> state;  state <--fragment--> "#record=..."
//
// The Markdown template is documented in maintainers/decision-record.md.
// Nothing here sends anything anywhere.

export const FORMAT = 1;
export const TITLE_PREFIX = "Runtime Decision Record";
export const MARKER = `<!-- aruntime-decision-record: ${FORMAT} -->`;
export const NOT_RECORDED = "_Not recorded._";
export const NONE_CHOSEN = "_None chosen._";
export const FRAGMENT_KEY = "record";
export const SECTIONS = {
  context: "Context",
  targets: "Deployment patterns",
  hardware: "Hardware",
  questions: "Placement decisions",
  runtimes: "Candidate runtimes",
  failure: "Failure and fallback",
  rollback: "Rollback plan",
  versions: "Pinned versions",
  patterns: "Pattern pages relied on",
};
const QUESTION_MARK = /^<!-- question: ([a-z0-9-]+\/[a-z0-9-]+) -->$/;
const FAILURE_MARK = /^<!-- failure: ([a-z0-9-]+) -->$/;
const REF = /\((runtimes|patterns)\/([a-z0-9]+(?:-[a-z0-9]+)*)\)/g;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TEXT_LIMIT = 20000; // characters per text field, so a hostile link cannot grow without bound

// --- text ---------------------------------------------------------------

/** Field text as a record keeps it: LF line ends, no blank lines around, bounded. */
export function cleanText(value) {
  if (typeof value !== "string") return "";
  return value
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "")
    .replace(/^(?:[ \t]*\n)+/, "")
    .replace(/(?:\n[ \t]*)+$/, "")
    .replace(/^[ \t]+$/, "")
    .slice(0, TEXT_LIMIT);
}

/** One line of text (title): whitespace runs become one space. */
export function cleanLine(value) {
  return cleanText(value).replace(/\s+/g, " ").trim();
}

// A line of a reader's text that could read as structure (a heading or one of
// the record's markers) gets one backslash in front; parsing removes it. In
// rendered Markdown "\#" shows as "#", so the record reads the same.
const STRUCTURAL = /^([ \t]*)(\\*(?:#|<!--))/;
const ESCAPED = /^([ \t]*)\\(\\*(?:#|<!--))/;

export function escapeBody(text) {
  return text.split("\n").map((line) => line.replace(STRUCTURAL, "$1\\$2")).join("\n");
}

export function unescapeBody(text) {
  return text.split("\n").map((line) => line.replace(ESCAPED, "$1$2")).join("\n");
}

// --- state --------------------------------------------------------------

export function today(now = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** An empty record for this schema. */
export function emptyState(schema, date = "") {
  const answers = {};
  for (const q of schema.questions) answers[q.key] = Object.fromEntries(schema.fields.map((f) => [f.key, ""]));
  return {
    format: FORMAT,
    title: "",
    date,
    status: schema.statuses[0].key,
    context: "",
    targets: [],
    hardware: [],
    answers,
    runtimes: [],
    failure: Object.fromEntries(schema.failure_modes.map((m) => [m.key, ""])),
    rollback: "",
    versions: "",
    patterns: [],
  };
}

function keysOf(list) {
  return list.map((item) => item.key || item.slug);
}

/** Only known values, in the schema's order, each once. */
function known(values, allowed) {
  const wanted = new Set(Array.isArray(values) ? values.filter((v) => typeof v === "string") : []);
  return allowed.filter((v) => wanted.has(v));
}

/** Any object (a parsed link, a draft, a hand-made JSON) made into a valid state for ``schema``. */
export function normalizeState(raw, schema) {
  const state = emptyState(schema);
  if (!raw || typeof raw !== "object") return state;
  state.title = cleanLine(raw.title);
  state.date = typeof raw.date === "string" && DATE.test(raw.date) ? raw.date : "";
  state.status = keysOf(schema.statuses).includes(raw.status) ? raw.status : state.status;
  state.context = cleanText(raw.context);
  state.targets = known(raw.targets, keysOf(schema.targets));
  state.hardware = known(raw.hardware, keysOf(schema.hardware));
  state.runtimes = known(raw.runtimes, keysOf(schema.runtimes));
  const answers = raw.answers && typeof raw.answers === "object" ? raw.answers : {};
  for (const key of Object.keys(state.answers)) {
    const given = Object.prototype.hasOwnProperty.call(answers, key) ? answers[key] : null;
    if (!given || typeof given !== "object") continue;
    for (const field of Object.keys(state.answers[key])) state.answers[key][field] = cleanText(given[field]);
  }
  const failure = raw.failure && typeof raw.failure === "object" ? raw.failure : {};
  for (const key of Object.keys(state.failure)) {
    if (Object.prototype.hasOwnProperty.call(failure, key)) state.failure[key] = cleanText(failure[key]);
  }
  state.rollback = cleanText(raw.rollback);
  state.versions = cleanText(raw.versions);
  // A pattern whose questions are answered is relied on.
  const answered = schema.questions.filter((q) => Object.values(state.answers[q.key]).some(Boolean)).map((q) => q.pattern);
  state.patterns = known([...(Array.isArray(raw.patterns) ? raw.patterns : []), ...answered], keysOf(schema.patterns));
  return state;
}

/** The state of a filled form, from its [name, value] entries (FormData). */
export function stateFromEntries(entries, schema) {
  const raw = { answers: Object.create(null), failure: Object.create(null), targets: [], hardware: [], runtimes: [], patterns: [] };
  const lists = { target: "targets", hardware: "hardware", runtime: "runtimes", pattern: "patterns" };
  for (const [name, value] of entries) {
    if (typeof value !== "string") continue;
    if (name in lists) raw[lists[name]].push(value);
    else if (name.startsWith("q:")) {
      const cut = name.lastIndexOf(":");
      const key = name.slice(2, cut);
      (raw.answers[key] ||= {})[name.slice(cut + 1)] = value;
    } else if (name.startsWith("failure:")) raw.failure[name.slice(8)] = value;
    else if (["title", "date", "status", "context", "rollback", "versions"].includes(name)) raw[name] = value;
  }
  return normalizeState(raw, schema);
}

/** Form control name -> value (text) or values (checkbox groups), to fill a form from a state. */
export function formValues(state, schema) {
  const out = {
    title: state.title, date: state.date, status: state.status, context: state.context,
    rollback: state.rollback, versions: state.versions,
    target: state.targets, hardware: state.hardware, runtime: state.runtimes, pattern: state.patterns,
  };
  for (const q of schema.questions) for (const f of schema.fields) out[`q:${q.key}:${f.key}`] = state.answers[q.key][f.key];
  for (const m of schema.failure_modes) out[`failure:${m.key}`] = state.failure[m.key];
  return out;
}

export function isEmpty(state, schema) {
  return JSON.stringify(normalizeState(state, schema)) === JSON.stringify(emptyState(schema));
}

// --- candidates -----------------------------------------------------------

/** Does a runtime fit the chosen deployment patterns and hardware? (none chosen: anything fits) */
export function fits(runtime, state, schema) {
  const target = !state.targets.length || runtime.deployment.some((k) => state.targets.includes(k));
  const hardware =
    !state.hardware.length ||
    runtime.hardware.includes(schema.hardware_independent) ||
    runtime.hardware.some((k) => state.hardware.includes(k));
  return target && hardware;
}

/** Slugs of the runtimes to offer: those that fit, plus those already picked. */
export function candidates(state, schema) {
  return schema.runtimes.filter((r) => fits(r, state, schema) || state.runtimes.includes(r.slug)).map((r) => r.slug);
}

/** Patterns a record relies on (normalizeState adds those whose questions it answers). */
export function reliedPatterns(state, schema) {
  return schema.patterns.filter((p) => state.patterns.includes(p.slug));
}

// --- Markdown ---------------------------------------------------------------

/** Absolute link of an entry: its canonical URL, or its path resolved against the site root. */
export function entryUrl(entry, siteRoot) {
  if (entry.url) return entry.url;
  return siteRoot ? new URL(entry.path, siteRoot).href : entry.path;
}

function labelOf(list, key) {
  const item = list.find((i) => i.key === key);
  return item ? item.label : key;
}

// Link text: brackets would end the link early.
function linkText(text) {
  return text.replace(/([\\[\]])/g, "\\$1");
}

function linkTarget(url) {
  return url.replace(/[\s()<>]/g, (c) => encodeURIComponent(c));
}

function body(text) {
  return text ? escapeBody(text) : NOT_RECORDED;
}

/** The record as Markdown (maintainers/decision-record.md documents the template). */
export function toMarkdown(input, schema, siteRoot = "") {
  const state = normalizeState(input, schema);
  const date = state.date || today();
  const out = [];
  const para = (...lines) => out.push(...lines, "");
  const list = (items) => para(...(items.length ? items.map((i) => `- ${i}`) : [NONE_CHOSEN]));
  const entryLine = (entry, name, collection) =>
    `[${linkText(name)}](${linkTarget(entryUrl(entry, siteRoot))}) (${collection}/${entry.slug}), last reviewed ${entry.last_reviewed || "unknown"}`;

  para(state.title ? `# ${TITLE_PREFIX}: ${escapeBody(state.title)}` : `# ${TITLE_PREFIX}`);
  para(MARKER);
  para(`- Date: ${date}`, `- Status: ${labelOf(schema.statuses, state.status)}`);
  para(`## ${SECTIONS.context}`);
  para(body(state.context));
  para(`## ${SECTIONS.targets}`);
  list(state.targets.map((k) => labelOf(schema.targets, k)));
  para(`## ${SECTIONS.hardware}`);
  list(state.hardware.map((k) => labelOf(schema.hardware, k)));
  para(`## ${SECTIONS.questions}`);
  for (const q of schema.questions) {
    const pattern = schema.patterns.find((p) => p.slug === q.pattern);
    para(`### ${escapeBody(q.question)}`);
    para(`<!-- question: ${q.key} -->`);
    if (pattern) para(`From ${entryLine(pattern, pattern.title, "patterns")}.`);
    for (const f of schema.fields) {
      para(`#### ${f.label}`);
      para(body(state.answers[q.key][f.key]));
    }
  }
  para(`## ${SECTIONS.runtimes}`);
  list(state.runtimes.map((slug) => schema.runtimes.find((r) => r.slug === slug)).map((r) => entryLine(r, r.name, "runtimes")));
  para(`## ${SECTIONS.failure}`);
  for (const m of schema.failure_modes) {
    para(`### ${m.label}`);
    para(`<!-- failure: ${m.key} -->`);
    para(body(state.failure[m.key]));
  }
  para(`## ${SECTIONS.rollback}`);
  para(body(state.rollback));
  para(`## ${SECTIONS.versions}`);
  para(body(state.versions));
  para(`## ${SECTIONS.patterns}`);
  list(reliedPatterns(state, schema).map((p) => entryLine(p, p.title, "patterns")));
  const site = schema.site_name ? ` of ${schema.site_name}` : "";
  out.push(`_Written with the Runtime Decision Record builder${site} on ${date}._`);
  return out.join("\n") + "\n";
}

/** A state from a record's Markdown: {state, warnings}. Unknown parts are reported, never guessed. */
export function parseMarkdown(text, schema) {
  const warnings = [];
  const raw = { answers: Object.create(null), failure: Object.create(null), targets: [], hardware: [], runtimes: [], patterns: [] };
  const lines = String(text || "").replace(/\r\n?/g, "\n").split("\n");
  const h1 = lines.findIndex((l) => l.startsWith("# "));
  if (h1 < 0 || !(lines[h1] === `# ${TITLE_PREFIX}` || lines[h1].startsWith(`# ${TITLE_PREFIX}: `))) {
    return { state: null, warnings: [`This is not a ${TITLE_PREFIX}: it does not start with “# ${TITLE_PREFIX}”.`] };
  }
  raw.title = unescapeBody(lines[h1].slice(`# ${TITLE_PREFIX}: `.length));
  const sectionKey = Object.fromEntries(Object.entries(SECTIONS).map(([k, v]) => [v, k]));
  const fieldKey = Object.fromEntries(schema.fields.map((f) => [f.label, f.key]));
  const questionKeys = new Set(schema.questions.map((q) => q.key));
  const failureKeys = new Set(schema.failure_modes.map((m) => m.key));
  let section = "head";
  let question = null; // key of the current question, or "" for an unknown one
  let field = null;
  let failure = null;
  let buffer = [];
  const target = () => {
    if (section === "questions" && question && field) return ["answer", question, field];
    if (section === "failure" && failure) return ["failure", failure];
    if (["context", "rollback", "versions"].includes(section)) return ["text", section];
    return null;
  };
  let current = null;
  const flush = () => {
    if (current) {
      const value = cleanText(unescapeBody(buffer.join("\n")));
      const text = value === NOT_RECORDED ? "" : value;
      if (current[0] === "answer") (raw.answers[current[1]] ||= {})[current[2]] = text;
      else if (current[0] === "failure") raw.failure[current[1]] = text;
      else raw[current[1]] = text;
    }
    buffer = [];
    current = target();
  };
  const listItem = (line, labels) => {
    const item = line.match(/^[-*] (.*)$/);
    if (!item) return;
    const ref = [...item[1].matchAll(REF)].pop(); // the last: a name could hold a look-alike
    if (labels === "runtimes" || labels === "patterns") {
      if (ref && ref[1] === labels) raw[labels].push(ref[2]);
      else warnings.push(`Not an entry of ${SECTIONS[labels]}: “${item[1]}”.`);
      return;
    }
    const list = schema[labels];
    const text = item[1].trim().toLowerCase();
    const found = list.find((v) => v.label.toLowerCase() === text || v.key === text);
    if (found) raw[labels].push(found.key);
    else warnings.push(`Unknown ${SECTIONS[labels].toLowerCase()} entry: “${item[1]}”.`);
  };
  for (let i = h1 + 1; i < lines.length; i++) {
    const line = lines[i];
    const heading = line.match(/^(#{2,4}) (.*)$/);
    if (heading) {
      const level = heading[1].length;
      const title = heading[2].trim();
      if (level === 2) {
        section = sectionKey[title] || "unknown";
        if (section === "unknown") warnings.push(`Unknown section “${title}” was not loaded.`);
        question = field = failure = null;
      } else if (level === 3) {
        question = section === "questions" ? "" : null;
        failure = null;
        field = null;
      } else if (level === 4 && section === "questions") {
        field = fieldKey[title] || null;
        if (!field) warnings.push(`Unknown answer field “${title}” was not loaded.`);
      }
      flush();
      continue;
    }
    const mark = line.match(QUESTION_MARK) || line.match(FAILURE_MARK);
    if (mark && buffer.every((l) => !l.trim())) {
      if (section === "questions" && QUESTION_MARK.test(line)) {
        question = questionKeys.has(mark[1]) ? mark[1] : "";
        if (!question) warnings.push(`The question “${mark[1]}” is not asked on this site any more; its answers were not loaded.`);
      } else if (section === "failure" && FAILURE_MARK.test(line)) {
        failure = failureKeys.has(mark[1]) ? mark[1] : null;
        if (!failure) warnings.push(`The failure case “${mark[1]}” is not known here; its text was not loaded.`);
      }
      flush();
      continue;
    }
    if (section === "head") {
      const meta = line.match(/^- (Date|Status): (.*)$/);
      if (meta && meta[1] === "Date") raw.date = meta[2].trim();
      if (meta && meta[1] === "Status") {
        const status = schema.statuses.find((s) => s.label.toLowerCase() === meta[2].trim().toLowerCase());
        if (status) raw.status = status.key;
        else warnings.push(`Unknown status “${meta[2].trim()}”.`);
      }
    } else if (["targets", "hardware", "runtimes", "patterns"].includes(section)) {
      if (line.trim() && line.trim() !== NONE_CHOSEN) listItem(line, section);
    } else if (current) buffer.push(line);
  }
  flush();
  const state = normalizeState(raw, schema);
  if (raw.date && !state.date) warnings.push(`The date “${raw.date}” is not a date as YYYY-MM-DD.`);
  return { state, warnings };
}

// --- the link -------------------------------------------------------------

function toBase64Url(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Only the parts of a state that differ from empty (shorter links). */
function compact(state, schema) {
  const empty = emptyState(schema);
  const out = { format: FORMAT };
  for (const [key, value] of Object.entries(state)) {
    if (key === "answers") {
      const answers = {};
      for (const [q, fields] of Object.entries(value)) {
        const filled = Object.fromEntries(Object.entries(fields).filter(([, v]) => v));
        if (Object.keys(filled).length) answers[q] = filled;
      }
      if (Object.keys(answers).length) out.answers = answers;
    } else if (key === "failure") {
      const filled = Object.fromEntries(Object.entries(value).filter(([, v]) => v));
      if (Object.keys(filled).length) out.failure = filled;
    } else if (JSON.stringify(value) !== JSON.stringify(empty[key])) out[key] = value;
  }
  return out;
}

/** The fragment ("record=...") that carries the whole record. */
export function encodeFragment(state, schema) {
  const json = JSON.stringify(compact(normalizeState(state, schema), schema));
  return `${FRAGMENT_KEY}=${toBase64Url(new TextEncoder().encode(json))}`;
}

/** The record in a location hash or full link, or null when there is none or it is damaged. */
export function decodeFragment(hash, schema) {
  const text = String(hash || "");
  const at = text.indexOf("#");
  const fragment = at >= 0 ? text.slice(at + 1) : text;
  const params = new URLSearchParams(fragment);
  const value = params.get(FRAGMENT_KEY);
  if (!value || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  try {
    const raw = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(fromBase64Url(value)));
    if (!raw || typeof raw !== "object" || raw.format !== FORMAT) return null;
    return normalizeState(raw, schema);
  } catch {
    return null;
  }
}

/** ?runtime=a,b and ?pattern=c (from "Use in a decision record") added to a state. */
export function applyQuery(state, search, schema) {
  const params = new URLSearchParams(search);
  const values = (name) => params.getAll(name).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  const next = normalizeState(state, schema);
  next.runtimes = known([...next.runtimes, ...values("runtime")], keysOf(schema.runtimes));
  next.patterns = known([...next.patterns, ...values("pattern")], keysOf(schema.patterns));
  const unknown = [
    ...values("runtime").filter((s) => !next.runtimes.includes(s)),
    ...values("pattern").filter((s) => !next.patterns.includes(s)),
  ];
  return { state: next, unknown };
}

/** A file name for the downloaded record. */
export function fileName(state) {
  const slug = cleanLine(state.title).toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
  return `runtime-decision-record-${state.date || today()}${slug ? "-" + slug : ""}.md`;
}
