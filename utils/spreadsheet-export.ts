/**
 * What the Send log and Bulk pages share to export CSV files that a desk opens in a spreadsheet.
 * Only those pages import this (the popup never exports).
 */

// A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/u;

/**
 * Makes a text cell inert in a spreadsheet: a leading ' keeps "=HYPERLINK(…)" as text. Recipients
 * are pasted by people from tickets, and "-x@example.no" or "=x@example.no" are valid addresses.
 */
export function neutralizeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Saves text as a file through a Blob, an object URL and a click on <a download>. */
export function downloadText(fileName: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: the download starts asynchronously from the URL.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
