import { browser } from "wxt/browser";
import {
  BUCKET_SIZE,
  bucketKey,
  parseSendLogIndex,
  readSendsSince,
  SEND_LOG_INDEX_KEY,
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

/**
 * The send log's writer. Writes are chained so two sends finishing together (bulk runs two at a
 * time) cannot both read the same bucket and lose one entry.
 */
export function createSendLogStore(): SendLogStore {
  const area = browser.storage.local;
  /** Every read-modify-write goes through here, one at a time. */
  const serial = createSerialQueue();

  // The background is the log's only writer (pages only read it), so what this store last read or
  // wrote is what storage holds: the index and the newest bucket are read once per worker, not on
  // every send. At 50 sends a second those reads were much of what limited a bulk run.
  let knownIndex: SendLogIndex | null = null;
  const knownBuckets = new Map<number, SendLogEntry[]>();

  async function readIndex(): Promise<SendLogIndex> {
    knownIndex ??= parseSendLogIndex((await area.get(SEND_LOG_INDEX_KEY))[SEND_LOG_INDEX_KEY]);
    return knownIndex;
  }

  async function readBucket(key: number): Promise<SendLogEntry[]> {
    const known = knownBuckets.get(key);
    if (known) return known;
    const value = (await area.get(bucketKey(key)))[bucketKey(key)];
    const entries = Array.isArray(value) ? (value as SendLogEntry[]) : [];
    knownBuckets.set(key, entries);
    return entries;
  }

  async function writeBucket(key: number, entries: SendLogEntry[]): Promise<void> {
    knownBuckets.set(key, entries);
    await area.set({ [bucketKey(key)]: entries });
  }

  async function writeIndex(index: SendLogIndex): Promise<void> {
    knownIndex = index;
    await area.set({ [SEND_LOG_INDEX_KEY]: index });
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
  ): Promise<SendLogIndex> {
    const cutoff = now - preferences.historyRetentionDays * DAY_MS;
    const buckets = [...index.buckets];
    const removed: number[] = [];
    let total = buckets.reduce((sum, b) => sum + b.count, 0);
    while (buckets.length > 0) {
      const oldest = buckets[0];
      if (oldest === undefined) break;
      const overCount = total - preferences.historyMaxEntries;
      if (oldest.newestAt < cutoff || overCount >= oldest.count) {
        buckets.shift();
        removed.push(oldest.key);
        total -= oldest.count;
        continue;
      }
      if (oldest.oldestAt < cutoff || overCount > 0) {
        const young = (await readBucket(oldest.key)).filter((e) => e.at >= cutoff);
        const stillOver = total - (oldest.count - young.length) - preferences.historyMaxEntries;
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
        await writeBucket(oldest.key, kept);
      }
      break;
    }
    await removeBuckets(removed);
    return { buckets };
  }

  return {
    readSince: readSendsSince,

    append: (entry, preferences) =>
      serial(async () => {
        if (!preferences.historyEnabled) return;
        const index = await readIndex();
        const last = index.buckets[index.buckets.length - 1];
        const buckets = [...index.buckets];
        let key: number;
        let entries: SendLogEntry[];
        if (last !== undefined && last.count < BUCKET_SIZE) {
          key = last.key;
          entries = [...(await readBucket(last.key)), entry];
          buckets[buckets.length - 1] = {
            key,
            count: entries.length,
            oldestAt: Math.min(last.oldestAt, entry.at),
            newestAt: Math.max(last.newestAt, entry.at),
          };
        } else {
          key = (last?.key ?? 0) + 1;
          entries = [entry];
          buckets.push({ key, count: 1, oldestAt: entry.at, newestAt: entry.at });
        }
        // The bucket first, then the index: a crash in between leaves an entry the index does not
        // count yet, never an index pointing at a bucket that is not there.
        await writeBucket(key, entries);
        await writeIndex(await applyCaps({ buckets }, preferences, entry.at));
      }),

    clear: () =>
      serial(async () => {
        const index = await readIndex();
        await removeBuckets(index.buckets.map((b) => b.key));
        await area.remove(SEND_LOG_INDEX_KEY);
        knownIndex = { buckets: [] };
      }),

    prune: (preferences, now) =>
      serial(async () => {
        const index = await readIndex();
        const capped = await applyCaps(index, preferences, now);
        if (JSON.stringify(capped) !== JSON.stringify(index)) await writeIndex(capped);
      }),
  };
}
