/*
 * codebook — what a printout of a code page carries: the page's address (with the calculation the
 * calculator keeps in it) and the print date, written at `beforeprint` into the print-only line
 * (templates/partials/print_meta.html); and whether the calculator prints at all: only when the
 * address holds a calculation. Text goes in with textContent, never as markup.
 */

/** True when the query string holds calculator input beyond the code itself (?dose=…, ?ndc=…). */
export function holdsCalculation(search) {
  const params = new URLSearchParams(search);
  for (const [key, value] of params) if (key !== "code" && value.trim() !== "") return true;
  return false;
}

/** The date as printed: YYYY-MM-DD in the reader's own time zone. */
export function printDate(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function preparePrint(doc, win, now) {
  const address = doc.getElementById("print-address");
  const date = doc.getElementById("print-date");
  if (address) address.textContent = win.location.href;
  if (date) date.textContent = ` on ${printDate(now)}`;
  doc.documentElement.classList.toggle("print-calculation", holdsCalculation(win.location.search));
}

export function startPrintMeta(doc, win) {
  win.addEventListener("beforeprint", () => preparePrint(doc, win, new Date()));
}
