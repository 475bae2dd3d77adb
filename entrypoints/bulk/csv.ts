import type { BulkItem, BulkRun } from "@/utils/bulk-run";
import { neutralizeFormula } from "@/utils/spreadsheet-export";

/** The CSV's header row: English names, whatever the page's language, so files compare across desks. */
export const BULK_CSV_COLUMNS = [
  "#",
  "Recipient",
  "Channel",
  "State",
  "Outcome",
  "HTTP status",
  "Attempts",
  "Last change",
  "Connection",
  "Environment",
  "Club",
] as const;

/** One CSV row per recipient, text cells neutralized. */
export function bulkCsvRows(run: BulkRun, items: readonly BulkItem[]): Array<Array<string | number>> {
  return items.map((item) => [
    item.index + 1,
    // MSISDNs as digits, as the API and the send log's export have them.
    neutralizeFormula(item.recipient),
    item.channel === "email" ? "Email" : "SMS",
    item.state,
    item.outcome ?? "",
    item.status ?? "",
    item.attempts,
    new Date(item.updatedAt).toISOString(),
    neutralizeFormula(run.connectionLabel),
    run.environment,
    neutralizeFormula(run.club),
  ]);
}

/** The export's file name: the club and the run's start date. */
export function bulkCsvFileName(run: BulkRun): string {
  const date = new Date(run.createdAt);
  const pad = (value: number) => String(value).padStart(2, "0");
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `bulk-${run.club.replace(/[^\w-]/gu, "_")}-${day}.csv`;
}

/**
 * The results as CSV (RFC 4180, CRLF), with a byte-order mark so Excel reads "bjørn" as UTF-8.
 * papaparse loads here, on the first export.
 */
export async function buildBulkCsv(run: BulkRun, items: readonly BulkItem[]): Promise<string> {
  const papa = (await import("papaparse")) as typeof import("papaparse") & {
    default?: typeof import("papaparse");
  };
  // papaparse is CommonJS: depending on the bundler its functions sit on the namespace or its default.
  const unparse = papa.default?.unparse ?? papa.unparse;
  return `\uFEFF${unparse({ fields: [...BULK_CSV_COLUMNS], data: bulkCsvRows(run, items) }, { newline: "\r\n" })}`;
}
