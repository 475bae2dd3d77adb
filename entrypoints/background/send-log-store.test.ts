import { describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import {
  BUCKET_SIZE,
  bucketKey,
  readSendLog,
  SEND_LOG_INDEX_KEY,
  type SendLogEntry,
  type SendLogIndex,
} from "@/utils/send-log";
import { DEFAULT_PREFERENCES, type Preferences } from "@/utils/settings";
import { OLD_BUCKET_SIZE, sendLogEntries, storeSendLog } from "../../test/support/send-log-entries";
import { createSendLogStore } from "./send-log-store";

const NOW = Date.UTC(2026, 10, 27, 14, 0, 0);
const DAY = 24 * 60 * 60 * 1000;

/** Entry `index` of a log whose entries are one second apart. */
const entry = sendLogEntries(NOW - 100_000_000);

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => entry(from + i));

function preferences(changes: Partial<Preferences> = {}): Preferences {
  return { ...DEFAULT_PREFERENCES, ...changes };
}

async function storedIndex(): Promise<SendLogIndex> {
  return (await fakeBrowser.storage.local.get(SEND_LOG_INDEX_KEY))[SEND_LOG_INDEX_KEY] as SendLogIndex;
}

async function storedKeys(): Promise<string[]> {
  return Object.keys(await fakeBrowser.storage.local.get(null)).sort();
}

const ids = (entries: SendLogEntry[]) => entries.map((e) => e.id);

