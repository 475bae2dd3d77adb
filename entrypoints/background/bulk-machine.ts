import type { BulkItem, BulkItemState, BulkRun } from "@/utils/bulk-run";
import { OUTCOME_TRAITS } from "@/utils/outcome-traits";
import { MAX_RETRY_AFTER_SECONDS, type SendOutcomeKind, type SendResult } from "@/utils/send-outcome";

/** Stored run state beyond what pages read: where the queue stands. */
export interface StoredBulkRun extends BulkRun {
  /** The next never-tried recipient. */
  cursor: number;
  /** Recipients to try again (after a 429, 503, offline, a stop, or "retry failed"), first first. */
  retry: number[];
  /**
   * After an answer that may or may not have reached Placewise (the line dropped, a 5xx, a
   * timeout), no member is claimed until a harmless read (GET /v3/loyalty_clubs/{club}) answers:
   * an outage costs at most one unknown member per request in flight, not one per member.
   */
  probe?: boolean;
}

/** The numbers the machine decides with; tests pass short ones. */
export interface RunPolicy {
  /** Requests per member at most (429s, 503s, offline): then the member is failed, not sent. */
  maxAttempts: number;
  /** Backoff after a 503, an offline browser, a repeated 429 or a probe that got no answer. */
  firstBackoffMs: number;
  maxBackoffMs: number;
  /** A 429 without a readable Retry-After waits this long (before backoff). */
  defaultRetryAfterMs: number;
  /** At or below this many requests left (ratelimit-remaining), the run slows to one a second. */
  lowRemaining: number;
}

/** The policy the extension runs with. */
export const DEFAULT_POLICY: RunPolicy = {
  maxAttempts: 5,
  firstBackoffMs: 2_000,
  maxBackoffMs: 60_000,
  defaultRetryAfterMs: 5_000,
  lowRemaining: 3,
};

/** What may happen next in a running run. */
export type NextStep =
  | { kind: "claim"; index: number }
  /** Ask the API whether it answers before anyone else is sent. */
  | { kind: "probe" }
  /** Nothing may start before `until` (epoch ms). */
  | { kind: "wait"; until: number }
  /** Nothing is queued: the run is over once the requests in flight settle. */
  | { kind: "idle" };

/** The run's next step at `now`; pure. */
export function nextStep(run: StoredBulkRun, now: number): NextStep {
  if (now < run.resumeAt) return { kind: "wait", until: run.resumeAt };
  if (run.probe) return { kind: "probe" };
  const index = run.retry.length > 0 ? run.retry[0] : run.cursor < run.total ? run.cursor : undefined;
  return index === undefined ? { kind: "idle" } : { kind: "claim", index };
}

/**
 * The slot a request starting at `now` counts as, for pacing (the next is due one interval
 * after it); pure. Late by less than one interval (a timer that fired late, a busy worker), it
 * keeps its place on the schedule, so late wake-ups do not add up: each used to cost the run its
 * lateness (npm run bench: ~4 ms of every 20 under load). Later than that (a wait, a full
 * concurrency), the schedule starts again from now, so no debt turns into a burst: in any window,
 * at most one request more than the rate allows.
 */
export function dueSlot(due: number, now: number, intervalMs: number): number {
  return now - due < intervalMs ? due : now;
}

/** Marks the member `sending` before its request starts; takes it off the queue. */
export function claim(
  run: StoredBulkRun,
  item: BulkItem,
  now: number,
): { run: StoredBulkRun; item: BulkItem } {
  const next = { ...run, retry: [...run.retry] };
  if (next.retry[0] === item.index) next.retry.shift();
  else if (next.cursor === item.index) next.cursor++;
  return move(next, item, { ...item, state: "sending", attempts: item.attempts + 1, updatedAt: now });
}

