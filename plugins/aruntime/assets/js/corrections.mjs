// Corrections: DOM glue for the form in partials/corrections.html.
//
// Progressive enhancement: without this module the Maintenance record's link
// opens the GitHub issue form with the page prefilled. With it, the record (and
// a small button under each h2) opens an accessible <dialog> that validates,
// keeps a draft per page in localStorage, and either opens the issue form with
// every field prefilled or POSTs JSON to the configured endpoint.
// Data only ever reaches the DOM through textContent / attribute setters.

import { el, claim, onPage } from "./dom.mjs";
import { contract } from "./client.mjs";
import {
  DRAFT_FIELDS,
  FIELD_ORDER,
  GITHUB_URL_LIMIT,
  draftKey,
  failureMessage,
  fitIssueUrl,
  formatBytes,
  fullText,
  hasTypedText,
  parseDraft,
  payload,
  postCorrection,
  serializeDraft,
  validate,
} from "./corrections-core.mjs";

const LOG_PREFIX = "[aruntime corrections]";
const MAX_SECTION_BUTTONS = 12;
// Sections that are not the page's content (Related, Referenced by, Sources,
// the Maintenance record) are marked data-ar-aside: no per-section button.
const ASIDE = "[data-ar-aside], .ar-maintenance, [data-ar-corrections-dialog]";

function headingText(heading) {
  const copy = heading.cloneNode(true);
  copy.querySelectorAll(".headerlink").forEach((node) => node.remove());
  return copy.textContent.replace(/\s+/g, " ").trim();
}

function storage() {
  try {
    const store = window.localStorage;
    const probe = "aruntime:probe";
    store.setItem(probe, "1");
    store.removeItem(probe);
    return store;
  } catch {
    return null;
  }
}

class CorrectionsForm {
  constructor(dialog) {
    this.dialog = dialog;
    this.form = dialog.querySelector("[data-ar-corrections-form]");
    const data = this.form.dataset;
    this.config = {
      pageUrl: new URL(data.pageUrl || window.location.href, window.location.href).href,
      pageTitle: data.pageTitle || document.title,
      issueUrl: data.issueUrl || "",
      template: data.issueTemplate || "correction.yml",
      endpoint: data.endpoint || "",
      timeoutMs: Number(data.timeoutMs) || 10000,
      urlLimit: Number(data.urlLimit) || GITHUB_URL_LIMIT,
    };
    this.wholePage = contract().corrections.whole_page;
    this.store = storage();
    this.key = draftKey(this.config.pageUrl);
    this.opener = null;
    this.attempted = false;
    this.shortUrl = "";
    this.part = (name) => this.form.querySelector(`[data-ar-${name}]`);
  }

  mount() {
    this.form.elements["page-url"].value = this.config.pageUrl;
    this.sections = this.collectSections();
    const select = this.form.elements.section;
    // "Whole page" is Python's value (the contract), as the issue form expects it.
    select.replaceChildren(el("option", { value: this.wholePage }, this.wholePage));
    for (const section of this.sections) select.append(el("option", { value: section.title }, section.title));
    this.addOpeners();
    this.restoreDraft();

    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
    this.form.addEventListener("input", () => this.changed());
    this.form.addEventListener("change", () => this.changed());
    this.part("close").addEventListener("click", () => this.close());
    this.part("discard").addEventListener("click", () => this.discard());
    this.part("copy").addEventListener("click", () => this.copyFullText());
    this.part("open-short").addEventListener("click", () => this.openIssue(this.shortUrl, { keepDraft: true }));
    this.dialog.addEventListener("close", () => {
      if (this.opener && this.opener.isConnected) this.opener.focus();
    });
  }

