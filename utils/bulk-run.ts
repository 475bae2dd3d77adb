import { browser } from "wxt/browser";
import { type Channel, isChannel } from "./channel";
import type { EnvironmentId } from "./environments";
import { isRecord } from "./is-record";
import { OUTCOME_TRAITS } from "./outcome-traits";
import type { SendOutcomeKind } from "./send-outcome";

/**
 * Where one recipient of a bulk run stands. `unknown` means a request may have reached Placewise
 * without an answer we could trust (the worker died mid-request, a timeout, a 5xx): it is never
 * resent automatically, the operator checks first.
 */
export type BulkItemState = "queued" | "sending" | "sent" | "failed" | "unknown";

/** One recipient of a bulk run. */
export interface BulkItem {
  /** Position in the run, from 0. */
  index: number;
  channel: Channel;
  /** An email (trimmed) or E.164 digits. */
  recipient: string;
  state: BulkItemState;
  /** The last outcome, once there was one. */
  outcome?: SendOutcomeKind;
  status?: number | null;
  /** Requests made for this recipient (a 429, 503 or refused connection is retried). */
  attempts: number;
  updatedAt: number;
}

/** Where a run as a whole stands. `stopped`: a 401/403 made every later call pointless. */
export type BulkRunStatus = "running" | "paused" | "stopped" | "cancelled" | "done";

/** A bulk run, without its items (kept apart, in chunks). */
export interface BulkRun {
  /** The layout's version (BULK_RUN_VERSION); a run stored before the mark existed reads as 1. */
  version?: number;
  id: string;
  connectionId: string;
  connectionLabel: string;
  environment: EnvironmentId;
  club: string;
  host: string;
  createdAt: number;
  updatedAt: number;
  status: BulkRunStatus;
  /** Why the run stopped on its own (token rejected, permit missing). */
  stopReason?: SendOutcomeKind;
  /** Requests in flight at once. */
  concurrency: number;
  /** Requests started per second at most. */
  ratePerSecond: number;
  /** No request starts before this time (Retry-After, backoff after 503 or a network error), epoch ms. */
  resumeAt: number;
  /** The current backoff after 503s and network errors; 0 after a success. */
  backoffMs: number;
  /** The last reason the run waited (rate-limited, maintenance, network-error), for the page. */
  waitReason?: SendOutcomeKind;
  total: number;
  counts: Record<BulkItemState, number>;
  /**
   * A chunk of its members is missing from storage: the run cannot go on or be shown whole. The
   * page says so and offers Cancel and Clear instead of loading for ever.
   */
  damaged?: boolean;
}

/** Requests started per second unless the operator says otherwise (page and runner). */
export const DEFAULT_BULK_RATE = 5;
/** Requests in flight at once unless the operator says otherwise (page and runner). */
export const DEFAULT_BULK_CONCURRENCY = 2;
/** The rates the runner accepts; the page checks the same. */
export const BULK_RATE_LIMITS = { min: 0.1, max: 100 } as const;
/** The concurrencies the runner accepts; the page checks the same. */
export const BULK_CONCURRENCY_LIMITS = { min: 1, max: 10 } as const;

// ---------------------------------------------------------------------------------------------
// Storage layout, defined here only: the run's metadata under BULK_RUN_KEY, its members in chunks
// of BULK_CHUNK_SIZE under `bulkRun.items.<n>`. The background's runner is the only writer.

/** The layout version written today; a run without a mark is version 1 (same layout, kept as is). */
export const BULK_RUN_VERSION = 1;

/** Recipients per stored chunk: an update rewrites one chunk, not the whole list. */
export const BULK_CHUNK_SIZE = 100;

/** storage.local key of the run's metadata. */
export const BULK_RUN_KEY = "bulkRun";

const CHUNK_KEY_PREFIX = `${BULK_RUN_KEY}.items.`;

/** storage.local key of one chunk of items. */
export function bulkChunkKey(chunk: number): string {
  return `${CHUNK_KEY_PREFIX}${chunk}`;
}

