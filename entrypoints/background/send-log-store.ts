import { browser } from "wxt/browser";
import {
  BUCKET_SIZE,
  bucketKey,
  parseSendLogBucket,
  parseSendLogIndex,
  SEND_LOG_INDEX_KEY,
  SEND_LOG_VERSION,
  type SendLogEntry,
  type SendLogIndex,
} from "@/utils/send-log";
import type { Preferences } from "@/utils/settings";
import { createSerialQueue } from "./serial-queue";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Writes to the send log. Only the background writes, one change at a time. */
export interface SendLogStore {
  /** Adds one entry, then applies the retention caps. Does nothing when history is off. */
  append(entry: SendLogEntry, preferences: Preferences): Promise<void>;
  /** Removes every entry. */
  clear(): Promise<void>;
  /** Applies the retention caps (age and count) without adding anything. */
  prune(preferences: Preferences, now: number): Promise<void>;
  /** The entries at or after `since`, newest first. */
  readSince(since: number): Promise<SendLogEntry[]>;
}

/** A log laid out by a newer build: this one reads it but never writes over what it cannot read. */
class NewerSendLog extends Error {}

interface PendingAppend {
  entry: SendLogEntry;
  preferences: Preferences;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * The send log's writer. Writes are chained so two sends finishing together (bulk runs several at
 * a time) cannot both read the same bucket and lose one entry; entries that arrive while a write
 * is under way are written together in the next one (a bulk run at 50 a second otherwise queued
 * two writes of a whole bucket per send behind each other).
 */
