import { batch, computed, effect, type Signal, signal } from "@preact/signals";
import { browser } from "wxt/browser";
import { type BulkInput, type BulkInputOptions, parseBulkInput } from "@/utils/bulk-input";
import {
  BULK_CHUNK_SIZE,
  BULK_RUN_KEY,
  type BulkItem,
  type BulkRun,
  bulkChunkKey,
  isRetryable,
  isUnfinished,
} from "@/utils/bulk-run";
import type { Channel } from "@/utils/channel";
import { isProductionEnvironment } from "@/utils/environments";
import { type BulkRunRequest, type StartBulkRunResult, sendToBackground } from "@/utils/messages";
import { readPolicy } from "@/utils/policy";
import { readSendsSince, type SendLogEntry } from "@/utils/send-log";
import {
  activeConnection,
  type Connection,
  EMPTY_SETTINGS,
  readSettings,
  type StoredSettings,
  watchSettings,
} from "@/utils/settings";
import { downloadText } from "@/utils/spreadsheet-export";
import { buildBulkCsv, bulkCsvFileName } from "./csv";
import { findRecentlyReached, type RecentMember } from "./recent";

/** Requests started per second unless the operator says otherwise (the background's default too). */
export const DEFAULT_RATE = 5;
/** Requests in flight at once unless the operator says otherwise (the background's default too). */
export const DEFAULT_CONCURRENCY = 2;
/** The rates the background accepts (entrypoints/background/bulk-runner.ts, readRequest). */
export const RATE_LIMITS = { min: 0.1, max: 100 } as const;
/** The concurrency the background accepts. */
export const CONCURRENCY_LIMITS = { min: 1, max: 10 } as const;

/**
 * The largest CSV or text file the page reads, in bytes. The page reads and parses a file on its own
 * thread: a 50 MB file froze it for 10 s. A full run (MAX_BULK_RECIPIENTS members) fits in well
 * under 1 MB, even with a few more columns.
 */
export const MAX_BULK_FILE_BYTES = 2 * 1024 * 1024;

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

/** What the Bulk page needs from outside; component tests pass fakes. */
export interface BulkPageDeps {
  readSettings(): Promise<StoredSettings>;
  /** Whether the organisation's policy allows bulk runs (bulkEnabled); the background refuses too. */
  readBulkEnabled(): Promise<boolean>;
  watchSettings(onChange: () => void): () => void;
  /** Reads the run's metadata and the given chunks in one storage read, so they agree. */
  readRun(chunks: readonly number[]): Promise<StoredRunSnapshot>;
  /** Calls back with what a storage change brought: the run's new metadata (null: removed), new chunks. */
  watchRun(onChange: (change: StoredRunChange) => void): () => void;
  /** The send log's entries since a time, newest first (the repeat window's check). */
  readSendsSince(since: number): Promise<SendLogEntry[]>;
  /** Reads the list (utils/bulk-input.ts loads papaparse, and the phone library, on first use). */
  parse(text: string, options: BulkInputOptions): Promise<BulkInput>;
  start(request: BulkRunRequest): Promise<StartBulkRunResult>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  cancel(): Promise<void>;
  retryFailed(): Promise<{ requeued: number }>;
  clear(): Promise<void>;
  /** Makes sure a service worker runs: a new one picks up a run the old one left (resumeUnfinished). */
  wake(): Promise<void>;
  buildCsv(run: BulkRun, items: readonly BulkItem[]): Promise<string>;
  download(fileName: string, content: string): void;
  openOptions(): void;
  now(): number;
  /** The least time between two reads of the stored run while it changes, in ms. */
  refreshMs: number;
}

async function readStoredRun(chunks: readonly number[]): Promise<StoredRunSnapshot> {
  const stored = await browser.storage.local.get([BULK_RUN_KEY, ...chunks.map(bulkChunkKey)]);
  const raw = stored[BULK_RUN_KEY];
  const run = typeof raw === "object" && raw !== null ? (raw as BulkRun) : null;
  const read = new Map<number, BulkItem[]>();
  for (const chunk of chunks) {
    const value = stored[bulkChunkKey(chunk)];
    if (Array.isArray(value)) read.set(chunk, value as BulkItem[]);
  }
  return { run, chunks: read };
}