/** Whether a storage key is one of a run's chunks (pages watching storage changes ask). */
export function isBulkChunkKey(key: string): boolean {
  return bulkChunkOfKey(key) !== null;
}

/** The chunk number a chunk key names, or null for any other key. */
export function bulkChunkOfKey(key: string): number | null {
  if (!key.startsWith(CHUNK_KEY_PREFIX)) return null;
  const digits = key.slice(CHUNK_KEY_PREFIX.length);
  return /^\d+$/u.test(digits) ? Number(digits) : null;
}

/** The storage keys of every chunk of a run of `total` members, in order. */
export function bulkChunkKeys(total: number): string[] {
  return Array.from({ length: Math.ceil(total / BULK_CHUNK_SIZE) }, (_, chunk) => bulkChunkKey(chunk));
}

/** The chunk an item lives in. */
export function chunkOf(index: number): number {
  return Math.floor(index / BULK_CHUNK_SIZE);
}

/**
 * Reads a stored run's metadata (untrusted: an older or newer build, a hand edit). Null when
 * there is no run or it is not one; a run of a newer layout than this build knows reads as
 * damaged, so nothing here writes over it and the page offers Clear.
 */
export function parseBulkRun(raw: unknown): BulkRun | null {
  if (!isRecord(raw)) return null;
  const { id, total, status, counts } = raw;
  if (typeof id !== "string" || typeof total !== "number" || !Number.isInteger(total) || total < 0)
    return null;
  if (!RUN_STATUSES.includes(status as BulkRunStatus) || !isRecord(counts)) return null;
  const version = raw.version === undefined ? 1 : raw.version;
  const run = { ...raw, version } as unknown as BulkRun;
  return typeof version === "number" && version <= BULK_RUN_VERSION ? run : { ...run, damaged: true };
}

const RUN_STATUSES: readonly BulkRunStatus[] = ["running", "paused", "stopped", "cancelled", "done"];
const ITEM_STATES: readonly BulkItemState[] = ["queued", "sending", "sent", "failed", "unknown"];

/** Reads one stored chunk; null when it is missing or holds anything but members (damaged). */
export function parseBulkChunk(raw: unknown): BulkItem[] | null {
  if (!Array.isArray(raw)) return null;
  const valid = raw.every(
    (item: unknown) =>
      isRecord(item) &&
      typeof item.index === "number" &&
      typeof item.recipient === "string" &&
      isChannel(item.channel) &&
      ITEM_STATES.includes(item.state as BulkItemState),
  );
  return valid ? (raw as BulkItem[]) : null;
}

/** Counts by state, all zero. */
export function emptyCounts(): Record<BulkItemState, number> {
  return { queued: 0, sending: 0, sent: 0, failed: 0, unknown: 0 };
}

/**
 * Whether "Retry failed" may queue this member again: it failed in a way that sent nothing and that
 * another try could change (the outcome table's `retryFailed`). A 404 cannot, an unknown never may.
 */
export function isRetryable(item: Pick<BulkItem, "state" | "outcome">): boolean {
  return item.state === "failed" && item.outcome !== undefined && OUTCOME_TRAITS[item.outcome].retryFailed;
}

/** Whether the run still has work: it is not over until done or cancelled (page and runner agree). */
export function isUnfinished(run: BulkRun | null): boolean {
  return run !== null && (run.status === "running" || run.status === "paused" || run.status === "stopped");
}

/** Reads the run's metadata, or null when there is no run. */
export async function readBulkRun(): Promise<BulkRun | null> {
  return parseBulkRun((await browser.storage.local.get(BULK_RUN_KEY))[BULK_RUN_KEY]);
}

/** Reads every item of the run, in order (a damaged chunk reads as none). */
export async function readBulkItems(run: BulkRun): Promise<BulkItem[]> {
  const keys = bulkChunkKeys(run.total);
  if (keys.length === 0) return [];
  const stored = await browser.storage.local.get(keys);
  return keys.flatMap((key) => parseBulkChunk(stored[key]) ?? []);
}