  // The page's own h2 headings (not the Maintenance record's, not ours).
  collectSections() {
    const scope = this.dialog.closest("article") || document.querySelector("article") || document.body;
    const out = [];
    for (const heading of scope.querySelectorAll("h2")) {
      if (heading.closest(".ar-maintenance, [data-ar-corrections-dialog]")) continue;
      const title = headingText(heading);
      if (title) out.push({ heading, title, content: !heading.closest(ASIDE) && !heading.closest("li") });
    }
    return out;
  }

  addOpeners() {
    this.addRecordButton();
    // Per-section buttons only where sections are few and are the page's
    // content (not list entries such as directory rows, nor Related or
    // Sources); every heading is still offered in the form's Section list.
    const sectionButtons = this.sections.filter((section) => section.content);
    if (sectionButtons.length > MAX_SECTION_BUTTONS) return;
    for (const section of sectionButtons) {
      const button = el(
        "button",
        { type: "button", class: "ar-section-correction__button", "aria-haspopup": "dialog" },
        "Suggest a correction",
        el("span", { class: "ar-visually-hidden" }, ` to “${section.title}”`),
      );
      button.addEventListener("click", () => this.open(button, section.title));
      section.heading.after(el("p", { class: "ar-section-correction", "data-ar-section-correction": true }, button));
    }
  }

  addRecordButton() {
    const actions = document.querySelector("[data-ar-correction-actions]");
    if (!actions) return;
    const link = actions.querySelector("[data-ar-correction]");
    const button = el("button", { type: "button", class: "md-button ar-correction-button", "aria-haspopup": "dialog", "data-ar-open": true }, "Suggest a correction");
    button.addEventListener("click", () => this.open(button));
    actions.prepend(button);
    if (link) link.hidden = true;
    this.draftFlag = el("span", { class: "ar-correction-draft-flag", hidden: true }, "You have an unsent draft for this page.");
    actions.append(this.draftFlag);
  }

  open(opener, sectionTitle) {
    this.opener = opener;
    if (sectionTitle !== undefined) {
      this.form.elements.section.value = sectionTitle;
      this.saveDraft();
    }
    this.setStatus("");
    if (typeof this.dialog.showModal === "function") {
      if (!this.dialog.open) this.dialog.showModal();
    } else {
      this.dialog.setAttribute("open", "");
    }
    this.form.elements.section.focus();
  }

  close() {
    if (typeof this.dialog.close === "function") this.dialog.close();
    else {
      this.dialog.removeAttribute("open");
      if (this.opener) this.opener.focus();
    }
  }

  // ---- values and drafts -------------------------------------------------

  values() {
    const elements = this.form.elements;
    const checked = this.form.querySelector('input[name="correction-type"]:checked');
    return {
      "page-url": this.config.pageUrl,
      "page-title": this.config.pageTitle,
      "section": elements.section.value || this.wholePage,
      "correction-type": checked ? checked.value : "",
      "problem": elements.problem.value,
      "suggestion": elements.suggestion.value,
      "source-url": elements["source-url"].value.trim(),
      "contact": elements.contact.value.trim(),
      "last-reviewed": elements["last-reviewed"].value,
      "source-file": elements["source-file"].value,
    };
  }

  setValues(values) {
    const elements = this.form.elements;
    const select = elements.section;
    select.value = values.section || this.wholePage;
    if (select.selectedIndex < 0) select.value = this.wholePage;
    for (const radio of this.form.querySelectorAll('input[name="correction-type"]')) {
      radio.checked = radio.value === values["correction-type"];
    }
    if (!this.form.querySelector('input[name="correction-type"]:checked')) {
      this.form.querySelector('input[name="correction-type"]').checked = true;
    }
    for (const id of ["problem", "suggestion", "source-url", "contact"]) elements[id].value = values[id] || "";
  }

  changed() {
    this.saveDraft();
    this.part("long").hidden = true; // the copy on offer no longer matches
    if (this.attempted) this.showErrors(validate(this.values()), { focus: false });
  }

