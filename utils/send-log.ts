import { browser } from "wxt/browser";
import { type Channel, isChannel } from "./channel";
import { type EnvironmentId, isEnvironmentId } from "./environments";
import { isRecord } from "./is-record";
import { DEFAULT_MESSAGE, isMessageKind, type MessageKind } from "./message-kind";
import { isOutcomeKind, mayHaveReachedMember } from "./outcome-traits";
import type { SendOutcomeKind } from "./send-outcome";

/** Where a send was started (the side panel holds the popup's form, but is not the popup). */
export type SendSource = "popup" | "side-panel" | "context-menu" | "bulk" | "send-log";

/** One send attempt, as the send log keeps it. Never the token. */
export interface SendLogEntry {
  /** Unique: start time plus a random part. */
  id: string;
  /** When the send started, epoch ms. */
  at: number;
  source: SendSource;
  connectionId: string;
  connectionLabel: string;
  environment: EnvironmentId;
  /** The API host, e.g. api.mpc.placewise.com. */
  host: string;
  club: string;
  channel: Channel;
  /** The email as typed (trimmed), or the normalized MSISDN. */
  recipient: string;
  /** Which message was sent; absent on entries from before the password reset: read it with messageOf. */
  message?: MessageKind;
  outcome: SendOutcomeKind;
  /** The HTTP status, or null when there was no answer. */
  status: number | null;
  durationMs: number;
}

// Storage layout. The log is kept in buckets of at most BUCKET_SIZE entries, oldest first, with a
// small index of them, so a send rewrites one bucket rather than the whole log (5,000 entries
// would be about 1.5 MB of JSON per send), and reading the newest sends reads one bucket.

/**
 * Entries a new bucket takes at most. Readers and the writer go by the index's counts, never by
 * this number, so buckets written with another size (250 before, ~75 KB each) stay readable and
 * are trimmed and dropped as they are. 50 keeps a send's write small (a bucket of ~15 KB at most,
 * with an index of 100 buckets for 5,000 entries): at 50 sends a second, rewriting 250-entry
 * buckets was much of what held a bulk run down (npm run bench).
 */
export const BUCKET_SIZE = 50;

/** The storage.local key of the index. */
export const SEND_LOG_INDEX_KEY = "sendLog.index";

/** One bucket as the index describes it. */
export interface SendLogBucketInfo {
  /** The bucket's number; its entries live under `sendLog.<key>`. */
  key: number;
  count: number;
  oldestAt: number;
  newestAt: number;
}

/** The layout version written today; an index without a mark is version 1 (same layout, kept as is). */
export const SEND_LOG_VERSION = 1;

/** The index: buckets oldest first. */
export interface SendLogIndex {
  /** The layout's version (absent: 1); a newer one than SEND_LOG_VERSION is read, never written over. */
  version?: number;
  buckets: SendLogBucketInfo[];
}

/** The storage key of one bucket. */
export function bucketKey(key: number): string {
  return `sendLog.${key}`;
}

/** Reads the index, tolerating a missing or damaged one (an empty log). */
export function parseSendLogIndex(raw: unknown): SendLogIndex {
  if (!isRecord(raw) || !Array.isArray(raw.buckets)) return { version: SEND_LOG_VERSION, buckets: [] };
  const version = typeof raw.version === "number" ? raw.version : 1;
  return {
    version,
    buckets: (raw.buckets as unknown[]).filter(
      (b): b is SendLogBucketInfo =>
        isRecord(b) &&
        typeof b.key === "number" &&
        typeof b.count === "number" &&
        typeof b.oldestAt === "number" &&
        typeof b.newestAt === "number",
    ),
  };
}

/** Every source, so a stored one can be checked (a Record: a new SendSource must be added here). */
const SEND_SOURCES: Record<SendSource, true> = {
  popup: true,
  "side-panel": true,
  "context-menu": true,
  bulk: true,
  "send-log": true,
};

/**
 * One stored entry, or null when it is not one: storage is not trusted to hold what the background
 * wrote (an older build, a hand edit). Every reader, pages and background, parses through here.
 * An entry without `message` is kept: it is from before the password reset (see messageOf).
 */
