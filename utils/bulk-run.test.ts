import { describe, expect, it } from "vitest";
import {
  BULK_RUN_VERSION,
  type BulkItem,
  bulkChunkKey,
  bulkChunkOfKey,
  emptyCounts,
  isBulkChunkKey,
  parseBulkChunk,
  parseBulkRun,
} from "./bulk-run";

const run = {
  id: "run-1",
  connectionId: "c",
  connectionLabel: "Mall",
  environment: "dev",
  club: "club",
  host: "api.example",
  createdAt: 1,
  updatedAt: 1,
  status: "running",
  concurrency: 2,
  ratePerSecond: 5,
  resumeAt: 0,
  backoffMs: 0,
  total: 1,
  counts: { ...emptyCounts(), queued: 1 },
};
const item: BulkItem = {
  index: 0,
  channel: "email",
  recipient: "a@b.example",
  state: "queued",
  attempts: 0,
  updatedAt: 1,
};

describe("the bulk run's storage layout", () => {
  it("names chunk keys one way and recognises only those", () => {
    expect(isBulkChunkKey(bulkChunkKey(0))).toBe(true);
    expect(isBulkChunkKey(bulkChunkKey(12))).toBe(true);
    expect(bulkChunkOfKey(bulkChunkKey(12))).toBe(12);
    for (const key of [
      "bulkRun",
      "bulkRun.items.",
      "bulkRun.items.1x",
      "bulkRun.items.-1",
      "settings",
      "sendLog.1",
    ])
      expect(isBulkChunkKey(key)).toBe(false);
  });

  it("reads a run stored before the version mark as version 1, with everything kept", () => {
    expect(parseBulkRun(run)).toEqual({ ...run, version: 1 });
    expect(parseBulkRun({ ...run, version: BULK_RUN_VERSION })?.damaged).toBeUndefined();
  });

  it("reads a run of a newer layout as damaged, so nothing writes over it", () => {
    expect(parseBulkRun({ ...run, version: BULK_RUN_VERSION + 1 })).toMatchObject({ damaged: true });
  });

  it.each([
    ["nothing", undefined],
    ["a list", [run]],
    ["no id", { ...run, id: 1 }],
    ["an unknown status", { ...run, status: "sleeping" }],
    ["no counts", { ...run, counts: null }],
  ])("reads %s as no run", (_name, raw) => {
    expect(parseBulkRun(raw)).toBeNull();
  });

  it("reads a chunk that holds anything but members as damaged (null)", () => {
    expect(parseBulkChunk([item])).toEqual([item]);
    expect(parseBulkChunk(undefined)).toBeNull();
    expect(parseBulkChunk([item, { ...item, state: "lost" }])).toBeNull();
    expect(parseBulkChunk([{ ...item, channel: "fax" }])).toBeNull();
  });
});
