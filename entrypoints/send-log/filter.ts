import type { Channel } from "@/utils/channel";
import type { MessageKind } from "@/utils/message-kind";
import { effectOf } from "@/utils/outcome-traits";
import { messageOf, type SendLogEntry } from "@/utils/send-log";
import type { SendOutcomeKind } from "@/utils/send-outcome";

/** The outcome filter: everything, everything not surely sent ("failed"), or one kind of outcome. */
export type OutcomeFilter = "all" | "failed" | SendOutcomeKind;

/** What the operator narrowed the log to. Empty strings and "all" filter nothing. */
export interface SendLogFilters {
  /** Matches recipient, club and connection label, ignoring case; a pasted phone number by its digits. */
  query: string;
  outcome: OutcomeFilter;
  /** A club slug, or "" for every club. */
  club: string;
  channel: "all" | Channel;
  /** Which message was sent; an entry from before message kinds is a registration password. */
  message: "all" | MessageKind;
  /** First day shown, as an <input type=date> gives it (YYYY-MM-DD, local time), or "". */
  from: string;
  /** Last day shown (inclusive), or "". */
  to: string;
}

/** No filter at all. */
export const NO_FILTERS: SendLogFilters = {
  query: "",
  outcome: "all",
  club: "",
  channel: "all",
  message: "all",
  from: "",
  to: "",
};

/** Whether any filter narrows the log. */
export function hasFilters(filters: SendLogFilters): boolean {
  return (
    filters.query.trim() !== "" ||
    filters.outcome !== "all" ||
    filters.club !== "" ||
    filters.channel !== "all" ||
    filters.message !== "all" ||
    filters.from !== "" ||
    filters.to !== ""
  );
}

/** Local midnight at the start of a YYYY-MM-DD day, or null for anything else. */
export function startOfDay(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(date);
  if (!match) return null;
  const day = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(day.getTime()) ? null : day.getTime();
}

/** Local midnight at the end of a YYYY-MM-DD day (the next day's start), or null. */
function endOfDay(date: string): number | null {
  const start = startOfDay(date);
  if (start === null) return null;
  const next = new Date(start);
  // setDate, not + 24 h: a day with a daylight-saving change is 23 or 25 hours long.
  next.setDate(next.getDate() + 1);
  return next.getTime();
}

/** What the search compares against, computed once per entry rather than once per keystroke. */
export function searchTextOf(entry: SendLogEntry): string {
  return `${entry.recipient}\n${entry.club}\n${entry.connectionLabel}`.toLowerCase();
}

// "+47 407 69 126" or "(407) 69-126": a pasted phone number, which the log keeps as digits only.
const PHONE_LIKE = /^[\d\s+().-]+$/u;

/** Builds the test one entry must pass; `text` is the entry's searchTextOf. */
export function compileFilters(filters: SendLogFilters): (entry: SendLogEntry, text: string) => boolean {
  const query = filters.query.trim().toLowerCase();
  const digits = query.replace(/\D/gu, "");
  const terms =
    query === "" ? [] : PHONE_LIKE.test(query) && digits.length >= 3 ? [digits] : query.split(/\s+/u);
  const from = startOfDay(filters.from);
  const until = endOfDay(filters.to);
  const { outcome, club, channel, message } = filters;
  return (entry, text) =>
    (outcome === "all" ||
      (outcome === "failed" ? effectOf(entry.outcome) !== "sent" : entry.outcome === outcome)) &&
    (club === "" || entry.club === club) &&
    (channel === "all" || entry.channel === channel) &&
    (message === "all" || messageOf(entry) === message) &&
    (from === null || entry.at >= from) &&
    (until === null || entry.at < until) &&
    terms.every((term) => text.includes(term));
}

/** The entries that pass every filter, in their order. */
export function filterEntries(
  entries: readonly SendLogEntry[],
  filters: SendLogFilters,
  texts: readonly string[] = entries.map(searchTextOf),
): SendLogEntry[] {
  if (!hasFilters(filters)) return [...entries];
  const passes = compileFilters(filters);
  return entries.filter((entry, index) => passes(entry, texts[index] ?? searchTextOf(entry)));
}