export function parseSendLogEntry(value: unknown): SendLogEntry | null {
  if (!isRecord(value)) return null;
  const e = value;
  const valid =
    typeof e.id === "string" &&
    typeof e.at === "number" &&
    Number.isFinite(e.at) &&
    typeof e.source === "string" &&
    Object.hasOwn(SEND_SOURCES, e.source) &&
    typeof e.connectionId === "string" &&
    typeof e.connectionLabel === "string" &&
    isEnvironmentId(e.environment) &&
    typeof e.host === "string" &&
    typeof e.club === "string" &&
    isChannel(e.channel) &&
    typeof e.recipient === "string" &&
    (e.message === undefined || isMessageKind(e.message)) &&
    isOutcomeKind(e.outcome) &&
    (e.status === null || typeof e.status === "number") &&
    typeof e.durationMs === "number";
  return valid ? (value as unknown as SendLogEntry) : null;
}

/** Reads one stored bucket: the entries parseSendLogEntry accepts; a damaged bucket is empty. */
export function parseSendLogBucket(raw: unknown): SendLogEntry[] {
  if (!Array.isArray(raw)) return [];
  const entries: SendLogEntry[] = [];
  for (const value of raw) {
    const entry = parseSendLogEntry(value);
    if (entry !== null) entries.push(entry);
  }
  return entries;
}

/** Reads the whole log, newest first. */
export async function readSendLog(): Promise<SendLogEntry[]> {
  const index = parseSendLogIndex((await browser.storage.local.get(SEND_LOG_INDEX_KEY))[SEND_LOG_INDEX_KEY]);
  return readBuckets(index.buckets);
}

/** Reads the newest entries (at least `limit` when there are that many), newest first. */
export async function readRecentSends(limit: number): Promise<SendLogEntry[]> {
  const index = parseSendLogIndex((await browser.storage.local.get(SEND_LOG_INDEX_KEY))[SEND_LOG_INDEX_KEY]);
  const wanted: SendLogBucketInfo[] = [];
  let count = 0;
  for (const bucket of [...index.buckets].reverse()) {
    if (count >= limit) break;
    wanted.unshift(bucket);
    count += bucket.count;
  }
  return (await readBuckets(wanted)).slice(0, limit);
}

/** Reads the entries of the buckets that hold anything newer than `since`, newest first. */
export async function readSendsSince(since: number): Promise<SendLogEntry[]> {
  const index = parseSendLogIndex((await browser.storage.local.get(SEND_LOG_INDEX_KEY))[SEND_LOG_INDEX_KEY]);
  const entries = await readBuckets(index.buckets.filter((b) => b.newestAt >= since));
  return entries.filter((e) => e.at >= since);
}

async function readBuckets(buckets: SendLogBucketInfo[]): Promise<SendLogEntry[]> {
  if (buckets.length === 0) return [];
  const keys = buckets.map((b) => bucketKey(b.key));
  const stored = await browser.storage.local.get(keys);
  const entries: SendLogEntry[] = [];
  for (const key of keys) entries.push(...parseSendLogBucket(stored[key]));
  return entries.sort((a, b) => b.at - a.at);
}

/** Calls back whenever the log changes; returns a function that stops watching. */
export function watchSendLog(onChange: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === "local" && SEND_LOG_INDEX_KEY in changes) onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** Which message an entry sent; an entry without the field is a registration password (no migration). */
export function messageOf(entry: Pick<SendLogEntry, "message">): MessageKind {
  return entry.message ?? DEFAULT_MESSAGE;
}

/** How recipients compare: emails without regard to case, MSISDNs as digits. */
export function recipientKey(channel: Channel, recipient: string): string {
  return channel === "email" ? recipient.trim().toLowerCase() : recipient.replace(/\D/gu, "");
}

/** What identifies "the same send" across sends: API host, club, channel, recipient and message. */
export interface SendTarget {
  host: string;
  club: string;
  channel: Channel;
  recipient: string;
  /** The registration password when left out. */
  message?: MessageKind;
}

/** The newest send of this message that may have reached this member at or after `since`. */
export function findReachedSince(
  entries: SendLogEntry[],
  target: SendTarget,
  since: number,
): SendLogEntry | undefined {
  const key = recipientKey(target.channel, target.recipient);
  return entries
    .filter(
      (e) =>
        isOutcomeKind(e.outcome) &&
        mayHaveReachedMember(e.outcome) &&
        e.at >= since &&
        e.host === target.host &&
        e.club === target.club &&
        e.channel === target.channel &&
        messageOf(e) === (target.message ?? DEFAULT_MESSAGE) &&
        recipientKey(e.channel, e.recipient) === key,
    )
    .sort((a, b) => b.at - a.at)[0];
}
