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

/**
 * The run and its members as this worker last read or wrote them (utils/bulk-run.ts defines the
 * layout). The runner is the run's only writer (pages only read, and act through messages to it),
 * so storage is read once per worker, not once per step: at 50 requests a second the reads were
 * what limited the rate (npm run bench). The copy changes only after storage took the write.
 */
export function createRunStorage(onWritten: (run: StoredBulkRun | null) => Promise<void>) {
  const area = browser.storage.local;
  let cache: { run: StoredBulkRun | null; chunks: Map<number, BulkItem[]> } | null = null;

  async function readRun(): Promise<StoredBulkRun | null> {
    if (cache === null) {
      const raw = (await area.get(BULK_RUN_KEY))[BULK_RUN_KEY];
      cache = { run: parseBulkRun(raw) as StoredBulkRun | null, chunks: new Map() };
    }
    return cache.run;
  }

  /** One chunk of members, or null when it is missing from storage (a damaged run). */
  async function readChunk(chunk: number): Promise<BulkItem[] | null> {
    await readRun();
    const known = cache?.chunks.get(chunk);
    if (known) return known;
    const items = parseBulkChunk((await area.get(bulkChunkKey(chunk)))[bulkChunkKey(chunk)]);
    if (items !== null) cache?.chunks.set(chunk, items);
    return items;
  }

  /** Writes the run (and any chunks) in one call, then the copy; throws StorageFailure. */
  async function write(run: StoredBulkRun, chunks: Record<number, BulkItem[]> = {}): Promise<void> {
    const marked: StoredBulkRun = { ...run, version: BULK_RUN_VERSION };
    const items: Record<string, unknown> = {};
    for (const [chunk, list] of Object.entries(chunks)) items[bulkChunkKey(Number(chunk))] = list;
    try {
      await area.set({ ...items, [BULK_RUN_KEY]: marked });
    } catch (error) {
      console.error("Could not store the bulk run", error);
      throw new StorageFailure("storage-failed");
    }
    if (cache) {
      cache.run = marked;
      for (const [chunk, list] of Object.entries(chunks)) cache.chunks.set(Number(chunk), list);
    }
    await onWritten(marked);
  }

  /** Writes members' changes with the run's, in one call; false when a chunk is gone (damaged). */
  async function writeItems(run: StoredBulkRun, changed: Iterable<BulkItem>): Promise<boolean> {
    const chunks: Record<number, BulkItem[]> = {};
    for (const item of changed) {
      const chunk = chunkOf(item.index);
      if (chunks[chunk] === undefined) {
        const stored = await readChunk(chunk);
        if (stored === null) return false;
        chunks[chunk] = [...stored];
      }
      chunks[chunk][item.index % BULK_CHUNK_SIZE] = item;
    }
    await write(run, chunks);
    return true;
  }

  return {
    readRun,
    readChunk,
    write,
    writeItems,

    async findItem(index: number): Promise<BulkItem | null> {
      return (await readChunk(chunkOf(index)))?.[index % BULK_CHUNK_SIZE] ?? null;
    },

    /** The run as last read or written, without reading storage. */
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
      const stored = await area.get(missing);
      for (const key of missing) {
        const items = parseBulkChunk(stored[key]);
        if (items === null) return false;
        cache?.chunks.set(keys.indexOf(key), items);
      }
      return true;
    },

    /** Stores a new run: its members first, so a run whose metadata exists always has them. */
    async create(run: StoredBulkRun, items: readonly BulkItem[]): Promise<void> {
      const chunks = new Map<number, BulkItem[]>();
      for (let first = 0; first < items.length; first += BULK_CHUNK_SIZE)
        chunks.set(chunkOf(first), items.slice(first, first + BULK_CHUNK_SIZE));
      await area.set(Object.fromEntries([...chunks].map(([chunk, list]) => [bulkChunkKey(chunk), list])));
      cache = { run: null, chunks };
      await write(run);
    },

    /** Removes a run and its members. */
    async clear(run: StoredBulkRun | null): Promise<void> {
      if (run === null) return;
      cache = { run: null, chunks: new Map() };
      await area.remove([BULK_RUN_KEY, ...bulkChunkKeys(run.total)]);
    },

    /** Stops the run after a storage failure, as far as storage still lets us say so. */
    async stopForStorage(): Promise<void> {
      const run = cache?.run;
      if (!run) return;
      const stopped = stop(run, "storage-failed");
      if (cache) cache.run = stopped;
      await area.set({ [BULK_RUN_KEY]: stopped }).catch(() => undefined);
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
