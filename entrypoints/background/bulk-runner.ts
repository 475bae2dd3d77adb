import { BULK_CHUNK_SIZE, type BulkItem, isRetryable, isUnfinished } from "@/utils/bulk-run";
import type { StartBulkRunResult } from "@/utils/messages";
import type { SendResult } from "@/utils/send-outcome";
import { activeConnection } from "@/utils/settings";
import {
  claim,
  DEFAULT_POLICY,
  dueSlot,
  finishIfDone,
  nextStep,
  probed,
  type RunPolicy,
  type StoredBulkRun,
  settle,
  stop,
} from "./bulk-machine";
import { recoverRun } from "./bulk-recovery";
import { newRun, readRequest } from "./bulk-request";
import { probeApi, sendMember } from "./bulk-requests";
import { alarmSync, createRunStorage, StorageFailure } from "./bulk-run-storage";
import { createSlots } from "./bulk-slots";
import type { BackgroundDeps } from "./deps";
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

/** An answer not yet written, and the send waiting for it to be. */
interface Unfiled {
  index: number;
  result: SendResult;
  filed(error?: unknown): void;
}

/**
 * The bulk queue's I/O loop; every decision is bulk-machine.ts's. Every change is persisted
 * (group-committed, bulk-run-storage.ts) before anything that depends on it, so a worker the
 * browser stopped can be replaced by a new one that carries on (resumeUnfinished, from an alarm
 * or at start-up). A member is stored `sending` before its request starts; one found `sending` by
 * a new worker becomes `unknown`, never resent. A write that fails stops the run before anything
 * more is sent, and the members it was for stay queued.
 */