const CHUNK_KEY = /^bulkRun\.items\.(\d+)$/u;

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
        run =
          typeof change.newValue === "object" && change.newValue !== null
            ? (change.newValue as BulkRun)
            : null;
        continue;
      }
      const chunk = CHUNK_KEY.exec(key)?.[1];
      if (chunk !== undefined)
        chunks.set(Number(chunk), Array.isArray(change.newValue) ? (change.newValue as BulkItem[]) : []);
    }
    if (run !== undefined) onChange({ run, chunks });
    else if (chunks.size > 0) onChange({ chunks });
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** The real dependencies: storage read directly, every change through the background. */
export const browserBulkDeps: BulkPageDeps = {
  readSettings,
  readBulkEnabled: async () => (await readPolicy()).policy.bulkEnabled,
  watchSettings,
  readRun: readStoredRun,
  watchRun: watchStoredRun,
  readSendsSince,
  parse: parseBulkInput,
  start: (request) => sendToBackground("startBulkRun", request),
  pause: async () => {
    await sendToBackground("pauseBulkRun", null);
  },
  resume: async () => {
    await sendToBackground("resumeBulkRun", null);
  },
  cancel: async () => {
    await sendToBackground("cancelBulkRun", null);
  },
  retryFailed: () => sendToBackground("retryFailedBulk", null),
  clear: async () => {
    await sendToBackground("clearBulkRun", null);
  },
  wake: async () => {
    // Starts a stopped service worker, which picks up an unfinished run.
    await sendToBackground("wakeBulkRun", null);
  },
  buildCsv: buildBulkCsv,
  download: downloadText,
  openOptions: () => void browser.runtime.openOptionsPage(),
  now: () => Date.now(),
  refreshMs: 100,
};

/** The channels a club lets members sign up with; an unknown list allows both (Placewise decides). */
export function allowedChannels(connection: Connection | null): Channel[] {
  const known = connection?.memberIdentifiers ?? [];
  return known.length === 1 ? [...known] : ["email", "msisdn"];
}

/** The review of a list: what it holds, for which connection and channel. */
export interface Review {
  input: BulkInput;
  channel: Channel;
  connection: Connection;
  /** The desk's repeat window (settings' recentSendMinutes) when reviewed; 0: off. */
  windowMinutes: number;
  /** Members a send in that window may have reached: left out unless the operator keeps them. */
  recent: RecentMember[];
  /** The send log could not be read, so nobody was checked. */
  recentUnchecked: boolean;
  /** When the review was made, epoch ms. */
  at: number;
}

/** What the page last reports about an action, in its notice region. */
export type BulkNotice =
  | { kind: "fileRead"; name: string }
  | { kind: "fileFailed"; name: string }
  | { kind: "fileTooLarge"; name: string; maxBytes: number }
  | { kind: "reviewFailed" }
  | { kind: "startRefused"; reason: Extract<StartBulkRunResult, { ok: false }>["reason"] }
  | { kind: "actionFailed" }
  | { kind: "requeued"; count: number }
  | { kind: "exported"; count: number; file: string }
  | { kind: "exportFailed" };

/** A number field's problem, worded by the page. */
export type NumberProblem = "notNumber" | "tooSmall" | "tooLarge" | "notWhole";