/** Files one answer: the member's new state, and what it means for the run; pure. */
export function settle(
  run: StoredBulkRun,
  item: BulkItem,
  result: SendResult,
  now: number,
  policy: RunPolicy,
): { run: StoredBulkRun; item: BulkItem } {
  const kind = result.kind;
  const filed: BulkItem = {
    ...item,
    outcome: kind,
    status: "status" in result ? result.status : null,
    updatedAt: now,
  };
  let next: StoredBulkRun = { ...run, retry: [...run.retry] };
  let state: BulkItemState;
  switch (OUTCOME_TRAITS[kind].bulk) {
    case "done":
      state = "sent";
      next.backoffMs = 0;
      break;
    case "failed":
      state = "failed";
      break;
    case "unknown":
      state = "unknown";
      next.probe = true;
      next.waitReason = kind;
      break;
    case "stop-run":
      state = "queued";
      next.retry.unshift(item.index);
      next = stop(next, kind);
      break;
    case "try-later": {
      if (item.attempts >= policy.maxAttempts) {
        state = "failed";
        break;
      }
      state = "queued";
      next.retry.unshift(item.index);
      next.backoffMs = Math.min(Math.max(next.backoffMs * 2, policy.firstBackoffMs), policy.maxBackoffMs);
      let waitMs = next.backoffMs;
      if (result.kind === "rate-limited") {
        const asked = result.retryAfterSeconds;
        if (asked !== undefined && asked > MAX_RETRY_AFTER_SECONDS) {
          // Waiting hours with the page open helps nobody: stop and say why.
          next = stop(next, kind);
          break;
        }
        // Retry-After is a floor, the doubling backoff the answer to a storm of them.
        waitMs = Math.max(asked === undefined ? policy.defaultRetryAfterMs : asked * 1000, next.backoffMs);
      }
      next.resumeAt = Math.max(next.resumeAt, now + waitMs);
      next.waitReason = kind;
      break;
    }
  }
  const remaining = result.rateLimitRemaining;
  if (remaining !== undefined && remaining <= policy.lowRemaining && next.status === "running") {
    // Slow down before Placewise's limiter says 429: one request a second while little is left.
    next.resumeAt = Math.max(next.resumeAt, now + (remaining === 0 ? policy.defaultRetryAfterMs : 1_000));
    next.waitReason ??= "rate-limited";
  }
  const moved = move(next, item, { ...filed, state });
  return { run: finishIfDone(moved.run), item: moved.item };
}

/** Files the probe's result: any HTTP answer lets the run carry on; none means wait longer. */
export function probed(run: StoredBulkRun, answered: boolean, now: number, policy: RunPolicy): StoredBulkRun {
  if (answered) return { ...run, probe: false, backoffMs: 0, waitReason: undefined };
  const backoffMs = Math.min(Math.max(run.backoffMs * 2, policy.firstBackoffMs), policy.maxBackoffMs);
  return { ...run, backoffMs, resumeAt: now + backoffMs };
}

/**
 * A new worker found the run: a member still `sending` was in flight when the old worker died, so
 * Placewise may have acted on it: unknown, never resent. When the send log shows the old worker
 * did get an answer that says sent (it died between logging and filing it), the member is sent.
 */
export function recoverItem(item: BulkItem, now: number, logged?: SendOutcomeKind): BulkItem {
  if (item.state !== "sending") return item;
  if (logged !== undefined && OUTCOME_TRAITS[logged].effect === "sent")
    return { ...item, state: "sent", outcome: logged, status: 200, updatedAt: now };
  return { ...item, state: "unknown", updatedAt: now };
}

/** The run after its members were recovered: counts moved from sending to sent or unknown. */
export function recovered(run: StoredBulkRun, recoveredItems: readonly BulkItem[]): StoredBulkRun {
  const counts = { ...run.counts, sending: 0 };
  for (const item of recoveredItems) counts[item.state] += 1;
  return finishIfDone({ ...run, counts });
}

/** Stops the run for a reason every later request would share (token, permit, storage…). */
export function stop(run: StoredBulkRun, reason: StoredBulkRun["stopReason"]): StoredBulkRun {
  return run.status === "running" ? { ...run, status: "stopped", stopReason: reason } : run;
}

/** A running run with nothing queued or in flight is done. */
export function finishIfDone(run: StoredBulkRun): StoredBulkRun {
  if (run.status !== "running" || run.counts.queued > 0 || run.counts.sending > 0) return run;
  return { ...run, status: "done" };
}

/** Whether the run may still send by itself (the alarm that resumes it is needed). */
export function isActive(run: BulkRun | null): boolean {
  return run?.status === "running";
}

/** Replaces `from` by `to` in the run's counts and time. */
function move(run: StoredBulkRun, from: BulkItem, to: BulkItem): { run: StoredBulkRun; item: BulkItem } {
  const counts = { ...run.counts };
  counts[from.state] -= 1;
  counts[to.state] += 1;
  return { run: { ...run, counts, updatedAt: to.updatedAt }, item: to };
}