export function createBulkRunner({ background: deps, sleep, alarm, policy: overrides }: BulkRunnerDeps) {
  const policy: RunPolicy = { ...DEFAULT_POLICY, ...overrides };
  const syncAlarm = alarmSync(alarm);
  const storage = createRunStorage(syncAlarm);
  /** Every read-modify-write goes through here, one at a time. */
  const serial = createSerialQueue();
  /** Whether this worker's loop is running, and how many of its requests are in flight. */
  let looping = false;
  const slots = createSlots();
  /**
   * Answers waiting for the queue: filed with the next write, a claim's or their own. At 50
   * requests a second a write per answer and per claim, one after the other, was what held the
   * rate down (npm run bench); an answer filed a few ms later changes nothing a new worker would
   * do (a member still `sending` is never resent, and the send log has the answer).
   */
  let unfiled: Unfiled[] = [];

  /** Inside the queue: the run with every waiting answer settled, and the members they changed. */
  async function settleUnfiled(run: StoredBulkRun) {
    const batch = unfiled;
    unfiled = [];
    const changed = new Map<number, BulkItem>();
    let next = run;
    for (const { index, result } of batch) {
      const item = changed.get(index) ?? (await storage.findItem(index));
      if (item === null) continue;
      const filed = settle(next, item, result, deps.now(), policy);
      next = filed.run;
      changed.set(index, filed.item);
    }
    const done = (error?: unknown) => {
      for (const answer of batch) answer.filed(error);
    };
    return { run: next, changed, done };
  }

  /** Claims the next member (stored `sending`), or says what the loop should do instead. */
  const claimNext = () =>
    serial(async () => {
      const stored = await storage.readRun();
      if (stored === null) return { kind: "over" as const };
      const { run, changed, done } = await settleUnfiled(stored);
      try {
        const step = run.status === "running" ? nextStep(run, deps.now()) : ({ kind: "over" } as const);
        if (step.kind !== "claim") {
          if (changed.size > 0) await storage.writeItems(run, changed.values());
          done();
          return step;
        }
        const item = changed.get(step.index) ?? (await storage.findItem(step.index));
        if (item === null) {
          await storage.markDamaged(run);
          done();
          return { kind: "over" as const };
        }
        const claimed = claim(run, item, deps.now());
        changed.set(item.index, claimed.item);
        // Staged, not yet stored: the loop goes on to the next slot while this write is under way,
        // and the member's request waits for it (sendOne).
        const { written } = await storage.stageItems(claimed.run, changed.values());
        written.then(() => done(), done);
        return { kind: "claimed" as const, run: claimed.run, item: claimed.item, written };
      } catch (error) {
        done(error);
        throw error;
      }
    });

  /** Files one answer: with the next write already due, or in one of its own. */
  const fileAnswer = (index: number, result: SendResult) =>
    new Promise<void>((resolve, reject) => {
      unfiled.push({ index, result, filed: (error) => (error === undefined ? resolve() : reject(error)) });
      if (unfiled.length > 1) return;
      void serial(async () => {
        const run = await storage.readRun();
        if (run === null) {
          for (const answer of unfiled.splice(0)) answer.filed();
          return;
        }
        const { run: next, changed, done } = await settleUnfiled(run);
        if (changed.size === 0) return done();
        // Staged only: the queue goes on (a claim may be waiting) while the write is under way.
        try {
          const { written } = await storage.stageItems(next, changed.values());
          written.then(() => done(), done);
        } catch (error) {
          done(error);
        }
      });
    });

  /** Asks the API whether it answers at all before anyone else is sent. */
  async function probe(run: StoredBulkRun): Promise<void> {
    const answer = await probeApi(deps, run);
    await serial(async () => {
      const latest = await storage.readRun();
      if ("failure" in answer) {
        if (latest) await storage.write(stop(latest, answer.failure));
      } else if (latest?.status === "running")
        await storage.write(probed(latest, answer.answered, deps.now(), policy));
    });
  }

  /**
   * Sends one member and files the answer. The slot is given back (`release`) once the answer is
   * queued, not once it is written: the request is over, and the next claim settles every queued
   * answer before it decides anything (a 429's wait, a 401's stop). Holding the slot through the
   * write made the write's time count against the concurrency (npm run bench).
   */
  async function sendOne(
    run: StoredBulkRun,
    item: BulkItem,
    claimWritten: Promise<void>,
    release: () => void,
  ): Promise<void> {
    // At most once: the member is stored `sending` before its request starts.
    await claimWritten;
    const answered = fileAnswer(item.index, await sendMember(deps, run, item));
    release();
    await answered;
  }

  /** A failure the loop cannot go on after: storage refused a write, or a bug. */
  async function onFailure(error: unknown, what: string): Promise<void> {
    if (error instanceof StorageFailure) await storage.stopForStorage();
    else console.error(what, error);
  }

  /** The loop: start requests while the run is running, within its rate and concurrency. */
  async function loop(): Promise<void> {
    if (looping) return;
    looping = true;
    let nextStart = 0;
    try {
      for (;;) {
        const run = await storage.readRun();
        if (run === null || run.status !== "running") break;
        if (slots.taken >= run.concurrency) {
          await slots.freed();
          continue;
        }
        const now = deps.now();
        if (nextStart > now) {
          await sleep(Math.min(nextStart - now, MAX_NAP_MS));
          continue;
        }
        const slot = dueSlot(nextStart, now, 1000 / run.ratePerSecond);
        const step = await claimNext();
        switch (step.kind) {
          case "over":
            break;
          case "wait":
            await sleep(Math.min(Math.max(step.until - deps.now(), 1), MAX_NAP_MS));
            continue;
          case "probe":
            // Requests already out settle first: their answers may end the outage by themselves.
            if (slots.taken > 0) await slots.freed();
            else await probe(run);
            continue;
          case "idle":
            if (slots.taken > 0) {
              await slots.freed();
              continue;
            }
            await serial(async () => {
              const latest = await storage.readRun();
              if (latest) await storage.write(finishIfDone(latest));
            });
            // Members sent back to the queue (a 429, a 503) keep the loop going after the wait.
            if ((await storage.readRun())?.status === "running") {
              await sleep(MAX_NAP_MS);
              continue;
            }
            break;
          case "claimed": {
            // Paced from the slot this request was due, not from when the claim finished: the
            // claim's own time must not slow the rate down.
            nextStart = slot + 1000 / run.ratePerSecond;
            const release = slots.take();
            void sendOne(step.run, step.item, step.written, release)
              .catch((error: unknown) => onFailure(error, "Bulk runner failed"))
              .finally(release);
            continue;
          }
        }
        break;
      }
      while (slots.taken > 0) await slots.freed();
    } catch (error) {
      await onFailure(error, "Bulk runner failed");
    } finally {
      looping = false;
      await syncAlarm(storage.current());
    }
  }

  /** Changes the run's status under the lock; returns the run as changed, or null. */
  const changeRun = (change: (run: StoredBulkRun) => StoredBulkRun | null) =>
    serial(async () => {
      const run = await storage.readRun();
      const next = run === null ? null : change(run);
      if (next === null) return null;
      await storage.write({ ...next, updatedAt: deps.now() });
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
        const existing = await storage.readRun();
        if (isUnfinished(existing)) return { ok: false, reason: "run-in-progress" };
        const { run, items } = newRun(request.value, connection, deps.newId(), deps.now());
        try {
          await storage.clear(existing);
          await storage.create(run, items);
        } catch (error) {
          console.error("Could not store the bulk run", error);
          // Nothing was sent; leave no half-written run behind.
          await storage.clear(run).catch(() => undefined);
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
        const stored = await storage.readRun();
        if (stored === null || (stored.status !== "paused" && stored.status !== "stopped") || stored.damaged)
          return null;
        if (!(await storage.loadAllChunks(stored))) {
          await storage.markDamaged(stored);
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
        await storage.write(next);
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
        let run = await storage.readRun();
        // Only a finished run: a cancelled one would carry on through the members cancelled.
        if (run === null || run.status !== "done" || run.damaged) return 0;
        const changed: Record<number, BulkItem[]> = {};
        const retry = [...run.retry];
        const counts = { ...run.counts };
        for (let chunk = 0; chunk * BULK_CHUNK_SIZE < run.total; chunk++) {
          const items = await storage.readChunk(chunk);
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
        await storage.write(run, changed);
        return count;
      });
      if (requeued > 0) void loop();
      return { requeued };
    },

    /** Forgets a finished, cancelled or damaged run and its items. */
    async clear(): Promise<null> {
      await serial(async () => {
        const run = await storage.readRun();
        if (run !== null && (run.status === "done" || run.status === "cancelled" || run.damaged))
          await storage.clear(run);
        await syncAlarm(null);
      });
      return null;
    },

    /**
     * Picks up a run a stopped worker left: members it had in flight become `unknown`, and a
     * running run goes on. Safe to call often (alarm, start-up, every worker start).
     */
    async resumeUnfinished(): Promise<void> {
      if (looping || slots.taken > 0) return;
      const run = await serial(() => recoverRun(deps, storage)).catch(async (error: unknown) => {
        await onFailure(error, "Could not resume the bulk run");
        return null;
      });
      await syncAlarm(run);
      if (run?.status === "running") void loop();
    },
  };
}

/** The bulk runner, as the background wires it. */
export type BulkRunner = ReturnType<typeof createBulkRunner>;
