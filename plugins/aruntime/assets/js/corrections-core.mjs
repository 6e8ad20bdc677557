// Corrections: pure functions (no DOM). corrections.mjs is the DOM glue.
//
// Field ids are those of .github/ISSUE_TEMPLATE/correction.yml; each one is the
// URL parameter that prefills the GitHub issue form (GitHub docs, "Syntax for issue forms"). A test parses
// the template and the URL this module builds and checks they match.

export const FIELD_ORDER = [
  "page-url",
  "page-title",
  "section",
  "correction-type",
  "problem",
  "suggestion",
  "source-url",
  "contact",
  "last-reviewed",
  "source-file",
];

// Issue-form field id -> key of the JSON body POSTed to corrections_endpoint
// (documented in README, "Corrections"; mirrors maintenance.JSON_KEYS).
export const JSON_KEYS = {
  "page-url": "page_url",
  "page-title": "page_title",
  "section": "section",
  "correction-type": "kind",
  "problem": "text",
  "suggestion": "suggestion",
  "source-url": "source",
  "contact": "contact",
  "last-reviewed": "last_reviewed",
  "source-file": "source_file",
};

// What the reader types; these are kept as a draft.
export const DRAFT_FIELDS = ["section", "correction-type", "problem", "suggestion", "source-url", "contact"];
export const TYPED_FIELDS = ["problem", "suggestion", "source-url", "contact"];
// Fields that may be left out of an over-long URL (longest first), never silently.
export const SHRINKABLE_FIELDS = ["problem", "suggestion", "source-url", "contact"];

export const GITHUB_URL_LIMIT = 8191;
export const PASTE_NOTE = "[Too long for a link: paste this field from the full text you copied on the page.]";

export const MESSAGES = {
  problemMissing: "Describe what is wrong.",
  sourceMissing: "Add the address of a source that supports your correction.",
  sourceInvalid: "Enter a web address that starts with http:// or https://, like https://example.org/docs.",
};

export function isHttpUrl(value) {
  let url;
  try {
    url = new URL(String(value).trim());
  } catch {
    return false;
  }
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
}

/** Problems with what the reader typed: [{field, message}], in form order. */
export function validate(values) {
  const errors = [];
  if (!String(values.problem || "").trim()) {
    errors.push({ field: "problem", message: MESSAGES.problemMissing });
  }
  const source = String(values["source-url"] || "").trim();
  if (!source) {
    errors.push({ field: "source-url", message: MESSAGES.sourceMissing });
  } else if (!isHttpUrl(source)) {
    errors.push({ field: "source-url", message: MESSAGES.sourceInvalid });
  }
  return errors;
}

export function byteLength(text) {
  return new TextEncoder().encode(text).length;
}

/** The issue-form URL: template and title first, then every field by its id. */
export function issueUrl(base, template, title, values) {
  const params = new URLSearchParams();
  params.set("template", template);
  params.set("title", title);
  for (const id of FIELD_ORDER) {
    if (id in values) params.set(id, values[id] ?? "");
  }
  return `${base}?${params.toString()}`;
}

/**
 * The issue URL if it fits GitHub's limit; otherwise a URL in which the longest
 * typed fields are replaced by PASTE_NOTE until it fits, and the list of those
 * fields, so the page can tell the reader and offer the full text to copy.
 */
export function fitIssueUrl({ base, template, title, values, limit = GITHUB_URL_LIMIT }) {
  const full = issueUrl(base, template, title, values);
  const bytes = byteLength(full);
  if (bytes <= limit) return { url: full, fits: true, bytes, limit, replaced: [] };
  const shortened = { ...values };
  const order = SHRINKABLE_FIELDS.filter((id) => String(values[id] || "") !== "").sort(
    (a, b) => encodedLength(values[b]) - encodedLength(values[a]),
  );
  const replaced = [];
  for (const id of order) {
    shortened[id] = PASTE_NOTE;
    replaced.push(id);
    const url = issueUrl(base, template, title, shortened);
    if (byteLength(url) <= limit) return { url, fits: false, bytes, limit, replaced };
  }
  // Only the page's own fields are left; open the bare form rather than cut anything.
  return { url: issueUrl(base, template, title, {}), fits: false, bytes, limit, replaced: FIELD_ORDER.slice() };
}

function encodedLength(value) {
  return new URLSearchParams({ v: String(value || "") }).toString().length;
}

/** The correction as Markdown, shaped like GitHub renders an issue form. */
export function fullText(title, entries) {
  const blocks = entries.map(({ label, value }) => `### ${label}\n\n${String(value || "").trim() || "_No response_"}`);
  return `${title}\n\n${blocks.join("\n\n")}\n`;
}

/** The JSON body for corrections_endpoint. */
export function payload(values) {
  const body = {};
  for (const id of FIELD_ORDER) body[JSON_KEYS[id]] = values[id] ?? "";
  return body;
}

export function draftKey(pageUrl) {
  return `aruntime:correction-draft:${pageUrl}`;
}

export function hasTypedText(values) {
  return TYPED_FIELDS.some((id) => String(values[id] || "").trim() !== "");
}

export function serializeDraft(values, now = new Date()) {
  const kept = {};
  for (const id of DRAFT_FIELDS) kept[id] = values[id] ?? "";
  return JSON.stringify({ version: 1, saved: now.toISOString(), values: kept });
}

export function parseDraft(text) {
  if (!text) return null;
  try {
    const data = JSON.parse(text);
    if (!data || data.version !== 1 || typeof data.values !== "object" || data.values === null) return null;
    const values = {};
    for (const id of DRAFT_FIELDS) values[id] = typeof data.values[id] === "string" ? data.values[id] : "";
    return { saved: typeof data.saved === "string" ? data.saved : "", values };
  } catch {
    return null;
  }
}

/**
 * POST the correction as JSON. Resolves (never rejects) to
 * {ok: true, status} or {ok: false, reason: "status"|"timeout"|"network", ...}.
 */
export async function postCorrection(endpoint, body, timeoutMs, fetchImpl = globalThis.fetch) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetchImpl(endpoint, {
      method: "POST",
      mode: "cors",
      credentials: "omit",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    if (response.ok) return { ok: true, status: response.status };
    return { ok: false, reason: "status", status: response.status, statusText: response.statusText || "" };
  } catch (error) {
    if (controller.signal.aborted) return { ok: false, reason: "timeout", timeoutMs };
    return { ok: false, reason: "network", message: String((error && error.message) || error) };
  } finally {
    clearTimeout(timer);
  }
}

export function failureMessage(result) {
  const kept = " Everything you typed is still here and saved in this browser; you can try again.";
  if (result.reason === "status") {
    const text = result.statusText ? ` (${result.statusText})` : "";
    return `Your correction was not sent: the server answered HTTP ${result.status}${text}.${kept}`;
  }
  if (result.reason === "timeout") {
    return `Your correction was not sent: the server did not answer within ${formatSeconds(result.timeoutMs)}.${kept}`;
  }
  return `Your correction was not sent: the server could not be reached (network error).${kept}`;
}

function formatSeconds(ms) {
  const seconds = ms / 1000;
  const text = Number.isInteger(seconds) ? String(seconds) : seconds.toFixed(1);
  return `${text} second${seconds === 1 ? "" : "s"}`;
}

export function formatBytes(n) {
  return n.toLocaleString("en-US");
}
