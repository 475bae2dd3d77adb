import { browser } from "wxt/browser";
import {
  BULK_CHUNK_SIZE,
  BULK_RUN_KEY,
  BULK_RUN_VERSION,
  type BulkItem,
  bulkChunkKey,
  bulkChunkKeys,
  chunkOf,
  parseBulkChunk,
  parseBulkRun,
} from "@/utils/bulk-run";
import { isActive, type StoredBulkRun, stop } from "./bulk-machine";

/** A storage write failed: the run stops, and nothing more is sent. */
export class StorageFailure extends Error {}

/** A staged change's promise: settles when storage took a write that holds it. */
export interface Staged {
  written: Promise<void>;
}

/**
 * The run and its members, for the runner (utils/bulk-run.ts defines the layout). The runner is
 * the run's only writer (pages only read, and act through messages to it), so storage is read once
 * per worker, not once per step: at 50 requests a second the reads were what limited the rate.
 *
 * Writes are group-committed: a change is staged (the runner decides from it at once) and goes
 * out in the next storage write, together with every change staged while the write before it was
 * under way; each change's promise settles when a write holding it is done. So a claim need not
 * wait for the claim before it to be stored, only for its own (npm run bench: one claim write at
 * a time was what paced the run). A failed write takes back everything not yet stored, and every
 * change after it is refused until the run is stopped for it: nothing staged later is sent.
 */
