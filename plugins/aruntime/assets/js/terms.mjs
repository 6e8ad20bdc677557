// Auto-linked glossary terms: the summary tooltip shows on hover and focus
// (CSS); Escape dismisses it without moving focus or the pointer (WCAG 1.4.13).
import { onPage } from "./dom.mjs";

let listening = false;

function init() {
  if (listening) return;
  listening = true;
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    for (const term of document.querySelectorAll(".ar-term:hover, .ar-term:focus-within")) {
      term.classList.add("ar-term--dismissed");
    }
  });
  const reset = (event) => {
    const term = event.target.closest && event.target.closest(".ar-term");
    if (term) term.classList.remove("ar-term--dismissed");
  };
  document.addEventListener("mouseout", reset);
  document.addEventListener("focusout", reset);
}

onPage(init);
