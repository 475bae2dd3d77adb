import { browser } from "wxt/browser";
import {
  BULK_CHUNK_SIZE,
  BULK_RUN_KEY,
  type BulkItem,
  type BulkItemState,
  type BulkRun,
  bulkChunkKey,
  chunkOf,
  emptyCounts,
  readBulkRun,
  SAFE_TO_RETRY,
} from "@/utils/bulk-run";
import { isChannel } from "@/utils/channel";
import type { BulkRunRequest, StartBulkRunResult } from "@/utils/messages";
import { mayHaveBeenSent, type SendOutcome, type SendOutcomeKind } from "@/utils/send-outcome";
import { activeConnection } from "@/utils/settings";
import { checkEmail } from "@/utils/validation/email";
import { isValidMsisdn } from "@/utils/validation/phone";
import type { BackgroundDeps } from "./deps";
import { sendRegistrationPassword } from "./send-registration-password";
import { createSerialQueue } from "./serial-queue";

/** Stored run state beyond what pages read: where the queue stands. */
interface StoredBulkRun extends BulkRun {
  /** The next never-tried recipient. */
  cursor: number;
  /** Recipients to try again (after a 429, 503, refused connection, a stop, or "retry failed"). */
  retry: number[];
}

/** Outcomes after which every later call would fail too: the run stops until the operator acts. */
const STOPS_THE_RUN: ReadonlySet<SendOutcomeKind> = new Set<SendOutcomeKind>([
  "token-rejected",
  "permit-missing",
  "feature-disabled",
  "header-problem",
  "not-configured",
  "host-permission-missing",
]);

/** Outcomes where Placewise acted on nothing and the API asks us to wait: try the same recipient later. */
const WAIT_AND_RETRY: ReadonlySet<SendOutcomeKind> = new Set<SendOutcomeKind>([
  "rate-limited",
  "maintenance",
  "network-error",
]);

/** Backoff after 503s and network errors: doubling from 2 s, at most 1 minute. */
const FIRST_BACKOFF_MS = 2_000;
const MAX_BACKOFF_MS = 60_000;
/** A 429 without Retry-After waits this long. */
const DEFAULT_RETRY_AFTER_S = 5;
/** The runner checks pause/cancel at least this often while it waits. */
const MAX_NAP_MS = 500;

/** What the runner needs besides the background's deps; tests pass short waits. */
export interface BulkRunnerDeps {
  background: BackgroundDeps;
  sleep(ms: number): Promise<void>;
  /** The first backoff after a 503 or a refused connection (default 2 s). */
  firstBackoffMs?: number;
}

/**
 * The bulk queue. Every change is persisted before the next step, so a service worker the browser
 * stopped can be replaced by a new one that carries on (resumeUnfinished, from an alarm or at
 * start-up). A recipient is marked `sending` before its request starts; one found `sending` by a
 * new worker was in flight when the old one died and becomes `unknown`, never resent.
 */