export function createRunStorage(onWritten: (run: StoredBulkRun | null) => Promise<void>) {
  const area = browser.storage.local;
  /** What the runner decides from: storage plus what is staged. */
  let cache: { run: StoredBulkRun | null; chunks: Map<number, BulkItem[]> } | null = null;
  /** What storage holds (as read or written): a failed write goes back to it. */
  let stored: { run: StoredBulkRun | null; chunks: Map<number, BulkItem[]> } = {
    run: null,
    chunks: new Map(),
  };
  /** Chunks staged since the last write started (the run goes with every write). */
  const dirtyChunks = new Set<number>();
  let waiting: Array<{ resolve(): void; reject(error: unknown): void }> = [];
  let writing = false;
  /** A write failed and the run was not yet stopped for it: refuse every change. */
  let failed = false;
  const idle: Array<() => void> = [];

  async function readRun(): Promise<StoredBulkRun | null> {
    if (cache === null) {
      const raw = (await area.get(BULK_RUN_KEY))[BULK_RUN_KEY];
      const run = parseBulkRun(raw) as StoredBulkRun | null;
      if (cache === null) {
        cache = { run, chunks: new Map() };
        stored = { run, chunks: new Map() };
      }
    }
    return cache.run;
  }

  /** One chunk of members, or null when it is missing from storage (a damaged run). */
  async function readChunk(chunk: number): Promise<BulkItem[] | null> {
    await readRun();
    const known = cache?.chunks.get(chunk);
    if (known) return known;
    const items = parseBulkChunk((await area.get(bulkChunkKey(chunk)))[bulkChunkKey(chunk)]);
    if (items !== null) remember(chunk, items);
    return items;
  }

  function remember(chunk: number, items: BulkItem[]) {
    cache?.chunks.set(chunk, items);
    stored.chunks.set(chunk, items);
  }

  /** Writes what is staged, then what was staged meanwhile, one write at a time. */
  async function flush(): Promise<void> {
    writing = true;
    while (waiting.length > 0 && cache !== null) {
      const batch = waiting;
      waiting = [];
      const chunks = [...dirtyChunks];
      dirtyChunks.clear();
      const run = cache.run;
      const items: Record<string, unknown> = {};
      for (const chunk of chunks) items[bulkChunkKey(chunk)] = cache.chunks.get(chunk);
      items[BULK_RUN_KEY] = run;
      try {
        await area.set(items);
      } catch (error) {
        console.error("Could not store the bulk run", error);
        // Back to what storage holds; nothing staged after this write goes out either.
        failed = true;
        cache.run = stored.run;
        for (const chunk of [...chunks, ...dirtyChunks]) {
          const known = stored.chunks.get(chunk);
          if (known) cache.chunks.set(chunk, known);
          else cache.chunks.delete(chunk);
        }
        dirtyChunks.clear();
        const refused = [...batch, ...waiting];
        waiting = [];
        const failure = new StorageFailure("storage-failed");
        for (const change of refused) change.reject(failure);
        break;
      }
      stored.run = run;
      for (const chunk of chunks) stored.chunks.set(chunk, items[bulkChunkKey(chunk)] as BulkItem[]);
      await onWritten(run);
      for (const change of batch) change.resolve();
    }
    writing = false;
    for (const resolve of idle.splice(0)) resolve();
  }

  /**
   * Stages the run (marked with this build's layout version) and any whole chunks: the runner's
   * copy has them at once, storage with the next write. Throws StorageFailure after a failed write.
   */
  function stage(run: StoredBulkRun, chunks: Record<number, BulkItem[]> = {}): Staged {
    if (failed) throw new StorageFailure("storage-failed");
    cache ??= { run: null, chunks: new Map() };
    cache.run = { ...run, version: BULK_RUN_VERSION };
    for (const [chunk, list] of Object.entries(chunks)) {
      cache.chunks.set(Number(chunk), list);
      dirtyChunks.add(Number(chunk));
    }
    const written = new Promise<void>((resolve, reject) => waiting.push({ resolve, reject }));
    if (!writing) void flush();
    return { written };
  }

  /** Writes the run (and any chunks), with whatever else is staged; throws StorageFailure. */
  async function write(run: StoredBulkRun, chunks: Record<number, BulkItem[]> = {}): Promise<void> {
    await stage(run, chunks).written;
  }

  /** Stages members' changes with the run's; each chunk changed is copied, never changed in place. */
  async function stageItems(run: StoredBulkRun, changed: Iterable<BulkItem>): Promise<Staged> {
    const chunks: Record<number, BulkItem[]> = {};
    for (const item of changed) {
      const chunk = chunkOf(item.index);
      if (chunks[chunk] === undefined) {
        const known = await readChunk(chunk);
        // The runner found each item in its chunk, so a chunk gone here is gone from storage.
        if (known === null) throw new Error(`Chunk ${chunk} of the bulk run is missing`);
        chunks[chunk] = [...known];
      }
      chunks[chunk][item.index % BULK_CHUNK_SIZE] = item;
    }
    return stage(run, chunks);
  }

  /** No write is under way (before the run's keys are removed or rewritten whole). */
  const settledWrites = () =>
    writing ? new Promise<void>((resolve) => idle.push(resolve)) : Promise.resolve();

  return {
    readRun,
    readChunk,
    write,
    stageItems,

    /** Writes members' changes with the run's, with whatever else is staged. */
    async writeItems(run: StoredBulkRun, changed: Iterable<BulkItem>): Promise<void> {
      await (await stageItems(run, changed)).written;
    },

    async findItem(index: number): Promise<BulkItem | null> {
      return (await readChunk(chunkOf(index)))?.[index % BULK_CHUNK_SIZE] ?? null;
    },

    /** The run as the runner last decided it, without reading storage. */
    current(): StoredBulkRun | null {
      return cache?.run ?? null;
    },

    /** Marks a run whose members cannot all be read as damaged; it stops and waits for the operator. */
    async markDamaged(run: StoredBulkRun): Promise<void> {
      await write({ ...run, status: run.status === "running" ? "stopped" : run.status, damaged: true });
    },

    /**
     * Reads every chunk the run should have in one call, once per worker; false when one is
     * missing. A new worker checks this first, so a damaged run is said to be damaged at once,
     * not when the loop reaches the gap.
     */
    async loadAllChunks(run: StoredBulkRun): Promise<boolean> {
      const keys = bulkChunkKeys(run.total);
      const missing = keys.filter((_, chunk) => !cache?.chunks.has(chunk));
      if (missing.length === 0) return true;
      const found = await area.get(missing);
      for (const key of missing) {
        const items = parseBulkChunk(found[key]);
        if (items === null) return false;
        remember(keys.indexOf(key), items);
      }
      return true;
    },

    /** Stores a new run: its members first, so a run whose metadata exists always has them. */
    async create(run: StoredBulkRun, items: readonly BulkItem[]): Promise<void> {
      await settledWrites();
      const chunks = new Map<number, BulkItem[]>();
      for (let first = 0; first < items.length; first += BULK_CHUNK_SIZE)
        chunks.set(chunkOf(first), items.slice(first, first + BULK_CHUNK_SIZE));
      await area.set(Object.fromEntries([...chunks].map(([chunk, list]) => [bulkChunkKey(chunk), list])));
      cache = { run: null, chunks: new Map(chunks) };
      stored = { run: null, chunks: new Map(chunks) };
      await write(run);
    },

    /** Removes a run and its members. */
    async clear(run: StoredBulkRun | null): Promise<void> {
      if (run === null) return;
      await settledWrites();
      cache = { run: null, chunks: new Map() };
      stored = { run: null, chunks: new Map() };
      await area.remove([BULK_RUN_KEY, ...bulkChunkKeys(run.total)]);
    },

    /** Stops the run after a storage failure, as far as storage still lets us say so. */
    async stopForStorage(): Promise<void> {
      await settledWrites();
      failed = false;
      const run = cache?.run;
      if (!run) return;
      const stopped = stop(run, "storage-failed");
      if (cache) cache.run = stopped;
      await area.set({ [BULK_RUN_KEY]: stopped }).then(
        () => {
          stored.run = stopped;
        },
        () => undefined,
      );
    },
  };
}

/** The runner's storage of its run. */
export type RunStorage = ReturnType<typeof createRunStorage>;

/** Keeps the resume alarm in step with the run: set while it may send by itself, cleared otherwise. */
export function alarmSync(alarm: { set(active: boolean): Promise<void> } | undefined) {
  let alarmOn: boolean | null = null;
  return async (run: StoredBulkRun | null): Promise<void> => {
    const wanted = isActive(run);
    if (alarm === undefined || wanted === alarmOn) return;
    alarmOn = wanted;
    await alarm.set(wanted).catch((error: unknown) => console.error("Could not set the bulk alarm", error));
  };
}
