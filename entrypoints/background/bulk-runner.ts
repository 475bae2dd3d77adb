import { browser } from "wxt/browser";
import { MAX_BULK_RECIPIENTS } from "@/utils/bulk-input";
import {
  BULK_CHUNK_SIZE,
  BULK_RUN_KEY,
  type BulkItem,
  bulkChunkKey,
  bulkChunkKeys,
  chunkOf,
  emptyCounts,
  isRetryable,
  isUnfinished,
  readBulkRun,
} from "@/utils/bulk-run";
import { isChannel } from "@/utils/channel";
import type { BulkRunRequest, StartBulkRunResult } from "@/utils/messages";
import { isOutcomeKind } from "@/utils/outcome-traits";
import { recipientKey } from "@/utils/send-log";
import type { SendOutcomeKind, SendResult } from "@/utils/send-outcome";
import { activeConnection } from "@/utils/settings";
import { checkEmail } from "@/utils/validation/email";
import { isValidMsisdn } from "@/utils/validation/phone";
import { clientForConnection } from "./active-client";
import {
  claim,
  DEFAULT_POLICY,
  finishIfDone,
  isActive,
  nextStep,
  probed,
  type RunPolicy,
  recovered,
  recoverItem,
  type StoredBulkRun,
  settle,
  stop,
} from "./bulk-machine";
import type { BackgroundDeps } from "./deps";
import { sendOnce } from "./send-message";
import { createSerialQueue } from "./serial-queue";

/** The runner checks pause/cancel at least this often while it waits. */
const MAX_NAP_MS = 500;

/** The alarm that wakes a stopped worker while a run is running; fakeBrowser tests pass a stub. */
export interface RunAlarm {
  /** Creates the alarm (active) or clears it (no run can send by itself). */
  set(active: boolean): Promise<void>;
}

/** What the runner needs besides the background's deps; tests pass short waits. */
export interface BulkRunnerDeps {
  background: BackgroundDeps;
  sleep(ms: number): Promise<void>;
  alarm?: RunAlarm;
  /** Overrides of the run policy (tests: short backoffs, fewer attempts). */
  policy?: Partial<RunPolicy>;
}

/** A storage write failed: the run stops, and nothing more is sent. */
class StorageFailure extends Error {}

/**
 * The bulk queue's I/O loop; every decision is bulk-machine.ts's. Every change is persisted before
 * the next step, so a worker the browser stopped can be replaced by a new one that carries on
 * (resumeUnfinished, from an alarm or at start-up). A member is stored `sending` before its
 * request starts; one found `sending` by a new worker becomes `unknown`, never resent. A write
 * that fails stops the run before anything more is sent, and the member it was for stays queued.
 */
