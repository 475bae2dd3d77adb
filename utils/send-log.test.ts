import { describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { OLD_BUCKET_SIZE, sendLogEntries, storeSendLog } from "../test/support/send-log-entries";
import {
  BUCKET_SIZE,
  bucketKey,
  findReachedSince,
  messageOf,
  parseSendLogBucket,
  parseSendLogEntry,
  parseSendLogIndex,
  readRecentSends,
  readSendLog,
  readSendsSince,
  recipientKey,
  SEND_LOG_INDEX_KEY,
  type SendLogEntry,
  watchSendLog,
} from "./send-log";

const NOW = Date.UTC(2026, 10, 27, 14, 0, 0);
const MINUTE = 60_000;

/** Entry `index` of a log whose entries are one second apart. */
const entry = sendLogEntries(NOW - 1_000_000);

const range = (count: number) => Array.from({ length: count }, (_, index) => entry(index));

/** The storage keys each storage.local.get asked for, flattened. */
function keysRead(get: { mock: { calls: unknown[][] } }): string[] {
  return get.mock.calls.flatMap(([keys]) => (Array.isArray(keys) ? keys : [keys])) as string[];
}

describe("reading the send log", () => {
  it("reads nothing from empty storage", async () => {
    expect(await readSendLog()).toEqual([]);
    expect(await readRecentSends(5)).toEqual([]);
    expect(await readSendsSince(0)).toEqual([]);
  });

  it("reads every bucket, newest first", async () => {
    const entries = range(OLD_BUCKET_SIZE * 2 + 10);
    await storeSendLog(entries);
    const read = await readSendLog();
    expect(read).toHaveLength(entries.length);
    expect(read.map((e) => e.id)).toEqual([...entries].reverse().map((e) => e.id));
  });

  it("tolerates a damaged index and missing or damaged buckets", async () => {
    for (const damaged of [null, "garbage", 42, { buckets: "x" }, { buckets: [{ key: "1" }, null] }]) {
      await fakeBrowser.storage.local.set({ [SEND_LOG_INDEX_KEY]: damaged, [bucketKey(1)]: [entry(1)] });
      expect(await readSendLog()).toEqual([]);
    }
    await fakeBrowser.storage.local.set({
      [SEND_LOG_INDEX_KEY]: {
        buckets: [
          { key: 1, count: 1, oldestAt: 0, newestAt: NOW },
          { key: 2, count: 1, oldestAt: 0, newestAt: NOW },
          { key: 3, count: 1, oldestAt: 0, newestAt: NOW },
        ],
      },
      [bucketKey(1)]: [entry(1)],
      [bucketKey(2)]: "not a list",
    });
    expect((await readSendLog()).map((e) => e.id)).toEqual(["e-1"]);
  });

  it("parses an index by dropping buckets it cannot use", () => {
    expect(parseSendLogIndex(undefined)).toEqual({ version: 1, buckets: [] });
    expect(
      parseSendLogIndex({
        buckets: [{ key: 1, count: 2, oldestAt: 1, newestAt: 2 }, { key: 2 }, "x"],
      }),
    ).toEqual({ version: 1, buckets: [{ key: 1, count: 2, oldestAt: 1, newestAt: 2 }] });
  });

  it("reads an index stored before the version mark as version 1, and a newer mark as it is", () => {
    const buckets = [{ key: 1, count: 2, oldestAt: 1, newestAt: 2 }];
    expect(parseSendLogIndex({ buckets })).toEqual({ version: 1, buckets });
    expect(parseSendLogIndex({ version: 7, buckets })).toEqual({ version: 7, buckets });
  });

  it("drops stored entries that are not entries", () => {
    const good = entry(1);
    expect(parseSendLogBucket([good, { id: "x" }, null, "y"])).toEqual([good]);
    expect(parseSendLogBucket({ not: "a list" })).toEqual([]);
  });

  it("reads the recent sends from the newest buckets only", async () => {
    const entries = range(OLD_BUCKET_SIZE * 3);
    await storeSendLog(entries);
    const get = vi.spyOn(fakeBrowser.storage.local, "get");
    const recent = await readRecentSends(5);
    expect(recent.map((e) => e.id)).toEqual(["e-749", "e-748", "e-747", "e-746", "e-745"]);
    expect(keysRead(get)).toEqual([SEND_LOG_INDEX_KEY, bucketKey(3)]);
  });

  it("reads across a bucket boundary when the newest bucket holds too few", async () => {
    await storeSendLog(range(OLD_BUCKET_SIZE + 2));
    const recent = await readRecentSends(5);
    expect(recent.map((e) => e.id)).toEqual(["e-251", "e-250", "e-249", "e-248", "e-247"]);
  });

  it("reads a log whose old buckets hold 250 entries and whose newer ones hold BUCKET_SIZE", async () => {
    const entries = range(OLD_BUCKET_SIZE + 3 * BUCKET_SIZE);
    const old = await storeSendLog(entries.slice(0, OLD_BUCKET_SIZE));
    const newer = entries.slice(OLD_BUCKET_SIZE);
    const items: Record<string, unknown> = {};
    for (let n = 0; n < 3; n++) {
      const bucket = newer.slice(n * BUCKET_SIZE, (n + 1) * BUCKET_SIZE);
      items[bucketKey(n + 2)] = bucket;
      old.buckets.push({
        key: n + 2,
        count: bucket.length,
        oldestAt: bucket[0]?.at ?? 0,
        newestAt: bucket[bucket.length - 1]?.at ?? 0,
      });
    }
    await fakeBrowser.storage.local.set({ ...items, [SEND_LOG_INDEX_KEY]: old });
    const all = await readSendLog();
    expect(all.map((e) => e.id)).toEqual([...entries].reverse().map((e) => e.id));
    const recent = await readRecentSends(BUCKET_SIZE + 1);
    expect(recent.map((e) => e.id)).toEqual(
      [...entries]
        .reverse()
        .slice(0, BUCKET_SIZE + 1)
        .map((e) => e.id),
    );
  });

  it("reads the sends since a time, from the buckets that reach it", async () => {
    const entries = range(OLD_BUCKET_SIZE * 2 + 10);
    await storeSendLog(entries);
    const since = (entries[OLD_BUCKET_SIZE * 2 + 5] as SendLogEntry).at;
    const get = vi.spyOn(fakeBrowser.storage.local, "get");
    const read = await readSendsSince(since);
    expect(read.map((e) => e.id)).toEqual(["e-509", "e-508", "e-507", "e-506", "e-505"]);
    expect(keysRead(get)).toEqual([SEND_LOG_INDEX_KEY, bucketKey(3)]);
  });
});

describe("parseSendLogEntry", () => {
  it("keeps an entry as stored", () => {
    const good = entry(1, { channel: "msisdn", recipient: "4740769126", status: null, outcome: "timeout" });
    expect(parseSendLogEntry(good)).toBe(good);
    const reset = entry(2, { message: "password-reset" });
    expect(parseSendLogEntry(reset)).toBe(reset);
  });

  it("keeps an entry from before message kinds, which is a registration password", () => {
    const { message: _, ...old } = entry(1);
    expect("message" in old).toBe(false);
    const parsed = parseSendLogEntry(old);
    expect(parsed).toEqual(old);
    expect(messageOf(parsed as SendLogEntry)).toBe("registration-password");
  });

  it.each([
    ["null", null],
    ["a string", "e-1"],
    ["a list", [entry(1)]],
    ["no id", { ...entry(1), id: undefined }],
    ["a time that is not a number", { ...entry(1), at: "yesterday" }],
    ["a time that is not finite", { ...entry(1), at: Number.NaN }],
    ["an unknown source", { ...entry(1), source: "fax" }],
    ["no connection id", { ...entry(1), connectionId: 7 }],
    ["an unknown environment", { ...entry(1), environment: "moon" }],
    ["no host", { ...entry(1), host: null }],
    ["an unknown channel", { ...entry(1), channel: "fax" }],
    ["no recipient", { ...entry(1), recipient: undefined }],
    ["an unknown message", { ...entry(1), message: "spam" }],
    ["an unknown outcome", { ...entry(1), outcome: "exploded" }],
    ["a status that is text", { ...entry(1), status: "200" }],
    ["no duration", { ...entry(1), durationMs: undefined }],
  ])("refuses %s", (_name, value) => {
    expect(parseSendLogEntry(value)).toBeNull();
  });

  it("is what the readers parse with: a malformed entry is left out, good ones kept", async () => {
    const entries = range(OLD_BUCKET_SIZE + 3);
    await storeSendLog(entries);
    const bucket = (await fakeBrowser.storage.local.get(bucketKey(2)))[bucketKey(2)] as unknown[];
    await fakeBrowser.storage.local.set({
      [bucketKey(2)]: [bucket[0], { ...entry(999), outcome: "exploded" }, null, ...bucket.slice(1)],
    });
    const newest = ["e-252", "e-251", "e-250"];
    expect((await readRecentSends(3)).map((e) => e.id)).toEqual(newest);
    const whole = await readSendLog();
    expect(whole).toHaveLength(entries.length);
    expect(whole.map((e) => e.id).slice(0, 4)).toEqual([...newest, "e-249"]);
  });
});

describe("watchSendLog", () => {
  it("calls back when the index changes in storage.local, until stopped", async () => {
    const onChange = vi.fn();
    const stop = watchSendLog(onChange);
    await fakeBrowser.storage.local.set({ [SEND_LOG_INDEX_KEY]: { buckets: [] } });
    expect(onChange).toHaveBeenCalledTimes(1);
    await fakeBrowser.storage.local.remove(SEND_LOG_INDEX_KEY);
    expect(onChange).toHaveBeenCalledTimes(2);
    stop();
    await fakeBrowser.storage.local.set({ [SEND_LOG_INDEX_KEY]: { buckets: [] } });
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it("ignores other keys and other storage areas", async () => {
    const onChange = vi.fn();
    watchSendLog(onChange);
    await fakeBrowser.storage.local.set({ settings: {}, [bucketKey(1)]: [] });
    await fakeBrowser.storage.session.set({ [SEND_LOG_INDEX_KEY]: { buckets: [] } });
    expect(onChange).not.toHaveBeenCalled();
  });
});

describe("recipientKey", () => {
  it.each([
    ["email", " Anna+Mall@Example.NO ", "anna+mall@example.no"],
    ["msisdn", "+47 407 69 126", "4740769126"],
    ["msisdn", "4740769126", "4740769126"],
  ] as const)("keys a %s recipient %j as %j", (channel, recipient, key) => {
    expect(recipientKey(channel, recipient)).toBe(key);
  });
});

describe("findReachedSince", () => {
  const target = {
    host: "api.mpc.dev.placewise.com",
    club: "infinity-mall",
    channel: "email" as const,
    recipient: "anna+mall@example.no",
  };
  const since = NOW - 10 * MINUTE;
  const accepted = (changes: Partial<SendLogEntry>) =>
    entry(0, { at: NOW - MINUTE, recipient: "anna+mall@example.no", ...changes });

  it("finds an accepted send to the same member, ignoring the email's case", () => {
    const found = accepted({ id: "hit", recipient: "Anna+Mall@Example.no" });
    expect(findReachedSince([found], target, since)).toBe(found);
  });

  it("returns the newest of several", () => {
    const older = accepted({ id: "older", at: NOW - 5 * MINUTE });
    const newer = accepted({ id: "newer", at: NOW - 2 * MINUTE });
    expect(findReachedSince([older, newer], target, since)?.id).toBe("newer");
  });

  it("matches an SMS recipient by its digits", () => {
    const sms = accepted({ channel: "msisdn", recipient: "4740769126" });
    expect(
      findReachedSince([sms], { ...target, channel: "msisdn", recipient: "+47 407 69 126" }, since),
    ).toBe(sms);
  });

  it.each([
    ["another club", { club: "harbour-centre" }],
    ["another API host", { host: "api.mpc.placewise.com" }],
    ["another channel", { channel: "msisdn" as const }],
    ["another member", { recipient: "kari@example.com" }],
    ["a refused send", { outcome: "member-not-found" as const, status: 404 }],
    ["a send before the window", { at: since - 1 }],
  ])("does not match %s", (_name, changes: Partial<SendLogEntry>) => {
    expect(findReachedSince([accepted(changes)], target, since)).toBeUndefined();
  });

  it.each([
    ["a timeout", "timeout" as const],
    ["a dropped connection", "network-error" as const],
    ["a 200 whose body broke off", "accepted-incomplete" as const],
  ])("matches a send that may have reached the member: %s", (_name, outcome) => {
    expect(findReachedSince([accepted({ outcome })], target, since)).toBeDefined();
  });

  it("matches a send exactly at the window's start", () => {
    expect(findReachedSince([accepted({ at: since })], target, since)).toBeDefined();
  });
});
