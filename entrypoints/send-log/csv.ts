import { effectOf, isOutcomeKind, type SendEffect } from "@/utils/outcome-traits";
import { messageOf, type SendLogEntry } from "@/utils/send-log";
import { buildCsv, type CsvCell } from "@/utils/spreadsheet-export";

/** The CSV's header row: English names, whatever the page's language, so files compare across desks. */
export const CSV_COLUMNS = [
  "Time",
  "Connection",
  "Environment",
  "Host",
  "Club",
  "Channel",
  "Recipient",
  "Outcome",
  "Sent",
  "HTTP status",
  "Duration (ms)",
  "Source",
  // Last, so the columns desks already import keep their places.
  "Message",
] as const;

/** Whether Placewise may have acted, as the outcome table says, in the export's words. */
const SENT_CELL: Record<SendEffect, string> = { sent: "yes", "not-sent": "no", unknown: "unknown" };

/** A time as ISO 8601 in the computer's time zone with its offset, e.g. 2026-11-27T14:03:12+01:00. */
export function localIsoTime(at: number): string {
  const date = new Date(at);
  const pad = (value: number) => String(Math.abs(value)).padStart(2, "0");
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  );
}

/** The local date as YYYY-MM-DD, for file names. */
export function localIsoDate(at: number): string {
  return localIsoTime(at).slice(0, 10);
}

/** One CSV row per entry (buildCsv makes formula cells inert). */
export function csvRows(entries: readonly SendLogEntry[]): CsvCell[][] {
  return entries.map((entry) => [
    localIsoTime(entry.at),
    entry.connectionLabel,
    entry.environment,
    entry.host,
    entry.club,
    entry.channel === "email" ? "Email" : "SMS",
    entry.recipient,
    entry.outcome,
    isOutcomeKind(entry.outcome) ? SENT_CELL[effectOf(entry.outcome)] : "",
    entry.status ?? "",
    entry.durationMs,
    entry.source,
    messageOf(entry),
  ]);
}

/** The file name of an export made on `now`'s local date. */
export function csvFileName(now: number): string {
  return `send-log-${localIsoDate(now)}.csv`;
}

/** The entries as CSV, in the separator of the page's language (utils/spreadsheet-export.ts). */
export function buildSendLogCsv(entries: readonly SendLogEntry[]): Promise<string> {
  return buildCsv(CSV_COLUMNS, csvRows(entries));
}