export function createBulkRunner({
  background: deps,
  sleep,
  firstBackoffMs = FIRST_BACKOFF_MS,
}: BulkRunnerDeps) {
  const area = browser.storage.local;
  /** Every read-modify-write goes through here, one at a time. */
  const serial = createSerialQueue();
  /** Whether this worker's loop is running, and how many of its requests are in flight. */
  let looping = false;
  let inFlight = 0;
  let settled: Array<() => void> = [];
  const onSettled = () => new Promise<void>((resolve) => settled.push(resolve));

  /**
   * The run as this worker last read or wrote it. The runner is the run's only writer (pages only
   * read, and act through messages to it), so storage is read once per worker, not once per step:
   * at 50 requests a second the reads were what limited the rate (npm run bench).
   */
  let cache: { run: StoredBulkRun | null; chunks: Map<number, BulkItem[]> } | null = null;

  async function readRun(): Promise<StoredBulkRun | null> {
    if (cache === null) cache = { run: (await readBulkRun()) as StoredBulkRun | null, chunks: new Map() };
    return cache.run;
  }

  async function readChunk(chunk: number): Promise<BulkItem[]> {
    await readRun();
    const known = cache?.chunks.get(chunk);
    if (known) return known;
    const value = (await area.get(bulkChunkKey(chunk)))[bulkChunkKey(chunk)];
    const items = Array.isArray(value) ? (value as BulkItem[]) : [];
    cache?.chunks.set(chunk, items);
    return items;
  }

  /** Writes the run (and any chunks) through the cache to storage, in one call. */
  async function write(run: StoredBulkRun, chunks: Record<number, BulkItem[]> = {}): Promise<void> {
    const items: Record<string, unknown> = {};
    for (const [chunk, list] of Object.entries(chunks)) {
      cache?.chunks.set(Number(chunk), list);
      items[bulkChunkKey(Number(chunk))] = list;
    }
    if (cache) cache.run = run;
    await area.set({ ...items, [BULK_RUN_KEY]: run });
  }

  /** Changes one item and the run's counts in one storage write. */
  async function updateItem(
    run: StoredBulkRun,
    index: number,
    change: (item: BulkItem) => BulkItem,
  ): Promise<BulkItem | null> {
    const chunk = await readChunk(chunkOf(index));
    const position = index % BULK_CHUNK_SIZE;
    const item = chunk[position];
    if (item === undefined) return null;
    const updated = { ...change(item), updatedAt: deps.now() };
    chunk[position] = updated;
    run.counts = { ...run.counts, [item.state]: run.counts[item.state] - 1 };
    run.counts[updated.state] += 1;
    run.updatedAt = updated.updatedAt;
    await write(run, { [chunkOf(index)]: chunk });
    return updated;
  }

  /** Marks the next recipient `sending` and returns it, or null when none is waiting. */
  const claimNext = () =>
    serial(async (): Promise<{ run: StoredBulkRun; item: BulkItem } | null> => {
      const run = await readRun();
      if (run === null || run.status !== "running" || deps.now() < run.resumeAt) return null;
      const index =
        run.retry.length > 0 ? run.retry.shift() : run.cursor < run.total ? run.cursor++ : undefined;
      if (index === undefined) return null;
      const item = await updateItem(run, index, (i) => ({
        ...i,
        state: "sending",
        attempts: i.attempts + 1,
      }));
      return item === null ? null : { run, item };
    });

  /** Files one answer: the recipient's new state, and what it means for the run. */
  const settle = (index: number, outcome: SendOutcome) =>
    serial(async () => {
      const run = await readRun();
      if (run === null) return;
      const kind = outcome.kind;
      const status = "status" in outcome ? outcome.status : null;
      let state: BulkItemState;
      if (kind === "accepted") {
        state = "sent";
        run.backoffMs = 0;
      } else if (WAIT_AND_RETRY.has(kind) || STOPS_THE_RUN.has(kind)) {
        // Placewise did nothing with it: the same recipient goes again, first in line.
        state = "queued";
        run.retry.unshift(index);
        if (STOPS_THE_RUN.has(kind)) {
          if (run.status === "running") {
            run.status = "stopped";
            run.stopReason = kind;
          }
        } else {
          let waitMs: number;
          if (outcome.kind === "rate-limited") {
            waitMs = (outcome.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_S) * 1000;
          } else {
            run.backoffMs = Math.min(Math.max(run.backoffMs * 2, firstBackoffMs), MAX_BACKOFF_MS);
            waitMs = run.backoffMs;
          }
          run.resumeAt = Math.max(run.resumeAt, deps.now() + waitMs);
          run.waitReason = kind;
        }
      } else if (mayHaveBeenSent(kind)) {
        state = "unknown";
      } else {
        state = "failed";
      }
      await updateItem(run, index, (item) => ({ ...item, state, outcome: kind, status }));
      await finishIfDone(run);
    });

  /** A run with nothing queued or in flight is done. */
  async function finishIfDone(run: StoredBulkRun): Promise<void> {
    if (run.status !== "running" || run.counts.queued > 0 || run.counts.sending > 0) return;
    run.status = "done";
    run.updatedAt = deps.now();
    await write(run);
  }

  async function sendOne(run: StoredBulkRun, item: BulkItem): Promise<void> {
    let outcome: SendOutcome;
    try {
      outcome = await sendRegistrationPassword(deps, {
        channel: item.channel,
        recipient: item.recipient,
        source: "bulk",
        connectionId: run.connectionId,
        // The operator confirmed the whole list, production included, before the run started.
        confirmRepeat: true,
      });
    } catch (error) {
      console.error("Bulk send failed unexpectedly", error);
      outcome = { kind: "unexpected-status", status: 0 };
    }
    await settle(item.index, outcome);
  }

  /** The loop: start requests while the run is running, within its rate and concurrency. */
  async function loop(): Promise<void> {
    if (looping) return;
    looping = true;
    let nextStart = 0;
    try {
      for (;;) {
        const run = await readRun();
        if (run === null || run.status !== "running") break;
        if (inFlight >= run.concurrency) {
          await onSettled();
          continue;
        }
        const slot = Math.max(nextStart, deps.now());
        const wait = Math.max(run.resumeAt, slot) - deps.now();
        if (wait > 0) {
          await sleep(Math.min(wait, MAX_NAP_MS));
          continue;
        }
        const claimed = await claimNext();
        if (claimed === null) {
          if (inFlight === 0) {
            await serial(async () => {
              const latest = await readRun();
              if (latest) await finishIfDone(latest);
            });
            // Recipients sent back to the queue (a 429, a 503) keep the loop going after the wait.
            const latest = await readRun();
            if (latest?.status !== "running" || latest.counts.queued === 0) break;
            await sleep(Math.min(Math.max(latest.resumeAt - deps.now(), 0), MAX_NAP_MS));
          } else {
            await onSettled();
          }
          continue;
        }
        // Paced from the slot this request was due, not from when the claim finished: the claim's
        // own time must not slow the rate down.
        nextStart = slot + 1000 / claimed.run.ratePerSecond;
        inFlight++;
        void sendOne(claimed.run, claimed.item).finally(() => {
          inFlight--;
          const waiting = settled;
          settled = [];
          for (const resolve of waiting) resolve();
        });
      }
      while (inFlight > 0) await onSettled();
    } finally {
      looping = false;
    }
  }

  /** Changes the run's status under the lock; returns the run as changed, or null. */
  const changeRun = (change: (run: StoredBulkRun) => boolean) =>
    serial(async () => {
      const run = await readRun();
      if (run === null || !change(run)) return null;
      run.updatedAt = deps.now();
      await write(run);
      return run;
    });

  return {
    /** Checks the request again, stores the run and its recipients, and starts it. */
    async start(data: unknown): Promise<StartBulkRunResult> {
      const request = readRequest(data);
      if (request === null) return { ok: false, reason: "no-recipients" };
      if (request.invalid > 0) return { ok: false, reason: "invalid-recipients", invalid: request.invalid };
      const existing = await readRun();
      if (
        existing !== null &&
        (existing.status === "running" || existing.status === "paused" || existing.status === "stopped")
      ) {
        return { ok: false, reason: "run-in-progress" };
      }
      const settings = await deps.readSettings();
      const connection =
        request.value.connectionId === undefined
          ? activeConnection(settings)
          : (settings.connections.find((c) => c.id === request.value.connectionId) ?? null);
      if (connection === null) return { ok: false, reason: "not-configured" };
      const now = deps.now();
      const items: BulkItem[] = request.value.recipients.map((r, index) => ({
        index,
        channel: r.channel,
        recipient: r.recipient,
        state: "queued",
        attempts: 0,
        updatedAt: now,
      }));
      const run: StoredBulkRun = {
        id: deps.newId(),
        connectionId: connection.id,
        connectionLabel: connection.label,
        environment: connection.environment,
        club: connection.clubSlug,
        host: new URL(connection.baseUrl).host,
        createdAt: now,
        updatedAt: now,
        status: "running",
        concurrency: request.value.concurrency ?? 2,
        ratePerSecond: request.value.ratePerSecond ?? 5,
        resumeAt: 0,
        backoffMs: 0,
        total: items.length,
        counts: { ...emptyCounts(), queued: items.length },
        cursor: 0,
        retry: [],
      };
      await serial(async () => {
        await clearStored(existing);
        const chunks = new Map<number, BulkItem[]>();
        for (let start = 0; start < items.length; start += BULK_CHUNK_SIZE) {
          chunks.set(chunkOf(start), items.slice(start, start + BULK_CHUNK_SIZE));
        }
        // The items first: a run whose metadata exists always has its items.
        await area.set(Object.fromEntries([...chunks].map(([chunk, list]) => [bulkChunkKey(chunk), list])));
        cache = { run: null, chunks };
        await write(run);
      });
      void loop();
      return { ok: true, runId: run.id, total: run.total };
    },

    /** Requests in flight finish; no new one starts. */
    async pause(): Promise<null> {
      await changeRun((run) => {
        if (run.status !== "running") return false;
        run.status = "paused";
        return true;
      });
      return null;
    },

    /** Carries on after a pause or a stop (the operator fixed the token, say). */
    async resume(): Promise<null> {
      const run = await changeRun((r) => {
        if (r.status !== "paused" && r.status !== "stopped") return false;
        r.status = "running";
        r.stopReason = undefined;
        r.resumeAt = 0;
        return true;
      });
      if (run) void loop();
      return null;
    },

    /** Nothing more is sent. */
    async cancel(): Promise<null> {
      await changeRun((run) => {
        if (run.status !== "running" && run.status !== "paused" && run.status !== "stopped") return false;
        run.status = "cancelled";
        return true;
      });
      return null;
    },

    /** Queues again the failed recipients whose failure is safe to retry. */
    async retryFailed(): Promise<{ requeued: number }> {
      const requeued = await serial(async () => {
        const run = await readRun();
        // Only a finished run: a cancelled one would carry on through the members cancelled.
        if (run === null || run.status !== "done") return 0;
        let count = 0;
        for (let chunk = 0; chunk * BULK_CHUNK_SIZE < run.total; chunk++) {
          for (const item of await readChunk(chunk)) {
            if (item.state === "failed" && item.outcome !== undefined && SAFE_TO_RETRY.has(item.outcome)) {
              await updateItem(run, item.index, (i) => ({ ...i, state: "queued" }));
              run.retry.push(item.index);
              count++;
            }
          }
        }
        if (count > 0) {
          run.status = "running";
          run.stopReason = undefined;
          run.resumeAt = 0;
          await write(run);
        }
        return count;
      });
      if (requeued > 0) void loop();
      return { requeued };
    },

    /** Forgets a finished run and its items. */
    async clear(): Promise<null> {
      await serial(async () => {
        const run = await readRun();
        if (run !== null && (run.status === "done" || run.status === "cancelled")) await clearStored(run);
      });
      return null;
    },

    /**
     * Picks up a run a stopped worker left: recipients it had in flight become `unknown`, and a
     * running run goes on. Safe to call often (alarm, start-up, every worker start).
     */
    async resumeUnfinished(): Promise<void> {
      if (looping || inFlight > 0) return;
      const run = await serial(async () => {
        const stored = await readRun();
        if (stored === null || stored.counts.sending === 0) return stored;
        for (let chunk = 0; chunk * BULK_CHUNK_SIZE < stored.total; chunk++) {
          for (const item of await readChunk(chunk)) {
            if (item.state === "sending")
              await updateItem(stored, item.index, (i) => ({ ...i, state: "unknown" }));
          }
        }
        await finishIfDone(stored);
        return stored;
      });
      if (run?.status === "running") void loop();
    },
  };

  async function clearStored(run: BulkRun | null): Promise<void> {
    if (run === null) return;
    const keys = Array.from({ length: Math.ceil(run.total / BULK_CHUNK_SIZE) }, (_, chunk) =>
      bulkChunkKey(chunk),
    );
    cache = { run: null, chunks: new Map() };
    await area.remove([BULK_RUN_KEY, ...keys]);
  }
}