  saveDraft() {
    const values = this.values();
    const typed = hasTypedText(values);
    if (this.store) {
      try {
        if (typed) this.store.setItem(this.key, serializeDraft(values));
        else this.store.removeItem(this.key);
      } catch (error) {
        console.warn(LOG_PREFIX, "could not save the draft:", error);
      }
    }
    this.showDraftState(typed ? "saved" : "none");
  }

  restoreDraft() {
    if (!this.store) {
      this.showDraftNote("This browser does not let the page keep a draft; send your correction before you leave the page.");
      return;
    }
    const draft = parseDraft(this.store.getItem(this.key));
    if (!draft) return;
    this.setValues({ ...Object.fromEntries(DRAFT_FIELDS.map((id) => [id, ""])), ...draft.values });
    const when = draft.saved ? new Date(draft.saved) : null;
    const stamp = when && !Number.isNaN(when.getTime()) ? ` on ${when.toLocaleString()}` : "";
    this.showDraftNote(`Restored your unsent draft for this page, saved in this browser${stamp}.`);
    this.showDraftState("saved");
  }

  showDraftNote(text) {
    this.part("draft-text").textContent = text;
    this.part("draft-note").hidden = !text;
  }

  showDraftState(state) {
    const hasDraft = state === "saved";
    this.part("discard").hidden = !hasDraft;
    if (this.draftFlag) this.draftFlag.hidden = !hasDraft;
    if (!hasDraft) this.showDraftNote(this.store ? "" : this.part("draft-text").textContent);
  }

  clearDraft() {
    if (this.store) {
      try {
        this.store.removeItem(this.key);
      } catch (error) {
        console.warn(LOG_PREFIX, "could not remove the draft:", error);
      }
    }
    this.showDraftState("none");
  }

  discard() {
    this.clearDraft();
    this.setValues({ section: this.wholePage });
    this.attempted = false;
    this.showErrors([], { focus: false });
    this.part("long").hidden = true;
    this.form.elements.problem.focus();
    this.setStatus("Draft discarded.");
  }

  // ---- validation ---------------------------------------------------------

  showErrors(errors, { focus }) {
    const byField = new Map(errors.map((error) => [error.field, error.message]));
    for (const slot of this.form.querySelectorAll("[data-ar-error-for]")) {
      const id = slot.dataset.arErrorFor;
      const control = this.form.elements[id];
      const message = byField.get(id) || "";
      slot.textContent = message ? `Error: ${message}` : "";
      slot.hidden = !message;
      if (message) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
    }
    const summary = this.part("errors");
    summary.replaceChildren();
    summary.hidden = errors.length === 0;
    if (!errors.length) return;
    const count = errors.length === 1 ? "1 field needs" : `${errors.length} fields need`;
    const list = el("ul");
    for (const error of errors) {
      const control = this.form.elements[error.field];
      const link = el("a", { href: `#${control.id}` }, error.message);
      link.addEventListener("click", (event) => {
        event.preventDefault();
        control.focus();
      });
      list.append(el("li", {}, link));
    }
    summary.append(el("p", { class: "ar-corrections__errors-title" }, `Your correction was not sent: ${count} attention.`), list);
    if (focus) summary.focus();
  }

  // ---- submitting -----------------------------------------------------------

  submit() {
    this.attempted = true;
    this.part("long").hidden = true;
    this.setStatus("");
    const values = this.values();
    const errors = validate(values);
    this.showErrors(errors, { focus: true });
    if (errors.length) return;
    this.saveDraft();
    if (this.config.endpoint) this.send(values);
    else this.toGitHub(values);
  }

  issueTitle(values) {
    const section = values.section && values.section !== this.wholePage ? ` — ${values.section}` : "";
    return `Correction: ${this.config.pageTitle}${section}`;
  }

  toGitHub(values) {
    if (!this.config.issueUrl) {
      this.setStatus("This site has no place configured to receive corrections.");
      return;
    }
    const title = this.issueTitle(values);
    const fit = fitIssueUrl({
      base: this.config.issueUrl,
      template: this.config.template,
      title,
      values,
      limit: this.config.urlLimit,
    });
    if (fit.fits) {
      this.openIssue(fit.url, { keepDraft: false });
      return;
    }
    this.showLong(fit, title, values);
  }

