import { batch, computed, type Signal, signal } from "@preact/signals";
import { browser } from "wxt/browser";
import {
  BULK_CHUNK_SIZE,
  BULK_RUN_KEY,
  type BulkItem,
  type BulkRun,
  bulkChunkKey,
  bulkChunkOfKey,
  parseBulkChunk,
  parseBulkRun,
} from "@/utils/bulk-run";

/*
 * The Bulk page's mirror of the stored run: what storage holds, kept live from the change events
 * the background's writes raise. The page only reads storage; the background writes it.
 */

/** What the stored run holds right now: its metadata and the chunks that were asked for. */
export interface StoredRunSnapshot {
  run: BulkRun | null;
  chunks: Map<number, BulkItem[]>;
}

/** What one storage change brought: `run` only when the metadata changed. */
export interface StoredRunChange {
  run?: BulkRun | null;
  chunks: Map<number, BulkItem[]>;
}

/** What the mirror needs from outside (part of BulkPageDeps). */
export interface StoredRunDeps {
  /** Reads the run's metadata and the given chunks in one storage read, so they agree. */
  readRun(chunks: readonly number[]): Promise<StoredRunSnapshot>;
  /** Calls back with what a storage change brought: the run's new metadata (null: removed), new chunks. */
  watchRun(onChange: (change: StoredRunChange) => void): () => void;
  /** The least time between two reads of the stored run while it changes, in ms. */
  refreshMs: number;
}

/** Reads the run's metadata and the given chunks from storage.local, in one read. */
export async function readStoredRun(chunks: readonly number[]): Promise<StoredRunSnapshot> {
  const stored = await browser.storage.local.get([BULK_RUN_KEY, ...chunks.map(bulkChunkKey)]);
  // Stored data is parsed as the runner parses it (utils/bulk-run.ts): the layout is defined there.
  const run = parseBulkRun(stored[BULK_RUN_KEY]);
  const read = new Map<number, BulkItem[]>();
  for (const chunk of chunks) {
    const value = parseBulkChunk(stored[bulkChunkKey(chunk)]);
    if (value !== null) read.set(chunk, value);
  }
  return { run, chunks: read };
}

/**
 * Like utils/bulk-run.ts's watchBulkRun, but hands over the new values the change event carries,
 * so the page need not read them again (a read waits behind the background's own writes).
 */
export function watchStoredRun(onChange: (change: StoredRunChange) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== "local") return;
    let run: BulkRun | null | undefined;
    const chunks = new Map<number, BulkItem[]>();
    for (const [key, change] of Object.entries(changes)) {
      if (key === BULK_RUN_KEY) {
        run = parseBulkRun(change.newValue);
        continue;
      }
      const chunk = bulkChunkOfKey(key);
      if (chunk !== null) chunks.set(chunk, parseBulkChunk(change.newValue) ?? []);
    }
    if (run !== undefined) onChange({ run, chunks });
    else if (chunks.size > 0) onChange({ chunks });
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/**
 * Merges a chunk's stored items into the shown ones. An unchanged item keeps its object, so its
 * memoized row skips rendering: a change to one recipient re-renders one row, not a hundred. From
 * a read (not an event) only items newer than the shown ones are taken.
 */
function mergeChunk(
  previous: readonly BulkItem[],
  next: readonly BulkItem[],
  fromEvent: boolean,
): BulkItem[] {
  return next.map((item, position) => {
    const old = previous[position];
    if (old === undefined || old.index !== item.index) return item;
    const same =
      old.updatedAt === item.updatedAt && old.state === item.state && old.attempts === item.attempts;
    return same || (!fromEvent && old.updatedAt > item.updatedAt) ? old : item;
  });
}

