import type { StoredBulkRun } from "@/entrypoints/background/bulk-machine";
import { type BulkItem, emptyCounts } from "@/utils/bulk-run";

/** The moment the bulk runner's tests start at. */
export const BULK_NOW = 1_800_000_000_000;

/** A running run of `total` queued members (3 unless changed), one at a time at 5 a second. */
export function storedRun(changes: Partial<StoredBulkRun> = {}): StoredBulkRun {
  const total = changes.total ?? 3;
  return {
    id: "r",
    connectionId: "c",
    connectionLabel: "Mall",
    environment: "staging",
    club: "infinity-mall",
    host: "api.mpc.dev.placewise.com",
    createdAt: BULK_NOW,
    updatedAt: BULK_NOW,
    status: "running",
    concurrency: 1,
    ratePerSecond: 5,
    resumeAt: 0,
    backoffMs: 0,
    total,
    counts: { ...emptyCounts(), queued: total },
    cursor: 0,
    retry: [],
    ...changes,
  };
}

/** Member `index`, queued and never tried, with an address of its own. */
export function queuedItem(index: number, changes: Partial<BulkItem> = {}): BulkItem {
  return {
    index,
    channel: "email",
    recipient: `m${index}@example.no`,
    state: "queued",
    attempts: 0,
    updatedAt: BULK_NOW,
    ...changes,
  };
}
