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
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  async function readIndex(): Promise<SendLogIndex> {
    return parseSendLogIndex((await area.get(SEND_LOG_INDEX_KEY))[SEND_LOG_INDEX_KEY]);
  }

  async function readBucket(key: number): Promise<SendLogEntry[]> {
    const value = (await area.get(bucketKey(key)))[bucketKey(key)];
    return Array.isArray(value) ? (value as SendLogEntry[]) : [];
  }

  /** Drops whole old buckets, then old entries of the oldest bucket left, until both caps hold. */
  async function applyCaps(
    index: SendLogIndex,
    preferences: Preferences,
    now: number,
  ): Promise<SendLogIndex> {
    const cutoff = now - preferences.historyRetentionDays * DAY_MS;
    const buckets = [...index.buckets];
    const removed: string[] = [];
    let total = buckets.reduce((sum, b) => sum + b.count, 0);
    while (buckets.length > 0) {
      const oldest = buckets[0];
      if (oldest === undefined) break;
      const overCount = total - preferences.historyMaxEntries;
      if (oldest.newestAt < cutoff || overCount >= oldest.count) {
        buckets.shift();
        removed.push(bucketKey(oldest.key));
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
          removed.push(bucketKey(oldest.key));
          continue;
        }
        buckets[0] = { key: oldest.key, count: kept.length, oldestAt: first.at, newestAt: last.at };
        await area.set({ [bucketKey(oldest.key)]: kept });
      }
      break;
    }
    if (removed.length > 0) await area.remove(removed);
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
        await area.set({ [bucketKey(key)]: entries });
        const capped = await applyCaps({ buckets }, preferences, entry.at);
        await area.set({ [SEND_LOG_INDEX_KEY]: capped });
      }),

    clear: () =>
      serial(async () => {
        const index = await readIndex();
        await area.remove([SEND_LOG_INDEX_KEY, ...index.buckets.map((b) => bucketKey(b.key))]);
      }),

    prune: (preferences, now) =>
      serial(async () => {
        const index = await readIndex();
        const capped = await applyCaps(index, preferences, now);
        if (JSON.stringify(capped) !== JSON.stringify(index))
          await area.set({ [SEND_LOG_INDEX_KEY]: capped });
      }),
  };
}