  showLong(fit, title, values) {
    this.shortUrl = fit.url;
    const labels = fit.replaced.filter((id) => this.labelFor(id)).map((id) => `“${this.labelFor(id)}”`);
    const which = labels.length ? labels.join(" and ") : "the form";
    const message =
      `Your correction is too long to fill in through a link: it needs ${formatBytes(fit.bytes)} bytes, ` +
      `and GitHub accepts at most ${formatBytes(fit.limit)}. Nothing has been cut. ` +
      `Copy the full text below, then open the issue form and paste it into ${which}. ` +
      `Your draft stays in this browser until you discard it.`;
    const entries = FIELD_ORDER.map((id) => ({ label: this.labelFor(id) || id, value: values[id] }));
    this.part("fulltext").value = fullText(title, entries);
    const messageNode = this.part("long-message");
    messageNode.textContent = message;
    this.part("long").hidden = false;
    messageNode.focus();
  }

  labelFor(id) {
    const labels = {
      "page-url": "Page URL",
      "page-title": "Page title",
      "section": "Section",
      "correction-type": "Kind of correction",
      "problem": "What is wrong",
      "suggestion": "Suggested correction",
      "source-url": "Supporting source URL",
      "contact": "Contact (optional)",
      "last-reviewed": "Page last reviewed",
      "source-file": "Source file",
    };
    return labels[id];
  }

  async copyFullText() {
    const area = this.part("fulltext");
    let copied = false;
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(area.value);
        copied = true;
      }
    } catch {
      copied = false;
    }
    if (!copied) {
      area.focus();
      area.select();
      try {
        copied = document.execCommand("copy");
      } catch {
        copied = false;
      }
    }
    this.setStatus(
      copied
        ? "Copied the full text of your correction."
        : "The full text is selected; copy it with Ctrl+C (⌘C on a Mac).",
    );
  }

  openIssue(url, { keepDraft }) {
    if (!url) return;
    const tab = window.open(url, "_blank");
    if (tab) {
      try {
        tab.opener = null;
      } catch {
        /* cross-origin already */
      }
    } else {
      window.location.assign(url);
    }
    if (!keepDraft) this.clearDraft();
    this.setStatus(
      "The GitHub issue form opened in a new tab with your correction filled in. " +
        "GitHub asks you to sign in before you can submit it." +
        (keepDraft ? " Paste the text you copied into the fields marked for pasting." : ""),
    );
  }

  async send(values) {
    const submitButton = this.part("submit");
    submitButton.disabled = true;
    this.form.setAttribute("aria-busy", "true");
    this.setStatus("Sending your correction…");
    const result = await postCorrection(this.config.endpoint, payload(values), this.config.timeoutMs);
    submitButton.disabled = false;
    this.form.removeAttribute("aria-busy");
    if (result.ok) {
      this.clearDraft();
      this.setValues({ section: this.wholePage });
      this.attempted = false;
      this.setStatus("Thank you. Your correction was sent to the maintainers.", { focus: true, kind: "success" });
    } else {
      this.saveDraft();
      if (result.reason !== "status") console.warn(LOG_PREFIX, "sending failed:", result);
      this.setStatus(failureMessage(result), { focus: true, kind: "error" });
    }
  }

  setStatus(text, { focus = false, kind = "" } = {}) {
    const status = this.part("status");
    status.textContent = text;
    status.dataset.kind = kind;
    if (focus && text) status.focus();
  }
}

function init() {
  const dialog = claim("[data-ar-corrections-dialog]");
  if (!dialog) return;
  try {
    new CorrectionsForm(dialog).mount();
  } catch (error) {
    console.error(LOG_PREFIX, error);
  }
}

onPage(init);