describe("the send log store", () => {
  it("appends into the newest bucket and starts a new one when it is full", async () => {
    const store = createSendLogStore();
    for (const e of range(0, BUCKET_SIZE + 1)) await store.append(e, preferences());
    const index = await storedIndex();
    expect(index.buckets.map((b) => [b.key, b.count])).toEqual([
      [1, BUCKET_SIZE],
      [2, 1],
    ]);
    expect(index.buckets[0]).toMatchObject({ oldestAt: entry(0).at, newestAt: entry(BUCKET_SIZE - 1).at });
    expect(index.buckets[1]).toMatchObject({
      oldestAt: entry(BUCKET_SIZE).at,
      newestAt: entry(BUCKET_SIZE).at,
    });
    const log = await readSendLog();
    expect(log).toHaveLength(BUCKET_SIZE + 1);
    expect(log[0]?.id).toBe(`e-${BUCKET_SIZE}`);
    expect(log[log.length - 1]?.id).toBe("e-0");
  });

  it("drops the oldest entries across buckets when over the count cap", async () => {
    await storeSendLog(range(0, 599));
    const store = createSendLogStore();
    await store.append(entry(599), preferences({ sendLogMaxEntries: 300 }));
    const log = await readSendLog();
    expect(log).toHaveLength(300);
    // 600 stored, 300 kept: all of bucket 1 and the older 50 of bucket 2 go. Bucket 3 (99) is
    // fuller than a new bucket may be, so the new entry starts bucket 4.
    expect(log[log.length - 1]?.id).toBe("e-300");
    expect(log[0]?.id).toBe("e-599");
    expect(await storedKeys()).toEqual([bucketKey(2), bucketKey(3), bucketKey(4), SEND_LOG_INDEX_KEY].sort());
    const index = await storedIndex();
    expect(index.buckets.map((b) => [b.key, b.count])).toEqual([
      [2, 200],
      [3, 99],
      [4, 1],
    ]);
    expect(index.buckets[0]?.oldestAt).toBe(entry(300).at);
  });

  it("keeps every entry of a log stored in 250-entry buckets, and adds to it in small buckets", async () => {
    await storeSendLog(range(0, 260));
    const set = vi.spyOn(fakeBrowser.storage.local, "set");
    const store = createSendLogStore();
    for (const e of range(260, 45)) await store.append(e, preferences());
    const log = await readSendLog();
    expect(log).toHaveLength(305);
    expect(new Set(ids(log)).size).toBe(305);
    expect(log[0]?.id).toBe("e-304");
    expect(log[log.length - 1]?.id).toBe("e-0");
    // The old full bucket is never rewritten; the short one fills up to BUCKET_SIZE, then a new one.
    expect((await storedIndex()).buckets.map((b) => [b.key, b.count])).toEqual([
      [1, 250],
      [2, BUCKET_SIZE],
      [3, 305 - 250 - BUCKET_SIZE],
    ]);
    const written = set.mock.calls.flatMap(([items]) => Object.keys(items));
    expect(written).not.toContain(bucketKey(1));
    expect(ids((await fakeBrowser.storage.local.get(bucketKey(1)))[bucketKey(1)] as SendLogEntry[])).toEqual(
      ids(range(0, 250)),
    );
  });

  it("drops entries older than the age cap, whole buckets and part of one", async () => {
    const old = range(0, OLD_BUCKET_SIZE).map((e) => ({ ...e, at: NOW - 10 * DAY + Number(e.id.slice(2)) }));
    // The second bucket straddles the cutoff: 100 entries 3 days old, 150 from today.
    const straddling = range(OLD_BUCKET_SIZE, OLD_BUCKET_SIZE).map((e, i) => ({
      ...e,
      at: i < 100 ? NOW - 3 * DAY + i : NOW - DAY / 2 + i,
    }));
    await storeSendLog([...old, ...straddling]);
    const store = createSendLogStore();
    await store.append(entry(999, { at: NOW }), preferences({ sendLogRetentionDays: 2 }));
    const log = await readSendLog();
    expect(log).toHaveLength(151);
    expect(log.every((e) => e.at >= NOW - 2 * DAY)).toBe(true);
    expect(await storedKeys()).not.toContain(bucketKey(1));
    expect((await storedIndex()).buckets.map((b) => [b.key, b.count])).toEqual([
      [2, 150],
      [3, 1],
    ]);
  });

  it("writes nothing while history is off", async () => {
    const store = createSendLogStore();
    await store.append(entry(1), preferences({ sendLogEnabled: false }));
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it("loses nothing when 50 sends finish together across a bucket boundary", async () => {
    await storeSendLog(range(0, BUCKET_SIZE - 20), BUCKET_SIZE);
    const store = createSendLogStore();
    await Promise.all(range(1000, 50).map((e) => store.append(e, preferences())));
    const log = await readSendLog();
    expect(log).toHaveLength(BUCKET_SIZE + 30);
    expect(new Set(ids(log)).size).toBe(BUCKET_SIZE + 30);
    for (const e of range(1000, 50)) expect(ids(log)).toContain(e.id);
    expect((await storedIndex()).buckets.map((b) => b.count)).toEqual([BUCKET_SIZE, 30]);
  });

  it("clears every entry and its index, and nothing else", async () => {
    await storeSendLog(range(0, OLD_BUCKET_SIZE + 5));
    await fakeBrowser.storage.local.set({ settings: { keep: true } });
    const store = createSendLogStore();
    await store.clear();
    expect(await storedKeys()).toEqual(["settings"]);
    expect(await readSendLog()).toEqual([]);
    await store.append(entry(7), preferences());
    expect(ids(await readSendLog())).toEqual(["e-7"]);
  });

  it("prunes without writing when nothing is over a cap", async () => {
    await storeSendLog(range(0, OLD_BUCKET_SIZE + 5));
    const set = vi.spyOn(fakeBrowser.storage.local, "set");
    const remove = vi.spyOn(fakeBrowser.storage.local, "remove");
    await createSendLogStore().prune(preferences({ sendLogRetentionDays: 90 }), NOW);
    expect(set).not.toHaveBeenCalled();
    expect(remove).not.toHaveBeenCalled();
  });

  it("prunes when a cap was tightened", async () => {
    await storeSendLog(range(0, OLD_BUCKET_SIZE + 5));
    await createSendLogStore().prune(preferences({ sendLogMaxEntries: 100 }), NOW);
    const log = await readSendLog();
    expect(log).toHaveLength(100);
    expect(log[0]?.id).toBe(`e-${OLD_BUCKET_SIZE + 4}`);
  });

  it.each([
    ["not an object", "garbage"],
    ["buckets not a list", { buckets: "x" }],
    ["buckets without keys", { buckets: [{ count: 3 }, null] }],
  ])("tolerates a damaged index (%s): it starts again", async (_name, damaged) => {
    await fakeBrowser.storage.local.set({ [SEND_LOG_INDEX_KEY]: damaged });
    const store = createSendLogStore();
    await store.append(entry(1), preferences());
    await store.append(entry(2), preferences());
    expect(ids(await readSendLog())).toEqual(["e-2", "e-1"]);
    await expect(store.prune(preferences(), NOW)).resolves.toBeUndefined();
  });

  it("reads the sends since a time for the recent-send check", async () => {
    await storeSendLog(range(0, 10));
    const since = entry(7).at;
    expect(ids(await createSendLogStore().readSince(since))).toEqual(["e-9", "e-8", "e-7"]);
  });

  it("keeps a log stored before the version mark, and marks the index version 1 on the next write", async () => {
    await storeSendLog(range(0, 3));
    expect((await storedIndex()).version).toBeUndefined();
    await createSendLogStore().append(entry(3), preferences());
    expect(await storedIndex()).toMatchObject({ version: 1, buckets: [{ key: 1, count: 4 }] });
    expect(ids(await readSendLog())).toEqual(["e-3", "e-2", "e-1", "e-0"]);
  });

  it("never writes over a log a newer build laid out, and says the entry was not recorded", async () => {
    await storeSendLog(range(0, 3));
    const index = await storedIndex();
    await fakeBrowser.storage.local.set({ [SEND_LOG_INDEX_KEY]: { ...index, version: 99 } });
    const store = createSendLogStore();
    await expect(store.append(entry(3), preferences())).rejects.toThrow();
    await expect(store.clear()).rejects.toThrow();
    expect(await storedIndex()).toEqual({ ...index, version: 99 });
    expect(ids(await store.readSince(0))).toEqual(["e-2", "e-1", "e-0"]);
  });

  it("writes entries that arrive during a write together in the next one", async () => {
    const store = createSendLogStore();
    const set = vi.spyOn(fakeBrowser.storage.local, "set");
    await Promise.all(range(0, 20).map((e) => store.append(e, preferences())));
    expect(ids(await readSendLog())).toHaveLength(20);
    // One write per batch: the first entry alone, then the other 19 together.
    expect(set.mock.calls.length).toBeLessThanOrEqual(2);
  });

  it("answers the recent-send check from what it wrote, without reading storage again", async () => {
    const store = createSendLogStore();
    await store.append(entry(1), preferences());
    const get = vi.spyOn(fakeBrowser.storage.local, "get");
    expect(ids(await store.readSince(0))).toEqual(["e-1"]);
    expect(get).not.toHaveBeenCalled();
  });
});