function checkNumber(
  text: string,
  limits: { min: number; max: number },
  whole: boolean,
): { ok: true; value: number } | { ok: false; problem: NumberProblem } {
  const trimmed = text.trim().replace(",", ".");
  const value = Number(trimmed);
  if (trimmed === "" || !Number.isFinite(value)) return { ok: false, problem: "notNumber" };
  if (whole && !Number.isInteger(value)) return { ok: false, problem: "notWhole" };
  if (value < limits.min) return { ok: false, problem: "tooSmall" };
  if (value > limits.max) return { ok: false, problem: "tooLarge" };
  return { ok: true, value };
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

/** The Bulk page's state: the list being prepared, its review, and the stored run (kept live). */
export function createBulkPageStore(deps: BulkPageDeps = browserBulkDeps) {
  const loaded = signal(false);
  const settings = signal<StoredSettings>(EMPTY_SETTINGS);
  /** The organisation switched bulk runs off: the page says so instead of offering one. */
  const disabledByPolicy = signal(false);
  const connection = computed(() => activeConnection(settings.value));

  const text = signal("");
  const fileName = signal<string | null>(null);
  const pickedChannel = signal<Channel | null>(null);
  const channels = computed(() => allowedChannels(connection.value));
  /** "Send by": the operator's pick, else the club's only channel, else their last choice, else email. */
  const channel = computed<Channel>(() => {
    const allowed = channels.value;
    const picked = pickedChannel.value;
    if (picked !== null && allowed.includes(picked)) return picked;
    if (allowed.length === 1 && allowed[0]) return allowed[0];
    return settings.value.preferences.lastChannel ?? "email";
  });
  const rate = signal(String(DEFAULT_RATE));
  const concurrency = signal(String(DEFAULT_CONCURRENCY));
  const rateCheck = computed(() => checkNumber(rate.value, RATE_LIMITS, false));
  const concurrencyCheck = computed(() => checkNumber(concurrency.value, CONCURRENCY_LIMITS, true));
  const review = signal<Review | null>(null);
  const reviewing = signal(false);
  const productionAck = signal(false);
  /** "Send again to N members who were sent a message in the last M minutes": off unless ticked. */
  const keepRecent = signal(false);
  /** What Start sends: the reviewed members, without the recently sent ones unless kept. */
  const toSend = computed(() => {
    const reviewed = review.value;
    if (reviewed === null) return [];
    if (keepRecent.value || reviewed.recent.length === 0) return reviewed.input.recipients;
    const recent = new Set(reviewed.recent.map((member) => member.recipient));
    return reviewed.input.recipients.filter((recipient) => !recent.has(recipient));
  });
  const needsProductionAck = computed(() => {
    const reviewed = review.value;
    return reviewed !== null && isProductionEnvironment(reviewed.connection.environment);
  });
  const starting = signal(false);
  const busy = signal(false);
  const notice = signal<BulkNotice | null>(null);
  const confirmingCancel = signal(false);

  const run = signal<BulkRun | null>(null);
  /** One signal per stored chunk: a change re-renders that chunk's rows only. */
  const chunks = signal<ReadonlyArray<Signal<BulkItem[]>>>([]);
  /** Chunks the last whole read did not find in storage: a damaged run the background may not know of yet. */
  const missingChunks = signal<ReadonlySet<number>>(new Set());
  /** The run's members cannot all be read: it is shown as far as it can be, with Cancel and Clear. */
  const damaged = computed(() => run.value?.damaged === true || missingChunks.value.size > 0);
  const unfinished = computed(() => isUnfinished(run.value));
  const onlyNotSent = signal(false);
  /** The clock for "time left" and "waiting N s", ticking while a run is running. */
  const now = signal(deps.now());

  const items = () => chunks.value.flatMap((chunk) => chunk.value);
  const retryableCount = computed(() => items().filter(isRetryable).length);

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

  const stopWatching = [
    deps.watchRun((change) => {
      if (change.run !== undefined) pendingRun = change.run;
      for (const [chunk, items] of change.chunks) pendingChunks.set(chunk, items);
      if (timer === null && !disposed) timer = setTimeout(flush, deps.refreshMs);
    }),
    deps.watchSettings(() => void reloadSettings()),
  ];

  let settingsRead = 0;
  async function reloadSettings(): Promise<void> {
    const read = ++settingsRead;
    const [stored, bulkEnabled] = await Promise.all([deps.readSettings(), deps.readBulkEnabled()]);
    if (read !== settingsRead) return;
    const before = connection.value;
    settings.value = stored;
    disabledByPolicy.value = !bulkEnabled;
    const after = connection.value;
    // A review made for another connection (its club's country, its channels) is no longer the one.
    if (review.value !== null && (after === null || after.id !== before?.id)) review.value = null;
  }

  const loading = Promise.all([reloadSettings(), refreshInOrder()]).then(() => {
    loaded.value = true;
    // A run left "running" may belong to a worker the browser stopped: make sure one runs.
    if (run.value?.status === "running") void deps.wake();
  });

  const stopTicking = effect(() => {
    if (run.value?.status !== "running") return;
    now.value = deps.now();
    const ticker = setInterval(() => {
      now.value = deps.now();
    }, 1000);
    return () => clearInterval(ticker);
  });

  // ---------------------------------------------------------------------------------------------
  // Preparing a run.

  function setText(value: string): void {
    batch(() => {
      text.value = value;
      review.value = null;
      productionAck.value = false;
      keepRecent.value = false;
    });
  }

  /** Reads a dropped or picked CSV file into the text field, where the operator sees what is sent. */
  async function loadFile(file: File): Promise<void> {
    // Checked before reading: File.size costs nothing, reading a huge file freezes the page.
    if (file.size > MAX_BULK_FILE_BYTES) {
      notice.value = { kind: "fileTooLarge", name: file.name, maxBytes: MAX_BULK_FILE_BYTES };
      return;
    }
    try {
      const content = await file.text();
      batch(() => {
        setText(content);
        fileName.value = file.name;
        notice.value = { kind: "fileRead", name: file.name };
      });
    } catch (error) {
      console.error("Reading the CSV file failed", error);
      notice.value = { kind: "fileFailed", name: file.name };
    }
  }

  function setChannel(value: Channel): void {
    batch(() => {
      pickedChannel.value = value;
      review.value = null;
      productionAck.value = false;
      keepRecent.value = false;
    });
  }

  /** Parses the list for the active connection and shows what it holds; nothing is sent. */
  async function reviewList(): Promise<void> {
    const current = connection.value;
    if (current === null || reviewing.value) return;
    reviewing.value = true;
    try {
      const picked = channel.value;
      const input = await deps.parse(text.value, {
        preferred: picked,
        country: current.country,
        allowed: channels.value,
      });
      const windowMinutes = settings.value.preferences.recentSendMinutes;
      const at = deps.now();
      const recent = windowMinutes > 0 ? await findRecent(input, current, at - windowMinutes * 60_000) : [];
      batch(() => {
        review.value = {
          input,
          channel: picked,
          connection: current,
          windowMinutes,
          recent: recent ?? [],
          recentUnchecked: recent === null,
          at,
        };
        productionAck.value = false;
        keepRecent.value = false;
        notice.value = null;
      });
    } catch (error) {
      console.error("Reading the list failed", error);
      notice.value = { kind: "reviewFailed" };
    } finally {
      reviewing.value = false;
    }
  }

  /** The list's members the send log says may have had a message since `since`; null: unreadable. */
  async function findRecent(
    input: BulkInput,
    current: Connection,
    since: number,
  ): Promise<RecentMember[] | null> {
    try {
      const entries = await deps.readSendsSince(since);
      return findRecentlyReached(input.recipients, entries, {
        host: new URL(current.baseUrl).host,
        club: current.clubSlug,
      });
    } catch (error) {
      console.error("Reading the send log failed", error);
      return null;
    }
  }

  /** Whether Start may be pressed: a reviewed list, sane numbers, and production acknowledged. */
  const canStart = computed(
    () =>
      review.value !== null &&
      toSend.value.length > 0 &&
      rateCheck.value.ok &&
      concurrencyCheck.value.ok &&
      (!needsProductionAck.value || productionAck.value) &&
      !starting.value,
  );

  async function start(): Promise<void> {
    const reviewed = review.value;
    const rateValue = rateCheck.value;
    const concurrencyValue = concurrencyCheck.value;
    if (!canStart.value || reviewed === null || !rateValue.ok || !concurrencyValue.ok) return;
    starting.value = true;
    try {
      const result = await deps.start({
        connectionId: reviewed.connection.id,
        recipients: toSend.value.map(({ channel: c, recipient }) => ({ channel: c, recipient })),
        ratePerSecond: rateValue.value,
        concurrency: concurrencyValue.value,
      });
      if (result.ok) {
        batch(() => {
          review.value = null;
          productionAck.value = false;
          keepRecent.value = false;
          notice.value = null;
        });
        await refreshInOrder();
      } else {
        notice.value = { kind: "startRefused", reason: result.reason };
        if (result.reason === "run-in-progress") await refreshInOrder();
      }
    } catch (error) {
      console.error("Starting the bulk run failed", error);
      notice.value = { kind: "actionFailed" };
    } finally {
      starting.value = false;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Acting on the run. The background changes it; the page shows what storage then holds.

  async function act(work: () => Promise<void>): Promise<void> {
    if (busy.value) return;
    busy.value = true;
    try {
      await work();
      await refreshInOrder();
    } catch (error) {
      console.error("A bulk run action failed", error);
      notice.value = { kind: "actionFailed" };
    } finally {
      busy.value = false;
    }
  }

  const pause = () => act(deps.pause);
  const resume = () => act(deps.resume);

  function requestCancel(): void {
    if (unfinished.value) confirmingCancel.value = true;
  }

  async function confirmCancel(): Promise<void> {
    confirmingCancel.value = false;
    await act(deps.cancel);
  }

  function dismissCancel(): void {
    confirmingCancel.value = false;
  }

  const retryFailed = () =>
    act(async () => {
      const { requeued } = await deps.retryFailed();
      notice.value = { kind: "requeued", count: requeued };
    });

  /**
   * Forgets the finished (or damaged) run; the form comes back empty, so a list is never sent twice
   * by mistake. The background clears only an ended or damaged run: a damaged one it has not marked
   * yet is cancelled first, so that nothing more is sent from it.
   */
  const newRun = () =>
    act(async () => {
      const current = run.value;
      if (damaged.value && current !== null && current.damaged !== true && isUnfinished(current))
        await deps.cancel();
      await deps.clear();
      batch(() => {
        notice.value = null;
        fileName.value = null;
        setText("");
      });
    });

  async function exportCsv(): Promise<void> {
    const current = run.value;
    if (current === null) return;
    const all = items();
    try {
      const file = bulkCsvFileName(current);
      deps.download(file, await deps.buildCsv(current, all));
      notice.value = { kind: "exported", count: all.length, file };
    } catch (error) {
      console.error("CSV export failed", error);
      notice.value = { kind: "exportFailed" };
    }
  }

  return {
    loaded,
    disabledByPolicy,
    loading,
    settings,
    connection,
    text,
    fileName,
    channels,
    channel,
    rate,
    concurrency,
    rateCheck,
    concurrencyCheck,
    review,
    reviewing,
    productionAck,
    keepRecent,
    toSend,
    needsProductionAck,
    canStart,
    starting,
    busy,
    notice,
    confirmingCancel,
    run,
    chunks,
    damaged,
    unfinished,
    onlyNotSent,
    now,
    retryableCount,
    setText,
    loadFile,
    setChannel,
    reviewList,
    start,
    pause,
    resume,
    requestCancel,
    confirmCancel,
    dismissCancel,
    retryFailed,
    newRun,
    exportCsv,
    openOptions: deps.openOptions,
    dispose: () => {
      disposed = true;
      if (timer !== null) clearTimeout(timer);
      stopTicking();
      for (const stop of stopWatching) stop();
    },
  };
}

/** The Bulk page's store, as passed to its components. */
export type BulkPageStore = ReturnType<typeof createBulkPageStore>;
