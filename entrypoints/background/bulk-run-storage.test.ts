import { beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { BULK_NOW as NOW, queuedItem, storedRun } from "@/test/support/bulk-run-fixtures";
import { BULK_RUN_KEY, type BulkItem, bulkChunkKey, readBulkItems, readBulkRun } from "@/utils/bulk-run";
import { claim, type StoredBulkRun } from "./bulk-machine";
import { createRunStorage, StorageFailure } from "./bulk-run-storage";

const TOTAL = 5;

const run = storedRun({ total: TOTAL, concurrency: 3, ratePerSecond: 50 });

const items: BulkItem[] = Array.from({ length: TOTAL }, (_, index) => queuedItem(index));

/** storage.local.set, held at the gate until `open()`; every call is recorded. */
function gatedSet() {
  const realSet = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
  const calls: Array<Record<string, unknown>> = [];
  let gate: Promise<void> | null = null;
  let open = () => {};
  let fail = false;
  const spy = vi.spyOn(fakeBrowser.storage.local, "set").mockImplementation(async (values) => {
    calls.push(structuredClone(values));
    if (gate) await gate;
    if (fail) throw new Error("QUOTA_BYTES quota exceeded");
    await realSet(values);
  });
  return {
    calls,
    spy,
    hold() {
      gate = new Promise<void>((resolve) => {
        open = () => {
          gate = null;
          resolve();
        };
      });
    },
    open: () => open(),
    failNext() {
      fail = true;
    },
  };
}

/** Claims the next member on the storage's copy of the run and stages it, as the runner does. */
async function stageClaim(storage: ReturnType<typeof createRunStorage>) {
  const current = (await storage.readRun()) as StoredBulkRun;
  const member = (await storage.findItem(current.cursor)) as BulkItem;
  const claimed = claim(current, member, NOW);
  return storage.stageItems(claimed.run, [claimed.item]);
}

const states = async () => (await readBulkItems((await readBulkRun()) as StoredBulkRun)).map((i) => i.state);

describe("the bulk run's storage (group commit)", () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it("writes changes staged during a write together in the next one, and settles each when stored", async () => {
    const storage = createRunStorage(async () => {});
    await storage.create(run, items);
    const set = gatedSet();
    set.hold();
    const first = await stageClaim(storage);
    // The runner decides from what is staged: the next claim takes the next member at once.
    const second = await stageClaim(storage);
    const third = await stageClaim(storage);
    expect(set.calls).toHaveLength(1);
    const settled: string[] = [];
    for (const [name, staged] of [
      ["first", first],
      ["second", second],
      ["third", third],
    ] as const)
      void staged.written.then(() => settled.push(name));
    await Promise.resolve();
    expect(settled).toEqual([]);
    set.open();
    await Promise.all([first.written, second.written, third.written]);
    // One write for the first claim, one for the two staged while it was under way.
    expect(set.calls).toHaveLength(2);
    expect((set.calls[1]?.[bulkChunkKey(0)] as BulkItem[] | undefined)?.map((i) => i.state)).toEqual([
      "sending",
      "sending",
      "sending",
      "queued",
      "queued",
    ]);
    expect(settled).toEqual(["first", "second", "third"]);
    expect(await states()).toEqual(["sending", "sending", "sending", "queued", "queued"]);
    expect(await readBulkRun()).toMatchObject({ cursor: 3, counts: { sending: 3, queued: 2 } });
  });

  it("settles a change only once storage holds it", async () => {
    const storage = createRunStorage(async () => {});
    await storage.create(run, items);
    const staged = await stageClaim(storage);
    let seen: string[] = [];
    await staged.written.then(async () => {
      seen = await states();
    });
    expect(seen[0]).toBe("sending");
  });

  it("refuses every change of a failed write and after it, keeps what was stored, and stops for it", async () => {
    const storage = createRunStorage(async () => {});
    await storage.create(run, items);
    await (await stageClaim(storage)).written;
    const set = gatedSet();
    set.hold();
    const failing = await stageClaim(storage);
    const behind = await stageClaim(storage);
    const outcomes = Promise.allSettled([failing.written, behind.written]);
    set.failNext();
    set.open();
    const [a, b] = await outcomes;
    expect(a).toMatchObject({ status: "rejected", reason: expect.any(StorageFailure) });
    expect(b).toMatchObject({ status: "rejected", reason: expect.any(StorageFailure) });
    // The runner's copy is back to what storage holds: members 1 and 2 were never stored `sending`.
    expect(await storage.readRun()).toMatchObject({ cursor: 1, counts: { sending: 1, queued: 4 } });
    expect((await storage.findItem(1))?.state).toBe("queued");
    expect(await states()).toEqual(["sending", "queued", "queued", "queued", "queued"]);
    // Nothing more is staged until the run is stopped for it.
    await expect(stageClaim(storage)).rejects.toBeInstanceOf(StorageFailure);
    set.spy.mockRestore();
    await storage.stopForStorage();
    expect((await fakeBrowser.storage.local.get(BULK_RUN_KEY))[BULK_RUN_KEY]).toMatchObject({
      status: "stopped",
      stopReason: "storage-failed",
      cursor: 1,
    });
    expect(await states()).toEqual(["sending", "queued", "queued", "queued", "queued"]);
  });
});