export function createBulkRunner({ background: deps, sleep, alarm, policy: overrides }: BulkRunnerDeps) {
  const policy: RunPolicy = { ...DEFAULT_POLICY, ...overrides };
  const area = browser.storage.local;
  /** Every read-modify-write goes through here, one at a time. */
  const serial = createSerialQueue();
  /** Whether this worker's loop is running, and how many of its requests are in flight. */
  let looping = false;
  let inFlight = 0;
  let settled: Array<() => void> = [];
  const onSettled = () => new Promise<void>((resolve) => settled.push(resolve));
  let alarmOn: boolean | null = null;

  /**
   * The run as this worker last read or wrote it. The runner is the run's only writer (pages only
   * read, and act through messages to it), so storage is read once per worker, not once per step:
   * at 50 requests a second the reads were what limited the rate (npm run bench). The cache
   * changes only after storage took the write.
   */
  let cache: { run: StoredBulkRun | null; chunks: Map<number, BulkItem[]> } | null = null;

  async function readRun(): Promise<StoredBulkRun | null> {
    if (cache === null) cache = { run: (await readBulkRun()) as StoredBulkRun | null, chunks: new Map() };
    return cache.run;
  }

  /** One chunk of members, or null when it is missing from storage (a damaged run). */
  async function readChunk(chunk: number): Promise<BulkItem[] | null> {
    await readRun();
    const known = cache?.chunks.get(chunk);
    if (known) return known;
    const value = (await area.get(bulkChunkKey(chunk)))[bulkChunkKey(chunk)];
    if (!Array.isArray(value)) return null;
    cache?.chunks.set(chunk, value as BulkItem[]);
    return value as BulkItem[];
  }

  /** Writes the run (and any chunks) in one call, then the cache; throws StorageFailure. */
  async function write(run: StoredBulkRun, chunks: Record<number, BulkItem[]> = {}): Promise<void> {
    const items: Record<string, unknown> = {};
    for (const [chunk, list] of Object.entries(chunks)) items[bulkChunkKey(Number(chunk))] = list;
    try {
      await area.set({ ...items, [BULK_RUN_KEY]: run });
    } catch (error) {
      console.error("Could not store the bulk run", error);
      throw new StorageFailure("storage-failed");
    }
    if (cache) {
      cache.run = run;
      for (const [chunk, list] of Object.entries(chunks)) cache.chunks.set(Number(chunk), list);
    }
    await syncAlarm(run);
  }

  async function syncAlarm(run: StoredBulkRun | null): Promise<void> {
    const wanted = isActive(run);
    if (alarm === undefined || wanted === alarmOn) return;
    alarmOn = wanted;
    await alarm.set(wanted).catch((error: unknown) => console.error("Could not set the bulk alarm", error));
  }

  /** Writes one member's change with the run's; null when its chunk is gone. */
  async function writeItem(run: StoredBulkRun, item: BulkItem): Promise<boolean> {
    const chunk = await readChunk(chunkOf(item.index));
    if (chunk === null) return false;
    const copy = [...chunk];
    copy[item.index % BULK_CHUNK_SIZE] = item;
    await write(run, { [chunkOf(item.index)]: copy });
    return true;
  }

  /** Marks a run whose members cannot all be read as damaged; it stops and waits for the operator. */
  async function markDamaged(run: StoredBulkRun): Promise<void> {
    await write({ ...run, status: run.status === "running" ? "stopped" : run.status, damaged: true });
  }

  /**
   * Reads every chunk the run should have in one call, once per worker; false when one is missing.
   * A new worker checks this first, so a damaged run is said to be damaged at once, not when the
   * loop reaches the gap.
   */
  async function loadAllChunks(run: StoredBulkRun): Promise<boolean> {
    const keys = bulkChunkKeys(run.total);
    const missing = keys.filter((_, chunk) => !cache?.chunks.has(chunk));
    if (missing.length === 0) return true;
    const stored = await area.get(missing);
    for (const key of missing) {
      const value = stored[key];
      if (!Array.isArray(value)) return false;
      cache?.chunks.set(keys.indexOf(key), value as BulkItem[]);
    }
    return true;
  }

  async function findItem(index: number): Promise<BulkItem | null> {
    const chunk = await readChunk(chunkOf(index));
    return chunk?.[index % BULK_CHUNK_SIZE] ?? null;
  }

  /** Claims the next member (stored `sending`), or says what the loop should do instead. */
  const claimNext = () =>
    serial(async () => {
      const run = await readRun();
      if (run === null || run.status !== "running") return { kind: "over" as const };
      const step = nextStep(run, deps.now());
      if (step.kind !== "claim") return step;
      const item = await findItem(step.index);
      if (item === null) {
        await markDamaged(run);
        return { kind: "over" as const };
      }
      const claimed = claim(run, item, deps.now());
      await writeItem(claimed.run, claimed.item);
      return { kind: "claimed" as const, run: claimed.run, item: claimed.item };
    });

  /** Files one answer. */
  const fileAnswer = (index: number, result: SendResult) =>
    serial(async () => {
      const run = await readRun();
      const item = run === null ? null : await findItem(index);
      if (run === null || item === null) return;
      const next = settle(run, item, result, deps.now(), policy);
      await writeItem(next.run, next.item);
    });

  /**
   * The outcomes the send log holds for members a dead worker had in flight: a worker can die
   * between logging an answer and filing it in the run. Only a bulk entry that started after the
   * member's claim counts.
   */
  async function answersLogged(items: readonly BulkItem[]): Promise<Map<number, SendOutcomeKind>> {
    const found = new Map<number, SendOutcomeKind>();
    if (items.length === 0) return found;
    const since = Math.min(...items.map((i) => i.updatedAt));
    const entries = await deps.sendLog.readSince(since).catch(() => []);
    for (const item of items) {
      const key = recipientKey(item.channel, item.recipient);
      const entry = entries.find(
        (e) =>
          e.source === "bulk" &&
          e.at >= item.updatedAt &&
          e.channel === item.channel &&
          recipientKey(e.channel, e.recipient) === key &&
          isOutcomeKind(e.outcome),
      );
      if (entry) found.set(item.index, entry.outcome);
    }
    return found;
  }

  /** Asks the API whether it answers at all before anyone else is sent. */
  async function probe(run: StoredBulkRun): Promise<void> {
    const loaded = await clientForConnection(deps, run.connectionId);
    if (!loaded.ok) {
      await serial(async () => {
        const latest = await readRun();
        if (latest) await write(stop(latest, loaded.failure.kind));
      });
      return;
    }
    const answer = await loaded.client.getLoyaltyClub();
    const answered =
      answer.kind !== "network-error" && answer.kind !== "timeout" && answer.kind !== "offline";
    await serial(async () => {
      const latest = await readRun();
      if (latest?.status === "running") await write(probed(latest, answered, deps.now(), policy));
    });
  }

  async function sendOne(run: StoredBulkRun, item: BulkItem): Promise<void> {
    let result: SendResult;
    try {
      result = await sendOnce(deps, {
        channel: item.channel,
        recipient: item.recipient,
        source: "bulk",
        connectionId: run.connectionId,
        // The operator confirmed the whole list, production included, before the run started.
        confirmRepeat: true,
      });
    } catch (error) {
      // A bug after the member was claimed: how far the request got is unknown.
      console.error("Bulk send failed unexpectedly", error);
      result = { kind: "unexpected-status", status: 0 };
    }
    await fileAnswer(item.index, result);
  }

  /** Stops the run after a storage failure, as far as storage still lets us say so. */
  async function stopForStorage(): Promise<void> {
    const run = cache?.run;
    if (!run) return;
    const stopped = stop(run, "storage-failed");
    if (cache) cache.run = stopped;
    await area.set({ [BULK_RUN_KEY]: stopped }).catch(() => undefined);
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
        if (slot > deps.now()) {
          await sleep(Math.min(slot - deps.now(), MAX_NAP_MS));
          continue;
        }
        const step = await claimNext();
        switch (step.kind) {
          case "over":
            break;
          case "wait":
            await sleep(Math.min(Math.max(step.until - deps.now(), 1), MAX_NAP_MS));
            continue;
          case "probe":
            // Requests already out settle first: their answers may end the outage by themselves.
            if (inFlight > 0) await onSettled();
            else await probe(run);
            continue;
          case "idle":
            if (inFlight > 0) {
              await onSettled();
              continue;
            }
            await serial(async () => {
              const latest = await readRun();
              if (latest) await write(finishIfDone(latest));
            });
            // Members sent back to the queue (a 429, a 503) keep the loop going after the wait.
            if ((await readRun())?.status === "running") {
              await sleep(MAX_NAP_MS);
              continue;
            }
            break;
          case "claimed":
            // Paced from the slot this request was due, not from when the claim finished: the
            // claim's own time must not slow the rate down.
            nextStart = slot + 1000 / step.run.ratePerSecond;
            inFlight++;
            void sendOne(step.run, step.item)
              .catch(async (error: unknown) => {
                if (error instanceof StorageFailure) await stopForStorage();
                else console.error("Bulk runner failed", error);
              })
              .finally(() => {
                inFlight--;
                const waiting = settled;
                settled = [];
                for (const resolve of waiting) resolve();
              });
            continue;
        }
        break;
      }
      while (inFlight > 0) await onSettled();
    } catch (error) {
      if (error instanceof StorageFailure) await stopForStorage();
      else console.error("Bulk runner failed", error);
    } finally {
      looping = false;
      await syncAlarm(cache?.run ?? null);
    }
  }

  /** Changes the run's status under the lock; returns the run as changed, or null. */
  const changeRun = (change: (run: StoredBulkRun) => StoredBulkRun | null) =>
    serial(async () => {
      const run = await readRun();
      const next = run === null ? null : change(run);
      if (next === null) return null;
      await write({ ...next, updatedAt: deps.now() });
      return next;
    });

  return {
    /**
     * Checks the request again, stores the run and its recipients, and starts it. The check that
     * no other run is unfinished and the write are one serialized step: two starts a few ms apart
     * cannot both succeed.
     */
    async start(data: unknown): Promise<StartBulkRunResult> {
      const request = readRequest(data);
      if (request === null) return { ok: false, reason: "no-recipients" };
      if (request.tooMany) return { ok: false, reason: "too-many" };
      if (request.invalid > 0) return { ok: false, reason: "invalid-recipients", invalid: request.invalid };
      const settings = await deps.readSettings();
      const connection =
        request.value.connectionId === undefined
          ? activeConnection(settings)
          : (settings.connections.find((c) => c.id === request.value.connectionId) ?? null);
      if (connection === null) return { ok: false, reason: "not-configured" };
      const result = await serial(async (): Promise<StartBulkRunResult> => {
        const existing = await readRun();
        if (isUnfinished(existing)) return { ok: false, reason: "run-in-progress" };
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
        try {
          await clearStored(existing);
          const chunks = new Map<number, BulkItem[]>();
          for (let first = 0; first < items.length; first += BULK_CHUNK_SIZE) {
            chunks.set(chunkOf(first), items.slice(first, first + BULK_CHUNK_SIZE));
          }
          // The items first: a run whose metadata exists always has its items.
          await area.set(Object.fromEntries([...chunks].map(([chunk, list]) => [bulkChunkKey(chunk), list])));
          cache = { run: null, chunks };
          await write(run);
        } catch (error) {
          console.error("Could not store the bulk run", error);
          // Nothing was sent; leave no half-written run behind.
          await clearStored(run).catch(() => undefined);
          return { ok: false, reason: "storage-failed" };
        }
        return { ok: true, runId: run.id, total: run.total };
      });
      if (result.ok) void loop();
      return result;
    },

    /** Requests in flight finish; no new one starts. */
    async pause(): Promise<null> {
      await changeRun((run) => (run.status === "running" ? { ...run, status: "paused" } : null));
      return null;
    },

    /** Carries on after a pause or a stop (the operator fixed the token, say). */
    async resume(): Promise<null> {
      const run = await serial(async () => {
        const stored = await readRun();
        if (stored === null || (stored.status !== "paused" && stored.status !== "stopped") || stored.damaged)
          return null;
        if (!(await loadAllChunks(stored))) {
          await markDamaged(stored);
          return null;
        }
        const next: StoredBulkRun = {
          ...stored,
          status: "running",
          stopReason: undefined,
          resumeAt: 0,
          backoffMs: 0,
          updatedAt: deps.now(),
        };
        await write(next);
        return next;
      });
      if (run) void loop();
      return null;
    },

    /** Nothing more is sent. */
    async cancel(): Promise<null> {
      await changeRun((run) => (isUnfinished(run) ? { ...run, status: "cancelled" } : null));
      return null;
    },

    /** Queues again the failed members whose failure the outcome table says may be retried. */
    async retryFailed(): Promise<{ requeued: number }> {
      const requeued = await serial(async () => {
        let run = await readRun();
        // Only a finished run: a cancelled one would carry on through the members cancelled.
        if (run === null || run.status !== "done" || run.damaged) return 0;
        const changed: Record<number, BulkItem[]> = {};
        const retry = [...run.retry];
        const counts = { ...run.counts };
        for (let chunk = 0; chunk * BULK_CHUNK_SIZE < run.total; chunk++) {
          const items = await readChunk(chunk);
          if (items === null) return 0;
          if (!items.some(isRetryable)) continue;
          changed[chunk] = items.map((item) => {
            if (!isRetryable(item)) return item;
            retry.push(item.index);
            counts.failed--;
            counts.queued++;
            // A fresh attempt budget: the cap counts tries within one pass.
            return { ...item, state: "queued", attempts: 0, updatedAt: deps.now() };
          });
        }
        if (retry.length === run.retry.length) return 0;
        const count = retry.length - run.retry.length;
        run = { ...run, retry, counts, status: "running", stopReason: undefined, resumeAt: 0, backoffMs: 0 };
        await write(run, changed);
        return count;
      });
      if (requeued > 0) void loop();
      return { requeued };
    },

    /** Forgets a finished, cancelled or damaged run and its items. */
    async clear(): Promise<null> {
      await serial(async () => {
        const run = await readRun();
        if (run !== null && (run.status === "done" || run.status === "cancelled" || run.damaged))
          await clearStored(run);
        await syncAlarm(null);
      });
      return null;
    },

    /**
     * Picks up a run a stopped worker left: members it had in flight become `unknown`, and a
     * running run goes on. Safe to call often (alarm, start-up, every worker start).
     */
    async resumeUnfinished(): Promise<void> {
      if (looping || inFlight > 0) return;
      const run = await serial(async () => {
        const stored = await readRun();
        if (stored === null || stored.damaged) return stored;
        if ((isUnfinished(stored) || stored.counts.sending > 0) && !(await loadAllChunks(stored))) {
          await markDamaged(stored);
          return cache?.run ?? null;
        }
        if (stored.counts.sending === 0) return stored;
        const inFlight: BulkItem[] = [];
        for (let chunk = 0; chunk * BULK_CHUNK_SIZE < stored.total; chunk++)
          inFlight.push(...((await readChunk(chunk)) ?? []).filter((i) => i.state === "sending"));
        const answered = await answersLogged(inFlight);
        const changed: Record<number, BulkItem[]> = {};
        const recoveredItems: BulkItem[] = [];
        for (const item of inFlight) {
          const chunk = chunkOf(item.index);
          changed[chunk] ??= [...((await readChunk(chunk)) ?? [])];
          const next = recoverItem(item, deps.now(), answered.get(item.index));
          changed[chunk][item.index % BULK_CHUNK_SIZE] = next;
          recoveredItems.push(next);
        }
        const next = recovered(stored, recoveredItems);
        await write(next, changed);
        return next;
      }).catch(async (error: unknown) => {
        if (error instanceof StorageFailure) await stopForStorage();
        else console.error("Could not resume the bulk run", error);
        return null;
      });
      await syncAlarm(run);
      if (run?.status === "running") void loop();
    },
  };

  async function clearStored(run: StoredBulkRun | null): Promise<void> {
    if (run === null) return;
    cache = { run: null, chunks: new Map() };
    await area.remove([BULK_RUN_KEY, ...bulkChunkKeys(run.total)]);
  }
}

/** The bulk runner, as the background wires it. */
export type BulkRunner = ReturnType<typeof createBulkRunner>;

/** Reads a run request from untrusted data; every recipient is checked again. */
function readRequest(data: unknown): { value: BulkRunRequest; invalid: number; tooMany?: boolean } | null {
  if (typeof data !== "object" || data === null) return null;
  const d = data as Record<string, unknown>;
  if (!Array.isArray(d.recipients) || d.recipients.length === 0) return null;
  // The page's limit holds here too, before anything is checked or stored.
  if (d.recipients.length > MAX_BULK_RECIPIENTS)
    return { value: { recipients: [] }, invalid: 0, tooMany: true };
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