/** The bulk runner, as the background wires it. */
export type BulkRunner = ReturnType<typeof createBulkRunner>;

/** Reads a run request from untrusted data; every recipient is checked again. */
function readRequest(data: unknown): { value: BulkRunRequest; invalid: number } | null {
  if (typeof data !== "object" || data === null) return null;
  const d = data as Record<string, unknown>;
  if (!Array.isArray(d.recipients) || d.recipients.length === 0) return null;
  let invalid = 0;
  const seen = new Set<string>();
  const recipients: BulkRunRequest["recipients"] = [];
  for (const raw of d.recipients as unknown[]) {
    const r = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
    const recipient = typeof r.recipient === "string" ? r.recipient.trim() : "";
    const valid =
      isChannel(r.channel) && (r.channel === "email" ? checkEmail(recipient).ok : isValidMsisdn(recipient));
    if (!valid || !isChannel(r.channel)) {
      invalid++;
      continue;
    }
    // At most once per member, whatever the page sent: the same address twice is one recipient.
    const key = `${r.channel}:${r.channel === "email" ? recipient.toLowerCase() : recipient}`;
    if (seen.has(key)) continue;
    seen.add(key);
    recipients.push({ channel: r.channel, recipient });
  }
  const whole = (value: unknown, min: number, max: number) =>
    typeof value === "number" && Number.isFinite(value) && value >= min && value <= max ? value : undefined;
  return {
    value: {
      ...(typeof d.connectionId === "string" ? { connectionId: d.connectionId } : {}),
      recipients,
      concurrency: whole(d.concurrency, 1, 10),
      ratePerSecond: whole(d.ratePerSecond, 0.1, 100),
    },
    invalid,
  };
}
