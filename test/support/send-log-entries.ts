import { fakeBrowser } from "wxt/testing/fake-browser";
import { bucketKey, SEND_LOG_INDEX_KEY, type SendLogEntry, type SendLogIndex } from "@/utils/send-log";

/**
 * A factory of send-log entries one second apart, entry 0 at `firstAt`, each with its own
 * recipient; `changes` override any field.
 */
export function sendLogEntries(firstAt: number) {
  return (index: number, changes: Partial<SendLogEntry> = {}): SendLogEntry => ({
    id: `e-${index}`,
    at: firstAt + index * 1000,
    source: "popup",
    connectionId: "c-1",
    connectionLabel: "Infinity Mall",
    environment: "staging",
    host: "api.mpc.dev.placewise.com",
    club: "infinity-mall",
    channel: "email",
    recipient: `member${index}@example.no`,
    outcome: "accepted",
    status: 200,
    durationMs: 100,
    ...changes,
  });
}

/** What a bucket held in builds before BUCKET_SIZE was lowered; their logs must stay readable and whole. */
export const OLD_BUCKET_SIZE = 250;

/**
 * Stores entries (oldest first) straight into fakeBrowser's storage, in full buckets of `size` with
 * their index, as a build with that size wrote them (readers go by the index's counts). Returns the index.
 */
export async function storeSendLog(entries: SendLogEntry[], size = OLD_BUCKET_SIZE): Promise<SendLogIndex> {
  const index: SendLogIndex = { buckets: [] };
  const items: Record<string, unknown> = {};
  for (let start = 0; start < entries.length; start += size) {
    const bucket = entries.slice(start, start + size);
    const key = index.buckets.length + 1;
    items[bucketKey(key)] = bucket;
    index.buckets.push({
      key,
      count: bucket.length,
      oldestAt: bucket[0]?.at ?? 0,
      newestAt: bucket[bucket.length - 1]?.at ?? 0,
    });
  }
  await fakeBrowser.storage.local.set({ ...items, [SEND_LOG_INDEX_KEY]: index });
  return index;
}
