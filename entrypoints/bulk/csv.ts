import type { BulkItem, BulkRun } from "@/utils/bulk-run";
import { buildCsv, type CsvCell } from "@/utils/spreadsheet-export";

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

/** One CSV row per recipient (buildCsv makes formula cells inert). */
export function bulkCsvRows(run: BulkRun, items: readonly BulkItem[]): CsvCell[][] {
  return items.map((item) => [
    item.index + 1,
    // MSISDNs as digits, as the API and the send log's export have them.
    item.recipient,
    item.channel === "email" ? "Email" : "SMS",
    item.state,
    item.outcome ?? "",
    item.status ?? "",
    item.attempts,
    new Date(item.updatedAt).toISOString(),
    run.connectionLabel,
    run.environment,
    run.club,
  ]);
}

/** The export's file name: the club and the run's start date. */
export function bulkCsvFileName(run: BulkRun): string {
  const date = new Date(run.createdAt);
  const pad = (value: number) => String(value).padStart(2, "0");
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `bulk-${run.club.replace(/[^\w-]/gu, "_")}-${day}.csv`;
}

/** The results as CSV, in the separator of the page's language (utils/spreadsheet-export.ts). */
export function buildBulkCsv(run: BulkRun, items: readonly BulkItem[]): Promise<string> {
  return buildCsv(BULK_CSV_COLUMNS, bulkCsvRows(run, items));
}
