import { uiLocale } from "./i18n";
import { loadPapa } from "./papaparse";

/**
 * What the Send log and Bulk pages share to export CSV files that a desk opens in a spreadsheet:
 * one path from rows to a downloaded file. Only those pages import this (the popup never exports).
 */

/**
 * A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
 * Handed to papaparse's own escaping (escapeFormulae), which prefixes ' and quotes the cell. Its
 * `true` setting tests /^[=+\-@\t\r].*$/, which misses a cell with a line break after the first
 * character ("=1+1\nx"): this one tests the first character only.
 */
const FORMULA_START = /^[=+\-@\t\r]/u;

/** Languages whose Excel lists with semicolons (their decimal mark is the comma). */
const SEMICOLON_LANGUAGES = new Set(["nb", "nn", "no", "sv", "da"]);

/** The separator a spreadsheet set up for this language expects: `;` in nb/sv/da, else `,`. */
export function csvDelimiter(locale: string = uiLocale()): "," | ";" {
  const language = locale.toLowerCase().split(/[-_]/u)[0] ?? "";
  return SEMICOLON_LANGUAGES.has(language) ? ";" : ",";
}

/** A CSV cell: text is escaped when a spreadsheet would run it; numbers are written as they are. */
export type CsvCell = string | number;

/**
 * A header and rows as CSV (RFC 4180, CRLF) in the separator of the page's language, preceded by a
 * byte-order mark so Excel reads "bjørn" as UTF-8. papaparse loads on the first export.
 */
export async function buildCsv(
  fields: readonly string[],
  rows: ReadonlyArray<readonly CsvCell[]>,
  delimiter: "," | ";" = csvDelimiter(),
): Promise<string> {
  const papa = await loadPapa();
  const text = papa.unparse(
    { fields: [...fields], data: rows.map((row) => [...row]) },
    { newline: "\r\n", delimiter, escapeFormulae: FORMULA_START },
  );
  return `\uFEFF${text}`;
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