/** The stored run as signals, following storage; `refresh` reads it again (after the page's own actions). */
export function createRunMirror(deps: StoredRunDeps) {
  const run = signal<BulkRun | null>(null);
  /** One signal per stored chunk: a change re-renders that chunk's rows only. */
  const chunks = signal<ReadonlyArray<Signal<BulkItem[]>>>([]);
  /** Chunks the last whole read did not find in storage: a damaged run the background may not know of yet. */
  const missingChunks = signal<ReadonlySet<number>>(new Set());
  /** The run's members cannot all be read: it is shown as far as it can be, with Cancel and Clear. */
  const damaged = computed(() => run.value?.damaged === true || missingChunks.value.size > 0);
  /** Every member of the run, in order. */
  const items = () => chunks.value.flatMap((chunk) => chunk.value);

  // ---------------------------------------------------------------------------------------------
  // Following the stored run. The background rewrites the run and one chunk of items together many
  // times a second, and each change event already carries the new values: the page applies them
  // without reading storage again, at most once every refreshMs. It reads storage only on opening,
  // for a new run, and after its own actions.

  const pendingChunks = new Map<number, BulkItem[]>();
  /** The newest run metadata an event brought; undefined: none since the last flush. */
  let pendingRun: BulkRun | null | undefined;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;

  /**
   * Shows a stored state. An event is the newest state there is; a read may have been overtaken
   * by events while it waited, so it changes only what it holds a newer copy of. Returns false when
   * a whole read is needed (another run, or items the page does not have). `whole`: `stored` is a
   * read of every chunk, so a chunk it lacks is missing from storage (a damaged run) and is shown
   * empty; asking again would find it missing again, for ever.
   */
  function apply(
    next: BulkRun | null,
    stored: ReadonlyMap<number, BulkItem[]>,
    fromEvent: boolean,
    whole = false,
  ): boolean {
    const current = run.value;
    if (next === null) {
      batch(() => {
        run.value = null;
        chunks.value = [];
        missingChunks.value = new Set();
      });
      return true;
    }
    const count = Math.ceil(next.total / BULK_CHUNK_SIZE);
    if (current?.id !== next.id || chunks.value.length !== count) {
      if (!whole && stored.size < count) return false;
      batch(() => {
        chunks.value = Array.from({ length: count }, (_, chunk) => signal(stored.get(chunk) ?? []));
        missingChunks.value = new Set(
          Array.from({ length: count }, (_, chunk) => chunk).filter((chunk) => !stored.has(chunk)),
        );
        run.value = next;
      });
      return true;
    }
    batch(() => {
      for (const [chunk, items] of stored) {
        const target = chunks.value[chunk];
        if (target) target.value = mergeChunk(target.value, items, fromEvent);
      }
      if ([...stored.keys()].some((chunk) => missingChunks.value.has(chunk)))
        missingChunks.value = new Set([...missingChunks.value].filter((chunk) => !stored.has(chunk)));
      if (fromEvent || next.updatedAt > current.updatedAt) run.value = next;
    });
    return true;
  }

  /** Reads the run's metadata, and all its items when it is a run the page does not show yet. */
  async function readStored(): Promise<void> {
    const first = await deps.readRun([]);
    if (apply(first.run, new Map(), false) || first.run === null) return;
    const count = Math.ceil(first.run.total / BULK_CHUNK_SIZE);
    const all = await deps.readRun(Array.from({ length: count }, (_, chunk) => chunk));
    // The run changed between the two reads (cleared, or another one started): start over.
    if (all.run?.id !== first.run.id) return readStored();
    apply(all.run, all.chunks, false, true);
  }

  /** Reads one after the other, so two reads never interleave their results. */
  let chain: Promise<void> = Promise.resolve();
  function refreshInOrder(): Promise<void> {
    chain = chain
      .then(() => (disposed ? undefined : readStored()))
      .catch((error: unknown) => console.error("Reading the bulk run failed", error));
    return chain;
  }

  function flush(): void {
    timer = null;
    if (disposed) return;
    const next = pendingRun === undefined ? run.value : pendingRun;
    const stored = new Map(pendingChunks);
    pendingRun = undefined;
    pendingChunks.clear();
    if (!apply(next, stored, true)) void refreshInOrder();
  }

  const stopWatching = deps.watchRun((change) => {
    if (change.run !== undefined) pendingRun = change.run;
    for (const [chunk, items] of change.chunks) pendingChunks.set(chunk, items);
    if (timer === null && !disposed) timer = setTimeout(flush, deps.refreshMs);
  });

  return {
    run,
    chunks,
    damaged,
    items,
    refresh: refreshInOrder,
    dispose: () => {
      disposed = true;
      if (timer !== null) clearTimeout(timer);
      stopWatching();
    },
  };
}