export function createSendLogStore(): SendLogStore {
  const area = browser.storage.local;
  /** Every read-modify-write goes through here, one at a time. */
  const serial = createSerialQueue();

  // The background is the log's only writer (pages only read it), so what this store last read or
  // wrote is what storage holds: the index and the buckets are read once per worker, not on every
  // send. At 50 sends a second those reads were much of what limited a bulk run.
  let knownIndex: SendLogIndex | null = null;
  const knownBuckets = new Map<number, SendLogEntry[]>();
  let pending: PendingAppend[] = [];

  async function readIndex(): Promise<SendLogIndex> {
    knownIndex ??= parseSendLogIndex((await area.get(SEND_LOG_INDEX_KEY))[SEND_LOG_INDEX_KEY]);
    return knownIndex;
  }

  /** The index, for a change: refused when a newer build laid the log out. */
  async function indexToChange(): Promise<SendLogIndex> {
    const index = await readIndex();
    if ((index.version ?? 1) > SEND_LOG_VERSION) throw new NewerSendLog("newer-version");
    return index;
  }

  async function readBucket(key: number): Promise<SendLogEntry[]> {
    const known = knownBuckets.get(key);
    if (known) return known;
    const entries = parseSendLogBucket((await area.get(bucketKey(key)))[bucketKey(key)]);
    knownBuckets.set(key, entries);
    return entries;
  }

  /** Writes buckets and the index (marked with this build's layout version) in one call. */
  async function writeBucketsAndIndex(
    buckets: Map<number, SendLogEntry[]>,
    index: SendLogIndex | null,
  ): Promise<void> {
    const marked = index === null ? null : { ...index, version: SEND_LOG_VERSION };
    const live = new Set(marked?.buckets.map((b) => b.key) ?? [...buckets.keys()]);
    const items: Record<string, unknown> = {};
    for (const [key, entries] of buckets) if (live.has(key)) items[bucketKey(key)] = entries;
    if (marked !== null) items[SEND_LOG_INDEX_KEY] = marked;
    if (Object.keys(items).length > 0) await area.set(items);
    for (const [key, entries] of buckets) if (live.has(key)) knownBuckets.set(key, entries);
    if (marked !== null) knownIndex = marked;
  }

  async function removeBuckets(keys: number[]): Promise<void> {
    for (const key of keys) knownBuckets.delete(key);
    if (keys.length > 0) await area.remove(keys.map(bucketKey));
  }

  /** Drops whole old buckets, then old entries of the oldest bucket left, until both caps hold. */
  async function applyCaps(
    index: SendLogIndex,
    preferences: Preferences,
    now: number,
    changed: Map<number, SendLogEntry[]> = new Map(),
  ): Promise<SendLogIndex> {
    const cutoff = now - preferences.sendLogRetentionDays * DAY_MS;
    const buckets = [...index.buckets];
    const removed: number[] = [];
    let total = buckets.reduce((sum, b) => sum + b.count, 0);
    while (buckets.length > 0) {
      const oldest = buckets[0];
      if (oldest === undefined) break;
      const overCount = total - preferences.sendLogMaxEntries;
      if (oldest.newestAt < cutoff || overCount >= oldest.count) {
        buckets.shift();
        removed.push(oldest.key);
        total -= oldest.count;
        continue;
      }
      if (oldest.oldestAt < cutoff || overCount > 0) {
        const young = (changed.get(oldest.key) ?? (await readBucket(oldest.key))).filter(
          (e) => e.at >= cutoff,
        );
        const stillOver = total - (oldest.count - young.length) - preferences.sendLogMaxEntries;
        const kept = young.slice(Math.max(0, stillOver));
        total -= oldest.count - kept.length;
        const first = kept[0];
        const last = kept[kept.length - 1];
        if (first === undefined || last === undefined) {
          buckets.shift();
          removed.push(oldest.key);
          continue;
        }
        buckets[0] = { key: oldest.key, count: kept.length, oldestAt: first.at, newestAt: last.at };
        // Written with the index by the caller.
        changed.set(oldest.key, kept);
      }
      break;
    }
    await removeBuckets(removed);
    return { ...index, buckets };
  }

  /** Writes every entry waiting, with the index, in one storage write. */
  async function writePending(): Promise<void> {
    const batch = pending;
    pending = [];
    const last = batch[batch.length - 1];
    if (last === undefined) return;
    try {
      const index = await indexToChange();
      const buckets = [...index.buckets];
      const changed = new Map<number, SendLogEntry[]>();
      for (const { entry } of batch) {
        const newest = buckets[buckets.length - 1];
        if (newest !== undefined && newest.count < BUCKET_SIZE) {
          const entries = [...(changed.get(newest.key) ?? (await readBucket(newest.key))), entry];
          changed.set(newest.key, entries);
          buckets[buckets.length - 1] = {
            key: newest.key,
            count: entries.length,
            oldestAt: Math.min(newest.oldestAt, entry.at),
            newestAt: Math.max(newest.newestAt, entry.at),
          };
        } else {
          const key = (newest?.key ?? 0) + 1;
          changed.set(key, [entry]);
          buckets.push({ key, count: 1, oldestAt: entry.at, newestAt: entry.at });
        }
      }
      // The buckets and the index in one set(): the browser stores one call's keys together
      // (Chrome: one LevelDB write batch; Firefox: one IndexedDB transaction), so no index points
      // at a bucket that is not there, and a send costs one storage write, not two (npm run bench).
      const newestAt = Math.max(...batch.map((b) => b.entry.at));
      const capped = await applyCaps({ ...index, buckets }, last.preferences, newestAt, changed);
      await writeBucketsAndIndex(changed, capped);
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    for (const waiting of batch) waiting.resolve();
  }

  return {
    async readSince(since) {
      const index = await readIndex();
      const entries: SendLogEntry[] = [];
      for (const bucket of index.buckets)
        if (bucket.newestAt >= since) entries.push(...(await readBucket(bucket.key)));
      return entries.filter((e) => e.at >= since).sort((a, b) => b.at - a.at);
    },

    append: (entry, preferences) => {
      if (!preferences.sendLogEnabled) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        pending.push({ entry, preferences, resolve, reject });
        // The first entry waiting books the write; later ones join it until it starts.
        if (pending.length === 1) void serial(writePending);
      });
    },

    clear: () =>
      serial(async () => {
        const index = await indexToChange();
        await removeBuckets(index.buckets.map((b) => b.key));
        await area.remove(SEND_LOG_INDEX_KEY);
        knownIndex = { version: SEND_LOG_VERSION, buckets: [] };
      }),

    prune: (preferences, now) =>
      serial(async () => {
        const index = await indexToChange();
        const trimmed = new Map<number, SendLogEntry[]>();
        const capped = await applyCaps(index, preferences, now, trimmed);
        if (JSON.stringify(capped.buckets) !== JSON.stringify(index.buckets))
          await writeBucketsAndIndex(trimmed, capped);
      }),
  };
}
